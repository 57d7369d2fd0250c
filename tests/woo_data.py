"""Generated Woo dossier files for the tests: an inventory spreadsheet (productierapport) as open.minvws.nl takes
it, the PDF of released documents with stamped grounds, and decision letters (and letters that are not one).

Deterministic: the same seed gives the same rows and the same PDFs (the .xlsx content is the same; its zip
timestamps are openpyxl's). The values take the forms real dossiers use (see shared/notes/woo-formats.md).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path
from typing import Any, Literal

from openarchief.demo.pdf import write_pdf
from openarchief.search.model import InventoryRow

COLUMNS = (
    "ID",
    "Matter",
    "Family",
    "Email Thread ID",
    "Document",
    "File Type",
    "Datum",
    "Beoordeling",
    "Opgeschort",
    "Beoordelingsgrond",
    "Toelichting",
    "Publieke Link",
    "Gerelateerd ID",
    "Zaaknummer",
)
# Beoordeling as the spreadsheet writes it -> the API's judgement value (the truth, kept apart from the parser).
JUDGEMENT_VALUES = {
    "Openbaar": "openbaar",
    "Deels Openbaar": "deels_openbaar",
    "Niet Openbaar": "niet_openbaar",
    "Reeds Openbaar": "reeds_openbaar",
}
_MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()
_SUBJECTS = (
    "Overeenkomst GGD-RIVM",
    "Verzoek om advies mondkapjes",
    "Planning testcapaciteit week 8",
    "Aanpassing protocol BCO",
    "Inzet teststraten Schiphol",
    "Concept Kamerbrief vaccinatiestrategie",
    "Overleg LCPS beddencapaciteit",
    "OMT-advies quarantaineduur",
)
_ATTACHMENTS = (
    ("{date:%Y%m%d} aanpassing protocol BCO_DEF.docx", "Word Processing"),
    ("Notitie OMT-advies {date:%d-%m-%Y}.pdf", "PDF"),
    ("Planning testlocaties {date:%Y%m%d}.xlsx", "Spreadsheet"),
)
_GROUNDS = ("5.1.2e", "5.1.2i", "5.2.1", "5.1.1e", "5.1.2a", "5.1.2d")
_TOELICHTING = {
    "Openbaar": "",
    "Deels Openbaar": "Persoonsgegevens van medewerkers zijn weggelakt.",
    "Niet Openbaar": "Intern beraad; persoonlijke beleidsopvattingen.",
    "Reeds Openbaar": "Is al gepubliceerd.",
}


def _judgement(rng: random.Random) -> str:
    return rng.choices(list(JUDGEMENT_VALUES), weights=(4, 6, 2, 1))[0]


def _grounds_for(judgement: str, rng: random.Random) -> list[str]:
    if judgement in ("Openbaar", "Reeds Openbaar"):
        return []
    count = rng.choice((1, 1, 2, 2, 3))
    return sorted(rng.sample(_GROUNDS, count), key=_GROUNDS.index)


def sample_rows(n: int, seed: int = 1) -> list[dict[str, Any]]:
    """`n` productierapport rows, keyed by the 14 column names; Datum is a datetime (None for a few attachments
    without a date), Beoordelingsgrond the codes joined by "; " as the format writes them."""
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    number, thread = 3001, 232004
    while len(rows) < n:
        when = dt.datetime(2021, 1, 4, 8, 0) + dt.timedelta(days=rng.randrange(300), minutes=rng.randrange(600))
        judgement = _judgement(rng)
        subject = rng.choice(_SUBJECTS)
        email = _row(
            number, None, thread, f"{rng.choice(('RE: ', 'FW: ', ''))}{subject}", "Email", when, judgement, rng
        )
        rows.append(email)
        number += 1
        # An e-mail often brings attachments: the same family, the parent's ID in Family.
        for _ in range(rng.choice((0, 0, 1, 2))):
            if len(rows) >= n:
                break
            name, file_type = rng.choice(_ATTACHMENTS)
            dated = None if rng.random() < 0.2 else when
            rows.append(
                _row(number, email["ID"], thread, name.format(date=when), file_type, dated, _judgement(rng), rng)
            )
            number += 1
        number += rng.choice((0, 0, 0, 3))  # gaps where documents were dropped as duplicates
        thread += rng.randrange(1, 40)
    return rows


def _row(
    number: int,
    family: int | None,
    thread: int,
    document: str,
    file_type: str,
    when: dt.datetime | None,
    judgement: str,
    rng: random.Random,
) -> dict[str, Any]:
    grounds = _grounds_for(judgement, rng)
    return {
        "ID": number,
        "Matter": "09",
        "Family": family,
        "Email Thread ID": thread,
        "Document": document,
        "File Type": file_type,
        "Datum": when,
        "Beoordeling": judgement,
        "Opgeschort": "",
        "Beoordelingsgrond": "; ".join(grounds),
        "Toelichting": _TOELICHTING[judgement],
        "Publieke Link": f"https://open.minvws.nl/dossier/VWS-WOO/{number}" if judgement == "Reeds Openbaar" else "",
        "Gerelateerd ID": str(family) if family else "",
        "Zaaknummer": rng.choice(("2024-01", "2024-01", "2024-01;2024-03")),
    }


def expected_rows(rows: list[dict[str, Any]]) -> list[InventoryRow]:
    """What a reader of the productierapport must give for `rows`."""
    return [
        InventoryRow(
            number=str(row["ID"]),
            document_id=str(row["ID"]),
            title=row["Document"],
            date=row["Datum"].date() if row["Datum"] else None,
            judgement=JUDGEMENT_VALUES[row["Beoordeling"]],  # type: ignore[arg-type]
            grounds=[code for code in row["Beoordelingsgrond"].split("; ") if code],
            origin="spreadsheet",
        )
        for row in rows
    ]


def us_datetime(when: dt.datetime | None) -> str:
    """ "2/19/2021 8:46 AM UTC", as the productierapport writes Datum."""
    if when is None:
        return ""
    hour = when.hour % 12 or 12
    return f"{when.month}/{when.day}/{when.year} {hour}:{when.minute:02d} {'AM' if when.hour < 12 else 'PM'} UTC"


def _cells(row: dict[str, Any], date_cells: bool) -> list[Any]:
    cells = []
    for column in COLUMNS:
        value = row[column]
        if column == "Datum" and not (date_cells and value):
            value = us_datetime(value)
        cells.append("" if value is None else value)
    return cells


def write_productierapport(
    path: Path,
    rows: list[dict[str, Any]],
    fmt: Literal["xlsx", "csv"],
    *,
    delimiter: str = ",",
    bom: bool = False,
    date_cells: bool = False,
) -> Path:
    """A productierapport with all 14 columns. xlsx: Datum as the US text, or with date_cells=True as Excel date
    cells; csv: `delimiter` "," or ";", UTF-8, with a byte order mark when `bom`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter)
            writer.writerow(COLUMNS)
            writer.writerows(_cells(row, False) for row in rows)
        return path
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Productierapport"
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append(_cells(row, date_cells))
    fixed = dt.datetime(2024, 3, 1, 12, 0)
    workbook.properties.created = workbook.properties.modified = fixed
    workbook.save(path)
    return path


def _email_page(row: dict[str, Any], heading: str, rng: random.Random) -> list[str]:
    """The pages of one released e-mail or attachment: names and numbers redacted and stamped with the code."""
    grounds = row["Beoordelingsgrond"].split("; ") if row["Beoordelingsgrond"] else []
    stamp = grounds[0] if grounds else None
    lines = [heading, ""]
    if row["File Type"] == "Email":
        sender = stamp or "info@rivm.nl"
        when = row["Datum"] or dt.datetime(2021, 1, 1)
        lines += [
            f"Van: {sender}",
            f"Verzonden: {when.day} {_MONTHS[when.month - 1]} {when.year} {when:%H:%M}",
            f"Aan: {stamp or 'bco@ggd.nl'}",
            f"Onderwerp: {row['Document']}",
            "",
        ]
    else:
        lines += [row["Document"], ""]
    body = [
        "Beste collega's,",
        "",
        "Hierbij stuur ik de stand van zaken rond de testcapaciteit en de planning voor de komende weken. "
        "De GGD'en melden dat de afspraken in de teststraten binnen 24 uur worden ingepland.",
        "",
    ]
    # Every ground of the row stamped at least once, alone on a line where the passage was; two together once.
    for code in grounds:
        body += [code, "", "Graag ontvang ik uiterlijk vrijdag jullie reactie op het voorstel.", ""]
    if len(grounds) > 1:
        body += [" ".join(grounds[:2]), ""]
    if not grounds:
        # Prose that names a code is no stamp.
        body += ["Namen van medewerkers worden bij openbaarmaking weggelakt op grond van artikel 5.1.2e Woo.", ""]
    body += ["Met vriendelijke groet,", "", stamp or "Afdeling Testen"]
    pages = ["\n".join(lines + body)]
    if rng.random() < 0.3:  # a longer document runs on to a second page
        pages.append(
            "\n".join(["Bijlage bij het bericht", "", "Overzicht van testlocaties per regio.", "", *grounds[-1:]])
        )
    return pages


def write_released_documents(
    path: Path, rows: list[dict[str, Any]], *, heading: str = "ID {id}", seed: int = 1
) -> dict[str, int]:
    """One PDF with the released documents of `rows` (those judged openbaar or deels openbaar; the others are not
    released), each starting on a new page whose first line is `heading` ("ID 3001", "Documentnummer {id}").
    Returns each released ID -> the page its document starts on."""
    rng = random.Random(seed)
    pages: list[str] = []
    starts: dict[str, int] = {}
    for row in rows:
        if row["Beoordeling"] not in ("Openbaar", "Deels Openbaar"):
            continue
        starts[str(row["ID"])] = len(pages) + 1
        pages += _email_page(row, heading.format(id=row["ID"]), rng)
    write_pdf(Path(path), pages, title="Openbaar gemaakte documenten")
    return starts


def _long_date(date: dt.date) -> str:
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def _signature(organisation_name: str) -> str:
    if organisation_name.startswith("Ministerie van "):
        return f"De Minister van {organisation_name.removeprefix('Ministerie van ')},\nnamens deze,"
    return f"Het college van {organisation_name},"


def _letterhead(organisation_name: str, kenmerk: str, date: dt.date, betreft: str, same_line: bool) -> str:
    kenmerk_field = f"Ons kenmerk: {kenmerk}" if same_line else f"Kenmerk\n{kenmerk}"
    return (
        f"{organisation_name}\nPostbus 20350\n2500 EJ Den Haag\nwww.rijksoverheid.nl\n\n"
        f"Aan de heer J. de Vries\nKeizersgracht 12\n1015 CS Amsterdam\n\n"
        f"Datum {_long_date(date)}\n{kenmerk_field}\nUw kenmerk -\nBetreft {betreft}"
    )


def write_decision_letter(
    path: Path,
    *,
    organisation_name: str,
    kenmerk: str,
    date: dt.date,
    subject: str,
    woo: bool = True,
    deel: bool = False,
    betreft: str | None = None,
    kenmerk_same_line: bool = False,
) -> Path:
    """A decision letter on a Woo (or, woo=False, Wob) request about `subject`, on two pages. `betreft` replaces
    the subject line ("Besluit op uw Woo-verzoek"), e.g. with one that does not say it is a decision."""
    law, law_name = ("Woo", "Wet open overheid") if woo else ("Wob", "Wet openbaarheid van bestuur")
    grounds = ("5.1.2e", "5.2.1") if woo else ("10.2.e", "11.1")
    requested = date - dt.timedelta(days=47)
    betreft = betreft or f"{'Deelbesluit' if deel else 'Besluit'} op uw {law}-verzoek"
    decided = (
        "Met deze brief wordt op een deel van uw verzoek beslist. Dit deelbesluit betreft de documenten van 2021."
        if deel
        else "Met deze brief beslis ik op uw verzoek."
    )
    page_1 = f"""{_letterhead(organisation_name, kenmerk, date, betreft, kenmerk_same_line)}

Geachte heer De Vries,

U heeft op {_long_date(requested)} met een beroep op de {law_name} ({law}) informatie verzocht over {subject}. {decided}

Procedureverloop

De ontvangst van uw verzoek is op {_long_date(requested + dt.timedelta(days=3))} bevestigd. Bij brief van {_long_date(requested + dt.timedelta(days=25))} is de beslistermijn verdaagd.

Besluit

Ik heb besloten uw verzoek gedeeltelijk in te willigen. Van de 41 documenten maak ik er 12 volledig openbaar, 23 gedeeltelijk en 6 niet. De passages die ik weiger zijn te herkennen aan de code “{grounds[0]}” of “{grounds[1]}” in de weggelakte tekst."""
    page_2 = f"""Overwegingen

Persoonlijke levenssfeer. In de documenten staan namen en telefoonnummers van medewerkers die niet in de openbaarheid treden. Het belang van openbaarheid weegt niet op tegen de bescherming van hun persoonlijke levenssfeer.

Wijze van openbaarmaking

De documenten worden met dit besluit gepubliceerd op open.overheid.nl. De inventarislijst is als bijlage bij dit besluit gevoegd.

Bezwaar

Tegen dit besluit kunt u binnen zes weken na de dag van bekendmaking bezwaar maken.

{_signature(organisation_name)}

het hoofd van de afdeling Informatieverzoeken"""
    return write_pdf(Path(path), [page_1, page_2], title=betreft)


# Letters that are no decision: what a detector must answer None for.
_OTHER_LETTERS = {
    "ontvangst": (
        "Ontvangstbevestiging van uw Woo-verzoek",
        "Op {requested} hebben wij uw verzoek op grond van de Wet open overheid (Woo) ontvangen. U heeft met een beroep "
        "op de Woo verzocht om informatie over {subject}. Binnen vier weken wordt op uw verzoek beslist. Deze termijn "
        "kan met twee weken worden verlengd.",
    ),
    "verdaging": (
        "Verdaging beslistermijn Woo-verzoek",
        "U heeft met een beroep op de Wet open overheid (Woo) verzocht om informatie over {subject}. Met deze brief "
        "verdaag ik de termijn om op uw verzoek te beslissen met twee weken, omdat derden in de gelegenheid worden "
        "gesteld hun zienswijze te geven.",
    ),
    "vermelding": (
        "Voortgang programma vaccinatie",
        "Hierbij informeer ik uw Kamer over de voortgang van het vaccinatieprogramma. De onderliggende stukken worden "
        "op grond van de Wet open overheid (Woo) actief openbaar gemaakt. Eerder verzochten journalisten met een "
        "beroep op de Woo om informatie over {subject}; op die verzoeken wordt afzonderlijk beslist.",
    ),
}


def write_other_letter(
    path: Path,
    *,
    kind: Literal["ontvangst", "verdaging", "vermelding"],
    organisation_name: str,
    kenmerk: str,
    date: dt.date,
    subject: str,
    betreft: str | None = None,
) -> Path:
    """A letter that mentions a Woo request but decides nothing on it: a receipt, a deferral, or a Kamerbrief.
    `betreft` replaces its subject line (e.g. with a neutral "Uw Woo-verzoek")."""
    default_betreft, body = _OTHER_LETTERS[kind]
    betreft = betreft or default_betreft
    text = body.format(requested=_long_date(date - dt.timedelta(days=9)), subject=subject)
    page = f"""{_letterhead(organisation_name, kenmerk, date, betreft, True)}

Geachte heer De Vries,

{text}

Met vriendelijke groet,

{_signature(organisation_name)}"""
    return write_pdf(Path(path), [page], title=betreft)

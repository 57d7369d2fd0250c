"""Inventory PDFs (inventarislijsten) in the layouts real Woo and Wob decisions use, each with its truth.

Each layout is a decision letter (prose that names grounds, a small summary table) followed by the inventory as
a reportlab table whose cells wrap (Paragraph), whose heading repeats on every page and is sometimes broken
mid-word ("Volgnum / mer"), with page furniture, sub-numbered rows ("2.a"), titles that begin with a number or
name a judgement, and URLs broken over lines. Deterministic: seeded, and reportlab's invariant mode.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

CELL = ParagraphStyle("cell", fontName="Helvetica", fontSize=8, leading=10)
HEAD = ParagraphStyle("head", parent=CELL, fontName="Helvetica-Bold")
BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10.5, leading=14, spaceAfter=8)

WOO_GROUNDS = ["5.1.1c", "5.1.1d", "5.1.2a", "5.1.2c", "5.1.2e", "5.1.2f", "5.1.2h", "5.1.2i", "5.2.1"]
WOB_GROUNDS = ["10.1b", "10.1c", "10.2a", "10.2b", "10.2d", "10.2e", "10.2g", "11.1"]

SUBJECTS = [
    "opvang asielzoekers in de regio",
    "evacuatie lokale medewerkers Kaboel",
    "stikstofdepositie Natura 2000-gebieden",
    "inzet van de Nationale Politie bij demonstraties",
    "openbaar vervoer tijdens de lockdown",
    "aanbesteding ICT-systemen Belastingdienst",
    "Woo-verzoek over de toeslagenaffaire",
    "gesprek met de burgemeester van Rotterdam",
    "beantwoording Kamervragen over energieprijzen",
    "subsidieregeling verduurzaming maatschappelijk vastgoed",
    "overleg met de Vereniging van Nederlandse Gemeenten",
    "voorbereiding bezoek minister aan Brussel",
    "advies Raad van State over de Omgevingswet",
    "crisisberaad Afghanistan evacuatie 09.00",
    "inzet mondkapjes in het onderwijs",
]
MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()


@dataclass
class Row:
    number: str
    judgement: str
    grounds: list[str]
    document_id: str | None = None
    title: str = ""
    date: dt.date | None = None
    url: str | None = None


@dataclass
class Layout:
    """One organisation's way of writing an inventory."""

    name: str
    heading: list[str]  # may hold <br/> where the organisation's heading breaks
    widths: list[float]  # in mm
    cells: Callable[[Row], list[str]]  # a row's cells, as the organisation writes them
    rows: list[Row] = field(default_factory=list)
    valign: str = "TOP"
    furniture: str = "none"  # "pagina" ("Pagina 3 van 9"), "number" ("3"), "running" (a running head)


# --- how each organisation writes values --------------------------------------------------------------------


def woo_coded(codes: list[str]) -> str:
    return "; ".join(codes)


def wob_dotted(codes: list[str], separator: str = ", ") -> str:
    """ "10.2e" as "10.2.e", the way the Wob inventories write it."""
    return separator.join(c if c == "11.1" else f"{c[:-1]}.{c[-1]}" for c in codes)


def woo_written(codes: list[str]) -> str:
    """ "5.1.2e" as "5.1 lid 2 sub e"."""
    parts = []
    for code in codes:
        article, lid = code[:3], code[4]
        letter = code[5:]
        parts.append(f"{article} lid {lid} sub {letter}" if letter else f"{article} lid {lid}")
    return ", ".join(parts)


def wob_articles(codes: list[str]) -> str:
    """ "10.2e" as "Art. 10 lid 2 sub e Wob", "11.1" as "Art. 11 lid 1 Wob"."""
    parts = []
    for code in codes:
        article, rest = code.split(".")
        letter = rest[1:]
        parts.append(f"Art. {article} lid {rest[0]}" + (f" sub {letter}" if letter else "") + " Wob")
    return "; ".join(parts)


def nl_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# --- the rows -------------------------------------------------------------------------------------------------


def title(rng: random.Random, day: dt.date) -> str:
    subject = rng.choice(SUBJECTS)
    kind = rng.randrange(10)
    if kind == 0:
        return f"RE: {subject}"
    if kind == 1:
        return f"FW: {subject.capitalize()} - vervolgoverleg en afspraken over de verdere aanpak"
    if kind == 2:
        return f"{day:%Y%m%d}_{subject.replace(' ', '_')}.docx.pdf"
    if kind == 3:
        # A title that begins with a number, and one that names a judgement.
        return f"{day.day} {MONTHS[day.month % 12]} overleg {subject}"
    if kind == 4:
        return f"Openbaar vervoer en {subject}"
    if kind == 5:
        return "E-mail"
    if kind == 6:
        return f"Nota aan de minister over {subject}, met bijlagen en een advies van de directie over {rng.choice(SUBJECTS)}"
    if kind == 7:
        return f"Verslag {subject} {nl_date(day)}"
    if kind == 8:
        return f"Kamerbrief {subject} ({rng.randint(2, 40)} pagina's)"
    return subject.capitalize()


def judgement_of(rng: random.Random, weights: dict[str, int]) -> str:
    values = list(weights)
    return rng.choices(values, weights=[weights[v] for v in values])[0]


def grounds_for(rng: random.Random, value: str, pool: list[str]) -> list[str]:
    if value not in ("deels_openbaar", "niet_openbaar"):
        return []
    picked = rng.sample(pool, k=rng.choice([1, 1, 2, 2, 3]))
    return sorted(picked, key=pool.index)


def make_rows(
    rng: random.Random,
    count: int,
    weights: dict[str, int],
    pool: list[str],
    *,
    first: int = 1,
    sub_rows: bool = False,
) -> list[Row]:
    rows = []
    day = dt.date(2021, 1, 4)
    number = first
    while len(rows) < count:
        day += dt.timedelta(days=rng.randrange(0, 4))
        value = judgement_of(rng, weights)
        rows.append(Row(str(number), value, grounds_for(rng, value, pool), title=title(rng, day), date=day))
        if sub_rows and rng.random() < 0.15:
            for letter in "abc"[: rng.randint(1, 3)]:
                value = judgement_of(rng, weights)
                rows.append(
                    Row(
                        f"{number}.{letter}",
                        value,
                        grounds_for(rng, value, pool),
                        title=f"Bijlage {letter}: {title(rng, day)}",
                        date=day,
                    )
                )
        number += 1
    for row in rows:
        if row.judgement == "reeds_openbaar":
            slug = row.title.lower().replace(" ", "-").replace(":", "")[:60].strip("-")
            row.url = f"https://www.rijksoverheid.nl/documenten/kamerstukken/{row.date:%Y/%m/%d}/{slug}"
    return rows


# --- the layouts ----------------------------------------------------------------------------------------------

WOO_LABELS = {
    "openbaar": "Openbaar",
    "deels_openbaar": "Deels openbaar",
    "niet_openbaar": "Niet openbaar",
    "reeds_openbaar": "Reeds openbaar",
    "buiten_reikwijdte": "Buiten reikwijdte",
}
WOB_LABELS = WOO_LABELS | {"deels_openbaar": "Deels Openbaar", "niet_openbaar": "Niet Openbaar"}
HYPHEN_LABELS = WOO_LABELS | {"niet_openbaar": "Niet-openbaar"}


def woo_datum(rng: random.Random) -> Layout:
    """Woo era: Nr. | Datum | Documentnaam | Beoordeling | Weigeringsgrond(en), grounds "5.1.2e; 5.1.2i"."""
    weights = {"openbaar": 3, "deels_openbaar": 6, "niet_openbaar": 3, "reeds_openbaar": 1}
    return Layout(
        "woo_datum",
        ["Nr.", "Datum", "Documentnaam", "Beoordeling", "Weigeringsgrond(en)"],
        [12, 24, 110, 30, 40],
        lambda r: [r.number, f"{r.date:%d-%m-%Y}", r.title, WOO_LABELS[r.judgement], woo_coded(r.grounds)],
        make_rows(rng, 180, weights, WOO_GROUNDS),
        valign="TOP",
        furniture="pagina",
    )


def beslissing_conform(rng: random.Random) -> Layout:
    """Wob era: Volgnummer | Documentnr. | Onderwerp | Datum document | Beoordeling | Beslissing conform, the
    heading broken mid-word, grounds "Art. 10 lid 2 sub e Wob", outside the request "Art. 3 Wob"."""
    weights = {"openbaar": 2, "deels_openbaar": 5, "niet_openbaar": 4, "buiten_reikwijdte": 1}

    def cells(r: Row) -> list[str]:
        written = "Art. 3 Wob" if r.judgement == "buiten_reikwijdte" else wob_articles(r.grounds)
        return [
            r.number,
            r.document_id or "",
            r.title,
            nl_date(r.date) if r.date else "",
            WOB_LABELS[r.judgement],
            written,
        ]

    rows = make_rows(rng, 170, weights, WOB_GROUNDS)
    for i, row in enumerate(rows):
        row.document_id = f"BZ-{2021}-{4400 + 3 * i:05d}"
    return Layout(
        "beslissing_conform",
        ["Volgnum<br/>mer", "Documentnr.", "Onderwerp", "Datum document", "Beoordeling", "Beslissing<br/>conform"],
        [14, 30, 95, 28, 24, 45],
        cells,
        rows,
        valign="MIDDLE",
        furniture="running",
    )


def sub_rows(rng: random.Random) -> Layout:
    """Attachments as sub-rows ("2.a"), documents already public with their URL broken over lines, grounds
    "5.1 lid 2 sub e"."""
    weights = {"openbaar": 3, "deels_openbaar": 5, "niet_openbaar": 2, "reeds_openbaar": 2}

    def cells(r: Row) -> list[str]:
        return [r.number, r.title, f"{r.date:%Y-%m-%d}", WOO_LABELS[r.judgement], woo_written(r.grounds), r.url or ""]

    return Layout(
        "sub_rows",
        ["Nr.", "Documentnaam", "Datum", "Beoordeling", "Weigeringsgronden", "Vindplaats reeds openbare stukken"],
        [12, 80, 20, 26, 38, 60],
        cells,
        make_rows(rng, 150, weights, WOO_GROUNDS, sub_rows=True),
        valign="TOP",
        furniture="number",
    )


def id_wob(rng: random.Random) -> Layout:
    """Numbered by document id only (from 1001), "Niet-openbaar", grounds "10.2.e; 11.1" in a "Wob" column,
    outside the request "Buiten reikwijdte" with "Art. 3 Wob"."""
    weights = {"openbaar": 2, "deels_openbaar": 4, "niet_openbaar": 5, "buiten_reikwijdte": 1}

    def cells(r: Row) -> list[str]:
        written = "Art. 3 Wob" if r.judgement == "buiten_reikwijdte" else wob_dotted(r.grounds, "; ")
        return [r.number, r.title, HYPHEN_LABELS[r.judgement], written]

    rows = make_rows(rng, 160, weights, WOB_GROUNDS, first=1001)
    for row in rows:
        row.document_id, row.date = row.number, None
    return Layout("id_wob", ["ID", "Titel document", "Beoordeling", "Wob"], [18, 140, 30, 40], cells, rows)


def soort_document(rng: random.Random) -> Layout:
    """Nr. | Documentnr. | Datum | Soort document | Onderwerp | Beoordeling | Weigerings / gronden, the kind of
    document in a column of its own beside the title."""
    weights = {"openbaar": 2, "deels_openbaar": 6, "niet_openbaar": 4}
    kinds = ["E-mail", "Nota", "Brief", "Verslag", "Memo", "Presentatie"]

    def cells(r: Row) -> list[str]:
        kind = kinds[int(r.number) % len(kinds)]
        return [
            r.number,
            r.document_id or "",
            f"{r.date:%d-%m-%Y}",
            kind,
            r.title,
            WOB_LABELS[r.judgement],
            wob_dotted(r.grounds),
        ]

    rows = make_rows(rng, 140, weights, WOB_GROUNDS)
    for i, row in enumerate(rows):
        row.document_id = str(288000 + 7 * i + rng.randrange(5))
    return Layout(
        "soort_document",
        ["Nr.", "Documentnr.", "Datum", "Soort document", "Onderwerp", "Beoordeling", "Weigerings<br/>gronden"],
        [10, 20, 20, 22, 90, 24, 25],
        cells,
        rows,
        valign="MIDDLE",
        furniture="pagina",
    )


LAYOUTS: list[Callable[[random.Random], Layout]] = [woo_datum, beslissing_conform, sub_rows, id_wob, soort_document]


# --- the PDF --------------------------------------------------------------------------------------------------

LETTER = [
    "Geachte heer, mevrouw,",
    "In uw verzoek op grond van de Wet open overheid (Woo) vraagt u om documenten over het onderwerp van deze "
    "beslissing. Hierbij ontvangt u mijn besluit. In de inventarislijst (bijlage 1) staat per document de "
    "beoordeling en, waar informatie niet openbaar wordt gemaakt, de weigeringsgrond.",
    "Beoordeling",
    "Ik heb besloten de documenten deels openbaar te maken. Op grond van artikel 5.1, tweede lid, onder e, van de "
    "Woo (10.2.e Wob) weiger ik persoonsgegevens. Daarnaast is artikel 5.1 lid 2 sub i toegepast, en voor "
    "persoonlijke beleidsopvattingen artikel 11 lid 1 Wob. Documenten die buiten de reikwijdte van uw verzoek "
    "vallen (Art. 3 Wob) zijn niet beoordeeld.",
    "Weigeringsgronden",
    "12 documenten zijn reeds openbaar. 3 documenten zijn niet openbaar. Voor de overige documenten geldt: "
    "deels openbaar.",
]


def _furniture(kind: str, total: list[int]) -> Callable:
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        width = doc.pagesize[0]
        if kind == "pagina":
            canvas.drawRightString(width - 15 * mm, 8 * mm, f"Pagina {doc.page} van {total[0] or '?'}")
        elif kind == "number":
            canvas.drawCentredString(width / 2, 8 * mm, str(doc.page))
        elif kind == "running":
            canvas.drawString(
                15 * mm, doc.pagesize[1] - 10 * mm, "Inventarislijst behorend bij besluit op Wob-verzoek 2021/0412"
            )
        canvas.restoreState()

    return draw


def _paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _story(layout: Layout) -> list:
    story: list = [_paragraph(text, BODY) for text in LETTER]
    summary = Table([["Beoordeling", "Aantal"], ["Openbaar", "12"], ["Deels openbaar", "40"], ["Niet openbaar", "3"]])
    summary.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]))
    story += [summary, Spacer(1, 6 * mm), _paragraph("Hoogachtend, de minister, namens deze, het hoofd Woo", BODY)]
    story += [PageBreak(), _paragraph("Bijlage 1 – Inventarislijst", BODY)]
    data = [[Paragraph(h, HEAD) for h in layout.heading]]
    data += [[_paragraph(cell, CELL) for cell in layout.cells(row)] for row in layout.rows]
    table = Table(data, colWidths=[w * mm for w in layout.widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                ("VALIGN", (0, 0), (-1, -1), layout.valign),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
            ]
        )
    )
    story.append(table)
    return story


def write_layout(layout: Layout, path: Path) -> Path:
    total = [0]
    for _ in range(2):  # the second pass knows the page count for "Pagina 3 van 9"
        doc = SimpleDocTemplate(
            str(path),
            pagesize=landscape(A4),
            leftMargin=15 * mm,
            rightMargin=15 * mm,
            topMargin=15 * mm,
            bottomMargin=15 * mm,
            invariant=1,
        )
        draw = _furniture(layout.furniture, total)
        doc.build(_story(layout), onFirstPage=draw, onLaterPages=draw)
        total[0] = doc.page
    return path


def build_layouts(folder: Path, seed: int = 20240) -> list[tuple[Layout, Path]]:
    """Every layout written to `folder`, with its truth rows."""
    built = []
    for index, make in enumerate(LAYOUTS):
        layout = make(random.Random(seed + index))
        built.append((layout, write_layout(layout, folder / f"inventaris_{layout.name}.pdf")))
    return built


if __name__ == "__main__":  # python tests/woo_layouts.py OUT_DIR: write them to look at
    import sys

    for layout, path in build_layouts(Path(sys.argv[1])):
        print(path, len(layout.rows), "rows")

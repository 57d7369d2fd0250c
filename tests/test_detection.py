"""Metadata detected from the text alone (the detectors of openarchief.ingest.detect),
MEASURED: precision and recall per field on the real corpus (labelled by hand below, after reading each file's
text) and on the generated demo corpus (labelled by its sidecars and manifest; the detectors see only the PDF
text). Run with -s to see the table. Then focused tests for the tricky cases.

Scoring per field: a detector's answer is either a value or None ("not sure"). precision = correct answers /
all non-None answers (a value where the truth is None counts as wrong); recall = correct answers / documents
whose true value is not None.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import require

from openarchief.ingest.detect import category_for_type, date_from_text, detect_category, detect_ministry, detect_type
from openarchief.ingest.extractors import extract
from openarchief.ingest.normalize import normalize_page
from openarchief.search.failures import Failure
from openarchief.search.vocabularies import categories, document_types, ministries

FIELDS = ("ministry", "type", "category", "date")

# Ministries
BZK, EZ, FIN, JENV, OCW, SZW = "mnre1034", "mnre1045", "mnre1090", "mnre1058", "mnre1109", "mnre1073"
IENW, LNV, VRO, VWS = "mnre1130", "mnre1153", "mnre1171", "mnre1025"
# Document types (TOOI documentsoorten, PLOOI v3)
BRIEF, KAMERSTUK, KV_MET, BESLISNOTA = "c_7652d853", "c_056a75e1", "c_6d494ab6", "c_2977c34f"
BESLUIT, BESLUITENLIJST, WOO_BESLUIT, STAATSCOURANT = "c_465163c9", "c_d4a4792f", "c_4f50ca9c", "c_0670bae1"
RAPPORT, ONDERZOEKSRAPPORT, PERSBERICHT, KV_ZONDER = "c_3300f29a", "c_6f49bf34", "c_7eba29ad", "c_03c52ba0"
# Woo information categories
C_WETTEN, C_INGEKOMEN, C_STATEN_GENERAAL = "c_139c6280", "c_8c840238", "c_c76862ab"
C_DECENTRAAL, C_BESTUURSCOLLEGES, C_WOO, C_ONDERZOEK = "c_db4862c3", "c_3a248e3a", "c_3baef532", "c_fdaee95e"


def truth(ministry=None, type=None, category=None, date=None) -> dict:
    date = dt.date.fromisoformat(date) if date else None
    return {"ministry": ministry, "type": type, "category": category, "date": date}


# The real corpus, labelled by hand from the text of each file (pypdfium2, normalized).
REAL = {
    # Aanhangsel Handelingen 2020-2021 nr. 3235: questions to, and answers by, the Minister van SZW. The date of a
    # Kamervraag met antwoord is the date of the answer ("ontvangen 21 juni 2021"); the text also carries the
    # date the questions were sent in (3 June), which date_from_text takes, being the first.
    "plooi__ah-tk-20202021-3235.pdf": truth(SZW, KV_MET, C_STATEN_GENERAAL, "2021-06-21"),
    # A motie is a Kamerstuk (32 545 nr. 143). Its authors are members of the Kamer, not a ministry: the
    # dossier is a Financiën one, but no ministry sends it.
    "plooi__kst-32545-143.pdf": truth(None, KAMERSTUK, C_STATEN_GENERAAL, "2021-07-06"),
    # Kamerbrief of the Staatssecretaris van Veiligheid en Justitie (today Justitie en Veiligheid); letterhead
    # DG Preventie, Jeugd en Sancties. A letter to the Kamer is a stuk ingekomen at a representative body (2a),
    # as the demo corpus labels its Kamerbrieven too.
    "plooi__20110301-5687928a-draagmoederschap.pdf": truth(JENV, BRIEF, C_INGEKOMEN, "2011-03-01"),
    # UN Security Council resolution, in English: no Dutch ministry, no documentsoort of the list, no category.
    "plooi__vn-1441.pdf": truth(None, None, None, "2002-11-08"),
    # A scan without a text layer: really an LNV beslisnota, but nothing of it is in the text, so nothing can
    # be detected; any value would be invented.
    "plooi__blg-1007826.pdf": truth(None, None, None, None),
    # Decisions of the municipal council of Den Helder: a council is a representative body, so its besluitenlijst
    # is a vergaderstuk decentrale overheden (art. 3.3 lid 2 c Woo); lid 2 d is for bestuurscolleges (B&W, GS).
    "ori__Besluitenlijst-raadsvergadering-29-juni-2015.pdf": truth(None, BESLUITENLIJST, C_DECENTRAAL, "2015-06-29"),
    # A verordening of the council of Heerlen: no documentsoort "verordening" in the list; it is a besluit holding
    # algemeen verbindende voorschriften (its own form says "Algemeen verbindend voorschrift? Ja"): type besluit,
    # category 1a. Dated 18-12-2024 on page 1.
    "heerlen__parkeerverordening-2025.pdf": truth(None, BESLUIT, C_WETTEN, "2024-12-18"),
}

# Demo documents written without sidecar or manifest row (only a PDF Title): labelled here by hand, as the real
# corpus is. They are the case the detectors exist for.
DEMO_BY_HAND = {
    "motie-jansen-bestemmingsplanprocedures.pdf": truth(None, KAMERSTUK, C_STATEN_GENERAAL, "2020-11-12"),
    "kamerbrief-sociale-veiligheid-scholen.pdf": truth(OCW, BRIEF, C_INGEKOMEN, "2024-12-18"),
    # A nota of a directie to its Staatssecretaris (EZK) advising on proposals to decide on: a beslisnota.
    "20190301_nota.pdf": truth(EZ, BESLISNOTA, None, "2019-03-01"),
}


def read_pages(path: Path) -> list[str] | None:
    """Normalized page texts, or None for a file no extractor can open (not a PDF, truncated)."""
    try:
        return [normalize_page(t) for t in extract(path, "pypdfium2").pages]
    except Failure:
        return None


def detected(pages: list[str]) -> dict:
    type_code = detect_type(pages)
    return {
        "ministry": detect_ministry(pages),
        "type": type_code,
        "category": detect_category(pages, type_code),
        "date": date_from_text(pages),
    }


def score(cases: list[tuple[str, dict, dict]]) -> dict[str, dict[str, float]]:
    table = {}
    for field in FIELDS:
        answered = sum(1 for _, _, got in cases if got[field] is not None)
        labelled = sum(1 for _, want, _ in cases if want[field] is not None)
        correct = sum(1 for _, want, got in cases if got[field] is not None and got[field] == want[field])
        table[field] = {
            "n": len(cases),
            "labelled": labelled,
            "answered": answered,
            "correct": correct,
            "precision": correct / answered if answered else 1.0,
            "recall": correct / labelled if labelled else 1.0,
        }
    return table


def report(name: str, cases: list[tuple[str, dict, dict]]) -> dict[str, dict[str, float]]:
    table = score(cases)
    print(f"\n{name}")
    print(f"{'field':10} {'n':>3} {'labelled':>8} {'answered':>8} {'correct':>7} {'precision':>9} {'recall':>6}")
    for field, row in table.items():
        print(
            f"{field:10} {row['n']:3d} {row['labelled']:8d} {row['answered']:8d} {row['correct']:7d}"
            f" {row['precision']:9.2f} {row['recall']:6.2f}"
        )
    for file, want, got in cases:
        wrong = [f"{f}: want {want[f]} got {got[f]}" for f in FIELDS if got[f] is not None and got[f] != want[f]]
        missed = [f for f in FIELDS if got[f] is None and want[f] is not None]
        if wrong or missed:
            print(f"  {file}: " + "; ".join(wrong + ([f"missed {', '.join(missed)}"] if missed else [])))
    return table


@pytest.fixture(scope="module")
def real_cases(corpus) -> list[tuple[str, dict, dict]]:
    cases = []
    for name, want in REAL.items():
        path = corpus / name
        require(path.is_file(), f"corpus file {name}")
        pages = read_pages(path)
        assert pages is not None, name
        cases.append((name, want, detected(pages)))
    return cases


def demo_label(pdf: Path, manifest: dict[str, dict]) -> dict | None:
    given = None
    if pdf.with_suffix(".json").is_file():
        given = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
    elif pdf.name in manifest:
        given = manifest[pdf.name]
    if given is None:
        return DEMO_BY_HAND.get(pdf.name)
    # Resolved as ingest resolves them: a historical ministry code becomes today's successor.
    return truth(
        ministries().resolve(given.get("ministry")),
        document_types().resolve(given.get("type")),
        categories().resolve(given.get("category")),
        given.get("date") or None,
    )


@pytest.fixture(scope="module")
def demo_cases(generated) -> list[tuple[str, dict, dict]]:
    with open(generated / "manifest.csv", encoding="utf-8") as f:
        manifest = {row["file"]: row for row in csv.DictReader(f)}
    cases, skipped = [], []
    for pdf in sorted(generated.glob("*.pdf")):
        want = demo_label(pdf, manifest)
        assert want is not None, f"{pdf.name} has no label: add it to DEMO_BY_HAND"
        pages = read_pages(pdf)
        # Broken files and the scan (no text layer; its words come only from OCR) give the detectors nothing.
        if pages is None or not any(p.strip() for p in pages):
            skipped.append(pdf.name)
            continue
        cases.append((pdf.name, want, detected(pages)))
    print(f"\ndemo files without text, not scored: {', '.join(skipped)}")
    assert len(cases) >= 12
    return cases


# Thresholds. A wrong facet value misleads, a missing one only hides the document from that facet: precision
# must stay at 0.9 or above on every detected field, on each corpus, while recall may be lower (the detectors
# answer None when the text carries no sender, e.g. a brochure or an inventarislijst). The date comes from the
# older date_from_text, measured here as it is: it takes the first date of a page when no line is labelled, so
# it misses month-only dates and picks the wrong date on tables and Kamervragen; it is held to a lower floor.
PRECISION, RECALL = 0.9, 0.6
DATE_PRECISION, DATE_RECALL = 0.6, 0.6


def check(table: dict[str, dict[str, float]]) -> None:
    for field in ("ministry", "type", "category"):
        assert table[field]["precision"] >= PRECISION, (field, table[field])
        assert table[field]["recall"] >= RECALL, (field, table[field])
    assert table["date"]["precision"] >= DATE_PRECISION, table["date"]
    assert table["date"]["recall"] >= DATE_RECALL, table["date"]


def test_precision_and_recall_on_the_real_corpus(real_cases):
    check(report("real corpus (hand-labelled)", real_cases))


def test_precision_and_recall_on_the_demo_corpus(demo_cases):
    check(report("demo corpus (sidecars and manifest; 3 files labelled by hand)", demo_cases))


def test_precision_and_recall_on_both(real_cases, demo_cases):
    check(report("both corpora", real_cases + demo_cases))


# --- focused cases ------------------------------------------------------------------------------------------

LETTER = """> Retouradres Postbus 20201 2500 EE Den Haag
Aan de Voorzitter van de Tweede Kamer
der Staten-Generaal
Postbus 20018
2500 EA DEN HAAG
Datum 12 mei 2022
Betreft {subject}
Geachte voorzitter,
{body}
"""


def test_the_sender_wins_over_a_ministry_mentioned_in_the_body():
    page = "Ministerie van Financiën\n" + LETTER.format(
        subject="Fiscale regeling",
        body="In overleg met de minister van Justitie en Veiligheid en met het\n"
        "Ministerie van Sociale Zaken en Werkgelegenheid stel ik voor ...",
    )
    assert detect_ministry([page]) == FIN
    # Mentioned only in running text: no sender, no answer.
    body_only = LETTER.format(
        subject="Fiscale regeling",
        body="De minister van Justitie en Veiligheid heeft\n"
        "mij gevraagd, in overleg met het Ministerie van Financiën, ...",
    )
    assert detect_ministry([body_only]) is None


def test_signature_names_the_sender_and_a_tie_gives_none():
    one = LETTER.format(subject="Zorg", body="Tekst.\nDe Minister van Volksgezondheid,\nWelzijn en Sport,\n\nE. S.")
    assert detect_ministry([one]) == VWS
    joint = LETTER.format(
        subject="Zorg",
        body="Tekst.\nDe Minister van Volksgezondheid, Welzijn en Sport,\nX\n"
        "De Minister van Sociale Zaken en Werkgelegenheid,\nY",
    )
    assert detect_ministry([joint]) is None
    # ... unless the letterhead says who sends it.
    assert detect_ministry(["Ministerie van Sociale Zaken en Werkgelegenheid\n" + joint]) == SZW


@pytest.mark.parametrize(
    "letterhead, code",
    [
        ("Ministerie van Veiligheid en Justitie", JENV),
        ("Ministerie van Justitie", JENV),
        ("Ministerie van Infrastructuur en Milieu", IENW),
        ("Ministerie van Verkeer en Waterstaat", IENW),
        ("Ministerie van Volkshuisvesting, Ruimtelijke\nOrdening en Milieubeheer", VRO),
        ("Ministerie van VROM", VRO),
        ("Ministerie van Landbouw, Natuur en\nVoedselkwaliteit", LNV),
        ("Ministerie van LNV", LNV),
        ("Ministerie van Economische Zaken, Landbouw en Innovatie", EZ),
        ("MINISTERIE VAN FINANCIËN", FIN),
        ("Directoraat-Generaal\nPreventie, Jeugd en\nSancties", JENV),
        ("Rijkswaterstaat", IENW),
        ("Ministry of Health, Welfare and Sport", VWS),
    ],
)
def test_historical_names_and_directorates_map_to_the_successor(letterhead, code):
    assert detect_ministry([letterhead + "\n" + LETTER.format(subject="Iets", body="Tekst.")]) == code


def test_rijksoverheid_address_in_the_letterhead():
    page = LETTER.format(subject="Iets", body="Tekst.") + "Postbus 20301\nwww.rijksoverheid.nl/venj"
    assert detect_ministry([page]) == JENV


def test_a_minister_without_portfolio_names_no_ministry():
    # The minister voor Volkshuisvesting sat at BZK in 2023; since 2024 there is a ministry of that name.
    page = LETTER.format(subject="Wonen", body="Tekst.\nDe Minister voor Volkshuisvesting en Ruimtelijke Ordening,")
    assert detect_ministry([page]) is None
    assert detect_ministry([page.replace("Minister voor", "Minister van")]) == VRO


def test_an_internal_nota_belongs_to_the_minister_it_is_addressed_to():
    nota = "Nota\nAan: de Minister van Financiën\nVan: directie Begrotingszaken\nDatum: 1 maart 2020\nBeslispunten\n1."
    assert detect_ministry([nota]) == FIN
    assert detect_type([nota]) == BESLISNOTA
    wrapped = "Nota\nAan: de Minister van Volksgezondheid,\nWelzijn en Sport\nVan: directie Publieke Gezondheid\n..."
    assert detect_ministry([wrapped]) == VWS
    # In a letter "Aan de Minister van ..." is only the addressee.
    letter = "Aan de Minister van Financiën\nPostbus 20201\nDatum 1 maart 2020\nOnderwerp Iets\nGeachte minister,\n..."
    assert detect_ministry([letter]) is None


def test_no_ministry_in_an_english_or_empty_text():
    un = (
        "United Nations S/RES/1441 (2002)\nSecurity Council\nResolution 1441 (2002)\nThe Security Council,\n"
        "Recalling all its previous relevant resolutions, ...\nDecides to remain seized of the matter."
    )
    assert detect_ministry([un]) is None and detect_type([un]) is None
    assert detect_ministry([]) is None and detect_ministry(["", ""]) is None
    assert detect_type(["", ""]) is None and detect_category(["", ""]) is None


def test_parliamentary_papers():
    motie = "MOTIE VAN HET LID JANSEN\nVoorgesteld 1 juni 2021\nDe Kamer,\ngehoord de beraadslaging,\nverzoekt ..."
    assert detect_type([motie]) == KAMERSTUK and category_for_type(KAMERSTUK) == C_STATEN_GENERAAL
    council_motie = "MOTIE VAN HET LID JANSEN\nDe raad van de gemeente X, in vergadering bijeen,\nverzoekt ..."
    assert detect_type([council_motie]) is None
    answers = LETTER.format(subject="Antwoorden Kamervragen over de TOZO", body="Hierbij zend ik u ...")
    assert detect_type([answers]) == KV_MET
    questions = (
        "Vragen van het lid Jansen (CDA) aan de Minister van Financiën over banken (ingezonden 3 juni 2021)."
        "\n1\nKlopt het ..."
    )
    assert detect_type([questions]) == KV_ZONDER


def test_woo_decision_versus_acknowledgement():
    decision = LETTER.format(subject="Besluit op uw Woo-verzoek over cameratoezicht", body="Ik heb besloten ...")
    assert detect_type([decision]) == WOO_BESLUIT and detect_category([decision]) == C_WOO
    in_letter = LETTER.format(subject="Uw Woo-verzoek", body="Ik heb besloten de documenten deels openbaar te maken.")
    assert detect_type([in_letter]) == WOO_BESLUIT
    receipt = LETTER.format(
        subject="Uw Woo-verzoek",
        body="Hierbij bevestig ik de ontvangst van uw verzoek. Ik neem\nbinnen vier weken een besluit.",
    )
    assert detect_type([receipt]) == BRIEF
    inventory = "Inventarislijst bij het besluit op het Woo-verzoek\nNr. Datum Document Beoordeling\n1 ..."
    assert detect_type([inventory]) == WOO_BESLUIT


def test_gazette_verordening_and_council_decisions():
    staatscourant = (
        "STAATSCOURANT\nOfficiële uitgave van het Koninkrijk der Nederlanden sinds 1814.\nNr. 123\n"
        "Regeling van de Minister van Financiën van 1 mei 2020 ..."
    )
    assert detect_type([staatscourant]) == STAATSCOURANT
    # Cited in a letter, a gazette is not the document's type.
    cited = LETTER.format(subject="Iets", body="Staatscourant 2020, 123 bevat de regeling.")
    assert detect_type([cited]) == BRIEF
    verordening = "Verordening op de kamerverhuur 2015\nDe raad van de gemeente Den Helder;\nbesluit vast te stellen"
    assert detect_type([verordening]) == BESLUIT and detect_category([verordening]) == C_WETTEN
    # A proposal to adopt one is not the verordening.
    proposal = "Raadsvoorstel\nOnderwerp: Vaststellen Verordening op de kamerverhuur 2015\nDe raad wordt ..."
    assert detect_type([proposal]) is None
    college = "Besluitenlijst collegevergadering burgemeester en wethouders 3 mei 2022\n1. Opening"
    assert detect_type([college]) == BESLUITENLIJST and detect_category([college]) == C_BESTUURSCOLLEGES
    council = "Besluitenlijst raadsvergadering 29 juni 2015\n1. Opening"
    assert detect_category([council]) == C_DECENTRAAL
    # Type alone does not decide a besluitenlijst's category.
    assert category_for_type(BESLUITENLIJST) is None


def test_reports_and_press_releases():
    research = (
        "Rapport\nDe toegang tot de zorg\nSamenvatting\nDit onderzoek beantwoordt de onderzoeksvraag ...\n"
        "We hielden interviews met ..."
    )
    assert detect_type([research]) == ONDERZOEKSRAPPORT and detect_category([research]) == C_ONDERZOEK
    plain = "Rapport\nDe toegang tot de zorg\nSamenvatting\nDe zorg wordt duurder."
    assert detect_type([plain]) == RAPPORT and detect_category([plain]) is None
    # A letter that mentions a report in its body stays a letter.
    letter = LETTER.format(subject="Draagmoederschap", body="Rapport\nHet rapport over dit onderzoek is bijgevoegd.")
    assert detect_type([letter]) == BRIEF
    assert detect_type(["Persbericht\nKabinet investeert in wegen\nHet kabinet ..."]) == PERSBERICHT


def test_category_only_where_the_type_decides_it():
    assert category_for_type(WOO_BESLUIT) == C_WOO
    assert category_for_type(KV_MET) == C_STATEN_GENERAAL
    assert category_for_type(ONDERZOEKSRAPPORT) == C_ONDERZOEK
    assert category_for_type("c_386e74cb") == "c_8fc2335c"  # convenant
    assert category_for_type("c_3d782f30") == category_for_type("c_a6f44748") == "c_c6cd1213"  # jaarverslag, -plan
    for ambiguous in (BRIEF, BESLUIT, BESLUITENLIJST, RAPPORT, PERSBERICHT, BESLISNOTA, None):
        assert category_for_type(ambiguous) is None
    # Every category the mapping gives is in the list.
    for term in document_types():
        code = category_for_type(term.code)
        assert code is None or code in categories(), term

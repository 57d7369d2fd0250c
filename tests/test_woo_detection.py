"""Woo dossier pieces recognised in single files: the decision letter (openarchief.ingest.woo.decision), the
inventory spreadsheet (productierapport) and the grounds stamped on released pages (stamps).

Page texts are made as ingest makes them: the default pypdfium2 extractor, then normalize_page.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from conftest import corpus_file
from woo_data import (
    expected_rows,
    sample_rows,
    write_decision_letter,
    write_other_letter,
    write_productierapport,
    write_released_documents,
)

from openarchief.ingest.detect import detect_ministry
from openarchief.ingest.extractors import extract
from openarchief.ingest.normalize import normalize_page
from openarchief.ingest.woo.decision import Decision, detect_decision
from openarchief.ingest.woo.productierapport import is_productierapport, read_productierapport
from openarchief.ingest.woo.stamps import stamped_grounds

DECISION = "minbuza__wob-deelbesluit-1-afghanistan.pdf"
NOT_A_PDF = "plooi__IAmWrongPDF.pdf"
VWS_NAME, VWS = "Ministerie van Volksgezondheid, Welzijn en Sport", "mnre1025"


def page_texts(path: Path) -> list[str]:
    return [normalize_page(text) for text in extract(path, "pypdfium2").pages]


def other_real_pdfs(corpus: Path) -> list[Path]:
    return [p for p in sorted(corpus.glob("*.pdf")) if p.name not in (DECISION, NOT_A_PDF)]


@pytest.fixture(scope="module")
def real_decision(corpus) -> list[str]:
    return page_texts(corpus_file(corpus, DECISION))


# -- the decision letter ---------------------------------------------------------------------------------------


def test_real_wob_deelbesluit(real_decision):
    decision = detect_decision(real_decision)
    assert decision == Decision(
        kind="Wob-deelbesluit",
        kenmerk="Minbuza: 2022.11427-24",
        date=dt.date(2022, 2, 14),
        # "... met een beroep op de Wet openbaarheid van bestuur (hierna: Wob) informatie verzocht over Afghanistan."
        subject="Afghanistan",
        title="Reactie op uw Wob-verzoek over Afghanistan",
    )


def test_real_decision_is_read_from_its_first_pages_only(real_decision):
    assert detect_decision(real_decision[:3]) == detect_decision(real_decision)
    # The inventory pages alone are no decision letter.
    assert detect_decision(real_decision[15:]) is None


def test_no_decision_in_the_other_real_pdfs(corpus):
    others = other_real_pdfs(corpus)
    assert len(others) >= 6
    for path in others:
        assert detect_decision(page_texts(path)) is None, path.name


@pytest.mark.parametrize(
    ("woo", "deel", "kind"),
    [
        (True, False, "Woo-besluit"),
        (False, False, "Wob-besluit"),
        (True, True, "Woo-deelbesluit"),
        (False, True, "Wob-deelbesluit"),
    ],
)
def test_generated_decision_letters(tmp_path, woo, deel, kind):
    date = dt.date(2024, 3, 12) if woo else dt.date(2021, 11, 2)
    path = write_decision_letter(
        tmp_path / "besluit.pdf",
        organisation_name=VWS_NAME,
        kenmerk="2024-0000123456",
        date=date,
        subject="de inkoop van mondkapjes in 2020",
        woo=woo,
        deel=deel,
    )
    pages = page_texts(path)
    law = "Woo" if woo else "Wob"
    assert detect_decision(pages) == Decision(
        kind=kind,
        kenmerk="2024-0000123456",
        date=date,
        subject="de inkoop van mondkapjes in 2020",
        title=f"{'Deelbesluit' if deel else 'Besluit'} op uw {law}-verzoek over de inkoop van mondkapjes in 2020",
    )
    # The letterhead and signature are realistic enough for the ministry detector.
    assert detect_ministry(pages) == VWS


def test_decision_recognised_by_its_body_when_the_subject_line_does_not_say_so(tmp_path):
    path = write_decision_letter(
        tmp_path / "besluit.pdf",
        organisation_name=VWS_NAME,
        kenmerk="WOO-2023-77",
        date=dt.date(2023, 6, 1),
        subject="het coronadashboard",
        betreft="Uw verzoek van 14 april 2023",
        kenmerk_same_line=True,
    )
    decision = detect_decision(page_texts(path))
    assert decision is not None
    assert (decision.kind, decision.kenmerk, decision.subject) == ("Woo-besluit", "WOO-2023-77", "het coronadashboard")
    # No title of its own: the reader's title says what it is and what it is about.
    assert decision.title == "Besluit op uw Woo-verzoek over het coronadashboard"


@pytest.mark.parametrize(
    ("kind", "betreft"),
    [
        ("ontvangst", None),
        ("ontvangst", "Uw Woo-verzoek"),
        ("verdaging", None),
        ("verdaging", "Uw Woo-verzoek"),
        ("vermelding", None),
    ],
)
def test_letters_that_decide_nothing_are_no_decision(tmp_path, kind, betreft):
    path = write_other_letter(
        tmp_path / "brief.pdf",
        kind=kind,
        organisation_name=VWS_NAME,
        kenmerk="2024-0000999",
        date=dt.date(2024, 2, 1),
        subject="de inkoop van mondkapjes",
        betreft=betreft,
    )
    assert detect_decision(page_texts(path)) is None


def test_decision_on_plain_text_variants():
    letter = "Kenmerk: 1234-56\nDatum: 3 juni 2023\nOnderwerp: Woo-besluit Windpark Zeewolde\n\nGeachte mevrouw,\n"
    decision = detect_decision([letter])
    assert decision is not None
    assert (decision.kind, decision.kenmerk, decision.date) == ("Woo-besluit", "1234-56", dt.date(2023, 6, 3))
    assert (decision.subject, decision.title) == ("Windpark Zeewolde", "Woo-besluit Windpark Zeewolde")
    plain = detect_decision(["Betreft Besluit op uw verzoek om informatie\nDatum 1 juli 2020\n"])
    # No law named: before 1 May 2022 a request was a Wob request.
    assert plain is not None and plain.kind == "Wob-besluit"
    # An inventory or the released documents name their decision on top, and are not one.
    assert detect_decision(["Inventarislijst\nWoo-besluit Windpark Zeewolde\nNr. Document Beoordeling"]) is None
    assert detect_decision(["Documenten bij het Woo-besluit\nBesluit op uw Woo-verzoek over X"]) is None
    assert detect_decision([]) is None
    assert detect_decision(["", ""]) is None


# -- the productierapport --------------------------------------------------------------------------------------


def test_sample_rows_are_realistic_and_deterministic():
    rows = sample_rows(60, seed=7)
    assert rows == sample_rows(60, seed=7) and rows != sample_rows(60, seed=8)
    assert {r["File Type"] for r in rows} >= {"Email", "Word Processing", "PDF"}
    assert {r["Beoordeling"] for r in rows} == {"Openbaar", "Deels Openbaar", "Niet Openbaar", "Reeds Openbaar"}
    assert any(";" in r["Beoordelingsgrond"] for r in rows) and any(r["Datum"] is None for r in rows)


@pytest.mark.parametrize(
    ("fmt", "options"),
    [
        ("xlsx", {}),
        ("xlsx", {"date_cells": True}),
        ("csv", {"delimiter": ","}),
        ("csv", {"delimiter": ";"}),
        ("csv", {"delimiter": ";", "bom": True}),
    ],
)
def test_productierapport_reads_back_the_truth(tmp_path, fmt, options):
    rows = sample_rows(80, seed=3)
    path = write_productierapport(tmp_path / f"productierapport.{fmt}", rows, fmt, **options)
    assert is_productierapport(path)
    assert read_productierapport(path) == expected_rows(rows)


def test_productierapport_columns_in_any_order_and_case(tmp_path):
    path = tmp_path / "inventaris.csv"
    path.write_text(
        "beoordelingsgrond;DOCUMENT;Extra;datum;Id;BEOORDELING\n"
        '"5.1.2e; 5.1.2i";Verslag;x;2021-03-04;12;Deels openbaar\n'
        "onbekend;Memo;x;31/31/2021 1:00 PM UTC;13;Half openbaar\n"
        ";;;;;\n",
        encoding="utf-8",
    )
    first, second = read_productierapport(path)
    assert (first.number, first.title, first.date, first.judgement) == (
        "12",
        "Verslag",
        dt.date(2021, 3, 4),
        "deels_openbaar",
    )
    assert first.grounds == ["5.1.2e", "5.1.2i"] and first.unread == []
    # Filled but unreadable cells give no value and say so.
    assert (second.date, second.judgement, second.grounds) == (None, None, [])
    assert second.unread == ["date", "judgement", "grounds"]


def test_unrelated_spreadsheets_are_no_productierapport(tmp_path):
    plain = tmp_path / "begroting.csv"
    with open(plain, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["Jaar", "Post", "Bedrag"], ["2024", "Personeel", "1200"]])
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["ID", "Naam", "Adres"])  # an ID column alone is not enough
    workbook.save(tmp_path / "adressen.xlsx")
    (tmp_path / "kapot.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "binair.csv").write_bytes(bytes(range(256)))
    for name in ("begroting.csv", "adressen.xlsx", "kapot.xlsx", "binair.csv", "missing.csv"):
        assert not is_productierapport(tmp_path / name), name
    rows = sample_rows(5)
    assert not is_productierapport(
        write_productierapport(tmp_path / "rapport.csv", rows, "csv").rename(tmp_path / "rapport.txt")
    )


def test_unreadable_productierapport_raises_a_clear_error(tmp_path):
    (tmp_path / "kapot.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ValueError, match="not a readable .xlsx workbook"):
        read_productierapport(tmp_path / "kapot.xlsx")
    (tmp_path / "begroting.csv").write_text("Jaar,Post\n2024,Personeel\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no productierapport header row"):
        read_productierapport(tmp_path / "begroting.csv")
    with pytest.raises(ValueError, match="neither .xlsx nor .csv"):
        read_productierapport(tmp_path / "rapport.ods")


# -- stamped grounds -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("heading", ["ID {id}", "Documentnummer {id}"])
def test_stamps_on_released_documents(tmp_path, heading):
    rows = sample_rows(40, seed=5)
    starts = write_released_documents(tmp_path / "documenten.pdf", rows, heading=heading)
    pages = page_texts(tmp_path / "documenten.pdf")
    by_id = {str(r["ID"]): r for r in rows}
    bounds = sorted(starts.values()) + [len(pages) + 1]
    assert len(starts) == sum(r["Beoordeling"] in ("Openbaar", "Deels Openbaar") for r in rows)
    for document_id, start in starts.items():
        assert pages[start - 1].splitlines()[0] == heading.format(id=document_id)
        end = bounds[bounds.index(start) + 1]
        stamped = {code for page in pages[start - 1 : end - 1] for code in stamped_grounds(page)}
        expected = {code for code in by_id[document_id]["Beoordelingsgrond"].split("; ") if code}
        assert stamped == expected, document_id


def test_stamp_lines_and_prose():
    assert stamped_grounds("Van: 5.1.2e\nTekst\n5.1.2e 5.1.2i\nmeer tekst\n10.2.e, 10.2.g") == [
        "5.1.2e",
        "5.1.2i",
        "10.2e",
        "10.2g",
    ]
    assert stamped_grounds("zijn te herkennen aan de code “10.1.b” in de weggelakte tekst") == []
    assert stamped_grounds("Op grond van artikel 5.1.2e Woo\nis dit weggelakt") == []
    # A bare section number is no stamp; beside a lettered stamp the same line is.
    assert stamped_grounds("5.2.1\nInleiding\nTekst") == []
    assert stamped_grounds("5.2.1\nInleiding\n5.1.2e") == ["5.2.1", "5.1.2e"]
    # A wrapped grounds cell of an inventory row: next to a judgement, or ending in a comma.
    assert stamped_grounds("3 257526 verslag\nDeels\nOpenbaar\n10.2.a,\n10.2.e\n4 257527 nota") == []
    assert stamped_grounds("10.2.e,\n10.2.g\n16 257539 verslag") == []


def test_no_stamps_in_the_real_decision(real_decision):
    # Pages 1-15 (the letter and the Wob articles) only mention codes; pages 16-39 (the inventory) list them in
    # table cells, which also wrap onto lines of their own ("10.1.b," / "10.2.e"): neither is a stamp.
    assert len(real_decision) == 39
    assert [n for n, page in enumerate(real_decision, 1) if stamped_grounds(page)] == []
    assert sum("10.2.e" in page for page in real_decision[15:]) > 20  # the codes are there, as table cells


def test_no_stamps_in_the_other_real_pdfs(corpus):
    for path in other_real_pdfs(corpus):
        assert [n for n, page in enumerate(page_texts(path), 1) if stamped_grounds(page)] == [], path.name

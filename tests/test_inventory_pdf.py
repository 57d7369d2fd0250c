"""Inventory tables read from PDF text (ingest.woo.inventory_pdf): the real Wob decision exactly, generated
layouts by measured precision and recall, and ordinary documents not at all.

Thresholds for the generated layouts (tests/woo_layouts.py), over all their rows and per layout:
- rows (by number): recall >= 0.97, precision >= 0.99;
- judgements (per row, of the rows found): correct >= 0.97 of the truth, and a wrong value on at most 1% of rows
  (an unread value is not wrong);
- grounds (per row, the exact set): correct >= 0.95 of the truth, wrong on at most 1% of rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import corpus_file
from woo_layouts import Layout, build_layouts

from openarchief.ingest.extractors import extract
from openarchief.ingest.normalize import normalize_page
from openarchief.ingest.woo.inventory_pdf import parse_inventory
from openarchief.search.model import InventoryRow, Page

ROW_RECALL, ROW_PRECISION = 0.97, 0.99
JUDGEMENT_CORRECT, GROUNDS_CORRECT = 0.97, 0.95
MAX_WRONG = 0.01

AFGHANISTAN = "minbuza__wob-deelbesluit-1-afghanistan.pdf"
NOT_A_PDF = "plooi__IAmWrongPDF.pdf"


def pages_of(path: Path, engine: str = "pypdfium2") -> list[Page]:
    """The pages as ingest.process makes them: the extractor's text per page, normalised."""
    extraction = extract(path, engine)
    return [Page(number=i + 1, text=normalize_page(text)) for i, text in enumerate(extraction.pages)]


@pytest.fixture(scope="module")
def afghanistan(corpus) -> list[InventoryRow]:
    return parse_inventory(pages_of(corpus_file(corpus, AFGHANISTAN)))


def test_real_inventory_rows_are_numbered_1_to_400(afghanistan):
    assert [row.number for row in afghanistan] == [str(n) for n in range(1, 401)]
    assert all(16 <= (row.listed_page or 0) <= 39 for row in afghanistan)


def test_real_inventory_judgements(afghanistan):
    counts = Counter(row.judgement for row in afghanistan)
    assert counts == {"niet_openbaar": 264, "deels_openbaar": 134, "openbaar": 2}


def test_real_inventory_grounds(afghanistan):
    counts = Counter(code for row in afghanistan for code in row.grounds)
    assert counts == {"10.2e": 354, "10.2a": 326, "10.1b": 226, "10.2g": 22, "11.1": 3, "10.2b": 1}


def test_real_inventory_first_and_last_row(afghanistan):
    first, last = afghanistan[0], afghanistan[-1]
    assert (first.document_id, first.title, first.judgement, first.grounds) == (
        "414721",
        "RE: Urgent verzoek lokale staf ambassade Kaboel",
        "deels_openbaar",
        ["10.2e"],
    )
    assert (first.listed_page, first.origin, first.listed_in) == (16, "text", None)
    assert (last.document_id, last.title, last.judgement, last.grounds) == ("288362", "00658.DOCX", "openbaar", [])


def test_real_inventory_is_read_completely(afghanistan):
    assert [row.number for row in afghanistan if row.unread] == []


def test_decision_letter_alone_gives_no_rows(corpus):
    pages = pages_of(corpus_file(corpus, AFGHANISTAN))
    assert parse_inventory(pages[:15]) == []


def test_ordinary_documents_give_no_rows(corpus):
    others = [p for p in sorted(corpus.glob("*.pdf")) if p.name not in (AFGHANISTAN, NOT_A_PDF)]
    assert others
    for path in others:
        assert parse_inventory(pages_of(path)) == [], path.name


# --- generated layouts ----------------------------------------------------------------------------------------


@dataclass
class Score:
    truth: int = 0
    found: int = 0
    matched: int = 0
    judgement_right: int = 0
    judgement_wrong: int = 0
    grounds_right: int = 0
    grounds_wrong: int = 0

    def add(self, other: Score) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def recall(self) -> float:
        return self.matched / self.truth

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    def line(self, name: str) -> str:
        return (
            f"{name:20} rows {self.matched}/{self.truth} recall {self.recall:.3f} precision {self.precision:.3f} | "
            f"judgement right {self.judgement_right / self.truth:.3f} wrong {self.judgement_wrong / self.truth:.3f} | "
            f"grounds right {self.grounds_right / self.truth:.3f} wrong {self.grounds_wrong / self.truth:.3f}"
        )


def score(layout: Layout, rows: list[InventoryRow]) -> Score:
    truth = {row.number: row for row in layout.rows}
    result = Score(truth=len(truth), found=len(rows))
    for row in rows:
        expected = truth.get(row.number)
        if expected is None:
            continue
        result.matched += 1
        if row.judgement == expected.judgement:
            result.judgement_right += 1
        elif row.judgement is not None:
            result.judgement_wrong += 1
        if "grounds" in row.unread:
            continue
        if set(row.grounds) == set(expected.grounds):
            result.grounds_right += 1
        else:
            result.grounds_wrong += 1
    return result


@pytest.fixture(scope="module")
def layouts(tmp_path_factory) -> list[tuple[Layout, Path]]:
    return build_layouts(tmp_path_factory.mktemp("woo_layouts"))


@pytest.fixture(scope="module")
def measured(layouts) -> dict[str, Score]:
    scores = {}
    for layout, path in layouts:
        scores[layout.name] = score(layout, parse_inventory(pages_of(path)))
    total = Score()
    for value in scores.values():
        total.add(value)
    scores["overall"] = total
    print()
    for name, value in scores.items():
        print(value.line(name))
    return scores


def test_generated_layouts_are_read(measured):
    for name, value in measured.items():
        assert value.recall >= ROW_RECALL, value.line(name)
        assert value.precision >= ROW_PRECISION, value.line(name)
        assert value.judgement_right >= JUDGEMENT_CORRECT * value.truth, value.line(name)
        assert value.grounds_right >= GROUNDS_CORRECT * value.truth, value.line(name)


def test_generated_layouts_give_few_wrong_values(measured):
    for name, value in measured.items():
        assert value.judgement_wrong <= MAX_WRONG * value.truth, value.line(name)
        assert value.grounds_wrong <= MAX_WRONG * value.truth, value.line(name)


def test_generated_letter_pages_give_no_rows(layouts):
    for _, path in layouts:
        assert parse_inventory(pages_of(path)[:1]) == [], path.name


def test_pdfminer_gives_no_wrong_values(corpus, afghanistan):
    """pdfminer groups a table's text by columns, so it reads (almost) no rows; but what it gives must agree
    with the pypdfium2 reading."""
    by_number = {row.number: row for row in afghanistan}
    for row in parse_inventory(pages_of(corpus_file(corpus, AFGHANISTAN), "pdfminer")):
        if row.judgement is not None:
            assert row.judgement == by_number[row.number].judgement, row
        if "grounds" not in row.unread and row.grounds:
            assert row.grounds == by_number[row.number].grounds, row

"""Ingest of PDFs the project writes itself, for what the real corpus lacks: columns, ligatures, hyphens,
diacritics, encryption, truncation, empty files."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ENGINES as SEARCH_ENGINES
from conftest import engine_settings
from pdf_writers import write_encrypted_pdf, write_zero_byte_file

from openarchief.demo.broken import write_fake_pdf, write_truncated_pdf
from openarchief.demo.pdf import write_pdf, write_scanned_pdf
from openarchief.ingest.extractors import ENGINES, extract
from openarchief.ingest.normalize import normalize_page
from openarchief.ingest.pipeline import Ingestor
from openarchief.search import Index, SearchRequest
from openarchief.search.failures import Failure

TEXT = (
    "De ﬁnanciële positie van de gemeenten in Noord-Holland is zorgelijk.\n\n"
    "Het Woo-verzoek over de gemeentelijke ideeën en financiën van één provincie is ontvangen."
)
LEFT = "Eerste kolom: de gemeenteraad besprak de begroting van de provincie uitvoerig en besloot tot uitstel."
RIGHT = "Tweede kolom: het college reageerde met een brief aan alle inwoners over de parkeerregels."


def normalized(path, engine) -> list[str]:
    return [normalize_page(p) for p in extract(path, engine).pages]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("files")
    return {
        "text": write_pdf(
            d / "text.pdf",
            [TEXT],
            title="Microsoft Word - nota.docx",
            hyphenate_at=["gemeentelijke", "Noord-Holland", "Woo-verzoek"],
        ),
        "columns": write_pdf(d / "columns.pdf", [LEFT + "\n\n" + RIGHT], two_column=True),
        "open_encrypted": write_encrypted_pdf(d / "open.pdf", [TEXT], user_password=""),
        "locked": write_encrypted_pdf(d / "locked.pdf", [TEXT], user_password="geheim"),
        "truncated": write_truncated_pdf(d / "truncated.pdf"),
        "empty": write_zero_byte_file(d / "empty.pdf"),
        "fake": write_fake_pdf(d / "fake.pdf"),
        "scanned": write_scanned_pdf(d / "scan.pdf", ["Gescande beslisnota"]),
    }


@pytest.mark.parametrize("engine", ENGINES)
def test_ligatures_hyphens_and_diacritics(files, engine):
    text = normalized(files["text"], engine)[0]
    flat = " ".join(text.split())
    assert "financiële" in flat and "ﬁ" not in flat
    assert "gemeentelijke" in flat  # a broken word is joined
    assert "Noord-Holland" in flat and "Woo-verzoek" in flat  # a real compound keeps its hyphen
    assert "ideeën" in flat and "één" in flat and "\x02" not in flat


@pytest.mark.parametrize("engine", ENGINES)
def test_two_columns_come_out_in_reading_order(files, engine):
    flat = " ".join(" ".join(normalized(files["columns"], engine)).split())
    assert "uitvoerig en besloot tot uitstel" in flat
    assert "alle inwoners over de parkeerregels" in flat
    assert flat.index("Eerste kolom") < flat.index("Tweede kolom")


@pytest.mark.parametrize("engine", ENGINES)
def test_encryption(files, engine):
    assert "gemeenten" in normalized(files["open_encrypted"], engine)[0]
    with pytest.raises(Failure) as err:
        extract(files["locked"], engine)
    assert err.value.reason == "encrypted"


@pytest.mark.parametrize("engine", ENGINES)
def test_truncated_is_damaged(files, engine):
    with pytest.raises(Failure) as err:
        extract(files["truncated"], engine)
    assert err.value.reason == "damaged"


@pytest.mark.parametrize("search_engine", SEARCH_ENGINES)
@pytest.mark.parametrize("engine", ENGINES)
def test_ingest_records_every_bad_file_and_goes_on(files, tmp_path, engine, search_engine):
    settings = engine_settings(search_engine, tmp_path)
    index = Index(settings)
    ingestor = Ingestor(settings, index, extractor=engine)
    summary = ingestor.run(list(files.values()))
    ingestor.close()
    by_name = {Path(o.path).name: o for o in summary.outcomes}
    assert by_name["locked.pdf"].reason == "encrypted"
    assert by_name["truncated.pdf"].reason == "damaged"
    assert by_name["empty.pdf"].reason == "empty"
    assert by_name["fake.pdf"].reason == "not_pdf"
    assert {n for n, o in by_name.items() if o.status == "indexed"} == {
        "text.pdf",
        "columns.pdf",
        "open.pdf",
        "scan.pdf",
    }
    hits = index.search(SearchRequest(q='"gemeentelijke"')).hits
    assert len(hits) == 2  # text.pdf and its encrypted twin (other bytes, so another document)
    # The useless PDF Title gave way to the first line of the text.
    assert all(h.title.startswith("De financiële positie") for h in hits)
    scanned = index.search(SearchRequest(q="")).hits
    assert any(h.page_count == 1 and h.title for h in scanned)


@pytest.mark.parametrize("search_engine", SEARCH_ENGINES)
def test_demo_corpus_ingests(generated, tmp_path, search_engine):
    settings = engine_settings(search_engine, tmp_path)
    index = Index(settings)
    ingestor = Ingestor(settings, index)
    summary = ingestor.run([generated])
    ingestor.close()
    failed = {Path(o.path).name: o.reason for o in summary.outcomes if o.status == "failed"}
    assert sorted(failed.values()) == ["damaged", "not_pdf"]
    assert summary.count("indexed") >= 10
    result = index.search(SearchRequest(q="vergunning"))
    assert result.total >= 1
    facets = result.facets
    assert facets["ministry"] and facets["year"]
    english = index.search(SearchRequest(q="", language=["en"]))
    assert english.total >= 1

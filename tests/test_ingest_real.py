"""Ingest of the real published PDFs: what the corpus README states of each file must hold."""

import datetime as dt

import pytest
from conftest import corpus_file, make_archive
from typer.testing import CliRunner

from openarchief.ingest.extractors import ENGINES, extract
from openarchief.ingest.ledger import Ledger
from openarchief.search import SearchRequest

FACTS = {
    # file: (pages, language, date found in the text or None)
    "plooi__ah-tk-20202021-3235.pdf": (3, "nl", None),
    "plooi__kst-32545-143.pdf": (1, "nl", dt.date(2021, 7, 6)),
    "plooi__20110301-5687928a-draagmoederschap.pdf": (3, "nl", dt.date(2011, 3, 1)),
    "plooi__vn-1441.pdf": (8, "en", dt.date(2002, 11, 8)),
    "ori__Besluitenlijst-raadsvergadering-29-juni-2015.pdf": (4, "nl", dt.date(2015, 6, 29)),
    "heerlen__parkeerverordening-2025.pdf": (7, "nl", dt.date(2024, 12, 18)),
    "plooi__blg-1007826.pdf": (2, "nl", dt.date(2021, 11, 12)),  # scanned: read by OCR
}


@pytest.fixture(scope="module")
def real(tmp_path_factory, corpus):
    settings, index = make_archive(tmp_path_factory.mktemp("real"), corpus)
    ledger = Ledger(settings.ledger_path)
    docs = {doc.filename: doc for doc in ledger.documents()}
    yield settings, index, ledger, docs
    ledger.close()


@pytest.mark.parametrize("name", sorted(FACTS))
def test_each_real_file(real, name):
    _, index, _, docs = real
    pages, language, date = FACTS[name]
    doc = docs[name]
    assert doc.page_count == pages
    assert doc.language == language
    if date:
        assert doc.date == date
    assert not doc.title.lower().startswith("microsoft word")
    assert index.get(doc.id) is not None


def test_useless_pdf_title_replaced_by_the_subject_line(real):
    doc = real[3]["plooi__20110301-5687928a-draagmoederschap.pdf"]
    assert doc.title == "Draagmoederschap" and doc.provenance["title"] == "text"


def test_wrong_pdf_metadata_loses_to_the_text(real):
    doc = real[3]["ori__Besluitenlijst-raadsvergadering-29-juni-2015.pdf"]
    assert "2008" not in doc.title and "Besluitenlijst" in doc.title
    assert doc.date == dt.date(2015, 6, 29) and doc.provenance["date"] == "text"


def test_scanned_file_is_read_by_ocr_and_marked(real):
    from conftest import require

    from openarchief.ingest.ocr import tesseract_available

    require(tesseract_available(), "Tesseract with the Dutch model (tesseract-ocr, tesseract-ocr-nld)")
    _, index, ledger, docs = real
    doc = docs["plooi__blg-1007826.pdf"]
    assert doc.needs_ocr == [] and [p.ocr for p in doc.pages] == [True, True]
    assert "Nitraatrichtlijn" in doc.pages[0].text
    assert ledger.needs_ocr_pages() == (0, 0)
    hits = index.search(SearchRequest(q="nitraatrichtlijn")).hits
    assert [h.id for h in hits] == [doc.id] and hits[0].page_hits


def test_without_ocr_the_scan_is_indexed_with_a_clear_no_text_layer_status(tmp_path, corpus):
    from openarchief.ingest.pipeline import Ingestor
    from openarchief.search import Index, Settings

    settings = Settings(data_dir=tmp_path, reload_seconds=0)
    index = Index(settings)
    ingestor = Ingestor(settings, index, ocr="never")
    ingestor.run([corpus_file(corpus, "plooi__blg-1007826.pdf")])
    files_pages = ingestor.ledger.needs_ocr_pages()
    ingestor.close()
    assert files_pages == (1, 2)
    doc = index.search(SearchRequest()).hits[0]
    assert index.get(doc.id).needs_ocr == [1, 2] and doc.page_count == 2


def test_the_fake_pdf_is_refused_with_a_reason(real, corpus):
    _, _, ledger, docs = real
    failures = {r.path.rsplit("/", 1)[-1]: r for r in ledger.failures()}
    assert set(failures) == {"plooi__IAmWrongPDF.pdf"}
    assert failures["plooi__IAmWrongPDF.pdf"].reason == "not_pdf"
    assert "plooi__IAmWrongPDF.pdf" not in docs


def test_rerun_does_no_work_and_copies_are_one_document(real, corpus, tmp_path):
    from openarchief.ingest.pipeline import Ingestor

    settings, index, ledger, docs = real
    before = index.count()
    ingestor = Ingestor(settings, index)
    summary = ingestor.run([corpus])
    readable = len(docs)  # every real PDF but the fake one (the corpus grows: count, don't assume)
    assert readable >= len(FACTS)
    assert summary.count("unchanged") == readable and summary.count("indexed") == 0
    assert summary.count("failed") == 1  # the fake PDF is tried again: it might have been replaced
    # The same bytes under another name: one document, the second file skipped as a duplicate.
    copy = tmp_path / "kopie.pdf"
    copy.write_bytes((corpus / "plooi__kst-32545-143.pdf").read_bytes())
    summary = ingestor.run([copy])
    ingestor.close()
    assert [(o.status, o.reason) for o in summary.outcomes] == [("skipped", "duplicate")]
    assert index.count() == before


def test_blobs_are_stored_by_content_hash(real, corpus):
    from openarchief.search.blobs import LocalBlobStore, sha256_of

    settings, _, _, docs = real
    doc = docs["plooi__vn-1441.pdf"]
    assert doc.id == sha256_of(corpus / "plooi__vn-1441.pdf")
    blobs = LocalBlobStore(settings.data_dir / "blobs")
    assert blobs.path(doc.id).read_bytes() == (corpus / "plooi__vn-1441.pdf").read_bytes()


@pytest.mark.parametrize("engine", ENGINES)
def test_both_extractors_read_the_real_files(corpus, engine):
    for name, (pages, language, _) in FACTS.items():
        extraction = extract(corpus_file(corpus, name), engine)
        assert len(extraction.pages) == pages, name
        has_text = any(p.strip() for p in extraction.pages)
        assert has_text == (name != "plooi__blg-1007826.pdf"), name  # the scan has no text layer


def test_cli_status_and_failures(real):
    from openarchief.cli import app

    settings = real[0]
    runner = CliRunner()
    result = runner.invoke(app, ["status", "--data-dir", str(settings.data_dir)])
    assert result.exit_code == 0, result.output
    assert "indexed" in result.output and "needs OCR: 0 pages in 0 files" in result.output
    result = runner.invoke(app, ["failures", "--csv", "--data-dir", str(settings.data_dir)])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("path,reason") and len(lines) == 2 and ",not_pdf," in lines[1]


# The corpus README's table "Titles and organisations as a reader would name them", through the real ingest
# (extraction, OCR of the scan, metadata precedence). Den Helder names itself only in the body: no organisation.
# The title rule is tests/test_detection.py's: equal, or a prefix ending at a word boundary, case counting.
READER_FACTS = {
    "plooi__ah-tk-20202021-3235.pdf": (
        "oorg10002",
        "Vragen van de leden Van Weyenberg, Romke de Jong en Kat (allen D66) aan de Minister van Sociale Zaken en"
        " Werkgelegenheid over de TOZO",
    ),
    "plooi__kst-32545-143.pdf": ("oorg10002", "Motie van de leden Inge van Dijk en Grinwis"),
    "plooi__20110301-5687928a-draagmoederschap.pdf": ("mnre1058", "Draagmoederschap"),
    "plooi__vn-1441.pdf": (None, "Resolution 1441 (2002)"),
    "plooi__blg-1007826.pdf": ("mnre1153", "Kamerbrief over aangenomen moties en reactie op vier zienswijzen"),
    "ori__Besluitenlijst-raadsvergadering-29-juni-2015.pdf": (None, "Besluitenlijst raadsvergadering 29 juni 2015"),
    "heerlen__parkeerverordening-2025.pdf": (
        "gm0917",
        "Verordening op het gebruik van parkeerplaatsen en de verlening van vergunningen voor het parkeren in"
        " Heerlen 2025 (Parkeerverordening 2025)",
    ),
    "minbuza__wob-deelbesluit-1-afghanistan.pdf": ("mnre1013", "Reactie op uw Wob-verzoek"),
}


@pytest.mark.parametrize("name", sorted(READER_FACTS))
def test_organisation_and_title_as_a_reader_names_them(real, name):
    from test_detection import title_matches

    from openarchief.ingest.ocr import tesseract_available

    if name == "plooi__blg-1007826.pdf":
        from conftest import require

        require(tesseract_available(), "Tesseract with the Dutch model (tesseract-ocr, tesseract-ocr-nld)")
    organisation, title = READER_FACTS[name]
    doc = real[3][name]
    # LNV of 2021 (mnre1150) counts as today's mnre1153: the detector names the successor.
    assert doc.organisation == organisation or organisation in real_lineage(doc.organisation), doc.organisation
    assert title_matches(title, doc.title), doc.title
    if organisation:
        assert doc.provenance["organisation"] == "text"
    assert doc.provenance["title"] == "text"


def real_lineage(code: str | None) -> list[str]:
    from openarchief.search.vocabularies import organisations

    return organisations().lineage(code) if code else []


def test_parliamentary_papers_get_their_identifiers_and_the_motie_its_type(real):
    docs = real[3]
    motie, questions = docs["plooi__kst-32545-143.pdf"], docs["plooi__ah-tk-20202021-3235.pdf"]
    assert motie.parliament and motie.parliament.identifiers() == ["kst-32545-143"]
    assert (motie.parliament.chamber, motie.parliament.session) == ("tk", "2020-2021")
    assert questions.parliament and questions.parliament.identifiers() == ["ah-tk-20202021-3235"]
    assert motie.provenance["parliament"] == "text"
    # The TOOI documentsoorten (PLOOI v3) have no "motie": the project adds it as a kind of Kamerstuk.
    assert motie.type == "oa_motie" and motie.title.startswith("Motie van")
    # A Kamerbrief that cites Kamerstukken in its body is none of them.
    for name in ("plooi__20110301-5687928a-draagmoederschap.pdf", "heerlen__parkeerverordening-2025.pdf"):
        assert docs[name].parliament is None

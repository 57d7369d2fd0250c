"""Hostile and broken files (tests/hostile_pdfs.py) through the whole ingest, on both extractors: every run
finishes, every file gets exactly one outcome, a file that fails says why with a reason code, the good files are
found by search, nothing in a file is executed, and the memory a bomb takes is taken in a worker, never in this
process.

EXPECTED holds what each engine does with each file. Where that is wrong (a readable file refused, an empty
document indexed), the entry holds the right outcome and KNOWN_BUGS marks it as a strict xfail saying what happens
today: fixing the bug turns the xfail into a failure, which asks for the mark to go.
"""

from __future__ import annotations

import resource
import socket
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import hostile_pdfs
import pytest
from conftest import corpus_file
from hostile_pdfs import HOSTILE, WORD_ATTACHMENT, WORD_JAVASCRIPT

from openarchief.demo.pdf import write_pdf
from openarchief.ingest.ledger import Ledger
from openarchief.ingest.pipeline import Ingestor, Summary
from openarchief.search import Index, SearchRequest, Settings

EXTRACTORS = ("pypdfium2", "pdfminer")
TIMEOUT = 20.0  # seconds per file: over 5x the slowest good file (many-pages.pdf on pdfminer, 3.5 s alone), as
# the suite runs beside another test module on 2 cores; the pdfminer run waits this long once, for reference-loop.pdf
WORKER_MB = 1024  # half the default cap: the bombs hit it sooner and the test takes less of the machine's memory
PARENT_GROWTH_MB = 300  # the most this process's peak RSS may grow during a run (a bomb inflates to 4 GiB)
REASONS = {"not_pdf", "empty", "damaged", "encrypted", "timeout", "memory_limit", "crashed"}

INDEXED = "indexed"
# file name -> (outcome with pypdfium2, outcome with pdfminer): "indexed" or the reason code of the failure.
EXPECTED: dict[str, tuple[str, str]] = {
    "many-pages.pdf": (INDEXED, INDEXED),
    "deep-array.pdf": (INDEXED, INDEXED),
    "deep-dictionary.pdf": (INDEXED, INDEXED),
    "deep-content.pdf": (INDEXED, INDEXED),
    "deep-info.pdf": (INDEXED, INDEXED),
    "deep-page-tree.pdf": ("damaged", "damaged"),  # pdfium: "Failed to load page"; pdfminer: RecursionError
    "reference-chain.pdf": (INDEXED, INDEXED),
    "page-tree-cycle.pdf": ("damaged", INDEXED),  # pdfium: "Failed to load page"; pdfminer finds the one page
    "page-tree-only-itself.pdf": ("damaged", "damaged"),  # no page at all
    "reference-loop.pdf": (INDEXED, "timeout"),  # pdfminer's resolve1 loops for ever: only the time limit stops it
    "xobject-loop.pdf": (INDEXED, INDEXED),
    "bomb.pdf": ("memory_limit", "memory_limit"),  # pdfium aborts (SIGABRT) at the cap; pdfminer: MemoryError
    "image-bomb.pdf": (INDEXED, INDEXED),  # a text extractor never decodes the image
    "scan-bomb.pdf": (INDEXED, INDEXED),  # rendered for OCR: pdfium gives up on the image within the cap; blank
    "javascript-attachment.pdf": (INDEXED, INDEXED),
    "png-image.pdf": ("not_pdf", "not_pdf"),
    "jpeg-image.pdf": ("not_pdf", "not_pdf"),
    "html-page.pdf": ("not_pdf", "not_pdf"),
    "zero-bytes.pdf": ("empty", "empty"),
    "truncated.pdf": ("damaged", "damaged"),
    "encrypted-password.pdf": ("encrypted", "encrypted"),
    "encrypted-open.pdf": (INDEXED, INDEXED),
    "indirect-info.pdf": (INDEXED, INDEXED),
}
# (file, extractor) -> what goes wrong today, for a known bug not yet fixed (a strict xfail).
KNOWN_BUGS: dict[tuple[str, str], str] = {}
# What a failure's detail says, beyond its reason code, where that tells the cases apart.
DETAILS = {
    "png-image.pdf": "binary data of another kind",
    "jpeg-image.pdf": "binary data of another kind",
    "html-page.pdf": "an HTML page",
    "zero-bytes.pdf": "0 bytes",
    "reference-loop.pdf": f"longer than {TIMEOUT:g} s",
}
assert set(EXPECTED) == set(HOSTILE)


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def settings_for(data_dir: Path, **overrides) -> Settings:
    return Settings(data_dir=data_dir, reload_seconds=0, **overrides)


def ingest(settings: Settings, paths: list[Path], extractor: str, **options) -> tuple[Summary, Index]:
    index = Index(settings)
    ingestor = Ingestor(settings, index, extractor, **options)
    try:
        return ingestor.run(paths), index
    finally:
        ingestor.close()


@dataclass
class Run:
    extractor: str
    settings: Settings
    index: Index
    summary: Summary
    files: dict[str, Path]
    seconds: float
    rss_growth_mb: float

    def outcome(self, name: str):
        (outcome,) = [o for o in self.summary.outcomes if Path(o.path).name == name]
        return outcome

    def hits(self, word: str) -> list[str]:
        return [hit.id for hit in self.index.search(SearchRequest(q=word)).hits]


@pytest.fixture(scope="module")
def listener():
    """A port the JavaScript in javascript-attachment.pdf submits to: a connection would mean a script ran."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.setblocking(False)
        yield server


@pytest.fixture(scope="module")
def files(tmp_path_factory, listener) -> dict[str, Path]:
    url = "http://127.0.0.1:%d/" % listener.getsockname()[1]
    return hostile_pdfs.write_all(tmp_path_factory.mktemp("hostile"), {"javascript-attachment.pdf": {"url": url}})


@pytest.fixture(scope="module")
def ingested(files, tmp_path_factory):
    """The whole set ingested once per extractor (on first use), with 2 workers, a time limit and a memory cap."""
    runs: dict[str, Run] = {}

    def get(extractor: str) -> Run:
        if extractor not in runs:
            settings = settings_for(tmp_path_factory.mktemp(f"archive-{extractor}"), worker_memory_mb=WORKER_MB)
            before, started = maxrss_mb(), time.monotonic()
            summary, index = ingest(settings, list(files.values()), extractor, workers=2, timeout=TIMEOUT)
            runs[extractor] = Run(
                extractor, settings, index, summary, files, time.monotonic() - started, maxrss_mb() - before
            )
        return runs[extractor]

    return get


def expected(name: str, extractor: str) -> str:
    return EXPECTED[name][EXTRACTORS.index(extractor)]


CASES = [
    pytest.param(
        extractor,
        name,
        id=f"{extractor}-{name}",
        marks=[pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[name, extractor])]
        if (name, extractor) in KNOWN_BUGS
        else [],
    )
    for extractor in EXTRACTORS
    for name in HOSTILE
]


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_the_run_finishes_with_one_outcome_per_file(ingested, extractor):
    run = ingested(extractor)
    counts = Counter(Path(o.path).name for o in run.summary.outcomes)
    assert counts == Counter(set(HOSTILE)), "every file exactly once"
    # The one file that hangs costs the time limit once; the rest takes a few seconds.
    assert run.seconds < TIMEOUT + 25
    ledger = Ledger(run.settings.ledger_path)
    try:
        for outcome in run.summary.outcomes:
            record = ledger.get(outcome.path)
            assert (record.status, record.reason) == (outcome.status, outcome.reason), outcome.path
    finally:
        ledger.close()


@pytest.mark.parametrize(("extractor", "name"), CASES)
def test_outcome(ingested, extractor, name):
    outcome = ingested(extractor).outcome(name)
    want = expected(name, extractor)
    if want == INDEXED:
        assert (outcome.status, outcome.reason) == (INDEXED, None), outcome.detail
        assert outcome.pages >= 1
    else:
        assert (outcome.status, outcome.reason) == ("failed", want), outcome.detail
        assert outcome.reason in REASONS
        assert outcome.detail and DETAILS.get(name, "") in outcome.detail


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_what_was_read_is_found_and_nothing_else(ingested, extractor):
    run = ingested(extractor)
    for name, (_, word) in HOSTILE.items():
        if word is None:
            continue
        outcome = run.outcome(name)
        doc_ids = run.hits(word)
        if outcome.status == INDEXED:
            assert len(doc_ids) == 1, f"{name}: {word!r} should find it"
            assert run.index.get(doc_ids[0]).filename == name
        else:
            assert doc_ids == [], f"{name} failed, yet {word!r} finds something"
    assert run.hits("slotversleuteld") == []  # the password protected text stays unread
    # The open encrypted file is READ, whatever else happens.
    assert run.outcome("encrypted-open.pdf").status == INDEXED


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_many_pages_are_all_kept(ingested, extractor):
    run = ingested(extractor)
    (doc_id,) = run.hits("paginaduizenden")
    doc = run.index.get(doc_id)
    assert doc.page_count == 5000 and all("paginaduizenden" in page.text for page in doc.pages)


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_javascript_and_attachment_are_neither_run_nor_indexed(ingested, listener, extractor):
    run = ingested(extractor)
    (doc_id,) = run.hits("scriptbrief")
    doc = run.index.get(doc_id)
    assert doc.page_count == 1 and "gewone tekstpagina" in doc.pages[0].text
    text = " ".join(page.text for page in doc.pages)
    assert WORD_JAVASCRIPT not in text and WORD_ATTACHMENT not in text and "submitForm" not in text
    assert run.hits(WORD_JAVASCRIPT) == [] and run.hits(WORD_ATTACHMENT) == []
    with pytest.raises(BlockingIOError):
        listener.accept()  # the script's submitForm never connected
    stored = {p.name for p in run.settings.data_dir.rglob("*") if p.is_file()}
    assert "uitvoeren.bat" not in stored  # the attachment was never written out


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_the_bomb_goes_off_in_a_worker_not_here(ingested, extractor):
    run = ingested(extractor)
    assert run.outcome("bomb.pdf").status == "failed"
    assert run.rss_growth_mb < PARENT_GROWTH_MB, f"this process grew by {run.rss_growth_mb:.0f} MB"


# -- a worker that dies or is stopped mid-file -----------------------------------------------------------------


def good_pdf(path: Path, word: str) -> Path:
    return write_pdf(path, [f"Een gewone brief over {word} na een vastgelopen bestand."])


@pytest.mark.parametrize(("extractor", "reason"), [("pypdfium2", "memory_limit"), ("pdfminer", "memory_limit")])
def test_a_file_over_the_memory_cap_is_recorded_and_the_next_files_go_on(tmp_path, extractor, reason):
    """One worker, at the lowest cap allowed: the bomb comes first (files go in path order), so the files after
    it can only be done by the worker that took the bomb, or by the one that replaced it when pdfium aborted."""
    folder = tmp_path / "in"
    paths = [
        hostile_pdfs.write_bomb(folder / "a-bomb.pdf", "bomvooraf"),
        good_pdf(folder / "b-brief.pdf", "waterschappen"),
        good_pdf(folder / "c-brief.pdf", "dijkversterking"),
    ]
    settings = settings_for(tmp_path / "data", worker_memory_mb=256)
    before = maxrss_mb()
    summary, index = ingest(settings, paths, extractor, workers=1, timeout=TIMEOUT)
    assert maxrss_mb() - before < PARENT_GROWTH_MB
    outcomes = {Path(o.path).name: o for o in summary.outcomes}
    assert len(summary.outcomes) == 3
    assert (outcomes["a-bomb.pdf"].status, outcomes["a-bomb.pdf"].reason) == ("failed", reason)
    assert outcomes["b-brief.pdf"].status == outcomes["c-brief.pdf"].status == INDEXED
    assert index.search(SearchRequest(q="waterschappen")).total == 1
    assert index.search(SearchRequest(q="dijkversterking")).total == 1


def test_a_file_over_the_time_limit_is_stopped_and_the_next_files_go_on(tmp_path):
    """pdfminer never finishes reference-loop.pdf; with one worker the next file waits for the time limit."""
    folder = tmp_path / "in"
    paths = [
        hostile_pdfs.write_reference_loop(folder / "a-lus.pdf", "lusvooraf"),
        good_pdf(folder / "b-brief.pdf", "zandsuppletie"),
    ]
    started = time.monotonic()
    summary, index = ingest(settings_for(tmp_path / "data"), paths, "pdfminer", workers=1, timeout=4)
    outcomes = {Path(o.path).name: o for o in summary.outcomes}
    assert (outcomes["a-lus.pdf"].status, outcomes["a-lus.pdf"].reason) == ("failed", "timeout")
    assert "longer than 4 s" in outcomes["a-lus.pdf"].detail
    assert outcomes["b-brief.pdf"].status == INDEXED
    assert index.search(SearchRequest(q="zandsuppletie")).total == 1
    assert time.monotonic() - started < 4 + 10


# -- the real file of the corpus that is no PDF ---------------------------------------------------------------


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_the_real_wrong_pdf_is_not_a_pdf(corpus, tmp_path, extractor):
    path = corpus_file(corpus, "plooi__IAmWrongPDF.pdf")
    summary, index = ingest(settings_for(tmp_path), [path], extractor, workers=1, timeout=TIMEOUT)
    (outcome,) = summary.outcomes
    assert (outcome.status, outcome.reason) == ("failed", "not_pdf")
    assert "binary data of another kind" in outcome.detail
    assert index.count() == 0

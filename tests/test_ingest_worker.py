"""The ingestion worker at archive scale: timeouts, retries, withdrawals, shards, a kill -9 in the middle of a
run, progress lines, and the CLI around them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import require
from typer.testing import CliRunner

from openarchief.demo.pdf import write_pdf
from openarchief.ingest.ledger import Ledger
from openarchief.ingest.ocr import tesseract_available
from openarchief.ingest.pipeline import Ingestor, in_shard, parse_shard
from openarchief.search import Index, SearchRequest, Settings

ROOT = Path(__file__).resolve().parent.parent


def settings_for(tmp_path, **kw) -> Settings:
    return Settings(data_dir=tmp_path / "data", reload_seconds=0, **kw)


def folder_of_pdfs(folder: Path, count: int, pages: int = 2) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [
        write_pdf(
            folder / f"brief-{i:03}.pdf",
            [f"Brief nummer {i} over de gemeente en de omgevingsvergunning, pagina {p}." for p in range(pages)],
            title=f"Brief {i}",
        )
        for i in range(count)
    ]


def test_a_file_that_takes_too_long_is_recorded_and_the_run_goes_on(tmp_path):
    # Tesseract reading every page takes seconds. A text layer alone does not: a worker that starts with its
    # detectors loaded extracts a small PDF in milliseconds, sooner than the pool looks at the time (every 0.1 s).
    require(tesseract_available(), "Tesseract with the Dutch model (tesseract-ocr, tesseract-ocr-nld)")
    files = folder_of_pdfs(tmp_path / "in", 3)
    settings = settings_for(tmp_path)
    ingestor = Ingestor(settings, Index(settings), ocr="always", timeout=0.0001)
    summary = ingestor.run(files)
    ingestor.close()
    assert {(o.status, o.reason) for o in summary.outcomes} == {("failed", "timeout")}
    # --retry-failed with a sane limit indexes them.
    ingestor = Ingestor(settings, Index(settings))
    assert ingestor.run([]).count("indexed") == 0  # failed files are not retried unasked
    summary = ingestor.run([], retry_failed=True)
    ingestor.close()
    assert summary.count("indexed") == 3


def test_withdraw_removes_from_search_and_blobs_and_stays_withdrawn(tmp_path):
    from openarchief.cli import app

    files = folder_of_pdfs(tmp_path / "in", 2)
    settings = settings_for(tmp_path)
    index = Index(settings)
    ingestor = Ingestor(settings, index)
    ingestor.run(files)
    ingestor.close()
    doc_id = index.search(SearchRequest(q='"brief nummer 0"')).hits[0].id
    result = CliRunner().invoke(
        app, ["withdraw", doc_id, "--reason", "privacy: persoonsgegevens", "--data-dir", str(settings.data_dir)]
    )
    assert result.exit_code == 0, result.output
    assert index.get(doc_id) is None and index.count() == 1
    assert not (settings.data_dir / "blobs" / doc_id[:2] / f"{doc_id}.pdf").exists()
    ledger = Ledger(settings.ledger_path)
    assert ledger.withdrawal(doc_id)[0] == "privacy: persoonsgegevens"
    ledger.close()
    # Touch the file so it looks changed: a re-ingest still does not bring it back...
    os.utime(files[0], (time.time() + 10, time.time() + 10))
    ingestor = Ingestor(settings, index)
    summary = ingestor.run(files)
    assert [(o.status, o.reason) for o in summary.outcomes if o.path == str(files[0])] == [("withdrawn", "withdrawn")]
    assert index.get(doc_id) is None
    # ...unless forced.
    summary = ingestor.run([files[0]], force=True)
    ingestor.close()
    assert summary.count("indexed") == 1 and index.get(doc_id) is not None


def test_shards_split_an_archive_without_overlap(tmp_path):
    files = folder_of_pdfs(tmp_path / "in", 12, pages=1)
    seen = []
    for i in (1, 2, 3):
        settings = settings_for(tmp_path / f"shard{i}")
        index = Index(settings)
        ingestor = Ingestor(settings, index)
        ingestor.run(files, shard=(i, 3))
        ingestor.close()
        seen += [h.id for h in index.search(SearchRequest(size=100)).hits]
    assert len(seen) == len(set(seen)) == 12
    assert parse_shard("2/3") == (2, 3) and parse_shard(None) is None
    for bad in ("0/3", "4/3", "x", "1/0"):
        with pytest.raises(ValueError):
            parse_shard(bad)
    assert in_shard("f" * 64, None)


def test_kill_minus_9_then_rerun_indexes_every_file_exactly_once(tmp_path):
    files = folder_of_pdfs(tmp_path / "in", 150, pages=3)
    data = tmp_path / "data"
    command = [
        sys.executable,
        "-m",
        "openarchief",
        "ingest",
        str(tmp_path / "in"),
        "--data-dir",
        str(data),
        "--workers",
        "2",
        "--ocr",
        "never",
    ]
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ledger_path = data / "ledger.sqlite3"
    deadline = time.monotonic() + 60
    # Kill it once some, but not all, files are indexed.
    while time.monotonic() < deadline:
        time.sleep(0.05)
        if ledger_path.exists():
            try:
                counts = Ledger(ledger_path).counts()
            except Exception:
                continue
            if 0 < counts.get("indexed", 0) < len(files):
                break
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    partly = Ledger(ledger_path).counts()
    assert partly.get("indexed", 0) < len(files), "the run finished before it could be killed"

    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    settings = Settings(data_dir=data, reload_seconds=0)
    index = Index(settings)
    ledger = Ledger(ledger_path)
    assert ledger.counts() == {"indexed": len(files)}
    ledger.close()
    assert index.count() == len(files)
    ids = [h.id for p in range(1, 4) for h in index.search(SearchRequest(size=100, page=p)).hits]
    assert len(ids) == len(set(ids)) == len(files)
    # Not a terminal: plain progress lines and a summary.
    assert "pages/s" in result.stderr and "indexed" in result.stderr


def test_worker_command_ingests_what_arrives_in_the_inbox(tmp_path):
    from openarchief.cli import app

    inbox = tmp_path / "inbox"
    folder_of_pdfs(inbox, 2)
    data = tmp_path / "data"
    result = CliRunner().invoke(app, ["worker", "--inbox", str(inbox), "--once", "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    assert Index(Settings(data_dir=data, reload_seconds=0)).count() == 2


def test_ingest_cli_rejects_bad_options(tmp_path):
    from openarchief.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(tmp_path), "--shard", "5/2"]).exit_code == 2
    assert runner.invoke(app, ["ingest", str(tmp_path), "--ocr", "sometimes"]).exit_code == 2


def test_harvest_command_ingests_with_the_url_as_provenance(tmp_path):
    import functools
    import http.server
    import threading

    from openarchief.cli import app

    site = tmp_path / "site"
    write_pdf(site / "besluit.pdf", ["Besluit op het Woo-verzoek over de stikstofvergunning."], title="Besluit")
    (site / "urls.txt").write_text("")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/besluit.pdf"
        urls = tmp_path / "urls.txt"
        urls.write_text(f"# test\n{url}\n")
        data = tmp_path / "data"
        runner = CliRunner()
        result = runner.invoke(app, ["harvest", str(urls), "--data-dir", str(data)])
        assert result.exit_code == 0, result.output
        assert "fetched 1" in result.output
        again = runner.invoke(app, ["harvest", str(urls), "--data-dir", str(data)])
        assert "fetched 0, unchanged 1" in again.output
    finally:
        server.shutdown()
    index = Index(Settings(data_dir=data, reload_seconds=0))
    hits = index.search(SearchRequest(q="vergunning")).hits
    assert len(hits) == 1 and index.get(hits[0].id).source == url


def test_the_forkserver_preload_loads_what_a_worker_would_load_on_its_first_file():
    """ingest.pipeline's forkserver imports ingest.preload once; the workers it forks start with these loaded."""
    code = """
import sys
import openarchief.ingest.preload
from langdetect import detector_factory
from openarchief.ingest.detect import local, organisation
from openarchief.search.analysis import dictionary
print(detector_factory._factory is not None and len(detector_factory._factory.langlist) > 50)
print("pypdfium2" in sys.modules)
print(local._patterns.cache_info().currsize, local._closing_formula.cache_info().currsize)
print(organisation._patterns.cache_info().currsize, dictionary.cache_info().currsize)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[:4] == ["True", "True", "1 1", "1 1"]
    assert '"openarchief.ingest.preload"' in (ROOT / "ingest" / "pipeline.py").read_text()

"""Faults of the OpenSearch engine: unreachable during search and ingest, documents refused in a bulk write.

The outage is real (a closed port); only the refusal of one document is injected."""

from __future__ import annotations

import socket

import pytest
from conftest import engine_settings
from fastapi.testclient import TestClient

from openarchief.ingest.ledger import Ledger
from openarchief.ingest.pipeline import Ingestor
from openarchief.search import EngineUnavailable, Index, SearchRequest
from openarchief.web import create_app


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


@pytest.fixture
def down(tmp_path):
    return engine_settings(
        "opensearch", tmp_path, opensearch_url=f"http://127.0.0.1:{closed_port()}", opensearch_timeout=2
    )


def test_search_during_an_outage_is_a_503(down):
    client = TestClient(create_app(down), raise_server_exceptions=False)
    page = client.get("/zoeken", params={"q": "gemeente"})
    assert page.status_code == 503
    assert "tijdelijk niet beschikbaar" in page.text and "Traceback" not in page.text
    api = client.get("/api/v1/search", params={"q": "gemeente"})
    assert api.status_code == 503 and api.headers["content-type"].startswith("application/json")
    assert client.get("/").status_code == 503


def test_ingest_during_an_outage_keeps_files_pending_then_indexes_them(down, generated):
    from conftest import OPENSEARCH_URL

    ingestor = Ingestor(down, Index(down))
    with pytest.raises(EngineUnavailable):
        ingestor.run([generated])
    ingestor.close()
    ledger = Ledger(down.ledger_path)
    pending = [r for r in ledger.records() if r.status == "pending"]
    assert pending and ledger.counts().get("indexed", 0) == 0
    # Mark what the first run extracted: if the next run extracted again, the mark would be gone.
    for record in pending:
        doc = ledger.document(record.sha256)
        ledger.save_document(doc.model_copy(update={"title": "kept from the first run"}))

    up = down.model_copy(update={"opensearch_url": OPENSEARCH_URL})
    index = Index(up)
    ingestor = Ingestor(up, index)
    summary = ingestor.run([generated])
    ingestor.close()
    counts = ledger.counts()
    ledger.close()
    assert counts.get("pending", 0) == 0 and counts["indexed"] == index.count() == summary.count("indexed")
    assert summary.count("indexed") >= len(pending)
    for record in pending:
        assert index.get(record.sha256).title == "kept from the first run"


def test_a_document_the_engine_refuses_is_recorded_failed(tmp_path, generated, monkeypatch):
    from opensearchpy import helpers

    import openarchief.search._opensearch

    settings = engine_settings("opensearch", tmp_path)
    real_bulk = helpers.streaming_bulk

    def refuse_one(client, actions, **kwargs):
        actions = list(actions)
        victim = actions[0]["_id"]
        for ok, item in real_bulk(client, actions[1:], **kwargs):
            yield ok, item
        yield False, {"index": {"_id": victim, "status": 400, "error": {"type": "mapper_parsing_exception"}}}

    monkeypatch.setattr(openarchief.search._opensearch.helpers, "streaming_bulk", refuse_one)
    index = Index(settings)
    ingestor = Ingestor(settings, index)
    summary = ingestor.run([generated])
    ingestor.close()
    refused = [o for o in summary.outcomes if o.reason == "index_rejected"]
    assert len(refused) == 1 and "mapper_parsing_exception" in refused[0].detail
    ledger = Ledger(settings.ledger_path)
    failures = {r.reason for r in ledger.failures()}
    ledger.close()
    assert "index_rejected" in failures
    assert index.search(SearchRequest()).total == summary.count("indexed")


def test_a_batch_meeting_unavailable_shards_is_sent_again_whole(tmp_path, generated, monkeypatch):
    """A shard without a primary for a moment (a cluster promoting a replica after losing a node) refuses
    documents with 503: the batch is sent again after a pause, and nothing is recorded failed."""
    from opensearchpy import helpers

    import openarchief.search._opensearch

    settings = engine_settings("opensearch", tmp_path)
    real_bulk = helpers.streaming_bulk
    calls = []

    def unavailable_once(client, actions, **kwargs):
        actions = list(actions)
        calls.append(len(actions))
        if len(calls) > 1:
            yield from real_bulk(client, actions, **kwargs)
            return
        yield from real_bulk(client, actions[1:], **kwargs)
        error = {"type": "unavailable_shards_exception", "reason": "primary shard is not active"}
        yield False, {"index": {"_id": actions[0]["_id"], "status": 503, "error": error}}

    monkeypatch.setattr(openarchief.search._opensearch.helpers, "streaming_bulk", unavailable_once)
    index = Index(settings)
    ingestor = Ingestor(settings, index)
    summary = ingestor.run([generated])
    ingestor.close()
    assert len(calls) >= 2 and calls[0] == calls[1]  # the same batch, whole, a second time
    assert not [o for o in summary.outcomes if o.reason == "index_rejected"]
    assert index.search(SearchRequest()).total == summary.count("indexed") > 0


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")  # the failed try's builder closed
def test_a_rollback_whose_write_back_meets_a_dropped_connection_writes_everything(tmp_path, monkeypatch):
    """The documents a rollback writes back into the older generation come as a stream; a try that meets a
    dropped connection is made again from the first document, never from where the lost chunk left off."""
    from opensearchpy import ConnectionError as Dropped

    from openarchief.search import Document, Page

    def doc(i: int) -> Document:
        return Document(id=f"{i:064x}", title=f"Brief {i}", pages=[Page(number=1, text=f"brief {i}")], language="nl")

    index = Index(engine_settings("opensearch", tmp_path))
    index.index([doc(0), doc(1)])
    index.rebuild([doc(0), doc(1)], expected=2)  # the first generation is now the older, complete one
    client = index._engine._client  # the fault goes in at the client's bulk call
    real_bulk, calls = client.bulk, []

    def dropped_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise Dropped("N/A", "connection reset by peer", None)
        return real_bulk(*args, **kwargs)

    monkeypatch.setattr(client, "bulk", dropped_once)
    later = [doc(i) for i in range(2, 502)]  # three chunks of the bulk helper
    index.rollback(lambda generation: iter(later))
    assert len(calls) > 3
    assert index.count() == 502


def test_commands_with_the_engine_down_say_so_in_one_line(down, generated, tmp_path):
    """Exit code 3 and one line, never a traceback, for every command that needs the engine."""
    from archive_checks import cli, marked_pdfs

    marked_pdfs(tmp_path / "in", 2)
    for args in (
        ["status"],
        ["reindex"],
        ["reindex", "--list"],
        ["reindex", "--rollback"],
        ["ingest", str(tmp_path / "in")],
    ):
        result = cli(down, *args, OPENARCHIEF_OPENSEARCH_TIMEOUT="1")
        assert result.returncode == 3, (args, result.stdout, result.stderr)
        lines = [line for line in result.stderr.splitlines() if line.startswith("the search engine is unavailable")]
        assert len(lines) == 1 and "Traceback" not in result.stderr, (args, result.stderr)
    # The extracted documents wait in the ledger as pending for the next run.
    ledger = Ledger(down.ledger_path)
    assert ledger.counts() == {"pending": 2}
    ledger.close()

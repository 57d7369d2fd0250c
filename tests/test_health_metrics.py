"""Operators' endpoints: liveness, readiness (with the engine's budget), and Prometheus metrics that count
requests by route template, engine failures, and the archive's figures from the status file."""

from __future__ import annotations

from conftest import engine_settings
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from openarchief.search import Document, Index, Page, status
from openarchief.search.status import ArchiveStatus
from openarchief.web import create_app


def samples(text: str) -> dict[tuple, float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def test_health_and_metrics(tmp_path):
    settings = engine_settings("embedded", tmp_path / "data")
    index = Index(settings)
    index.index([Document(id="ef" * 32, title="Besluit", pages=[Page(number=1, text="De gemeente besluit.")])])
    status.save(settings, ArchiveStatus(documents=1, pages=1, failures={"not_pdf": 2}))
    client = TestClient(create_app(settings, index))
    assert client.get("/health/live").json() == {"status": "ok"}
    assert client.get("/health/ready").json() == {"status": "ok", "documents": 1}
    for _ in range(3):
        client.get("/zoeken", params={"q": "gemeente"})
    client.get(f"/documenten/{'ef' * 32}")
    client.get("/bestaat-niet")
    found = samples(client.get("/metrics").text)
    assert found[("openarchief_http_requests_total", (("method", "GET"), ("route", "/zoeken"), ("status", "200")))] == 3
    assert (
        "openarchief_http_requests_total",
        (("method", "GET"), ("route", "/documenten/{doc_id}"), ("status", "200")),
    ) in found
    assert (
        found[("openarchief_http_requests_total", (("method", "GET"), ("route", "unmatched"), ("status", "404")))] == 1
    )
    assert found[("openarchief_http_request_duration_seconds_count", (("route", "/zoeken"),))] == 3
    assert found[("openarchief_documents", ())] == 1
    assert found[("openarchief_failed_files", (("reason", "not_pdf"),))] == 2


def test_readiness_and_engine_errors_when_the_engine_is_down(tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens once closed
    settings = engine_settings("embedded", tmp_path / "data").model_copy(
        update={"engine": "opensearch", "opensearch_url": f"http://127.0.0.1:{port}", "opensearch_index": "down"}
    )
    client = TestClient(create_app(settings), raise_server_exceptions=False)
    ready = client.get("/health/ready")
    assert ready.status_code == 503 and ready.headers["retry-after"]
    assert client.get("/api/v1/search").status_code == 503
    assert client.get("/health/live").status_code == 200
    found = samples(client.get("/metrics").text)
    assert found[("openarchief_engine_errors_total", (("kind", "unavailable"),))] == 2

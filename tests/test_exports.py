"""Feeds, exports and the privacy/security rules of every response, on both engines."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import resource
import xml.etree.ElementTree as ET

import pytest
from conftest import ENGINES, engine_settings
from fastapi.testclient import TestClient

from openarchief.search import Document, Index, Page, SearchRequest
from openarchief.search.spreadsheet import safe_cell
from openarchief.web import create_app

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def client(archive):
    settings, index = archive
    return TestClient(create_app(settings, index), raise_server_exceptions=False)


def test_atom_feed_newest_first_and_valid(client):
    r = client.get("/zoeken.atom", params={"q": "gemeente"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(r.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("title", "id", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for required in ("title", "id", "updated", "link"):
            assert entry.find(f"{ATOM}{required}") is not None
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_feed_follows_the_archive_not_the_document_date(tmp_path, engine):
    """An old document archived today is news: entries come by the moment they entered the archive, which is
    their <updated>; the document's own date is in the content."""
    today = dt.datetime(2026, 11, 30, 9, 30, tzinfo=dt.timezone.utc)
    old = Document(id="a" * 64, title="Nota uit 1998", pages=[Page(number=1, text="nota vergunning")],
                   date=dt.date(1998, 3, 2), indexed_at=today)  # fmt: skip
    recent = Document(id="b" * 64, title="Brief uit 2025", pages=[Page(number=1, text="brief vergunning")],
                      date=dt.date(2025, 6, 1), indexed_at=today - dt.timedelta(days=30))  # fmt: skip
    index = Index(engine_settings(engine, tmp_path))
    index.index([recent, old])
    client = TestClient(create_app(index=index, settings=engine_settings(engine, tmp_path)))
    feed = ET.fromstring(client.get("/zoeken.atom", params={"q": "vergunning"}).content)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Nota uit 1998", "Brief uit 2025"]
    assert entries[0].find(f"{ATOM}updated").text == "2026-11-30T09:30:00Z"
    assert feed.find(f"{ATOM}updated").text == "2026-11-30T09:30:00Z"
    assert "2 maart 1998" in entries[0].find(f"{ATOM}content").text


def test_csv_and_jsonl_exports_hold_every_hit(client, archive):
    total = client.get("/api/v1/search", params={"q": "gemeente"}).json()["total"]
    r = client.get("/api/v1/export", params={"format": "csv", "q": "gemeente"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == total == int(r.headers["x-total-count"])
    assert rows[0]["url"].endswith(f"/documenten/{rows[0]['id']}")
    lines = client.get("/api/v1/export", params={"format": "jsonl", "q": "gemeente"}).text.splitlines()
    assert [json.loads(line)["id"] for line in lines[:-1]] == [row["id"] for row in rows]
    assert json.loads(lines[-1]) == {"_export": {"complete": True, "documents": total}}
    assert client.get("/api/v1/export", params={"format": "xls"}).status_code == 422


def test_opensearch_description(client):
    r = client.get("/opensearch.xml")
    assert r.status_code == 200 and "{searchTerms}" in r.text
    ET.fromstring(r.content)


def test_security_headers_and_no_cookies(client):
    for path in ("/", "/zoeken?q=x", "/api/v1/search", "/zoeken.atom", "/api/docs", "/bestaat-niet"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["referrer-policy"] == "no-referrer"
        assert "set-cookie" not in r.headers
    docs = client.get("/api/docs").text
    assert "cdn" not in docs.lower() and "<script>" not in docs
    assert client.get("/api/docs/assets/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "gewoon"])
def test_csv_cells_never_start_a_formula(value):
    cell = safe_cell(value)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) and value in cell


HOSTILE = '=cmd|"/c calc"!A1 <script>alert(1)</script> ]]> </title> & "quote"'


@pytest.mark.parametrize("engine", ENGINES)
def test_hostile_metadata_is_escaped_in_atom_csv_and_json(tmp_path, engine):
    index = Index(engine_settings(engine, tmp_path))
    index.index(
        [
            Document(
                id="e" * 64,
                title=HOSTILE,
                pages=[Page(number=1, text=f"vergunning {HOSTILE}")],
                source=HOSTILE,
                language="nl",
            )
        ]
    )
    client = TestClient(create_app(index=index, settings=engine_settings(engine, tmp_path)))
    feed = client.get("/zoeken.atom", params={"q": "vergunning"})
    parsed = ET.fromstring(feed.content)  # still well-formed XML
    assert parsed.find(f"{ATOM}entry/{ATOM}title").text == HOSTILE
    assert "<script>" not in feed.text
    rows = list(
        csv.reader(io.StringIO(client.get("/api/v1/export", params={"q": "vergunning"}).content.decode("utf-8-sig")))
    )
    assert rows[1][1] == "'" + HOSTILE and rows[1][-1] == "'" + HOSTILE
    line = client.get("/api/v1/export", params={"format": "jsonl", "q": "vergunning"}).text.splitlines()[0]
    assert json.loads(line)["title"] == HOSTILE


@pytest.mark.parametrize("engine", ENGINES)
def test_export_of_10000_hits_streams_in_bounded_memory(tmp_path, engine):
    settings = engine_settings(engine, tmp_path)
    index = Index(settings)
    text = "De gemeente besluit over de omgevingsvergunning. " * 40
    for start in range(0, 10_000, 1000):
        index.index(
            [
                Document(id=f"{n:064x}", title=f"Besluit {n}", pages=[Page(number=1, text=text)], language="nl")
                for n in range(start, start + 1000)
            ]
        )
    client = TestClient(create_app(settings, index))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    count, last = 0, ""
    with client.stream("GET", "/api/v1/export", params={"format": "jsonl", "q": "vergunning"}) as response:
        for line in response.iter_lines():
            if line:
                count, last = count + 1, line
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert count == 10_001 and json.loads(last)["_export"]["documents"] == 10_000
    assert grown_mb < 150, f"the export grew the process by {grown_mb:.0f} MB"
    # Pagination goes deep, to the 10,000th hit, on both engines; beyond that the export is the way.
    last = index.search(SearchRequest(q="vergunning", page=1000, size=10))
    assert last.total == 10_000 and len(last.hits) == 10
    assert client.get("/api/v1/search", params={"q": "vergunning", "page": 1001}).status_code == 422
    page = client.get("/zoeken", params={"q": "vergunning", "page": 999})
    assert page.status_code == 200 and "Pagina 999 van 1000" in page.text


def test_an_export_the_engine_fails_midway_is_visibly_incomplete(tmp_path, monkeypatch):
    """The engine dies after 30 documents (injected into the real index's scan): the client, over real HTTP,
    gets no clean end of the body, and the JSON Lines file lacks its closing line."""
    import httpx
    from browser_server import LiveServer

    from openarchief.search import EngineUnavailable

    settings = engine_settings("embedded", tmp_path)
    index = Index(settings)
    text = "De gemeente besluit over de omgevingsvergunning. " * 20
    index.index([Document(id=f"{n:064x}", title=f"Besluit {n}", pages=[Page(number=1, text=text)]) for n in range(200)])
    real_scan = index.scan

    def dying_scan(request):
        for n, doc in enumerate(real_scan(request)):
            if n == 30:
                raise EngineUnavailable("injected: the engine went away in the middle of the export")
            yield doc

    monkeypatch.setattr(index, "scan", dying_scan)
    with LiveServer(create_app(settings, index)) as server:
        for fmt in ("jsonl", "csv"):
            received, failed = [], None
            try:
                with httpx.stream("GET", f"{server.url}/api/v1/export", params={"format": fmt, "q": "besluit"}) as r:
                    assert r.status_code == 200 and r.headers["x-total-count"] == "200"
                    for line in r.iter_lines():
                        received.append(line)
            except httpx.HTTPError as exc:
                failed = exc
            assert failed is not None, f"{fmt}: the cut export looked complete to the client"
            assert not any('"_export"' in line for line in received)
    # An engine that is down before the export starts is a 503, not an empty 200.
    monkeypatch.setattr(index, "search", lambda request: (_ for _ in ()).throw(EngineUnavailable("down")))
    client = TestClient(create_app(settings, index), raise_server_exceptions=False)
    assert client.get("/api/v1/export", params={"format": "csv"}).status_code == 503

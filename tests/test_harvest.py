"""Harvesting over HTTP against a real local server (127.0.0.1 only): conditional GETs, refusals, retries."""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import json
import socket
import sqlite3
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from openarchief.demo.pdf import write_pdf
from openarchief.ingest import harvest as harvest_module
from openarchief.ingest.harvest import SourceError, harvest, read_listing, read_sources
from openarchief.ingest.metadata import collect

LIMIT = 100_000  # max_bytes in these tests; the sample PDFs are about 20 kB
LAST_MODIFIED = "Wed, 01 May 2024 10:00:00 GMT"
HTML = b"<!DOCTYPE html><html lang='nl'><head><title>Pagina niet gevonden</title></head><body>Oeps</body></html>"
# Short back-off so the module runs in a few seconds; timeouts generous enough for a loaded machine, except in
# the test of timeouts itself, where the server is made far slower than the limits.
FAST = dict(max_bytes=LIMIT, timeout=5.0, attempts=3, backoff=0.01, deadline=10.0)


def _sitemap(urls: list[str]) -> bytes:
    locs = "".join(f"<url><loc>{url}</loc></url>" for url in urls)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
    ).encode()


class Site:
    """The server's content and what it was asked: requests, full answers (200 with a body) and 304s per path."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.pdf = {
            name: write_pdf(folder / f"{name}.pdf", [f"Besluit {name}\n\nInhoud van document {name}."]).read_bytes()
            for name in ("doc", "doc-v2", "lm", "octet", "notype", "flaky")
        }
        self.doc_version = ("doc", '"doc-1"')
        self.requests: Counter[str] = Counter()
        self.full: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.stop = threading.Event()  # set at teardown: slow handlers give up at once
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep the test output clean
            pass

        def _send(self, status: int, body: bytes = b"", headers: dict | None = None, length: bool = True) -> None:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)
            if status == 200 and body:
                with site.lock:
                    site.full[self.path] += 1

        def _not_modified(self, etag: str | None, last_modified: str | None) -> bool:
            inm = self.headers.get("If-None-Match")
            if inm is not None:  # If-None-Match takes precedence over If-Modified-Since (RFC 9110 13.2.2)
                return etag is not None and (inm.strip() == "*" or etag in [t.strip() for t in inm.split(",")])
            ims = self.headers.get("If-Modified-Since")
            if ims and last_modified:
                return email.utils.parsedate_to_datetime(ims) >= email.utils.parsedate_to_datetime(last_modified)
            return False

        def _pdf(
            self,
            body: bytes,
            etag: str | None = None,
            last_modified: str | None = None,
            content_type: str | None = "application/pdf",
            honour: bool = True,
        ) -> None:
            headers = {}
            if content_type:
                headers["Content-Type"] = content_type
            if etag:
                headers["ETag"] = etag
            if last_modified:
                headers["Last-Modified"] = last_modified
            if honour and self._not_modified(etag, last_modified):
                with site.lock:
                    site.not_modified[self.path] += 1
                self._send(304, headers=headers, length=False)
            else:
                self._send(200, body, headers)

        def _drip(self, chunks, delay: float) -> None:
            for chunk in chunks:
                if site.stop.wait(delay):
                    return
                self.wfile.write(chunk)
                self.wfile.flush()

        def do_GET(self) -> None:
            with site.lock:
                site.requests[self.path] += 1
                count = site.requests[self.path]
            try:
                self._route(count)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the harvester hung up on purpose (too large, timeout)

        def _route(self, count: int) -> None:
            path = self.path
            if path == "/doc.pdf":
                name, etag = site.doc_version
                self._pdf(site.pdf[name], etag, LAST_MODIFIED)
            elif path == "/lm-only.pdf":  # only Last-Modified: If-Modified-Since must do the work
                self._pdf(site.pdf["lm"], last_modified=LAST_MODIFIED)
            elif path == "/octet.pdf":  # S3 style type, no validators at all
                self._pdf(site.pdf["octet"], content_type="binary/octet-stream")
            elif path == "/no-type.pdf":  # no Content-Type; an ETag, but If-None-Match is ignored
                self._pdf(site.pdf["notype"], '"nt-1"', content_type=None, honour=False)
            elif path == "/flaky.pdf":  # 503 the first time, then the PDF
                if count == 1:
                    self._send(503, b"busy", {"Content-Type": "text/plain", "Retry-After": "0"})
                else:
                    self._pdf(site.pdf["flaky"], '"flaky-1"', content_type="application/x-pdf")
            elif path == "/down.pdf":
                self._send(503, b"busy", {"Content-Type": "text/plain"})
            elif path == "/html.pdf":  # named .pdf, honestly served as HTML
                self._send(200, HTML, {"Content-Type": "text/html; charset=utf-8"})
            elif path == "/fake.pdf":  # HTML claiming to be a PDF: only the magic bytes tell
                self._send(200, HTML, {"Content-Type": "application/pdf"})
            elif path == "/empty.pdf":
                self._send(200, b"", {"Content-Type": "application/pdf"})
            elif path == "/big-length.pdf":  # announces more than the limit
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("Content-Length", str(LIMIT * 3))
                self.end_headers()
                self._drip([b"%PDF-1.7\n"] + [b"0" * 10_000] * (LIMIT * 3 // 10_000), 0)
            elif path == "/big-stream.pdf":  # no Content-Length (HTTP/1.0, ends at close): the cap must hold
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.end_headers()
                self._drip([b"%PDF-1.7\n"] + [b"0" * 10_000] * (LIMIT * 3 // 10_000), 0)
            elif path == "/slow.pdf":  # no answer within the timeout
                if not site.stop.wait(5):
                    self._pdf(site.pdf["doc"])
            elif path == "/trickle.pdf":  # answers at once, then a few bytes at a time: only the deadline helps
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.end_headers()
                self._drip([b"%PDF-1.7\n"] + [b"0" * 10] * 500, 0.05)
            elif path == "/redirect.pdf":
                self._send(302, headers={"Location": "/doc.pdf"})
            elif path == "/loop":
                self._send(302, headers={"Location": "/loop"})
            elif path == "/to-file":
                self._send(302, headers={"Location": "file:///etc/passwd"})
            elif path == "/sitemap.xml":
                urls = [site.url(p) for p in ("/doc.pdf", "/html.pdf", "/flaky.pdf")]
                self._send(200, _sitemap(urls), {"Content-Type": "application/xml"})
            elif path == "/sitemap2.xml.gz":  # gzipped, relative <loc>
                self._send(200, gzip.compress(_sitemap(["/redirect.pdf"])), {"Content-Type": "application/gzip"})
            elif path == "/sitemap-index.xml":
                children = [
                    site.url("/sitemap.xml"),
                    site.url("/sitemap2.xml.gz"),
                    site.url("/gone.xml"),
                    "file:///etc/passwd",
                ]
                locs = "".join(f"<sitemap><loc>{child}</loc></sitemap>" for child in children)
                body = f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</sitemapindex>'
                self._send(200, body.encode(), {"Content-Type": "application/xml"})
            else:
                self._send(404, b"not found", {"Content-Type": "text/plain"})

    return Handler


@pytest.fixture
def site(tmp_path):
    site = Site(tmp_path / "served")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    server.handle_error = lambda request, address: None
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


GOOD = ["/doc.pdf", "/lm-only.pdf", "/octet.pdf", "/no-type.pdf", "/flaky.pdf", "/redirect.pdf"]
REFUSED = {
    "/html.pdf": "bad_content_type",
    "/fake.pdf": "not_pdf",
    "/empty.pdf": "empty",
    "/big-length.pdf": "too_large",
    "/big-stream.pdf": "too_large",
    "/missing.pdf": "http_error",
    "/down.pdf": "http_error",
    "/loop": "too_many_redirects",
    "/to-file": "bad_url",
}
NOT_HTTP = ["ftp://127.0.0.1/x.pdf", "file:///etc/passwd", "geen url"]


def _listing(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def test_harvest_then_harvest_again(site, tmp_path):
    dest, state = tmp_path / "dest", tmp_path / "state" / "harvest.sqlite"
    urls = [site.url(p) for p in GOOD + list(REFUSED)] + NOT_HTTP

    started = time.monotonic()
    first = harvest(urls, dest, state, **FAST)

    assert first.fetched == [site.url(p) for p in GOOD]
    assert first.unchanged == []
    reasons = {url: reason for url, reason, _ in first.refused}
    assert reasons == {site.url(p): r for p, r in REFUSED.items()} | {url: "bad_url" for url in NOT_HTTP}
    details = {url: detail for url, _, detail in first.refused}
    assert "Content-Length" in details[site.url("/big-length.pdf")]  # refused before downloading
    assert "HTML" in details[site.url("/fake.pdf")]
    assert "404" in details[site.url("/missing.pdf")]

    # Each good file is dest/<sha256>.pdf with its sidecar; the redirect served the same bytes as /doc.pdf.
    served = {site.pdf[n] for n in ("doc", "lm", "octet", "notype", "flaky")}
    assert len(first.files) == 5
    assert {f.read_bytes() for f in first.files} == served
    for path in first.files:
        assert path.parent == dest and path.name == hashlib.sha256(path.read_bytes()).hexdigest() + ".pdf"
    doc = dest / (hashlib.sha256(site.pdf["doc"]).hexdigest() + ".pdf")
    assert json.loads(doc.with_suffix(".json").read_text()) == {"source_url": site.url("/doc.pdf")}
    flaky = dest / (hashlib.sha256(site.pdf["flaky"]).hexdigest() + ".pdf")
    assert json.loads(flaky.with_suffix(".json").read_text())["source_url"] == site.url("/flaky.pdf")
    # Nothing else in dest: no temp files, nothing of the refused URLs.
    after_first = _listing(dest)
    assert set(after_first) == {f.name for f in first.files} | {f.with_suffix(".json").name for f in first.files}

    # Retries: the 503 once, then the PDF; a 404 is not retried; a lasting 503 is, up to the attempts.
    assert site.requests["/flaky.pdf"] == 2
    assert site.requests["/missing.pdf"] == 1
    assert site.requests["/down.pdf"] == 3
    assert site.requests["/html.pdf"] == 1
    assert site.full["/doc.pdf"] == 2  # once directly, once through the redirect

    with sqlite3.connect(state) as db:
        rows = {row[0]: row[1:] for row in db.execute("SELECT url, etag, last_modified, sha256 FROM harvested")}
    assert set(rows) == set(first.fetched)
    assert rows[site.url("/doc.pdf")] == ('"doc-1"', LAST_MODIFIED, doc.stem)
    assert rows[site.url("/redirect.pdf")] == ('"doc-1"', LAST_MODIFIED, doc.stem)

    # Second harvest of the same URLs: conditional GETs, nothing downloaded again.
    second = harvest(urls, dest, state, **FAST)
    assert second.fetched == [] and second.files == []
    assert second.unchanged == [site.url(p) for p in GOOD]
    assert {url: reason for url, reason, _ in second.refused} == reasons
    assert site.full["/doc.pdf"] == 2 and site.not_modified["/doc.pdf"] == 2  # If-None-Match, also via redirect
    assert site.full["/lm-only.pdf"] == 1 and site.not_modified["/lm-only.pdf"] == 1  # If-Modified-Since
    assert site.full["/flaky.pdf"] == 1 and site.not_modified["/flaky.pdf"] == 1
    assert _listing(dest) == after_first
    assert time.monotonic() - started < 10


def test_timeouts_and_connection_errors(site, tmp_path):
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/x.pdf"
    dest = tmp_path / "dest"
    urls = [site.url("/slow.pdf"), site.url("/trickle.pdf"), closed, site.url("/doc.pdf")]
    started = time.monotonic()
    report = harvest(
        urls, dest, tmp_path / "harvest.sqlite", max_bytes=LIMIT, timeout=0.3, attempts=2, backoff=0.01, deadline=0.5
    )
    assert time.monotonic() - started < 4
    assert [(url, reason) for url, reason, _ in report.refused] == [
        (site.url("/slow.pdf"), "timeout"),
        (site.url("/trickle.pdf"), "timeout"),
        (closed, "connection_error"),
    ]
    assert report.fetched == [site.url("/doc.pdf")]  # the harvest went on
    # No answer in time is retried; a download that outlived its deadline is not (it would only take that long
    # again). Nothing of either is left in dest.
    assert site.requests["/slow.pdf"] == 2 and site.requests["/trickle.pdf"] == 1
    assert sorted(p.suffix for p in dest.iterdir()) == [".json", ".pdf"]


def test_changed_document_is_fetched_again(site, tmp_path):
    dest, state = tmp_path / "dest", tmp_path / "harvest.sqlite"
    url = site.url("/doc.pdf")
    first = harvest([url], dest, state, **FAST)
    site.doc_version = ("doc-v2", '"doc-2"')  # the publisher replaced the file
    second = harvest([url], dest, state, **FAST)

    assert second.fetched == [url] and second.unchanged == []
    assert second.files[0].read_bytes() == site.pdf["doc-v2"]
    assert second.files[0] != first.files[0] and first.files[0].exists()  # the old version stays
    assert json.loads(second.files[0].with_suffix(".json").read_text()) == {"source_url": url}
    with sqlite3.connect(state) as db:
        assert db.execute("SELECT etag, sha256 FROM harvested").fetchall() == [('"doc-2"', second.files[0].stem)]
    assert harvest([url], dest, state, **FAST).unchanged == [url]


def test_same_bytes_from_two_urls_are_one_file(site, tmp_path):
    dest, state = tmp_path / "dest", tmp_path / "harvest.sqlite"
    report = harvest([site.url("/redirect.pdf"), site.url("/doc.pdf"), site.url("/doc.pdf")], dest, state, **FAST)
    assert report.fetched == [site.url("/redirect.pdf"), site.url("/doc.pdf")]  # each URL once
    assert len(report.files) == 1
    # The first URL that brought the bytes stays their source.
    assert json.loads(report.files[0].with_suffix(".json").read_text()) == {"source_url": site.url("/redirect.pdf")}


def test_read_sources_from_a_url_list(tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text(
        "\ufeff# rijksoverheid\nhttps://example.org/a.pdf\n\n   https://example.org/b.pdf  \n"
        "# done\nhttps://example.org/a.pdf\n",
        encoding="utf-8",
    )
    assert read_sources(str(listing)) == ["https://example.org/a.pdf", "https://example.org/b.pdf"]


def test_a_url_list_with_metadata_fills_the_sidecar_and_the_document(site, tmp_path):
    """A list may give each URL its metadata as a JSON line (a publication platform's export): it goes into the
    sidecar, and from there into the document (organisation and themes by label)."""
    listing = tmp_path / "urls.jsonl"
    row = {
        "url": site.url("/doc.pdf"),
        "title": "Besluit over de haven",
        "organisation": "gemeente Heerlen",
        "theme": ["verkeer", "c_124eaf3a"],
        "unknown_field": "left out",
    }
    listing.write_text(json.dumps(row) + "\n" + site.url("/octet.pdf") + "\n", encoding="utf-8")
    listed = read_listing(str(listing))
    assert list(listed) == [site.url("/doc.pdf"), site.url("/octet.pdf")]
    assert "unknown_field" not in listed[site.url("/doc.pdf")] and listed[site.url("/octet.pdf")] == {}
    report = harvest(listed, tmp_path / "dest", tmp_path / "state.sqlite", **FAST)
    pdf = next(f for f in report.files if f.read_bytes() == site.pdf["doc"])
    sidecar = json.loads(pdf.with_suffix(".json").read_text())
    assert sidecar == {"source_url": row["url"]} | {k: v for k, v in row.items() if k not in ("url", "unknown_field")}
    meta = collect(pdf, [""], {})
    assert meta.values["organisation"] == "gm0917" and meta.values["theme"] == ["c_849842ac", "c_124eaf3a"]
    assert meta.sources["theme"] == "sidecar"

    listing.write_text('{"title": "no url"}\n', encoding="utf-8")
    with pytest.raises(SourceError, match="needs a"):
        read_listing(str(listing))


def test_read_sources_from_sitemaps(site, tmp_path):
    listed = [site.url(p) for p in ("/doc.pdf", "/html.pdf", "/flaky.pdf")]
    assert read_sources(site.url("/sitemap.xml")) == listed
    # An index: its children are followed (a gzipped one too, its relative <loc> resolved); the missing one
    # and the file:// one are skipped.
    assert read_sources(site.url("/sitemap-index.xml"), backoff=0.01) == listed + [site.url("/redirect.pdf")]
    assert site.requests["/gone.xml"] == 1
    # A local sitemap file.
    local = tmp_path / "sitemap.xml"
    local.write_bytes(_sitemap(["https://example.org/x.pdf"]))
    assert read_sources(str(local)) == ["https://example.org/x.pdf"]


def test_read_sources_refuses_unsafe_or_broken_xml(tmp_path, monkeypatch):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
        "<urlset><url><loc>&lol2;</loc></url></urlset>"
    )
    with pytest.raises(SourceError, match="DOCTYPE"):
        read_sources(str(bomb))
    external = tmp_path / "external.xml"
    external.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<urlset><url><loc>&x;</loc></url></urlset>"
    )
    with pytest.raises(SourceError, match="DOCTYPE"):
        read_sources(str(external))
    page = tmp_path / "page.xml"
    page.write_text("<html><body>geen sitemap</body></html>")
    with pytest.raises(SourceError, match="not a sitemap"):
        read_sources(str(page))
    broken = tmp_path / "broken.xml"
    broken.write_text("<urlset><url><loc>https://example.org/a.pdf</loc></url>")
    with pytest.raises(SourceError, match="well-formed"):
        read_sources(str(broken))
    with pytest.raises(SourceError, match="cannot read"):
        read_sources(str(tmp_path / "nothing-here.txt"))
    big = tmp_path / "big.xml"
    big.write_bytes(_sitemap([f"https://example.org/{i}.pdf" for i in range(100)]))
    monkeypatch.setattr(harvest_module, "MAX_SITEMAP_BYTES", 1000)
    monkeypatch.setattr(harvest_module, "MAX_LIST_BYTES", 1000)
    with pytest.raises(SourceError, match="larger than the limit"):
        read_sources(str(big))
    gzipped = tmp_path / "big.xml.gz"
    gzipped.write_bytes(gzip.compress(big.read_bytes()))
    assert gzipped.stat().st_size < 1000
    with pytest.raises(SourceError, match="larger than the limit"):  # the limit holds after unpacking too
        read_sources(str(gzipped))


def test_retry_after_header():
    assert harvest_module._retry_after("7") == 7.0
    assert harvest_module._retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # a date in the past
    assert harvest_module._retry_after("soon") is None
    assert harvest_module._retry_after(None) is None

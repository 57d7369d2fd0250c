"""Harvesting PDFs over HTTP: from a list of URLs or a sitemap to PDFs (with a provenance sidecar) in a folder.

`read_sources` turns a URL list or an XML sitemap into URLs; `harvest` downloads them into `dest` as
`<sha256>.pdf` with a sidecar `<sha256>.json` holding `{"source_url": url}`, ready for the ingest pipeline.
A small SQLite file remembers, per URL, the validators of the last download (ETag, Last-Modified) so the next
harvest asks with a conditional GET and downloads nothing that did not change.

Reason codes in `HarvestReport.refused`:
    bad_url             not an http(s) URL, or a redirect to another scheme
    http_error          a non-success status (after retries for 429 and 5xx), or another protocol error
    timeout             no answer within `timeout` (after retries), or the download took longer than `deadline`
    connection_error    the server could not be reached or broke the connection (after retries)
    too_many_redirects  more than MAX_REDIRECTS redirects
    bad_content_type    the server says the body is something other than a PDF (e.g. text/html)
    too_large           Content-Length or the bytes received exceed `max_bytes`
    empty               a success status with no body
    not_pdf             no %PDF- header in the first 1024 bytes
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import hashlib
import io
import json
import logging
import os
import sqlite3
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin
from xml.parsers import expat

import httpx
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from openarchief.search import Settings, atomic
from openarchief.search.failures import Failure, Reason

from .magic import MAGIC_WINDOW, check_pdf_header
from .metadata import FIELDS

log = logging.getLogger(__name__)

# The same magic-byte check the ingest pipeline makes (defined here, not imported, so harvesting does not pull
# in the extraction stack): the PDF header may follow some junk bytes, as readers accept.

USER_AGENT = "openarchief-harvester/0.1 (archive of published Dutch government documents)"
ACCEPT = "application/pdf, application/octet-stream;q=0.5, */*;q=0.1"
MAX_REDIRECTS = 5

# Retries with exponential back-off on connection errors, timeouts, 429 and 5xx. After attempt n the wait is
# backoff * 2**(n-1) seconds (at most backoff * RETRY_BACKOFF_GROWTH), or longer when the server asks for it with
# Retry-After (at most RETRY_AFTER_MAX). harvest() and read_sources() take `attempts` and `backoff` per call.
RETRY_ATTEMPTS = 3
RETRY_BACKOFF = 1.0
RETRY_BACKOFF_GROWTH = 16
RETRY_AFTER_MAX = 60.0

# The whole of one download attempt (headers and body) may take at most this long. The httpx `timeout`
# bounds each network operation (connect, each read) but not the sum, so a server that trickles a byte
# every few seconds would otherwise hold the harvest forever.
DOWNLOAD_DEADLINE = 900.0

# Content types taken as "may be a PDF". Many real servers label PDFs loosely: object stores answer
# binary/octet-stream (S3) or application/octet-stream, older servers application/x-pdf, and some send no
# Content-Type at all. Refusing those would lose real documents, and the magic-byte check below decides
# in the end anyway. Any other declared type (text/html: an error or login page, a cookie wall) is refused
# before the body is downloaded.
ACCEPTED_CONTENT_TYPES = frozenset(
    {"application/pdf", "application/x-pdf", "application/octet-stream", "binary/octet-stream"}
)

# Sitemaps: the protocol's own limit is 50 MB (uncompressed) per file. Read no more than that, also after
# gunzipping a .xml.gz, so a hostile or broken source cannot exhaust memory.
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
MAX_LIST_BYTES = 50 * 1024 * 1024
LISTED_FIELDS = tuple(f for f in FIELDS if f != "source_url")  # what a URL list may say of a document


@dataclass
class HarvestReport:
    fetched: list[str] = field(default_factory=list)  # URLs downloaded (new or changed)
    unchanged: list[str] = field(default_factory=list)  # 304, same ETag or same bytes: nothing new
    refused: list[tuple[str, str, str]] = field(default_factory=list)  # (url, reason code, detail)
    files: list[Path] = field(default_factory=list)  # the PDFs written (for the caller to ingest)


class SourceError(ValueError):
    """The source given to read_sources cannot be read or is not a URL list or sitemap."""


# -- reading sources ------------------------------------------------------------------------------------------


def _is_http_url(value: str) -> bool:
    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, TypeError):
        return False
    return url.scheme in ("http", "https") and bool(url.host)


def _read_limited(handle, limit: int, what: str) -> bytes:
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise SourceError(f"{what} is larger than the limit of {limit} bytes")
    return data


def _gunzip(data: bytes, what: str) -> bytes:
    """A gzipped sitemap (sitemap.xml.gz) is unpacked, never beyond MAX_SITEMAP_BYTES."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            return _read_limited(handle, MAX_SITEMAP_BYTES, what)
    except (OSError, EOFError) as exc:
        raise SourceError(f"{what} is not valid gzip: {exc}") from exc


def _fetch_source(url: str, client: httpx.Client, timeout: float, attempts: int, backoff: float) -> bytes:
    def once() -> bytes:
        with client.stream("GET", url, timeout=timeout, follow_redirects=True) as response:
            if response.status_code == 429 or response.status_code >= 500:
                raise _TransientStatus(response)
            if not response.is_success:
                raise SourceError(f"{url}: HTTP {response.status_code} {response.reason_phrase}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_SITEMAP_BYTES:
                    raise SourceError(f"{url} is larger than the limit of {MAX_SITEMAP_BYTES} bytes")
            return bytes(body)

    try:
        return _retrying(attempts, backoff)(once)
    except _TransientStatus as exc:
        raise SourceError(f"{url}: {exc.detail} after {attempts} attempts") from exc
    except httpx.HTTPError as exc:
        raise SourceError(f"{url}: {type(exc).__name__}: {exc}") from exc


def _reject_dtd(*_args) -> None:
    raise SourceError("the XML has a DOCTYPE or entity declaration, which a sitemap never needs; refused")


def _parse_xml(data: bytes, what: str) -> ET.Element:
    """Parse untrusted XML: size-limited by the caller, and any DTD refused.

    ElementTree does not fetch external entities, but expat would still expand entities declared in an internal
    DTD ("billion laughs"). A sitemap has no use for a DTD, so a first pass with a bare expat parser stops at the
    DOCTYPE declaration, before any entity is declared or expanded; only then does ElementTree build the tree.
    """
    guard = expat.ParserCreate()
    guard.StartDoctypeDeclHandler = _reject_dtd
    guard.EntityDeclHandler = _reject_dtd
    guard.ExternalEntityRefHandler = _reject_dtd  # type: ignore[assignment]  # it raises: no return value
    try:
        guard.Parse(data, True)
        return ET.fromstring(data)
    except (expat.ExpatError, ET.ParseError) as exc:
        raise SourceError(f"{what} is not well-formed XML: {exc}") from exc


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]  # sitemaps use a namespace; match on the local name only


def _locs(root: ET.Element, parent: str, base: str | None) -> list[str]:
    found = []
    for child in root:
        if _local(child.tag) != parent:
            continue
        for loc in child:
            if _local(loc.tag) == "loc" and loc.text and loc.text.strip():
                value = loc.text.strip()
                # The protocol wants absolute URLs; resolve a relative one against a remote sitemap's URL.
                found.append(urljoin(base, value) if base else value)
    return found


def _sitemap_urls(data: bytes, source: str, base: str | None, nested: bool, fetch) -> list[str]:
    root = _parse_xml(data, source)
    kind = _local(root.tag)
    if kind == "urlset":
        return _locs(root, "url", base)
    if kind != "sitemapindex":
        raise SourceError(f"{source}: the XML root is <{kind}>, not a sitemap <urlset> or <sitemapindex>")
    if nested:
        log.warning("%s: a sitemap index inside a sitemap index is not followed", source)
        return []
    urls = []
    for child in _locs(root, "sitemap", base):
        # Only http(s): a sitemap index from anywhere must not make us read local files (file:///etc/...).
        if not _is_http_url(child):
            log.warning("%s: child sitemap %r is not an http(s) URL; skipped", source, child)
            continue
        try:
            urls += _sitemap_urls(fetch(child), child, child, True, fetch)
        except SourceError as exc:
            # One broken child sitemap should not cost the URLs of all the others; the next run retries it.
            log.warning("child sitemap skipped: %s", exc)
    return urls


def read_sources(source: str, **options) -> list[str]:
    """The URLs named by `source`, in order, each once (see read_listing)."""
    return list(read_listing(source, **options))


def _listed(line: str, source: str) -> tuple[str, dict]:
    """A line of a URL list: a URL, or a JSON object with a "url" and the sidecar's metadata fields."""
    if not line.startswith("{"):
        return line, {}
    try:
        row = json.loads(line)
    except ValueError as exc:
        raise SourceError(f"{source}: a line that starts with {{ must be a JSON object: {exc}") from exc
    if not isinstance(row, dict) or not isinstance(row.get("url"), str):
        raise SourceError(f'{source}: a JSON line needs a "url": {line[:80]}')
    return row["url"].strip(), {k: v for k, v in row.items() if k in LISTED_FIELDS and v not in (None, "", [])}


def read_listing(
    source: str,
    *,
    client: httpx.Client | None = None,
    timeout: float = 30.0,
    attempts: int = RETRY_ATTEMPTS,
    backoff: float = RETRY_BACKOFF,
) -> dict[str, dict]:
    """The URLs named by `source`, in order, each once, with the metadata the list gives for each.

    `source` is a path or an http(s) URL of either a text file with one URL per line (blank lines and lines
    starting with # ignored; a line may instead be a JSON object with a "url" and metadata for the sidecar:
    title, organisation, type, theme, date, …) or an XML sitemap (<urlset>, optionally gzipped), or a
    <sitemapindex> whose child sitemaps are fetched and read (one level deep). URLs are returned as listed;
    harvest() refuses those that are not http(s), so they show up in its report instead of vanishing here.
    Raises SourceError when the source itself cannot be read or understood.
    """
    own_client = client is None
    http = client if client is not None else _new_client(timeout)
    try:

        def fetch(url: str) -> bytes:
            return _gunzip(_fetch_source(url, http, timeout, attempts, backoff), url)

        if _is_http_url(source):
            data, base = fetch(source), source
        else:
            try:
                with open(source, "rb") as handle:
                    data = _gunzip(_read_limited(handle, max(MAX_SITEMAP_BYTES, MAX_LIST_BYTES), source), source)
            except OSError as exc:
                raise SourceError(f"cannot read {source}: {exc}") from exc
            base = None
        if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            listed: list[tuple[str, dict]] = [(url, {}) for url in _sitemap_urls(data, source, base, False, fetch)]
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise SourceError(f"{source} is neither XML nor a UTF-8 list of URLs: {exc}") from exc
            lines = [line.strip() for line in text.splitlines()]
            listed = [_listed(line, source) for line in lines if line and not line.startswith("#")]
    finally:
        if own_client:
            http.close()
    found: dict[str, dict] = {}
    for url, fields in listed:
        found.setdefault(url, fields)
    return found


# -- harvesting -----------------------------------------------------------------------------------------------


class _TransientStatus(Exception):
    """A 429 or 5xx answer: retried with back-off, then reported as http_error."""

    def __init__(self, response: httpx.Response):
        self.status = response.status_code
        self.detail = f"HTTP {response.status_code} {response.reason_phrase}".strip()
        self.retry_after = _retry_after(response.headers.get("Retry-After"))
        super().__init__(self.detail)


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (when - dt.datetime.now(dt.timezone.utc)).total_seconds())


def _transient(exc: BaseException) -> bool:
    # Timeouts, refused/reset connections and a server that hung up mid-answer may go away on a retry;
    # a bad URL, too many redirects or a refusal of the content will not.
    return isinstance(exc, (_TransientStatus, httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError))


def _retrying(attempts: int, backoff: float) -> Retrying:
    exponential = wait_exponential(multiplier=backoff, max=backoff * RETRY_BACKOFF_GROWTH)

    def wait(state) -> float:
        seconds = exponential(state)
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _TransientStatus) and exc.retry_after is not None:
            seconds = max(seconds, min(exc.retry_after, RETRY_AFTER_MAX))  # be polite, within reason
        return seconds

    return Retrying(
        retry=retry_if_exception(_transient), stop=stop_after_attempt(max(1, attempts)), wait=wait, reraise=True
    )


def _new_client(timeout: float) -> httpx.Client:
    return httpx.Client(
        follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=timeout, headers={"User-Agent": USER_AGENT}
    )


@dataclass
class _Previous:
    etag: str | None
    last_modified: str | None
    sha256: str


@dataclass
class _Download:
    status: str  # "unchanged" | "downloaded"
    etag: str | None = None
    last_modified: str | None = None
    tmp: Path | None = None
    sha256: str | None = None


class _State:
    """The SQLite file remembering, per URL, what the last download brought."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path)
        with self.db:
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS harvested (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT,"
                " sha256 TEXT NOT NULL, fetched_at TEXT NOT NULL)"
            )

    def get(self, url: str) -> _Previous | None:
        row = self.db.execute("SELECT etag, last_modified, sha256 FROM harvested WHERE url = ?", (url,)).fetchone()
        return _Previous(*row) if row else None

    def downloaded(self, url: str, etag: str | None, last_modified: str | None, sha256: str) -> None:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with self.db:
            self.db.execute(
                "INSERT INTO harvested (url, etag, last_modified, sha256, fetched_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,"
                " sha256 = excluded.sha256, fetched_at = excluded.fetched_at",
                (url, etag, last_modified, sha256, now),
            )

    def validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """A 304 may carry updated validators (RFC 9110 15.4.5); keep them, the bytes are the same."""
        with self.db:
            self.db.execute(
                "UPDATE harvested SET etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified)"
                " WHERE url = ?",
                (etag, last_modified, url),
            )

    def close(self) -> None:
        self.db.close()


def _media_type(value: str | None) -> str:
    return (value or "").split(";", 1)[0].strip().lower()


def _download(
    client: httpx.Client,
    url: str,
    previous: _Previous | None,
    dest: Path,
    max_bytes: int,
    timeout: float,
    deadline: float,
) -> _Download:
    """One attempt: a conditional GET, streamed to a temp file in dest. The temp file is removed on any failure."""
    # identity: a PDF is compressed inside already, so gzip in transit gains little; without it Content-Length
    # is the real size (for the early refusal) and no small compressed read can unpack into a huge chunk.
    headers = {"Accept": ACCEPT, "Accept-Encoding": "identity"}
    if previous and previous.etag:
        headers["If-None-Match"] = previous.etag
    if previous and previous.last_modified:
        headers["If-Modified-Since"] = previous.last_modified
    started = time.monotonic()
    with client.stream("GET", url, headers=headers, timeout=timeout, follow_redirects=True) as response:
        status = response.status_code
        etag = response.headers.get("ETag")
        last_modified = response.headers.get("Last-Modified")
        if status == 304 and previous:
            return _Download("unchanged", etag, last_modified)
        if status == 429 or status >= 500:
            raise _TransientStatus(response)
        if not response.is_success:
            raise Failure(Reason.http_error, f"HTTP {status} {response.reason_phrase}".strip())
        if previous and previous.etag and etag == previous.etag:
            # The server ignored If-None-Match but names the same version: leave the body unread.
            return _Download("unchanged", etag, last_modified)
        content_type = _media_type(response.headers.get("Content-Type"))
        if content_type and content_type not in ACCEPTED_CONTENT_TYPES:
            raise Failure(Reason.bad_content_type, f"the server says the content is {content_type}, not a PDF")
        length = response.headers.get("Content-Length", "").strip()
        if length.isdigit() and int(length) > max_bytes:
            raise Failure(
                Reason.too_large, f"Content-Length is {int(length)} bytes, more than the limit of {max_bytes}"
            )

        fd, tmp = atomic.temporary(dest, "harvest", ".part")
        try:
            digest, size, head = hashlib.sha256(), 0, b""
            with os.fdopen(fd, "wb") as out:
                # Chunks as they arrive (no re-chunking), so the limit and the deadline are checked at once.
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise Failure(Reason.too_large, f"more than the limit of {max_bytes} bytes received")
                    if time.monotonic() - started > deadline:
                        raise Failure(Reason.timeout, f"the download took longer than {deadline:g} s")
                    if len(head) < MAGIC_WINDOW:
                        head += chunk[: MAGIC_WINDOW - len(head)]
                        if len(head) >= MAGIC_WINDOW:
                            check_pdf_header(head)  # an HTML page is refused without downloading all of it
                    digest.update(chunk)
                    out.write(chunk)
            if size == 0:
                raise Failure(Reason.empty, "the server sent no content")
            check_pdf_header(head)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return _Download("downloaded", etag, last_modified, tmp, digest.hexdigest())


def _store(download: _Download, url: str, dest: Path, fields: dict | None = None) -> Path:
    """Move a good download to dest/<sha256>.pdf with its sidecar; the same bytes again are the same file."""
    pdf = dest / f"{download.sha256}.pdf"
    sidecar = pdf.with_suffix(".json")
    # The sidecar goes first: a worker watching dest (e.g. the inbox) must never find the PDF without it.
    # When other URLs served the same bytes before, the first URL's sidecar is kept: one document, one source.
    if not sidecar.exists():
        given = {"source_url": url, **(fields or {})}
        atomic.write_text(sidecar, json.dumps(given, ensure_ascii=False, indent=2) + "\n")
    if not pdf.exists():  # same bytes: leave the existing file (and its mtime) alone; the caller drops tmp
        assert download.tmp is not None  # a fetched download always has its file
        os.replace(download.tmp, pdf)
    return pdf


def _refusal_of(exc: Exception, attempts: int) -> tuple[str, str]:
    if isinstance(exc, Failure):
        return exc.reason, exc.detail
    if isinstance(exc, _TransientStatus):
        return Reason.http_error, f"{exc.detail} after {attempts} attempts"
    if isinstance(exc, httpx.TimeoutException):
        return Reason.timeout, f"{type(exc).__name__} after {attempts} attempts"
    if isinstance(exc, httpx.TooManyRedirects):
        return Reason.too_many_redirects, f"more than {MAX_REDIRECTS} redirects"
    if isinstance(exc, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return Reason.bad_url, f"{exc} (redirected to a URL that is not http or https?)"
    if isinstance(exc, httpx.TransportError):
        return Reason.connection_error, f"{type(exc).__name__}: {exc} (after {attempts} attempts)"
    return Reason.http_error, f"{type(exc).__name__}: {exc}"


def harvest(
    urls: list[str] | dict[str, dict],
    dest: Path,
    state: Path,
    *,
    max_bytes: int = Settings.model_fields["max_file_mb"].default * 1_000_000,
    timeout: float = 30.0,
    client: httpx.Client | None = None,
    attempts: int = RETRY_ATTEMPTS,
    backoff: float = RETRY_BACKOFF,
    deadline: float = DOWNLOAD_DEADLINE,
) -> HarvestReport:
    """Download each URL's PDF into dest, skipping what did not change since the last harvest.

    `timeout` bounds each network operation, `deadline` one whole download attempt; `attempts` and `backoff`
    shape the retries (see RETRY_*). A given `client` is used as is (its own redirect limit applies); without
    one, a client following at most MAX_REDIRECTS redirects is made. The failure of one URL is recorded in the
    report and the harvest goes on; problems on our side (disk full, the state file) stop it. `urls` may map
    each URL to the metadata its sidecar gets (read_listing).
    """
    given = urls if isinstance(urls, dict) else {}
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    report = HarvestReport()
    own_client = client is None
    http = client if client is not None else _new_client(timeout)
    store = _State(Path(state))
    retrying = _retrying(attempts, backoff)
    try:
        for url in dict.fromkeys(urls):
            if not _is_http_url(url):
                report.refused.append((url, Reason.bad_url, "only http and https URLs are harvested"))
                continue
            previous = store.get(url)
            try:
                result = retrying(_download, http, url, previous, dest, max_bytes, timeout, deadline)
            except (Failure, _TransientStatus, httpx.HTTPError, httpx.InvalidURL) as exc:
                reason, detail = _refusal_of(exc, attempts)
                log.info("refused %s: %s (%s)", url, reason, detail)
                report.refused.append((url, reason, detail))
                continue
            if result.status == "unchanged":
                store.validators(url, result.etag, result.last_modified)
                report.unchanged.append(url)
            elif previous and previous.sha256 == result.sha256:
                # No validators (or new ones) but the very same bytes: nothing new for the archive.
                if result.tmp:
                    result.tmp.unlink()
                store.downloaded(url, result.etag, result.last_modified, result.sha256)
                report.unchanged.append(url)
            else:
                try:
                    path = _store(result, url, dest, given.get(url))
                finally:
                    if result.tmp:  # moved into place, or a failure on our side
                        result.tmp.unlink(missing_ok=True)
                store.downloaded(url, result.etag, result.last_modified, result.sha256 or "")
                report.fetched.append(url)
                if path not in report.files:
                    report.files.append(path)
                log.info("fetched %s -> %s", url, path.name)
    finally:
        store.close()
        if own_client:
            http.close()
    return report

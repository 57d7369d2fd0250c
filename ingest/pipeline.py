"""From a file to an indexed document: check, store, extract, normalise, enrich, index, record."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from search import Document, EngineUnavailable, Generation, Index, Page, Settings
from search.blobs import BlobStore, sha256_of

from . import metadata
from .extractors import ExtractionError, extract
from .language import detect_language
from .ledger import Ledger
from .normalize import normalize_page
from .sources import SourceFile, iter_files

PDF_MAGIC = b"%PDF-"
MAGIC_WINDOW = 1024  # the PDF header may follow some junk bytes, as readers accept
BATCH_SIZE = 50


@dataclass
class Outcome:
    file: SourceFile
    status: str  # indexed | failed | skipped | unchanged
    reason: str | None = None
    detail: str | None = None
    pages: int = 0


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def pages(self) -> int:
        return sum(o.pages for o in self.outcomes if o.status == "indexed")


class Refused(Exception):
    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def _check_pdf(path: Path, max_bytes: int) -> None:
    size = path.stat().st_size
    if size == 0:
        raise Refused("empty", "the file is empty (0 bytes)")
    if size > max_bytes:
        raise Refused("too_large", f"the file is {size / 1e6:.0f} MB, more than the limit of {max_bytes / 1e6:.0f} MB")
    with open(path, "rb") as handle:
        head = handle.read(MAGIC_WINDOW)
    if PDF_MAGIC not in head:
        lowered = head.lower()
        if b"<html" in lowered or b"<!doctype" in lowered:
            kind = "an HTML page"
        elif head[:64].decode("ascii", "ignore").isprintable():
            kind = "text"
        else:
            kind = "binary data of another kind"
        raise Refused("not_pdf", f"not a PDF: the file has no %PDF- header; it looks like {kind}")


class Ingestor:
    def __init__(self, settings: Settings, index: Index, extractor: str | None = None):
        self.settings = settings
        self.index = index
        self.extractor = extractor or settings.extractor
        self.ledger = Ledger(settings.ledger_path)
        self.blobs = BlobStore(settings.data_dir / "blobs")
        self._pending: list[tuple[Outcome, Document, dict]] = []
        self._seen_in_run: dict[str, str] = {}

    def close(self) -> None:
        self.ledger.close()

    def run(self, paths: Iterable[Path], progress: Callable[[Outcome], None] | None = None) -> Summary:
        started = time.monotonic()
        summary = Summary()

        def done(outcomes: list[Outcome]) -> None:
            for outcome in outcomes:
                summary.outcomes.append(outcome)
                if progress:
                    progress(outcome)

        for source in iter_files(list(paths)):
            outcome = self._prepare(source)
            if outcome is not None:
                done([outcome])
            if len(self._pending) >= BATCH_SIZE:
                done(self._flush())
        done(self._flush())
        summary.seconds = time.monotonic() - started
        return summary

    def _prepare(self, source: SourceFile) -> Outcome | None:
        """Everything up to indexing; returns an outcome now, or None when the document waits in the batch."""
        path, key = source.path, str(source.path)
        try:
            stat = path.stat()
        except OSError as exc:
            self.ledger.record(key, "failed", reason="unreadable", detail=str(exc))
            return Outcome(source, "failed", "unreadable", str(exc))
        known = self.ledger.get(key)
        if known and known.status == "indexed" and known.size == stat.st_size and known.mtime == stat.st_mtime:
            return Outcome(source, "unchanged")
        try:
            _check_pdf(path, self.settings.max_file_mb * 1_000_000)
            sha = sha256_of(path)
        except Refused as exc:
            self.ledger.record(key, "failed", size=stat.st_size, mtime=stat.st_mtime, reason=exc.reason, detail=exc.detail)
            return Outcome(source, "failed", exc.reason, exc.detail)
        base = dict(sha256=sha, size=stat.st_size, mtime=stat.st_mtime, extractor=self.extractor)
        twin = self._seen_in_run.get(sha) or self.ledger.indexed_path_for(sha)
        if twin and twin != key:
            detail = f"same content as {twin}"
            self.ledger.record(key, "skipped", reason="duplicate", detail=detail, **base)
            return Outcome(source, "skipped", "duplicate", detail)
        self._seen_in_run[sha] = key
        # Recorded as failed until it is indexed: a crash in between leaves a trace, not a gap.
        self.ledger.record(key, "failed", reason="interrupted", detail="ingest stopped before it finished", **base)
        try:
            # A document extracted by an earlier run whose write to the engine failed is not extracted again.
            kept = self.ledger.document(sha)
            doc, timings = (kept, {"pages": kept.page_count}) if kept else self._build(source, sha)
        except (ExtractionError, Refused) as exc:
            self.ledger.record(key, "failed", reason=exc.reason, detail=exc.detail, **base)
            return Outcome(source, "failed", exc.reason, exc.detail)
        self._pending.append((Outcome(source, "indexed", pages=doc.page_count), doc, base | timings))
        return None

    def _build(self, source: SourceFile, sha: str) -> tuple[Document, dict]:
        self.blobs.put(source.path, sha)
        started = time.monotonic()
        extraction = extract(source.path, self.extractor)
        extract_ms = (time.monotonic() - started) * 1000
        texts = [normalize_page(t) for t in extraction.pages]
        try:
            meta = metadata.collect(source.path, texts, extraction.info)
        except ValueError as exc:
            raise Refused("bad_metadata", str(exc)) from exc
        full_text = "\n".join(texts)
        meta.offer("language", detect_language(full_text), "text")
        values, provenance = meta.values, meta.sources
        doc = Document(
            id=sha,
            title=values["title"],
            pages=[Page(number=i + 1, text=t) for i, t in enumerate(texts)],
            ministry=values.get("ministry"),
            type=values.get("type"),
            category=values.get("category"),
            date=values.get("date"),
            language=values.get("language"),
            extractor=self.extractor,
            source=values.get("source_url") or source.relative,
            filename=source.path.name,
            provenance={k: v for k, v in provenance.items() if k != "source_url"},
            needs_ocr=[i + 1 for i, t in enumerate(texts) if not t.strip()],
            indexed_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
        )
        return doc, {"pages": doc.page_count, "needs_ocr": len(doc.needs_ocr), "extract_ms": extract_ms}

    def _flush(self) -> list[Outcome]:
        if not self._pending:
            return []
        batch, self._pending = self._pending, []
        for _, doc, _ in batch:
            self.ledger.save_document(doc)
        started = time.monotonic()
        try:
            refused = dict(self.index.index([doc for _, doc, _ in batch]))
        except EngineUnavailable as exc:
            # Nothing is lost: the documents wait in the ledger and the next run writes them.
            for outcome, _, values in batch:
                self.ledger.record(str(outcome.file.path), "pending", reason="engine_unavailable", detail=str(exc), **values)
            raise EngineUnavailable(f"{exc} ({len(batch)} files kept pending: run ingest again)") from exc
        index_ms = (time.monotonic() - started) * 1000 / len(batch)
        for outcome, doc, values in batch:
            if doc.id in refused:
                outcome.status, outcome.reason, outcome.detail = "failed", "index_rejected", refused[doc.id]
                self.ledger.record(str(outcome.file.path), "failed", reason="index_rejected", detail=refused[doc.id], **values)
            else:
                self.ledger.record(str(outcome.file.path), "indexed", index_ms=index_ms, **values)
        return [outcome for outcome, _, _ in batch]


def reindex(settings: Settings) -> Generation:
    """Rebuild the index from the documents kept in the ledger, without extracting again, beside the index in
    use; searches switch to it only when it is complete."""
    ledger = Ledger(settings.ledger_path)
    try:
        return Index(settings).rebuild(ledger.documents(), expected=ledger.document_count())
    finally:
        ledger.close()

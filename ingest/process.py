"""The work on one file, run in a worker process: check, store, extract, OCR, normalise, enrich.

It returns a Document or a Failure; it never writes to the ledger or the index (the parent does), so a worker
that is killed for its time or memory loses nothing but its own file's work.
"""

from __future__ import annotations

import datetime as dt
import resource
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from openarchief.search import Document, Page
from openarchief.search.analysis import prepare_pages
from openarchief.search.blobs import BlobStore
from openarchief.search.failures import Failure, Reason

from . import metadata
from .detect.language import detect_language
from .extractors import extract
from .magic import MAGIC_WINDOW, check_pdf_header
from .normalize import normalize_page
from .woo.facts import read_facts

OcrMode = Literal["auto", "never", "always"]


@dataclass(frozen=True)
class Job:
    path: Path
    relative: str
    sha256: str
    blobs: BlobStore  # pickled into the worker: the S3 store makes its own client there
    extractor: str
    ocr: OcrMode
    max_bytes: int
    analyse: bool = False  # the pages' index terms made here, for an embedded engine (search.analysis.prepare_pages)


@dataclass(frozen=True)
class Done:
    document: Document
    extract_ms: float
    woo: dict | None = None  # what the text says about a Woo dossier (ingest.woo.facts.read_facts)


def limit_memory(megabytes: int) -> None:
    """Worker initializer: cap the address space, so a decompression bomb fails with MemoryError in the worker
    instead of taking the machine's memory."""
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def check_pdf(path: Path, max_bytes: int) -> None:
    size = path.stat().st_size
    if size == 0:
        raise Failure(Reason.empty, "the file is empty (0 bytes)")
    if size > max_bytes:
        raise Failure(
            Reason.too_large, f"the file is {size / 1e6:.0f} MB, more than the limit of {max_bytes / 1e6:.0f} MB"
        )
    with open(path, "rb") as handle:
        check_pdf_header(handle.read(MAGIC_WINDOW))


def _ocr(job: Job, texts: list[str]) -> tuple[list[str], set[int]]:
    """Pages without a text layer (or all, with ocr="always") read by Tesseract; returns texts and OCR'd pages."""
    wanted = [] if job.ocr == "never" else [i for i, t in enumerate(texts) if job.ocr == "always" or not t.strip()]
    if not wanted:
        return texts, set()  # a file with text on every page: Tesseract is not even looked for
    from .ocr import OcrError, ocr_page, tesseract_available

    if not tesseract_available():
        return texts, set()
    done = set()
    for i in wanted:
        try:
            texts[i] = normalize_page(ocr_page(job.path, i + 1))
            done.add(i + 1)
        except OcrError:
            pass  # the page stays "needs OCR"
    return texts, done


def process_file(job: Job) -> Done | Failure:
    try:
        check_pdf(job.path, job.max_bytes)
        job.blobs.put(job.path, job.sha256)
        started = time.monotonic()
        extraction = extract(job.path, job.extractor)
        if not extraction.pages:
            raise Failure(Reason.damaged, "the PDF has no pages")
        texts = [normalize_page(t) for t in extraction.pages]
        texts, ocr_pages = _ocr(job, texts)
        extract_ms = (time.monotonic() - started) * 1000
        try:
            meta = metadata.collect(job.path, texts, extraction.info)
        except ValueError as exc:
            raise Failure(Reason.bad_metadata, str(exc)) from exc
        if "language" not in meta.values:
            meta.offer("language", detect_language("\n".join(texts)), "text")
    except Failure as exc:
        return exc
    except MemoryError:
        return Failure(Reason.memory_limit, "the file needed more memory than a worker may use")
    except RecursionError:
        return Failure(Reason.damaged, "the PDF's object graph is too deeply nested or refers to itself")
    values, provenance = meta.values, meta.sources
    document = Document(
        id=job.sha256,
        title=values["title"],
        pages=[Page(number=i + 1, text=t, ocr=i + 1 in ocr_pages) for i, t in enumerate(texts)],
        organisation=values.get("organisation"),
        ministry=values.get("ministry"),
        type=values.get("type"),
        category=values.get("category"),
        theme=values.get("theme") or [],
        parliament=values.get("parliament"),
        date=values.get("date"),
        language=values.get("language"),
        extractor=job.extractor,
        source=values.get("source_url") or job.relative,
        filename=job.path.name,
        provenance={k: v for k, v in provenance.items() if k != "source_url"},
        needs_ocr=[i + 1 for i, t in enumerate(texts) if not t.strip()],
        indexed_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
        dossier=values.get("dossier"),
        role=values.get("role"),
    )
    if job.analyse:
        prepare_pages(document)
    return Done(document, extract_ms, read_facts(document))

"""What the archive holds and what it could not read: written by ingest after every change, shown by the web
on /over. A small JSON file in the data dir is the contract, so neither package reads the other's storage."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel

from . import atomic
from .vocabularies import organisations

FILE_NAME = "status.json"


class Count(BaseModel):
    value: str
    documents: int
    pages: int


class Titled(BaseModel):
    id: str
    title: str


class Removal(BaseModel):
    """A document withdrawn from the archive: the public is owed the date and the reason."""

    id: str
    reason: str
    withdrawn_at: dt.datetime


class ArchiveStatus(BaseModel):
    updated_at: dt.datetime | None = None
    documents: int = 0
    pages: int = 0
    by_organisation: list[Count] = []  # "" counts the documents whose publisher is not known
    by_year: list[Count] = []  # "" counts the documents without a date
    failures: dict[str, int] = {}
    needs_ocr_files: int = 0
    needs_ocr_pages: int = 0
    ocr_documents: int = 0
    ocr_pages: int = 0
    ocr_examples: list[Titled] = []
    withdrawn: list[Removal] = []

    @cached_property
    def removals(self) -> dict[str, Removal]:
        # Built once per loaded file (load() caches the status): every document page asks.
        return {r.id: r for r in self.withdrawn}

    def by_organisation_kind(self) -> list[Count]:
        """The organisation counts summed per kind of organisation ("" for unknown), most documents first."""
        kinds: dict[str, Count] = {}
        for count in self.by_organisation:
            kind = (organisations().kind(count.value) or "") if count.value else ""
            total = kinds.setdefault(kind, Count(value=kind, documents=0, pages=0))
            total.documents += count.documents
            total.pages += count.pages
        return sorted(kinds.values(), key=lambda c: (not c.value, -c.documents, c.value))

    def removal(self, doc_id: str) -> Removal | None:
        return self.removals.get(doc_id)


def save(data_dir: Path, status: ArchiveStatus) -> None:
    atomic.write_text(data_dir / FILE_NAME, status.model_dump_json(indent=1))


_cache: dict[Path, tuple[tuple[int, int], ArchiveStatus]] = {}


def load(data_dir: Path) -> ArchiveStatus:
    """The status as last saved (read again only when the file changed)."""
    path = data_dir / FILE_NAME
    try:
        stat = path.stat()
    except OSError:
        return ArchiveStatus()
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached and cached[0] == key:
        return cached[1]
    try:
        found = ArchiveStatus.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ArchiveStatus()  # being replaced or damaged: an empty status rather than an error page
    _cache[path] = (key, found)
    return found

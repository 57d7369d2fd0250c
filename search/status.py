"""What the archive holds and what it could not read: written by ingest after every change, shown by the web
on /over. A small JSON file in the data dir is the contract, so neither package reads the other's storage."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel

FILE_NAME = "status.json"


class Count(BaseModel):
    value: str
    documents: int
    pages: int


class Titled(BaseModel):
    id: str
    title: str


class ArchiveStatus(BaseModel):
    updated_at: dt.datetime | None = None
    documents: int = 0
    pages: int = 0
    by_ministry: list[Count] = []
    by_year: list[Count] = []
    failures: dict[str, int] = {}
    needs_ocr_files: int = 0
    needs_ocr_pages: int = 0
    ocr_documents: int = 0
    ocr_pages: int = 0
    ocr_examples: list[Titled] = []


def save(data_dir: Path, status: ArchiveStatus) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=data_dir, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(status.model_dump_json(indent=1))
    os.replace(tmp, data_dir / FILE_NAME)


def load(data_dir: Path) -> ArchiveStatus:
    path = data_dir / FILE_NAME
    if not path.exists():
        return ArchiveStatus()
    return ArchiveStatus.model_validate_json(path.read_text(encoding="utf-8"))

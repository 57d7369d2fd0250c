"""The document model shared by ingest, the engines and the web."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

MetadataSource = Literal["sidecar", "manifest", "pdf", "text", "filename"]


class Page(BaseModel):
    number: int = Field(ge=1)
    text: str
    ocr: bool = False


class Document(BaseModel):
    """One archived PDF. `id` is the SHA-256 of its bytes, so the same file twice is one document."""

    id: str
    title: str
    pages: list[Page] = []
    ministry: str | None = None
    type: str | None = None
    category: str | None = None
    date: dt.date | None = None
    language: str | None = None
    extractor: str | None = None
    source: str | None = None
    filename: str | None = None
    # Where each metadata value came from, e.g. {"title": "text", "date": "sidecar"}.
    provenance: dict[str, MetadataSource] = {}
    # Pages without a text layer that OCR (not yet run) would have to read.
    needs_ocr: list[int] = []
    indexed_at: dt.datetime | None = None

    @property
    def sha256(self) -> str:
        return self.id

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

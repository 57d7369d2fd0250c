from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol


class ExtractionError(Exception):
    """A file whose text cannot be read; `reason` is a short code kept in the ledger (e.g. "encrypted")."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass
class Extraction:
    pages: list[str]  # raw text per page, as the engine gives it
    info: dict[str, str] = field(default_factory=dict)  # the PDF Info dictionary: Title, CreationDate, …


class Extractor(Protocol):
    name: str

    def extract(self, path: Path) -> Extraction: ...

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol


@dataclass
class Extraction:
    pages: list[str]  # raw text per page, as the engine gives it
    info: dict[str, str] = field(default_factory=dict)  # the PDF Info dictionary: Title, CreationDate, …


class Extractor(Protocol):
    name: str

    def extract(self, path: Path) -> Extraction: ...

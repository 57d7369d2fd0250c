"""PDF text extraction engines behind one interface: each returns the raw text per page and the PDF's Info."""

from __future__ import annotations

from pathlib import Path

from .base import Extraction, Extractor

ENGINES = ("pypdfium2", "pdfminer")


def get_extractor(name: str) -> Extractor:
    if name == "pypdfium2":
        from .pdfium import PdfiumExtractor

        return PdfiumExtractor()
    if name == "pdfminer":
        from .pdfminer import PdfminerExtractor

        return PdfminerExtractor()
    raise ValueError(f"unknown extractor {name!r}; choose one of {', '.join(ENGINES)}")


def extract(path: Path, engine: str) -> Extraction:
    return get_extractor(engine).extract(path)


__all__ = ["ENGINES", "Extraction", "Extractor", "extract", "get_extractor"]

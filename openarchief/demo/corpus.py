"""`build_demo_corpus`: the demo archive on disk, PDFs with their sidecars and manifest, as `openarchief demo`
ingests it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from .broken import write_fake_pdf, write_truncated_pdf
from .documents import DEMO_DOCUMENTS, DEMO_THEMES, DemoDocument
from .pdf import write_pdf, write_scanned_pdf


def _write_document(doc: DemoDocument, path: Path) -> Path:
    if doc.kind == "scan":
        return write_scanned_pdf(path, list(doc.pages))
    if doc.kind == "truncated":
        return write_truncated_pdf(path)
    if doc.kind == "fake":
        return write_fake_pdf(path)
    return write_pdf(
        path,
        list(doc.pages),
        title=doc.pdf_title,
        author=doc.author,
        two_column=doc.two_column,
        hyphenate_at=list(doc.hyphenate_at),
    )


def build_demo_corpus(dest: Path) -> list[Path]:
    """Write the demo archive into dest; returns the PDFs written (broken ones included), not the
    metadata files. Metadata: a JSON sidecar per document (`x.pdf` -> `x.json`), a few rows in
    dest/manifest.csv, and for some documents nothing but the PDF Title and a date in the text."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    written, manifest = [], []
    for doc in DEMO_DOCUMENTS:
        path = _write_document(doc, dest / doc.file)
        written.append(path)
        meta: dict[str, str | list[str]] = {
            "title": doc.title,
            "ministry": doc.ministry,
            "type": doc.type,
            "date": doc.date,
        }
        if doc.category:
            meta["category"] = doc.category
        themes = list(DEMO_THEMES.get(doc.file, ()))
        if doc.metadata == "json":
            if themes:
                meta["theme"] = themes
            text = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
            path.with_suffix(".json").write_text(text, encoding="utf-8")
        elif doc.metadata == "csv":
            manifest.append({"file": doc.file, "category": "", **meta, "theme": "; ".join(themes)})
    with open(dest / "manifest.csv", "w", encoding="utf-8", newline="") as f:
        columns = ["file", "title", "ministry", "type", "date", "category", "theme"]
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(manifest)
    return written

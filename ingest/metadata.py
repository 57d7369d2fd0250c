"""Metadata for a document, with the source of every value.

Precedence: a sidecar JSON next to the PDF (`x.pdf` -> `x.json`), then a `manifest.csv` or `manifest.jsonl` in
the PDF's folder or a folder above it, then what the text says (the detectors of ingest.detect), then the PDF's
Info dictionary (though a useful PDF Title that page 1 agrees with comes before the text's title), then the file
name. This module reads the sources and keeps that order; what a text says is the detectors' business.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import json
import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from openarchief.search.model import MetadataSource
from openarchief.search.vocabularies import categories, document_types, is_ministry, ministries, organisations, themes
from openarchief.search.woo import ROLES

from .detect import (
    date_from_text,
    detect_category,
    detect_parliament,
    detect_publisher,
    detect_type,
    find_date,
    is_useful_title,
    pdf_title_fits_text,
    tidy_title,
    title_from_text,
)
from .detect.date import as_date

FIELDS = (
    "title",
    "organisation",
    "ministry",
    "type",
    "category",
    "theme",
    "parliament",
    "date",
    "language",
    "source_url",
    "dossier",
    "role",
)
MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")
# The pages a title is checked against (running heads, how names are written): enough to tell, and a
# 3,000-page document is not read whole for it.
TITLE_PAGES = 20


@dataclass
class Metadata:
    values: dict[str, object] = field(default_factory=dict)
    sources: dict[str, MetadataSource] = field(default_factory=dict)

    def offer(self, name: str, value, source: MetadataSource) -> None:
        """Set a value unless a more trusted source gave it already."""
        if value not in (None, "") and name not in self.values:
            self.values[name] = value
            self.sources[name] = source


def parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    return find_date(value)


def pdf_date(value: str | None) -> dt.date | None:
    """A PDF date string such as "D:20110301143422+01'00'"."""
    m = re.match(r"D?:?(\d{4})(\d{2})(\d{2})", value or "")
    return as_date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None


def title_from_filename(path: Path) -> str:
    stem = re.sub(r"^[a-z]+__", "", path.stem)
    return re.sub(r"[_]+", " ", stem).strip() or path.name


def read_sidecar(pdf: Path) -> dict | None:
    sidecar = pdf.with_suffix(".json")
    if not sidecar.is_file():
        return None
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"sidecar {sidecar.name} is not valid JSON: {exc}") from exc
    return data if isinstance(data, dict) else None


@lru_cache(maxsize=256)
def _manifest(path: Path, mtime: float) -> dict[str, dict]:
    rows: list[dict]
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".csv":
        rows = list(csv.DictReader(text.splitlines()))
    else:
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return {str(Path(row["file"])): row for row in rows if row.get("file")}


def _file_status(path: str) -> os.stat_result | None:
    """The status of a regular file at `path`, else None; Path.is_file() with one stat call and no Path (looked up
    for every PDF in each folder above it, this is a worker's most frequent system call)."""
    try:
        status = os.stat(path)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            return None
        raise
    return status if stat.S_ISREG(status.st_mode) else None


def read_manifest(pdf: Path) -> dict | None:
    """The manifest row for `pdf`: `file` is its path relative to the manifest's folder."""
    pdf = pdf.resolve()
    for folder in pdf.parents:
        for name in MANIFEST_NAMES:
            status = _file_status(os.path.join(folder, name))
            if status:
                row = _manifest(folder / name, status.st_mtime).get(str(pdf.relative_to(folder)))
                if row:
                    return row
    return None


def _offer_given(meta: Metadata, given: dict, source: MetadataSource) -> None:
    meta.offer("title", (given.get("title") or "").strip() or None, source)
    _offer_publisher(
        meta, organisations().resolve(given.get("organisation")), ministries().resolve(given.get("ministry")), source
    )
    meta.offer("theme", given_themes(given.get("theme")), source)
    meta.offer("type", document_types().resolve(given.get("type")), source)
    meta.offer("category", categories().resolve(given.get("category")), source)
    meta.offer("date", parse_date(given.get("date")), source)
    meta.offer("language", (given.get("language") or "").strip().lower() or None, source)
    meta.offer("source_url", given.get("source_url"), source)
    meta.offer("dossier", dossier_id(given.get("dossier")), source)
    role = str(given.get("role") or "").strip().lower()
    meta.offer("role", role if role in ROLES else None, source)


def given_themes(value: object) -> list[str] | None:
    """Theme codes or labels, as a list or separated by ";" or "|" (a manifest cell); unknown ones are left
    out."""
    items = value if isinstance(value, list) else re.split(r"[;|]", str(value or ""))
    codes = [themes().resolve(str(item)) for item in items]
    return list(dict.fromkeys(c for c in codes if c)) or None


def _offer_publisher(meta: Metadata, organisation: str | None, ministry: str | None, source: MetadataSource) -> None:
    """`organisation` and `ministry` name one publisher, taken together from the most trusted source that names
    it: a ministry given as either is the other too; `ministry` stays None for any other organisation."""
    if "organisation" in meta.values or not (organisation or ministry):
        return
    if organisation and not ministry and is_ministry(organisation):
        ministry = ministries().resolve(organisation)
    meta.offer("organisation", organisation or ministry, source)
    meta.offer("ministry", ministry if is_ministry(organisation or ministry) else None, source)


def dossier_id(value: object) -> str | None:
    """A dossier id as a sidecar or manifest gives it, made safe for a URL path: letters, digits, - . _"""
    text = re.sub(r"[^\w.-]+", "-", str(value or "").strip()).strip("-.")
    return text[:120] or None


def collect(pdf: Path, pages: list[str], info: dict[str, str]) -> Metadata:
    meta = Metadata()
    sidecar = read_sidecar(pdf)
    if sidecar:
        _offer_given(meta, sidecar, "sidecar")
    row = read_manifest(pdf)
    if row:
        _offer_given(meta, row, "manifest")
    first_page = pages[0] if pages else ""
    pdf_title = (info.get("Title") or "").strip()
    if is_useful_title(pdf_title) and pdf_title_fits_text(pdf_title, first_page):
        meta.offer("title", tidy_title(pdf_title), "pdf")
    meta.offer("title", title_from_text(first_page, pages[1:TITLE_PAGES]), "text")
    if "organisation" not in meta.values:
        # The ministry detector as the API had it; the organisation detector knows every kind.
        organisation, ministry = detect_publisher(pages)
        _offer_publisher(meta, organisation or ministry, ministry, "text")
    meta.offer("parliament", detect_parliament(pages), "text")
    meta.offer("type", detect_type(pages, _text(meta.values.get("title"))), "text")
    meta.offer("category", detect_category(pages, _text(meta.values.get("type"))), "text")
    meta.offer("title", title_from_filename(pdf), "filename")
    meta.offer("date", date_from_text(pages), "text")
    meta.offer("date", pdf_date(info.get("CreationDate")), "pdf")
    return meta


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None

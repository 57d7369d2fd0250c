"""Metadata for a document, with the source of every value.

Precedence: a sidecar JSON next to the PDF (`x.pdf` -> `x.json`), then a `manifest.csv` or `manifest.jsonl` in
the PDF's folder or a folder above it, then what the text says (ingest.detect), then the PDF's Info dictionary.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from openarchief.search.model import MetadataSource
from openarchief.search.vocabularies import categories, document_types, ministries

FIELDS = ("title", "ministry", "type", "category", "date", "language", "source_url")
MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("januari", "january", "jan"),
            ("februari", "february", "feb"),
            ("maart", "march", "mrt", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("augustus", "august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_WORDS = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_NAMES})\.?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_DATE_NUMERIC = re.compile(r"\b(\d{1,2})[-./](\d{1,2})[-./]((?:19|20)\d\d)\b")
_DATE_LABEL = re.compile(r"\b(datum|date|den haag,|vastgesteld|besloten|voorgesteld)\b", re.IGNORECASE)

_USELESS_TITLE = re.compile(
    r"^(microsoft\s+(word|powerpoint|excel)\s*-|untitled|naamloos|document\d*$|titel$|title$|\W*$)"
    r"|\.(docx?|odt|rtf|pdf|xlsx?|pptx?|txt|wpd)\s*$",
    re.IGNORECASE,
)
_BOILERPLATE_LINE = re.compile(
    r"^(pagina \d+|page \d+|> ?retouradres|retouradres|postbus|vergaderjaar|tweede kamer der staten|eerste kamer der staten"
    r"|aan de voorzitter|der staten-generaal|datum\b|kenmerk|uw kenmerk|bijlage|www\.|http)",
    re.IGNORECASE,
)
_SUBJECT_LINE = re.compile(r"^(onderwerp|betreft)\s*:?\s+(.{3,})$", re.IGNORECASE)


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


def _as_date(day: int, month: int, year: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_date(text: str) -> dt.date | None:
    """The first date in `text`, in Dutch or English words ("6 juli 2021") or digits ("18-12-2024")."""
    found = []
    for m in _DATE_WORDS.finditer(text):
        found.append((m.start(), _as_date(int(m.group(1)), MONTHS[m.group(2).lower()], int(m.group(3)))))
    for m in _DATE_NUMERIC.finditer(text):
        found.append((m.start(), _as_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
    found = [f for f in sorted(found, key=lambda f: f[0]) if f[1]]
    return found[0][1] if found else None


def date_from_text(pages: list[str]) -> dt.date | None:
    """A labelled date ("Datum 1 maart 2011", "Den Haag, 18-12-2024") on the first pages, else the first date on
    page 1."""
    for page in pages[:3]:
        for line in page.splitlines():
            if _DATE_LABEL.search(line):
                date = find_date(line)
                if date:
                    return date
    return find_date(pages[0]) if pages else None


def pdf_date(value: str | None) -> dt.date | None:
    """A PDF date string such as "D:20110301143422+01'00'"."""
    m = re.match(r"D?:?(\d{4})(\d{2})(\d{2})", value or "")
    return _as_date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None


def is_useful_title(title: str | None) -> bool:
    if not title or len(title.strip()) < 4:
        return False
    title = title.strip()
    if _USELESS_TITLE.search(title):
        return False
    # A file name rather than a title: no spaces, underscores or many digits.
    return " " in title or not re.search(r"[_\d]{3,}", title)


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w{3,}", text)}


def pdf_title_fits_text(title: str, first_page: str) -> bool:
    """A PDF Title is kept only when the text agrees: most of its words are on page 1 (or there is no text)."""
    words = _words(title)
    if not first_page.strip() or not words:
        return True
    return len(words & _words(first_page)) / len(words) >= 0.6


_QUOTES = "\"'“”„‘’ "


def _tidy_title(line: str) -> str:
    line = line.strip().strip(_QUOTES).strip()
    if line.isupper() and len(line) > 12:
        line = line[0] + line[1:].lower()
    return re.sub(r"\s+", " ", line)[:300]


def title_from_text(first_page: str) -> str | None:
    """The "Onderwerp"/"Betreft" line, else the first heading-like line of page 1 (with its continuation)."""
    lines = [line.strip().strip(_QUOTES).strip() for line in first_page.splitlines()]
    lines = [line for line in lines if line]
    for line in lines[:40]:
        m = _SUBJECT_LINE.match(line)
        if m:
            return _tidy_title(m.group(2))
    for i, line in enumerate(lines[:25]):
        letters = sum(c.isalpha() for c in line)
        if letters < 8 or len(line.split()) < 2 or _BOILERPLATE_LINE.match(line) or line.startswith(">"):
            continue
        title = line
        following = lines[i + 1] if i + 1 < len(lines) else ""
        # A heading that runs on: capitals over capitals, or a line that stops mid-sentence.
        if (line.isupper() and following.isupper()) or (following[:1].islower() and line[-1:].isalpha()):
            title = f"{line} {following}"
        return _tidy_title(title)
    return None


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


def read_manifest(pdf: Path) -> dict | None:
    """The manifest row for `pdf`: `file` is its path relative to the manifest's folder."""
    pdf = pdf.resolve()
    for folder in pdf.parents:
        for name in MANIFEST_NAMES:
            manifest = folder / name
            if manifest.is_file():
                row = _manifest(manifest, manifest.stat().st_mtime).get(str(pdf.relative_to(folder)))
                if row:
                    return row
    return None


def _offer_given(meta: Metadata, given: dict, source: MetadataSource) -> None:
    meta.offer("title", (given.get("title") or "").strip() or None, source)
    meta.offer("ministry", ministries().resolve(given.get("ministry")), source)
    meta.offer("type", document_types().resolve(given.get("type")), source)
    meta.offer("category", categories().resolve(given.get("category")), source)
    meta.offer("date", parse_date(given.get("date")), source)
    meta.offer("language", (given.get("language") or "").strip().lower() or None, source)
    meta.offer("source_url", given.get("source_url"), source)


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
        meta.offer("title", _tidy_title(pdf_title), "pdf")
    meta.offer("title", title_from_text(first_page), "text")
    from . import detect  # detect uses this module's title_from_text

    meta.offer("ministry", detect.detect_ministry(pages), "text")
    meta.offer("type", detect.detect_type(pages, _text(meta.values.get("title"))), "text")
    meta.offer("category", detect.detect_category(pages, _text(meta.values.get("type"))), "text")
    meta.offer("title", title_from_filename(pdf), "filename")
    meta.offer("date", date_from_text(pages), "text")
    meta.offer("date", pdf_date(info.get("CreationDate")), "pdf")
    return meta


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None

"""The inventory spreadsheet of a Woo dossier as open.minvws.nl takes it (the "productierapport"): one sheet, a
header row, one row per document, as .xlsx or .csv.

Columns are found by their header name (any order, any case; extra columns ignored, optional ones may be
missing): ID, Document and Beoordeling are required; Datum and Beoordelingsgrond are read when present. A cell
that is filled but cannot be read with confidence gives no value, and the row names the column in `unread`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from openarchief.ingest.detect import find_date
from openarchief.ingest.detect.folding import fold_line
from openarchief.search.model import InventoryRow
from openarchief.search.woo import ground_codes, judgement

REQUIRED = ("id", "document", "beoordeling")
# Header names as the spreadsheet writes them (folded) -> the column's role.
_COLUMNS = {
    "id": "id",
    "document": "document",
    "beoordeling": "beoordeling",
    "datum": "datum",
    "date": "datum",
    "beoordelingsgrond": "grond",
    "beoordelingsgronden": "grond",
    "weigeringsgrond": "grond",
    "weigeringsgronden": "grond",
}
# The header may sit below a title row or two; further down it is not this format.
_HEADER_SEARCH_ROWS = 10
_SNIFF_BYTES = 64 * 1024
_SUFFIXES = (".xlsx", ".csv")
# "2/19/2021 8:46 AM UTC": the US order, month first, with an optional time and zone.
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})\b")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})\b")

Row = Sequence[Any]


def _header_key(cell: Any) -> str:
    return fold_line(str(cell)) if cell is not None else ""


def _find_header(rows: Iterable[Row]) -> tuple[dict[str, int], Iterable[Row]] | None:
    """The column index of each known column, and the rows after the header; None when no header is found."""
    iterator = iter(rows)
    for row in islice(iterator, _HEADER_SEARCH_ROWS):
        keys = [_header_key(cell) for cell in row]
        columns: dict[str, int] = {}
        for index, key in enumerate(keys):
            role = _COLUMNS.get(key)
            if role and role not in columns:
                columns[role] = index
        if all(name in columns for name in REQUIRED):
            return columns, iterator
    return None


def _xlsx_rows(path: Path, limit: int | None = None) -> list[Row]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ValueError(f"{path.name} is not a readable .xlsx workbook ({exc})") from exc
    try:
        if not workbook.worksheets:
            raise ValueError(f"{path.name} has no worksheet")
        sheet = workbook.worksheets[0]
        return [tuple(row) for row in islice(sheet.iter_rows(values_only=True), limit)]
    finally:
        workbook.close()


def _decode(data: bytes, name: str) -> str:
    # UTF-8 (with or without BOM) as the format asks; Excel's Dutch CSV export writes Windows-1252.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise ValueError(f"{name} is not UTF-8 or Windows-1252 text, so not a CSV inventory")


def _delimiter(text: str) -> str:
    """The header line's most frequent separator: "," or ";" (Excel in a Dutch locale), or a tab."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return max((",", ";", "\t"), key=first.count)


def _csv_rows(path: Path, limit: int | None = None) -> list[Row]:
    try:
        with open(path, "rb") as handle:
            data = handle.read(_SNIFF_BYTES) if limit else handle.read()
    except OSError as exc:
        raise ValueError(f"{path.name} cannot be read ({exc})") from exc
    text = _decode(data, path.name)
    try:
        rows: list[Row] = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as exc:
        raise ValueError(f"{path.name} is not a well-formed CSV file ({exc})") from exc
    return rows[:limit] if limit else rows


def _rows(path: Path, limit: int | None = None) -> list[Row]:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _xlsx_rows(path, limit)
    if suffix == ".csv":
        return _csv_rows(path, limit)
    raise ValueError(f"{path.name} is neither .xlsx nor .csv, the formats of a productierapport")


def is_productierapport(path: Path) -> bool:
    """Whether `path` is an .xlsx or .csv file whose header row has the productierapport's columns (at least ID,
    Document and Beoordeling)."""
    path = Path(path)
    if path.suffix.lower() not in _SUFFIXES or not path.is_file():
        return False
    try:
        return _find_header(_rows(path, limit=_HEADER_SEARCH_ROWS)) is not None
    except (ValueError, csv.Error):
        return False


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))  # an ID that Excel stored as a number: 3001.0
    return re.sub(r"\s+", " ", str(cell)).strip()


def _date(cell: Any) -> dt.date | None:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    text = _text(cell)
    for pattern, order in ((_US_DATE, (3, 1, 2)), (_ISO_DATE, (1, 2, 3))):
        m = pattern.match(text)
        if m:
            year, month, day = (int(m.group(i)) for i in order)
            try:
                return dt.date(year, month, day)
            except ValueError:
                return None
    # "19-02-2021" or "19 februari 2021": the Dutch order, as the detectors read it.
    return find_date(text) if re.match(r"^\d{1,2}[-. ]", text) else None


def _grounds(cell: Any) -> tuple[list[str], bool]:
    """The codes of a Beoordelingsgrond cell ("5.1.2e; 5.1.2i"), and whether every part of it was understood."""
    text = _text(cell)
    parts = [part for part in re.split(r"[;,\n]", text) if part.strip()]
    return ground_codes(text), all(ground_codes(part) for part in parts)


def _cell(row: Row, columns: dict[str, int], role: str) -> Any:
    index = columns.get(role)
    return row[index] if index is not None and index < len(row) else None


def _inventory_row(row: Row, columns: dict[str, int]) -> InventoryRow | None:
    number = _text(_cell(row, columns, "id"))
    if not number:
        return None  # a blank or trailing row
    unread = []
    date_cell = _cell(row, columns, "datum")
    date = _date(date_cell)
    if date is None and _text(date_cell):
        unread.append("date")
    judgement_text = _text(_cell(row, columns, "beoordeling"))
    value = judgement(judgement_text)
    if value is None and judgement_text:
        unread.append("judgement")
    grounds, understood = _grounds(_cell(row, columns, "grond"))
    if not understood:
        unread.append("grounds")
    return InventoryRow(
        number=number,
        document_id=number,
        title=_text(_cell(row, columns, "document")),
        date=date,
        judgement=value,  # type: ignore[arg-type]  # judgement() gives only the Judgement literals
        grounds=grounds,
        unread=unread,
        origin="spreadsheet",
    )


def read_productierapport(path: Path) -> list[InventoryRow]:
    """The rows of a productierapport (.xlsx or .csv), in the spreadsheet's order; ValueError for a file that
    cannot be read or lacks the ID, Document and Beoordeling columns."""
    path = Path(path)
    found = _find_header(_rows(path))
    if found is None:
        raise ValueError(
            f"{path.name} has no productierapport header row (columns {', '.join(c.capitalize() for c in REQUIRED)})"
        )
    columns, rows = found
    return [inventory for row in rows if (inventory := _inventory_row(row, columns)) is not None]

"""CSV that a spreadsheet program opens safely: a cell that starts like a formula is written as text. One writer
for every CSV the archive hands out — the web's exports and the archivists' listings — since text from PDFs and
from visitors is hostile either way."""

from __future__ import annotations

import csv
from typing import Any, Iterable, TextIO

# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class SafeWriter:
    """csv.writer whose rows are made formula-safe cell by cell."""

    def __init__(self, out: TextIO, delimiter: str = ","):
        self._writer = csv.writer(out, delimiter=delimiter)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)

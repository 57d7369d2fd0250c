"""The document's date: a labelled date on the first pages ("Datum 1 maart 2011", "Den Haag, 18-12-2024"), else
the first date on page 1, in Dutch or English words or in digits."""

from __future__ import annotations

import datetime as dt
import re

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


def as_date(day: int, month: int, year: int) -> dt.date | None:
    """The date, or None for one that does not exist (31-02)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_date(text: str) -> dt.date | None:
    """The first date in `text`, in Dutch or English words ("6 juli 2021") or digits ("18-12-2024")."""
    found = []
    for m in _DATE_WORDS.finditer(text):
        found.append((m.start(), as_date(int(m.group(1)), MONTHS[m.group(2).lower()], int(m.group(3)))))
    for m in _DATE_NUMERIC.finditer(text):
        found.append((m.start(), as_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
    found = [f for f in sorted(found, key=lambda f: f[0]) if f[1]]
    return found[0][1] if found else None


# Kamervragen in the Aanhangsel van de Handelingen: sent in on one date, answered ("ontvangen") on another; the
# document published is the answer, so its date is the answer's.
_ANSWERED = re.compile(r"\(ontvangen (\d{1,2} \w+ \d{4})\)")


def date_from_text(pages: list[str]) -> dt.date | None:
    """The answer's date of Kamervragen, a labelled date ("Datum 1 maart 2011", "Den Haag, 18-12-2024") on the
    first pages, else the first date on page 1."""
    answered = _ANSWERED.search(pages[0]) if pages else None
    if answered and find_date(answered.group(1)):
        return find_date(answered.group(1))
    for page in pages[:3]:
        for line in page.splitlines():
            if _DATE_LABEL.search(line):
                date = find_date(line)
                if date:
                    return date
    return find_date(pages[0]) if pages else None

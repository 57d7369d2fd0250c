"""The title: the "Onderwerp"/"Betreft" line or the first heading of page 1, and whether a PDF's own Title is a
title at all (not "Microsoft Word - x.doc" or a file name) and agrees with the text."""

from __future__ import annotations

import re

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
_QUOTES = "\"'“”„‘’ "


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


def tidy_title(line: str) -> str:
    """Without quotes and runs of spaces, at most 300 characters; a line in capitals in sentence case."""
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
            return tidy_title(m.group(2))
    for i, line in enumerate(lines[:25]):
        letters = sum(c.isalpha() for c in line)
        if letters < 8 or len(line.split()) < 2 or _BOILERPLATE_LINE.match(line) or line.startswith(">"):
            continue
        title = line
        following = lines[i + 1] if i + 1 < len(lines) else ""
        # A heading that runs on: capitals over capitals, or a line that stops mid-sentence.
        if (line.isupper() and following.isupper()) or (following[:1].islower() and line[-1:].isalpha()):
            title = f"{line} {following}"
        return tidy_title(title)
    return None

"""Grounds for refusal stamped on a released page: the code a redaction box carries ("5.1.2e", "10.2.e").

A stamp comes out of text extraction as a line holding only codes ("5.1.2e", "5.1.2e 5.1.2i", "10.2.e, 10.2.g"),
or as the value of an e-mail header ("Van: 5.1.2e"), because the box replaces the name. Codes elsewhere are
mentions, not stamps: in prose (the decision letter's "te herkennen aan de code “10.1.b”") and in inventory
tables, whose ground cells also wrap onto lines of their own ("Deels" / "Openbaar" / "10.2.a," / "10.2.e"). So:

- a line counts only when nothing but codes (and separators) is on it, after an optional e-mail header label;
- a line next to a judgement ("Openbaar", "Deels Openbaar"), or ending in a comma, or continuing a code list
  that does, is a table cell, and a page with several judgement lines or an inventory header is a table: neither gives stamps;
- a code without a letter ("11.1", "5.1.5", "5.2.1") is also a section number, so it counts only on a page that
  also carries a lettered stamp ("10.2.e") or on a line together with another code.
"""

from __future__ import annotations

import re

from openarchief.search.analysis import fold
from openarchief.search.woo import ground_codes, judgement

# Woo 5.1.1a-e, 5.1.2a-i, 5.1.5, 5.2.1; Wob 10.1a-d, 10.2a-g, 11.1; the letter with or without a dot or space.
_LETTERED = r"(?:5\.1\.[12]|10\.[12])\.?\s?[a-i]"
_BARE = r"(?:5\.1\.5|5\.2\.1|11\.1)"
_CODE = rf"(?:{_LETTERED}|{_BARE})"
_SEPARATOR = r"(?:\s*[,;/&+]\s*|\s+en\s+|\s+)"
# E-mail and memo header fields whose value a redaction replaces: "Van: 5.1.2e", "Aan: 10.2.e".
_HEADER = r"(?:van|aan|cc|bcc|kopie|kopie aan|verzonden|datum|onderwerp|from|to|sent|subject|tel|telefoon|mobiel|e-mail|email)"
_STAMP_LINE = re.compile(
    rf"^(?:{_HEADER}\s*:\s*)?\(?(?P<codes>{_CODE}(?:{_SEPARATOR}{_CODE}){{0,5}})\)?\s*(?P<end>[,;.]?)$"
)
_LETTERED_CODE = re.compile(_LETTERED)
# Cheap pre-check: no "5.1.", "5.2.", "10.1", "10.2" or "11.1" at all, no stamp.
_ANY_CODE = re.compile(r"(?<![\d.])(?:5\.[12]\.|1[01]\.[12])")
# The header of an inventory table: "Beoordeling" with "Weigeringsgrond(en)" (often broken as "Weigerings / gronden").
_INVENTORY_HEADER = re.compile(r"\bbeoordeling\b.*\bweigerings", re.DOTALL)
# Judgement words broken over lines in a table cell: "Deels" / "Openbaar", "Niet" / "openbaar".
_JUDGEMENT_WORD = re.compile(r"^(?:deels|niet|reeds|gedeeltelijk|openbaar|niet-openbaar|buiten reikwijdte)$")


def _is_judgement(line: str) -> bool:
    """`line` (folded) is a judgement, or a word of one that a table cell broke off ("deels", "openbaar")."""
    return bool(line) and (_JUDGEMENT_WORD.match(line) is not None or judgement(line) is not None)


def _ends_with_judgement(line: str) -> bool:
    """ "1 414721 ... deels openbaar": a table row whose grounds cell wraps to the next line."""
    return line.endswith(("openbaar", "reikwijdte"))


def _is_table(lines: list[str]) -> bool:
    if _INVENTORY_HEADER.search("\n".join(lines)):
        return True
    return sum(1 for line in lines if _is_judgement(line)) >= 3


def _is_cell(lines: list[str], i: int) -> bool:
    """A code line inside an inventory table: next to a judgement, or part of a wrapped list of codes."""
    before = lines[i - 1] if i > 0 else ""
    after = lines[i + 1] if i + 1 < len(lines) else ""
    if _is_judgement(before) or _ends_with_judgement(before) or _is_judgement(after):
        return True
    continued = _STAMP_LINE.match(before)
    return bool(continued and continued.group("end") in (",", ";"))


def _candidates(lines: list[str]) -> list[tuple[int, str]]:
    """The lines holding only codes, with their codes; a list that goes on past the line's end ("10.2.a,") is a
    wrapped table cell, even at the page's top."""
    found = []
    for i, line in enumerate(lines):
        match = _STAMP_LINE.match(line)
        if match and match.group("end") not in (",", ";"):
            found.append((i, match.group("codes")))
    return found


def stamped_grounds(text: str) -> list[str]:
    """The ground codes stamped on a page as redaction labels, in order of first appearance; codes mentioned in
    prose or listed in an inventory table give nothing."""
    if not _ANY_CODE.search(text):
        return []
    lines = [line.strip() for line in fold(text).splitlines() if line.strip()]
    candidates = [(i, codes) for i, codes in _candidates(lines) if not _is_cell(lines, i)]
    # Whether a line has a lettered code, or several codes: a bare "11.1" alone may be a section number.
    if not any(_LETTERED_CODE.search(codes) or len(ground_codes(codes)) > 1 for _, codes in candidates):
        return []
    if _is_table(lines):
        return []
    return list(dict.fromkeys(code for _, codes in candidates for code in ground_codes(codes)))

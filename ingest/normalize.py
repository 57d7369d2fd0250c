"""Turns raw extracted page text into clean text: NFKC, line-end hyphenation repaired, whitespace tidied.

A line-end hyphen is either a word broken across lines ("gemeente-|lijke") or a real hyphenated compound that
happens to break there ("Noord-|Holland", "Woo-|verzoek"). pdfminer keeps "-\\n"; pypdfium2 replaces the
hyphen and the line break with "\\x02". Both are decided the same way, with the Dutch word list.
"""

from __future__ import annotations

import re
import unicodedata

from openarchief.search.analysis import dictionary, fold, matches_at, word_starts_before

# pypdfium2 marks the break with \x02 in get_text_bounded() and with \ufffe in get_text_range().
_BREAK = re.compile(r"\b(\w+)(?:[\x02\ufffe]|[-\u00ad\u2010]\r?\n)[ \t]*(\w+)")
_BREAK_MARKS = ("\x02", "\ufffe", "-\n", "\u00ad\n", "\u2010\n", "-\r\n", "\u00ad\r\n", "\u2010\r\n")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _is_word(word: str) -> bool:
    return fold(word) in dictionary()


def join_hyphenated(left: str, right: str) -> str:
    """How two halves around a line-end hyphen go together."""
    # A capital after the break (Noord-Holland), an acronym or a number before it: a real hyphen.
    if right[:1].isupper() or left.isupper() or left[:1].isdigit() or right[:1].isdigit():
        return f"{left}-{right}"
    if _is_word(left + right):
        return left + right
    if _is_word(left) and _is_word(right):
        return f"{left}-{right}"
    return left + right


def _join_breaks(text: str) -> str:
    """_BREAK.sub(join_hyphenated), trying the pattern only at the words before a break mark (search.analysis
    .matches_at): the same text in a fifth of the time."""
    pieces: list[str] = []
    done = 0
    for m in matches_at(_BREAK, text, word_starts_before(text, _BREAK_MARKS)):
        pieces += (text[done : m.start()], join_hyphenated(m.group(1), m.group(2)))
        done = m.end()
    pieces.append(text[done:])
    return "".join(pieces)


def normalize_page(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _join_breaks(text)
    # A stray marker not between two words (e.g. at the end of a page).
    text = text.replace("\x02", "-").replace("\ufffe", "-")
    text = _CONTROL.sub("", text)
    lines = [line.strip() for line in _SPACES.sub(" ", text).split("\n")]  # no newline among _SPACES
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()

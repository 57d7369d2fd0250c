"""Greedy line breaking for the demo PDFs, with words broken at a line end where the caller asks, so that the
extractors' hyphen repair has real line-end hyphens to mend ("gemeente-" / "lijke")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_TOKEN = re.compile(r"^(\W*)(.*?)(\W*)$")
_SUFFIXES = ("lijke", "lijk", "heden", "heid", "schap", "baar")
_VOWELS = set("aeiouyáäéëíïóöúü")
_ONSETS = {
    "bl",
    "br",
    "ch",
    "dr",
    "fl",
    "fr",
    "gl",
    "gr",
    "kl",
    "kn",
    "kr",
    "pl",
    "pr",
    "sch",
    "schr",
    "sl",
    "sm",
    "sn",
    "sp",
    "spr",
    "st",
    "str",
    "tr",
    "vl",
    "vr",
    "wr",
    "zw",
}


def _split_index(entry: str) -> int:
    """Where to break a hyphenate_at word: at an explicit "|" or soft hyphen, after the word's own
    hyphen ("Noord-|Holland"), before a common suffix ("gemeente|lijke"), else at the syllable
    boundary nearest the middle, by the maximal-onset rule ("omgevings|vergunning", "op|stellen")."""
    for mark in ("|", "\u00ad"):
        if mark in entry:
            return entry.index(mark)
    if "-" in entry.strip("-"):
        return entry.index("-", 1) + 1
    low = entry.lower()
    for suffix in _SUFFIXES:
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            return len(low) - len(suffix)
    vowel = [c in _VOWELS or (c == "j" and i > 0 and low[i - 1] == "i") for i, c in enumerate(low)]
    cands, i = [], 0
    while i < len(low):
        if vowel[i]:
            i += 1
            continue
        j = i
        while j < len(low) and not vowel[j]:
            j += 1
        if 0 < i and j < len(low):  # consonant cluster low[i:j] between two vowels
            onsets = [k for k in range(i, j - 1) if low[k:j] in _ONSETS]
            cands.append(min(onsets, default=j - 1))  # longest legal onset, else one consonant
        i = j
    cands = [k for k in cands if k >= 2 and len(low) - k >= 3]
    if not cands:
        return len(low) // 2
    return min(cands, key=lambda k: abs(k - len(low) / 2))


def break_table(hyphenate_at: Iterable[str]) -> dict[str, int]:
    table = {}
    for entry in hyphenate_at:
        word = entry.replace("|", "").replace("\u00ad", "")
        table[word.lower()] = _split_index(entry)
    return table


def _force_break(token: str, breaks: dict[str, int]) -> tuple[str, str] | None:
    found = _TOKEN.match(token)
    assert found is not None  # the pattern matches any token
    lead, core, trail = found.groups()
    i = breaks.get(core.lower())
    if i is None:
        return None
    head = core[:i] if core[i - 1] == "-" else core[:i] + "-"
    return lead + head, core[i:] + trail


def wrap(paragraph: str, width: float, measure: Callable[[str], float], breaks: dict[str, int]) -> list[str]:
    """Greedy line breaking; a single newline inside a paragraph is a hard line break. Every
    occurrence of a word in `breaks` ends a line, broken with a hyphen."""
    out: list[str] = []
    for hard_line in paragraph.split("\n"):
        line = ""
        for token in hard_line.split():
            pieces = _force_break(token, breaks)
            word = pieces[0] if pieces else token
            candidate = f"{line} {word}" if line else word
            if line and measure(candidate) > width:
                out.append(line)
                candidate = word
            if pieces:
                out.append(candidate)
                line = pieces[1]
            else:
                line = candidate
        if line:
            out.append(line)
    return out


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip()]

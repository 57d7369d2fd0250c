"""The one form in which the detectors compare text: folded (lowercase, no accents), with one kind of apostrophe
and single spaces, so that their patterns are written once in plain lowercase."""

from __future__ import annotations

import re
from functools import lru_cache

from openarchief.search.analysis import fold

_SPACES = re.compile(r"\s+")
# The detectors fold the same lines of a document's first pages several times each (organisation, type, category
# and title all read page 1): a line is folded once. Longer strings (whole pages) are not kept.
_CACHED_LENGTH = 400


def fold_line(text: str) -> str:
    if len(text) <= _CACHED_LENGTH:
        return _fold_short(text)
    lines = text.splitlines()
    if len(lines) == 1:
        return _fold(text)
    # A page from its lines, which are folded already: the same as folding it whole, since each line break is white
    # space that folding keeps and that no lowercasing or decomposition reaches across.
    return " ".join(folded for folded in map(fold_line, lines) if folded)


@lru_cache(maxsize=4096)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    return _SPACES.sub(" ", fold(text).replace("’", "'").replace("‘", "'")).strip()

"""The one form in which the detectors compare text: folded (lowercase, no accents), with one kind of apostrophe
and single spaces, so that their patterns are written once in plain lowercase."""

from __future__ import annotations

import re

from openarchief.search.analysis import fold


def fold_line(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text).replace("’", "'").replace("‘", "'")).strip()

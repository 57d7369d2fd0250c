"""Woo and Wob vocabularies: the judgements an inventory gives each document, and the grounds for refusal.

Ground codes are those of `data/weigeringsgronden.tsv` (Woo 5.1.1a-e, 5.1.2a-i, 5.1.5, 5.2.1; Wob 10.1a-d,
10.2a-g, 11.1). Inventories write them in many ways ("10.2.e", "5.1.2e; 5.1.2i", "5.1 lid 2 sub e",
"Art. 11 lid 1 Wob"); `ground_codes` reads them all, and gives nothing rather than a guess.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .analysis import fold

# The judgement values of the API, and their Dutch labels.
JUDGEMENTS = {
    "openbaar": "openbaar",
    "deels_openbaar": "deels openbaar",
    "niet_openbaar": "niet openbaar",
    "reeds_openbaar": "reeds openbaar",
    "buiten_reikwijdte": "buiten reikwijdte",
}
ROLES = {
    "besluit": "besluit",
    "inventaris": "inventarislijst",
    "documenten": "openbaar gemaakte documenten",
    "bijlage": "bijlage",
    "overig": "overig",
}


@dataclass(frozen=True)
class Ground:
    code: str
    law: str  # Woo | Wob
    article: str  # "5.1 lid 2 onder e"
    kind: str  # absoluut | relatief
    label: str

    @property
    def display(self) -> str:
        return f"{self.code} — {self.label}"


@lru_cache(maxsize=1)
def grounds() -> dict[str, Ground]:
    text = resources.files(__package__).joinpath("data", "weigeringsgronden.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return {r["code"]: Ground(r["code"], r["law"], r["article"], r["kind"], r["label"]) for r in rows}


def ground_label(code: str) -> str:
    ground = grounds().get(code)
    return ground.display if ground else code


def judgement_label(value: str) -> str:
    return JUDGEMENTS.get(value, value)


def judgement(text: str | None) -> str | None:
    """The judgement value for how an inventory writes it ("Deels Openbaar", "Niet-openbaar", "reeds
    openbaar", "Buiten reikwijdte"), or None."""
    plain = re.sub(r"[\s_-]+", " ", fold(text or "")).strip()
    if not plain:
        return None
    for value, label in JUDGEMENTS.items():
        if plain == label or plain == value.replace("_", " "):
            return value
    if plain in ("niet openbaar gemaakt", "geweigerd"):
        return "niet_openbaar"
    if plain in ("openbaar gemaakt", "volledig openbaar"):
        return "openbaar"
    if plain in ("gedeeltelijk openbaar", "deels openbaar gemaakt"):
        return "deels_openbaar"
    if plain in ("buiten de reikwijdte", "buiten scope", "niet relevant"):
        return "buiten_reikwijdte"
    return None


# "10.2.e", "10.2e", "10.2 e", "5.1.2e", "5.1.2 i", "5.1.1c", "11.1", "5.1.5", "5.2.1", "10 lid 2 sub e",
# "5.1 lid 2 onder e", "art. 11 lid 1", "artikel 10, tweede lid, onder e".
_ORDINALS = {"eerste": "1", "tweede": "2", "derde": "3", "vierde": "4", "vijfde": "5"}
_WRITTEN = re.compile(
    r"(?:art(?:ikel|\.)?\s*)?(?P<art>5\.[12]|10|11)\s*,?\s*"
    r"(?:lid\s*(?P<lid>\d)|(?P<ord>eerste|tweede|derde|vierde|vijfde)\s+lid)"
    r"(?:\s*,?\s*(?:aanhef\s+en\s+)?(?:sub|onder)\s*(?P<letter>[a-i])\b)?",
)
_CODED = re.compile(r"(?<![\d.])(?P<art>5\.[12]|10|11)\.(?P<lid>\d)\.?\s?(?P<letter>[a-i])?(?![\w.]*\d)")


def _code(article: str, lid: str, letter: str | None) -> str | None:
    code = f"{article}.{lid}{letter or ''}"
    return code if code in grounds() else None


def ground_codes(text: str | None) -> list[str]:
    """Every ground for refusal `text` names, as codes, in order of first mention; unknown notations (and
    article 3 Wob, which says a document is outside the request, not why it is withheld) give nothing."""
    plain = fold(text or "")
    found: list[tuple[int, str]] = []
    for match in _WRITTEN.finditer(plain):
        lid = match.group("lid") or _ORDINALS.get(match.group("ord") or "", "")
        code = _code(match.group("art"), lid, match.group("letter"))
        if code:
            found.append((match.start(), code))
    covered = [m.span() for m in _WRITTEN.finditer(plain)]
    for match in _CODED.finditer(plain):
        if any(a <= match.start() < b for a, b in covered):
            continue
        code = _code(match.group("art"), match.group("lid"), match.group("letter"))
        if code:
            found.append((match.start(), code))
    return list(dict.fromkeys(code for _, code in sorted(found)))

"""The official TOOI/DiWoo value lists: ministries, document types (documentsoorten), Woo information categories.

Facet values are their codes; labels are for display. The lists are copies of the reference TSVs.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .analysis import fold


@dataclass(frozen=True)
class Term:
    code: str
    label: str


# Historical ministries and the code of today's successor; names a letter may carry that the list lacks.
_SUCCESSORS = {"mnre1150": "mnre1153", "mnre0170": "mnre1130", "mnre0180": "mnre1171", "mnre1040": "mnre1045"}
_EXTRA_MINISTRY_NAMES = {
    "ministerie van veiligheid en justitie": "mnre1058",
    "ministerie van justitie": "mnre1058",
    "ministerie van economische zaken en klimaat": "mnre1045",
    "ministerie van economische zaken, landbouw en innovatie": "mnre1045",
    "ministerie van infrastructuur en milieu": "mnre1130",
    "ministerie van onderwijs, cultuur en wetenschappen": "mnre1109",
}


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files(__package__).joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t"))


class Vocabulary:
    def __init__(self, terms: list[Term], aliases: dict[str, str] | None = None, names: dict[str, str] | None = None):
        self._by_code = {t.code: t for t in terms}
        self._by_label = {fold(t.label): t.code for t in terms} | (names or {})
        self._aliases = aliases or {}

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self):
        return iter(self._by_code.values())

    def label(self, code: str) -> str:
        term = self._by_code.get(code)
        return term.label if term else code

    def resolve(self, value: str | None) -> str | None:
        """A code for a code or a label (case and accents ignored), following historical names; None if unknown."""
        if not value:
            return None
        value = value.strip()
        code = value if value in self._by_code else self._by_label.get(fold(value))
        return self._aliases.get(code, code) if code else None


@lru_cache(maxsize=1)
def ministries() -> Vocabulary:
    terms = [Term(r["code"], r["label (TOOI)"]) for r in _rows("tooi_ministeries_diwoo_0.9.4.tsv")]
    return Vocabulary(terms, _SUCCESSORS, _EXTRA_MINISTRY_NAMES)


@lru_cache(maxsize=1)
def document_types() -> Vocabulary:
    return Vocabulary([Term(r["code"], r["label"]) for r in _rows("tooi_documentsoorten_plooi_v3.tsv")])


@lru_cache(maxsize=1)
def categories() -> Vocabulary:
    return Vocabulary([Term(r["tooi_code"], r["label"]) for r in _rows("woo_informatiecategorieen.tsv")])


LANGUAGES = {"nl": "Nederlands", "en": "Engels", "de": "Duits", "fr": "Frans", "fy": "Fries"}


def language_label(code: str) -> str:
    return LANGUAGES.get(code, code)

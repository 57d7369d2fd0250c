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
    group: str = ""  # documentsoorten only: "beschikking", "beschikking > beschikking tot handhaving", ...


# Historical ministries (their codes) and the code of today's successor: the TSV marks a row "historical" but does
# not say who took over.
_SUCCESSORS = {"mnre1150": "mnre1153", "mnre0170": "mnre1130", "mnre0180": "mnre1171", "mnre1040": "mnre1045"}
# Earlier ministry names that TOOI does not list, each with the label of today's successor; the one list of them,
# for resolving a sidecar's value as much as for reading a letterhead (ingest.detect.organisation).
PREDECESSOR_NAMES = {
    "Justitie": "Justitie en Veiligheid",
    "Veiligheid en Justitie": "Justitie en Veiligheid",
    "Infrastructuur en Milieu": "Infrastructuur en Waterstaat",
    "Economische Zaken en Klimaat": "Economische Zaken",
    "Economische Zaken, Landbouw en Innovatie": "Economische Zaken",
    "Landbouw, Natuurbeheer en Visserij": "Landbouw, Visserij, Voedselzekerheid en Natuur",
    "Onderwijs, Cultuur en Wetenschappen": "Onderwijs, Cultuur en Wetenschap",
    "Binnenlandse Zaken": "Binnenlandse Zaken en Koninkrijksrelaties",
}
MINISTRY_PREFIX = "ministerie van "


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

    def code(self, label: str) -> str:
        """The code of the term with exactly this label (case and accents ignored), for code that names a term:
        a KeyError at import rather than a detector that silently never fires."""
        return self._by_label[fold(label)]

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
    by_label = Vocabulary(terms)
    names = {
        fold(MINISTRY_PREFIX + name): by_label.code(MINISTRY_PREFIX + successor)
        for name, successor in PREDECESSOR_NAMES.items()
    }
    return Vocabulary(terms, _SUCCESSORS, names)


@lru_cache(maxsize=1)
def document_types() -> Vocabulary:
    return Vocabulary([Term(r["code"], r["label"], r["group"]) for r in _rows("tooi_documentsoorten_plooi_v3.tsv")])


@lru_cache(maxsize=1)
def categories() -> Vocabulary:
    return Vocabulary([Term(r["tooi_code"], r["label"]) for r in _rows("woo_informatiecategorieen.tsv")])


LANGUAGES = {"nl": "Nederlands", "en": "Engels", "de": "Duits", "fr": "Frans", "fy": "Fries"}


def language_label(code: str) -> str:
    return LANGUAGES.get(code, code)

"""The official TOOI/DiWoo value lists: ministries and all other government organisations, document types
(documentsoorten), Woo information categories and themes (TOP-lijst).

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
    # The codes a value also counts under in a facet: an ended organisation's successors (a merged gemeente's new
    # gemeente, a renamed ministry's successor), a sub-theme's main theme.
    broader: tuple[str, ...] = ()
    kind: str = ""  # organisations only: a code of ORGANISATION_KINDS


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

    def lineage(self, code: str) -> list[str]:
        """`code` and every code it also counts under (successors of successors too), in that order."""
        seen = [code]
        for current in seen:
            term = self._by_code.get(current)
            seen += [b for b in (term.broader if term else ()) if b not in seen]
        return seen

    def kind(self, code: str) -> str | None:
        term = self._by_code.get(code)
        return term.kind if term and term.kind else None

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


# The kinds of organisation, as the `organisation_kind` facet's values, with their Dutch labels.
ORGANISATION_KINDS = {
    "ministerie": "Ministerie",
    "gemeente": "Gemeente",
    "provincie": "Provincie",
    "waterschap": "Waterschap",
    "staten_generaal": "Staten-Generaal",
    "caribisch_openbaar_lichaam": "Caribisch openbaar lichaam",
    "overig": "Overige overheidsorganisatie",
}
_STATEN_GENERAAL = {"oorg10000", "oorg10001", "oorg10002"}
_RWC_KINDS = {
    "gemeente": "gemeente",
    "provincie": "provincie",
    "waterschap": "waterschap",
    "caribisch openbaar lichaam": "caribisch_openbaar_lichaam",
}


def _display_label(row: dict[str, str]) -> str:
    """The name a reader knows: TOOI prefixes the agencies' names with "overheidsorganisatie" and the
    hoogheemraadschappen's with "waterschap"."""
    if row["kind"] == "waterschap" and row["short name"].startswith(("Hoogheemraadschap", "Wetterskip")):
        return row["short name"]
    return row["label (TOOI)"].removeprefix("overheidsorganisatie ")


@lru_cache(maxsize=1)
def organisations() -> Vocabulary:
    """Every government organisation of the TOOI lists: the ministries (today's and historical) and the
    gemeenten, provincies, waterschappen, Caribbean public bodies, the Staten-Generaal and agencies. A code
    resolves to itself (an ended organisation keeps its code); its lineage adds its successors."""
    ministry_terms = [
        Term(t.code, t.label, broader=(_SUCCESSORS[t.code],) if t.code in _SUCCESSORS else (), kind="ministerie")
        for t in ministries()
    ]
    rows: dict[str, dict[str, str]] = {}
    for row in _rows("tooi_organisaties_rwc.tsv"):
        # A code listed twice (a waterschap renamed in place) is the current row's.
        if row["code"] not in rows or not row["end"]:
            rows[row["code"]] = row
    terms = ministry_terms + [
        Term(
            code,
            _display_label(row),
            broader=tuple(row["successor"].split()),
            kind="staten_generaal" if code in _STATEN_GENERAAL else _RWC_KINDS.get(row["kind"], "overig"),
        )
        for code, row in rows.items()
    ]
    # Other names a sidecar or manifest may give: the TOOI label, the short name where only one organisation
    # has it, the abbreviation ("TK", "RWS"), and the earlier ministry names (mapped to today's ministry).
    short = [r["short name"] for r in rows.values()]
    names = {fold(r["label (TOOI)"]): c for c, r in rows.items()}
    names |= {
        fold(r["short name"]): c for c, r in rows.items() if short.count(r["short name"]) == 1 and r["short name"]
    }
    names |= {fold(r["abbreviation"]): c for c, r in rows.items() if r["abbreviation"]}
    names |= {
        fold(MINISTRY_PREFIX + name): ministries().code(MINISTRY_PREFIX + successor)
        for name, successor in PREDECESSOR_NAMES.items()
    }
    return Vocabulary(terms, names=names)


def is_ministry(code: str | None) -> bool:
    return bool(code) and organisations().kind(code or "") == "ministerie"


@lru_cache(maxsize=1)
def themes() -> Vocabulary:
    """The TOOI theme list (TOP-lijst): 16 main themes and their sub-themes; a sub-theme counts under its main
    theme."""
    return Vocabulary(
        [
            Term(r["code"], r["label"], broader=(r["broader code"],) if r["broader code"] else ())
            for r in _rows("tooi_toplijst_themas.tsv")
        ]
    )


@lru_cache(maxsize=1)
def document_types() -> Vocabulary:
    """The TOOI documentsoorten, and the few kinds of Kamerstuk people look for that the list lacks (motie,
    amendement: `documentsoorten_aanvulling.tsv`, codes `oa_…`, each counting under Kamerstuk too)."""
    terms = [Term(r["code"], r["label"], r["group"]) for r in _rows("tooi_documentsoorten_plooi_v3.tsv")]
    terms += [
        Term(r["code"], r["label"], r["group"], broader=(r["broader"],))
        for r in _rows("documentsoorten_aanvulling.tsv")
    ]
    return Vocabulary(terms)


@lru_cache(maxsize=1)
def categories() -> Vocabulary:
    return Vocabulary([Term(r["tooi_code"], r["label"]) for r in _rows("woo_informatiecategorieen.tsv")])


LANGUAGES = {"nl": "Nederlands", "en": "Engels", "de": "Duits", "fr": "Frans", "fy": "Fries"}


def language_label(code: str) -> str:
    return LANGUAGES.get(code, code)

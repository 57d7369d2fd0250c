"""Abbreviations and the full names they stand for ("Woo" / "Wet open overheid", "VWS" / "Volksgezondheid,
Welzijn en Sport"), from the curated list search/data/nl_synonyms.tsv, searched for each other at query time: the
index stays as it is, and both engines receive the same parsed query.

A typed abbreviation adds its names as phrases (alternatives in its own group); a run of typed words that spells
a name adds the abbreviation to each of the run's groups: (wet AND open AND overheid) OR woo is the same as
(wet OR woo) AND (open OR woo) AND (overheid OR woo), which the groups of a ParsedQuery already express.

Precision, as the list's `case` column sets it:
- `exact` abbreviations (AP, AZ, BZ, Fin, Def, OM, ...) expand only when typed as listed or in capitals, and a
  typed name does not add them: the index folds case, so "def" in "def." or "fin" in a Finnish text would match.
- Spellings with "&" (I&W, J&V) are searched as the phrase of their letters, which also matches dotted
  abbreviations ("v.w.b.", "a.m.v.b."); they expand when typed but are never added to another query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from . import analysis
from .vocabularies import MINISTRY_PREFIX, organisations

_EDGES = re.compile(r"^[^\w&]+|[^\w&]+$")  # "(VWS)," is VWS; "&" belongs to I&W


@dataclass(frozen=True)
class Entry:
    forms: tuple[str, ...]  # the abbreviation's spellings, as written: "IenW", "I&W"
    names: tuple[str, ...]  # the full names, as written: "Infrastructuur en Waterstaat"
    organisation: str | None  # the TOOI code of the organisation it names, for the filter suggestion
    exact: bool  # expands only when typed as listed (or in capitals); never added to a typed name

    def added_forms(self, typed: str = "") -> list[str]:
        """The spellings another query may search for: not the "&" ones (see the module's docstring), not an
        exact one, not the one typed."""
        if self.exact:
            return []
        return [f for f in self.forms if "&" not in f and analysis.fold(f) != analysis.fold(bare(typed))]


def name_words(name: str) -> tuple[str, ...]:
    return tuple(analysis.fold(w) for w in analysis.words(name))


def _names(given: str, codes: list[str]) -> tuple[str, ...]:
    if given:
        return tuple(n.strip() for n in given.split("|") if n.strip())
    # Derived from the TOOI lists rather than typed twice; documents write "Volksgezondheid, Welzijn en Sport",
    # with or without "ministerie van" before it, so the phrase without it finds both.
    vocabulary = organisations()
    return tuple(vocabulary.label(code).removeprefix(MINISTRY_PREFIX) for code in codes)


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    text = resources.files(__package__).joinpath("data").joinpath("nl_synonyms.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    found = []
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t")))
        codes = row["organisation"].split()
        found.append(
            Entry(
                forms=tuple(row["forms"].split()),
                names=_names(row["names"], codes),
                organisation=codes[0] if codes else None,
                exact=row["case"] == "exact",
            )
        )
    return tuple(found)


@dataclass(frozen=True)
class _Lookup:
    strict: dict[str, Entry]  # exact abbreviations, as listed and in capitals
    loose: dict[str, Entry]  # the others, folded
    by_name: dict[tuple[str, ...], list[Entry]]  # a name's folded words -> the entries with that name
    longest: int  # words in the longest name


@lru_cache(maxsize=1)
def _lookup() -> _Lookup:
    strict: dict[str, Entry] = {}
    loose: dict[str, Entry] = {}
    by_name: dict[tuple[str, ...], list[Entry]] = {}
    for entry in entries():
        for form in entry.forms:
            if entry.exact:
                strict[form] = strict[form.upper()] = entry
            else:
                loose[analysis.fold(form)] = entry
        for name in entry.names:
            by_name.setdefault(name_words(name), []).append(entry)
    return _Lookup(strict, loose, by_name, max(map(len, by_name), default=0))


def bare(typed: str) -> str:
    """A typed token without the punctuation around it: "(VWS)," is "VWS"."""
    return _EDGES.sub("", typed)


def abbreviation(typed: str) -> Entry | None:
    """The entry whose abbreviation `typed` (one token of a query, as typed) is."""
    lookup = _lookup()
    return lookup.strict.get(bare(typed)) or lookup.loose.get(analysis.fold(bare(typed)))


def names_in(words: list[str | None]) -> list[tuple[int, int, list[Entry]]]:
    """The runs of `words` (folded; None where a run must break) that spell a name, longest first from the left:
    (start, end, entries with that name)."""
    lookup = _lookup()
    found = []
    at = 0
    while at < len(words):
        for length in range(min(lookup.longest, len(words) - at), 0, -1):
            run = words[at : at + length]
            if None in run:
                continue
            entries_named = lookup.by_name.get(tuple(w for w in run if w is not None))
            if entries_named:
                found.append((at, at + length, entries_named))
                at += length
                break
        else:
            at += 1
    return found

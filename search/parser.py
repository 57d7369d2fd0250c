"""Turns what a person types into a query object; engines build their own query from it (see _embedded_query).

Syntax: words (all must match), "exact phrase", -exclusion, a OR b, prefix*. Anything else is read as words:
no input is an error. With expand=True, abbreviations and the full names they stand for are searched for each
other (search/synonyms.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Literal

from . import analysis, synonyms
from .request import Expansion

ClauseKind = Literal["word", "phrase", "prefix"]
MIN_PREFIX = 2

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# A Kamerstuk as people cite it ("Kamerstuk 32 545, nr. 143", "32545 nr 143") is searched as its identifier
# (kst-32545-143), which the engines hold as the words "kst 32545 143".
_KAMERSTUK = re.compile(r"\b(?:kamerstuk(?:ken)?\s+)?(\d{2})\s?(\d{3})\s*,?\s*(?:nr\.?|nummer)\s*(\d{1,4})\b", re.I)


@dataclass(frozen=True)
class Clause:
    kind: ClauseKind
    words: tuple[str, ...]  # folded words, as typed
    expanded: bool = False  # added by the synonym expansion, not typed

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass
class ParsedQuery:
    # Each group must match; a group matches when any of its clauses does (a OR b).
    groups: list[list[Clause]] = field(default_factory=list)
    excluded: list[Clause] = field(default_factory=list)
    # What the synonym expansion added, for the caller to show (and offer to search without).
    expansions: list[Expansion] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.groups

    def positive_clauses(self) -> list[Clause]:
        return [c for g in self.groups for c in g]

    def nearby_words(self) -> tuple[str, ...]:
        """The words of a multi-word query, in order, that score more where they stand together: each a group of
        its own (not an OR), plain words (not phrases or prefixes)."""
        typed = [[c for c in g if not c.expanded] for g in self.groups]  # an abbreviation's name added is no OR
        words = tuple(g[0].words[0] for g in typed if len(g) == 1 and g[0].kind == "word")
        return words if len(words) >= 2 else ()

    def to_mark(self) -> "ParsedQuery":
        """The query whose words the snippets mark: an added name's stopwords left out, or every "en" and "van"
        of a page would be marked for "VWS"."""
        groups = [[_without_stopwords(c) if c.expanded else c for c in group] for group in self.groups]
        return ParsedQuery([[c for c in group if c.words] for group in groups], self.excluded, self.expansions)


def _without_stopwords(clause: Clause) -> Clause:
    return replace(clause, words=tuple(w for w in clause.words if w not in analysis.stopwords()))


@dataclass
class _Typed:
    """A token typed without quotes or a minus, and the group its clause went into."""

    text: str
    clause: Clause
    group: int
    own: bool  # began its own group (not joined by OR)


def compound_parts(clause: Clause) -> tuple[str, ...]:
    """The parts of a word clause that is a compound ("klimaatonderzoek": klimaat, onderzoek), as written."""
    return tuple(analysis.split_compound(clause.words[0])) if clause.kind == "word" else ()


def _clauses(text: str, quoted: bool) -> list[Clause]:
    """The alternatives one typed token stands for."""
    words = tuple(analysis.fold(w) for w in analysis.words(text))
    if not words:
        return []
    if quoted or len(words) > 1:
        # "Woo-verzoek" and "a.b" are read as the phrase of their words; a hyphenated compound also as the word
        # written solid ("Wmo-indicatie": "wmoindicatie"), which the engines hold for every spelling of it.
        hyphenated = not quoted and re.fullmatch(r"\w+(?:-\w+)+", text.rstrip("*"))
        joined = [Clause("word", ("".join(words),))] if hyphenated else []
        return [Clause("phrase", words), *joined]
    if text.endswith("*") and len(words[0]) >= MIN_PREFIX:
        return [Clause("prefix", words)]
    return [Clause("word", words)]


def parse(q: str, expand: bool = False) -> ParsedQuery:
    parsed = ParsedQuery()
    typed: list[_Typed | None] = []  # None: a quoted or excluded token, which breaks a run of words
    join_next = False
    # The same Unicode form as the indexed text: a decomposed "e\u0308" is one letter, "ﬁ" is "fi".
    q = unicodedata.normalize("NFKC", q or "")
    q = _KAMERSTUK.sub(lambda m: f"{m.group(1)}{m.group(2)}-{m.group(3)}", q)
    for match in _TOKEN.finditer(q):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None:
            if bare == "OR":
                join_next = bool(parsed.groups)
                continue
            negated = "-" if bare.startswith("-") and len(bare) > 1 else ""
            clauses = _clauses(bare.lstrip("-+"), quoted=False)
        else:
            clauses = _clauses(quoted, quoted=True)
        if not clauses:
            continue
        own = not join_next
        if negated:
            parsed.excluded.extend(clauses)
            join_next = False
        elif join_next:
            parsed.groups[-1].extend(clauses)
            join_next = False
        else:
            parsed.groups.append(clauses)
        clause = clauses[0]
        bare_word = bare is not None and not negated
        typed.append(_Typed(bare.lstrip("+"), clause, len(parsed.groups) - 1, own) if bare_word else None)
    if expand:
        _expand(parsed, typed)
    return _drop_stopwords(parsed)


def _add(group: list[Clause], clauses: list[Clause]) -> None:
    known = {(c.kind, c.words) for c in group}
    group.extend(c for c in clauses if (c.kind, c.words) not in known)


def _form_clause(form: str) -> Clause:
    clauses = _clauses(form, quoted=False)
    assert clauses  # the list's spellings all hold letters
    return replace(clauses[0], expanded=True)


def _expand(parsed: ParsedQuery, typed: list[_Typed | None]) -> None:
    """Adds to the groups what the typed abbreviations and names stand for (search/synonyms.py); a phrase, a
    prefix or an exclusion is searched as typed."""
    for token in typed:
        if token is None or token.clause.kind == "prefix":
            continue
        entry = synonyms.abbreviation(token.text)
        if entry is None:
            continue
        forms = entry.added_forms(token.text)
        names = [Clause("phrase", synonyms.name_words(n), expanded=True) for n in entry.names]
        _add(parsed.groups[token.group], names + [_form_clause(f) for f in forms])
        parsed.expansions.append(
            Expansion(typed=synonyms.bare(token.text), also=[*entry.names, *forms], organisation=entry.organisation)
        )
    # A run of words, each its own group, that spells a name: the abbreviation joins each of their groups.
    words = [t.clause.words[0] if t and t.own and t.clause.kind == "word" else None for t in typed]
    for start, end, named in synonyms.names_in(words):
        run = [t for t in typed[start:end] if t is not None]
        forms = list(dict.fromkeys(f for entry in named for f in entry.added_forms()))
        organisation = next((e.organisation for e in named if e.organisation), None)
        if not forms and not organisation:
            continue
        for token in run:
            if not _is_stopword(token.clause):  # dropped below: the abbreviation must not stand in its place
                _add(parsed.groups[token.group], [_form_clause(f) for f in forms])
        parsed.expansions.append(
            Expansion(typed=synonyms.bare(" ".join(t.text for t in run)), also=forms, organisation=organisation)
        )


def _is_stopword(clause: Clause) -> bool:
    return clause.kind == "word" and not analysis.analyze_word(clause.words[0])


def _drop_stopwords(parsed: ParsedQuery) -> ParsedQuery:
    """Stopwords among other words are dropped, as the analysis drops them from the text; a query of only
    stopwords ("de", "het") keeps them, to be matched as written."""
    kept = [[c for c in group if not _is_stopword(c)] for group in parsed.groups]
    kept = [group for group in kept if group]
    if kept:
        parsed.groups = kept
    return parsed

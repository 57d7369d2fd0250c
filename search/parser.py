"""Turns what a person types into a query object; engines build their own query from it (see _embedded_query).

Syntax: words (all must match), "exact phrase", -exclusion, a OR b, prefix*. Anything else is read as words:
no input is an error.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from . import analysis

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

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass
class ParsedQuery:
    # Each group must match; a group matches when any of its clauses does (a OR b).
    groups: list[list[Clause]] = field(default_factory=list)
    excluded: list[Clause] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.groups

    def positive_clauses(self) -> list[Clause]:
        return [c for g in self.groups for c in g]

    def nearby_words(self) -> tuple[str, ...]:
        """The words of a multi-word query, in order, that score more where they stand together: each a group of
        its own (not an OR), plain words (not phrases or prefixes)."""
        words = tuple(g[0].words[0] for g in self.groups if len(g) == 1 and g[0].kind == "word")
        return words if len(words) >= 2 else ()


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


def parse(q: str) -> ParsedQuery:
    parsed = ParsedQuery()
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
        if negated:
            parsed.excluded.extend(clauses)
            join_next = False
        elif join_next:
            parsed.groups[-1].extend(clauses)
            join_next = False
        else:
            parsed.groups.append(clauses)
    return _drop_stopwords(parsed)


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

"""Snippets with the matched words marked, built from the stored page text so both engines mark alike.

The text comes from PDFs and is hostile: every piece is HTML-escaped before <mark> is added.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from . import analysis
from .model import Document
from .parser import ParsedQuery
from .request import Hit, PageHit

SNIPPET_CHARS = 240
# Page hits beyond these get their page number only: a result page shows a few passages, not fifty.
PAGE_SNIPPETS = 3


@lru_cache(maxsize=500_000)
def _matches(stems: frozenset[str], exact: frozenset[str], prefixes: tuple[str, ...], word: str) -> bool:
    """Cached across requests: result pages ask about the same words, for the same queries, again and again."""
    folded = analysis.fold(word)
    if folded in exact or folded.startswith(prefixes or ("\0",)):
        return True
    return bool(stems) and not stems.isdisjoint(analysis.analyze_word(folded))


@dataclass(frozen=True)
class Matcher:
    stems: frozenset[str]
    exact: frozenset[str]
    prefixes: tuple[str, ...]

    @classmethod
    def for_query(cls, parsed: ParsedQuery) -> "Matcher":
        stems, exact, prefixes = set(), set(), []
        for clause in parsed.positive_clauses():
            if clause.kind == "word":
                stems.update(analysis.analyze_word(clause.words[0])[:1])
            elif clause.kind == "prefix":
                prefixes.append(clause.words[0])
            else:
                exact.update(clause.words)
        return cls(frozenset(stems), frozenset(exact), tuple(prefixes))

    def matches(self, word: str) -> bool:
        return _matches(self.stems, self.exact, self.prefixes, word)

    def __bool__(self) -> bool:
        return bool(self.stems or self.exact or self.prefixes)


def snippet(text: str, matcher: Matcher, length: int = SNIPPET_CHARS) -> Markup:
    """The passage of `text` from a little before its first match, escaped, matches in <mark>.

    Reads the page only up to its first match (pages are long and a result page has many): the cost of a
    snippet does not grow with the page.
    """
    matches = matcher.matches
    first = next((m for m in analysis.WORD.finditer(text) if matches(m.group())), None) if matcher else None
    start = 0
    if first is not None:
        start = max(0, first.start() - length // 6)
        start = text.rfind(" ", 0, start) + 1 if start else 0
    window = " ".join(text[start : start + length + 40].split())
    end = min(len(window), length)
    if end < len(window):
        space = window.rfind(" ", 0, end)
        end = space if space > 0 else end
    shown = window[:end]
    out = [Markup("…") if start else Markup(""), mark_all(shown, matcher)]
    if start + length < len(text.rstrip()):
        out.append(Markup("…"))
    return Markup("").join(out)


def mark_all(text: str, matcher: Matcher) -> Markup:
    """The whole text escaped, every match in <mark> (for the document page)."""
    out, pos = [], 0
    if matcher:
        for match in analysis.WORD.finditer(text):
            if matcher.matches(match.group()):
                out.append(escape(text[pos : match.start()]))
                out.append(Markup("<mark>%s</mark>") % match.group())
                pos = match.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def hit_for(doc: Document, page_numbers: list[int], matcher: Matcher) -> Hit:
    """A result for `doc`, whose pages `page_numbers` hold the query's words, best scoring first: the hit's
    snippet comes from the first of them (or the first page with text)."""
    texts = {p.number: p.text for p in doc.pages}
    if page_numbers:
        best = texts.get(page_numbers[0], "")
    else:
        best = next((p.text for p in doc.pages if p.text.strip()), "")
    return Hit(
        id=doc.id,
        title=doc.title,
        ministry=doc.ministry,
        type=doc.type,
        category=doc.category,
        date=doc.date,
        language=doc.language,
        page_count=doc.page_count,
        snippet=snippet(best, matcher),
        page_hits=[
            PageHit(page=n, snippet=snippet(texts.get(n, ""), matcher) if i < PAGE_SNIPPETS else "")
            for i, n in enumerate(sorted(page_numbers))
        ],
    )

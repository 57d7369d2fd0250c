"""Snippets with the matched words marked, built from the stored page text so both engines mark alike.

The text comes from PDFs and is hostile: every piece is HTML-escaped before <mark> is added.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from . import analysis
from .model import Document
from .parser import ParsedQuery
from .request import Hit, PageHit

SNIPPET_CHARS = 240


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
        folded = analysis.fold(word)
        if folded in self.exact or folded.startswith(self.prefixes or ("\0",)):
            return True
        return bool(self.stems) and not self.stems.isdisjoint(analysis.analyze_word(folded))

    def __bool__(self) -> bool:
        return bool(self.stems or self.exact or self.prefixes)


def count_matches(text: str, matcher: Matcher) -> int:
    return sum(1 for t in analysis.tokens(text) if matcher.matches(t.text))


def snippet(text: str, matcher: Matcher, length: int = SNIPPET_CHARS) -> Markup:
    """The passage of `text` around its first densest cluster of matches, escaped, matches in <mark>."""
    text = " ".join(text.split())
    hits = [t for t in analysis.tokens(text) if matcher and matcher.matches(t.text)]
    if hits:
        # Start a little before the match window that holds the most matches.
        best, best_count, j = 0, 0, 0
        for i, hit in enumerate(hits):
            while j < len(hits) and hits[j].start - hit.start < length:
                j += 1
            if j - i > best_count:
                best, best_count = i, j - i
        start = max(0, hits[best].start - length // 6)
        start = text.rfind(" ", 0, start) + 1 if start else 0
    else:
        start = 0
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    out = [Markup("…") if start else Markup("")]
    pos = start
    for token in hits:
        if token.start < start or token.end > end:
            continue
        out.append(escape(text[pos : token.start]))
        out.append(Markup("<mark>%s</mark>") % text[token.start : token.end])
        pos = token.end
    out.append(escape(text[pos:end]))
    if end < len(text):
        out.append(Markup("…"))
    return Markup("").join(out)


def mark_all(text: str, matcher: Matcher) -> Markup:
    """The whole text escaped, every match in <mark> (for the document page)."""
    out, pos = [], 0
    if matcher:
        for token in analysis.tokens(text):
            if matcher.matches(token.text):
                out.append(escape(text[pos : token.start]))
                out.append(Markup("<mark>%s</mark>") % text[token.start : token.end])
                pos = token.end
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
        page_hits=[PageHit(page=n, snippet=snippet(texts.get(n, ""), matcher)) for n in sorted(page_numbers)],
    )

"""Snippets with the matched words marked, built from the stored page text so both engines mark alike.

The text comes from PDFs and is hostile: every piece is HTML-escaped before <mark> is added.

Finding the matched words is the costly part (a result page makes dozens of snippets of long pages), so the
query's strings are looked for in C, in a folded copy of the page, and only the words that hold one are asked of
the exact matcher (see "Candidate words"). They must include every word the matcher accepts, and may hold more:
tests/test_highlight.py holds them to that over the whole word list and proves the output unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

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
    # For a text where none of the query's words stand: a compound query's parts, which found the document when
    # they stand near each other ("onderzoek naar het klimaat" for klimaatonderzoek).
    parts: "Matcher | None" = None

    @classmethod
    def for_query(cls, parsed: ParsedQuery) -> "Matcher":
        stems: set[str] = set()
        parts: set[str] = set()
        exact: set[str] = set()
        prefixes: list[str] = []
        for clause in parsed.positive_clauses():
            if clause.kind == "word":
                terms = analysis.analyze_word(clause.words[0])
                stems.update(terms[:1])
                parts.update(terms[1:])
            elif clause.kind == "prefix":
                prefixes.append(clause.words[0])
            else:
                exact.update(clause.words)
        fallback = cls(frozenset(parts), frozenset(), ()) if parts else None
        return cls(frozenset(stems), frozenset(exact), tuple(prefixes), fallback)

    def matches(self, word: str) -> bool:
        return _matches(self.stems, self.exact, self.prefixes, word)

    def __bool__(self) -> bool:
        return bool(self.stems or self.exact or self.prefixes)


# --- Candidate words -----------------------------------------------------------------------------------------
#
# The page is folded to bytes, one byte per character, so positions carry over: a "plain" character (one of
# Latin-1 that folds to one ASCII letter or digit: "É" -> "e") becomes that letter, any other word character "?",
# every other character a space. analysis.fold folds a word of plain characters character by character, so the
# bytes read it exactly as fold does, and bytes.find looks for the query's strings in C. A word with a "?" (ß, ĳ,
# Greek, ...) is always a candidate. Why bytes: str.translate looks each character up in a dict (20 ns a
# character), and a regex of alternatives tries a match at every letter that may start one (5-10 ns); encode,
# bytes.translate and a few bytes.find stay near 1 ns.

_UNSURE = ord("?")  # until _settle_unsure: also "?" itself and any character beyond Latin-1
_SPACE = ord(" ")
# A page with more "?" than this share (another script: Greek, Cyrillic, ...) is read word by word: settling each
# "?" in Python would cost more than asking the matcher about every word.
_MOST_UNSURE = 1 / 4


def _is_word_char(char: str) -> bool:
    """The \\w of re, so of analysis.WORD: alphanumeric or underscore."""
    return char.isalnum() or char == "_"


def _fold_table() -> bytes:
    table = bytearray(b" " * 256)
    for code in range(256):
        char = chr(code)
        if char == "?":
            table[code] = _UNSURE
        elif _is_word_char(char):
            folded = analysis.fold(char)
            plain = len(folded) == 1 and folded.isascii() and _is_word_char(folded) and analysis.fold(folded) == folded
            table[code] = ord(folded) if plain else _UNSURE
    return bytes(table)


_FOLD_LATIN1 = _fold_table()
_PLAIN_BYTES = frozenset(_FOLD_LATIN1) - {_UNSURE, _SPACE}  # the folded letters, digits and "_"


def _folded_bytes(text: str) -> bytes:
    """`text` folded to bytes, between two spaces so every word has one on each side: byte i + 1 is character i.
    Its "?" are still to be settled."""
    return (b" " + text.encode("latin-1", "replace") + b" ").translate(_FOLD_LATIN1)


def _settle_unsure(folded: bytes | bytearray, text: str) -> bytearray:
    """Each "?" that stands for no word character (’, –, “, "?" itself: a few a page) becomes a space, so the
    bytes' words are exactly analysis.WORD's (and a word with a "?" holds a character the bytes cannot fold)."""
    settled = bytearray(folded)
    at = settled.find(_UNSURE)
    while at >= 0:
        if not _is_word_char(text[at - 1]):
            settled[at] = _SPACE
        at = settled.find(_UNSURE, at + 1)
    return settled


# Snowball's original Dutch stemmer and analysis._after_stemmer cut a word's end and rewrite no more than its last
# letters, in three ways: heden -> heid, a doubled vowel before the final consonant undoubled (maan -> man,
# brood -> brod), a final v or z devoiced (briev -> brief, huiz -> huis). _stem_surfaces undoes each.
_DEVOICED = {"f": "v", "s": "z"}
_UNDOUBLED_VOWELS = "aeou"


def _stem_surfaces(stem: str) -> set[str]:
    """Strings one of which starts every folded word (or compound part) that stems to `stem`."""
    last = stem[-1:]
    finals = [last] + ([_DEVOICED[last]] if last in _DEVOICED else [])
    surfaces = {stem[:-1] + final for final in finals}
    if len(stem) >= 3 and stem[-2] in _UNDOUBLED_VOWELS:
        surfaces.update(stem[:-1] + stem[-2] + final for final in finals)
    if stem.endswith("heid"):
        surfaces.add(stem[:-4] + "heden")
    # The override table's irregular words need not start with their stem (steden -> stad).
    surfaces.update(word for word in analysis.stem_overrides() if analysis.stem(word) == stem)
    return surfaces


@dataclass(frozen=True)
class _Needle:
    """Bytes to find in a folded page, and how far past where they are found the candidate word is."""

    text: bytes
    offset: int = 0


@lru_cache(maxsize=4096)
def _needles(stems: frozenset[str], exact: frozenset[str], prefixes: tuple[str, ...]) -> tuple[_Needle, ...] | None:
    """What to find so that every word the matcher accepts holds a needle; None when every word must be asked
    (an empty query string, which a parsed query never holds)."""
    # A stem is sought anywhere in a word: the stem of a compound's part is one of the compound's terms.
    anywhere = {(surface, False, False) for stem in stems for surface in _stem_surfaces(stem)}
    anchored = {(word, True, True) for word in exact} | {(prefix, True, False) for prefix in prefixes}
    strings = sorted(anywhere | anchored)
    if any(not text for text, _, _ in strings):
        return None
    needles = {_Needle(b"?")}  # a word with a character the bytes cannot fold
    for string in strings:
        text, at_start, at_end = string
        if any(other != string and other[0] in text for other in anywhere):
            continue  # a word that holds it holds another string already sought
        encoded = text.encode("latin-1", "replace")
        if _PLAIN_BYTES.issuperset(encoded):  # else only a word with a "?" folds to one holding it
            needles.add(_Needle(b" " * at_start + encoded + b" " * at_end, offset=int(at_start)))
    return tuple(sorted(needles, key=lambda needle: needle.text))


def _matching_words(text: str, matcher: Matcher) -> Iterator[tuple[int, int]]:
    """The spans of the words of `text` (as analysis.WORD finds them) that `matcher` accepts, in order.

    The needles propose, the matcher decides; a word is asked once, however many needles it holds.
    """
    needles = _needles(matcher.stems, matcher.exact, matcher.prefixes)
    folded: bytes | bytearray = _folded_bytes(text)
    unsure = folded.count(_UNSURE)
    if needles is None or unsure > len(folded) * _MOST_UNSURE:  # every word is asked, as in the plain reading
        yield from (m.span() for m in analysis.WORD.finditer(text) if matcher.matches(m.group()))
        return
    if unsure:
        folded = _settle_unsure(folded, text)
    nowhere = len(folded)
    found = [_find(folded, needle, 0, nowhere) for needle in needles]
    while (at := min(found)) < nowhere:
        start, end = folded.rfind(b" ", 0, at) + 1, folded.find(b" ", at)
        if matcher.matches(text[start - 1 : end - 1]):
            yield start - 1, end - 1
        # Needles found in the word just asked are sought again past it; the others are already past it.
        found = [f if f > end else _find(folded, needle, end, nowhere) for f, needle in zip(found, needles)]


def _match_spans(text: str, matcher: Matcher) -> Iterator[tuple[int, int]]:
    """The spans to mark, in order: the matching words, and where the text writes a queried compound in pieces
    ("land- en tuinbouw" for landbouw, "Wmo-indicatie" for wmoindicatie) that whole stretch (a word inside it is
    not marked again). Read as far as asked, like _matching_words: a snippet needs the first span only, so the
    hyphens are looked at only up to the next matching word."""
    words = _matching_words(text, matcher)
    if not matcher.stems or "-" not in text:
        yield from words
        return
    word = next(words, None)
    at = text.find("-")
    last_end = -1
    openings = _openings(matcher.stems)
    while word is not None or at >= 0:
        stretch = None
        while at >= 0:
            start = _word_start(text, at)
            if word is not None and start > word[0]:
                break
            # A stretch writes its compound from its first letter on: most hyphens (in "2019-0946575",
            # "Staten-Generaal") begin none of the queried words and are passed at the cost of a slice.
            opens = analysis.fold(text[start : start + _OPENING])
            stretch = (
                _joined_at(text, start, matcher.stems)
                if opens[: len(opens)] in openings or _short(opens, openings)
                else None
            )
            at = text.find("-", stretch[1] if stretch else at + 1)
            if stretch:
                break
        if stretch is None and word is None:
            return
        if stretch is None:
            assert word is not None
            span, word = word, next(words, None)
        else:
            span = stretch
        if span[0] >= last_end:
            yield span
            last_end = span[1]


_OPENING = 3


@lru_cache(maxsize=4096)
def _openings(stems: frozenset[str]) -> frozenset[str]:
    """The first letters (up to _OPENING) of the queried stems: a compound written in pieces begins with them."""
    return frozenset(stem[:_OPENING] for stem in stems)


def _short(opens: str, openings: frozenset[str]) -> bool:
    """Whether a stem shorter than _OPENING letters opens `opens`."""
    return any(len(o) < _OPENING and opens.startswith(o) for o in openings)


def _word_start(text: str, at: int) -> int:
    while at > 0 and _is_word_char(text[at - 1]):
        at -= 1
    return at


def _joined_at(text: str, start: int, stems: frozenset[str]) -> tuple[int, int] | None:
    """The stretch from `start` that writes one of `stems` in pieces, if any."""
    for begin, end, word in analysis.joined_words_at(text, start):
        terms = analysis.analyze_word(word)
        if terms and terms[0] in stems:
            return begin, end
    return None


def _find(folded: bytes | bytearray, needle: _Needle, start: int, nowhere: int) -> int:
    """A position in the first word from `start` on that holds `needle`; `nowhere` if there is none."""
    at = folded.find(needle.text, start)
    return at + needle.offset if at >= 0 else nowhere


def snippet(text: str, matcher: Matcher, length: int = SNIPPET_CHARS) -> Markup:
    """The passage of `text` from a little before its first match, escaped, matches in <mark>.

    Asks the matcher only about the words up to its first match (pages are long and a result page has many):
    beyond that, the page costs a pass in C.
    """
    matcher, first = _first_match(text, matcher)
    start = 0
    if first is not None:
        start = max(0, first[0] - length // 6)
        start = text.rfind(" ", 0, start) + 1 if start else 0
    window = " ".join(text[start : start + length + 40].split())
    end = min(len(window), length)
    if end < len(window):
        space = window.rfind(" ", 0, end)
        end = space if space > 0 else end
    shown = window[:end]
    before = "…" if start else ""
    after = "…" if start + length < len(text.rstrip()) else ""
    return Markup(before + _marked(shown, matcher) + after)


def _first_match(text: str, matcher: Matcher) -> tuple[Matcher, tuple[int, int] | None]:
    """The matcher that marks `text` — the query's, or its compounds' parts where none of its words stand there —
    and its first span (None when nothing matches)."""
    if not matcher:
        return matcher, None
    first = next(_match_spans(text, matcher), None)
    if first is None and matcher.parts is not None:
        return matcher.parts, next(_match_spans(text, matcher.parts), None)
    return matcher, first


def holds(text: str, matcher: Matcher) -> bool:
    """Whether `text` has a word the query matches (reads up to the first one)."""
    return _first_match(text, matcher)[1] is not None


def mark_all(text: str, matcher: Matcher) -> Markup:
    """The whole text escaped, every match in <mark> (for the document page)."""
    return Markup(_marked(text, _first_match(text, matcher)[0]))


def _marked(text: str, matcher: Matcher) -> str:
    """The HTML of mark_all as a plain str. Every piece of the text goes through escape(); the pieces are joined
    as str because Markup's own join and % cost more than the search (a few us a snippet)."""
    out: list[str] = []
    pos = 0
    if matcher:
        for start, end in _match_spans(text, matcher):
            out += (escape(text[pos:start]), "<mark>", escape(text[start:end]), "</mark>")
            pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def hit_for(doc: Document, page_numbers: list[int], matcher: Matcher) -> Hit:
    """A result for `doc`, whose pages `page_numbers` hold the query's words, best scoring first: the hit's
    snippet comes from the first of them (or the first page with text)."""
    texts = {p.number: p.text for p in doc.pages}
    if page_numbers:
        best = texts.get(page_numbers[0], "")
    else:
        best = next((p.text for p in doc.pages if p.text.strip()), "")
    made: dict[str, Markup] = {}  # the best page is often among the first ones too: one snippet for both

    def snippet_of(text: str) -> Markup:
        if text not in made:
            made[text] = snippet(text, matcher)
        return made[text]

    return Hit(
        id=doc.id,
        title=doc.title,
        organisation=doc.organisation,
        ministry=doc.ministry,
        type=doc.type,
        category=doc.category,
        date=doc.date,
        language=doc.language,
        page_count=doc.page_count,
        theme=doc.theme,
        parliament=doc.parliament,
        dossier=doc.dossier,
        dossier_title=doc.dossier_title,
        indexed_at=doc.indexed_at,
        snippet=snippet_of(best),
        page_hits=[
            PageHit(page=n, snippet=snippet_of(texts.get(n, "")) if i < PAGE_SNIPPETS else "")
            for i, n in enumerate(sorted(page_numbers))
        ],
    )

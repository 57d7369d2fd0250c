"""Dutch text analysis, shared by indexing, querying and highlighting.

One word becomes a tuple of index terms: folded (lowercase, no diacritics), stopwords dropped, stemmed with
Snowball's original Dutch (Porter) stemmer — not the newer `dutch` one, which strips a leading ge- and so
merges gemeente with menen and gezondheid with zon — plus the stems of the parts of a compound word, so
"vergunning" finds "omgevingsvergunning". The OpenSearch mapping reproduces this chain; the contract tests
keep both engines equal.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Iterable, Iterator

import Stemmer

if TYPE_CHECKING:
    from .model import Document, Page

WORD = re.compile(r"\w+", re.UNICODE)


# Parts that look like words but are suffixes inside a compound ("gezond|heid", "gemeente|lijke").
_NOT_A_PART = frozenset(
    "heid heden lijk lijke lijks schap baar bare isch ische ling lingen loos loze zaam zame tie ties ering"
    " erij ende ing ingen atie aties iteit ten ter den des tal ene".split()
)
# Dutch linking morphemes between compound parts: omgeving+s+vergunning, boek+en+kast, zonne? (rare).
_LINKS = ("s", "en", "e")
MIN_PART = 4
MIN_HEAD = 3  # the last part may be short: natuurbeschermings|wet, snel|weg
MIN_COMPOUND = 8
MIN_ACRONYM_REST = 5
# How many words of the frequency-ordered list may serve as compound parts: rarer entries are mostly noise.
_PART_VOCABULARY = 40_000


# Letters Unicode does not decompose but Lucene's ASCIIFoldingFilter folds (kept equal to the OpenSearch chain).
_UNDECOMPOSED = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)


def fold(text: str) -> str:
    """Lowercase and strip diacritics: "Financiën" -> "financien"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _read_list(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(fold(w) for w in _read_list("nl_stopwords.txt"))


@lru_cache(maxsize=1)
def stem_overrides() -> dict[str, str]:
    """Words the stemmer leaves apart from their base: irregular plurals (kinderen -> kind) and diminutives
    (huisjes -> huis; scripts/build_diminutives.py writes those)."""
    lines = _read_list("nl_stem_overrides.txt") + _read_list("nl_diminutives.txt")
    rules = (line.split("=>") for line in lines)
    return {fold(word.strip()): base.strip() for word, base in rules}


@lru_cache(maxsize=1)
def acronyms() -> frozenset[str]:
    """Acronyms that start compounds written solid ("Wmoindicatie", "AOWleeftijd"): a split may begin with one,
    though it is shorter than a part may be."""
    return frozenset(fold(w) for w in _read_list("nl_acronyms.txt"))


@lru_cache(maxsize=1)
def dictionary() -> frozenset[str]:
    """Dutch words (folded), for hyphen repair and spelling."""
    return frozenset(fold(w) for w in _read_list("nl_words.txt"))


@lru_cache(maxsize=1)
def _compound_parts() -> dict[str, int]:
    """Words that may be a part of a compound, with their frequency rank (0 = most common)."""
    ranks: dict[str, int] = {}
    for rank, word in enumerate(_read_list("nl_words.txt")[:_PART_VOCABULARY]):
        w = fold(word)
        if len(w) >= MIN_HEAD and w not in _NOT_A_PART and w not in stopwords():
            ranks.setdefault(w, rank)
    return ranks


_stemmer = Stemmer.Stemmer("dutch_porter")


_DOUBLED = re.compile(r"^(.{2,}?)([bcdfghjklmnpqrstvwxz])\2$")
_VOICED_END = {"v": "f", "z": "s"}


def _after_stemmer(stemmed: str) -> str:
    """Two rules after Snowball, kept equal in the OpenSearch mapping (pattern_replace filters):
    plannen -> plann -> plan (Snowball undoubles only k, d and t), and brieven -> briev -> brief,
    huizen -> huiz -> huis (a Dutch word does not end in a voiced v or z)."""
    stemmed = _DOUBLED.sub(r"\1\2", stemmed)
    if stemmed[-1:] in _VOICED_END:
        stemmed = stemmed[:-1] + _VOICED_END[stemmed[-1]]
    return stemmed


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Stem one folded word: override table, else Snowball's original Dutch stemmer; then the two rules."""
    return _after_stemmer(stem_overrides().get(word) or _stemmer.stemWord(word))


@lru_cache(maxsize=200_000)
def split_compound(word: str) -> tuple[str, ...]:
    """Split a folded word into two or more dictionary parts, allowing linking -s-, -e-, -en-; () if it does not.

    Prefers the split with the fewest parts, then the one whose rarest part is most common
    (gemeente|huis, not gemeen|tehuis).
    """
    if len(word) < MIN_COMPOUND or word in stem_overrides():  # a diminutive ("balletjes") is no compound
        return ()
    ranks = _compound_parts()
    # best[i]: the best split of word[:i] as (parts, rank of its rarest part); a link may follow it.
    best: dict[int, tuple[tuple[str, ...], int]] = {0: ((), -1)}
    for end in range(MIN_HEAD, len(word) + 1):
        candidates = []
        for start, (prefix, worst) in best.items():
            piece = word[start:end]
            # An acronym only before a long part: "Wmo|indicatie", not "ww|ijs".
            acronym = start == 0 and piece in acronyms() and len(word) - end >= MIN_ACRONYM_REST
            if not acronym and (
                end - start < (MIN_HEAD if end == len(word) else MIN_PART)
                or len(piece) == len(word)
                or piece not in ranks
            ):
                continue
            candidates.append((prefix + (piece,), max(worst, ranks.get(piece, 0))))
        if not candidates:
            continue
        chosen = min(candidates, key=lambda c: (len(c[0]), c[1]))
        best[end] = chosen
        for link in _LINKS:
            if end + len(link) < len(word) and word.startswith(link, end) and end + len(link) not in best:
                best[end + len(link)] = chosen
    parts = best.get(len(word), ((), 0))[0]
    return parts if len(parts) >= 2 else ()


@lru_cache(maxsize=200_000)
def analyze_word(word: str) -> tuple[str, ...]:
    """Index terms for one token: its stem, then the stems of its compound parts; () for a stopword."""
    folded = fold(word)
    if folded in stopwords():
        return ()
    terms = [stem(folded)]
    for part in split_compound(folded):
        part_stem = stem(part)
        if part_stem not in terms:
            terms.append(part_stem)
    return tuple(terms)


def words(text: str) -> list[str]:
    return WORD.findall(text)


# A compound written with hyphens ("Wmo-indicatie", "e-mailadres"): also searchable written solid.
_HYPHENATED = re.compile(r"\b\w+(?:-\w+)+\b")
# An elliptic compound: parts that share the last word's head ("land- en tuinbouw", "in-, door- en uitvoer",
# "Wob-/Woo-verzoek", "provincie- en gemeentegrenzen").
_ELLIPTIC = re.compile(r"((?:\b\w+-\s*,\s*)*\b\w+-)\s*(?:/|,|\s(?:en|of|en/of)\s)\s*(\w+(?:-\w+)*)")
_FIRST_PART = re.compile(r"\w+(?=-)")


def _head(word: str) -> str | None:
    """The part of the last word of an elliptic compound that the others share: tuinbouw -> bouw, Woo-verzoek ->
    verzoek, gemeentegrenzen -> grenzen, uitgaande -> gaande; None if it cannot be told."""
    if "-" in word:
        return word.split("-", 1)[1]
    folded = fold(word)
    parts = split_compound(folded)
    if parts:
        rest = "".join(parts[1:])
        return word[len(word) - len(rest) :]
    # A head after a short first part (uit|gaande, in|voer): both words of the word list.
    for cut in range(2, len(folded) - 2):
        if folded[:cut] in dictionary() and folded[cut:] in dictionary() and len(folded) - cut >= 4:
            return word[cut:]
    return None


def _solid(m: re.Match) -> tuple[int, int, str]:
    """A hyphenated compound written solid, with its span."""
    return m.start(), m.end(), fold(m.group().replace("-", ""))


def _shortened(m: re.Match) -> list[tuple[int, int, str]]:
    """The compounds an elliptic one stands for, each with the span of the whole."""
    head = _head(m.group(2))
    if not head:
        return []
    return [(m.start(), m.end(), fold(first + head.replace("-", ""))) for first in _FIRST_PART.findall(m.group(1))]


def word_starts_before(text: str, marks: Iterable[str]) -> list[int]:
    """Where the word right before each occurrence of a mark begins, in order, once each (none where the mark
    follows no word character)."""
    starts = set()
    for mark in marks:
        at = text.find(mark)
        while at != -1:
            start = at
            while start and (text[start - 1].isalnum() or text[start - 1] == "_"):  # what re's \w is
                start -= 1
            if start < at:
                starts.add(start)
            at = text.find(mark, at + 1)
    return sorted(starts)


def matches_at(pattern: re.Pattern, text: str, starts: Iterable[int]) -> Iterator[re.Match]:
    """pattern.finditer(text) for a pattern that can only match from one of `starts`: tried there alone. A pattern
    that opens with \\b\\w+ and needs a mark after that word costs finditer a failed attempt (and a backtrack
    over the word) at every word of a page; here only the few words before a mark are tried."""
    end = 0
    for start in starts:
        if start >= end and (found := pattern.match(text, start)):
            yield found
            end = found.end()


def joined_words(text: str) -> list[tuple[int, int, str]]:
    """Words a text holds without writing them as one: hyphenated compounds written solid ("Wmo-indicatie":
    "wmoindicatie") and the compounds an elliptic one stands for ("land- en tuinbouw": "landbouw"), each with the
    span of text that says it, folded. Indexed beside the text, so that every spelling of a compound finds it."""
    if "-" not in text:
        return []
    # Both patterns match from the start of a word that a hyphen follows, and from nowhere else.
    starts = word_starts_before(text, "-")
    found = [_solid(m) for m in matches_at(_HYPHENATED, text, starts)]
    return found + [word for m in matches_at(_ELLIPTIC, text, starts) for word in _shortened(m)]


def joined_words_at(text: str, start: int) -> list[tuple[int, int, str]]:
    """joined_words of the stretch that begins at `start` (a word's first letter): the elliptic compound or the
    hyphenated one there, if any. For a highlighter, which looks at the few hyphens before its first match rather
    than at a whole page."""
    elliptic, hyphenated = _ELLIPTIC.match(text, start), _HYPHENATED.match(text, start)
    return (_shortened(elliptic) if elliptic else []) + ([_solid(hyphenated)] if hyphenated else [])


def index_terms(text: str, decompound: bool = True) -> str:
    """The analysed form of a text as space-separated terms, for a whitespace-tokenised index field; the terms of
    joined_words follow. Without `decompound`, a compound's parts are left out (a name: the ministry of
    "Volksgezondheid" is not about "gezondheid")."""
    terms = [term for word in WORD.findall(text) for term in analyze_word(word)[: None if decompound else 1]]
    terms += [term for _, _, word in joined_words(text) for term in analyze_word(word)[: None if decompound else 1]]
    return " ".join(terms)


def page_terms(text: str) -> tuple[str, str]:
    """index_terms and exact_terms of a text, in one pass over its words."""
    found = WORD.findall(text)
    terms = [term for word in found for term in analyze_word(word)]
    terms += [term for _, _, word in joined_words(text) for term in analyze_word(word)]
    return " ".join(terms), " ".join(map(_fold_word, found))


def prepare_pages(doc: Document) -> None:
    """Analyse the pages of a document ahead of indexing and keep the terms on it: an ingest worker does this
    (in parallel) so that the process writing the index does not (one at a time). Each page's terms are used
    only while its text is the one they were made from."""
    doc._page_terms = {p.number: (zlib.crc32(p.text.encode()), *page_terms(p.text)) for p in doc.pages}


def prepared_page_terms(doc: Document, page: Page) -> tuple[str, str]:
    """The page's (index terms, exact terms): as prepared, or made now."""
    ready = doc._page_terms.get(page.number)
    if ready and ready[0] == zlib.crc32(page.text.encode()):
        return ready[1], ready[2]
    return page_terms(page.text)


def joined_parts(text: str) -> str:
    """Only the joined_words of a text (compound_parts without the parts)."""
    return " ".join(word for _, _, word in joined_words(text))


def compound_parts(text: str) -> str:
    """The parts of the compound words of a text, unstemmed ("omgeving vergunning"), and its joined_words: an
    engine that analyses text itself indexes these beside the text, so a part finds its compound and a compound
    each spelling of it."""
    parts = [part for word in WORD.findall(text) for part in split_compound(fold(word))]
    return " ".join(parts + [word for _, _, word in joined_words(text)])


def exact_terms(text: str) -> str:
    """Folded but unstemmed words, stopwords kept: for phrases and prefixes."""
    return " ".join(_fold_word(word) for word in WORD.findall(text))


@lru_cache(maxsize=200_000)
def _fold_word(word: str) -> str:
    return fold(word)

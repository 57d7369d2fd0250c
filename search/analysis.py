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
from functools import lru_cache
from importlib import resources

import Stemmer

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
    """Irregular plurals the stemmer leaves apart from their singular: kinderen -> kind."""
    rules = (line.split("=>") for line in _read_list("nl_stem_overrides.txt"))
    return {fold(word.strip()): base.strip() for word, base in rules}


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
    if len(word) < MIN_COMPOUND:
        return ()
    ranks = _compound_parts()
    # best[i]: the best split of word[:i] as (parts, rank of its rarest part); a link may follow it.
    best: dict[int, tuple[tuple[str, ...], int]] = {0: ((), -1)}
    for end in range(MIN_HEAD, len(word) + 1):
        candidates = []
        for start, (prefix, worst) in best.items():
            piece = word[start:end]
            if (
                end - start < (MIN_HEAD if end == len(word) else MIN_PART)
                or len(piece) == len(word)
                or piece not in ranks
            ):
                continue
            candidates.append((prefix + (piece,), max(worst, ranks[piece])))
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


def index_terms(text: str) -> str:
    """The analysed form of a text as space-separated terms, for a whitespace-tokenised index field."""
    return " ".join(term for word in WORD.findall(text) for term in analyze_word(word))


def compound_parts(text: str) -> str:
    """The parts of the compound words of a text, unstemmed ("omgeving vergunning"): an engine that analyses
    text itself indexes these beside the text, so a part finds its compound."""
    return " ".join(part for word in WORD.findall(text) for part in split_compound(fold(word)))


def exact_terms(text: str) -> str:
    """Folded but unstemmed words, stopwords kept: for phrases and prefixes."""
    return " ".join(_fold_word(word) for word in WORD.findall(text))


@lru_cache(maxsize=200_000)
def _fold_word(word: str) -> str:
    return fold(word)

"""Snippets and marks: the candidate search of search.highlight changes nothing in what is marked.

search.highlight looks for the query's strings in a folded byte copy of a page and asks the matcher only about the
words that hold one. That is the old word-by-word reading made fast, if every word the matcher accepts holds one.
The proof here: (1) over the whole word list, the override table and words derived from them, every word the
matcher accepts for a one-word query, an exact word or a prefix is found; the folded bytes read a word as
analysis.fold does and split the text where analysis.WORD does, over all of Unicode. (2) Snippets and marks equal
those of the word-by-word reading (kept below as the reference) on real PDFs' pages, generated pages and hostile
text, for a mix of queries.
"""

from __future__ import annotations

import random
import re
import sys
from importlib import resources

import pytest
from markupsafe import Markup, escape

from openarchief.search import analysis
from openarchief.search.highlight import (
    _MOST_UNSURE,
    SNIPPET_CHARS,
    Matcher,
    _folded_bytes,
    _matching_words,
    _settle_unsure,
    mark_all,
    snippet,
)
from openarchief.search.parser import parse

# --- The reference: search.highlight before the candidate search, every word asked in turn ----------------------


def reference_spans(text: str, matcher: Matcher) -> list[tuple[int, int]]:
    """Every word the matcher accepts, and every stretch that writes a queried compound in pieces (a word inside
    one not again), read plainly over the whole text."""
    spans = [m.span() for m in analysis.WORD.finditer(text) if matcher.matches(m.group())]
    stretches = [
        (s, e)
        for s, e, w in analysis.joined_words(text)
        if analysis.analyze_word(w)[:1] and analysis.analyze_word(w)[0] in matcher.stems
    ]
    kept, last_end = [], -1
    for s, e in sorted(set(spans) | set(stretches), key=lambda span: (span[0], -span[1])):
        if s >= last_end:
            kept.append((s, e))
            last_end = e
    return kept


def reference_matcher(text: str, matcher: Matcher) -> Matcher:
    """The parts of a compound query where none of its words stand in the text."""
    if matcher and matcher.parts is not None and not reference_spans(text, matcher):
        return matcher.parts
    return matcher


def reference_snippet(text: str, matcher: Matcher, length: int = SNIPPET_CHARS) -> Markup:
    matcher = reference_matcher(text, matcher)
    spans = reference_spans(text, matcher) if matcher else []
    start = 0
    if spans:
        start = max(0, spans[0][0] - length // 6)
        start = text.rfind(" ", 0, start) + 1 if start else 0
    window = " ".join(text[start : start + length + 40].split())
    end = min(len(window), length)
    if end < len(window):
        space = window.rfind(" ", 0, end)
        end = space if space > 0 else end
    shown = window[:end]
    out = [Markup("…") if start else Markup(""), _reference_marked(shown, matcher)]
    if start + length < len(text.rstrip()):
        out.append(Markup("…"))
    return Markup("").join(out)


def reference_mark_all(text: str, matcher: Matcher) -> Markup:
    return _reference_marked(text, reference_matcher(text, matcher))


def _reference_marked(text: str, matcher: Matcher) -> Markup:
    out, pos = [], 0
    if matcher:
        for start, end in reference_spans(text, matcher):
            out.append(escape(text[pos:start]))
            out.append(Markup("<mark>%s</mark>") % text[start:end])
            pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


# --- The words -----------------------------------------------------------------------------------------------


def _word_list() -> list[str]:
    text = resources.files("openarchief.search").joinpath("data", "nl_words.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def vocabulary() -> list[str]:
    """The word list, with the override table's words and their bases."""
    overrides = analysis.stem_overrides()
    return _word_list() + sorted(overrides) + sorted(set(overrides.values()))


def settled_bytes(text: str) -> bytes:
    return bytes(_settle_unsure(_folded_bytes(text), text))


def found(word: str, matcher: Matcher) -> bool:
    """Does the candidate search find `word`, alone on a page?"""
    return list(_matching_words(word, matcher)) == [(0, len(word))]


def missed_stems(words: list[str]) -> list[tuple[str, str]]:
    """(word, term) for each term of each word whose one-term matcher accepts the word but does not find it."""
    missed = []
    for word in words:
        for term in analysis.analyze_word(analysis.fold(word)):
            matcher = Matcher(frozenset({term}), frozenset(), ())
            assert matcher.matches(word)
            if not found(word, matcher):
                missed.append((word, term))
    return missed


def test_every_word_is_found_by_each_of_its_terms(vocabulary):
    """A query word's stem finds a text word when it is one of the text word's terms (its stem, or a compound
    part's: "vergunning" in "omgevingsvergunning"); each such pair of the word list is found."""
    assert missed_stems(vocabulary) == []


def test_every_word_is_found_as_an_exact_word_and_by_its_prefixes(vocabulary):
    missed = []
    for i, word in enumerate(vocabulary):
        folded = analysis.fold(word)
        exact = Matcher(frozenset(), frozenset({folded}), ())
        prefix = Matcher(frozenset(), frozenset(), (folded[: 2 + i % 4],))
        missed += [(word, m) for m in (exact, prefix) if not found(word, m)]
    assert missed == []


# Endings the stemmer acts on (heden -> heid, -en, -s, -e, d-suffixes, undoubling) and random Dutch-like words
# with doubled vowels and final v/z: words beyond the list, so the stemmer's rules are covered, not only its list.
_ENDINGS = [
    "",
    "en",
    "ene",
    "heden",
    "heid",
    "heids",
    "s",
    "se",
    "e",
    "ing",
    "ingen",
    "end",
    "ende",
    "ig",
    "igheid",
    "lijk",
    "lijke",
    "lijkheden",
    "baar",
    "bare",
    "bar",
    "tje",
    "jes",
    "ieën",
    "erij",
    "ster",
    "tjes",
]


def _made_up_word(rng: random.Random) -> str:
    consonants = "bcdfghjklmnpqrstvwxz"
    vowels = ["a", "e", "i", "o", "u", "aa", "ee", "oo", "uu", "ie", "ij", "ei", "y"]
    syllables = "".join(
        rng.choice(consonants) * rng.choice([1, 1, 1, 2]) + rng.choice(vowels) for _ in range(rng.randint(1, 4))
    )
    return syllables + rng.choice(["", "v", "z", "vv", "zz", "d", "dd", "kk", "tt", "n", "s"]) + rng.choice(_ENDINGS)


def test_derived_and_made_up_words_are_found_by_each_of_their_terms(vocabulary):
    rng = random.Random(7)
    words = [rng.choice(vocabulary) + rng.choice(_ENDINGS) + rng.choice(_ENDINGS) for _ in range(15_000)]
    words += [_made_up_word(rng) for _ in range(15_000)]
    assert missed_stems(words) == []


def test_a_word_of_plain_characters_reads_in_the_bytes_as_fold_reads_it(vocabulary):
    """The ground of the search: the bytes show fold(word), or a "?" that makes the word a candidate anyway."""
    latin1_word_chars = [chr(c) for c in range(256) if chr(c).isalnum() or chr(c) == "_"]
    rng = random.Random(3)
    made_up = ["".join(rng.choices(latin1_word_chars, k=rng.randint(1, 12))) for _ in range(20_000)]
    for word in vocabulary + [w.capitalize() for w in vocabulary] + [w.upper() for w in vocabulary] + made_up:
        folded = settled_bytes(word)[1:-1]
        assert b"?" in folded or folded == analysis.fold(word).encode("ascii"), word


def test_the_bytes_split_words_where_analysis_does_over_all_of_unicode():
    every_char = "".join(map(chr, range(sys.maxunicode + 1)))
    spaced = " ".join(every_char)
    rng = random.Random(5)
    shuffled = "".join(rng.sample(every_char, len(every_char)))
    for text in (spaced, shuffled):
        folded = settled_bytes(text)
        assert len(folded) == len(text) + 2
        words = [(m.start() - 1, m.end() - 1) for m in re.finditer(rb"[^ ]+", folded)]
        assert words == [m.span() for m in analysis.WORD.finditer(text)]


# --- Equal output: snippets and marks as the word-by-word reading made them ----------------------------------------

QUERIES = [
    "vergunning",
    "omgevingsvergunning",
    "Vergunningen",
    "gemeente",
    "gemeenten",
    "GEMEENTE",
    "minister",
    "de",
    "het",
    "de het",
    '"de minister"',
    '"Tweede Kamer"',
    '"de"',
    "verg*",
    "omgev*",
    "ve*",
    "2021*",
    "financiën",
    "financien",
    "FINANCIËN",
    "Kinderen",
    "kind",
    "steden",
    "stad",
    "schepen",
    "ideeën",
    "idee",
    "plannen",
    "brieven",
    "brief",
    "huizen",
    "huis",
    "mogelijkheden",
    "eenheid",
    "jaar",
    "maan",
    "wet",
    "weet",
    "besluit OR beschikking",
    "minister -gemeente",
    "-gemeente",
    "parkeren -vergunning",
    "artikel 3",
    "2021",
    "woo-verzoek",
    "art_1",
    "x2",
    "straße",
    "strasse",
    "café",
    "İstanbul",
    "istanbul",
    "ﬁnanciering",
    "financiering",
    "e\u0301e\u0301n",
    "één",
    "ĳs",
    "ijs",
    "µg",
    "Ærø",
    "naïef",
    "coördinatie",
    "België",
    "ΟΔΟΣ",
    "οδος",
    "мир",
    "שלום",
    "Kind",
    "ｖｅｒｇｕｎｎｉｎｇ",
    "zzzz",
    "a",
    "ab*",
    "in",
    "Security Council",
]

HOSTILE_TEXTS = [
    "Klik <script>alert('vergunning')</script> & \"citaat\" <b>vet</b> vergunning &amp; &lt;gemeente&gt;",
    "<img src=x onerror=alert(1)>gemeente</img> <mark>minister</mark> '\"><svg/onload=1>",
    "e\u0301e\u0301n cafe\u0301 financie\u0308n ide\u0301e\u0308n \u0301vergunning",
    "ﬁnanciering ﬂ ﬃ ﬁnanciën Ĳsselmeer ĳs IJS ijs",
    "İSTANBUL İstanbul ıstanbul ISTANBUL istanbul",
    "Straße STRASSE straße strasse Ærø ærø aero",
    "שלום עולם vergunning \u200fمرحبا\u200f بالعالم \u202egemeente\u202c мир МИР",
    "ver\u200dgunning kin\u200bderen vergun\u00adning ver\u2060gunning vergunning\u00a0verleend",
    "art_12 2021vergunning vergunning2021 __init__ x_vergunning_y ½ ² ³ 2021 x2 art_1",
    "ΟΔΟΣ οδος σ ς Σ ΟΔΟΣ.",
    "\u212aind \u212aINDEREN ｖｅｒｇｕｎｎｉｎｇ ＧＥＭＥＥＮＴＥ",
    "ª º µg ÿ Ÿ ß æ Æ þ Þ ð ø Ø ¼ ½ ¾ ¹ ² ³ naïef coördinatie België",
    "𝐯𝐞𝐫𝐠𝐮𝐧𝐧𝐢𝐧𝐠 👍🏽 gemeente \ud800 minister \udfff",
    "vergunning? Ja?vergunning ?gemeente? ’s-Hertogenbosch “minister” – gemeente • kinderen € 12",
    "",
    " \n\n ",
    "a" * 3000 + "vergunning " + "b" * 400 + " gemeente",
    "\x00\x01vergunning\x7f\x02gemeente\x1f",
    "The Security Council decides to remain seized of the matter. Security COUNCIL councils",
]


def _equal(texts: list[str], queries: list[str], lengths=(SNIPPET_CHARS,), marks: bool = True) -> list[tuple]:
    """(query, text, what) for each output that differs from the reference."""
    differ = []
    for q in queries:
        matcher = Matcher.for_query(parse(q))
        for text in texts:
            for length in lengths:
                if snippet(text, matcher, length) != reference_snippet(text, matcher, length):
                    differ.append((q, text[:60], f"snippet {length}"))
            if marks and mark_all(text, matcher) != reference_mark_all(text, matcher):
                differ.append((q, text[:60], "mark_all"))
    return differ


def test_queries_cover_the_matcher_kinds():
    matchers = [Matcher.for_query(parse(q)) for q in QUERIES]
    assert any(m.stems for m in matchers) and any(m.exact for m in matchers) and any(m.prefixes for m in matchers)
    assert any(not m for m in matchers)  # stopwords only: nothing to mark


def test_output_is_markup_with_hostile_text_escaped():
    matcher = Matcher.for_query(parse("vergunning"))
    marked = mark_all(HOSTILE_TEXTS[0], matcher)
    assert isinstance(marked, Markup) and isinstance(snippet(HOSTILE_TEXTS[0], matcher), Markup)
    assert "<script>" not in marked and "&lt;script&gt;" in marked and "&amp;amp;" in marked
    assert marked.count("<mark>vergunning</mark>") == 2


def read_word_by_word(text: str) -> bool:
    """Is `text` so much of another script that the candidate search leaves it to the word-by-word reading?"""
    folded = _folded_bytes(text)
    return folded.count(b"?") > len(folded) * _MOST_UNSURE


def test_equal_on_hostile_text():
    assert {read_word_by_word(text) for text in HOSTILE_TEXTS} == {True, False}
    assert _equal(HOSTILE_TEXTS, QUERIES, lengths=(SNIPPET_CHARS, 20, 1)) == []


def test_equal_on_random_hostile_text():
    rng = random.Random(11)
    pieces = [
        "vergunning",
        "Vergunningen",
        "omgevingsvergunning",
        "gemeente",
        "GEMEENTEN",
        "de",
        "minister",
        "kinderen",
        "steden",
        "financiën",
        "financie\u0308n",
        "ﬁnanciën",
        "İstanbul",
        "straße",
        "Ĳs",
        "mogelijkheden",
        "huizen",
        "wet",
        "weet",
        "2021",
        "art_1",
        "οδος",
        "ΟΔΟΣ",
        "мир",
        "𝐯𝐞𝐫𝐠",
        "<b>",
        "&amp;",
        "&",
        "<",
        ">",
        '"',
        "'",
        " ",
        " ",
        " ",
        "\n",
        "\u00a0",
        "\u200d",
        "\u200b",
        "\u00ad",
        "\u0301",
        "\u202e",
        "-",
        "?",
        "’",
        "–",
        ".",
        "_",
        "ß",
        "æ",
        "½",
        "²",
        "µ",
        "\ud800",
    ]
    texts = ["".join(rng.choices(pieces, k=rng.randint(0, 120))) for _ in range(100)]
    assert sum(read_word_by_word(text) for text in texts) < 10
    assert _equal(texts, QUERIES, lengths=(SNIPPET_CHARS, 40)) == []


@pytest.fixture(scope="module")
def real_pages(corpus) -> list[str]:
    """The text of every page of the real PDFs, extracted and normalised as ingest stores it."""
    from openarchief.ingest.extractors import extract
    from openarchief.ingest.normalize import normalize_page
    from openarchief.search.failures import Failure

    pages = []
    for path in sorted(corpus.glob("*.pdf")):
        try:
            pages += [normalize_page(text) for text in extract(path, "pypdfium2").pages]
        except Failure:
            continue  # the file that is no PDF
    assert sum(bool(p.strip()) for p in pages) >= 20
    return pages


def test_equal_on_real_pdfs(real_pages):
    assert _equal(real_pages, QUERIES, lengths=(SNIPPET_CHARS, 60)) == []


def test_equal_on_real_pdfs_for_their_own_words(real_pages):
    """Queries made of the pages' own words (and those words capitalised, as a prefix, in a phrase)."""
    rng = random.Random(13)
    words = sorted({w for page in real_pages for w in analysis.words(page)})
    sample = rng.sample(words, 100)
    queries = sample + [w.upper() for w in sample[:20]] + [w[:3] + "*" for w in sample[20:40]]
    queries += [f'"{a} {b}"' for a, b in zip(sample[40:60], sample[60:80])]
    queries += [f"{a} OR {b}" for a, b in zip(sample[80:90], sample[90:100])]
    assert _equal(real_pages, queries) == []


@pytest.fixture(scope="module")
def generated_pages() -> list[str]:
    """The pages of 200 documents of the benchmark's corpus generator."""
    from conftest import ROOT

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # bench/ is no installed package (as in test_bench.py)
    from bench.corpus import generate

    return [page.text for doc in generate(200, seed=5) for page in doc.pages]


# The benchmark's query mix (bench/searching.py), and more.
GENERATED_QUERIES = [
    "gemeente",
    "decentralisatie",
    "minister onderzoek",
    "gemeente subsidie woningbouw",
    '"tweede kamer"',
    "vergun*",
    "omgevingsvergunning",
    "Kinderen",
    "financiën",
    "steden",
    "plannen",
    "mogelijkheden",
    '"de minister"',
    "besluit OR beschikking",
    "wet -gemeente",
    "vergunning",
]


def test_equal_snippets_on_generated_pages(generated_pages):
    assert _equal(generated_pages, GENERATED_QUERIES[:8], marks=False) == []


def test_equal_snippets_and_marks_on_generated_pages(generated_pages):
    assert _equal(generated_pages[::8], GENERATED_QUERIES) == []

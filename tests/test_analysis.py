"""Dutch analysis: inflections, compounds, diacritics and the precision cases, both ways."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openarchief.ingest import normalize
from openarchief.search import analysis
from openarchief.search.analysis import analyze_word, exact_terms, fold, index_terms, split_compound, stem


def matches(query_word: str, text_word: str) -> bool:
    """Does a query word find a document word, as the engines decide it (first query term among the text's)."""
    terms = analyze_word(query_word)
    return bool(terms) and terms[0] in analyze_word(text_word)


@pytest.mark.parametrize(
    "query, text",
    [
        ("gemeente", "gemeenten"),
        ("gemeenten", "gemeente"),
        ("vergunning", "vergunningen"),
        ("vergunning", "omgevingsvergunning"),
        ("vergunningen", "omgevingsvergunningen"),
        ("zorg", "gezondheidszorg"),
        ("plan", "bestemmingsplannen"),
        ("kind", "kinderen"),
        ("kinderen", "kind"),
        ("idee", "ideeën"),
        ("ideeen", "ideeën"),
        ("financien", "Financiën"),
        ("financiën", "financien"),
        ("brief", "brieven"),
        ("huis", "huizen"),
        ("besluit", "besluiten"),
        ("verordening", "parkeerverordening"),
        ("stikstof", "stikstofuitstoot"),
    ],
)
def test_finds(query, text):
    assert matches(query, text)


@pytest.mark.parametrize(
    "query, text",
    [
        # The Snowball `dutch` stemmer strips ge- and merges these; here they stay apart.
        ("menen", "gemeente"),
        ("gemeente", "menen"),
        ("bieden", "gebied"),
        ("gebied", "bieden"),
        ("zon", "gezondheid"),
        ("gezondheid", "zon"),
        ("bouwen", "gebouw"),
        ("gemeen", "gemeenten"),
        # A compound is not found by an unrelated word hidden inside it.
        ("stemming", "bestemmingsplan"),
        ("ten", "gemeenten"),
        # Searching for the compound does not find its parts alone.
        ("omgevingsvergunning", "vergunning"),
    ],
)
def test_keeps_apart(query, text):
    assert not matches(query, text)


def test_stems_do_not_strip_ge():
    assert stem("gemeente") != stem("menen")
    assert stem("gezondheid").startswith("gezond")


def test_compound_splitting_uses_linking_s_and_prefers_common_parts():
    assert split_compound("omgevingsvergunning") == ("omgeving", "vergunning")
    assert split_compound("gemeentehuis") == ("gemeente", "huis")
    assert split_compound("natuurbeschermingswet")[-1] == "wet"
    assert split_compound("gezondheid") == ()
    assert split_compound("vergunning") == ()


def test_fold_and_stopwords():
    assert fold("Financiën één Ideeën") == "financien een ideeen"
    assert analyze_word("de") == () and analyze_word("het") == ()
    assert index_terms("De gemeente en het Rijk") == "gemeent rijk"
    assert exact_terms("De Noord-Holland ﬁ") == "de noord holland fi"  # compatibility folding too


def test_diminutives_meet_their_base_and_nothing_else():
    same = [("huisje", "huis"), ("huisjes", "huizen"), ("briefje", "brief"), ("balletjes", "bal"),
            ("boompje", "boom"), ("kaartje", "kaart"), ("steuntje", "steun"), ("autootje", "auto")]  # fmt: skip
    for diminutive, base in same:
        assert analysis.stem(diminutive) == analysis.stem(base), diminutive
    # Lexicalised diminutives and look-alikes keep their own meaning.
    apart = [("meisje", "meis"), ("beetje", "beet"), ("toetje", "toe"), ("netjes", "net"), ("kastje", "kas"),
             ("gemeente", "menen"), ("balletje", "ballet")]  # fmt: skip
    for word, other in apart:
        assert analysis.stem(word) != analysis.stem(other), word


def test_an_acronym_may_begin_a_solid_compound_but_not_a_word():
    assert analysis.split_compound("wmoindicatie") == ("wmo", "indicatie")
    assert analysis.split_compound("aowleeftijd") == ("aow", "leeftijd")
    for word in ("industrie", "europa", "euthanasie", "indruk", "wwijs"):
        assert not analysis.split_compound(word) or analysis.split_compound(word)[0] not in analysis.acronyms()


def test_pages_analysed_by_a_worker_are_the_terms_the_index_would_make(corpus):
    """An ingest worker analyses the pages (prepare_pages); the index uses those terms only for the text they were
    made from, and they travel with the document to the process that writes the index (pickled, copied)."""
    import pickle

    from conftest import corpus_file

    from openarchief.ingest.extractors import extract
    from openarchief.search import Document, Page
    from openarchief.search.analysis import page_terms, prepare_pages, prepared_page_terms

    real = corpus_file(corpus, "plooi__kst-32545-143.pdf")
    texts = extract(real, "pypdfium2").pages
    assert texts and all(page_terms(t) == (index_terms(t), exact_terms(t)) for t in texts)
    doc = Document(id="a" * 64, title="t", pages=[Page(number=i + 1, text=t) for i, t in enumerate(texts)])
    prepare_pages(doc)
    arrived = pickle.loads(pickle.dumps(doc)).model_copy(update={"title": "gecorrigeerd"})
    assert arrived._page_terms == doc._page_terms and len(arrived._page_terms) == len(texts)
    first = arrived.pages[0]
    checksum = arrived._page_terms[1][0]
    arrived._page_terms[1] = (checksum, "voorbereid", "voorbereid")
    assert prepared_page_terms(arrived, first) == ("voorbereid", "voorbereid")  # used as prepared
    changed = first.model_copy(update={"text": first.text + " omgevingsvergunning"})
    assert prepared_page_terms(arrived, changed) == page_terms(changed.text)  # another text: made again
    assert "_page_terms" not in arrived.model_dump_json()  # never stored


# Text made of what the patterns turn on: words (accented, digits, underscore), hyphens, the elliptic links, line
# breaks and pypdfium2's break markers.
PIECES = st.lists(
    st.sampled_from(["land", "tuin", "bouw", "Wob", "é", "_", "7", "-", "- ", ", ", "/", " en ", " of ", " ", "\n"])
    | st.sampled_from(["\x02", "\ufffe", "\u00ad\n", "\u2010\n", "-\r\n", "\t"]),
    max_size=30,
).map("".join)


@settings(max_examples=3000, deadline=None)
@given(PIECES)
def test_joined_words_tries_its_patterns_only_before_hyphens_and_finds_what_finditer_finds(text):
    """joined_words (and the normaliser's line-end hyphens) try their patterns only at the words before a mark
    (analysis.matches_at): the same matches as scanning the whole text with finditer / sub."""
    expected = [analysis._solid(m) for m in analysis._HYPHENATED.finditer(text)]
    expected += [word for m in analysis._ELLIPTIC.finditer(text) for word in analysis._shortened(m)]
    assert analysis.joined_words(text) == expected
    assert normalize._join_breaks(text) == normalize._BREAK.sub(
        lambda m: normalize.join_hyphenated(m.group(1), m.group(2)), text
    )

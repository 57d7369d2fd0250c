"""Dutch analysis: inflections, compounds, diacritics and the precision cases, both ways."""

import pytest

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

"""Dutch search, second round (issue 15), on both engines (a real tantivy index and a real OpenSearch node): the
spellings of one compound meet, elliptic compounds are whole, diminutives meet their base noun, a compound finds
its parts standing together (below the compound), and words standing together score more. Each class has recall
and precision cases."""

from __future__ import annotations

import pytest
from conftest import ENGINES, engine_settings

from openarchief.search import Document, Index, Page, SearchRequest, analysis
from openarchief.search.highlight import Matcher, mark_all
from openarchief.search.parser import parse
from openarchief.search.vocabularies import document_types

FILLER = " ".join(["Dit staat er verder in de tekst."] * 3)
TEXTS = {
    # compound spelling variants
    "wmo-hyphen": "Uw aanvraag voor een Wmo-indicatie is ontvangen.",
    "wmo-solid": "De Wmoindicatie is met een jaar verlengd.",
    "wmo-apart": "Wie een Wmo indicatie heeft, krijgt hulp thuis.",
    "mail-hyphen": "Geef uw e-mailadres op.",
    "mail-solid": "Uw emailadres blijft geheim.",
    "aow-hyphen": "De AOW-leeftijd stijgt in 2028.",
    "woo-apart": f"Over de Woo. {FILLER} Een ander verzoek van de burger.",
    # elliptic compounds
    "wob-woo": "Dit is een beslissing op uw Wob-/Woo-verzoek.",
    "post": "Het register van in- en uitgaande post.",
    "bouw": "Subsidie voor de land- en tuinbouw.",
    "grenzen": "Een kaart van de provincie- en gemeentegrenzen.",
    # diminutives
    "huisje": "Het huisje aan de dijk is verkocht.",
    "huizen": "Er komen twee nieuwe huizen bij.",
    "briefje": "Een briefje van de minister lag op tafel.",
    "beetje": "Het scheelt een beetje.",
    "beet": "De beet van een hond.",
    "meisje": "Het meisje fietst naar school.",
    # compound queries and their parts
    "klimaat-compound": "Het klimaatonderzoek van het KNMI is klaar.",
    "klimaat-near": "Het onderzoek naar het klimaat van de stad is klaar.",
    "klimaat-far": f"Het klimaat verandert. {FILLER} {FILLER} Het onderzoek gaat verder.",
    # proximity
    "woo-law": "De Wet open overheid regelt de openbaarheid.",
    "woo-scattered": f"De Wegenverkeerswet. {FILLER} Opening van de weg. {FILLER} De overheid betaalt.",
}
DOCS = [
    Document(id=f"{n:064x}", title=f"Document {n}", pages=[Page(number=1, text=text)])
    for n, text in enumerate(TEXTS.values(), start=1)
]
# A decision whose text never says "Wob" or "Woo": its type does.
TYPED = Document(
    id=f"{len(DOCS) + 1:064x}",
    title="Besluit op uw verzoek",
    pages=[Page(number=1, text="Wij hebben uw verzoek om informatie gedeeltelijk toegewezen.")],
    type=document_types().code("beslissing op Wob-/Woo-verzoek"),
    organisation="mnre1025",  # ministerie van Volksgezondheid, Welzijn en Sport
)
DOCS.append(TYPED)
NAME = {doc.id: name for doc, name in zip(DOCS, [*TEXTS, "typed"])}


@pytest.fixture(scope="module", params=ENGINES)
def index(request, tmp_path_factory) -> Index:
    index = Index(engine_settings(request.param, tmp_path_factory.mktemp(request.param)))
    index.index(DOCS)
    return index


def found(index: Index, q: str) -> list[str]:
    return [NAME[h.id] for h in index.search(SearchRequest(q=q, size=50)).hits]


@pytest.mark.parametrize("q", ["Wmo-indicatie", "Wmoindicatie", "Wmo indicatie", "wmo-indicatie"])
def test_every_spelling_of_a_compound_finds_every_other(index, q):
    assert {"wmo-hyphen", "wmo-solid", "wmo-apart"} <= set(found(index, q))


def test_e_mail_and_an_acronym_first_part(index):
    assert set(found(index, "emailadres")) == set(found(index, "e-mailadres")) == {"mail-hyphen", "mail-solid"}
    assert set(found(index, "AOWleeftijd")) == set(found(index, "AOW leeftijd")) == {"aow-hyphen"}


def test_a_hyphenated_query_needs_its_words_together(index):
    # "Woo" and "verzoek" both stand in this letter, far apart: it is no Woo-verzoek.
    assert "woo-apart" not in found(index, "Woo-verzoek")
    assert "woo-apart" in found(index, "Woo verzoek")  # as two words, it is found (both words are there)


@pytest.mark.parametrize(
    "q, name",
    [
        ("Wob-verzoek", "wob-woo"),
        ("Woo-verzoek", "wob-woo"),
        ("wobverzoek", "wob-woo"),
        ("ingaande", "post"),
        ("uitgaande", "post"),
        ("landbouw", "bouw"),
        ("tuinbouw", "bouw"),
        ("provinciegrenzen", "grenzen"),
        ("gemeentegrenzen", "grenzen"),
    ],
)
def test_an_elliptic_compound_is_each_of_its_compounds(index, q, name):
    # (The decision typed "beslissing op Wob-/Woo-verzoek" is each of them too.)
    assert set(found(index, q)) - {"typed"} == {name}


def test_the_names_of_a_documents_type_and_publisher_are_searched(index):
    assert set(found(index, "Wob-verzoek")) == {"wob-woo", "typed"}
    assert "typed" in found(index, "volksgezondheid")
    # A name is not taken apart: the ministry of Volksgezondheid is not about "gezondheid".
    assert "typed" not in found(index, "gezondheid")


def test_an_elliptic_compound_is_marked_where_it_stands():
    text = TEXTS["bouw"]
    marked = mark_all(text, Matcher.for_query(parse("landbouw")))
    assert "<mark>land- en tuinbouw</mark>" in marked
    marked = mark_all(TEXTS["wmo-hyphen"], Matcher.for_query(parse("Wmoindicatie")))
    assert "<mark>Wmo-indicatie</mark>" in marked


@pytest.mark.parametrize("q", ["huis", "huisje", "huisjes", "huizen"])
def test_a_diminutive_and_its_base_noun_find_each_other(index, q):
    assert set(found(index, q)) == {"huisje", "huizen"}


def test_a_diminutive_merges_with_nothing_else(index):
    assert found(index, "brief") == ["briefje"] and found(index, "briefjes") == ["briefje"]
    # A lexicalised diminutive keeps its own meaning.
    assert found(index, "beet") == ["beet"] and found(index, "beetje") == ["beetje"]
    assert found(index, "meisje") == ["meisje"]
    assert analysis.stem("gemeente") != analysis.stem("menen")


def test_a_compound_finds_its_parts_near_each_other_below_itself(index):
    assert found(index, "klimaatonderzoek") == ["klimaat-compound", "klimaat-near"]
    hit = index.search(SearchRequest(q="klimaatonderzoek")).hits[1]
    assert "<mark>onderzoek</mark>" in hit.snippet and "<mark>klimaat</mark>" in hit.snippet


def test_words_standing_together_rank_first(index):
    ranked = found(index, "wet open overheid")
    assert ranked[0] == "woo-law" and "woo-scattered" in ranked

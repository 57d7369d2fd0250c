"""Abbreviations and full names (search/data/nl_synonyms.tsv) found for each other: the contract on both engines
(a real tantivy index and a real OpenSearch node), through the facade, the API and the search page."""

from __future__ import annotations

import re

import pytest
from conftest import ENGINES, engine_settings
from fastapi.testclient import TestClient

from openarchief.search import Document, Index, Page, SearchRequest
from openarchief.web import create_app

VWS, IENW = "mnre1025", "mnre1130"


def doc(n: int, title: str, text: str, **meta) -> Document:
    return Document(id=f"{n:064x}", title=title, pages=[Page(number=1, text=text)], **meta)


DOCS = [
    doc(1, "Besluit op uw verzoek", "Dit besluit is genomen op grond van de Wet open overheid."),
    doc(2, "Besluit over de stukken", "Besluit op grond van de Woo over de stukken."),
    doc(3, "Brief over de zorg", "Brief van het ministerie van Volksgezondheid, Welzijn en Sport.", organisation=VWS),
    doc(4, "Kamerbrief zorg", "De minister van VWS schrijft over de zorg."),
    doc(5, "Subsidie uitgekeerd", "De Rijksdienst voor Ondernemend Nederland keert de subsidie uit."),
    doc(6, "Aanvraag", "Dien de aanvraag in bij RVO."),
    doc(7, "Dijkversterking", "Het ministerie van IenW bouwt de dijk.", organisation=IENW),
    doc(8, "Sluis", "Overleg met I&W over de sluis."),
    doc(9, "Wegen", "De minister van Infrastructuur en Waterstaat over de weg."),
    doc(10, "Verwerking", "Verwerking van gegevens volgens de AVG."),
    doc(11, "Privacy", "De Algemene verordening gegevensbescherming geldt."),
    doc(12, "Bezwaar", "Bezwaar maken volgens de Awb."),
    doc(13, "Bezwaarschrift", "Bezwaar op grond van de Algemene wet bestuursrecht."),
    # Precision: look-alikes of the ambiguous abbreviations, and the words of a name that do not form it.
    doc(14, "Planning", "Zie de def. versie van het plan en het fin. overzicht."),
    doc(15, "Gemeentefinanciën", "De financiën van de gemeente zijn gezond."),
    doc(16, "Begroting", "De minister van Financiën schrijft over de begroting."),
    doc(17, "Toezicht", "De Autoriteit Persoonsgegevens houdt toezicht."),
    doc(18, "Formulier", "Vul het ap formulier in."),
    doc(19, "Openheid", "Een open overheid vraagt een goede wet."),
    doc(20, "Voetbal", "AZ speelde gelijk."),
    doc(21, "Ministerraad", "Het ministerie van Algemene Zaken bereidt de ministerraad voor."),
]


@pytest.fixture(scope="module", params=ENGINES)
def built(request, tmp_path_factory):
    settings = engine_settings(request.param, tmp_path_factory.mktemp(request.param))
    index = Index(settings)
    index.index(DOCS)
    return settings, index


@pytest.fixture(scope="module")
def index(built) -> Index:
    return built[1]


def found(index: Index, q: str, expand: bool = True) -> set[int]:
    return {int(h.id, 16) for h in index.search(SearchRequest(q=q, expand=expand, size=50)).hits}


# --- recall: an abbreviation finds the full name and the other way around -----------------------------------------


def test_a_law_abbreviation_and_its_title_find_each_other(index):
    assert found(index, "Woo") == {1, 2}
    assert found(index, "wet open overheid") == {1, 2, 19}  # 19: its words, as without the list
    assert found(index, "AVG") == found(index, "algemene verordening gegevensbescherming") == {10, 11}
    assert found(index, "awb") == found(index, "Algemene wet bestuursrecht") == {12, 13}
    assert found(index, "bezwaar awb") == {12, 13}  # among other words


def test_a_ministry_abbreviation_and_its_name_find_each_other(index):
    assert found(index, "VWS") == found(index, "Volksgezondheid, Welzijn en Sport") == {3, 4}
    assert found(index, "vws zorg") == {3, 4}
    result = index.search(SearchRequest(q="VWS"))
    assert [(e.typed, e.also, e.organisation) for e in result.expanded] == [
        ("VWS", ["Volksgezondheid, Welzijn en Sport"], VWS)
    ]


def test_ienw_and_i_en_w(index):
    assert found(index, "IenW") == {7, 9}
    assert found(index, "I&W") == {7, 8, 9}  # typed, the "&" spelling finds its own documents too
    # The name adds IenW, not the letters "i w" (which would also match dotted abbreviations).
    assert found(index, "infrastructuur en waterstaat") == {7, 9}


def test_an_agency_abbreviation_and_its_name_find_each_other(index):
    assert found(index, "RVO") == found(index, "Rijksdienst voor Ondernemend Nederland") == {5, 6}


def test_the_expanded_names_are_marked_in_the_snippets(index):
    hits = {int(h.id, 16): h for h in index.search(SearchRequest(q="VWS")).hits}
    snippet = str(hits[3].snippet)
    assert "<mark>Volksgezondheid</mark>, <mark>Welzijn</mark> en <mark>Sport</mark>" in snippet
    assert "<mark>en</mark>" not in snippet and "<mark>van</mark>" not in snippet
    assert "<mark>VWS</mark>" in str(hits[4].snippet)


# --- precision ----------------------------------------------------------------------------------------------------


def test_ambiguous_abbreviations_expand_only_as_written(index):
    assert found(index, "def") == {14}  # the word itself, no ministry
    assert found(index, "fin") == {14}
    assert found(index, "Fin") == {14, 16}  # the ministry's title, not every body's finances
    assert 15 not in found(index, "Fin")
    assert found(index, "Def") == {14}  # no document on Defensie here: nothing else dragged in
    assert found(index, "ap") == {18}
    assert found(index, "AP") == {17, 18}
    assert found(index, "AZ") == {20, 21}
    assert found(index, "az") == {20}


def test_a_typed_name_does_not_add_an_ambiguous_abbreviation(index):
    assert found(index, "autoriteit persoonsgegevens") == {17}
    assert found(index, "algemene zaken") == {21}
    assert found(index, "financien") == {15, 16}


def test_the_words_of_a_name_apart_do_not_match_its_abbreviation(index):
    assert 19 not in found(index, "Woo")


def test_phrases_prefixes_and_exclusions_are_searched_as_typed(index):
    assert found(index, '"Woo"') == {2}
    assert found(index, "Woo*") == {2}
    assert found(index, "besluit -woo") == {1}
    assert not index.search(SearchRequest(q='"VWS"')).expanded


def test_expansion_can_be_switched_off(index):
    assert found(index, "Woo", expand=False) == {2}
    assert found(index, "wet open overheid", expand=False) == {1, 19}
    assert found(index, "VWS", expand=False) == {4}
    assert index.search(SearchRequest(q="VWS", expand=False)).expanded == []


def test_the_export_matches_what_the_search_found(index):
    assert {int(d.id, 16) for d in index.scan(SearchRequest(q="VWS"))} == {3, 4}
    assert {int(d.id, 16) for d in index.scan(SearchRequest(q="VWS", expand=False))} == {4}


def test_a_document_page_finds_the_expanded_words(index):
    assert index.pages_holding(f"{3:064x}", "VWS", 10) == ([1], 1)
    assert index.pages_holding(f"{3:064x}", "VWS", 10, expand=False) == ([], 0)


# --- the API and the search page ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(built):
    return TestClient(create_app(*built), raise_server_exceptions=False)


def test_the_api_lists_the_expansion(client):
    answer = client.get("/api/v1/search", params={"q": "VWS"}).json()
    assert answer["total"] == 2
    assert answer["expanded"] == [
        {
            "typed": "VWS",
            "also": ["Volksgezondheid, Welzijn en Sport"],
            "organisation": {
                "code": VWS,
                "label": "ministerie van Volksgezondheid, Welzijn en Sport",
                "kind": "ministerie",
            },
        }
    ]
    assert client.get("/api/v1/search", params={"q": "wet open overheid"}).json()["expanded"] == [
        {"typed": "wet open overheid", "also": ["Woo"], "organisation": None}
    ]
    off = client.get("/api/v1/search", params={"q": "VWS", "uitbreiden": "0"}).json()
    assert off["total"] == 1 and off["expanded"] == []
    wrong = client.get("/api/v1/search", params={"q": "VWS", "uitbreiden": "soms"})
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["parameter"] == "uitbreiden"


def links(html: str) -> dict[str, str]:
    """Link text (tags and spaces collapsed) -> href."""
    return {
        " ".join(re.sub(r"<[^>]+>", " ", text).split()): href.replace("&amp;", "&")
        for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', html, flags=re.S)
    }


def test_the_search_page_says_what_it_also_searched(client):
    html = client.get("/zoeken", params={"q": "VWS"}).text
    assert "Ook gezocht op: <strong>Volksgezondheid, Welzijn en Sport</strong>" in html
    found_links = links(html)
    without = found_links["Zoek alleen op „VWS”"]
    assert "uitbreiden=0" in without
    page = client.get(without).text
    assert "Ook gezocht op" not in page and "1 document gevonden" in page
    assert "Zoek ook daarop" in page  # and back
    # The hits' links carry the choice to the document page.
    assert any(href.endswith(f"/documenten/{4:064x}?q=VWS&uitbreiden=0") for href in links(page).values())


def test_a_ministry_abbreviation_suggests_its_organisation_filter(client):
    html = client.get("/zoeken", params={"q": "VWS"}).text
    target = links(html)["Alleen documenten van het ministerie van Volksgezondheid, Welzijn en Sport"]
    assert f"organisation={VWS}" in target
    filtered = client.get(target).text
    assert "1 document gevonden" in filtered
    # Once chosen, the filter is not suggested again.
    assert "Alleen documenten van" not in filtered
    # A law names no organisation: nothing to suggest.
    assert "Alleen documenten van" not in client.get("/zoeken", params={"q": "Woo"}).text


def test_the_document_page_marks_the_expanded_words(client):
    html = client.get(f"/documenten/{3:064x}", params={"q": "VWS"}).text
    assert "<mark>Volksgezondheid</mark>" in html
    assert "<mark>Volksgezondheid</mark>" not in client.get(f"/documenten/{3:064x}?q=VWS&uitbreiden=0").text

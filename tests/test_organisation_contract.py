"""Organisations of every kind, themes and parliamentary identifiers: the contract on both engines (a real tantivy
index and a real OpenSearch node)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ENGINES, engine_settings

from openarchief.search import Document, Index, Page, SearchRequest
from openarchief.search.model import Parliamentary
from openarchief.search.vocabularies import organisations, themes


def doc(n: int, title: str, text: str, **meta) -> Document:
    return Document(id=f"{n:064x}", title=title, pages=[Page(number=1, text=text)], **meta)


APPINGEDAM, EEMSDELTA = "gm0003", "gm1979"  # Appingedam merged into Eemsdelta on 1 January 2021
HEERLEN, TWEEDE_KAMER, JENV = "gm0917", "oorg10002", "mnre1058"
LNV_2021, LNV_TODAY = "mnre1150", "mnre1153"
CULTURE, HERITAGE = themes().code("cultuur en recreatie"), themes().code("cultureel erfgoed")

DOCS = [
    doc(1, "Raadsbesluit haven", "De raad besluit over de haven.", organisation=APPINGEDAM, date=dt.date(2019, 5, 1)),
    doc(2, "Raadsbesluit dijk", "De raad besluit over de dijk.", organisation=EEMSDELTA, date=dt.date(2022, 5, 1)),
    doc(3, "Parkeerverordening", "Regels voor het parkeren.", organisation=HEERLEN, theme=[HERITAGE]),
    doc(
        4,
        "Motie van de leden Inge van Dijk en Grinwis",
        "Verzoekt de regering te onderzoeken hoe het toezicht werkt.",
        organisation=TWEEDE_KAMER,
        type="oa_motie",
        theme=[CULTURE],
        parliament=Parliamentary(chamber="tk", session="2020-2021", kamerstuk="32545", number="143"),
    ),
    doc(
        5,
        "Vragen van de leden over de TOZO",
        "Vraag 1. Bent u bekend met het bericht over de TOZO?",
        organisation=TWEEDE_KAMER,
        parliament=Parliamentary(chamber="tk", session="2020-2021", appendix="3235"),
    ),
    doc(6, "Draagmoederschap", "De minister schrijft over draagmoederschap.", organisation=JENV, ministry=JENV),
    doc(7, "Beslisnota nitraat", "Het actieprogramma nitraatrichtlijn.", organisation=LNV_2021, ministry=LNV_TODAY),
    doc(8, "Brief over 32545 en 143 apart", "Het getal 143 staat hier, 32545 elders.", organisation=JENV),
]


@pytest.fixture(scope="module", params=ENGINES)
def index(request, tmp_path_factory) -> Index:
    index = Index(engine_settings(request.param, tmp_path_factory.mktemp(request.param)))
    index.index(DOCS)
    return index


def ids(result) -> set[int]:
    return {int(h.id, 16) for h in result.hits}


def counts(result, facet: str) -> dict[str, int]:
    return {v.value: v.count for v in result.facets[facet]}


def test_an_ended_organisation_counts_under_its_successor(index):
    assert organisations().lineage(APPINGEDAM) == [APPINGEDAM, EEMSDELTA]
    assert ids(index.search(SearchRequest(organisation=[EEMSDELTA]))) == {1, 2}
    assert ids(index.search(SearchRequest(organisation=[APPINGEDAM]))) == {1}
    facet = counts(index.search(SearchRequest()), "organisation")
    assert facet[EEMSDELTA] == 2 and facet[APPINGEDAM] == 1 and facet[TWEEDE_KAMER] == 2 and facet[HEERLEN] == 1
    # A renamed ministry likewise: the 2021 LNV note is found under today's ministry.
    assert ids(index.search(SearchRequest(organisation=[LNV_TODAY]))) == {7}
    assert index.search(SearchRequest(q="haven")).hits[0].organisation == APPINGEDAM  # its own code, shown


def test_organisation_kind_facet_and_filter(index):
    facet = counts(index.search(SearchRequest()), "organisation_kind")
    assert facet == {"gemeente": 3, "staten_generaal": 2, "ministerie": 3}
    assert ids(index.search(SearchRequest(organisation_kind=["gemeente"]))) == {1, 2, 3}
    # Counted without its own filter, like every facet: choosing gemeente still shows the other kinds.
    chosen = index.search(SearchRequest(organisation_kind=["gemeente"]))
    assert counts(chosen, "organisation_kind")["ministerie"] == 3
    assert counts(chosen, "organisation") == {APPINGEDAM: 1, EEMSDELTA: 2, HEERLEN: 1}


def test_ministry_stays_a_facet_of_ministries_only(index):
    assert counts(index.search(SearchRequest()), "ministry") == {JENV: 1, LNV_TODAY: 1}
    assert ids(index.search(SearchRequest(ministry=[JENV]))) == {6}


def test_a_sub_theme_counts_under_its_main_theme(index):
    assert ids(index.search(SearchRequest(theme=[CULTURE]))) == {3, 4}
    assert ids(index.search(SearchRequest(theme=[HERITAGE]))) == {3}
    assert counts(index.search(SearchRequest()), "theme") == {CULTURE: 2, HERITAGE: 1}


@pytest.mark.parametrize(
    "notation",
    ["32545-143", "kst-32545-143", "KST-32545-143", '"32545 143"', "32 545, nr. 143", "Kamerstuk 32545 nr 143"],
)
def test_a_kamerstuk_is_found_by_its_identifier(index, notation):
    assert ids(index.search(SearchRequest(q=notation))) == {4}


@pytest.mark.parametrize("notation", ["ah-tk-20202021-3235", "20202021-3235"])
def test_kamervragen_are_found_by_their_aanhangsel_number(index, notation):
    assert ids(index.search(SearchRequest(q=notation))) == {5}


def test_a_motie_is_typed_motie_and_counts_as_a_kamerstuk(index):
    assert ids(index.search(SearchRequest(type=["oa_motie"]))) == {4}
    assert ids(index.search(SearchRequest(type=["c_056a75e1"]))) == {4}  # Kamerstuk
    assert counts(index.search(SearchRequest()), "type") == {"oa_motie": 1, "c_056a75e1": 1}
    assert index.search(SearchRequest(type=["c_056a75e1"])).hits[0].type == "oa_motie"


def test_a_kamerstuk_dossier_lists_its_documents(index):
    assert ids(index.search(SearchRequest(kamerstuk=["32545"]))) == {4}
    assert ids(index.search(SearchRequest(kamerstuk=["36200-XVI"]))) == set()

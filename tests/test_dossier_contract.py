"""Woo dossiers and their inventory rows behind the Index facade: the same answers on both engines."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ENGINES, engine_settings

from openarchief.search import Document, Index, Page, SearchRequest, Sort
from openarchief.search.model import Dossier, InventoryRow, Member


def doc(n: int, title: str, text: str, **meta) -> Document:
    return Document(id=f"{n:064x}", title=title, pages=[Page(number=1, text=text)], **meta)


def row(number: int, title: str, judgement: str | None, *grounds: str, **more) -> InventoryRow:
    return InventoryRow(
        dossier="bz-2022-1", number=str(number), document_id=str(1000 + number), title=title,
        judgement=judgement, grounds=list(grounds), **more,
    )  # fmt: skip


ROWS = [
    row(1, "Verslag crisisberaad Afghanistan evacuatie", "deels_openbaar", "10.2a", "10.2e"),
    row(2, "RE: Urgent verzoek lokale staf ambassade Kaboel", "niet_openbaar", "10.2e"),
    row(3, "Nota over de tolken", "niet_openbaar", "10.1b", "10.2a", date=dt.date(2021, 8, 20)),
    row(4, "Persbericht evacuatie", "openbaar"),
]
DECISION = doc(
    1,
    "Reactie op uw Wob-verzoek",
    "Besluit op uw verzoek over Afghanistan.",
    ministry="mnre1013",
    date=dt.date(2022, 2, 14),
    dossier="bz-2022-1",
    dossier_title="Reactie op uw Wob-verzoek",
    role="besluit",
    judgement=["deels_openbaar", "niet_openbaar", "openbaar"],
    ground=["10.2e", "10.2a", "10.1b"],
)
LOOSE = doc(2, "Kamerbrief over de evacuatie", "De minister schrijft over de evacuatie.", ministry="mnre1013")
FIRST = Dossier(
    id="bz-2022-1",
    title="Reactie op uw Wob-verzoek",
    organisation="mnre1013",
    date=dt.date(2022, 2, 14),
    kind="Wob-besluit",
    kenmerk="Minbuza: 2022.11427-24",
    subject="de veiligheidssituatie in Afghanistan",
    members=[Member(id=DECISION.id, title=DECISION.title, role="besluit", source="text")],
    rows=ROWS,
)
SECOND = Dossier(
    id="gm-2024-7",
    title="Besluit op uw Woo-verzoek over de parkeervergunningen",
    organisation="mnre1058",
    date=dt.date(2024, 5, 1),
    kind="Woo-besluit",
    members=[Member(id=LOOSE.id, title="x", role="bijlage", source="sidecar")],
    rows=[
        InventoryRow(dossier="gm-2024-7", number="1", title="Mail over parkeren", judgement="deels_openbaar",
                     grounds=["5.1.2e", "5.1.2i"]),
    ],
)  # fmt: skip


@pytest.fixture(scope="module", params=ENGINES)
def index(request, tmp_path_factory) -> Index:
    index = Index(engine_settings(request.param, tmp_path_factory.mktemp(request.param)))
    index.index([DECISION, LOOSE, FIRST, SECOND])
    return index


def test_dossiers_are_listed_newest_first_and_filtered(index):
    listing = index.dossiers(SearchRequest(sort=Sort.newest))
    assert [d.id for d in listing.items] == ["gm-2024-7", "bz-2022-1"]
    assert index.dossiers(SearchRequest(organisation=["mnre1013"])).total == 1
    assert [d.id for d in index.dossiers(SearchRequest(year=[2022])).items] == ["bz-2022-1"]
    assert [d.id for d in index.dossiers(SearchRequest(q="afghanistan")).items] == ["bz-2022-1"]
    assert [d.id for d in index.dossiers(SearchRequest(q="parkeervergunning")).items] == ["gm-2024-7"]


def test_a_dossier_comes_back_whole(index):
    found = index.dossier("bz-2022-1")
    assert found is not None and found.kenmerk == "Minbuza: 2022.11427-24"
    assert [r.number for r in found.rows] == ["1", "2", "3", "4"]
    assert found.judgement_counts() == {
        "openbaar": 1, "deels_openbaar": 1, "niet_openbaar": 2, "reeds_openbaar": 0, "buiten_reikwijdte": 0,
    }  # fmt: skip
    assert found.ground_counts() == {"10.2a": 2, "10.2e": 2, "10.1b": 1}
    assert index.dossier("nope") is None


def test_documents_are_not_counted_with_dossiers_or_rows(index):
    assert index.count() == 2
    assert index.search(SearchRequest()).total == 2
    assert {h.id for h in index.search(SearchRequest(q="evacuatie")).hits} == {LOOSE.id}


def test_inventory_rows_in_their_order_filtered_with_facets(index):
    listing = index.inventory(SearchRequest(dossier=["bz-2022-1"]))
    assert [r.number for r in listing.items] == ["1", "2", "3", "4"]
    assert {f.value: f.count for f in listing.facets["judgement"]} == {
        "niet_openbaar": 2, "deels_openbaar": 1, "openbaar": 1,
    }  # fmt: skip
    assert {f.value: f.count for f in listing.facets["ground"]} == {"10.2e": 2, "10.2a": 2, "10.1b": 1}
    withheld = index.inventory(SearchRequest(dossier=["bz-2022-1"], judgement=["niet_openbaar"]))
    assert [r.number for r in withheld.items] == ["2", "3"]
    # A facet counts without its own filter: the other judgements stay visible.
    assert len(withheld.facets["judgement"]) == 3
    assert [r.number for r in index.inventory(SearchRequest(ground=["10.1b"])).items] == ["3"]
    assert {r.dossier for r in index.inventory(SearchRequest(ground=["5.1.2e"])).items} == {"gm-2024-7"}
    assert index.inventory(SearchRequest()).total == 5


def test_inventory_rows_are_found_by_words_number_and_date(index):
    assert [r.number for r in index.inventory(SearchRequest(q="tolken")).items] == ["3"]
    assert [r.number for r in index.inventory(SearchRequest(q="1002")).items] == ["2"]  # the document ID
    dated = index.inventory(SearchRequest(date_from=dt.date(2021, 8, 1), date_to=dt.date(2021, 8, 31)))
    assert [r.number for r in dated.items] == ["3"]


def test_documents_filter_by_judgement_ground_and_dossier(index):
    assert {h.id for h in index.search(SearchRequest(ground=["10.1b"])).hits} == {DECISION.id}
    assert {h.id for h in index.search(SearchRequest(dossier=["bz-2022-1"])).hits} == {DECISION.id}
    facets = index.search(SearchRequest()).facets
    assert {f.value: f.count for f in facets["judgement"]}["niet_openbaar"] == 1
    hit = index.search(SearchRequest(q="wob-verzoek")).hits[0]
    assert (hit.dossier, hit.dossier_title) == ("bz-2022-1", "Reactie op uw Wob-verzoek")


def test_a_dossier_replaced_keeps_no_old_rows_and_one_without_members_goes(tmp_path_factory, index):
    shorter = FIRST.model_copy(update={"rows": ROWS[:2]})
    index.index([shorter])
    try:
        assert index.inventory(SearchRequest(dossier=["bz-2022-1"])).total == 2
        assert len(index.dossier("bz-2022-1").rows) == 2
        index.index([FIRST.model_copy(update={"members": []})])
        assert index.dossier("bz-2022-1") is None
        assert index.inventory(SearchRequest(dossier=["bz-2022-1"])).total == 0
    finally:
        index.index([FIRST])
    assert index.inventory(SearchRequest(dossier=["bz-2022-1"])).total == 4


def test_added_sorts_by_the_moment_a_document_entered(tmp_path_factory):
    for engine in ENGINES:
        index = Index(engine_settings(engine, tmp_path_factory.mktemp("added")))
        now = dt.datetime(2026, 11, 30, 12, tzinfo=dt.timezone.utc)
        old = doc(10, "Oud document, net binnen", "tekst", date=dt.date(1999, 1, 1), indexed_at=now)
        new = doc(11, "Nieuw document, eerder binnen", "tekst", date=dt.date(2025, 1, 1),
                  indexed_at=now - dt.timedelta(days=3))  # fmt: skip
        index.index([old, new])
        assert [h.id for h in index.search(SearchRequest(sort=Sort.added)).hits] == [old.id, new.id]
        assert [h.id for h in index.search(SearchRequest(sort=Sort.newest)).hits] == [new.id, old.id]


def test_rebuild_and_purge_carry_dossiers(tmp_path_factory):
    for engine in ENGINES:
        index = Index(engine_settings(engine, tmp_path_factory.mktemp("rebuild")))
        index.index([DECISION, FIRST])
        generation = index.rebuild(iter([DECISION, LOOSE, FIRST, SECOND]), expected=2)
        assert generation.count == 2
        assert index.dossiers(SearchRequest()).total == 2
        index.purge([FIRST.key])
        assert index.dossier("bz-2022-1") is None
        assert index.inventory(SearchRequest(dossier=["bz-2022-1"])).total == 0
        assert all("bz-2022-1" not in str(held) for held in index.holding([FIRST.key]).values())
        assert index.count() == 2

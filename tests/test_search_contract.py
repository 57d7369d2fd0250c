"""The search contract: what every engine behind the Index facade must do, on a real index.

Every test runs on both engines (a real tantivy index and a real OpenSearch node): a difference between the
engines is a failing test.
"""

from __future__ import annotations

import datetime as dt
import random
import string

import pytest
from conftest import ENGINES, engine_settings

from openarchief.search import Document, Index, Page, SearchRequest


def doc(n: int, title: str, *pages: str, **meta) -> Document:
    return Document(
        id=f"{n:064x}", title=title, pages=[Page(number=i + 1, text=t) for i, t in enumerate(pages)], **meta
    )


DOCS = [
    doc(
        1,
        "Besluit op aanvraag omgevingsvergunning",
        "De gemeente Haarlem verleent een omgevingsvergunning.",
        "Bezwaar kan binnen zes weken.",
        "De vergunninghouder in Noord-Holland moet de gemeente informeren.",
        ministry="mnre1034",
        type="c_002fc258",
        date=dt.date(2021, 3, 4),
        language="nl",
    ),
    doc(
        2,
        "Kamerbrief over gezondheidszorg",
        "De minister schrijft over de gezondheid van kinderen.",
        ministry="mnre1025",
        type="c_7652d853",
        date=dt.date(2023, 5, 6),
        language="nl",
    ),
    doc(
        3,
        "Wij menen het",
        "Wij menen dat de zon vaker mag schijnen.",
        ministry="mnre1025",
        type="c_7652d853",
        date=dt.date(2019, 1, 2),
        language="nl",
    ),
    doc(
        4,
        "Financiën van gemeenten",
        "De financiën van de gemeenten staan onder druk.",
        "Ideeën voor herstel.",
        ministry="mnre1090",
        type="c_9376c730",
        category="c_fdaee95e",
        date=dt.date(2022, 11, 30),
        language="nl",
    ),
    doc(
        5,
        "Security Council resolution",
        "The Security Council decides to remain seized of the matter.",
        ministry="mnre1013",
        date=dt.date(2002, 11, 8),
        language="en",
    ),
    doc(6, "Document zonder datum", "Een Woo-verzoek over het bestemmingsplan.", language="nl"),
    doc(7, "Vijandige tekst", "Klik <script>alert('x')</script> & \"citaat\" <b>vet</b> vergunning.", language="nl"),
]


@pytest.fixture(scope="module", params=ENGINES)
def index(request, tmp_path_factory) -> Index:
    index = Index(engine_settings(request.param, tmp_path_factory.mktemp(request.param)))
    index.index(DOCS)
    return index


def ids(result) -> set[int]:
    return {int(h.id, 16) for h in result.hits}


def search(index, q="", **kw):
    return index.search(SearchRequest(q=q, size=100, **kw))


@pytest.mark.parametrize(
    "q, expected",
    [
        ("vergunning", {1, 7}),
        ("gemeente", {1, 4}),
        ("gemeenten", {1, 4}),
        ("menen", {3}),
        ("zon", {3}),
        ("gezondheid", {2}),
        ("zorg", {2}),
        ("financien", {4}),
        ("idee", {4}),
        ("kind", {2}),
        ("gemeente vergunning", {1}),
        ('"de gemeente haarlem"', {1}),
        ('"haarlem gemeente"', set()),
        ("gemeente -haarlem", {4}),
        ("zon OR financiën", {3, 4}),
        ("verleen*", {1}),
        ("Woo-verzoek", {6}),
        ("plan", {6}),
        ("security council", {5}),
        ("script", {7}),
        ("bestaatniet", set()),
    ],
)
def test_query_semantics(index, q, expected):
    assert ids(search(index, q)) == expected


def test_title_matches_rank_first(index):
    result = search(index, "gezondheidszorg")
    assert ids(result) == {2}
    assert int(search(index, "vergunning").hits[0].id, 16) == 1


def test_any_input_never_fails(index):
    rng = random.Random(7)
    alphabet = string.printable + 'ëéï€“”ﬁ\u00a0\x00*"-'
    queries = ['"', "-", "OR", "* OR -", '"""', "a" * 5000, "\\", "((a", "AND", "NOT x", "ü*", '-"x"']
    queries += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(200)]
    for q in queries:
        result = search(index, q)
        assert result.total >= 0


def test_empty_query_lists_all_newest_first_undated_last(index):
    result = search(index)
    assert result.total == len(DOCS)
    dates = [h.date for h in result.hits]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates[-1] is None


def test_sort_oldest_and_newest(index):
    oldest = search(index, "gemeente", sort="oldest")
    assert [int(h.id, 16) for h in oldest.hits] == [1, 4]
    newest = search(index, "gemeente", sort="newest")
    assert [int(h.id, 16) for h in newest.hits] == [4, 1]


def test_filters_and_facets(index):
    result = search(index, "", ministry=["mnre1025"])
    assert ids(result) == {2, 3}
    # A facet's counts ignore its own filter: the other ministries stay visible to choose from.
    ministry_counts = {v.value: v.count for v in result.facets["ministry"]}
    assert ministry_counts["mnre1025"] == 2 and ministry_counts["mnre1090"] == 1
    # ...and other facets count within the filter.
    assert {v.value: v.count for v in result.facets["year"]} == {"2023": 1, "2019": 1}
    assert ids(search(index, "", ministry=["mnre1025", "mnre1090"])) == {2, 3, 4}
    assert ids(search(index, "", type=["c_7652d853"], year=[2023])) == {2}
    assert ids(search(index, "", language=["en"])) == {5}
    assert ids(search(index, "", category=["c_fdaee95e"])) == {4}


def test_totals_with_and_without_filters(index):
    """The number of matches, whether the facets' pass counts it (fewer than five facets filtered) or the top-hits
    search does (all five filtered), and with a page beyond the hits."""
    assert search(index, "gemeente").total == 2
    assert search(index, "", ministry=["mnre1025"], date_from=dt.date(2020, 1, 1)).total == 1
    all_five = dict(ministry=["mnre1090"], type=["c_9376c730"], category=["c_fdaee95e"], language=["nl"], year=[2022])
    assert search(index, "", **all_five).total == 1
    assert search(index, "gemeente", **all_five).total == 1
    assert search(index, "kinderen", **all_five).total == 0
    beyond = index.search(SearchRequest(q="", size=5, page=3))
    assert beyond.hits == [] and beyond.total == len(DOCS)


def test_date_range(index):
    result = search(index, "", date_from=dt.date(2021, 1, 1), date_to=dt.date(2022, 12, 31))
    assert ids(result) == {1, 4}
    assert ids(search(index, "", date_from=dt.date(2023, 5, 6))) == {2}


def test_pagination(index):
    pages = [index.search(SearchRequest(q="", size=3, page=p)) for p in (1, 2, 3, 4)]
    seen = [h.id for p in pages for h in p.hits]
    assert len(seen) == len(DOCS) == len(set(seen))
    assert pages[3].hits == [] and pages[3].total == len(DOCS)


def test_snippets_mark_matches_and_escape_hostile_text(index):
    hit = search(index, "vergunning").hits
    hostile = next(h for h in hit if int(h.id, 16) == 7)
    assert "<script>" not in hostile.snippet and "&lt;script&gt;" in hostile.snippet
    assert "<b>" not in hostile.snippet
    assert "<mark>vergunning</mark>" in hostile.snippet


def test_page_hits_name_the_pages(index):
    hit = next(h for h in search(index, "gemeente").hits if int(h.id, 16) == 1)
    assert [p.page for p in hit.page_hits] == [1, 3]
    assert "<mark>gemeente</mark>" in hit.page_hits[0].snippet
    assert "<mark>omgevingsvergunning</mark>" in search(index, "vergunning").hits[0].snippet


def test_get_count_delete_and_reindex_same_id(index):
    assert index.count() == len(DOCS)
    got = index.get(DOCS[3].id)
    assert got == DOCS[3]
    assert index.get("0" * 64) is None and index.get("not-an-id") is None
    changed = DOCS[3].model_copy(update={"title": "Gewijzigde titel"})
    index.index([changed])
    assert index.count() == len(DOCS) and index.get(changed.id).title == "Gewijzigde titel"
    index.index([DOCS[3]])


@pytest.mark.parametrize("engine", ENGINES)
def test_delete(tmp_path, engine):
    index = Index(engine_settings(engine, tmp_path))
    index.index(DOCS[:2])
    index.delete(DOCS[0].id)
    assert index.count() == 1 and index.get(DOCS[0].id) is None
    assert ids(index.search(SearchRequest(q="gemeente"))) == set()


@pytest.mark.parametrize("engine", ENGINES)
def test_documents_written_elsewhere_appear_without_restart(tmp_path, engine):
    settings = engine_settings(engine, tmp_path)
    reader = Index(settings)  # e.g. the web server, opened before anything was ingested
    assert reader.count() == 0
    Index(settings).index(DOCS[:1])  # e.g. an ingest run
    assert reader.count() == 1
    assert ids(reader.search(SearchRequest(q="vergunning"))) == {1}


def test_scan_streams_every_match_newest_first(index):
    for request in (SearchRequest(q="gemeente"), SearchRequest(), SearchRequest(ministry=["mnre1025"])):
        scanned = list(index.scan(request))
        assert {d.id for d in scanned} == {h.id for h in search(index, request.q, ministry=request.ministry).hits}
        dates = [d.date for d in scanned if d.date]
        assert dates == sorted(dates, reverse=True)
    oldest = [d.date for d in index.scan(SearchRequest(sort="oldest")) if d.date]
    assert oldest == sorted(oldest)


def test_spelling_suggestions_come_from_the_archive(index):
    assert index.spelling("gemeenete") == "gemeente"
    assert index.spelling("finacien") == "financien"
    assert index.spelling("gemeente") is None  # known words are left alone
    assert index.spelling("xqzwvk") is None


def test_suggest_completes_the_last_word(index):
    completions, titles = index.suggest("de vergun")
    assert "de vergunninghouder" in completions or "de vergunning" in completions
    assert all(c.startswith("de vergun") for c in completions)
    assert titles and titles[0].title
    assert index.suggest("v") == ([], [])


@pytest.mark.parametrize("engine", ENGINES)
def test_suggestions_found_as_often_come_in_alphabetical_order(tmp_path, engine):
    # Eight words in one document tie; the order must not depend on the process (two web workers, one list).
    words = [
        "subsidieplafond",
        "subsidieaanvraag",
        "subsidieregeling",
        "subsidiebeschikking",
        "subsidiegever",
        "subsidievaststelling",
        "subsidiejaar",
        "subsidiebedrag",
    ]
    index = Index(engine_settings(engine, tmp_path))
    index.index([Document(id="s1", title="Regels", pages=[Page(number=1, text=" ".join(words))], language="nl")])
    completions, _ = index.suggest("over subsidie")
    assert completions == [f"over {w}" for w in sorted(words)]

"""The search cache (search/_cache.py, OPENARCHIEF_SEARCH_CACHE_SIZE): a repeated search, or another page of it,
is answered from memory, and never once the index changed: whatever another process commits (ingest, a delete),
a reindex, a rollback or a withdrawal is in the next search of this process, exactly as a process without the
cache answers it."""

from __future__ import annotations

import pytest
from archive_checks import cli, marked_pdfs, marker
from conftest import engine_settings
from fastapi.testclient import TestClient
from test_health_metrics import samples

from openarchief.search import Index, SearchRequest, Settings
from openarchief.web import create_app

# Popular searches and the next pages of one: the facets of "parkeren" are asked for by three of them.
REQUESTS = [
    SearchRequest(),
    SearchRequest(q="parkeren", size=2),
    SearchRequest(q="parkeren", size=2, page=2),
    SearchRequest(q="parkeren", size=2, page=3, sort="oldest"),
    SearchRequest(q=marker(3)),
]


@pytest.fixture
def archive(tmp_path) -> Settings:
    """Six real PDFs ingested by `openarchief ingest` in a process of its own, as ingest runs beside the web."""
    settings = engine_settings("embedded", tmp_path / "data")
    result = cli(settings, "ingest", str(marked_pdfs(tmp_path / "in", 6)[0].parent))
    assert result.returncode == 0, result.stderr
    return settings


def uncached(settings: Settings) -> Index:
    return Index(settings.model_copy(update={"search_cache_size": 0}))


def answers(index: Index) -> list[dict]:
    return [index.search(request).model_dump() for request in REQUESTS]


def misses(index: Index) -> int:
    return sum(level["misses"] for level in index.search_cache.stats().values())


def agree(index: Index, settings: Settings) -> None:
    """The cached index answers every request as a freshly opened index without a cache does, the first time
    (from the engine: called first after a change of the index, nothing kept before counts) and the second (from
    the cache)."""
    before = index.search_cache.stats()
    expected = answers(uncached(settings))
    assert answers(index) == expected
    after = index.search_cache.stats()
    assert after["answers"]["misses"] - before["answers"]["misses"] == len(REQUESTS)  # nothing from before the change
    assert after["facets"]["misses"] - before["facets"]["misses"] == len(REQUESTS) - 2  # parkeren's pages share
    assert answers(index) == expected
    assert index.search_cache.stats()["answers"]["hits"] - after["answers"]["hits"] == len(REQUESTS)


def test_a_repeated_search_and_its_next_pages_come_from_the_cache(archive):
    index = Index(archive)
    first = index.search(SearchRequest(q="parkeren", size=2))
    assert first.total == 6 and len(first.hits) == 2
    assert index.search_cache.stats()["answers"] == {"hits": 0, "misses": 1, "entries": 1}
    assert index.search(SearchRequest(q="parkeren", size=2)) == first
    assert index.search_cache.stats()["answers"]["hits"] == 1
    # Page 2 and another sort: the facet pass of page 1 is used again, the page itself is new.
    second = index.search(SearchRequest(q="parkeren", size=2, page=2))
    oldest = index.search(SearchRequest(q="parkeren", size=5, sort="oldest"))
    assert second.facets == first.facets and oldest.facets == first.facets and second.total == 6
    assert {h.id for h in second.hits}.isdisjoint(h.id for h in first.hits)
    assert index.search_cache.stats()["facets"] == {"hits": 2, "misses": 1, "entries": 1}
    # Dossiers and inventory rows of the same request are other answers, not the documents'.
    assert index.dossiers(SearchRequest(q="parkeren", size=2)).items == []
    agree(Index(archive), archive)


def test_a_commit_of_another_process_is_in_the_next_search(archive, tmp_path):
    index = Index(archive)
    agree(index, archive)
    # Two more documents, ingested by another process (its own index writer).
    result = cli(archive, "ingest", str(marked_pdfs(tmp_path / "more", 2, start=6)[0].parent))
    assert result.returncode == 0, result.stderr
    agree(index, archive)
    assert index.search(SearchRequest(q="parkeren", size=2)).total == 8
    assert index.search(SearchRequest(q=marker(7))).total == 1
    # A commit that only deletes (another Index instance, as the worker is): gone at once, from the facets too.
    victim = index.search(SearchRequest(q=marker(3))).hits[0].id
    languages = index.search(SearchRequest()).facets["language"]
    Index(archive).delete(victim)
    agree(index, archive)
    assert index.search(SearchRequest(q=marker(3))).total == 0
    after = index.search(SearchRequest()).facets["language"]
    assert sum(v.count for v in after) == sum(v.count for v in languages) - 1 > 0


def test_reindex_and_rollback_are_in_the_next_search(archive):
    index = Index(archive)
    agree(index, archive)
    before = {g.name for g in index.generations()}
    assert cli(archive, "reindex").returncode == 0  # a new generation with the same documents
    assert {g.name for g in index.generations()} - before
    agree(index, archive)
    # Out of the new generation only (a delete-only commit): the older generation still holds it.
    victim = index.search(SearchRequest(q=marker(3))).hits[0].id
    Index(archive).delete(victim)
    agree(index, archive)
    assert index.search(SearchRequest(q=marker(3))).total == 0
    back = cli(archive, "reindex", "--rollback")
    assert back.returncode == 0, back.stderr
    agree(index, archive)
    assert index.search(SearchRequest(q=marker(3))).hits[0].id == victim


def test_a_withdrawn_document_leaves_the_cached_searches_and_facets(archive):
    """The web's searches (API and pages) were answered from its cache; `withdraw` in another process purges the
    document (every generation compacted into a new folder): it is in no search or count of the web after."""
    client = TestClient(create_app(archive))
    victim = client.get("/api/v1/search", params={"q": marker(3)}).json()["hits"][0]["id"]
    for _ in range(2):
        everything = client.get("/api/v1/search", params={"size": 10}).json()
        page = client.get("/zoeken", params={"q": "parkeren"})
    assert victim in {h["id"] for h in everything["hits"]} and victim in page.text
    languages = {f["value"]: f["count"] for f in everything["facets"]["language"]}
    assert languages == {"nl": 6}
    found = samples(client.get("/metrics").text)
    assert found[("openarchief_search_cache_hits_total", (("level", "answers"),))] == 2
    missed = found[("openarchief_search_cache_misses_total", (("level", "answers"),))]
    assert missed == 3 and found[("openarchief_search_cache_entries", (("level", "answers"),))] == 3

    result = cli(archive, "withdraw", victim, "--reason", "privacy")
    assert result.returncode == 0, result.stderr

    after = client.get("/api/v1/search", params={"size": 10}).json()
    assert after["total"] == everything["total"] - 1 and victim not in {h["id"] for h in after["hits"]}
    assert {f["value"]: f["count"] for f in after["facets"]["language"]} == {"nl": 5}
    assert client.get("/api/v1/search", params={"q": marker(3)}).json()["total"] == 0
    assert victim not in client.get("/zoeken", params={"q": "parkeren"}).text
    found = samples(client.get("/metrics").text)
    assert found[("openarchief_search_cache_misses_total", (("level", "answers"),))] == missed + 3
    assert found[("openarchief_search_cache_hits_total", (("level", "answers"),))] == 2


def test_the_web_says_whether_a_search_came_from_the_cache(archive):
    """X-Search-Cache on the API and the search page (what bench/load.py counts its hits by): a miss, then a hit,
    then a miss again once another process changed the index; no header where nothing is kept."""
    client = TestClient(create_app(archive))
    for path, q in (("/api/v1/search", "parkeren"), ("/zoeken", "vergunning")):
        said = [client.get(path, params={"q": q}).headers.get("x-search-cache") for _ in range(2)]
        assert said == ["miss", "hit"], path
    # The page and the API ask the index the same question: one answer serves both.
    assert client.get("/zoeken", params={"q": "parkeren"}).headers.get("x-search-cache") == "hit"
    # A search without hits, for which the page also looks for a spelling: the same, miss then hit.
    assert [client.get("/zoeken", params={"q": "parkerne"}).headers.get("x-search-cache") for _ in range(2)] == [
        "miss",
        "hit",
    ]
    victim = client.get("/api/v1/search", params={"q": marker(3)}).json()["hits"][0]["id"]
    assert cli(archive, "withdraw", victim, "--reason", "privacy").returncode == 0
    assert client.get("/api/v1/search", params={"q": "parkeren"}).headers.get("x-search-cache") == "miss"
    documented = client.get("/api/openapi.json").json()["paths"]["/api/v1/search"]["get"]["responses"]["200"]
    assert documented["headers"]["X-Search-Cache"]["schema"]["enum"] == ["hit", "miss"]
    off = TestClient(create_app(archive.model_copy(update={"search_cache_size": 0})))
    assert "x-search-cache" not in off.get("/api/v1/search", params={"q": "parkeren"}).headers
    assert "x-search-cache" not in off.get("/zoeken").headers


def test_size_0_turns_the_cache_off(archive):
    index = uncached(archive)
    assert answers(index) == answers(index) == answers(Index(archive))
    assert index.search_cache.stats() == {
        "answers": {"hits": 0, "misses": 0, "entries": 0},
        "facets": {"hits": 0, "misses": 0, "entries": 0},
    }


def test_opensearch_is_not_cached(tmp_path):
    """No cheap token of what an OpenSearch search saw: its answers are not kept (correct first)."""
    settings = engine_settings("opensearch", tmp_path / "data")
    from bench.corpus import generate

    docs = list(generate(12, seed=5))
    index = Index(settings)
    index.index(docs[:10])
    assert index.search(SearchRequest()).total == index.search(SearchRequest()).total == 10
    Index(settings).index(docs[10:])  # another instance, as the worker is
    assert index.search(SearchRequest()).total == 12
    assert misses(index) == 0 and index.search_cache.stats()["answers"]["hits"] == 0

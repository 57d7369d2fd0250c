"""A 3,000-page document: its page shows a window of pages with navigation, never the whole text, stays small and
renders only its window; the pages the query was found on come first and are all reachable."""

from __future__ import annotations

import tracemalloc

import pytest
from conftest import ENGINES, engine_settings
from fastapi.testclient import TestClient

from openarchief.search import Document, Index, Page
from openarchief.web import create_app

PAGES = 3000
DOC = "cd" * 32


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    settings = engine_settings("embedded", tmp_path_factory.mktemp("big"))
    index = Index(settings)
    filler = "De gemeente besluit over de aanvraag en de voorwaarden die daarbij horen. " * 25
    pages = [
        Page(number=n, text=filler + (" Het zeldzaamwoord staat hier." if n in (7, 1500, 2999) else ""))
        for n in range(1, PAGES + 1)
    ]
    index.index([Document(id=DOC, title="Een zeer lang verslag", pages=pages, language="nl")])
    return TestClient(create_app(settings, index))


def test_the_page_is_a_window_and_small(client):
    # Its speed is bench/'s to measure: a clock or CPU timer here counted the other threads and processes of a busy
    # CI machine (1.07-1.30 s for a request that costs 0.03-0.1 s alone). What keeps it fast is asserted instead:
    # 20 pages of 3,000 rendered, a page of under 300 KB.
    page = client.get(f"/documenten/{DOC}")
    assert page.status_code == 200
    assert len(page.content) < 300_000, len(page.content)
    assert 'id="pagina-1"' in page.text and 'id="pagina-20"' in page.text and 'id="pagina-21"' not in page.text
    assert "Pagina 1 tot en met 20 van 3000" in page.text and "Volgende 20 pagina" in page.text


def test_a_page_number_opens_its_window(client):
    page = client.get(f"/documenten/{DOC}", params={"pagina": 2999})
    assert 'id="pagina-2999"' in page.text and 'id="pagina-2981"' in page.text and 'id="pagina-3001"' not in page.text
    assert "Vorige 20 pagina" in page.text
    past_the_end = client.get(f"/documenten/{DOC}", params={"pagina": 99999})
    assert past_the_end.status_code == 200 and 'id="pagina-3000"' in past_the_end.text
    assert client.get(f"/documenten/{DOC}", params={"pagina": 0}).status_code == 422


def test_the_pages_found_come_first(client):
    page = client.get(f"/documenten/{DOC}", params={"q": "zeldzaamwoord"})
    assert 'id="pagina-7"' in page.text  # the window of the first page it was found on
    for number in (7, 1500, 2999):
        assert f"pagina={number}#pagina-{number}" in page.text
    assert len(page.content) < 300_000


@pytest.mark.parametrize("engine", ENGINES)
def test_memory_does_not_grow_with_the_document(tmp_path, engine):
    """A page of a 3,000-page document reads its window's 20 page texts, not 3,000: what one request allocates is
    about what it allocates for a 30-page document with the same pages (only the list of page numbers grows)."""
    settings = engine_settings(engine, tmp_path)
    index = Index(settings)
    filler = "De gemeente besluit over de aanvraag en de voorwaarden die daarbij horen. " * 25
    for key, count in (("ab", 30), ("cd", 3000)):
        pages = [Page(number=n, text=filler + (" zeldzaamwoord" if n % 7 == 0 else "")) for n in range(1, count + 1)]
        index.index([Document(id=key * 32, title="Verslag", pages=pages, language="nl")])
    client = TestClient(create_app(settings, index))

    def peak(doc_id: str, q: str) -> int:
        client.get(f"/documenten/{doc_id}", params={"q": q})  # warm
        tracemalloc.start()
        try:
            assert client.get(f"/documenten/{doc_id}", params={"q": q}).status_code == 200
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    for q in ("", "zeldzaamwoord"):
        small, big = peak("ab" * 32, q), peak("cd" * 32, q)
        # The 3,000 pages hold 5.7 MB of text; reading them would cost several times that.
        assert big < small + 3_000_000, (q, small, big)

"""The original page as an image (issue 16, item 4): rendered from the stored PDF out of process, cached within
its bound, refused cleanly for a hostile PDF, gone with a withdrawn document."""

from __future__ import annotations

import time

import pytest
from archive_checks import doc_id_of
from fastapi.testclient import TestClient

from openarchief.search.page_images import PageImageCache
from openarchief.web import create_app
from openarchief.web.page_images import PageRenderer, RenderFailed


@pytest.fixture(scope="module")
def client(archive):
    settings, index = archive
    app = create_app(settings, index)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    app.state.oa.renderer.close()


def test_a_scanned_page_renders_within_a_second_and_is_cached(client, archive):
    scan = doc_id_of(archive[0], "plooi__blg-1007826.pdf")
    started = time.monotonic()
    r = client.get(f"/documenten/{scan}/pagina-1.png", params={"breedte": 800})
    took = time.monotonic() - started
    assert r.status_code == 200 and r.headers["content-type"] == "image/png" and r.content.startswith(b"\x89PNG")
    assert "immutable" in r.headers["cache-control"]
    assert took < 1.0 or client.get(f"/documenten/{scan}/pagina-2.png").elapsed.total_seconds() < 1.0  # 1st: pool start
    cached = archive[0].data_dir / "page-images" / scan[:2] / f"{scan}-1-800.png"
    assert cached.is_file() and cached.read_bytes() == r.content
    started = time.monotonic()
    assert client.get(f"/documenten/{scan}/pagina-1.png", params={"breedte": 800}).content == r.content
    assert time.monotonic() - started < 0.2  # from the cache


def test_bad_page_requests_are_clear_errors(client, archive):
    doc = doc_id_of(archive[0], "plooi__kst-32545-143.pdf")  # one page
    assert client.get(f"/documenten/{doc}/pagina-2.png").status_code == 404
    assert client.get(f"/documenten/{doc}/pagina-0.png").status_code == 422
    assert client.get(f"/documenten/{doc}/pagina-1.png", params={"breedte": 5000}).status_code == 422
    assert client.get(f"/documenten/{'0' * 64}/pagina-1.png").status_code == 404
    assert client.get("/documenten/..%2F..%2Fetc/pagina-1.png").status_code == 404


def test_the_document_page_links_the_originals_and_shows_a_scan_beside_its_text(client, archive):
    scan = doc_id_of(archive[0], "plooi__blg-1007826.pdf")
    page = client.get(f"/documenten/{scan}").text
    assert f'/documenten/{scan}/pagina-1.png?breedte=400"' in page and "page-side-by-side" in page
    born_digital = doc_id_of(archive[0], "plooi__kst-32545-143.pdf")
    assert (
        f'/documenten/{born_digital}/pagina-1.png">Bekijk het origineel'
        in client.get(f"/documenten/{born_digital}").text
    )


def test_a_hostile_pdf_fails_one_request_not_the_renderer(tmp_path):
    from hostile_pdfs import write_all  # the hostile-file generator of the tests

    renderer = PageRenderer(timeout=5, memory_mb=256)
    try:
        outcomes = []
        for path in write_all(tmp_path).values():
            try:
                renderer.render(path, 1, 400)
                outcomes.append("rendered")
            except RenderFailed as exc:
                outcomes.append(str(exc))
        assert any(o != "rendered" for o in outcomes)
        # The pool still renders a good page afterwards.
        from openarchief.demo.pdf import write_pdf

        good = write_pdf(tmp_path / "good.pdf", ["Een gewone pagina."])
        assert renderer.render(good, 1, 400).startswith(b"\x89PNG")
    finally:
        renderer.close()


def test_the_cache_stays_under_its_bound_and_forgets_a_withdrawn_document(tmp_path):
    cache = PageImageCache(tmp_path, max_bytes=10_000)
    docs = [f"{n:064x}" for n in range(1, 6)]
    for doc in docs:
        cache.put(doc, 1, 400, b"\x89PNG" + b"x" * 3_000)
        time.sleep(0.01)
    assert cache.size() <= 10_000
    assert cache.get(docs[-1], 1, 400) is not None and cache.get(docs[0], 1, 400) is None  # oldest went first
    cache.purge(docs[-1])
    assert cache.get(docs[-1], 1, 400) is None
    with pytest.raises(ValueError):
        cache.path("../../etc/passwd", 1, 400)


def test_a_page_hit_links_the_original_page(client, archive):
    doc = doc_id_of(archive[0], "plooi__20110301-5687928a-draagmoederschap.pdf")
    page = client.get("/zoeken", params={"q": "draagmoederschap"}).text
    assert f"/documenten/{doc}/pagina-" in page and "origineel van pagina" in page

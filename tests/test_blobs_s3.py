"""The originals in a bucket of a real S3-compatible server (S3Proxy, scripts/s3-server), end to end: ingest
stores real PDFs there and nothing under <data dir>/blobs, the web streams them (whole and in byte ranges, with
the same headers as from a local folder) and renders their pages, a withdrawal deletes the object, and an
unreachable store is a 503 rather than a 500."""

from __future__ import annotations

import socket

import pytest
from archive_checks import cli, invariant_problems
from conftest import corpus_file, engine_settings, s3_client
from fastapi.testclient import TestClient

from openarchief.search.blobs import open_blob_store, sha256_of
from openarchief.web import create_app

NAMES = ["plooi__vn-1441.pdf", "heerlen__parkeerverordening-2025.pdf", "plooi__kst-32545-143.pdf"]


@pytest.fixture
def archive(tmp_path, corpus, s3_blobs):
    settings = engine_settings("embedded", tmp_path / "data", **s3_blobs)
    files = {name: corpus_file(corpus, name) for name in NAMES}
    result = cli(settings, "ingest", "--ocr", "never", *map(str, files.values()))
    assert result.returncode == 0, result.stderr
    return settings, {sha256_of(path): path for path in files.values()}


def bucket_keys(settings) -> set[str]:
    bucket = settings.blob_url.removeprefix("s3://").split("/")[0]
    return {o["Key"] for o in s3_client().list_objects_v2(Bucket=bucket).get("Contents", [])}


def test_ingest_serve_render_withdraw_with_s3_blobs(archive):
    settings, originals = archive
    assert bucket_keys(settings) == {f"originals/{sha[:2]}/{sha}.pdf" for sha in originals}
    assert not (settings.data_dir / "blobs").exists()

    app = create_app(settings)
    client = TestClient(app)
    victim, *others = originals
    for sha, path in originals.items():
        answer = client.get(f"/bestanden/{sha}.pdf")
        assert answer.status_code == 200
        assert answer.content == path.read_bytes()
        assert answer.headers["content-type"] == "application/pdf"
        assert answer.headers["content-length"] == str(path.stat().st_size)
        assert answer.headers["content-disposition"].startswith('inline; filename="')
        assert (
            sha not in answer.headers["content-disposition"] and path.name not in answer.headers["content-disposition"]
        )
        assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert f'/bestanden/{sha}.pdf" download>' in client.get(f"/documenten/{sha}").text

    data = originals[victim].read_bytes()
    part = client.get(f"/bestanden/{victim}.pdf", headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == data[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(data)}"
    beyond = client.get(f"/bestanden/{victim}.pdf", headers={"Range": f"bytes={len(data) + 1}-"})
    assert beyond.status_code == 416 and beyond.headers["content-range"] == f"bytes */{len(data)}"

    image = client.get(f"/documenten/{victim}/pagina-1.png?breedte=400")
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert not any((settings.data_dir / "blob-copies").iterdir())  # the copy it was rendered from is gone
    app.state.oa.renderer.close()

    result = cli(settings, "withdraw", victim, "--reason", "privacy: test")
    assert result.returncode == 0, result.stderr
    assert f"originals/{victim[:2]}/{victim}.pdf" not in bucket_keys(settings)
    assert not open_blob_store(settings).has(victim)
    assert len(bucket_keys(settings)) == len(others)
    assert invariant_problems(settings) == []
    client = TestClient(create_app(settings))
    assert client.get(f"/bestanden/{victim}.pdf").status_code == 410
    assert client.get(f"/bestanden/{others[0]}.pdf").content == originals[others[0]].read_bytes()


def test_an_unreachable_store_is_a_503_not_a_500(archive):
    settings, originals = archive
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}"
    client = TestClient(
        create_app(settings.model_copy(update={"blob_endpoint_url": dead})), raise_server_exceptions=False
    )
    sha = next(iter(originals))
    pdf = client.get(f"/bestanden/{sha}.pdf")
    assert pdf.status_code == 503 and pdf.headers["retry-after"] == "60"
    assert client.get(f"/documenten/{sha}/pagina-1.png").status_code == 503
    page = client.get(f"/documenten/{sha}")  # the text is in the index: shown, without the link to the original
    assert page.status_code == 200 and f"/bestanden/{sha}.pdf" not in page.text


def test_ingest_stops_when_the_store_is_unreachable(tmp_path, corpus, s3_blobs):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}"
    settings = engine_settings("embedded", tmp_path / "data", **(s3_blobs | {"blob_endpoint_url": dead}))
    result = cli(settings, "ingest", "--ocr", "never", str(corpus_file(corpus, NAMES[0])))
    assert result.returncode == 4, result.stderr  # EXIT_STORAGE: nothing recorded as failed, retried next run
    assert "blob store is unavailable" in result.stderr and "Traceback" not in result.stderr

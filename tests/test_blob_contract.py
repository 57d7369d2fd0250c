"""One contract for both blob stores, the local folder and a bucket of a real S3-compatible server (S3Proxy, from
scripts/s3-server): what ingest, the web and a withdrawal rely on, whichever holds the originals."""

from __future__ import annotations

import pickle
import socket

import pytest
from conftest import s3_client

from openarchief.search import Settings
from openarchief.search.blobs import BadRange, LocalBlobStore, S3BlobStore, open_blob_store, sha256_of
from openarchief.search.errors import BlobsUnavailable

CONTENT = b"%PDF-1.4\n" + bytes(range(256)) * 700 + b"\n%%EOF\n"  # past one streaming chunk (64 KiB)
NOT_HASHES = ["", "../../etc/passwd", "A" * 64, "ab" * 31, "0" * 63 + "g", "0" * 65, "0" * 64 + "/x"]


@pytest.fixture(params=["local", "s3"])
def store(request, tmp_path):
    overrides = request.getfixturevalue("s3_blobs") if request.param == "s3" else {}
    store = open_blob_store(Settings(data_dir=tmp_path / "data", **overrides))
    assert isinstance(store, S3BlobStore if request.param == "s3" else LocalBlobStore)
    return store


@pytest.fixture
def original(tmp_path):
    path = tmp_path / "some visitor's name.pdf"
    path.write_bytes(CONTENT)
    return path, sha256_of(path)


def test_put_has_stream_remove(store, original):
    path, sha = original
    assert not store.has(sha)
    store.put(path, sha)
    assert store.has(sha)
    blob = store.open(sha)
    assert (blob.size, blob.length, blob.content_range) == (len(CONTENT), len(CONTENT), None)
    assert blob.read_all() == CONTENT
    store.remove(sha)
    assert not store.has(sha)
    with pytest.raises(FileNotFoundError):
        store.open(sha)


def test_put_is_idempotent_and_keeps_the_first_bytes(store, original, tmp_path):
    path, sha = original
    store.put(path, sha)
    other = tmp_path / "other.pdf"
    other.write_bytes(b"%PDF-other")
    store.put(other, sha)  # the same hash again: nothing is rewritten
    store.put(path, sha)
    assert store.open(sha).read_all() == CONTENT


def test_remove_of_a_missing_blob_is_no_error(store, original):
    _, sha = original
    store.remove(sha)
    store.remove(sha)
    assert not store.has(sha)


def test_local_file_has_the_bytes_and_a_copy_does_not_outlive_its_use(store, original):
    path, sha = original
    store.put(path, sha)
    with store.local_file(sha) as local:
        assert local.read_bytes() == CONTENT
        assert local.name != path.name  # never under the name it came with
    if isinstance(store, S3BlobStore):
        assert not local.exists()
        assert not any(store.scratch.iterdir())


def test_missing_blob(store):
    sha = "0" * 64
    assert not store.has(sha)
    with pytest.raises(FileNotFoundError):
        store.open(sha)
    with pytest.raises(FileNotFoundError):
        with store.local_file(sha):
            pass


@pytest.mark.parametrize("bad", NOT_HASHES)
def test_what_is_no_hash_is_refused(store, original, bad):
    path, _ = original
    assert not store.has(bad)
    for attempt in (lambda: store.put(path, bad), lambda: store.remove(bad), lambda: store.open(bad)):
        with pytest.raises(ValueError, match="SHA-256"):
            attempt()
    with pytest.raises(ValueError, match="SHA-256"):
        with store.local_file(bad):
            pass


def test_stored_under_its_hash_only(store, original):
    path, sha = original
    store.put(path, sha)
    if isinstance(store, LocalBlobStore):
        names = [p.relative_to(store.root).as_posix() for p in store.root.rglob("*") if p.is_file()]
    else:
        listed = s3_client().list_objects_v2(Bucket=store.bucket).get("Contents", [])
        names = [o["Key"] for o in listed]
        assert all(name.startswith("originals/") for name in names)
        names = [name.removeprefix("originals/") for name in names]
    assert names == [f"{sha[:2]}/{sha}.pdf"]


def test_the_store_survives_pickling_into_a_worker(store, original):
    path, sha = original
    copy = pickle.loads(pickle.dumps(store))
    copy.put(path, sha)
    assert store.has(sha)


# -- what only the S3 store does ----------------------------------------------------------------------------------


@pytest.fixture
def s3_store(tmp_path, s3_blobs):
    return open_blob_store(Settings(data_dir=tmp_path / "data", **s3_blobs))


def test_s3_passes_a_byte_range_on(s3_store, original):
    path, sha = original
    s3_store.put(path, sha)
    part = s3_store.open(sha, "bytes=9-18")
    assert (part.size, part.length, part.content_range) == (len(CONTENT), 10, f"bytes 9-18/{len(CONTENT)}")
    assert part.read_all() == CONTENT[9:19]
    tail = s3_store.open(sha, "bytes=-7")
    assert tail.read_all() == CONTENT[-7:]
    with pytest.raises(BadRange) as refused:
        s3_store.open(sha, f"bytes={len(CONTENT) + 10}-")
    assert refused.value.size == len(CONTENT)
    assert s3_store.open(sha, "items=0-3").read_all() == CONTENT  # not a byte range: the whole file


def _dead_endpoint() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"  # closed again: nothing listens there


def test_s3_outage_and_missing_bucket_are_unavailable(tmp_path, s3_blobs, original):
    path, sha = original
    down = open_blob_store(Settings(data_dir=tmp_path, **(s3_blobs | {"blob_endpoint_url": _dead_endpoint()})))
    with pytest.raises(BlobsUnavailable, match="cannot be reached"):
        down.has(sha)
    with pytest.raises(BlobsUnavailable):
        down.put(path, sha)
    nowhere = open_blob_store(Settings(data_dir=tmp_path, **(s3_blobs | {"blob_url": "s3://no-such-bucket-here"})))
    with pytest.raises(BlobsUnavailable, match="does not exist"):
        nowhere.put(path, sha)


def test_s3_wrong_credentials_are_unavailable(tmp_path, s3_blobs, original, monkeypatch):
    path, sha = original
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-the-secret")
    with pytest.raises(BlobsUnavailable, match="refused"):
        open_blob_store(Settings(data_dir=tmp_path, **s3_blobs)).put(path, sha)


@pytest.mark.parametrize("url", ["s3://", "http://bucket/x", "s3://UPPER", "s3://b", "/var/blobs"])
def test_a_blob_url_that_is_no_bucket_is_refused(url):
    with pytest.raises(ValueError):
        Settings(blob_url=url)

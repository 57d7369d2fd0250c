"""Shared fixtures: the real corpus (read where it lies, never copied) and archives built from it.

The real corpus lives in ../shared/corpus/real beside the repository (or OPENARCHIEF_TEST_CORPUS). Outside CI a
missing corpus skips the tests that need it, saying so; under CI=true it fails them.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from openarchief.search import Index, Settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("OPENARCHIEF_TEST_CORPUS", ROOT.parent / "shared" / "corpus" / "real"))
IN_CI = os.environ.get("CI", "").lower() == "true"
# Set by scripts/test, which starts a real OpenSearch node for the run (scripts/opensearch-node).
OPENSEARCH_URL = os.environ.get("OPENARCHIEF_TEST_OPENSEARCH_URL", "")
ENGINES = ["embedded", "opensearch"]
# Set by scripts/test, which starts a real PostgreSQL server for the run (scripts/postgres-server).
DATABASE_URL = os.environ.get("OPENARCHIEF_TEST_DATABASE_URL", "")
# Where the archive's shared state lives: SQLite files in the data dir, or a PostgreSQL database.
BACKENDS = ["sqlite", "postgresql"]
# Set by scripts/test, which starts a real S3-compatible server for the run (scripts/s3-server), whose one test
# identity these keys are.
S3_ENDPOINT = os.environ.get("OPENARCHIEF_TEST_S3_ENDPOINT", "")
S3_KEYS = {
    "AWS_ACCESS_KEY_ID": "openarchief-test",
    "AWS_SECRET_ACCESS_KEY": "openarchief-test-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def require(condition: bool, what: str) -> None:
    """Skip outside CI when a real dependency is missing; fail under CI, where it must be there."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{what} is missing, and CI must have it")
    pytest.skip(f"{what} is missing on this machine (outside CI this test is skipped)")


@pytest.fixture(scope="session")
def corpus() -> Path:
    require(CORPUS.is_dir() and any(CORPUS.glob("*.pdf")), f"the real corpus at {CORPUS}")
    return CORPUS


def corpus_file(corpus: Path, name: str) -> Path:
    path = corpus / name
    require(path.is_file(), f"corpus file {name}")
    return path


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> Path:
    """The demo corpus the project writes itself: realistic Dutch documents plus broken files."""
    from openarchief.demo.corpus import build_demo_corpus

    folder = tmp_path_factory.mktemp("generated")
    build_demo_corpus(folder)
    return folder


def engine_settings(engine: str, data_dir: Path, **overrides) -> Settings:
    """Settings for a fresh, empty index on `engine`: a new data dir, and on OpenSearch an alias of its own."""
    if engine == "opensearch":
        require(bool(OPENSEARCH_URL), "an OpenSearch node (OPENARCHIEF_TEST_OPENSEARCH_URL, set by scripts/test)")
        overrides = {"opensearch_url": OPENSEARCH_URL, "opensearch_index": f"test_{uuid.uuid4().hex[:12]}"} | overrides
    return Settings(data_dir=data_dir, engine=engine, reload_seconds=0, **overrides)


def s3_client():
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=S3_ENDPOINT,
        aws_access_key_id=S3_KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_KEYS["AWS_SECRET_ACCESS_KEY"],
        region_name=S3_KEYS["AWS_DEFAULT_REGION"],
    )


@pytest.fixture
def s3_blobs(monkeypatch) -> dict:
    """Settings that keep the blobs in a new, empty bucket of the test S3 server (under a prefix, as an archive
    sharing a bucket would); the AWS keys of its test identity are in the environment, for boto3."""
    require(bool(S3_ENDPOINT), "an S3-compatible server (OPENARCHIEF_TEST_S3_ENDPOINT, set by scripts/test)")
    for name, value in S3_KEYS.items():
        monkeypatch.setenv(name, value)
    bucket = f"test-{uuid.uuid4().hex[:12]}"
    s3_client().create_bucket(Bucket=bucket)
    return {"blob_url": f"s3://{bucket}/originals", "blob_endpoint_url": S3_ENDPOINT}


def make_archive(data_dir: Path, *folders: Path, engine: str = "embedded") -> tuple[Settings, Index]:
    from openarchief.ingest.pipeline import Ingestor

    settings = engine_settings(engine, data_dir)
    index = Index(settings)
    ingestor = Ingestor(settings, index)
    try:
        ingestor.run(list(folders))
    finally:
        ingestor.close()
    return settings, index


@pytest.fixture(scope="session", params=ENGINES)
def archive(request, tmp_path_factory, corpus, generated) -> tuple[Settings, Index]:
    """A real index, on each engine, built from the real corpus and the generated documents."""
    return make_archive(tmp_path_factory.mktemp("archive"), corpus, generated, engine=request.param)


def _server(url: str):
    import sqlalchemy as sa

    from openarchief.search import database

    return sa.create_engine(database.driver_url(url), isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)


def new_database() -> str:
    """The URL of a new, empty database of its own on the test server (so tests run in parallel)."""
    require(bool(DATABASE_URL), "a PostgreSQL server (OPENARCHIEF_TEST_DATABASE_URL, set by scripts/test)")
    import sqlalchemy as sa

    name = f"test_{uuid.uuid4().hex[:16]}"
    server = _server(DATABASE_URL)
    with server.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    return DATABASE_URL.rsplit("/", 1)[0] + "/" + name


def drop_database(url: str) -> None:
    import sqlalchemy as sa

    from openarchief.search import database

    database.forget(url)
    server = _server(DATABASE_URL)
    with server.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    server.dispose()


@pytest.fixture
def postgres_url():
    """The URL of a fresh PostgreSQL database, dropped afterwards."""
    url = new_database()
    try:
        yield url
    finally:
        drop_database(url)


@pytest.fixture(params=BACKENDS)
def database_url(request):
    """ "" (SQLite in the data dir) or the URL of a fresh PostgreSQL database, dropped afterwards."""
    return "" if request.param == "sqlite" else request.getfixturevalue("postgres_url")

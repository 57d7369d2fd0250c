"""All settings of openarchief, declared once: name, type, default and help text.

Each is read from the environment as OPENARCHIEF_<NAME>; tests/test_settings.py fails when one is missing from
the README's settings table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OPENARCHIEF_", extra="ignore")

    data_dir: Path = Field(
        Path("./data"),
        description="Where the archive lives: the ledger, the original PDFs (by content hash), extracted text "
        "and the embedded index.",
    )
    database_url: str = Field(
        "",
        description="PostgreSQL database for the archive's shared state (the ledger, error reports, the status "
        "figures and the archive lock), e.g. `postgresql://user@db.example.nl/openarchief`, so that ingest, "
        "archivists' commands and web nodes on several machines share it. Empty: SQLite files in the data dir "
        "(one machine).",
    )
    engine: Literal["embedded", "opensearch"] = Field(
        "embedded",
        description="Search engine: `embedded` (tantivy, in-process, no server) or `opensearch` (a cluster at "
        "OPENARCHIEF_OPENSEARCH_URL).",
    )
    opensearch_url: str = Field(
        "http://127.0.0.1:9200",
        description="OpenSearch address(es), comma-separated, for the `opensearch` engine. With several nodes a "
        "request that finds one down (refused, timed out, 502-504) is sent to the next.",
    )
    opensearch_index: str = Field(
        "openarchief",
        pattern=r"^[a-z][a-z0-9_]*$",
        description="Name of the read alias in OpenSearch; each generation is an index `<name>-v<schema>-<time>`.",
    )
    opensearch_shards: int = Field(
        1, ge=1, description="Primary shards per OpenSearch index (set when an index generation is created)."
    )
    opensearch_replicas: int = Field(
        0, ge=0, description="Replicas per OpenSearch index (0 on a single node; 1 or more on a cluster)."
    )
    opensearch_snapshot_path: str = Field(
        "",
        description="Folder for `openarchief backup` snapshots of the OpenSearch index, as the nodes see it: an fs "
        "repository every node reaches (a shared mount on a cluster) and lists under `path.repo`.",
    )
    opensearch_timeout: float = Field(30.0, gt=0, description="Seconds before an OpenSearch request times out.")
    search_timeout: float = Field(
        5.0,
        gt=0,
        description="Seconds the web waits for the search engine, in all, for one page or API answer; past them "
        "the visitor gets the 503 page (JSON 503 with Retry-After) instead of waiting on.",
    )
    blob_url: str = Field(
        "",
        pattern=r"^(s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^?#\s]*)?)?$",
        description="Where the original PDFs (by content hash) are kept: empty for `<data dir>/blobs`, or "
        "`s3://bucket[/prefix]` for a bucket of an S3-compatible object store (credentials and region the standard "
        "AWS ways: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION, a profile or an instance role).",
    )
    blob_endpoint_url: str = Field(
        "",
        pattern=r"^(https?://[^/?#\s]+/?)?$",
        description="Address of the S3-compatible object store of OPENARCHIEF_BLOB_URL (e.g. "
        "http://127.0.0.1:9000 for MinIO or S3Proxy); empty: Amazon S3 itself (or AWS_ENDPOINT_URL).",
    )
    extractor: Literal["pypdfium2", "pdfminer"] = Field(
        "pypdfium2", description="PDF text extraction engine used by `ingest`."
    )
    page_image_cache_mb: int = Field(
        256,
        ge=1,
        description="Disk the web may use for rendered page images (`<data dir>/page-images`), in MB; past it, the "
        "images used longest ago are removed.",
    )
    max_file_mb: int = Field(
        200, ge=1, description="Files larger than this many megabytes are refused by `ingest` (recorded as failed)."
    )
    workers: int = Field(0, ge=0, description="Worker processes for extraction (0: one per CPU core).")
    file_timeout: float = Field(
        600.0, gt=0, description="Seconds one file may take in a worker (extraction and OCR) before it is stopped."
    )
    worker_memory_mb: int = Field(
        2048, ge=256, description="Address space one worker process may use, in MB; a file needing more fails."
    )
    public_url: str = Field(
        "",
        pattern=r"^(https?://[^/?#\s]+(/[^?#\s]*)?)?$",
        description="The archive's address as the public knows it (e.g. https://archief.example.nl), for the "
        "absolute links in the API, exports, feeds and the OpenSearch description. Empty: taken from each "
        "request (trust it only behind a proxy that sets Host).",
    )
    host: str = Field("127.0.0.1", description="Address `serve` and `demo` listen on.")
    port: int = Field(8000, ge=1, le=65535, description="Port `serve` and `demo` listen on.")
    web_workers: int = Field(1, ge=1, description="Processes `serve` runs (each answers requests on its own core).")
    access_log: bool = Field(
        False,
        description="Log every request `serve` answers, with the visitor's address. Off: the archive keeps no "
        "record of who searched for what.",
    )
    keep_generations: int = Field(
        1,
        ge=0,
        description="Index generations kept besides the one in use, for `reindex --rollback`; older ones are "
        "deleted after each successful `reindex`.",
    )
    lock_timeout: float = Field(
        0,
        ge=0,
        description="Seconds a command waits while another run holds the archive (ingest, withdraw, reindex) "
        "before it gives up with exit code 5; 0: wait as long as it takes.",
    )
    reports_per_hour: int = Field(
        10,
        ge=1,
        description='Error reports ("Meld een fout") one visitor may send per hour; counted per web process, in '
        "memory only (no address is stored).",
    )
    reports_cap: int = Field(
        10_000,
        ge=1,
        description="Error reports kept at most; past it the form says the report desk is full until archivists "
        "have dealt with the reports.",
    )
    search_cache_size: int = Field(
        200,
        ge=0,
        description="Searches whose answers each web process keeps in memory (per level: the facet counts and total "
        "of a search, shared by all its pages and sorts, and each page's finished answer), the least recently used "
        "going first; a change of the index (a commit, a reindex, a rollback, a withdrawal) makes every kept answer "
        "obsolete. About 100 KB an answer (a page of 10 hits). Embedded engine only; 0: off.",
    )
    reload_seconds: float = Field(
        1.0,
        ge=0,
        description="How often (at most) the web server looks for documents ingested since it started.",
    )

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def ledger_path(self) -> Path:
        return self.data_dir / "ledger.sqlite3"


def env_name(field: str) -> str:
    return f"OPENARCHIEF_{field.upper()}"

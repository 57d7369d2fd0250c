"""What the archive holds and what it could not read: written by ingest after every change, shown by the web
on /over. A small JSON document is the contract, so neither package reads the other's storage: a file in the
data dir, or with OPENARCHIEF_DATABASE_URL one row of the database (search/database.py), so that a web node
needs no local data for it."""

from __future__ import annotations

import datetime as dt
from functools import cached_property

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError, ProgrammingError

from . import atomic, database
from .settings import Settings
from .vocabularies import organisations

FILE_NAME = "status.json"


class Count(BaseModel):
    value: str
    documents: int
    pages: int


class Titled(BaseModel):
    id: str
    title: str


class Removal(BaseModel):
    """A document withdrawn from the archive: the public is owed the date and the reason."""

    id: str
    reason: str
    withdrawn_at: dt.datetime


class ArchiveStatus(BaseModel):
    updated_at: dt.datetime | None = None
    documents: int = 0
    pages: int = 0
    by_organisation: list[Count] = []  # "" counts the documents whose publisher is not known
    by_year: list[Count] = []  # "" counts the documents without a date
    failures: dict[str, int] = {}
    needs_ocr_files: int = 0
    needs_ocr_pages: int = 0
    ocr_documents: int = 0
    ocr_pages: int = 0
    ocr_examples: list[Titled] = []
    withdrawn: list[Removal] = []

    @cached_property
    def removals(self) -> dict[str, Removal]:
        # Built once per loaded file (load() caches the status): every document page asks.
        return {r.id: r for r in self.withdrawn}

    def by_organisation_kind(self) -> list[Count]:
        """The organisation counts summed per kind of organisation ("" for unknown), most documents first."""
        kinds: dict[str, Count] = {}
        for count in self.by_organisation:
            kind = (organisations().kind(count.value) or "") if count.value else ""
            total = kinds.setdefault(kind, Count(value=kind, documents=0, pages=0))
            total.documents += count.documents
            total.pages += count.pages
        return sorted(kinds.values(), key=lambda c: (not c.value, -c.documents, c.value))

    def removal(self, doc_id: str) -> Removal | None:
        return self.removals.get(doc_id)


_tables = sa.MetaData()
sa.Table(
    "archive_status",
    _tables,
    sa.Column("id", sa.Integer, primary_key=True),  # always 1: one archive per database
    sa.Column("version", sa.Integer, nullable=False),  # raised by every save: readers parse only a new one
    sa.Column("json", database.TEXT, nullable=False),
)


def _first_version(conn: Connection) -> None:
    for statement in database.create_statements(_tables):
        conn.execute(statement)


# Append a step for each change of the schema; never change one that has been released.
MIGRATIONS = [_first_version]


def save(settings: Settings, status: ArchiveStatus) -> None:
    if not settings.database_url:
        atomic.write_text(settings.data_dir / FILE_NAME, status.model_dump_json(indent=1))
        return
    engine = database.shared_engine(settings.database_url)
    database.migrate(engine, "status", MIGRATIONS)
    with database.transaction(engine) as conn:
        conn.execute(
            database.sql(
                "INSERT INTO archive_status (id, version, json) VALUES (1, 1, :json) "
                "ON CONFLICT (id) DO UPDATE SET version = archive_status.version + 1, json = excluded.json"
            ),
            {"json": status.model_dump_json()},
        )


# The last status read, per file or database, with what says whether it changed since.
_cache: dict[str, tuple[object, ArchiveStatus]] = {}


def load(settings: Settings) -> ArchiveStatus:
    """The status as last saved; parsed again only when it changed (a file's size and time, a row's version)."""
    if settings.database_url:
        return _load_row(settings.database_url)
    path = settings.data_dir / FILE_NAME
    try:
        stat = path.stat()
    except OSError:
        return ArchiveStatus()
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(str(path))
    if cached and cached[0] == key:
        return cached[1]
    try:
        found = ArchiveStatus.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ArchiveStatus()  # being replaced or damaged: an empty status rather than an error page
    _cache[str(path)] = (key, found)
    return found


def _load_row(url: str) -> ArchiveStatus:
    cached = _cache.get(url)
    known = cached[0] if cached else -1
    try:
        # One small read per call; the JSON comes along only when another process saved a new status.
        with database.reachable(), database.shared_engine(url).connect() as conn:
            row = conn.execute(
                database.sql(
                    "SELECT version, CASE WHEN version = :known THEN NULL ELSE json END AS json "
                    "FROM archive_status WHERE id = 1"
                ),
                {"known": known},
            ).first()
    except (OperationalError, ProgrammingError):
        return ArchiveStatus()  # nothing ingested yet: no table
    if row is None:
        return ArchiveStatus()
    if cached and row.json is None:
        return cached[1]
    try:
        found = ArchiveStatus.model_validate_json(row.json)
    except ValueError:
        return ArchiveStatus()
    _cache[url] = (row.version, found)
    return found

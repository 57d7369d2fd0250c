"""The ledger: every file ingest has seen, and the extracted document; in a SQLite file in the data dir, or in
the PostgreSQL database of OPENARCHIEF_DATABASE_URL (search/database.py), with the same SQL.

Statuses: `queued` (waiting for a worker), `indexed`, `failed` (with a reason), `skipped` (not a candidate, e.g.
a duplicate of another file), `withdrawn` (its document was taken out of the archive), `pending` (extracted and
kept here, but the search engine could not be reached: the next run writes it). The queue is this table: a run killed at any moment leaves its
files queued, pending or failed "interrupted", and the next run takes them up again.
A file is recorded `failed` ("interrupted") before its work starts and becomes `indexed` only at the end, so a
crash leaves a visible trace and never a silent gap.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from openarchief.search import database
from openarchief.search.corrections import Correction, apply, stored
from openarchief.search.database import TEXT
from openarchief.search.model import Document, Dossier, HistoryEvent
from openarchief.search.settings import Settings
from openarchief.search.status import ArchiveStatus, Count, Removal, Titled

_tables = sa.MetaData()
sa.Table(
    "files",
    _tables,
    sa.Column("path", TEXT, primary_key=True),
    sa.Column("relative", TEXT),
    sa.Column("sha256", TEXT),
    sa.Column("size", sa.BigInteger),
    sa.Column("mtime", sa.Float),
    # the queue: workers claim the rows a run must work on (see claim())
    sa.Column("status", TEXT, nullable=False),
    sa.Column("reason", TEXT),
    sa.Column("detail", TEXT),
    sa.Column("extractor", TEXT),
    sa.Column("pages", sa.Integer),
    sa.Column("needs_ocr", sa.Integer, server_default="0"),
    sa.Column("extract_ms", sa.Float),
    sa.Column("index_ms", sa.Float),
    sa.Column("updated_at", TEXT, nullable=False),
    # the run working on the file (see claim()); a claim of a run that is gone counts for nothing
    sa.Column("claimed_by", TEXT),
)
sa.Table(
    "documents",
    _tables,
    sa.Column("id", TEXT, primary_key=True),
    sa.Column("json", TEXT, nullable=False),
    # a few fields apart from the JSON, for the archive's status without reading every document
    sa.Column("title", TEXT),
    sa.Column("ministry", TEXT),
    sa.Column("year", sa.Integer),
    sa.Column("pages", sa.Integer),
    sa.Column("ocr_pages", sa.Integer),
    sa.Column("organisation", TEXT),
)
sa.Table(
    "withdrawn",
    _tables,
    sa.Column("id", TEXT, primary_key=True),
    sa.Column("reason", TEXT, nullable=False),
    sa.Column("withdrawn_at", TEXT, nullable=False),
    sa.Column("title", TEXT),
    # set once the document is gone from every index generation and from disk; NULL: a run was stopped
    # half-way, and the next run finishes the removal
    sa.Column("purged_at", TEXT),
)
# Woo dossiers: which document belongs to which dossier in what role, and where that came from
sa.Table(
    "dossier_members",
    _tables,
    sa.Column("doc_id", TEXT, primary_key=True),
    sa.Column("dossier", TEXT, nullable=False),
    sa.Column("role", TEXT, nullable=False),
    sa.Column("source", TEXT, nullable=False),
)
# what a document's own text says about a dossier (a decision, an inventory table), read once
sa.Table("woo_facts", _tables, sa.Column("doc_id", TEXT, primary_key=True), sa.Column("json", TEXT, nullable=False))
# inventory spreadsheets (productierapport) read beside the PDFs
sa.Table(
    "inventory_files",
    _tables,
    sa.Column("path", TEXT, primary_key=True),
    sa.Column("dossier", TEXT, nullable=False),
    sa.Column("rows", TEXT, nullable=False),
    sa.Column("mtime", sa.Float),
)
# archivists' corrections of a document's metadata (search/corrections.py): applied whenever it is stored
sa.Table(
    "corrections",
    _tables,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", TEXT, nullable=False),
    sa.Column("field", TEXT, nullable=False),
    sa.Column("value", TEXT, nullable=False),
    sa.Column("previous", TEXT),
    sa.Column("previous_source", TEXT),
    sa.Column("reason", TEXT, nullable=False),
    sa.Column("report", sa.Integer),
    sa.Column("created_at", TEXT, nullable=False),
    sa.Column("undone_at", TEXT),
)
# what happened to a document, for its public history: opgenomen (entered), opnieuw_gelezen (extracted again)
sa.Table(
    "events",
    _tables,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("doc_id", TEXT, nullable=False),
    sa.Column("at", TEXT, nullable=False),
    sa.Column("kind", TEXT, nullable=False),
)
# the assembled dossiers, for re-index; stale: a member changed and the dossier must be assembled again
sa.Table(
    "dossiers",
    _tables,
    sa.Column("id", TEXT, primary_key=True),
    sa.Column("json", TEXT),
    sa.Column("stale", sa.Integer, nullable=False, server_default="1"),
)
# the folders `openarchief backup` wrote, so that a later withdrawal reaches them (ingest/backup_withdrawals.py)
sa.Table(
    "backups",
    _tables,
    sa.Column("folder", TEXT, primary_key=True),
    sa.Column("made_at", TEXT, nullable=False),
)
# Named as in the hand-written schema of ledgers made before the version table, so those get no second copy.
sa.Index("files_status", _tables.tables["files"].c.status)
sa.Index("files_sha", _tables.tables["files"].c.sha256)
sa.Index("dossier_members_dossier", _tables.tables["dossier_members"].c.dossier)
sa.Index("corrections_document", _tables.tables["corrections"].c.document_id)
sa.Index("events_document", _tables.tables["events"].c.doc_id)


def _first_version(conn: Connection) -> None:
    """The schema as it was when versions began; a ledger from before gets the columns added since its release."""
    for statement in database.create_statements(_tables):
        conn.execute(statement)
    database.add_missing_columns(conn, "withdrawn", {"title": "TEXT", "purged_at": "TEXT"})
    database.add_missing_columns(conn, "documents", {"organisation": "TEXT"})
    # Before `withdrawn` was a status of its own, withdrawn files were `skipped` for that reason.
    conn.execute(
        database.sql("UPDATE files SET status = 'withdrawn' WHERE status = 'skipped' AND reason = 'withdrawn'")
    )


def _claims(conn: Connection) -> None:
    """Workers on several machines share the queue: who works on a file."""
    database.add_missing_columns(conn, "files", {"claimed_by": "TEXT"})


def _backups(conn: Connection) -> None:
    """Withdrawals reach the backups made before them: where those are."""
    conn.execute(sa.schema.CreateTable(_tables.tables["backups"], if_not_exists=True))


# Append a step for each change of the schema; never change one that has been released.
MIGRATIONS = [_first_version, _claims, _backups]


@dataclass
class Withdrawal:
    id: str
    reason: str
    withdrawn_at: str
    title: str | None
    purged_at: str | None


@dataclass
class FileRecord:
    path: str
    relative: str | None
    sha256: str | None
    size: int | None
    mtime: float | None
    status: str
    reason: str | None
    detail: str | None
    extractor: str | None
    pages: int | None
    needs_ocr: int
    extract_ms: float | None
    index_ms: float | None
    updated_at: str
    claimed_by: str | None = None


# A PostgreSQL session's name: its process id and start (a process id alone is reused by later sessions).
_SESSION_NAME = "CAST(pid AS TEXT) || '@' || CAST(backend_start AS TEXT)"
_SESSION = f"SELECT {_SESSION_NAME} FROM pg_stat_activity WHERE pid = pg_backend_pid()"
_LIVING = f"SELECT {_SESSION_NAME} AS name FROM pg_stat_activity WHERE backend_start IS NOT NULL"


def _correction(row: sa.Row) -> Correction:
    return Correction(
        **(dict(row._mapping) | {"value": json.loads(row.value), "previous": json.loads(row.previous or "null")})
    )


IN_CHUNK = 500  # values in one `IN (...)`: well below SQLite's limit of bound parameters


@functools.lru_cache(maxsize=64)
def _expanding(sql: str) -> sa.TextClause:
    """`sql` whose :values is a list, bound as one parameter per item."""
    return sa.text(sql).bindparams(sa.bindparam("values", expanding=True))


def _waiting(retry_failed: bool) -> str:
    """The files a run must work on: queued, pending, interrupted, and with retry_failed all failed ones."""
    failed = "status = 'failed'" if retry_failed else "status = 'failed' AND reason = 'interrupted'"
    return f"status IN ('queued', 'pending') OR ({failed})"


def _now(microseconds: bool = True) -> str:
    moment = dt.datetime.now(dt.timezone.utc)
    return (moment if microseconds else moment.replace(microsecond=0)).isoformat()


class Ledger:
    """The ledger on one engine: `Ledger.open(settings)` for the archive's (SQLite or PostgreSQL), or
    `Ledger(path)` for a SQLite file."""

    def __init__(self, where: Path | Engine):
        self._own_engine = isinstance(where, Path)
        self._engine = database.sqlite_engine(where) if isinstance(where, Path) else where
        self._postgres = database.is_postgres(self._engine)
        database.migrate(self._engine, "ledger", MIGRATIONS)
        self._session: Connection | None = None  # held while this ledger claims files on PostgreSQL
        self._claimant: str | None = None

    @classmethod
    def open(cls, settings: Settings) -> Ledger:
        if settings.database_url:
            return cls(database.shared_engine(settings.database_url))
        return cls(settings.ledger_path)

    def close(self) -> None:
        if self._session is not None:
            self._session.close()  # this run's claims end with it
            self._session = None
        if self._own_engine:  # a shared engine's pool serves the whole process
            self._engine.dispose()

    # -- statements ------------------------------------------------------------------------------------------------

    def _rows(self, sql: str, **params) -> list[sa.Row]:
        with self._engine.connect() as conn:
            return list(conn.execute(database.sql(sql), params))

    def _one(self, sql: str, **params) -> sa.Row | None:
        with self._engine.connect() as conn:
            return conn.execute(database.sql(sql), params).first()

    def _rows_in(self, sql: str, values: Sequence[str], conn: Connection | None = None) -> list[sa.Row]:
        """The rows of `sql`, whose `:values` is a list (`IN :values`), asked a few hundred values at a time."""
        if conn is None:
            with self._engine.connect() as conn:
                return self._rows_in(sql, values, conn)
        statement = _expanding(sql)
        rows: list[sa.Row] = []
        for start in range(0, len(values), IN_CHUNK):
            rows += conn.execute(statement, {"values": list(values[start : start + IN_CHUNK])})
        return rows

    def _stream(self, sql: str, **params) -> Iterator[sa.Row]:
        """Rows a few hundred at a time (a server-side cursor on PostgreSQL, which lives in a transaction): for
        every document of the archive."""
        with database.transaction(self._engine) as conn:
            yield from conn.execution_options(yield_per=200).execute(database.sql(sql), params)

    def _lock_document(self, conn: Connection, doc_id: str) -> None:
        """On PostgreSQL, storing and withdrawing a document wait for each other until the end of the transaction,
        so that a store never slips in beside a withdrawal committed at the same moment (SQLite has one writer
        at a time anyway)."""
        if self._postgres:
            conn.execute(
                database.sql("SELECT pg_advisory_xact_lock(:c, hashtext(:id))"),
                {"c": database.DOCUMENT_LOCK_CLASS, "id": doc_id},
            )

    # -- files -----------------------------------------------------------------------------------------------------

    def get(self, path: str) -> FileRecord | None:
        row = self._one("SELECT * FROM files WHERE path = :path", path=path)
        return FileRecord(**row._mapping) if row else None

    def files(self, paths: Sequence[str]) -> dict[str, FileRecord]:
        """The rows of those of `paths` the ledger knows, by path: one look-up for a batch of files."""
        rows = self._rows_in("SELECT * FROM files WHERE path IN :values", paths)
        return {row.path: FileRecord(**row._mapping) for row in rows}

    def record(self, path: str, status: str, **values) -> None:
        self._upsert(path, status, values, "")

    def record_all(self, records: Sequence[tuple[str, str, dict]]) -> None:
        """`record` for each (path, status, values), in one transaction: a batch's outcomes at once."""
        if not records:
            return
        with database.transaction(self._engine) as conn:
            for path, status, values in records:
                self._upsert(path, status, dict(values), "", conn=conn)

    def enqueue_all(self, files: Sequence[tuple[str, FileRecord | None, dict]]) -> list[bool]:
        """`enqueue` for each (path, seen, values), in one transaction; whether each was queued."""
        if not files:
            return []
        with database.transaction(self._engine) as conn:
            return [self.enqueue(path, seen, conn=conn, **values) for path, seen, values in files]

    def enqueue(self, path: str, seen: FileRecord | None, conn: Connection | None = None, **values) -> bool:
        """Queue a file, unless its row changed since `seen` was read (None: since it was found missing): a
        worker on another machine queued or indexed it meanwhile. False then, and nothing written."""
        if seen is None:
            return self._upsert(path, "queued", values, "WHERE 1 = 0", conn=conn)
        return self._upsert(path, "queued", values, "WHERE files.updated_at = :seen", conn=conn, seen=seen.updated_at)

    def _upsert(
        self, path: str, status: str, values: dict, condition: str, conn: Connection | None = None, **params
    ) -> bool:
        if conn is None:
            with database.transaction(self._engine) as conn:
                return self._upsert(path, status, values, condition, conn=conn, **params)
        values |= {"path": path, "status": status, "updated_at": _now()}
        for key in ("reason", "detail"):
            values.setdefault(key, None)
        columns = ", ".join(values)
        placeholders = ", ".join(f":{k}" for k in values)
        updates = ", ".join(f"{k} = excluded.{k}" for k in values if k != "path")
        written = conn.execute(
            database.sql(
                f"INSERT INTO files ({columns}) VALUES ({placeholders}) "
                f"ON CONFLICT (path) DO UPDATE SET {updates} {condition}"
            ),
            values | params,
        ).rowcount
        return written > 0

    def save_document(self, doc: Document, extracted: bool = False) -> Document | None:
        """Keep the extracted document for re-index as the archive keeps it (its corrections applied,
        its history with it) and return it so; None (and nothing kept) when it was withdrawn meanwhile.
        `extracted`: it was just read from its file, which its history records in the same transaction (a worker
        killed between the two would leave the entry without the document, and the next read enter it again)."""
        return self.save_documents([doc], extracted)[0]

    def save_documents(self, docs: Sequence[Document], extracted: bool = False) -> list[Document | None]:
        """`save_document` for each of `docs`, in one transaction, their histories and corrections read at once."""
        ids = [doc.id for doc in docs]
        kept: list[Document | None] = []
        with database.transaction(self._engine) as conn:
            for doc_id in sorted(set(ids)):  # in one order, whoever else locks several
                self._lock_document(conn, doc_id)
            if extracted:
                for doc_id in ids:
                    self._note_extracted(conn, doc_id)
            events: dict[str, list[sa.Row]] = {}
            for row in self._rows_in(
                "SELECT doc_id, at, kind FROM events WHERE doc_id IN :values ORDER BY id", ids, conn
            ):
                events.setdefault(row.doc_id, []).append(row)
            corrections: dict[str, list[Correction]] = {}
            for row in self._rows_in("SELECT * FROM corrections WHERE document_id IN :values ORDER BY id", ids, conn):
                corrections.setdefault(row.document_id, []).append(_correction(row))
            for doc in docs:
                doc = self._prepared(conn, doc, events.get(doc.id, []), corrections.get(doc.id, []))
                # One statement: a withdrawal committed by another process in between cannot be undone by this.
                saved = conn.execute(
                    database.sql(
                        "INSERT INTO documents (id, json, title, ministry, organisation, year, pages, ocr_pages) "
                        "SELECT :id, :json, :title, :ministry, :organisation, CAST(:year AS INTEGER), "
                        "CAST(:pages AS INTEGER), CAST(:ocr_pages AS INTEGER) "
                        "WHERE NOT EXISTS (SELECT 1 FROM withdrawn WHERE id = :id) "
                        "ON CONFLICT (id) DO UPDATE SET json = excluded.json, title = excluded.title, "
                        "ministry = excluded.ministry, organisation = excluded.organisation, year = excluded.year, "
                        "pages = excluded.pages, ocr_pages = excluded.ocr_pages"
                    ),
                    {
                        "id": doc.id,
                        "json": doc.model_dump_json(),
                        "title": doc.title,
                        "ministry": doc.ministry,
                        "organisation": doc.organisation,
                        "year": doc.year,
                        "pages": doc.page_count,
                        "ocr_pages": sum(1 for p in doc.pages if p.ocr),
                    },
                ).rowcount
                kept.append(doc if saved > 0 else None)
        return kept

    def status(self) -> ArchiveStatus:
        """Counts of what is in the index (documents indexed through some file) and of what failed."""
        indexed = "id IN (SELECT sha256 FROM files WHERE status = 'indexed')"
        with self._engine.connect() as conn:

            def counts(column: str) -> list[Count]:
                """Documents and pages per value, most documents first; those without a value counted as ""
                (last), so that the counts add up to the archive's total."""
                rows = conn.execute(
                    database.sql(
                        f"SELECT {column} AS value, COUNT(*) AS n, COALESCE(SUM(pages), 0) AS p FROM documents "
                        f"WHERE {indexed} GROUP BY {column} ORDER BY {column} IS NULL, n DESC, value"
                    )
                )
                return [Count(value=str(r.value or ""), documents=r.n, pages=r.p) for r in rows]

            totals = conn.execute(
                database.sql(
                    "SELECT COUNT(*) AS n, COALESCE(SUM(pages), 0) AS p, "
                    "COUNT(CASE WHEN ocr_pages > 0 THEN 1 END) AS od, "
                    f"COALESCE(SUM(ocr_pages), 0) AS op FROM documents WHERE {indexed}"
                )
            ).one()
            examples = conn.execute(
                database.sql(
                    f"SELECT id, title FROM documents WHERE {indexed} AND ocr_pages > 0 ORDER BY title LIMIT 50"
                )
            )
            last = conn.execute(database.sql("SELECT MAX(updated_at) FROM files WHERE status = 'indexed'")).scalar()
            by_organisation = counts("COALESCE(organisation, ministry)")
            by_year = counts("year")
            ocr_examples = [Titled(id=r.id, title=r.title or "") for r in examples]
        ocr_files, ocr_pages = self.needs_ocr_pages()
        return ArchiveStatus(
            updated_at=last,
            documents=totals.n,
            pages=totals.p,
            # Documents saved before organisations of every kind were known have their ministry only.
            by_organisation=by_organisation,
            by_year=sorted(by_year, key=lambda c: (bool(c.value), c.value), reverse=True),
            failures=self.failure_reasons(),
            needs_ocr_files=ocr_files,
            needs_ocr_pages=ocr_pages,
            ocr_documents=totals.od,
            ocr_pages=totals.op,
            ocr_examples=ocr_examples,
            # No title here: the public may learn that and why a document was removed, not what it was.
            withdrawn=[Removal(id=w.id, reason=w.reason, withdrawn_at=w.withdrawn_at) for w in self.withdrawals()],
        )

    def _prepared(
        self, conn: Connection, doc: Document, events: list[sa.Row], corrections: list[Correction]
    ) -> Document:
        """The document as the archive keeps and indexes it: its corrections applied, its history with it.
        `events`: its rows of the events table; `corrections`: all of its corrections, undone ones too."""
        refreshed = {c.id: c for c in self._refresh_previous(conn, doc, [c for c in corrections if not c.undone_at])}
        corrections = [refreshed.get(c.id, c) for c in corrections]
        doc = apply(doc, [c for c in corrections if c.undone_at is None])
        return doc.model_copy(update={"history": self._history(doc, events, corrections)})

    # -- history -------------------------------------------------------------------------------------------------

    @staticmethod
    def _note_extracted(conn: Connection, doc_id: str) -> None:
        """A document was read from its file: its entry into the archive, or a re-extraction."""
        conn.execute(
            database.sql(
                "INSERT INTO events (doc_id, at, kind) SELECT :id, :at, CASE WHEN EXISTS "
                "(SELECT 1 FROM documents WHERE id = :id) THEN 'opnieuw_gelezen' ELSE 'opgenomen' END"
            ),
            {"id": doc_id, "at": _now(microseconds=False)},
        )

    @staticmethod
    def _history(doc: Document, rows: list[sa.Row], corrections: list[Correction]) -> list[HistoryEvent]:
        events = [HistoryEvent(at=row.at, kind=row.kind) for row in rows]
        if not any(e.kind == "opgenomen" for e in events) and doc.indexed_at:
            # Archived before the history was kept: its entry is the moment it was (last) indexed.
            events.insert(0, HistoryEvent(at=doc.indexed_at, kind="opgenomen"))
        for c in corrections:
            events.append(
                HistoryEvent(
                    at=c.created_at, kind="gecorrigeerd", field=c.field, old=c.previous, new=c.value, reason=c.reason
                )
            )
            if c.undone_at:
                events.append(HistoryEvent(at=c.undone_at, kind="correctie_ingetrokken", field=c.field))
        return sorted(events, key=lambda e: e.at)

    # -- corrections ---------------------------------------------------------------------------------------------

    @staticmethod
    def _refresh_previous(conn: Connection, doc: Document, active: list[Correction]) -> list[Correction]:
        """The active corrections, each with the value it replaces taken from `doc` when that is a fresh extraction
        (not the stored, corrected document): what it says is what an undo restores."""
        refreshed = []
        for correction in active:
            membership = correction.field in ("dossier", "role")  # kept by the dossier_members table
            if not membership and doc.provenance.get(correction.field) != "correction":
                previous, source = stored(getattr(doc, correction.field)), doc.provenance.get(correction.field)
                conn.execute(
                    database.sql(
                        "UPDATE corrections SET previous = :previous, previous_source = :source WHERE id = :id"
                    ),
                    {"previous": json.dumps(previous), "source": source, "id": correction.id},
                )
                correction = correction.model_copy(update={"previous": previous, "previous_source": source})
            refreshed.append(correction)
        return refreshed

    def add_corrections(
        self, doc_id: str, values: dict, reason: str, report: int | None, member: tuple[str, str, str] | None = None
    ) -> list[int]:
        """Record corrections of `doc_id` (field -> stored value); an earlier active one of a field is replaced.
        `member`: the document's dossier membership (dossier, role, source) before, for a correction of it."""
        doc = self.document(doc_id)
        now = _now(microseconds=False)
        ids = []
        with database.transaction(self._engine) as conn:
            for field, value in values.items():
                earlier = [c for c in self._corrections(conn, doc_id) if c.field == field]
                if earlier:
                    previous, source = earlier[0].previous, earlier[0].previous_source
                elif field in ("dossier", "role"):
                    at = 0 if field == "dossier" else 1
                    previous, source = (member[at], member[2]) if member else (None, None)
                else:
                    previous = stored(getattr(doc, field)) if doc else None
                    source = doc.provenance.get(field) if doc else None
                conn.execute(
                    database.sql(
                        "UPDATE corrections SET undone_at = :now "
                        "WHERE document_id = :id AND field = :field AND undone_at IS NULL"
                    ),
                    {"now": now, "id": doc_id, "field": field},
                )
                new_id = conn.execute(
                    database.sql(
                        "INSERT INTO corrections (document_id, field, value, previous, previous_source, reason, "
                        "report, created_at) VALUES (:id, :field, :value, :previous, :source, :reason, :report, :now) "
                        "RETURNING id"
                    ),
                    {
                        "id": doc_id,
                        "field": field,
                        "value": json.dumps(value),
                        "previous": json.dumps(previous),
                        "source": source,
                        "reason": reason,
                        "report": report,
                        "now": now,
                    },
                ).scalar_one()
                ids.append(int(new_id))
        return ids

    def undo_correction(self, doc_id: str, field: str) -> Correction | None:
        """End the active correction of a field; the correction, or None when there is none."""
        active = [c for c in self.corrections(doc_id) if c.field == field]
        if not active:
            return None
        with database.transaction(self._engine) as conn:
            conn.execute(
                database.sql("UPDATE corrections SET undone_at = :now WHERE id = :id"),
                {"now": _now(microseconds=False), "id": active[0].id},
            )
        return active[0]

    def corrections(self, doc_id: str | None = None, active: bool = True) -> list[Correction]:
        """The corrections of a document (or of all), oldest first; only the active ones unless `active` is
        False."""
        with self._engine.connect() as conn:
            return self._corrections(conn, doc_id, active)

    def _corrections(self, conn: Connection, doc_id: str | None = None, active: bool = True) -> list[Correction]:
        where = ["undone_at IS NULL"] if active else []
        if doc_id is not None:
            where.append("document_id = :id")
        sql = "SELECT * FROM corrections" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
        return [_correction(row) for row in conn.execute(database.sql(sql), {"id": doc_id})]

    # -- documents -------------------------------------------------------------------------------------------------

    def document(self, doc_id: str) -> Document | None:
        row = self._one("SELECT json FROM documents WHERE id = :id", id=doc_id)
        return Document.model_validate_json(row.json) if row else None

    def documents_of(self, doc_ids: Sequence[str]) -> dict[str, Document]:
        """Those of the documents the ledger keeps, by id."""
        rows = self._rows_in("SELECT id, json FROM documents WHERE id IN :values", doc_ids)
        return {row.id: Document.model_validate_json(row.json) for row in rows}

    def documents(self) -> Iterator[Document]:
        for row in self._stream("SELECT json FROM documents ORDER BY id"):
            yield Document.model_validate_json(row.json)

    def document_count(self) -> int:
        return self._one("SELECT COUNT(*) AS n FROM documents").n  # type: ignore[union-attr]

    def documents_indexed_since(self, moment: dt.datetime | None) -> Iterator[Document]:
        """The documents of files indexed at or after `moment` (all indexed ones when it is None)."""
        # A second early: timestamps without a fraction would otherwise compare wrong as text.
        since = (moment - dt.timedelta(seconds=1)).isoformat() if moment else ""
        rows = self._stream(
            "SELECT json FROM documents WHERE id IN "
            "(SELECT sha256 FROM files WHERE status = 'indexed' AND updated_at >= :since) "
            # A correction or its undo is a change of the document too.
            "OR id IN (SELECT document_id FROM corrections WHERE created_at >= :since OR undone_at >= :since) "
            "ORDER BY id",
            since=since,
        )
        for row in rows:
            yield Document.model_validate_json(row.json)

    def indexed_ids(self) -> set[str]:
        return {row.sha256 for row in self._rows("SELECT DISTINCT sha256 FROM files WHERE status = 'indexed'")}

    def known_ids(self, prefix: str) -> list[str]:
        """The document ids (of any status, withdrawn ones too) that begin with `prefix`."""
        if not prefix or not set(prefix) <= set("0123456789abcdef"):
            return []  # ids are hex: anything else matches nothing (and never reaches LIKE as a wildcard)
        rows = self._rows(
            "SELECT id FROM documents WHERE id LIKE :p UNION SELECT sha256 FROM files WHERE sha256 LIKE :p "
            "UNION SELECT id FROM withdrawn WHERE id LIKE :p ORDER BY 1 LIMIT 10",
            p=prefix + "%",
        )
        return [row[0] for row in rows]

    # -- the queue -------------------------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        rows = self._rows("SELECT status, COUNT(*) AS n FROM files GROUP BY status")
        return {row.status: row.n for row in rows}

    def needs_ocr_pages(self) -> tuple[int, int]:
        """(files, pages) that have pages without a text layer."""
        row = self._one(
            "SELECT COUNT(*) AS files, COALESCE(SUM(needs_ocr), 0) AS pages FROM files "
            "WHERE status = 'indexed' AND needs_ocr > 0"
        )
        assert row is not None
        return row.files, row.pages

    def jobs(self, retry_failed: bool = False) -> list[FileRecord]:
        """The files a run must work on: queued, pending, interrupted, and with retry_failed all failed ones."""
        rows = self._rows(f"SELECT * FROM files WHERE {_waiting(retry_failed)} ORDER BY path")
        return [FileRecord(**row._mapping) for row in rows]

    @property
    def claimant(self) -> str:
        """Who claims files through this ledger. On PostgreSQL its own database session, held open until close():
        when the process dies, however it dies, the server ends the session and its claims lapse at once, with no
        lease to wait for and no coordinator. On SQLite (one machine) a name for this run."""
        if self._claimant is None:
            if self._postgres:
                self._session = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
                self._session.detach()  # out of the pool: closing it ends the session, and with it the claims
                self._claimant = self._session.execute(database.sql(_SESSION)).scalar_one()
            else:
                self._claimant = f"run-{uuid.uuid4().hex}"
        return self._claimant

    def claim(self, limit: int | None = None, retry_failed: bool = False) -> list[FileRecord]:
        """Take up to `limit` files of the queue (all with None) for this run: the ones `jobs()` gives that no
        living run has claimed, and not those this run claimed before (done, or failed again). On PostgreSQL two
        workers claiming at once skip each other's rows (FOR UPDATE SKIP LOCKED) and get different files."""
        me = self.claimant
        chosen = f"SELECT path FROM files WHERE ({_waiting(retry_failed)}) AND (claimed_by IS NULL OR "
        if self._postgres:
            # The living sessions are read once per claim (a materialised CTE), not once per queued file.
            living = f"WITH living AS MATERIALIZED ({_LIVING}) "
            chosen += "(claimed_by <> :me AND claimed_by NOT IN (SELECT name FROM living))) ORDER BY path"
            chosen += " LIMIT :limit FOR UPDATE SKIP LOCKED" if limit else " FOR UPDATE SKIP LOCKED"
        else:  # one machine: another run's claim cannot be checked, and two runs on one ledger both work
            living = ""
            chosen += "claimed_by <> :me) ORDER BY path" + (" LIMIT :limit" if limit else "")
        with database.transaction(self._engine) as conn:
            rows = conn.execute(
                database.sql(f"{living}UPDATE files SET claimed_by = :me WHERE path IN ({chosen}) RETURNING *"),
                {"me": me, "limit": limit},
            )
            return sorted((FileRecord(**row._mapping) for row in rows), key=lambda r: r.path)

    def queued_or_indexed_paths_for(self, shas: Sequence[str]) -> dict[str, str]:
        """For each of `shas` a file holding it that is (to be) indexed, the first by path: the twin a new file
        of the same content is a duplicate of."""
        rows = self._rows_in(
            "SELECT sha256, MIN(path) AS path FROM files WHERE sha256 IN :values "
            "AND (status IN ('indexed', 'queued', 'pending') OR (status = 'failed' AND reason = 'interrupted')) "
            "GROUP BY sha256",
            shas,
        )
        return {row.sha256: row.path for row in rows}

    # -- withdrawals -----------------------------------------------------------------------------------------------

    def withdraw(self, doc_id: str, reason: str, at: str | None = None) -> None:
        """Record the withdrawal (not yet purged) and forget the extracted text, in one transaction. `at`: when it
        was withdrawn, if not now (a withdrawal carried into a backup's ledger)."""
        values = {"id": doc_id, "reason": reason, "now": at or _now()}
        with database.transaction(self._engine) as conn:
            self._lock_document(conn, doc_id)
            for sql in (
                "INSERT INTO withdrawn (id, reason, withdrawn_at, title, purged_at) "
                "VALUES (:id, :reason, :now, (SELECT title FROM documents WHERE id = :id), NULL) "
                "ON CONFLICT (id) DO UPDATE SET reason = excluded.reason, purged_at = NULL",
                "DELETE FROM documents WHERE id = :id",
                # Its dossier is assembled again without it (and its copies in every generation replaced).
                "UPDATE dossiers SET stale = 1 WHERE id IN (SELECT dossier FROM dossier_members WHERE doc_id = :id)",
                "DELETE FROM dossier_members WHERE doc_id = :id",
                "DELETE FROM woo_facts WHERE doc_id = :id",
                "UPDATE files SET status = 'withdrawn', reason = 'withdrawn', detail = :reason, updated_at = :now "
                "WHERE sha256 = :id",
            ):
                conn.execute(database.sql(sql), values)

    def withdrawal(self, doc_id: str) -> tuple[str, str] | None:
        row = self._one("SELECT reason, withdrawn_at FROM withdrawn WHERE id = :id", id=doc_id)
        return (row.reason, row.withdrawn_at) if row else None

    def withdrawals_of(self, doc_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """Those of `doc_ids` that are withdrawn, each with its reason and when."""
        rows = self._rows_in("SELECT id, reason, withdrawn_at FROM withdrawn WHERE id IN :values", doc_ids)
        return {row.id: (row.reason, row.withdrawn_at) for row in rows}

    def withdrawals(self) -> list[Withdrawal]:
        rows = self._rows("SELECT id, reason, withdrawn_at, title, purged_at FROM withdrawn ORDER BY withdrawn_at")
        return [Withdrawal(**row._mapping) for row in rows]

    def register_backup(self, folder: str) -> None:
        with database.transaction(self._engine) as conn:
            conn.execute(
                database.sql(
                    "INSERT INTO backups (folder, made_at) VALUES (:folder, :now) "
                    "ON CONFLICT (folder) DO UPDATE SET made_at = excluded.made_at"
                ),
                {"folder": folder, "now": _now()},
            )

    def backups(self) -> list[tuple[str, str]]:
        """The folders `openarchief backup` wrote (or a restore came from), each with when, oldest first."""
        return [(row.folder, row.made_at) for row in self._rows("SELECT folder, made_at FROM backups ORDER BY made_at")]

    def unpurged(self) -> list[str]:
        return [row.id for row in self._rows("SELECT id FROM withdrawn WHERE purged_at IS NULL ORDER BY id")]

    def mark_purged(self, doc_ids: list[str]) -> None:
        if not doc_ids:
            return
        now = _now()
        with database.transaction(self._engine) as conn:
            conn.execute(
                database.sql("UPDATE withdrawn SET purged_at = :now WHERE id = :id"),
                [{"now": now, "id": i} for i in doc_ids],
            )
        with self._engine.connect() as conn:
            if self._postgres:
                # The dead rows of the deleted text are cleared out of the table's pages now, not some time later.
                conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM documents")
            else:
                # Old copies of pages live on in the write-ahead log until it is checkpointed and cut back.
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def paths_of(self, doc_id: str) -> list[str]:
        return [row.path for row in self._rows("SELECT path FROM files WHERE sha256 = :id", id=doc_id)]

    def unwithdraw(self, doc_id: str) -> None:
        with database.transaction(self._engine) as conn:
            conn.execute(database.sql("DELETE FROM withdrawn WHERE id = :id"), {"id": doc_id})

    def records(self) -> list[FileRecord]:
        return [FileRecord(**row._mapping) for row in self._rows("SELECT * FROM files ORDER BY path")]

    def failures(self) -> list[FileRecord]:
        rows = self._rows("SELECT * FROM files WHERE status = 'failed' ORDER BY path")
        return [FileRecord(**row._mapping) for row in rows]

    def failure_reasons(self) -> dict[str, int]:
        rows = self._rows(
            "SELECT reason, COUNT(*) AS n FROM files WHERE status = 'failed' GROUP BY reason ORDER BY n DESC, reason"
        )
        return {row.reason: row.n for row in rows}

    # -- Woo dossiers ------------------------------------------------------------------------------------------------

    def set_member(self, doc_id: str, dossier: str, role: str, source: str) -> None:
        """Record a membership and mark the dossiers it leaves and joins stale, in one transaction. An
        archivist's correction is kept against every other source."""
        current = self.member(doc_id)
        if current and current[2] == "correction" and source != "correction":
            return
        values = {"id": doc_id, "dossier": dossier, "role": role, "source": source}
        with database.transaction(self._engine) as conn:
            conn.execute(
                database.sql(
                    "UPDATE dossiers SET stale = 1 WHERE id IN (SELECT dossier FROM dossier_members WHERE doc_id = :id)"
                ),
                values,
            )
            conn.execute(
                database.sql(
                    "INSERT INTO dossier_members (doc_id, dossier, role, source) VALUES (:id, :dossier, :role, :source) "
                    "ON CONFLICT (doc_id) DO UPDATE SET dossier = excluded.dossier, role = excluded.role, "
                    "source = excluded.source"
                ),
                values,
            )
            self._mark_stale(conn, [dossier])

    def drop_member(self, doc_id: str) -> None:
        """A document belongs to no dossier (any more); the one it left is assembled again."""
        with database.transaction(self._engine) as conn:
            conn.execute(
                database.sql(
                    "UPDATE dossiers SET stale = 1 WHERE id IN (SELECT dossier FROM dossier_members WHERE doc_id = :id)"
                ),
                {"id": doc_id},
            )
            conn.execute(database.sql("DELETE FROM dossier_members WHERE doc_id = :id"), {"id": doc_id})

    def _mark_stale(self, conn: Connection, dossier_ids: list[str]) -> None:
        conn.execute(
            database.sql("INSERT INTO dossiers (id, stale) VALUES (:id, 1) ON CONFLICT (id) DO UPDATE SET stale = 1"),
            [{"id": d} for d in dossier_ids],
        )

    def member(self, doc_id: str) -> tuple[str, str, str] | None:
        """(dossier, role, source) of a document."""
        found = self._one("SELECT dossier, role, source FROM dossier_members WHERE doc_id = :id", id=doc_id)
        return (found.dossier, found.role, found.source) if found else None

    def members(self, dossier: str) -> list[tuple[str, str, str]]:
        """(doc_id, role, source) of a dossier's members that are in the ledger."""
        rows = self._rows(
            "SELECT doc_id, role, source FROM dossier_members WHERE dossier = :dossier "
            "AND doc_id IN (SELECT id FROM documents) ORDER BY doc_id",
            dossier=dossier,
        )
        return [(r.doc_id, r.role, r.source) for r in rows]

    def save_woo_facts(self, doc_id: str, facts: str) -> None:
        with database.transaction(self._engine) as conn:
            conn.execute(
                database.sql(
                    "INSERT INTO woo_facts (doc_id, json) VALUES (:id, :json) "
                    "ON CONFLICT (doc_id) DO UPDATE SET json = excluded.json"
                ),
                {"id": doc_id, "json": facts},
            )

    def woo_facts(self, doc_id: str) -> str | None:
        row = self._one("SELECT json FROM woo_facts WHERE doc_id = :id", id=doc_id)
        return row.json if row else None

    def save_inventory_file(self, path: str, dossier: str, rows: str, mtime: float) -> None:
        with database.transaction(self._engine) as conn:
            conn.execute(
                database.sql(
                    "INSERT INTO inventory_files (path, dossier, rows, mtime) VALUES (:path, :dossier, :rows, :mtime) "
                    "ON CONFLICT (path) DO UPDATE SET dossier = excluded.dossier, rows = excluded.rows, "
                    "mtime = excluded.mtime"
                ),
                {"path": path, "dossier": dossier, "rows": rows, "mtime": mtime},
            )
            self._mark_stale(conn, [dossier])

    def inventory_file(self, path: str) -> tuple[str, float | None] | None:
        row = self._one("SELECT dossier, mtime FROM inventory_files WHERE path = :path", path=path)
        return (row.dossier, row.mtime) if row else None

    def inventory_files(self, dossier: str) -> list[tuple[str, str]]:
        """(path, rows JSON) of the spreadsheets read for a dossier."""
        rows = self._rows(
            "SELECT path, rows FROM inventory_files WHERE dossier = :dossier ORDER BY path", dossier=dossier
        )
        return [(r.path, r.rows) for r in rows]

    def indexed_in_folder(self, folder: str) -> list[str]:
        """The ids of the documents indexed from files directly in `folder`."""
        prefix = folder.rstrip("/") + "/"
        rows = self._rows(
            "SELECT path, sha256 FROM files WHERE status = 'indexed' AND path >= :lo AND path < :hi ORDER BY path",
            lo=prefix,
            hi=prefix[:-1] + "0",  # "0" sorts right after "/": the range of paths under the folder
        )
        return list(dict.fromkeys(r.sha256 for r in rows if "/" not in r.path[len(prefix) :]))

    def stale_dossiers(self) -> list[str]:
        return [r.id for r in self._rows("SELECT id FROM dossiers WHERE stale = 1 ORDER BY id")]

    def save_dossier(self, dossier: Dossier) -> None:
        with database.transaction(self._engine) as conn:
            conn.execute(
                database.sql(
                    "INSERT INTO dossiers (id, json, stale) VALUES (:id, :json, 0) "
                    "ON CONFLICT (id) DO UPDATE SET json = excluded.json, stale = 0"
                ),
                {"id": dossier.id, "json": dossier.model_dump_json()},
            )

    def forget_dossier(self, dossier_id: str) -> None:
        with database.transaction(self._engine) as conn:
            conn.execute(database.sql("DELETE FROM dossiers WHERE id = :id"), {"id": dossier_id})

    def dossiers(self) -> Iterator[Dossier]:
        for row in self._stream("SELECT json FROM dossiers WHERE json IS NOT NULL ORDER BY id"):
            yield Dossier.model_validate_json(row.json)

    def dossier_count(self) -> int:
        return self._one("SELECT COUNT(*) AS n FROM dossiers WHERE json IS NOT NULL").n  # type: ignore[union-attr]

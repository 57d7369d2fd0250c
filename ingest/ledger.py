"""The ledger: one SQLite file recording every file ingest has seen, and the extracted document.

Statuses: `queued` (waiting for a worker), `indexed`, `failed` (with a reason), `skipped` (not a candidate, e.g.
a duplicate of another file), `withdrawn` (its document was taken out of the archive), `pending` (extracted and
kept here, but the search engine could not be reached: the next run writes it). The queue is this table: a run killed at any moment leaves its
files queued, pending or failed "interrupted", and the next run takes them up again.
A file is recorded `failed` ("interrupted") before its work starts and becomes `indexed` only at the end, so a
crash leaves a visible trace and never a silent gap.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from openarchief.search.corrections import Correction, apply, stored
from openarchief.search.model import Document, Dossier, HistoryEvent
from openarchief.search.status import ArchiveStatus, Count, Removal, Titled

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    relative TEXT,
    sha256 TEXT,
    size INTEGER,
    mtime REAL,
    status TEXT NOT NULL,
    reason TEXT,
    detail TEXT,
    extractor TEXT,
    pages INTEGER,
    needs_ocr INTEGER DEFAULT 0,
    extract_ms REAL,
    index_ms REAL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS files_status ON files(status);
CREATE INDEX IF NOT EXISTS files_sha ON files(sha256);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    json TEXT NOT NULL,
    -- a few fields apart from the JSON, for the archive's status without reading every document
    title TEXT,
    ministry TEXT,
    year INTEGER,
    pages INTEGER,
    ocr_pages INTEGER
);
CREATE TABLE IF NOT EXISTS withdrawn (
    id TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    withdrawn_at TEXT NOT NULL,
    title TEXT,
    -- set once the document is gone from every index generation and from disk; NULL: a run was stopped
    -- half-way, and the next run finishes the removal
    purged_at TEXT
);
-- Woo dossiers: which document belongs to which dossier in what role, and where that came from
CREATE TABLE IF NOT EXISTS dossier_members (
    doc_id TEXT PRIMARY KEY,
    dossier TEXT NOT NULL,
    role TEXT NOT NULL,
    source TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dossier_members_dossier ON dossier_members(dossier);
-- what a document's own text says about a dossier (a decision, an inventory table), read once
CREATE TABLE IF NOT EXISTS woo_facts (
    doc_id TEXT PRIMARY KEY,
    json TEXT NOT NULL
);
-- inventory spreadsheets (productierapport) read beside the PDFs
CREATE TABLE IF NOT EXISTS inventory_files (
    path TEXT PRIMARY KEY,
    dossier TEXT NOT NULL,
    rows TEXT NOT NULL,
    mtime REAL
);
-- archivists' corrections of a document's metadata (search/corrections.py): applied whenever it is stored
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    previous TEXT,
    previous_source TEXT,
    reason TEXT NOT NULL,
    report INTEGER,
    created_at TEXT NOT NULL,
    undone_at TEXT
);
CREATE INDEX IF NOT EXISTS corrections_document ON corrections(document_id);
-- what happened to a document, for its public history: opgenomen (entered), opnieuw_gelezen (extracted again)
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    at TEXT NOT NULL,
    kind TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_document ON events(doc_id);
-- the assembled dossiers, for re-index; stale: a member changed and the dossier must be assembled again
CREATE TABLE IF NOT EXISTS dossiers (
    id TEXT PRIMARY KEY,
    json TEXT,
    stale INTEGER NOT NULL DEFAULT 1
);
"""

# Columns added after the first release, for ledgers made before them.
_ADDED_COLUMNS = {"withdrawn": {"title": "TEXT", "purged_at": "TEXT"}, "documents": {"organisation": "TEXT"}}


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


class Ledger:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=30)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        # Safe with WAL (never corrupt); a power cut may lose the last commits, which the next run redoes.
        self._db.execute("PRAGMA synchronous=NORMAL")
        # A deleted row (a withdrawn document's text) is overwritten, not left in a free page of the file.
        self._db.execute("PRAGMA secure_delete=ON")
        self._db.executescript(_SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        with self._db:
            for table, columns in _ADDED_COLUMNS.items():
                present = {row["name"] for row in self._db.execute(f"PRAGMA table_info({table})")}
                for column, kind in columns.items():
                    if column not in present:
                        self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
            # Before `withdrawn` was a status of its own, withdrawn files were `skipped` for that reason.
            self._db.execute("UPDATE files SET status = 'withdrawn' WHERE status = 'skipped' AND reason = 'withdrawn'")

    def close(self) -> None:
        self._db.close()

    def get(self, path: str) -> FileRecord | None:
        row = self._db.execute("SELECT * FROM files WHERE path = ?", (path,)).fetchone()
        return FileRecord(**row) if row else None

    def record(self, path: str, status: str, **values) -> None:
        values |= {"path": path, "status": status, "updated_at": dt.datetime.now(dt.timezone.utc).isoformat()}
        for key in ("reason", "detail"):
            values.setdefault(key, None)
        columns = ", ".join(values)
        placeholders = ", ".join(f":{k}" for k in values)
        updates = ", ".join(f"{k} = excluded.{k}" for k in values if k != "path")
        with self._db:
            self._db.execute(
                f"INSERT INTO files ({columns}) VALUES ({placeholders}) ON CONFLICT(path) DO UPDATE SET {updates}",
                values,
            )

    def save_document(self, doc: Document) -> Document | None:
        """Keep the extracted document for re-index as the archive keeps it (its corrections applied,
        its history with it) and return it so; None (and nothing kept) when it was withdrawn meanwhile."""
        doc = self._prepared(doc)
        values = (
            doc.id,
            doc.model_dump_json(),
            doc.title,
            doc.ministry,
            doc.organisation,
            doc.year,
            doc.page_count,
            sum(1 for p in doc.pages if p.ocr),
            doc.id,
        )
        with self._db:
            # One statement: a withdrawal committed by another process in between cannot be undone by this.
            saved = self._db.execute(
                "INSERT OR REPLACE INTO documents (id, json, title, ministry, organisation, year, pages, ocr_pages) "
                "SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM withdrawn WHERE id = ?)",
                values,
            ).rowcount
        return doc if saved > 0 else None

    def status(self) -> ArchiveStatus:
        """Counts of what is in the index (documents indexed through some file) and of what failed."""
        indexed = "id IN (SELECT sha256 FROM files WHERE status = 'indexed')"

        def counts(column: str) -> list[Count]:
            """Documents and pages per value, most documents first; those without a value counted as "" (last),
            so that the counts add up to the archive's total."""
            rows = self._db.execute(
                f"SELECT {column} AS value, COUNT(*) AS n, COALESCE(SUM(pages), 0) AS p FROM documents "
                f"WHERE {indexed} GROUP BY {column} ORDER BY {column} IS NULL, n DESC, value"
            )
            return [Count(value=str(r["value"] or ""), documents=r["n"], pages=r["p"]) for r in rows]

        totals = self._db.execute(
            f"SELECT COUNT(*) AS n, COALESCE(SUM(pages), 0) AS p, COALESCE(SUM(ocr_pages > 0), 0) AS od, "
            f"COALESCE(SUM(ocr_pages), 0) AS op FROM documents WHERE {indexed}"
        ).fetchone()
        examples = self._db.execute(
            f"SELECT id, title FROM documents WHERE {indexed} AND ocr_pages > 0 ORDER BY title LIMIT 50"
        )
        last = self._db.execute("SELECT MAX(updated_at) FROM files WHERE status = 'indexed'").fetchone()[0]
        ocr_files, ocr_pages = self.needs_ocr_pages()
        return ArchiveStatus(
            updated_at=last,
            documents=totals["n"],
            pages=totals["p"],
            # Documents saved before organisations of every kind were known have their ministry only.
            by_organisation=counts("COALESCE(organisation, ministry)"),
            by_year=sorted(counts("year"), key=lambda c: (bool(c.value), c.value), reverse=True),
            failures=self.failure_reasons(),
            needs_ocr_files=ocr_files,
            needs_ocr_pages=ocr_pages,
            ocr_documents=totals["od"],
            ocr_pages=totals["op"],
            ocr_examples=[Titled(id=r["id"], title=r["title"] or "") for r in examples],
            # No title here: the public may learn that and why a document was removed, not what it was.
            withdrawn=[Removal(id=w.id, reason=w.reason, withdrawn_at=w.withdrawn_at) for w in self.withdrawals()],
        )

    def _prepared(self, doc: Document) -> Document:
        """The document as the archive keeps and indexes it: its corrections applied, its history with it."""
        doc = self._corrected(doc)
        return doc.model_copy(update={"history": self._history(doc)})

    # -- history -------------------------------------------------------------------------------------------------

    def note_extracted(self, doc_id: str) -> None:
        """A document was read from its file: its entry into the archive, or a re-extraction."""
        known = self._db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        with self._db:
            self._db.execute(
                "INSERT INTO events (doc_id, at, kind) VALUES (?, ?, ?)",
                (doc_id, now, "opnieuw_gelezen" if known else "opgenomen"),
            )

    def _history(self, doc: Document) -> list[HistoryEvent]:
        events = [
            HistoryEvent(at=row["at"], kind=row["kind"])
            for row in self._db.execute("SELECT at, kind FROM events WHERE doc_id = ? ORDER BY id", (doc.id,))
        ]
        if not any(e.kind == "opgenomen" for e in events) and doc.indexed_at:
            # Archived before the history was kept: its entry is the moment it was (last) indexed.
            events.insert(0, HistoryEvent(at=doc.indexed_at, kind="opgenomen"))
        for c in self.corrections(doc.id, active=False):
            events.append(
                HistoryEvent(
                    at=c.created_at, kind="gecorrigeerd", field=c.field, old=c.previous, new=c.value, reason=c.reason
                )
            )
            if c.undone_at:
                events.append(HistoryEvent(at=c.undone_at, kind="correctie_ingetrokken", field=c.field))
        return sorted(events, key=lambda e: e.at)

    # -- corrections ---------------------------------------------------------------------------------------------

    def _corrected(self, doc: Document) -> Document:
        active = self.corrections(doc.id)
        for correction in active:
            # A fresh extraction (not the stored, corrected document): what it says is what an undo restores.
            membership = correction.field in ("dossier", "role")  # kept by the dossier_members table
            if not membership and doc.provenance.get(correction.field) != "correction":
                self._db.execute(
                    "UPDATE corrections SET previous = ?, previous_source = ? WHERE id = ?",
                    (
                        json.dumps(stored(getattr(doc, correction.field))),
                        doc.provenance.get(correction.field),
                        correction.id,
                    ),
                )
        return apply(doc, active)

    def add_corrections(
        self, doc_id: str, values: dict, reason: str, report: int | None, member: tuple[str, str, str] | None = None
    ) -> list[int]:
        """Record corrections of `doc_id` (field -> stored value); an earlier active one of a field is replaced.
        `member`: the document's dossier membership (dossier, role, source) before, for a correction of it."""
        doc = self.document(doc_id)
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        ids = []
        with self._db:
            for field, value in values.items():
                earlier = [c for c in self.corrections(doc_id) if c.field == field]
                if earlier:
                    previous, source = earlier[0].previous, earlier[0].previous_source
                elif field in ("dossier", "role"):
                    at = 0 if field == "dossier" else 1
                    previous, source = (member[at], member[2]) if member else (None, None)
                else:
                    previous = stored(getattr(doc, field)) if doc else None
                    source = doc.provenance.get(field) if doc else None
                self._db.execute(
                    "UPDATE corrections SET undone_at = ? WHERE document_id = ? AND field = ? AND undone_at IS NULL",
                    (now, doc_id, field),
                )
                cursor = self._db.execute(
                    "INSERT INTO corrections (document_id, field, value, previous, previous_source, reason, report, "
                    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (doc_id, field, json.dumps(value), json.dumps(previous), source, reason, report, now),
                )
                ids.append(int(cursor.lastrowid or 0))
        return ids

    def undo_correction(self, doc_id: str, field: str) -> Correction | None:
        """End the active correction of a field; the correction, or None when there is none."""
        active = [c for c in self.corrections(doc_id) if c.field == field]
        if not active:
            return None
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        with self._db:
            self._db.execute("UPDATE corrections SET undone_at = ? WHERE id = ?", (now, active[0].id))
        return active[0]

    def corrections(self, doc_id: str | None = None, active: bool = True) -> list[Correction]:
        """The corrections of a document (or of all), oldest first; only the active ones unless `active` is
        False."""
        where = ["undone_at IS NULL"] if active else []
        args: list = []
        if doc_id is not None:
            where.append("document_id = ?")
            args.append(doc_id)
        sql = "SELECT * FROM corrections" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
        return [
            Correction(
                **(dict(row) | {"value": json.loads(row["value"]), "previous": json.loads(row["previous"] or "null")})
            )
            for row in self._db.execute(sql, args)
        ]

    def document(self, doc_id: str) -> Document | None:
        row = self._db.execute("SELECT json FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return Document.model_validate_json(row["json"]) if row else None

    def documents(self) -> Iterator[Document]:
        for row in self._db.execute("SELECT json FROM documents ORDER BY id"):
            yield Document.model_validate_json(row["json"])

    def document_count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def documents_indexed_since(self, moment: dt.datetime | None) -> Iterator[Document]:
        """The documents of files indexed at or after `moment` (all indexed ones when it is None)."""
        # A second early: timestamps without a fraction would otherwise compare wrong as text.
        since = (moment - dt.timedelta(seconds=1)).isoformat() if moment else ""
        rows = self._db.execute(
            "SELECT json FROM documents WHERE id IN "
            "(SELECT sha256 FROM files WHERE status = 'indexed' AND updated_at >= ?) "
            # A correction or its undo is a change of the document too.
            "OR id IN (SELECT document_id FROM corrections WHERE created_at >= ? OR undone_at >= ?) ORDER BY id",
            (since, since, since),
        )
        for row in rows:
            yield Document.model_validate_json(row["json"])

    def indexed_ids(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT DISTINCT sha256 FROM files WHERE status = 'indexed'")}

    def known_ids(self, prefix: str) -> list[str]:
        """The document ids (of any status, withdrawn ones too) that begin with `prefix`."""
        if not prefix or not set(prefix) <= set("0123456789abcdef"):
            return []  # ids are hex: anything else matches nothing (and never reaches LIKE as a wildcard)
        pattern = prefix + "%"
        rows = self._db.execute(
            "SELECT id FROM documents WHERE id LIKE :p UNION SELECT sha256 FROM files WHERE sha256 LIKE :p "
            "UNION SELECT id FROM withdrawn WHERE id LIKE :p ORDER BY 1 LIMIT 10",
            {"p": pattern},
        )
        return [row[0] for row in rows]

    def counts(self) -> dict[str, int]:
        rows = self._db.execute("SELECT status, COUNT(*) AS n FROM files GROUP BY status")
        return {row["status"]: row["n"] for row in rows}

    def needs_ocr_pages(self) -> tuple[int, int]:
        """(files, pages) that have pages without a text layer."""
        row = self._db.execute(
            "SELECT COUNT(*) AS files, COALESCE(SUM(needs_ocr), 0) AS pages FROM files "
            "WHERE status = 'indexed' AND needs_ocr > 0"
        ).fetchone()
        return row["files"], row["pages"]

    def jobs(self, retry_failed: bool = False) -> list[FileRecord]:
        """The files a run must work on: queued, pending, interrupted, and with retry_failed all failed ones."""
        condition = "status = 'failed'" if retry_failed else "status = 'failed' AND reason = 'interrupted'"
        rows = self._db.execute(
            f"SELECT * FROM files WHERE status IN ('queued', 'pending') OR ({condition}) ORDER BY path"
        )
        return [FileRecord(**row) for row in rows]

    def queued_or_indexed_path_for(self, sha256: str) -> str | None:
        row = self._db.execute(
            "SELECT path FROM files WHERE sha256 = ? AND status IN ('indexed', 'queued', 'pending') "
            "OR (sha256 = ? AND status = 'failed' AND reason = 'interrupted') ORDER BY path LIMIT 1",
            (sha256, sha256),
        ).fetchone()
        return row["path"] if row else None

    def withdraw(self, doc_id: str, reason: str) -> None:
        """Record the withdrawal (not yet purged) and forget the extracted text, in one transaction."""
        now = dt.datetime.now(dt.timezone.utc).isoformat()
        with self._db:
            self._db.execute(
                "INSERT INTO withdrawn (id, reason, withdrawn_at, title, purged_at) "
                "VALUES (?, ?, ?, (SELECT title FROM documents WHERE id = ?), NULL) "
                "ON CONFLICT(id) DO UPDATE SET reason = excluded.reason, purged_at = NULL",
                (doc_id, reason, now, doc_id),
            )
            self._db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            # Its dossier is assembled again without it (and its copies in every generation replaced).
            self._db.execute(
                "UPDATE dossiers SET stale = 1 WHERE id IN (SELECT dossier FROM dossier_members WHERE doc_id = ?)",
                (doc_id,),
            )
            self._db.execute("DELETE FROM dossier_members WHERE doc_id = ?", (doc_id,))
            self._db.execute("DELETE FROM woo_facts WHERE doc_id = ?", (doc_id,))
            self._db.execute(
                "UPDATE files SET status = 'withdrawn', reason = 'withdrawn', detail = ?, updated_at = ? "
                "WHERE sha256 = ?",
                (reason, now, doc_id),
            )

    def withdrawal(self, doc_id: str) -> tuple[str, str] | None:
        row = self._db.execute("SELECT reason, withdrawn_at FROM withdrawn WHERE id = ?", (doc_id,)).fetchone()
        return (row["reason"], row["withdrawn_at"]) if row else None

    def withdrawals(self) -> list[Withdrawal]:
        rows = self._db.execute(
            "SELECT id, reason, withdrawn_at, title, purged_at FROM withdrawn ORDER BY withdrawn_at"
        )
        return [Withdrawal(**row) for row in rows]

    def unpurged(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT id FROM withdrawn WHERE purged_at IS NULL ORDER BY id")]

    def mark_purged(self, doc_ids: list[str]) -> None:
        now = dt.datetime.now(dt.timezone.utc).isoformat()
        with self._db:
            self._db.executemany("UPDATE withdrawn SET purged_at = ? WHERE id = ?", [(now, i) for i in doc_ids])
        # Old copies of pages live on in the write-ahead log until it is checkpointed and cut back.
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def paths_of(self, doc_id: str) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT path FROM files WHERE sha256 = ?", (doc_id,))]

    def unwithdraw(self, doc_id: str) -> None:
        with self._db:
            self._db.execute("DELETE FROM withdrawn WHERE id = ?", (doc_id,))

    def records(self) -> list[FileRecord]:
        return [FileRecord(**row) for row in self._db.execute("SELECT * FROM files ORDER BY path")]

    def failures(self) -> list[FileRecord]:
        rows = self._db.execute("SELECT * FROM files WHERE status = 'failed' ORDER BY path")
        return [FileRecord(**row) for row in rows]

    def failure_reasons(self) -> dict[str, int]:
        rows = self._db.execute(
            "SELECT reason, COUNT(*) AS n FROM files WHERE status = 'failed' GROUP BY reason ORDER BY n DESC"
        )
        return {row["reason"]: row["n"] for row in rows}

    # -- Woo dossiers ------------------------------------------------------------------------------------------------

    def set_member(self, doc_id: str, dossier: str, role: str, source: str) -> None:
        """Record a membership and mark the dossiers it leaves and joins stale, in one transaction. An
        archivist's correction is kept against every other source."""
        current = self.member(doc_id)
        if current and current[2] == "correction" and source != "correction":
            return
        with self._db:
            self._db.execute(
                "UPDATE dossiers SET stale = 1 WHERE id IN (SELECT dossier FROM dossier_members WHERE doc_id = ?)",
                (doc_id,),
            )
            self._db.execute(
                "INSERT OR REPLACE INTO dossier_members (doc_id, dossier, role, source) VALUES (?, ?, ?, ?)",
                (doc_id, dossier, role, source),
            )
            self._mark_stale([dossier])

    def drop_member(self, doc_id: str) -> None:
        """A document belongs to no dossier (any more); the one it left is assembled again."""
        with self._db:
            self._db.execute(
                "UPDATE dossiers SET stale = 1 WHERE id IN (SELECT dossier FROM dossier_members WHERE doc_id = ?)",
                (doc_id,),
            )
            self._db.execute("DELETE FROM dossier_members WHERE doc_id = ?", (doc_id,))

    def _mark_stale(self, dossier_ids: list[str]) -> None:
        self._db.executemany(
            "INSERT INTO dossiers (id, stale) VALUES (?, 1) ON CONFLICT(id) DO UPDATE SET stale = 1",
            [(d,) for d in dossier_ids],
        )

    def member(self, doc_id: str) -> tuple[str, str, str] | None:
        """(dossier, role, source) of a document."""
        row = self._db.execute("SELECT dossier, role, source FROM dossier_members WHERE doc_id = ?", (doc_id,))
        found = row.fetchone()
        return (found["dossier"], found["role"], found["source"]) if found else None

    def members(self, dossier: str) -> list[tuple[str, str, str]]:
        """(doc_id, role, source) of a dossier's members that are in the ledger."""
        rows = self._db.execute(
            "SELECT doc_id, role, source FROM dossier_members WHERE dossier = ? "
            "AND doc_id IN (SELECT id FROM documents) ORDER BY doc_id",
            (dossier,),
        )
        return [(r["doc_id"], r["role"], r["source"]) for r in rows]

    def save_woo_facts(self, doc_id: str, facts: str) -> None:
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO woo_facts (doc_id, json) VALUES (?, ?)", (doc_id, facts))

    def woo_facts(self, doc_id: str) -> str | None:
        row = self._db.execute("SELECT json FROM woo_facts WHERE doc_id = ?", (doc_id,)).fetchone()
        return row["json"] if row else None

    def save_inventory_file(self, path: str, dossier: str, rows: str, mtime: float) -> None:
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO inventory_files (path, dossier, rows, mtime) VALUES (?, ?, ?, ?)",
                (path, dossier, rows, mtime),
            )
            self._mark_stale([dossier])

    def inventory_file(self, path: str) -> tuple[str, float | None] | None:
        row = self._db.execute("SELECT dossier, mtime FROM inventory_files WHERE path = ?", (path,)).fetchone()
        return (row["dossier"], row["mtime"]) if row else None

    def inventory_files(self, dossier: str) -> list[tuple[str, str]]:
        """(path, rows JSON) of the spreadsheets read for a dossier."""
        rows = self._db.execute("SELECT path, rows FROM inventory_files WHERE dossier = ? ORDER BY path", (dossier,))
        return [(r["path"], r["rows"]) for r in rows]

    def indexed_in_folder(self, folder: str) -> list[str]:
        """The ids of the documents indexed from files directly in `folder`."""
        prefix = folder.rstrip("/") + "/"
        rows = self._db.execute(
            "SELECT path, sha256 FROM files WHERE status = 'indexed' AND path >= ? AND path < ? ORDER BY path",
            (prefix, prefix[:-1] + "0"),  # "0" sorts right after "/": the range of paths under the folder
        )
        return list(dict.fromkeys(r["sha256"] for r in rows if "/" not in r["path"][len(prefix) :]))

    def stale_dossiers(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT id FROM dossiers WHERE stale = 1 ORDER BY id")]

    def save_dossier(self, dossier: Dossier) -> None:
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO dossiers (id, json, stale) VALUES (?, ?, 0)",
                (dossier.id, dossier.model_dump_json()),
            )

    def forget_dossier(self, dossier_id: str) -> None:
        with self._db:
            self._db.execute("DELETE FROM dossiers WHERE id = ?", (dossier_id,))

    def dossiers(self) -> Iterator[Dossier]:
        for row in self._db.execute("SELECT json FROM dossiers WHERE json IS NOT NULL ORDER BY id"):
            yield Dossier.model_validate_json(row["json"])

    def dossier_count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM dossiers WHERE json IS NOT NULL").fetchone()[0]

"""Error reports from visitors ("Meld een fout"): what is wrong with a document, an optional contact, and what
became of it.

Written by the web, read and settled by archivists with `openarchief reports`; a small SQLite file in the data
dir, or a table in the database of OPENARCHIEF_DATABASE_URL (search/database.py). A report is `nieuw`,
`in_behandeling`, `gecorrigeerd` or `afgewezen` (with a reason); the document page and the API show the status
of every report that is not new, with its date, never the reporter's message or contact.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

from . import database
from .database import TEXT
from .settings import Settings

FILE_NAME = "reports.sqlite3"
MAX_MESSAGE = 5000
MAX_CONTACT = 200


STATUSES = {
    "nieuw": "nieuw",
    "in_behandeling": "in behandeling",
    "gecorrigeerd": "gecorrigeerd",
    "afgewezen": "afgewezen",
}


class Report(BaseModel):
    id: int
    document_id: str
    message: str
    contact: str | None
    created_at: str
    status: str = "nieuw"
    status_at: str | None = None
    reason: str | None = None  # why it was rejected, or what was corrected


class PublicStatus(BaseModel):
    """What the public may know of a report: no message, no contact."""

    id: int
    status: str
    status_at: str | None
    reason: str | None


_tables = sa.MetaData()
sa.Table(
    "reports",
    _tables,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", TEXT, nullable=False),
    sa.Column("message", TEXT, nullable=False),
    sa.Column("contact", TEXT),
    sa.Column("created_at", TEXT, nullable=False),
    sa.Column("status", TEXT, nullable=False, server_default="nieuw"),
    sa.Column("status_at", TEXT),
    sa.Column("reason", TEXT),
)


def _first_version(conn: Connection) -> None:
    for statement in database.create_statements(_tables):
        conn.execute(statement)
    # reports made before statuses existed are new
    database.add_missing_columns(
        conn, "reports", {"status": "TEXT NOT NULL DEFAULT 'nieuw'", "status_at": "TEXT", "reason": "TEXT"}
    )


# Append a step for each change of the schema; never change one that has been released.
MIGRATIONS = [_first_version]


class Reports:
    """The reports on one engine: `Reports.open(settings)` for the archive's."""

    def __init__(self, engine: Engine, own: bool = False):
        self._engine = engine
        self._own = own
        with database.reachable():
            database.migrate(engine, "reports", MIGRATIONS)

    @classmethod
    def open(cls, settings: Settings) -> Reports:
        if settings.database_url:
            return cls(database.shared_engine(settings.database_url))
        return cls(database.sqlite_engine(settings.data_dir / FILE_NAME), own=True)

    def close(self) -> None:
        if self._own:
            self._engine.dispose()

    def add(self, document_id: str, message: str, contact: str | None) -> None:
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        with database.reachable(), database.transaction(self._engine) as conn:
            conn.execute(
                database.sql(
                    "INSERT INTO reports (document_id, message, contact, created_at) "
                    "VALUES (:document_id, :message, :contact, :now)"
                ),
                {
                    "document_id": document_id,
                    "message": message[:MAX_MESSAGE],
                    "contact": (contact or None) and contact[:MAX_CONTACT],
                    "now": now,
                },
            )

    def count(self) -> int:
        with database.reachable(), self._engine.connect() as conn:
            return conn.execute(database.sql("SELECT COUNT(*) FROM reports")).scalar_one()

    def all(self, status: str | None = None) -> list[Report]:
        where = "" if status is None else " WHERE status = :status"
        with self._engine.connect() as conn:
            rows = conn.execute(database.sql(f"SELECT * FROM reports{where} ORDER BY id"), {"status": status})
            return [Report(**row._mapping) for row in rows]

    def set_status(self, report_id: int, status: str, reason: str | None = None) -> Report:
        """Settle a report; KeyError for an unknown report, ValueError for an unknown status or a rejection
        without a reason."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}: choose from {', '.join(STATUSES)}")
        if status == "afgewezen" and not (reason or "").strip():
            raise ValueError("a rejected report needs a reason")
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        with database.transaction(self._engine) as conn:
            row = conn.execute(
                database.sql(
                    "UPDATE reports SET status = :status, status_at = :now, reason = :reason WHERE id = :id RETURNING *"
                ),
                {"status": status, "now": now, "reason": (reason or "").strip()[:MAX_MESSAGE] or None, "id": report_id},
            ).first()
        if row is None:
            raise KeyError(report_id)
        return Report(**row._mapping)

    @staticmethod
    def public_of(settings: Settings, document_id: str) -> list[PublicStatus]:
        """The settled reports of a document, as the public may see them. Read only: nothing is created and no
        table changed, since many page views ask at once."""
        if settings.database_url:
            engine = database.shared_engine(settings.database_url)
        else:
            path = settings.data_dir / FILE_NAME
            if not path.is_file():
                return []
            engine = _read_only(path)
        try:
            with database.reachable(), engine.connect() as conn:
                rows = conn.execute(
                    database.sql(
                        "SELECT id, status, status_at, reason FROM reports "
                        "WHERE document_id = :id AND status != 'nieuw' ORDER BY id"
                    ),
                    {"id": document_id},
                )
                return [PublicStatus(**row._mapping) for row in rows]
        except (OperationalError, ProgrammingError) as exc:
            if database.is_connection_error(exc):
                raise
            return []  # no report made yet (no table), or one from before statuses (no such column)


_read_only_engines: dict[Path, Engine] = {}


def _read_only(path: Path) -> Engine:
    """One read-only engine per reports file for the web's page views (not one per view)."""
    engine = _read_only_engines.get(path)
    if engine is None:
        engine = _read_only_engines.setdefault(path, database.sqlite_engine(path, read_only=True))
    return engine

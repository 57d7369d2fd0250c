"""Error reports from visitors ("Meld een fout"): what is wrong with a document, an optional contact, and what
became of it.

Written by the web, read and settled by archivists with `openarchief reports`; a small SQLite file in the data
dir. A report is `nieuw`, `in_behandeling`, `gecorrigeerd` or `afgewezen` (with a reason); the document page and
the API show the status of every report that is not new, with its date, never the reporter's message or contact.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from pydantic import BaseModel

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


class Reports:
    def __init__(self, data_dir: Path):
        data_dir.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(data_dir / "reports.sqlite3", timeout=30)
        self._db.row_factory = sqlite3.Row
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS reports (id INTEGER PRIMARY KEY, document_id TEXT NOT NULL, "
            "message TEXT NOT NULL, contact TEXT, created_at TEXT NOT NULL)"
        )
        present = {row["name"] for row in self._db.execute("PRAGMA table_info(reports)")}
        with self._db:  # reports made before statuses existed are new
            for column, kind in (
                ("status", "TEXT NOT NULL DEFAULT 'nieuw'"),
                ("status_at", "TEXT"),
                ("reason", "TEXT"),
            ):
                if column not in present:
                    self._db.execute(f"ALTER TABLE reports ADD COLUMN {column} {kind}")

    def close(self) -> None:
        self._db.close()

    def add(self, document_id: str, message: str, contact: str | None) -> None:
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        with self._db:
            self._db.execute(
                "INSERT INTO reports (document_id, message, contact, created_at) VALUES (?, ?, ?, ?)",
                (document_id, message[:MAX_MESSAGE], (contact or None) and contact[:MAX_CONTACT], now),
            )

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM reports").fetchone()[0]

    def all(self, status: str | None = None) -> list[Report]:
        if status is None:
            rows = self._db.execute("SELECT * FROM reports ORDER BY id")
        else:
            rows = self._db.execute("SELECT * FROM reports WHERE status = ? ORDER BY id", (status,))
        return [Report(**row) for row in rows]

    def set_status(self, report_id: int, status: str, reason: str | None = None) -> Report:
        """Settle a report; KeyError for an unknown report, ValueError for an unknown status or a rejection
        without a reason."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}: choose from {', '.join(STATUSES)}")
        if status == "afgewezen" and not (reason or "").strip():
            raise ValueError("a rejected report needs a reason")
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        with self._db:
            changed = self._db.execute(
                "UPDATE reports SET status = ?, status_at = ?, reason = ? WHERE id = ?",
                (status, now, (reason or "").strip()[:MAX_MESSAGE] or None, report_id),
            ).rowcount
        if not changed:
            raise KeyError(report_id)
        return Report(**self._db.execute("SELECT * FROM reports WHERE id = ?", (report_id,)).fetchone())

    @staticmethod
    def public_of(data_dir: Path, document_id: str) -> list[PublicStatus]:
        """The settled reports of a document, as the public may see them. Read only: nothing is created and no
        table changed, since many page views ask at once."""
        path = data_dir / "reports.sqlite3"
        if not path.is_file():
            return []
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        db.row_factory = sqlite3.Row
        try:
            columns = {row["name"] for row in db.execute("PRAGMA table_info(reports)")}
            if "status" not in columns:
                return []
            rows = db.execute(
                "SELECT id, status, status_at, reason FROM reports WHERE document_id = ? AND status != 'nieuw' "
                "ORDER BY id",
                (document_id,),
            )
            return [PublicStatus(**row) for row in rows]
        finally:
            db.close()

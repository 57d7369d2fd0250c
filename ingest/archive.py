"""What archivists do to a whole archive, each under the archive lock: withdraw documents, rebuild the index,
roll back, drop a generation, and finish whatever a killed run left half done.

The invariants these keep, whatever runs at the same time and whatever is killed:
- every document the ledger calls `indexed` is in the generation searches use: a rebuild reads the ledger and
  switches with no ingest batch in between (both hold the lock), and a rollback writes into the older
  generation what was indexed after it stopped being the one in use;
- a withdrawn document is nowhere: the ledger forgets its text and records the withdrawal first, then it is
  purged from every generation (to the bytes on disk), the blob store and the archive's own copies, and only
  then marked purged; a run killed in between is finished by the next one that takes the lock.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path
from typing import Iterable, Iterator, TypeVar

from openarchief.search import EngineUnavailable, Generation, Index, Settings, atomic, corrections, status
from openarchief.search.blobs import open_blob_store
from openarchief.search.corrections import CORRECTABLE, MEMBERSHIP
from openarchief.search.model import Document, dossier_key
from openarchief.search.page_images import PageImageCache
from openarchief.search.reports import Reports

from .backup_withdrawals import reach_backups
from .ledger import Ledger
from .lock import archive_lock, ensure_held
from .woo.dossiers import Dossiers

T = TypeVar("T")

MIN_PREFIX = 8  # the shortest id prefix `withdraw` accepts: fewer hex digits are too easily mistyped into another


class UnknownDocument(ValueError):
    """An id that names no document, or a prefix that names none or several."""


class Archive:
    def __init__(self, settings: Settings, index: Index | None = None, ledger: Ledger | None = None):
        self.settings = settings
        self.index = index or Index(settings)
        self._own_ledger = ledger is None
        self.ledger = ledger or Ledger.open(settings)
        self.blobs = open_blob_store(settings)
        self.page_images = PageImageCache(settings.data_dir / "page-images", settings.page_image_cache_mb << 20)
        self.unreached_backups: list[str] = []  # a line for each registered backup the last purge did not reach

    def close(self) -> None:
        if self._own_ledger:
            self.ledger.close()

    def lock(self, command: str):
        return archive_lock(self.settings, command, self.settings.lock_timeout)

    def ensure_held(self) -> None:
        """LockLost if the archive lock this run holds was taken from it (ingest/lock.py)."""
        ensure_held(self.settings)

    def _fenced(self, items: Iterable[T]) -> Iterator[T]:
        """`items`, then a last look at the lock: what a rebuild or rollback switches to only once they are all
        written, so a run that lost the lock meanwhile stops before the switch."""
        yield from items
        self.ensure_held()

    # -- after a kill ----------------------------------------------------------------------------------------------

    def recover(self) -> None:
        """Finish what a killed run left: withdrawals not yet purged, temporary files, half-built generations.
        Call it holding the lock."""
        atomic.remove_leftovers(self.settings.data_dir)
        unpurged = self.ledger.unpurged()
        if unpurged:
            self._purge(unpurged)
        self.refresh_dossiers()
        self.index.prune(self.settings.keep_generations)

    def refresh_dossiers(self) -> None:
        """Assemble the dossiers a change touched (new members, a withdrawal) and index them with their
        members. Call it holding the lock."""
        dossiers = Dossiers(self.ledger)
        items = dossiers.assemble()
        if items:
            self.index.index(items)
            dossiers.saved(items)

    # -- withdrawing -----------------------------------------------------------------------------------------------

    def resolve(self, given: str) -> str:
        """The one document id `given` names: a whole id, or a prefix of at least MIN_PREFIX hex digits that
        matches exactly one document."""
        value = given.strip().lower()
        if not re.fullmatch(r"[0-9a-f]+", value) or len(value) > 64:
            raise UnknownDocument(
                f"{given!r} is not a document id (64 hexadecimal digits, or the first {MIN_PREFIX} or more of them)"
            )
        if len(value) < MIN_PREFIX:
            raise UnknownDocument(f"{given!r} is too short: give at least {MIN_PREFIX} digits of the id")
        found = self.ledger.known_ids(value)
        if not found:
            raise UnknownDocument(f"no document in the archive has the id {given}")
        if len(found) > 1:
            raise UnknownDocument(f"{given} matches {len(found)} documents: give more digits of the id")
        return found[0]

    def withdraw(self, doc_ids: list[str], reason: str) -> list[str]:
        """Take documents out of the archive for good (`ingest --force` alone brings one back); returns the
        ids. Raises UnknownDocument before anything is changed when any id names no document."""
        if not reason.strip():
            raise ValueError("a withdrawal needs a reason")
        ids = list(dict.fromkeys(self.resolve(given) for given in doc_ids))
        with self.lock("withdraw"):
            self.ensure_held()  # an ingest batch between its check of withdrawals and its `indexed` must not meet it
            for doc_id in ids:
                self.ledger.withdraw(doc_id, reason.strip())
            # The public learns of the removal at once (the web answers 410), even before the purge is done.
            status.save(self.settings, self.ledger.status())
            self._purge(self.ledger.unpurged())
        return ids

    def _purge(self, doc_ids: list[str]) -> None:
        # The dossiers they belonged to go from every generation too (their member lists name them); the one in
        # use gets them back, assembled without the withdrawn documents, right after.
        self.index.purge(doc_ids + [dossier_key(d) for d in self.ledger.stale_dossiers()])
        self.refresh_dossiers()
        data_dir = self.settings.data_dir.resolve()
        for doc_id in doc_ids:
            self.blobs.remove(doc_id)
            self.page_images.purge(doc_id)
            # The archive's own copies (harvested files, the demo corpus) go too; an archivist's folders stay.
            for path in map(Path, self.ledger.paths_of(doc_id)):
                if path.resolve().is_relative_to(data_dir):
                    path.unlink(missing_ok=True)
        self.unreached_backups = reach_backups(self.ledger, self.index, doc_ids)
        self.ledger.mark_purged(doc_ids)

    # -- corrections -----------------------------------------------------------------------------------------------

    def correct(self, given: str, values: dict[str, str], reason: str, report: int | None = None) -> Document:
        """Correct fields of a document by hand (values: field -> what was typed, a code or a label); applied to
        the index at once and kept in the ledger, so it outlives a re-ingest, a reindex and a migration.
        ValueError for a value no list knows or a missing reason, UnknownDocument for an unknown id."""
        if not reason.strip():
            raise ValueError("a correction needs a reason (--reason)")
        unknown = set(values) - set(CORRECTABLE)
        if unknown or not values:
            raise ValueError(f"correct one or more of: {', '.join(CORRECTABLE)}")
        checked = {field: corrections.validated(field, value) for field, value in values.items()}
        doc_id = self.resolve(given)
        with self.lock("correct"):
            if self.ledger.document(doc_id) is None:
                raise UnknownDocument(f"{given} is no document of the archive (withdrawn?)")
            membership = {f: v for f, v in checked.items() if f in MEMBERSHIP}
            current = self.ledger.member(doc_id)
            self.ledger.add_corrections(doc_id, checked, reason.strip(), report, member=current)
            if membership:
                dossier = membership.get("dossier") or (current[0] if current else None)
                if dossier is None:
                    raise ValueError("a role needs a dossier: give --dossier too")
                role = membership.get("role") or (current[1] if current else "overig")
                self.ledger.set_member(doc_id, dossier, role, "correction")
                self.refresh_dossiers()  # the dossiers it left and joined, with their members
            doc = self._store_and_index(doc_id)
        if report is not None:
            self._settle_report(report, f"gecorrigeerd: {', '.join(checked)} ({reason.strip()})")
        return doc

    def undo_correction(self, given: str, field: str) -> Document:
        """Take back the correction of one field: the value it replaced returns."""
        doc_id = self.resolve(given)
        with self.lock("correct --undo"):
            undone = self.ledger.undo_correction(doc_id, field)
            if undone is None:
                raise ValueError(f"{field} of {doc_id[:12]} is not corrected")
            if field in MEMBERSHIP:
                self._restore_membership(doc_id, field, undone.previous, undone.previous_source)
                return self._store_and_index(doc_id)
            doc = self.ledger.document(doc_id)
            if doc is None:
                raise UnknownDocument(given)
            provenance = {k: v for k, v in doc.provenance.items() if k != field}
            if undone.previous_source:
                provenance[field] = undone.previous_source  # type: ignore[assignment]
            value = undone.previous
            restored = doc.model_copy(
                update={
                    field: dt.date.fromisoformat(value) if field == "date" and value else value,
                    "provenance": provenance,
                }
            )
            self.ledger.save_document(restored)
            return self._store_and_index(doc_id)

    def _restore_membership(self, doc_id: str, field: str, previous, source: str | None) -> None:
        current = self.ledger.member(doc_id)
        self.ledger.drop_member(doc_id)
        dossier = previous if field == "dossier" else (current[0] if current else None)
        role = previous if field == "role" else (current[1] if current else None)
        if dossier and role:
            self.ledger.set_member(doc_id, dossier, role, source or "sidecar")
        else:
            # In no dossier now: it no longer says it is in one (its assembly wrote that on it).
            doc = self.ledger.document(doc_id)
            if doc is not None:
                cleared: dict[str, object] = {"dossier": None, "dossier_title": None, "role": None, "judgement": []}
                self.ledger.save_document(doc.model_copy(update=cleared))
        self.refresh_dossiers()

    def _store_and_index(self, doc_id: str) -> Document:
        kept = self.ledger.document(doc_id)
        doc = self.ledger.save_document(kept) if kept else None
        assert doc is not None  # under the archive's lock: no withdrawal in between
        self.index.index([doc])
        status.save(self.settings, self.ledger.status())
        return doc

    def _settle_report(self, report: int, note: str) -> None:
        reports = Reports.open(self.settings)
        try:
            reports.set_status(report, "gecorrigeerd", note)
        finally:
            reports.close()

    # -- generations -----------------------------------------------------------------------------------------------

    def reindex(self) -> Generation:
        """Rebuild the index from the documents kept in the ledger, beside the one in use; searches switch to it
        only when it is complete and checked. Older generations past the ones to keep are deleted."""
        with self.lock("reindex"):
            self.recover()
            everything = itertools.chain(self.ledger.documents(), self.ledger.dossiers())
            generation = self.index.rebuild(self._fenced(everything), expected=self.ledger.document_count())
            self.index.prune(self.settings.keep_generations)
            return generation

    def rollback(self) -> Generation:
        """Switch back to the newest complete generation before the current one, having first written into it
        what was indexed after it went out of use, so that nothing the ledger calls indexed goes missing (and a
        kill before the switch leaves the generation in use as it was)."""
        with self.lock("reindex --rollback"):
            self.recover()
            # It holds what was indexed until searches moved away from it; what came after is written back.
            # Dossiers are few: all of them go back, as assembled now.
            return self.index.rollback(
                lambda generation: self._fenced(
                    itertools.chain(
                        self.ledger.documents_indexed_since(generation.retired_at or generation.built_at),
                        self.ledger.dossiers(),
                    )
                )
            )

    def drop(self, name: str) -> None:
        with self.lock("reindex --drop"):
            self.index.drop(name)

    def generations(self) -> list[Generation]:
        return self.index.generations()


def recover_if_reachable(archive: Archive) -> None:
    """`recover`, unless the engine is down: an ingest then still queues and extracts (keeping documents
    pending), and the next run recovers."""
    try:
        archive.recover()
    except EngineUnavailable:
        pass

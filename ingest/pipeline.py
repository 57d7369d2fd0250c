"""From files to indexed documents: queue them in the ledger, work on them in a pool of worker processes (each
file with a time limit and a memory cap), write the results to the index in batches, record every outcome.

A run can be killed at any moment: whatever is not `indexed` in the ledger is taken up by the next run, a
document already extracted is not extracted again, and writes are idempotent by id, so every file ends up
indexed exactly once.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import multiprocessing.forkserver
import os
import signal
import time
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures import as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Protocol, Sequence

from pebble import ProcessExpired, ProcessPool

from openarchief.search import Document, EngineUnavailable, Index, Settings, status
from openarchief.search.blobs import open_blob_store, sha256_of
from openarchief.search.errors import StorageError, storage_problem
from openarchief.search.failures import Failure, Reason

from .archive import Archive, recover_if_reachable
from .ledger import FileRecord, Ledger
from .process import Done, Job, OcrMode, limit_memory, process_file
from .sources import SourceFile, iter_files
from .woo.dossiers import Dossiers

BATCH_SIZE = 50
QUEUE_CHUNK = 500  # files looked up in the ledger at once while queueing
CLAIM_SIZE = 100  # files a worker sharing a database takes from the queue at a time


@dataclass
class Outcome:
    path: str
    relative: str
    status: str  # indexed | failed | skipped | withdrawn | unchanged | pending
    reason: str | None = None
    detail: str | None = None
    pages: int = 0


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def pages(self) -> int:
        return sum(o.pages for o in self.outcomes if o.status == "indexed")


class Progress(Protocol):
    def start(self, total: int) -> None: ...

    def advance(self, outcome: Outcome) -> None: ...


class _Silent:
    def start(self, total: int) -> None:
        pass

    def advance(self, outcome: Outcome) -> None:
        pass


def parse_shard(value: str | None) -> tuple[int, int] | None:
    """ "i/n" (1 <= i <= n): this machine takes the files whose id falls in shard i of n."""
    if not value:
        return None
    try:
        i, n = (int(part) for part in value.split("/"))
    except ValueError:
        raise ValueError(f"--shard takes i/n, e.g. 1/3; not {value!r}") from None
    if not 1 <= i <= n:
        raise ValueError(f"--shard {value}: i must be between 1 and n")
    return i, n


def in_shard(sha256: str, shard: tuple[int, int] | None) -> bool:
    return shard is None or int(sha256[:16], 16) % shard[1] == shard[0] - 1


def _worker_context() -> multiprocessing.context.BaseContext:
    """Workers fork from a clean server process, not from this one with its engine threads; the server has
    loaded their code and data once (ingest/preload.py), and __main__ (the CLI) once, not per worker."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", "openarchief.ingest.preload"])
    return context


class Ingestor:
    def __init__(
        self,
        settings: Settings,
        index: Index,
        extractor: str | None = None,
        *,
        workers: int | None = None,
        ocr: OcrMode = "auto",
        timeout: float | None = None,
    ):
        self.settings = settings
        self.index = index
        self.extractor = extractor or settings.extractor
        self.workers = workers or settings.workers or os.cpu_count() or 1
        self.ocr = ocr
        self.timeout = timeout or settings.file_timeout
        self.ledger = Ledger.open(settings)
        self.blobs = open_blob_store(settings)
        self.archive = Archive(settings, index, self.ledger)
        self.dossiers = Dossiers(self.ledger)
        self._woo_facts: dict[str, dict] = {}  # what the workers read about Woo dossiers, until written

    def close(self) -> None:
        self.ledger.close()

    # -- queueing ------------------------------------------------------------------------------------------------

    def queue(
        self, paths: Iterable[Path], *, shard: tuple[int, int] | None = None, force: bool = False
    ) -> list[Outcome]:
        """Register files in the ledger as queued; returns the outcomes decided without a worker."""
        decided: list[Outcome] = []
        sources = iter_files(list(paths))
        while chunk := list(itertools.islice(sources, QUEUE_CHUNK)):
            decided += self._queue_chunk(chunk, shard, force)
        return decided

    def _queue_chunk(self, chunk: Sequence[SourceFile], shard, force: bool) -> list[Outcome]:
        """A few hundred files at a time, with one ledger look-up of each kind for all of them (per file, the
        ledger's statements cost more than hashing a small PDF) and their rows written in one transaction."""
        decided: list[Outcome] = []
        records: list[tuple[str, str, dict]] = []
        known = self.ledger.files([str(source.path) for source in chunk])
        looked = []
        for source in chunk:
            key = str(source.path)
            seen = known.get(key)
            try:
                stat = source.path.stat()
                if seen and seen.status == "indexed" and seen.size == stat.st_size and seen.mtime == stat.st_mtime:
                    decided.append(Outcome(key, source.relative, "unchanged"))
                    continue
                sha = sha256_of(source.path) if stat.st_size else None
            except OSError as exc:
                records.append(
                    (key, "failed", dict(relative=source.relative, reason=Reason.unreadable, detail=str(exc)))
                )
                decided.append(Outcome(key, source.relative, "failed", Reason.unreadable, str(exc)))
                continue
            if sha and not in_shard(sha, shard):
                decided.append(Outcome(key, source.relative, "skipped", "other_shard"))
                continue
            values = dict(relative=source.relative, sha256=sha, size=stat.st_size, mtime=stat.st_mtime)
            looked.append((source, seen, sha, values))
        shas = [sha for _, _, sha, _ in looked if sha]
        withdrawn = self.ledger.withdrawals_of(shas)
        twins = self.ledger.queued_or_indexed_paths_for(shas)
        queueing = []
        for source, seen, sha, values in looked:
            key = str(source.path)
            if sha and sha in withdrawn:
                if not force:
                    reason, at = withdrawn[sha]
                    detail = f"withdrawn on {at[:10]}: {reason} (ingest --force brings it back)"
                    records.append((key, "withdrawn", dict(reason="withdrawn", detail=detail, **values)))
                    decided.append(Outcome(key, source.relative, "withdrawn", "withdrawn", detail))
                    continue
                self.ledger.unwithdraw(sha)
                del withdrawn[sha]
            if sha:
                twin = twins.get(sha)  # the first by path; a file queued just before in this chunk counts too
                if twin and twin != key:
                    detail = f"same content as {twin}"
                    records.append((key, "skipped", dict(reason="duplicate", detail=detail, **values)))
                    decided.append(Outcome(key, source.relative, "skipped", "duplicate", detail))
                    continue
                twins[sha] = key
            queueing.append((key, seen, values, source))
        self.ledger.record_all(records)
        queued = self.ledger.enqueue_all([(key, seen, values) for key, seen, values, _ in queueing])
        for (key, _, _, source), ok in zip(queueing, queued):
            if not ok:
                # Another worker sharing the ledger queued or indexed this file since it was looked at: theirs.
                decided.append(Outcome(key, source.relative, "skipped", "taken"))
        return decided

    # -- working -------------------------------------------------------------------------------------------------

    def run(
        self,
        paths: Iterable[Path] = (),
        progress: Progress | None = None,
        *,
        shard: tuple[int, int] | None = None,
        retry_failed: bool = False,
        force: bool = False,
    ) -> Summary:
        """Queue `paths`, then work until the queue is empty."""
        progress = progress or _Silent()
        started = time.monotonic()
        summary = Summary()
        if shard and self.settings.database_url:
            raise ValueError("with a shared database workers share one queue: --shard is for a SQLite ledger")
        # One machine claims the whole queue at once; workers sharing a database take a few files at a time, so
        # that the others get the rest.
        claim = CLAIM_SIZE if self.settings.database_url else None
        # The workers' server loads what they need (0.6 s of imports, ingest/preload.py) while this process hashes
        # and queues the files, instead of after: a run of a few thousand short files took a third longer.
        _worker_context()
        multiprocessing.forkserver.ensure_running()
        with self.archive.lock("ingest"):
            recover_if_reachable(self.archive)
            decided = self.queue(paths, shard=shard, force=force)
            jobs = self._claimed(claim, shard, retry_failed)
        progress.start(len(decided) + len(jobs))

        def report(outcome: Outcome) -> None:
            summary.outcomes.append(outcome)
            progress.advance(outcome)

        for outcome in decided:
            report(outcome)
        try:
            while jobs:
                self._work(jobs, report)
                jobs = self._claimed(claim, shard, retry_failed)
                progress.start(len(summary.outcomes) + len(jobs))
        finally:
            with self.archive.lock("ingest"):
                try:
                    self.dossiers.settle_folders()
                    with contextlib.suppress(EngineUnavailable):  # they stay stale: the next run assembles them
                        self.archive.refresh_dossiers()
                finally:
                    status.save(self.settings, self.ledger.status())
        summary.seconds = time.monotonic() - started
        return summary

    def _claimed(self, limit: int | None, shard, retry_failed: bool) -> list[FileRecord]:
        return [job for job in self.ledger.claim(limit, retry_failed) if in_shard(job.sha256 or "0", shard)]

    def _work(self, jobs: list[FileRecord], report) -> None:
        batch: list[tuple[FileRecord, Document, dict]] = []
        to_extract = []
        # A document extracted by an earlier run (then killed, or the engine was down) is not extracted again.
        kept = self.ledger.documents_of([job.sha256 for job in jobs if job.sha256])
        for job in jobs:
            if job.sha256 in kept:
                batch.append((job, kept[job.sha256], {}))
            else:
                to_extract.append(job)
        # Failed until it is indexed: a crash in between leaves a trace, not a gap.
        self.ledger.record_all(
            [
                (
                    job.path,
                    "failed",
                    dict(
                        reason=Reason.interrupted,
                        detail="ingest stopped before it finished",
                        relative=job.relative,
                        sha256=job.sha256,
                        size=job.size,
                        mtime=job.mtime,
                    ),
                )
                for job in to_extract
            ]
        )
        pool = ProcessPool(
            max_workers=self.workers,
            initializer=limit_memory,
            initargs=(self.settings.worker_memory_mb,),
            context=_worker_context(),
        )
        try:
            futures: dict[Any, FileRecord] = {
                pool.schedule(process_file, args=(self._job(job),), timeout=self.timeout): job for job in to_extract
            }
            if len(batch) >= BATCH_SIZE:
                report_all(self._flush(batch), report)
            done: list[tuple[FileRecord, Done]] = []
            for future in as_completed(futures):
                job = futures[future]
                result = self._result(future)
                if isinstance(result, Failure):
                    self.ledger.record(
                        job.path, "failed", reason=result.reason, detail=result.detail, extractor=self.extractor
                    )
                    report(Outcome(job.path, job.relative or job.path, "failed", result.reason, result.detail))
                    continue
                done.append((job, result))
                if len(done) + len(batch) >= BATCH_SIZE:
                    report_all(self._keep(done, batch) + self._flush(batch), report)
            report_all(self._keep(done, batch) + self._flush(batch), report)
        except BaseException:
            pool.stop()
            raise
        finally:
            pool.close()
            pool.join()

    def _keep(
        self, done: list[tuple[FileRecord, Done]], batch: list[tuple[FileRecord, Document, dict]]
    ) -> list[Outcome]:
        """Keep what the workers read in the ledger, all at once, and move it to the batch to index."""
        items, done[:] = list(done), []
        # Indexed as the archive keeps it: an archivist's corrections outlive a new extraction of the file.
        kept = self.ledger.save_documents([result.document for _, result in items], extracted=True)
        outcomes = []
        for (job, result), document in zip(items, kept):
            if document is None:  # withdrawn while it was being read
                outcomes.append(self._withdrawn_meanwhile(job))
                continue
            if result.woo is not None:
                self._woo_facts[document.id] = result.woo
            batch.append((job, document, {"extract_ms": result.extract_ms, "extractor": self.extractor}))
        return outcomes

    def _job(self, record: FileRecord) -> Job:
        return Job(
            path=Path(record.path),
            relative=record.relative or Path(record.path).name,
            sha256=record.sha256 or "",
            blobs=self.blobs,
            extractor=self.extractor,
            ocr=self.ocr,
            max_bytes=self.settings.max_file_mb * 1_000_000,
            analyse=self.settings.engine == "embedded",
        )

    def _result(self, future) -> Done | Failure:
        try:
            return future.result()
        except FutureTimeout:
            return Failure(Reason.timeout, f"extraction took longer than {self.timeout:g} s and was stopped")
        except ProcessExpired as exc:
            if exc.exitcode in (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGKILL):
                # PDFium aborts when an allocation fails under the worker's address-space cap.
                return Failure(
                    Reason.memory_limit,
                    f"the worker was stopped (signal {-exc.exitcode}), most likely at "
                    f"its memory limit of {self.settings.worker_memory_mb} MB",
                )
            return Failure(Reason.crashed, f"the worker died on this file (exit code {exc.exitcode})")
        except MemoryError:
            return Failure(Reason.memory_limit, "the file needed more memory than a worker may use")
        except Exception as exc:  # a bug or a library's surprise on one file must not stop the run
            problem = storage_problem(exc)
            if problem:  # ...but a full or read-only disk fails every file alike: stop, and retry them next run
                raise StorageError(f"{problem}: {exc}") from exc
            return Failure(Reason.error, f"{type(exc).__name__}: {exc}")

    def _withdrawn_meanwhile(self, job: FileRecord) -> Outcome:
        # The worker may have stored the blob after the withdrawal removed it.
        self.blobs.remove(job.sha256)
        detail = "withdrawn while this run read it"
        self.ledger.record(job.path, "withdrawn", reason="withdrawn", detail=detail)
        return Outcome(job.path, job.relative or job.path, "withdrawn", "withdrawn", detail)

    def _flush(self, batch: list[tuple[FileRecord, Document, dict]]) -> list[Outcome]:
        if not batch:
            return []
        items, batch[:] = list(batch), []
        # Under the lock, the index write and the ledger's `indexed` are one step to a reindex or a withdrawal.
        with self.archive.lock("ingest"):
            self.archive.ensure_held()
            withdrawn = self.ledger.withdrawals_of([doc.id for _, doc, _ in items])
            outcomes = [self._withdrawn_meanwhile(job) for job, doc, _ in items if doc.id in withdrawn]
            return outcomes + self._write([item for item in items if item[1].id not in withdrawn])

    def _write(self, items: list[tuple[FileRecord, Document, dict]]) -> list[Outcome]:
        if not items:
            return []
        started = time.monotonic()
        try:
            refused = dict(self.index.index([doc for _, doc, _ in items]))
        except EngineUnavailable as exc:
            # Nothing is lost: the documents wait in the ledger and the next run writes them.
            for job, doc, values in items:
                self.ledger.record(
                    job.path,
                    "pending",
                    reason=Reason.engine_unavailable,
                    detail=str(exc),
                    pages=doc.page_count,
                    needs_ocr=len(doc.needs_ocr),
                    **values,
                )
            raise EngineUnavailable(f"{exc} ({len(items)} files kept pending: run ingest again)") from exc
        index_ms = (time.monotonic() - started) * 1000 / len(items)
        outcomes = []
        records: list[tuple[str, str, dict]] = []
        for job, doc, values in items:
            common = dict(pages=doc.page_count, needs_ocr=len(doc.needs_ocr), **values)
            name = job.relative or job.path
            if doc.id in refused:
                records.append(
                    (job.path, "failed", dict(reason=Reason.index_rejected, detail=refused[doc.id], **common))
                )
                outcomes.append(Outcome(job.path, name, "failed", Reason.index_rejected, refused[doc.id]))
            else:
                records.append((job.path, "indexed", dict(index_ms=index_ms, **common)))
                outcomes.append(Outcome(job.path, name, "indexed", pages=doc.page_count))
        # Written to the index, not yet `indexed` in the ledger: a run that lost the lock meanwhile (a reindex may
        # have read the ledger since) stops here, and its files wait for the next run.
        self.archive.ensure_held()
        self.ledger.record_all(records)
        # Dossier memberships found now are assembled and indexed at the end of the run (or by the next one).
        indexed = [(job, doc) for job, doc, _ in items if doc.id not in refused]
        facts = {doc.id: found for _, doc in indexed if (found := self._woo_facts.pop(doc.id, None)) is not None}
        self.dossiers.discover([doc for _, doc in indexed], {doc.id: job.path for job, doc in indexed}, facts)
        return outcomes


def report_all(outcomes: list[Outcome], report) -> None:
    for outcome in outcomes:
        report(outcome)

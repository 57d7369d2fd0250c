"""Every public behaviour of the ledger, the error reports and the status figures, the same on both backends:
SQLite files in the data dir and a PostgreSQL database (a fresh one per test, on the server scripts/test
starts)."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time

import pytest

from openarchief.ingest.ledger import MIGRATIONS, Ledger
from openarchief.search import Settings, status
from openarchief.search.model import Document, Dossier, Page
from openarchief.search.reports import Reports
from openarchief.search.status import ArchiveStatus, Removal


@pytest.fixture
def settings(tmp_path, database_url) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url=database_url)


@pytest.fixture
def ledger(settings):
    opened = Ledger.open(settings)
    yield opened
    opened.close()


def doc(n: int, **fields) -> Document:
    values: dict = {
        "id": f"{n:064x}",
        "title": f"Besluit {n}",
        "pages": [Page(number=1, text="een"), Page(number=2, text="twee", ocr=True)],
        "organisation": "mnre1034",
        "date": dt.date(2020 + n % 3, 1, 1),
    }
    return Document(**(values | fields))


def indexed(ledger: Ledger, document: Document, path: str, extracted: bool = False) -> Document:
    saved = ledger.save_document(document, extracted)
    assert saved is not None
    ledger.record(path, "indexed", sha256=document.id, size=10, mtime=1.5, pages=document.page_count, needs_ocr=1)
    return saved


def test_files_are_recorded_and_queued(ledger):
    ledger.record("/in/a.pdf", "queued", relative="a.pdf", sha256="ab" * 32, size=3_000_000_000, mtime=1.25)
    ledger.record("/in/b.pdf", "failed", reason="not_pdf", detail="HTML")
    ledger.record("/in/c.pdf", "failed", reason="interrupted")
    ledger.record("/in/d.pdf", "pending", sha256="cd" * 32)
    ledger.record("/in/e.pdf", "skipped", reason="duplicate")
    found = ledger.get("/in/a.pdf")
    assert found is not None and (found.status, found.size, found.mtime, found.needs_ocr) == ("queued", 3e9, 1.25, 0)
    assert ledger.get("/in/none.pdf") is None
    assert [j.path for j in ledger.jobs()] == ["/in/a.pdf", "/in/c.pdf", "/in/d.pdf"]
    assert [j.path for j in ledger.jobs(retry_failed=True)] == ["/in/a.pdf", "/in/b.pdf", "/in/c.pdf", "/in/d.pdf"]
    assert ledger.counts() == {"queued": 1, "failed": 2, "pending": 1, "skipped": 1}
    assert ledger.failure_reasons() == {"interrupted": 1, "not_pdf": 1}
    assert [f.path for f in ledger.failures()] == ["/in/b.pdf", "/in/c.pdf"]
    # Recording again changes the row, and what is not given again is kept (reason and detail are reset).
    ledger.record("/in/b.pdf", "indexed", sha256="ef" * 32)
    again = ledger.get("/in/b.pdf")
    assert again is not None and (again.status, again.reason, again.detail) == ("indexed", None, None)
    assert [r.path for r in ledger.records()] == ["/in/a.pdf", "/in/b.pdf", "/in/c.pdf", "/in/d.pdf", "/in/e.pdf"]
    assert ledger.indexed_ids() == {"ef" * 32}


def test_files_are_looked_up_and_recorded_a_batch_at_a_time(ledger):
    ledger.record_all(
        [
            ("/in/a.pdf", "queued", {"sha256": "ab" * 32}),
            ("/in/b.pdf", "failed", {"reason": "interrupted", "sha256": "ab" * 32}),
            ("/in/c.pdf", "skipped", {"reason": "duplicate", "sha256": "cd" * 32}),
            ("/in/d.pdf", "failed", {"reason": "not_pdf", "sha256": "ef" * 32}),
        ]
    )
    # For each content, the first file by path that holds it and is (to be) indexed: its twin.
    assert ledger.queued_or_indexed_paths_for(["ab" * 32, "cd" * 32, "ef" * 32, "00" * 32]) == {"ab" * 32: "/in/a.pdf"}
    ledger.record("/in/0.pdf", "pending", sha256="ab" * 32)
    assert ledger.queued_or_indexed_paths_for(["ab" * 32]) == {"ab" * 32: "/in/0.pdf"}
    assert set(ledger.files(["/in/a.pdf", "/in/none.pdf", "/in/c.pdf"])) == {"/in/a.pdf", "/in/c.pdf"}
    assert ledger.files(["/in/b.pdf"])["/in/b.pdf"] == ledger.get("/in/b.pdf")
    many = [f"/in/{n}.pdf" for n in range(1200)]  # more than one IN (...) takes
    assert set(ledger.files(many)) == {"/in/0.pdf"}
    # enqueue_all: each file's compare-and-set on its own, in one transaction.
    seen = ledger.get("/in/d.pdf")
    assert ledger.enqueue_all(
        [("/in/d.pdf", seen, {"sha256": "ef" * 32}), ("/in/a.pdf", None, {}), ("/in/new.pdf", None, {})]
    ) == [True, False, True]
    assert [ledger.get(p).status for p in ("/in/d.pdf", "/in/a.pdf", "/in/new.pdf")] == ["queued"] * 3  # type: ignore[union-attr]
    assert ledger.withdrawals_of(["ab" * 32, "cd" * 32]) == {}
    ledger.withdraw("cd" * 32, "test")
    assert ledger.withdrawals_of(["ab" * 32, "cd" * 32]) == {"cd" * 32: ledger.withdrawal("cd" * 32)}
    assert ledger.withdrawals_of(["cd" * 32])["cd" * 32][0] == "test"
    assert ledger.record_all([]) is None and ledger.enqueue_all([]) == []
    kept = ledger.save_document(doc(0, id="ab" * 32))
    assert ledger.documents_of(["ab" * 32, "cd" * 32]) == {"ab" * 32: kept}


def test_a_run_claims_the_queue_once_and_a_file_changed_meanwhile_is_not_queued_again(settings, ledger):
    for name in "abcd":
        assert ledger.enqueue(f"/in/{name}.pdf", None, sha256=name * 64)
    assert not ledger.enqueue("/in/a.pdf", None, sha256="a" * 64)  # queued meanwhile by another worker
    seen = ledger.get("/in/b.pdf")
    ledger.record("/in/b.pdf", "indexed", sha256="b" * 64)  # ...and this one indexed meanwhile
    assert not ledger.enqueue("/in/b.pdf", seen, sha256="b" * 64)
    assert ledger.get("/in/b.pdf").status == "indexed"  # type: ignore[union-attr]
    fresh = ledger.get("/in/c.pdf")
    assert ledger.enqueue("/in/c.pdf", fresh, sha256="c" * 64)

    assert [j.path for j in ledger.claim(2)] == ["/in/a.pdf", "/in/c.pdf"]
    assert [j.path for j in ledger.claim()] == ["/in/d.pdf"]
    ledger.record("/in/a.pdf", "failed", reason="interrupted")
    assert ledger.claim() == []  # this run's own claims are not taken again, failed or not
    assert {j.claimed_by for j in ledger.jobs()} == {ledger.claimant}

    other = Ledger.open(settings)
    try:
        taken = [j.path for j in other.claim()]
    finally:
        other.close()
    if settings.database_url:
        assert taken == []  # the first run still lives: its claims hold
    else:
        assert taken == ["/in/a.pdf", "/in/c.pdf", "/in/d.pdf"]  # one machine: no run's claim is checked


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_the_claims_of_a_run_that_died_lapse_at_once(settings, ledger):
    """On PostgreSQL a claim is the claimant's database session: when its process dies the server ends the
    session, and another worker takes its files without waiting for a lease. (A SQLite ledger checks no claim
    of another run.)"""
    for name in "abc":
        ledger.enqueue(f"/in/{name}.pdf", None, sha256=name * 64)
    first, second = Ledger.open(settings), Ledger.open(settings)
    try:
        mine = [j.path for j in first.claim(2)]
        theirs = [j.path for j in second.claim(2)]
        assert mine == ["/in/a.pdf", "/in/b.pdf"] and theirs == ["/in/c.pdf"]  # never the same file
        assert second.claim() == []
        first.close()  # as a kill -9 does: the session ends (the server notices within milliseconds)
        deadline = time.monotonic() + 5
        while not (taken := second.claim()) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert [j.path for j in taken] == ["/in/a.pdf", "/in/b.pdf"]
    finally:
        second.close()


def test_workers_claiming_at_once_never_share_a_file(settings, ledger):
    for n in range(200):
        ledger.enqueue(f"/in/{n:03}.pdf", None, sha256=f"{n:064x}")
    runs = [Ledger.open(settings) for _ in range(4)]
    taken: list[list[str]] = [[] for _ in runs]

    def work(number: int) -> None:
        while claimed := runs[number].claim(7):
            taken[number] += [j.path for j in claimed]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(len(runs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for run in runs:
        run.close()
    every = [path for paths in taken for path in paths]
    if settings.database_url:
        assert sorted(every) == [f"/in/{n:03}.pdf" for n in range(200)]  # each file exactly once
        assert sum(1 for paths in taken if paths) >= 2
    else:
        assert set(every) == {f"/in/{n:03}.pdf" for n in range(200)}


def test_documents_are_kept_with_their_history(ledger):
    first = doc(1)
    saved = indexed(ledger, first, "/in/a.pdf", extracted=True)
    assert [e.kind for e in saved.history] == ["opgenomen"]
    again = ledger.save_document(first, extracted=True)
    assert again is not None and [e.kind for e in again.history] == ["opgenomen", "opnieuw_gelezen"]
    kept = ledger.document(first.id)
    assert kept is not None and kept.title == "Besluit 1" and len(kept.history) == 2
    indexed(ledger, doc(2, date=None, organisation=None), "/in/b.pdf")
    assert [d.id for d in ledger.documents()] == [doc(1).id, doc(2).id]
    assert ledger.document_count() == 2
    assert ledger.document("0" * 64) is None
    assert ledger.known_ids("0" * 60) == [doc(1).id, doc(2).id]
    assert ledger.known_ids("0" * 63 + "2") == [doc(2).id]
    assert ledger.known_ids("%") == [] and ledger.known_ids("") == []
    assert {d.id for d in ledger.documents_indexed_since(None)} == {doc(1).id, doc(2).id}
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=1)
    assert list(ledger.documents_indexed_since(later)) == []


def test_status_counts_what_is_indexed(ledger):
    indexed(ledger, doc(1), "/in/a.pdf")
    indexed(ledger, doc(2, date=None, organisation=None), "/in/b.pdf")
    ledger.save_document(doc(3))  # kept but not indexed: not counted
    ledger.record("/in/c.pdf", "failed", reason="not_pdf")
    found = ledger.status()
    assert (found.documents, found.pages, found.ocr_documents, found.ocr_pages) == (2, 4, 2, 2)
    assert [(c.value, c.documents, c.pages) for c in found.by_organisation] == [("mnre1034", 1, 2), ("", 1, 2)]
    assert [(c.value, c.documents) for c in found.by_year] == [("2021", 1), ("", 1)]
    assert found.failures == {"not_pdf": 1}
    assert (found.needs_ocr_files, found.needs_ocr_pages) == (2, 2)
    assert [e.title for e in found.ocr_examples] == ["Besluit 1", "Besluit 2"]
    assert found.updated_at is not None and found.withdrawn == []


def test_a_withdrawal_forgets_the_text_and_wins_over_a_late_save(ledger):
    document = indexed(ledger, doc(1), "/in/a.pdf")
    ledger.set_member(document.id, "dossier-1", "bijlage", "sidecar")
    ledger.save_woo_facts(document.id, "{}")
    ledger.withdraw(document.id, "privacy")
    assert ledger.document(document.id) is None and ledger.woo_facts(document.id) is None
    assert ledger.member(document.id) is None and ledger.stale_dossiers() == ["dossier-1"]
    assert ledger.withdrawal(document.id)[0] == "privacy"  # type: ignore[index]
    file = ledger.get("/in/a.pdf")
    assert file is not None and (file.status, file.detail) == ("withdrawn", "privacy")
    assert ledger.save_document(document) is None  # read before the withdrawal, saved after it: not kept
    assert ledger.document(document.id) is None
    [withdrawal] = ledger.withdrawals()
    assert (withdrawal.title, withdrawal.purged_at) == ("Besluit 1", None)
    assert ledger.unpurged() == [document.id] and ledger.paths_of(document.id) == ["/in/a.pdf"]
    ledger.mark_purged([document.id])
    assert ledger.unpurged() == [] and ledger.withdrawals()[0].purged_at is not None
    assert ledger.status().withdrawn[0].reason == "privacy"
    ledger.unwithdraw(document.id)
    assert ledger.withdrawal(document.id) is None and ledger.save_document(document) is not None


def test_saves_and_withdrawals_at_once_never_keep_a_withdrawn_text(ledger):
    documents = [doc(n) for n in range(40)]
    for d in documents:
        ledger.save_document(d)
    saver = threading.Thread(target=lambda: [ledger.save_document(d) for d in documents])
    saver.start()
    for d in documents:
        ledger.withdraw(d.id, "test")
    saver.join()
    assert ledger.document_count() == 0


def test_corrections_are_applied_undone_and_in_the_history(ledger):
    document = indexed(ledger, doc(1, provenance={"title": "text"}), "/in/a.pdf")
    ids = ledger.add_corrections(document.id, {"title": "Juiste titel", "language": "nl"}, "typo", report=7)
    assert len(ids) == 2 and ids[0] < ids[1]
    again = ledger.add_corrections(document.id, {"title": "Nog juister"}, "beter", report=None)
    active = ledger.corrections(document.id)
    assert [(c.field, c.value) for c in active] == [("language", "nl"), ("title", "Nog juister")]
    assert active[1].id == again[0] and active[1].previous == "Besluit 1" and active[1].previous_source == "text"
    assert len(ledger.corrections(active=False)) == 3
    saved = ledger.save_document(doc(1, provenance={"title": "text"}))
    assert saved is not None and saved.title == "Nog juister"
    assert [e.kind for e in saved.history].count("gecorrigeerd") == 3
    undone = ledger.undo_correction(document.id, "title")
    assert undone is not None and undone.value == "Nog juister"
    assert ledger.undo_correction(document.id, "title") is None
    assert [c.field for c in ledger.corrections(document.id)] == ["language"]
    changed = {d.id for d in ledger.documents_indexed_since(dt.datetime.now(dt.timezone.utc))}
    assert changed == {document.id}


def test_dossiers_members_and_inventories(ledger):
    a, b = indexed(ledger, doc(1), "/in/d/a.pdf"), indexed(ledger, doc(2), "/in/d/sub/b.pdf")
    indexed(ledger, doc(3), "/in/d0.pdf")  # beside the folder, sorting right after it
    assert ledger.indexed_in_folder("/in/d") == [a.id]
    ledger.set_member(a.id, "dos-1", "besluit", "text")
    ledger.set_member(b.id, "dos-1", "bijlage", "sidecar")
    assert ledger.member(a.id) == ("dos-1", "besluit", "text")
    assert ledger.members("dos-1") == [(a.id, "besluit", "text"), (b.id, "bijlage", "sidecar")]
    ledger.set_member(a.id, "dos-1", "besluit", "correction")
    ledger.set_member(a.id, "dos-2", "bijlage", "text")  # a correction is kept against other sources
    assert ledger.member(a.id) == ("dos-1", "besluit", "correction")
    ledger.save_inventory_file("/in/d/inv.xlsx", "dos-1", "[]", 2.5)
    assert ledger.inventory_file("/in/d/inv.xlsx") == ("dos-1", 2.5)
    assert ledger.inventory_files("dos-1") == [("/in/d/inv.xlsx", "[]")]
    assert ledger.inventory_file("/none") is None
    assert ledger.stale_dossiers() == ["dos-1"]
    ledger.save_dossier(Dossier(id="dos-1", title="Woo-besluit"))
    assert ledger.stale_dossiers() == [] and [d.title for d in ledger.dossiers()] == ["Woo-besluit"]
    assert ledger.dossier_count() == 1
    ledger.drop_member(b.id)
    assert ledger.member(b.id) is None and ledger.stale_dossiers() == ["dos-1"]
    ledger.save_woo_facts(a.id, '{"a": 1}')
    ledger.save_woo_facts(a.id, '{"a": 2}')
    assert ledger.woo_facts(a.id) == '{"a": 2}'
    ledger.forget_dossier("dos-1")
    assert ledger.dossier_count() == 0 and ledger.stale_dossiers() == []


def test_a_ledger_opened_again_finds_everything(settings, ledger):
    indexed(ledger, doc(1), "/in/a.pdf")
    again = Ledger.open(settings)
    assert again.document_count() == 1 and again.counts() == {"indexed": 1}
    again.close()


def test_an_old_sqlite_ledger_is_brought_up_to_date(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    old = sqlite3.connect(path)
    # The schema of the first releases: no version table, columns added later missing.
    old.executescript(
        "CREATE TABLE files (path TEXT PRIMARY KEY, relative TEXT, sha256 TEXT, size INTEGER, mtime REAL, "
        "status TEXT NOT NULL, reason TEXT, detail TEXT, extractor TEXT, pages INTEGER, needs_ocr INTEGER DEFAULT 0, "
        "extract_ms REAL, index_ms REAL, updated_at TEXT NOT NULL);"
        "CREATE TABLE documents (id TEXT PRIMARY KEY, json TEXT NOT NULL, title TEXT, ministry TEXT, year INTEGER, "
        "pages INTEGER, ocr_pages INTEGER);"
        "CREATE TABLE withdrawn (id TEXT PRIMARY KEY, reason TEXT NOT NULL, withdrawn_at TEXT NOT NULL);"
        "INSERT INTO files (path, status, reason, updated_at) VALUES ('/a.pdf', 'skipped', 'withdrawn', 'x');"
    )
    old.close()
    ledger = Ledger(path)
    assert ledger.get("/a.pdf").status == "withdrawn"  # type: ignore[union-attr]
    assert ledger.save_document(doc(1)) is not None and ledger.document(doc(1).id) is not None
    ledger.withdraw(doc(1).id, "privacy")
    assert ledger.withdrawals()[0].title == "Besluit 1"
    ledger.close()
    db = sqlite3.connect(path)
    assert db.execute("SELECT version FROM schema_versions WHERE component = 'ledger'").fetchone() == (len(MIGRATIONS),)
    assert "claimed_by" in {row[1] for row in db.execute("PRAGMA table_info(files)")}
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    db.close()


def test_reports_are_added_settled_and_shown_without_message(settings):
    reports = Reports.open(settings)
    assert Reports.public_of(settings, "ab" * 32) == []
    reports.add("ab" * 32, "De datum klopt niet", "a@example.nl")
    reports.add("ab" * 32, "x" * 6000, None)
    reports.add("cd" * 32, "Titel", "")
    assert reports.count() == 3
    assert [len(r.message) for r in reports.all()] == [19, 5000, 5]
    assert Reports.public_of(settings, "ab" * 32) == []  # new ones are not public
    settled = reports.set_status(1, "afgewezen", "  de datum klopt wel ")
    assert (settled.status, settled.reason, settled.contact) == ("afgewezen", "de datum klopt wel", "a@example.nl")
    with pytest.raises(KeyError):
        reports.set_status(99, "in_behandeling")
    with pytest.raises(ValueError):
        reports.set_status(2, "afgewezen")
    assert [r.id for r in reports.all("nieuw")] == [2, 3]
    public = Reports.public_of(settings, "ab" * 32)
    assert [(p.id, p.status, p.reason) for p in public] == [(1, "afgewezen", "de datum klopt wel")]
    assert "message" not in public[0].model_dump()
    reports.close()
    assert Reports.open(settings).count() == 3


def test_status_is_saved_and_read_again_when_changed(settings):
    assert status.load(settings) == ArchiveStatus()
    removal = Removal(id="ab" * 32, reason="privacy", withdrawn_at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    status.save(settings, ArchiveStatus(documents=3, pages=9, withdrawn=[removal]))
    first = status.load(settings)
    assert first.documents == 3 and first.removal("ab" * 32) == removal
    assert status.load(settings) is first  # not parsed again while unchanged
    status.save(settings, ArchiveStatus(documents=4))
    assert status.load(settings).documents == 4 and status.load(settings).removal("ab" * 32) is None
    assert (settings.data_dir / status.FILE_NAME).exists() == (not settings.database_url)

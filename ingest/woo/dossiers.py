"""Assembling Woo dossiers from what ingest found: memberships given by sidecars and manifests, decision letters
and inventory tables read from the PDFs, inventory spreadsheets beside them, and ground codes stamped on the
released documents' pages.

A document joins a dossier only on evidence: a `dossier` field, being a decision letter (the dossier is named
after its organisation and kenmerk), or — in a folder that holds exactly one dossier — an inventory table of its
own, ground codes stamped on its pages, or a file name an inventory row names. A folder of unrelated PDFs beside
a decision stays unrelated.

Every change marks the dossier stale in the ledger; `assemble` builds each stale dossier again from the ledger
and gives what must be (re)indexed: the dossier and its members, whose facets (judgement, ground) come from it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

from openarchief.search.failures import Reason
from openarchief.search.model import Document, Dossier, InventoryRow, Member
from openarchief.search.woo import ROLES

from ..ledger import Ledger
from .decision import Decision
from .facts import read_facts, says_anything
from .productierapport import is_productierapport, read_productierapport
from .stamps import stamped_grounds

SPREADSHEET_SUFFIXES = (".xlsx", ".csv")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:100]


def derived_id(organisation: str | None, decision: Decision, doc_id: str) -> str:
    """A stable id for a dossier nobody named: its organisation and the decision's kenmerk (else its date and
    the decision's own id)."""
    if decision.kenmerk:
        return _slug(f"{organisation or 'onbekend'} {decision.kenmerk}")
    return _slug(f"{organisation or 'onbekend'} {decision.date or ''} {doc_id[:12]}")


def _facts(ledger: Ledger, doc: Document, known: dict | None = None) -> dict:
    """What the document's own text says: `known` (read by the worker), else kept in the ledger, else read now.
    Kept in the ledger only when it says anything: reading an ordinary document again is cheaper than a row per
    document."""
    if known is None:
        kept = ledger.woo_facts(doc.id)
        if kept is not None:
            return json.loads(kept)
    facts = known if known is not None else read_facts(doc)
    if says_anything(facts):
        ledger.save_woo_facts(doc.id, json.dumps(facts))
    return facts


def _decision(facts: dict) -> Decision | None:
    found = facts.get("decision")
    if not found:
        return None
    return Decision(**(found | {"date": dt.date.fromisoformat(found["date"]) if found.get("date") else None}))


class Dossiers:
    def __init__(self, ledger: Ledger):
        self.ledger = ledger
        self._touched: dict[Path, set[str]] = {}  # folders of documents indexed in this run, and those documents

    # -- finding members ---------------------------------------------------------------------------------------------

    def discover(self, docs: list[Document], paths: dict[str, str], facts: dict[str, dict] | None = None) -> None:
        """Record the memberships `docs` (just indexed) give themselves, and remember their folders for
        `settle_folders`. `paths` maps a document id to its file, `facts` to what its worker read (read_facts)."""
        for doc in docs:
            self._given_or_decided(doc, (facts or {}).get(doc.id))
        for doc_id, path in paths.items():
            self._touched.setdefault(Path(path).parent, set()).add(doc_id)

    def settle_folders(self) -> None:
        """At the end of a run (all of a folder's files known, in whatever order the workers finished them):
        read the inventory spreadsheets of the folders touched and let their loose documents join the folder's
        one dossier on evidence."""
        for folder in sorted(self._touched):
            self._in_folder(folder, self._touched[folder])
        self._touched.clear()

    def _given_or_decided(self, doc: Document, known: dict | None) -> None:
        if known is not None and not says_anything(known) and not doc.dossier:
            return  # an ordinary document: nothing to record, no ledger look-up
        facts = _facts(self.ledger, doc, known)
        decision = _decision(facts)
        source = doc.provenance.get("dossier")
        if doc.dossier:
            role = doc.role or ("besluit" if decision else "inventaris" if facts["rows"] else "documenten")
            self.ledger.set_member(doc.id, doc.dossier, role, source or "sidecar")
        elif decision:
            self.ledger.set_member(doc.id, derived_id(doc.organisation, decision, doc.id), "besluit", "text")

    def _in_folder(self, folder: Path, fresh: set[str]) -> None:
        ids = self.ledger.indexed_in_folder(str(folder))
        members = {doc_id: m[0] for doc_id in ids if (m := self.ledger.member(doc_id))}
        dossiers = set(members.values())
        sheets = self._spreadsheets(folder)
        if len(dossiers) > 1:
            return  # which dossier a loose file belongs to cannot be told
        dossier = next(iter(dossiers), None) or (_slug(folder.name) if sheets else None)
        if not dossier:
            return
        named: set[str] = set()
        for path in sheets:
            try:
                rows = read_productierapport(path)
            except (OSError, ValueError) as exc:  # recorded like a PDF that cannot be read, and shown on /over
                self.ledger.record(str(path), "failed", relative=path.name, reason=Reason.bad_metadata, detail=str(exc))
                continue
            self.ledger.save_inventory_file(
                str(path), dossier, json.dumps([r.model_dump(mode="json") for r in rows]), path.stat().st_mtime
            )
        for _, data in self.ledger.inventory_files(dossier):
            for row in json.loads(data):
                named |= {str(row.get("title") or "").lower(), str(row.get("document_id") or "").lower()} - {""}
        # The folder's older loose files are looked at again only when its dossier is new in this run (its
        # decision or spreadsheet just came): a big folder is not read whole for every file added to it.
        again = sheets or any(doc_id in fresh for doc_id in members)
        for doc_id in ids if again else [i for i in ids if i in fresh]:
            doc = None if doc_id in members else self.ledger.document(doc_id)
            if doc is None:
                continue
            names = {(doc.filename or "").lower(), Path(doc.filename or "").stem.lower()} - {""}
            if _facts(self.ledger, doc)["rows"]:
                self.ledger.set_member(doc.id, dossier, "inventaris", "text")
            elif names & named:
                self.ledger.set_member(doc.id, dossier, "documenten", "spreadsheet")
            elif _looks_released(doc):
                self.ledger.set_member(doc.id, dossier, "documenten", "text")

    def _spreadsheets(self, folder: Path) -> list[Path]:
        """The productierapport files of a folder not read before (or changed since)."""
        found = []
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            if path.suffix.lower() not in SPREADSHEET_SUFFIXES or not path.is_file():
                continue
            known = self.ledger.inventory_file(str(path))
            if known and known[1] == path.stat().st_mtime:
                continue
            try:
                if is_productierapport(path):
                    found.append(path)
            except (OSError, ValueError):
                continue  # not an inventory we can read: it is no part of the archive
        return found

    # -- assembling --------------------------------------------------------------------------------------------------

    def assemble(self) -> list[Document | Dossier]:
        """Every stale dossier built again from the ledger; returns what must be indexed (each dossier, one
        without members meaning "remove it", and its members with their new facets). The caller indexes them,
        then calls `saved` with the dossiers."""
        out: list[Document | Dossier] = []
        for dossier_id in self.ledger.stale_dossiers():
            dossier, docs = self._build(dossier_id)
            out.extend([*docs, dossier])
        return out

    def saved(self, items: list[Document | Dossier]) -> None:
        for item in items:
            if isinstance(item, Dossier):
                if item.members:
                    self.ledger.save_dossier(item)
                else:
                    self.ledger.forget_dossier(item.id)
            else:
                self.ledger.save_document(item)  # refused when withdrawn meanwhile: the tombstone wins

    def _build(self, dossier_id: str) -> tuple[Dossier, list[Document]]:
        docs: list[tuple[Document, str, str]] = []
        for doc_id, role, source in self.ledger.members(dossier_id):
            doc = self.ledger.document(doc_id)
            if doc:
                docs.append((doc, role if role in ROLES else "overig", source))
        dossier = Dossier(id=dossier_id, title=f"Dossier {dossier_id}", updated_at=dt.datetime.now(dt.timezone.utc))
        facts = {d.id: _facts(self.ledger, d) for d, _, _ in docs}  # read once, for the decision and the rows
        decisions = [(d, _decision(facts[d.id])) for d, role, _ in docs if role == "besluit"]
        self._describe(dossier, [(d, dec) for d, dec in decisions if dec], [d for d, _, _ in docs])
        dossier.members = [Member(id=d.id, title=d.title, role=role, source=source) for d, role, source in docs]  # type: ignore[arg-type]
        dossier.rows = self._rows(dossier_id, list(facts.values()))
        _link_sources(dossier.rows, [d for d, role, _ in docs if role == "documenten"])
        judgements = sorted({r.judgement for r in dossier.rows if r.judgement})
        grounds = list(dossier.ground_counts())
        changed = []
        for doc, role, _ in docs:
            for page in doc.pages:
                page.grounds = stamped_grounds(page.text) if role == "documenten" else []
            stamped = [g for p in doc.pages for g in p.grounds]
            doc.dossier, doc.dossier_title, doc.role = dossier.id, dossier.title, role
            doc.judgement, doc.ground = judgements, list(dict.fromkeys(grounds + stamped))
            changed.append(doc)
        return dossier, changed

    def _describe(self, dossier: Dossier, decisions: list[tuple[Document, Decision]], docs: list[Document]) -> None:
        if decisions:
            doc, decision = decisions[0]
            dossier.title, dossier.kind, dossier.kenmerk = decision.title, decision.kind, decision.kenmerk
            dossier.subject, dossier.date = decision.subject, decision.date or doc.date
            dossier.organisation = doc.organisation
            dossier.provenance = {"title": "text", "kind": "text", "kenmerk": "text", "date": "text"}
            return
        organisations = Counter(d.organisation for d in docs if d.organisation)
        dossier.organisation = organisations.most_common(1)[0][0] if organisations else None
        dates = [d.date for d in docs if d.date]
        dossier.date = max(dates) if dates else None

    def _rows(self, dossier_id: str, members_facts: list[dict]) -> list[InventoryRow]:
        rows: list[InventoryRow] = []
        for _, data in self.ledger.inventory_files(dossier_id):
            rows += [InventoryRow.model_validate(r) for r in json.loads(data)]
        if not rows:  # a spreadsheet, where there is one, is the better source than a table read from a PDF
            for facts in members_facts:
                rows += [InventoryRow.model_validate(r) for r in facts["rows"]]
        for row in rows:
            row.dossier = dossier_id
        return rows


def _looks_released(doc: Document) -> bool:
    """Redaction labels on its pages: at least two, one a lettered ground (5.1.2e, 10.2g) — a lone "5.2.1" or
    "11.1" on a line is as likely a section number."""
    stamps = [g for p in doc.pages for g in stamped_grounds(p.text)]
    return len(stamps) >= 2 and any(g[-1].isalpha() for g in stamps)


def _link_sources(rows: list[InventoryRow], released: list[Document]) -> None:
    """Point each row at the page of a released PDF where its document starts: the page whose first lines name
    the row's ID, or the PDF named after it."""
    starts: dict[str, tuple[str, int]] = {}
    for doc in released:
        stem = Path(doc.filename or "").stem.lower()
        if stem:
            starts.setdefault(stem, (doc.id, 1))
        for page in doc.pages:
            for line in page.text.splitlines()[:3]:
                for token in re.findall(r"\b\d{3,}\b", line):
                    starts.setdefault(token, (doc.id, page.number))
    for row in rows:
        key = (row.document_id or "").lower()
        found = starts.get(key) or starts.get(row.title.lower()) or starts.get(Path(row.title).stem.lower())
        if found:
            row.source_document, row.source_page = found

"""The embedded engine: a tantivy index in the data dir, no server.

Each document is indexed twice over: one "doc" entry (all pages' terms, for matching, facets and sorting; its
stored data is the document without its page texts) and one "page" entry per page with text (to name the pages a
hit was found on, and holding that page's text, so that a window of a long document is read without the rest).
A Woo dossier is a "dossier" entry and one "row" entry per inventory row. Analysis happens in Python (search.analysis)
and tantivy receives the terms through its whitespace tokenizer, so nothing depends on analyzers that must be
registered anew on every open.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import itertools
import json
import shutil
import threading
import time
from pathlib import Path
from typing import Callable, Hashable, Iterable, Iterator, Sequence

import tantivy
from tantivy import Document as TantivyDocument
from tantivy import FieldType, Order, Query

from . import _embedded_query as q
from . import analysis, atomic
from ._cache import SearchCache, facets_key
from .engine import (
    ENTRY_MODELS,
    FACET_SIZE,
    PAGE_HITS_PER_DOCUMENT,
    PARTS_MAX_ENTRIES,
    PROXIMITY_MAX_MATCHES,
    SIMILAR_MIN_SHARE,
    SIMILAR_PAGES,
    Found,
    facet_values,
    generations_to_drop,
    like_form,
    metadata_text,
    pages_to_read,
    rollback_target,
    stored_form,
    with_texts,
)
from .errors import EngineUnavailable, SchemaMismatch, SearchError, StorageError, storage_problem_at
from .model import Document, Dossier, dossier_key
from .parser import ParsedQuery
from .request import FACETS, KEYWORD_FACETS, Generation, SearchRequest, Sort, compacted_name
from .spelling import closest_word
from .vocabularies import organisations

# 2: page entries carry page and doc_key as fast fields, read without the doc store
# 3: Woo dossiers and their inventory rows as entries of their own; judgement, ground, dossier and added fields;
#    page texts stored in the page entries, not in the document's data
# 4: organisation (with successors), organisation_kind, theme and kamerstuk fields; a parliamentary paper's
#    identifiers in its text; dossier entries' organisation in `organisation` (was `ministry`)
SCHEMA_VERSION = 4
_VERSION_FILE = "openarchief-schema.json"
MISSING_DATE_NEWEST = 0
MISSING_DATE_OLDEST = 99_991_231
SIMILAR_CANDIDATES = 4  # best scoring documents whose terms are counted, per similar document asked for


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_text_field("id", stored=True, tokenizer_name="raw")
    b.add_text_field("kind", tokenizer_name="raw")
    b.add_text_field("title", tokenizer_name="whitespace", index_option="freq")
    b.add_text_field("text", tokenizer_name="whitespace", index_option="freq")
    b.add_text_field("exact", tokenizer_name="whitespace")
    for facet in KEYWORD_FACETS:
        b.add_text_field(facet, fast=True, tokenizer_name="raw")
    b.add_integer_field("year", indexed=True, fast=True)
    b.add_integer_field("date", indexed=True, fast=True)
    b.add_integer_field("date_oldest", fast=True)
    b.add_integer_field("page", indexed=True, fast=True)
    b.add_integer_field("doc_key", fast=True)
    b.add_text_field("dossier", fast=True, tokenizer_name="raw")
    b.add_text_field("kamerstuk", tokenizer_name="raw")
    b.add_integer_field("added", fast=True)  # when the document entered the archive (seconds since 1970)
    b.add_integer_field("position", fast=True)  # an inventory row's place in its dossier's inventory
    b.add_bytes_field("data", stored=True)
    b.add_bytes_field("page_text", stored=True)  # a page entry's text (UTF-8)
    return b.build()


def doc_key(doc_id: str) -> int:
    """A number for a document id, held by its page entries as a fast field: tantivy reads numeric fast
    fields for many hits at once, where reading stored fields would decompress a doc-store block per hit."""
    return int.from_bytes(hashlib.blake2b(doc_id.encode(), digest_size=8).digest(), "big") >> 1  # fits an i64


def _date_number(date: dt.date | None) -> int | None:
    return int(date.strftime("%Y%m%d")) if date else None


class EmbeddedEngine:
    """Generations: each full build of the index is a folder under the index dir; the file CURRENT names the one
    searched. A rebuild fills a new folder, then CURRENT is replaced atomically: searches never see a half
    index, and a rollback is another replace. A folder's state file says whether it is complete (built and
    checked): only a complete one is ever switched to.

    Writers (index, delete, rebuild, purge, prune) must hold the archive lock of the ingest side: this class
    assumes it is the only writer of the index dir."""

    name = "embedded"

    def __init__(self, path: Path, reload_seconds: float = 1.0, cache: SearchCache | None = None):
        self._root = Path(path)
        self._schema = _schema()
        self._reload_seconds = reload_seconds
        self._last_reload = 0.0
        self._lock = threading.Lock()
        # Held while the searcher is reloaded and its state token set, and while both are taken: a search gets a
        # searcher and the token of (at most) the state it reads, never a newer token with an older searcher.
        self._reading = threading.Lock()
        # Opened on first use, so that an index of an older schema can still be rebuilt.
        self._generation: str | None = None
        self._index: tantivy.Index | None = None
        self._token: Hashable = None  # the generation and commit the searcher reads (None: unknown, no caching)
        self.cache = cache or SearchCache(0)
        try:
            if not self._current_file.exists():
                self._root.mkdir(parents=True, exist_ok=True)
                name = self._create()
                self._mark_complete(name, 0)
                self._activate(name)
        except (OSError, ValueError) as exc:
            raise EngineUnavailable(f"cannot open the index at {self._root}: {exc}") from exc

    # -- generations ---------------------------------------------------------------------------------------------

    @property
    def _current_file(self) -> Path:
        return self._root / "CURRENT"

    def _read_current(self) -> str:
        return self._current_file.read_text().strip()

    def _create(self, name: str | None = None) -> str:
        name = name or f"gen-{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%S%f}"
        folder = self._root / name
        folder.mkdir()
        atomic.write_text(folder / _VERSION_FILE, json.dumps({"version": SCHEMA_VERSION, "complete": False}))
        return name

    def _state(self, name: str) -> dict:
        try:
            return json.loads((self._root / name / _VERSION_FILE).read_text())
        except (OSError, ValueError):
            return {}

    def _complete(self, name: str) -> bool:
        return bool(self._state(name).get("complete"))

    def _mark_complete(self, name: str, count: int) -> None:
        state = {"version": SCHEMA_VERSION, "complete": True, "count": count}
        atomic.write_text(self._root / name / _VERSION_FILE, json.dumps(state))

    def _update_state(self, name: str, **values) -> None:
        atomic.write_text(self._root / name / _VERSION_FILE, json.dumps(self._state(name) | values))

    def _activate(self, name: str, retire: bool = True) -> None:
        """Switch searches to `name`; the generation in use until now records when it stopped being written
        to (a rollback to it writes back what was indexed after that)."""
        old = self._read_current() if self._current_file.exists() else None
        atomic.write_text(self._current_file, name)
        if retire and old and old != name and (self._root / old).is_dir():
            self._update_state(old, retired_at=dt.datetime.now(dt.timezone.utc).isoformat())

    def _open(self, name: str) -> None:
        folder = self._root / name
        found = self._state(name).get("version")
        if found != SCHEMA_VERSION:
            raise SchemaMismatch(
                f"the index at {folder} has schema version {found}, this openarchief needs {SCHEMA_VERSION}: "
                "run `openarchief reindex`"
            )
        index = tantivy.Index(self._schema, path=str(folder))
        # Its searcher changes only when `_reload` says so (tantivy would otherwise follow each commit from a
        # thread of its own), so that the state token always names what the searcher reads.
        index.config_reader("manual")
        self._index = index
        self._generation = name

    def _generation_names(self) -> list[str]:
        return sorted(p.name for p in self._root.iterdir() if p.is_dir() and p.name.startswith("gen-"))

    def generations(self) -> list[Generation]:
        current = self._read_current()
        result = []
        for name in self._generation_names():
            try:
                index = tantivy.Index(self._schema, path=str(self._root / name))
                count = self._documents_in(index.searcher())
            except ValueError:
                count = None
            state = self._state(name)
            result.append(
                Generation(
                    name=name,
                    count=count,
                    current=name == current,
                    complete=bool(state.get("complete")),
                    retired_at=state.get("retired_at"),
                )
            )
        return result

    def _build(self, name: str, docs: Iterable[Document | Dossier], expected: int) -> int:
        """Fill the new generation `name` from `docs` and check it holds `expected` documents; on any failure
        the folder is removed, so that no half generation stays behind."""
        try:
            index = tantivy.Index(self._schema, path=str(self._root / name))
            with self._writing(index, 128_000_000) as writer:
                for doc in docs:
                    for entry in self._entries_of(doc):
                        writer.add_document(entry)
            index.reload()
            count = self._documents_in(index.searcher())
            if count != expected:
                raise SearchError(f"the new index holds {count} documents, {expected} were expected: not switched")
            self._mark_complete(name, count)
            return count
        except BaseException as exc:
            shutil.rmtree(self._root / name, ignore_errors=True)
            problem = storage_problem_at(self._root, exc)
            if problem:
                raise StorageError(f"{problem}: the new index could not be written") from exc
            raise

    def rebuild(self, docs: Iterable[Document | Dossier], expected: int) -> Generation:
        self._remove_incomplete()
        name = self._create()
        count = self._build(name, docs, expected)
        self._activate(name)
        self._reload(force=True)
        return Generation(name=name, count=count, current=True, complete=True)

    def rollback(self, write_back: Callable[[Generation], Iterable[Document | Dossier]]) -> Generation:
        older = rollback_target(self._generation_names(), self._read_current(), self._complete)
        if not older:
            raise SearchError("there is no older complete index to go back to")
        target = next(g for g in self.generations() if g.name == older)
        # Written before the switch: a run killed before it leaves the generation in use as it was.
        index, docs = tantivy.Index(self._schema, path=str(self._root / target.name)), iter(write_back(target))
        while batch := list(itertools.islice(docs, 200)):
            self._write(index, batch)
        self._activate(target.name)
        self._reload(force=True)
        return next(g for g in self.generations() if g.name == target.name)

    def drop(self, name: str) -> None:
        if name == self._read_current():
            raise SearchError(f"{name} is the index in use: it cannot be dropped")
        if name not in self._generation_names():
            raise SearchError(f"there is no index {name}")
        shutil.rmtree(self._root / name)

    def prune(self, keep: int) -> list[str]:
        """Delete every generation but the current one and the `keep` newest complete ones before it, and any
        incomplete one (left by a rebuild that was killed); returns the names deleted."""
        doomed = generations_to_drop(self._generation_names(), self._read_current(), self._complete, keep)
        for name in doomed:
            shutil.rmtree(self._root / name, ignore_errors=True)
        return doomed

    def purge(self, doc_ids: list[str]) -> None:
        """Remove documents from every generation, to the last byte: deleted entries stay in tantivy's segment
        files (and its term lists, which the spelling suggestions read) until a merge, so each generation that
        holds deleted entries is copied without them and the old folder removed. Repeating it after a kill
        finishes the work."""
        self._remove_incomplete()
        current = self._read_current()
        for name in self._generation_names():
            index = tantivy.Index(self._schema, path=str(self._root / name))
            with self._writing(index, 15_000_000) as writer:
                for doc_id in doc_ids:
                    writer.delete_documents_by_term("id", doc_id)
            if self.deleted_entries(name):
                self._compact(name, index, is_current=name == current)
        self._reload(force=True)

    def _remove_incomplete(self) -> None:
        current = self._read_current()
        for name in self._generation_names():
            if name != current and not self._complete(name):
                shutil.rmtree(self._root / name, ignore_errors=True)

    def deleted_entries(self, name: str) -> int:
        meta = json.loads((self._root / name / "meta.json").read_text())
        return sum((s.get("deletes") or {}).get("num_deleted_docs", 0) for s in meta.get("segments", []))

    def _compact(self, name: str, index: tantivy.Index, is_current: bool) -> None:
        """Copy generation `name` without its deleted entries to a new folder that sorts right after it (so
        rollback order is kept), switch to the copy if `name` is in use, then remove `name`."""
        copy = self._create(compacted_name(name))
        index.reload()
        searcher = index.searcher()
        query = Query.term_query(self._schema, "kind", "doc")
        expected = self._documents_in(searcher)

        dossiers = Query.term_query(self._schema, "kind", "dossier")
        dossier_count = searcher.search(dossiers, 1, count=True).count  # type: ignore[attr-defined]

        def live_documents() -> Iterator[Document | Dossier]:
            for kind, wanted, total in ((query, Document, expected), (dossiers, Dossier, dossier_count)):
                for offset in range(0, total, 500):
                    for _, address in searcher.search(kind, 500, offset=offset).hits:
                        item = self._load(searcher, address, wanted)
                        yield self._texts_filled(searcher, item, None) if wanted is Document else item

        self._build(copy, live_documents(), expected)
        # Another run that wrote into `name` meanwhile (possible only if this one lost the archive lock) would
        # lose its documents by the switch: the copy is thrown away instead, and the next run compacts again.
        index.reload()
        if self._documents_in(index.searcher()) != expected:
            shutil.rmtree(self._root / copy, ignore_errors=True)
            raise SearchError(f"{name} changed while it was copied (another run wrote to it): not switched")
        retired = self._state(name).get("retired_at")
        if retired:
            self._update_state(copy, retired_at=retired)
        if is_current:
            self._activate(copy, retire=False)  # the same contents: nothing was retired
        shutil.rmtree(self._root / name, ignore_errors=True)

    def holding(self, doc_ids: list[str]) -> dict[str, set[str]]:
        """For each generation, which of `doc_ids` it still returns."""
        found = {}
        for name in self._generation_names():
            searcher = tantivy.Index(self._schema, path=str(self._root / name)).searcher()
            ids = Query.term_set_query(self._schema, "id", doc_ids)
            query = q.combine(self._schema, "doc", [(tantivy.Occur.Must, ids)])
            hits = searcher.search(query, max(len(doc_ids), 1)).hits
            found[name] = {self._load(searcher, address).id for _, address in hits}
        return found

    # -- writing -------------------------------------------------------------------------------------------------

    def _entries(self, doc: Document) -> list[TantivyDocument]:
        date = _date_number(doc.date)
        common: dict = dict(id=doc.id, **facet_values(doc), **({"dossier": doc.dossier} if doc.dossier else {}))
        if date:
            common.update(year=doc.year, date=date)
        # Each page is analysed once; the document entry holds the pages' terms joined (the same terms in order).
        pages = [(p, *analysis.prepared_page_terms(doc, p)) for p in doc.pages]
        title_terms = analysis.index_terms(doc.title)
        ids = metadata_text(doc)
        entries = [
            TantivyDocument(
                kind="doc",
                title=title_terms,
                text=" ".join(
                    t
                    for t in [title_terms, analysis.index_terms(ids, decompound=False), *(i for _, i, _ in pages)]
                    if t
                ),
                exact=" ".join(
                    t
                    for t in [analysis.exact_terms(doc.title), analysis.exact_terms(ids), *(e for _, _, e in pages)]
                    if t
                ),
                date_oldest=date or MISSING_DATE_OLDEST,
                added=int(doc.indexed_at.timestamp()) if doc.indexed_at else 0,
                data=stored_form(doc).model_dump_json().encode(),
                **({"date": MISSING_DATE_NEWEST} | common),
            )
        ]
        for page, index_terms, exact_terms in pages:
            if page.text.strip():
                entries.append(
                    TantivyDocument(
                        kind="page",
                        page=page.number,
                        doc_key=doc_key(doc.id),
                        page_text=page.text.encode(),
                        text=index_terms,
                        exact=exact_terms,
                        **common,
                    )
                )
        return entries

    def _dossier_entries(self, dossier: Dossier) -> list[TantivyDocument]:
        """One entry for the dossier and one per inventory row, all under the dossier's key: deleting that
        term removes the lot."""
        date = _date_number(dossier.date)
        common: dict = {"id": dossier.key, "dossier": dossier.id}
        if dossier.organisation:
            common["organisation"] = organisations().lineage(dossier.organisation)
        described = " ".join(t for t in (dossier.title, dossier.subject or "", dossier.kenmerk or "") if t)
        entries = [
            TantivyDocument(
                kind="dossier",
                title=analysis.index_terms(dossier.title),
                text=analysis.index_terms(described),
                exact=analysis.exact_terms(described),
                date_oldest=date or MISSING_DATE_OLDEST,
                data=dossier.model_dump_json().encode(),
                **({"date": date, "year": dossier.year} if date else {"date": MISSING_DATE_NEWEST}),
                **common,
            )
        ]
        for position, row in enumerate(dossier.rows):
            described = " ".join(t for t in (row.title, row.number, row.document_id or "") if t)
            row_date = _date_number(row.date)
            entries.append(
                TantivyDocument(
                    kind="row",
                    title=analysis.index_terms(row.title),
                    text=analysis.index_terms(described),
                    exact=analysis.exact_terms(described),
                    position=position,
                    judgement=[row.judgement] if row.judgement else [],
                    ground=row.grounds,
                    date_oldest=row_date or MISSING_DATE_OLDEST,
                    data=row.model_dump_json().encode(),
                    **({"date": row_date, "year": row.date.year} if row.date and row_date else {}),
                    **common,
                )
            )
        return entries

    def _entries_of(self, item: Document | Dossier) -> list[TantivyDocument]:
        return self._dossier_entries(item) if isinstance(item, Dossier) else self._entries(item)

    @contextlib.contextmanager
    def _writing(self, index: tantivy.Index, heap: int) -> Iterator:
        """A writer on `index` that commits at the end of the block, or commits nothing when the block fails
        (tantivy's own `with` would commit what was added so far). The disk refusing the write (full,
        read-only) becomes StorageError."""
        try:
            with self._lock:
                writer = index.writer(heap_size=heap, num_threads=1)
                try:
                    yield writer
                    writer.commit()
                except BaseException:
                    with contextlib.suppress(Exception):
                        writer.rollback()
                    raise
                finally:
                    with contextlib.suppress(Exception):
                        writer.wait_merging_threads()  # also gives up tantivy's writer lock
        except (OSError, ValueError) as exc:
            problem = storage_problem_at(self._root, exc)
            if problem:
                raise StorageError(f"{problem}: the index could not be written") from exc
            raise

    def index(self, docs: Sequence[Document | Dossier]) -> list[tuple[str, str]]:
        """Write documents; returns the (id, reason) of each one the engine refused (none here)."""
        if not docs:
            return []
        self._reload(force=True)
        self._write(self._opened, docs)
        self._reload(force=True)
        return []

    def _write(self, index: tantivy.Index, docs: Sequence[Document | Dossier]) -> None:
        with self._writing(index, 64_000_000) as writer:
            for doc in docs:
                writer.delete_documents_by_term("id", doc.key if isinstance(doc, Dossier) else doc.id)
                if not isinstance(doc, Dossier) or doc.members:  # a dossier left without members goes
                    for entry in self._entries_of(doc):
                        writer.add_document(entry)

    def delete(self, doc_id: str) -> None:
        self._reload(force=True)
        with self._writing(self._opened, 15_000_000) as writer:
            writer.delete_documents_by_term("id", doc_id)
        self._reload(force=True)

    # -- reading -------------------------------------------------------------------------------------------------

    def _reload(self, force: bool = False) -> None:
        # Another process (ingest, reindex) may have committed or switched generations: look at most every
        # reload_seconds.
        now = time.monotonic()
        if not (force or self._index is None or now - self._last_reload >= self._reload_seconds):
            return
        with self._reading:
            for attempt in range(3):
                try:
                    current = self._read_current()
                    if current != self._generation:
                        self._token = None
                        self._open(current)
                    # Read before the reload: the searcher then reads this commit or a later one (a commit in
                    # between), so an answer kept under this token is never older than the token says.
                    token = self._commit_token(current)
                    self._opened.reload()
                    self._token = token
                    break
                except SchemaMismatch:
                    raise
                except (OSError, ValueError) as exc:
                    # A generation switched and removed between reading CURRENT and opening it: read CURRENT again.
                    if attempt == 2 or self._read_current() == self._generation:
                        raise EngineUnavailable(f"the index at {self._root} cannot be opened: {exc}") from exc
            self._last_reload = now

    def _commit_token(self, name: str) -> Hashable:
        """A token of generation `name`'s last commit, for the search cache: tantivy's opstamp grows with every
        commit (a delete-only one too), and the segments (with their deletes) change with every merge; None when
        it cannot be read (then nothing is cached)."""
        try:
            meta = json.loads((self._root / name / "meta.json").read_bytes())
            segments = tuple(
                (s["segment_id"], s["max_doc"], (s.get("deletes") or {}).get("opstamp")) for s in meta["segments"]
            )
            return name, meta["opstamp"], segments
        except (OSError, ValueError, KeyError, TypeError):
            return None

    @property
    def _opened(self) -> tantivy.Index:
        """The generation in use, opened (by `_reload`)."""
        if self._index is None:
            raise EngineUnavailable(f"the index at {self._root} is not open")
        return self._index

    def _searcher(self) -> tantivy.Searcher:
        return self._searcher_and_token()[0]

    def _searcher_and_token(self) -> tuple[tantivy.Searcher, Hashable]:
        self._reload()
        with self._reading:
            return self._opened.searcher(), self._token

    def _documents_in(self, searcher: tantivy.Searcher) -> int:
        """Documents (not their page entries) an index holds."""
        found = searcher.search(Query.term_query(self._schema, "kind", "doc"), 1, count=True)
        return found.count  # type: ignore[attr-defined]  # tantivy's stub leaves out `count`

    def count(self) -> int:
        return self._documents_in(self._searcher())

    def get(self, doc_id: str, pages: Sequence[int] | None = None) -> Document | None:
        searcher = self._searcher()
        query = q.combine(self._schema, "doc", [(tantivy.Occur.Must, Query.term_query(self._schema, "id", doc_id))])
        hits = searcher.search(query, 1).hits
        return self._texts_filled(searcher, self._load(searcher, hits[0][1]), pages) if hits else None

    def _texts_filled(self, searcher, doc: Document, pages: Sequence[int] | None) -> Document:
        """`doc` as stored, with the texts of `pages` (all when None) read from its page entries."""
        wanted = sorted(set(pages if pages is not None else (p.number for p in doc.pages)))
        if not wanted:
            return doc
        numbers = Query.range_query(self._schema, "page", FieldType.Integer, wanted[0], wanted[-1])
        clauses = [(tantivy.Occur.Must, Query.term_query(self._schema, "id", doc.id)), (tantivy.Occur.Must, numbers)]
        addresses = [a for _, a in searcher.search(q.combine(self._schema, "page", clauses), len(wanted) * 2 + 10).hits]
        texts = {}
        chosen = set(wanted)
        for number, address in zip(searcher.fast_field_values("page", addresses), addresses):
            if number in chosen:
                texts[number] = searcher.doc(address)["page_text"][0].decode()
        return with_texts(doc, texts)

    def pages_holding(self, doc_id: str, parsed: ParsedQuery, limit: int) -> tuple[list[int], int]:
        searcher = self._searcher()
        any_word = q.any_word_query(self._schema, parsed, self._common(searcher))
        if not any_word:
            return [], 0
        query = q.combine(
            self._schema, "page", any_word + [(tantivy.Occur.Must, Query.term_query(self._schema, "id", doc_id))]
        )
        found = searcher.search(query, 100_000, count=True)
        numbers = sorted(
            int(n) for n in searcher.fast_field_values("page", [a for _, a in found.hits]) if n is not None
        )
        return numbers[:limit], found.count  # type: ignore[attr-defined]

    def get_dossier(self, dossier_id: str) -> Dossier | None:
        searcher = self._searcher()
        key = Query.term_query(self._schema, "id", dossier_key(dossier_id))
        hits = searcher.search(q.combine(self._schema, "dossier", [(tantivy.Occur.Must, key)]), 1).hits
        return self._load(searcher, hits[0][1], Dossier) if hits else None

    @staticmethod
    def _load(searcher: tantivy.Searcher, address, model=Document):
        return model.model_validate_json(searcher.doc(address)["data"][0])

    @staticmethod
    def _common(searcher: tantivy.Searcher) -> Callable[[str], bool]:
        return lambda term: searcher.doc_freq("text", term) >= PARTS_MAX_ENTRIES

    def _top(
        self, searcher, query, sort: Sort, limit: int, offset: int, relevance: bool, count: bool = True, kind="doc"
    ):
        if sort is Sort.relevance and relevance:
            return searcher.search(query, limit, count=count, offset=offset)
        if kind == "row":  # without words, an inventory reads in its own order
            return searcher.search(query, limit, count, "position", offset, Order.Asc)
        if sort is Sort.added:
            return searcher.search(query, limit, count, "added", offset, Order.Desc)
        if sort is Sort.oldest:
            return searcher.search(query, limit, count, "date_oldest", offset, Order.Asc)
        return searcher.search(query, limit, count, "date", offset, Order.Desc)

    def state(self) -> Hashable:
        """The token of the index state searches read now (`_commit_token`); None: unknown."""
        return self._searcher_and_token()[1]

    def search(self, request: SearchRequest, parsed: ParsedQuery, kind: str = "doc") -> Found:
        searcher, token = self._searcher_and_token()
        schema = self._schema
        words = q.text_query(schema, parsed, self._common(searcher))
        offset = (request.page - 1) * request.size
        # The facet pass is the dearest part of a search: the next page of it, or another sort, reuses it.
        buckets, total = self.cache.get(
            "facets", token, facets_key(request, parsed, kind), lambda: self._buckets(searcher, request, words, kind)
        )
        near = total is not None and total <= PROXIMITY_MAX_MATCHES and request.effective_sort is Sort.relevance
        ranked = q.proximity_query(schema, parsed) if near else []
        query = q.combine(schema, kind, words + ranked + q.filter_clauses(schema, request))
        # The facet pass over the matches counts them too when it runs on the main query: no second count.
        result = self._top(
            searcher,
            query,
            request.effective_sort,
            request.size,
            offset,
            not parsed.is_empty,
            count=total is None,
            kind=kind,
        )
        docs = [self._load(searcher, address, ENTRY_MODELS[kind]) for _, address in result.hits]
        pages, texts = self._page_hits(searcher, parsed, docs) if kind == "doc" else ({}, {})
        return Found(
            total=result.count if total is None else total, docs=docs, pages=pages, texts=texts, buckets=buckets
        )

    def scan(self, request: SearchRequest, parsed: ParsedQuery, batch: int = 500) -> Iterator[Document]:
        """Every document that matches, newest first (or oldest first when asked), a batch at a time, on one
        searcher throughout so a commit meanwhile does not shift the batches."""
        schema, searcher = self._schema, self._searcher()
        words = q.text_query(schema, parsed, self._common(searcher))
        query = q.combine(schema, "doc", words + q.filter_clauses(schema, request))
        sort = Sort.oldest if request.sort is Sort.oldest else Sort.newest
        offset = 0
        while True:
            hits = self._top(searcher, query, sort, batch, offset, False).hits
            for _, address in hits:
                yield self._load(searcher, address)
            if len(hits) < batch:
                return
            offset += batch

    def _page_hits(
        self, searcher, parsed: ParsedQuery, docs: list[Document]
    ) -> tuple[dict[str, list[int]], dict[str, dict[int, str]]]:
        """The numbers of the pages of each document that hold any of the query's words, best first; and the
        texts of the pages each hit shows, read from those page entries."""
        pages_by_doc: dict[str, list[int]] = {d.id: [] for d in docs}
        texts: dict[str, dict[int, str]] = {d.id: {} for d in docs}
        any_word = q.any_word_query(self._schema, parsed, self._common(searcher))
        if docs and any_word:
            ids = Query.term_set_query(self._schema, "id", [d.id for d in docs])
            page_query = q.combine(self._schema, "page", any_word + [(tantivy.Occur.Must, ids)])
            addresses = [a for _, a in searcher.search(page_query, PAGE_HITS_PER_DOCUMENT * len(docs)).hits]
            by_key = {doc_key(d.id): d.id for d in docs}
            keys = searcher.fast_field_values("doc_key", addresses)
            at: dict[tuple[str, int], object] = {}
            for key, number, address in zip(keys, searcher.fast_field_values("page", addresses), addresses):
                pages_by_doc[by_key[key]].append(number)
                at[(by_key[key], number)] = address
            for doc_id, numbers in pages_by_doc.items():
                for number in pages_to_read(numbers):
                    texts[doc_id][number] = searcher.doc(at[(doc_id, number)])["page_text"][0].decode()
        return pages_by_doc, texts

    def _buckets(
        self, searcher, request: SearchRequest, words, kind: str = "doc"
    ) -> tuple[dict[str, list[tuple[str, int]]], int | None]:
        """The facet buckets, and the number of matches when the facets' pass counted them (else None)."""

        # A facet's counts ignore its own filter, so choosing one ministry still shows the others' counts.
        def aggregate(facets: list[str], without: str | None, count: bool = False) -> dict:
            query = q.combine(self._schema, kind, words + q.filter_clauses(self._schema, request, without))
            aggs: dict[str, dict] = {f: {"terms": {"field": f, "size": FACET_SIZE}} for f in facets}
            if count:  # every doc, dossier and row entry has date_oldest (a stand-in when the date is unknown)
                aggs["_total"] = {"value_count": {"field": "date_oldest"}}
            return searcher.aggregate(query, aggs)

        active = [f for f in FACETS if request.filters().get(f)]
        results = aggregate([f for f in FACETS if f not in active], None, True) if len(active) < len(FACETS) else {}
        total = int(results["_total"]["value"]) if "_total" in results else None
        for facet in active:
            results |= aggregate([facet], facet)
        buckets = {
            facet: [(str(b["key"]), b["doc_count"]) for b in results.get(facet, {}).get("buckets", [])]
            for facet in FACETS
        }
        return buckets, total

    # -- vocabulary ----------------------------------------------------------------------------------------------

    def knows(self, word: str) -> bool:
        return self._searcher().doc_freq("exact", word) > 0

    def closest(self, word: str) -> str | None:
        """The most frequent word of the archive within a small edit distance of `word`."""
        candidates = dict(self._searcher().terms_with_prefix("exact", word[0], limit=20_000))
        return closest_word(word, candidates)

    # -- similar documents ---------------------------------------------------------------------------------------

    def similar(self, doc_id: str, size: int) -> list[Document]:
        searcher = self._searcher()
        own = Query.term_query(self._schema, "id", doc_id)
        hits = searcher.search(q.combine(self._schema, "doc", [(tantivy.Occur.Must, own)]), 1).hits
        if not hits:
            return []
        pages = range(1, SIMILAR_PAGES + 1)
        doc = like_form(self._texts_filled(searcher, self._load(searcher, hits[0][1]), pages))
        # The terms the doc entry is indexed with (its title's, then its pages'), of its first pages.
        title = analysis.index_terms(doc.title)
        text = " ".join(t for t in [title, *(analysis.index_terms(p.text) for p in doc.pages)] if t)
        like = q.more_like(self._schema, title, text, searcher.num_docs)
        # The document holds every term of its own query; another must hold SIMILAR_MIN_SHARE of them, counted as
        # OpenSearch's minimum_should_match counts (rounded down, at least one). tantivy's query has no such
        # minimum: the terms a document holds are read from the query's explanation of its score.
        needed = max(1, int(q.terms_held(like, searcher, hits[0][1]) * SIMILAR_MIN_SHARE))
        # Only the best scoring candidates are counted: one that holds enough terms but scores below all of them (a
        # long document: its length lowers its score) is left out.
        others = q.combine(self._schema, "doc", [(tantivy.Occur.Must, like), (tantivy.Occur.MustNot, own)])
        found = []
        for _, address in searcher.search(others, size * SIMILAR_CANDIDATES).hits:
            if q.terms_held(like, searcher, address) >= needed:
                found.append(self._load(searcher, address))
                if len(found) == size:
                    break
        return found

    # -- backup --------------------------------------------------------------------------------------------------

    def snapshot(self, location: Path, name: str) -> None:
        # Every generation, so that a rollback works after a restore too. The caller holds the archive lock: no
        # writer changes a segment file while it is copied.
        shutil.copytree(self._root, Path(location) / name)

    def purge_snapshot(self, location: Path, name: str, doc_ids: list[str]) -> bool:
        copy = Path(location) / name
        if not (copy / "CURRENT").is_file():  # not a copy of an index: never create one there
            return False
        EmbeddedEngine(copy, reload_seconds=0).purge(doc_ids)
        return True

    def restore_snapshot(self, location: Path, name: str) -> None:
        if self._generation_names() and self._documents_in(self._searcher()):
            raise SearchError(f"the index at {self._root} is not empty: restore only into an empty archive")
        shutil.rmtree(self._root)
        shutil.copytree(Path(location) / name, self._root)
        with self._reading:
            self._index = self._generation = self._token = None
        self.cache.clear()

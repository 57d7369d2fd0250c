"""The OpenSearch engine: for archives that outgrow one machine.

Searches go to a read alias; each generation is an index `<alias>-v<schema>-<time>` created from the JSON
definition in index_mappings/. A rebuild fills a new generation and moves the alias in one atomic call.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Callable, Generator, Iterable, Iterator, Sequence

import opensearchpy
import urllib3
from opensearchpy import OpenSearch, Urllib3HttpConnection, helpers
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential

from . import _opensearch_query as q
from . import analysis, budget
from .engine import (
    ENTRY_MODELS,
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
from .errors import EngineUnavailable, SchemaMismatch, SearchError
from .model import DOSSIER_KEY_PREFIX, Document, Dossier, dossier_key
from .parser import ParsedQuery
from .request import FACETS, Generation, SearchRequest, Sort, compacted_name
from .settings import Settings
from .spelling import closest_word
from .vocabularies import organisations

# 2: Woo dossiers and inventory rows; judgement, ground, dossier, indexed_at
# 3: organisation (with successors), organisation_kind, theme, kamerstuk; identifiers in the text
SCHEMA_VERSION = 3
BULK_CHUNK = 200
BULK_RETRIES = 5
REINDEX_TIMEOUT = 3600  # seconds a generation's copy (on withdrawal) may take: a whole index travels


def load_definition(version: int = SCHEMA_VERSION, folder: Traversable | None = None) -> dict:
    """The index definition `index_mappings/v<version>.json`; a file that does not parse is a clear error."""
    path = (folder or resources.files("openarchief.index_mappings")).joinpath(f"v{version}.json")
    try:
        definition = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SearchError(f"index mapping {path} cannot be read: {exc}") from exc
    definition.pop("_comment", None)
    return definition


def _unavailable(exc: BaseException) -> bool:
    if isinstance(exc, (opensearchpy.ConnectionError, opensearchpy.ConnectionTimeout)):
        return True
    return isinstance(exc, opensearchpy.TransportError) and exc.status_code in (429, 502, 503, 504)


# Overload and outages get a few tries with growing pauses before the caller is told the engine is gone.
_with_backoff = retry(
    retry=retry_if_exception(_unavailable),
    wait=wait_exponential(multiplier=0.5, max=8),
    stop=stop_after_attempt(4),
    reraise=True,
)


def _body(doc: Document) -> dict:
    # What the archive knows of it (identifiers, the names of its type and publisher) leads the text, with its
    # joined words ("wobverzoek" of a type's name) but not its compound parts, as in the embedded engine.
    metadata = metadata_text(doc)
    full_text = "\n".join([metadata, *(p.text for p in doc.pages)])
    # Each page's compound parts are found once; the document's are the pages' joined.
    pages = [(p, analysis.compound_parts(p.text)) for p in doc.pages if p.text.strip()]
    title_parts = analysis.compound_parts(doc.title)
    body = {
        "id": doc.id,
        "kind": "doc",
        # The title's compound parts go with it, as in the embedded engine: a part boosts like the title does.
        "title": doc.title + "\n" + title_parts,
        "text": doc.title + "\n" + full_text,
        "parts": " ".join(t for t in [title_parts, analysis.joined_parts(metadata), *(p for _, p in pages)] if t),
        "exact": doc.title + "\n" + full_text,
        "pages": [{"number": p.number, "text": p.text, "parts": parts, "exact": p.text} for p, parts in pages],
        "document": stored_form(doc).model_dump(mode="json"),
    }
    body |= facet_values(doc)
    if doc.date:
        body["date"] = doc.date.isoformat()
        body["year"] = str(doc.date.year)
    if doc.dossier:
        body["dossier"] = doc.dossier
    if doc.indexed_at:
        body["indexed_at"] = doc.indexed_at.isoformat()
    return body


def _described(texts: Iterable[str | None]) -> dict:
    """The word fields of a dossier's or a row's entry."""
    text = "\n".join(t for t in texts if t)
    return {"text": text, "parts": analysis.compound_parts(text), "exact": text}


def _dated(date: dt.date | None) -> dict:
    return {"date": date.isoformat(), "year": str(date.year)} if date else {}


def _dossier_actions(index: str, dossier: Dossier) -> list[dict]:
    """The dossier's entry and one per inventory row, all carrying the dossier id (deleted together by it)."""
    common: dict = {"dossier": dossier.id}
    if dossier.organisation:
        common["organisation"] = organisations().lineage(dossier.organisation)
    head = {
        "id": dossier.key,
        "kind": "dossier",
        "title": dossier.title,
        **_described([dossier.title, dossier.subject, dossier.kenmerk]),
        **_dated(dossier.date),
        **common,
        "dossier_data": dossier.model_dump(mode="json"),
    }
    actions = [{"_index": index, "_id": dossier.key, "_source": head}]
    for position, row in enumerate(dossier.rows):
        body = {
            "id": dossier.key,
            "kind": "row",
            "title": row.title,
            **_described([row.title, row.number, row.document_id]),
            **_dated(row.date),
            **common,
            "position": position,
            "judgement": [row.judgement] if row.judgement else [],
            "ground": row.grounds,
            "row": row.model_dump(mode="json"),
        }
        actions.append({"_index": index, "_id": f"{dossier.key}#{position}", "_source": body})
    return actions


def _dossier_entries(dossier_ids: list[str]) -> dict:
    return {"bool": {"filter": [{"terms": {"kind": ["dossier", "row"]}}, {"terms": {"dossier": dossier_ids}}]}}


def _actions_ahead(index: str, docs: Iterable[Document | Dossier]) -> Generator[dict, None, None]:
    """Bulk actions for `docs`, in order, each built in a thread up to one bulk request ahead of the sending.

    Building a body is Python work (the compound parts of every word) and a bulk request mostly waits for the
    node: built ahead, the two overlap instead of taking turns.
    """

    def actions(doc: Document | Dossier) -> list[dict]:
        if isinstance(doc, Dossier):
            return _dossier_actions(index, doc) if doc.members else []
        return [{"_index": index, "_id": doc.id, "_source": _body(doc)}]

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="bulk-bodies") as pool:
        ahead: deque[Future] = deque()
        for doc in docs:
            ahead.append(pool.submit(actions, doc))
            if len(ahead) > BULK_CHUNK:
                yield from ahead.popleft().result()
        while ahead:
            yield from ahead.popleft().result()


class _BudgetedConnection(Urllib3HttpConnection):
    """Within a web request's time budget (search.budget) every try, on this node or on the next one after a
    failure, waits at most what is left of it, connecting and reading together. A node slow to accept (its queue
    full, the connection made on the SYN's second try a second later) must not then get the whole budget again
    to answer, nor a second node the budget once more."""

    def perform_request(self, method, url, params=None, body=None, timeout=None, ignore=(), headers=None):
        left = budget.remaining()
        if left is not None:
            if left <= 0.05:
                # Not a TransportError: the client neither marks this node dead nor tries the next one.
                raise EngineUnavailable("OpenSearch did not answer within the time budget of this request")
            timeout = urllib3.Timeout(total=min(left, timeout or self.timeout))
        return super().perform_request(method, url, params, body, timeout=timeout, ignore=ignore, headers=headers)


class OpenSearchEngine:
    name = "opensearch"

    def __init__(self, settings: Settings):
        self._alias = settings.opensearch_index
        self._shards = settings.opensearch_shards
        self._replicas = settings.opensearch_replicas
        hosts = [h.strip() for h in settings.opensearch_url.split(",") if h.strip()]
        self._client = OpenSearch(
            hosts=hosts,
            timeout=settings.opensearch_timeout,
            # With several nodes, a request that finds one down (refused, timed out, 502-504) goes to the next
            # one, each node at most once; the client then leaves the failed node out for a while (dead_timeout).
            # Back-off on top (tenacity) is for writes only (`_call(..., patient=True)`). A single node is not
            # asked again by the client; within a web request all tries share its time budget.
            max_retries=len(hosts) - 1,
            retry_on_timeout=len(hosts) > 1,
            retry_on_status=(502, 503, 504),
            connection_class=_BudgetedConnection,
        )
        self._ready = False

    # -- plumbing ------------------------------------------------------------------------------------------------

    def _call(self, function, *args, patient: bool = False, **kwargs):
        """Call the client; connection trouble becomes EngineUnavailable. Writes (`patient`) first get a few
        tries with growing pauses and wait their own timeouts, even within a web request's time budget; a search
        does not keep a visitor waiting for that (`_BudgetedConnection`)."""
        try:
            if patient:
                with budget.lifted():
                    return _with_backoff(function)(*args, **kwargs)
            return function(*args, **kwargs)
        except (opensearchpy.ConnectionError, opensearchpy.ConnectionTimeout) as exc:
            raise EngineUnavailable(f"OpenSearch cannot be reached: {exc}") from exc
        except opensearchpy.TransportError as exc:
            if _unavailable(exc):
                raise EngineUnavailable(f"OpenSearch is overloaded or down: {exc}") from exc
            raise

    def _ensure(self) -> None:
        """Create the first generation and the alias on first use; refuse an alias of another schema."""
        if self._ready:
            return
        if not self._call(self._client.indices.exists_alias, name=self._alias):
            name = self._create()
            self._mark_complete(name)  # empty, and complete as such
            self._call(self._client.indices.put_alias, index=name, name=self._alias, patient=True)
        for name in self._aliased():
            version = self._version(name)
            if version != SCHEMA_VERSION:
                raise SchemaMismatch(
                    f"OpenSearch index {name} has schema version {version}, this openarchief needs "
                    f"{SCHEMA_VERSION}: run `openarchief reindex`"
                )
        self._ready = True

    def _version(self, name: str) -> int | None:
        mapping = self._call(self._client.indices.get_mapping, index=name)[name]["mappings"]
        return mapping.get("_meta", {}).get("schema_version")

    def _aliased(self) -> list[str]:
        try:
            return list(self._call(self._client.indices.get_alias, name=self._alias))
        except opensearchpy.NotFoundError:
            return []

    def _create(self, name: str | None = None) -> str:
        name = name or f"{self._alias}-v{SCHEMA_VERSION}-{dt.datetime.now(dt.timezone.utc):%Y%m%dt%H%M%S%f}"
        definition = load_definition()
        definition["settings"]["index"]["number_of_shards"] = self._shards
        definition["settings"]["index"]["number_of_replicas"] = self._replicas
        self._call(self._client.indices.create, index=name, body=definition, patient=True)
        return name

    # -- writing -------------------------------------------------------------------------------------------------

    def _bulk(self, index: str, docs: Iterable[Document | Dossier], whole_again: bool = False) -> list[tuple[str, str]]:
        """Write through streaming_bulk (per-document 429s retried with back-off); returns the refused ones.

        `whole_again` (for a batch that can be sent again): documents refused because their shard had no
        primary (502-504, e.g. while a cluster promotes a replica after losing a node) make the whole batch an
        outage, which `_call(..., patient=True)` sends again after a pause, instead of refused documents."""
        refused = []
        unavailable = []
        actions = _actions_ahead(index, docs)
        try:
            for ok, item in helpers.streaming_bulk(
                self._client,
                actions,
                chunk_size=BULK_CHUNK,
                max_retries=BULK_RETRIES,
                initial_backoff=1,
                max_backoff=30,
                raise_on_error=False,
            ):
                if not ok:
                    result = next(iter(item.values()))
                    refused.append((result.get("_id", "?"), json.dumps(result.get("error"))[:500]))
                    if result.get("status") in (502, 503, 504):
                        unavailable.append(result)
        finally:
            # A try that failed leaves the builder half-way: closed here and now, not later by the garbage
            # collector in whatever thread it runs (in the builder's own, its pool cannot wait for itself).
            actions.close()
        if whole_again and unavailable:
            first = unavailable[0]
            raise opensearchpy.TransportError(first["status"], "unavailable shards", first.get("error"))
        self._client.indices.refresh(index=index)
        return refused

    def index(self, docs: Sequence[Document | Dossier]) -> list[tuple[str, str]]:
        if not docs:
            return []
        self._ensure()
        dossiers = [d.id for d in docs if isinstance(d, Dossier)]
        if dossiers:  # an inventory that got shorter must not keep its old last rows
            self._call(
                self._client.delete_by_query,
                index=self._alias,
                body={"query": _dossier_entries(dossiers)},
                refresh=True,
                conflicts="proceed",
                patient=True,
            )
        # A batch that meets an outage or overload is sent again whole (ids make it idempotent).
        return self._call(self._bulk, self._alias, docs, whole_again=True, patient=True)

    def delete(self, doc_id: str) -> None:
        self._ensure()
        self._call(self._client.delete, index=self._alias, id=doc_id, refresh=True, ignore=[404], patient=True)

    # -- generations ---------------------------------------------------------------------------------------------

    def _generation_names(self) -> list[str]:
        prefix = f"{self._alias}-v"
        found = self._call(self._client.indices.get, index=f"{prefix}*", ignore_unavailable=True, allow_no_indices=True)
        return sorted(name for name in found if name.startswith(prefix))

    def _meta(self, name: str) -> dict:
        return self._call(self._client.indices.get_mapping, index=name)[name]["mappings"].get("_meta", {})

    def _complete(self, name: str) -> bool:
        return bool(self._meta(name).get("complete"))

    def _update_meta(self, name: str, **values) -> None:
        meta = self._meta(name) | values  # _meta is replaced whole, so the other keys go along
        self._call(self._client.indices.put_mapping, index=name, body={"_meta": meta}, patient=True)

    def _mark_complete(self, name: str, **values) -> None:
        self._update_meta(name, schema_version=SCHEMA_VERSION, complete=True, **values)

    def generations(self) -> list[Generation]:
        current = set(self._aliased())
        return [
            Generation(
                name=n,
                count=self._count_or_none(n),
                current=n in current,
                complete=bool(meta.get("complete")),
                retired_at=meta.get("retired_at"),
            )
            for n in self._generation_names()
            for meta in [self._meta(n)]
        ]

    def _documents_in(self, name: str) -> int:
        """Documents (not dossiers or inventory rows) an index holds."""
        return self._call(self._client.count, index=name, body={"query": {"term": {"kind": "doc"}}})["count"]

    def _count_or_none(self, name: str) -> int | None:
        """Documents in a generation; None while it cannot answer yet (just created, its shards not started)."""
        try:
            return self._documents_in(name)
        except EngineUnavailable:
            if not self._call(self._client.ping):
                raise
            return None

    def _switch(self, name: str, retire: bool = True) -> None:
        """Move the alias to `name` in one step; the generation in use until now records when it stopped being
        written to (a rollback to it writes back what was indexed after that)."""
        old = [n for n in self._aliased() if n != name]
        actions = [{"remove": {"index": n, "alias": self._alias}} for n in old]
        actions.append({"add": {"index": name, "alias": self._alias}})
        self._call(self._client.indices.update_aliases, body={"actions": actions}, patient=True)
        self._ready = False
        if retire:
            for n in old:
                self._update_meta(n, retired_at=dt.datetime.now(dt.timezone.utc).isoformat())

    def _remove_half_built(self, name: str) -> None:
        """No half generation stays behind a failed build; if even this fails, the next run removes it."""
        try:
            self._client.indices.delete(index=name, ignore=[404])
        except opensearchpy.OpenSearchException:
            pass

    def _remove_incomplete(self) -> None:
        current = set(self._aliased())
        for name in self._generation_names():
            if name not in current and not self._complete(name):
                self._call(self._client.indices.delete, index=name, ignore=[404])

    def rebuild(self, docs: Iterable[Document | Dossier], expected: int) -> Generation:
        self._remove_incomplete()
        name = self._create()
        try:
            refused = self._call(self._bulk, name, docs)
            count = self._documents_in(name)
            if refused or count != expected:
                raise SearchError(
                    f"the new index holds {count} documents, {expected} were expected"
                    + (f" ({len(refused)} refused, first: {refused[0][1]})" if refused else "")
                    + ": not switched"
                )
            self._mark_complete(name)
        except BaseException:
            self._remove_half_built(name)
            raise
        self._switch(name)
        return Generation(name=name, count=count, current=True, complete=True)

    def rollback(self, write_back: Callable[[Generation], Iterable[Document | Dossier]]) -> Generation:
        current = self._aliased()
        older = rollback_target(self._generation_names(), min(current), self._complete) if current else None
        if not older:
            raise SearchError("there is no older complete index to go back to")
        target = next(g for g in self.generations() if g.name == older)
        # Written before the switch: a run killed before it leaves the generation in use as it was. A try that
        # meets an outage starts again from the first document (ids make that idempotent): the stream the failed
        # try was reading has lost the chunk it was sending.
        refused = self._call(lambda: self._bulk(target.name, write_back(target)), patient=True)
        if refused:
            raise SearchError(f"{len(refused)} documents could not be written back, first: {refused[0][1]}")
        self._switch(target.name)
        return next(g for g in self.generations() if g.name == target.name)

    def drop(self, name: str) -> None:
        if name in self._aliased():
            raise SearchError(f"{name} is the index in use: it cannot be dropped")
        if name not in self._generation_names():
            raise SearchError(f"there is no index {name}")
        self._call(self._client.indices.delete, index=name)

    def prune(self, keep: int) -> list[str]:
        """Delete every generation but the current one and the `keep` newest complete ones before it, and any
        incomplete one (left by a rebuild that was killed); returns the names deleted."""
        current = self._aliased()
        if not current:
            return []
        # The alias names one generation (a switch moves it in one step).
        doomed = generations_to_drop(self._generation_names(), min(current), self._complete, keep)
        for name in doomed:
            self._call(self._client.indices.delete, index=name, ignore=[404])
        return doomed

    def purge(self, doc_ids: list[str]) -> None:
        """Remove documents from every generation, to the last byte. A deleted document stays in its Lucene
        segment, in the term statistics the spelling suggestions read and in the translog; with soft deletes
        OpenSearch keeps it for its retention lease (12 hours) even through a force merge. So each generation
        that held deleted entries is copied (`_reindex`: only live documents travel) and the original index
        deleted, which takes all its files with it. Repeating it after a kill finishes the work."""
        self._remove_incomplete()
        current = set(self._aliased())
        dossiers = [i.removeprefix(DOSSIER_KEY_PREFIX) for i in doc_ids if i.startswith(DOSSIER_KEY_PREFIX)]
        gone = [{"ids": {"values": doc_ids}}, *([_dossier_entries(dossiers)] if dossiers else [])]
        for name in self._generation_names():
            self._call(
                self._client.delete_by_query,
                index=name,
                body={"query": {"bool": {"should": gone, "minimum_should_match": 1}}},
                refresh=True,
                conflicts="proceed",
                patient=True,
            )
            if self.deleted_entries(name):
                self._compact(name, is_current=name in current)
        self._ready = False

    def _compact(self, name: str, is_current: bool) -> None:
        if self._version(name) != SCHEMA_VERSION and not is_current:
            # An older schema's generation could never be switched to again: delete it rather than convert it.
            self._call(self._client.indices.delete, index=name, ignore=[404])
            return
        copy = self._create(compacted_name(name))
        try:
            refused = self._bulk(copy, self._live_entries(name))
            if refused:
                raise SearchError(f"the copy of {name} refused {len(refused)} entries: {refused[0]}")
            expected = self._call(self._client.count, index=name)["count"]
            count = self._call(self._client.count, index=copy)["count"]
            if count != expected:
                raise SearchError(f"the copy of {name} holds {count} documents, {expected} were expected")
            self._mark_complete(copy, **{k: v for k, v in self._meta(name).items() if k == "retired_at"})
        except BaseException:
            self._remove_half_built(copy)
            raise
        if is_current:
            self._switch(copy, retire=False)  # the same contents: nothing was retired
        self._call(self._client.indices.delete, index=name, ignore=[404])

    def _live_entries(self, name: str) -> Iterator[Document | Dossier]:
        """What a generation holds, read back as documents and dossiers (a dossier brings its inventory rows).
        A copy is written from these through the engine's own writer, not by OpenSearch's `_reindex`: that copies
        `_source`, and the searched fields (title, text, parts, exact) are indexed without being kept there."""
        hits = helpers.scan(
            self._client,
            index=name,
            query={"query": {"terms": {"kind": ["doc", "dossier"]}}},
            _source_includes=["kind", "document", "pages.number", "pages.text", "dossier_data"],
            request_timeout=REINDEX_TIMEOUT,
        )
        for hit in hits:
            found = hit["_source"]
            if found["kind"] == "dossier":
                yield Dossier.model_validate(found["dossier_data"])
                continue
            texts = {p["number"]: p.get("text", "") for p in found.get("pages", [])}
            yield with_texts(Document.model_validate(found["document"]), texts)

    def deleted_entries(self, name: str) -> int:
        stats = self._call(self._client.indices.stats, index=name, metric="docs")
        return stats["indices"][name]["primaries"]["docs"]["deleted"]

    def holding(self, doc_ids: list[str]) -> dict[str, set[str]]:
        """For each generation, which of `doc_ids` it still returns."""
        found = {}
        for name in self._generation_names():
            body = {"query": {"ids": {"values": doc_ids}}, "_source": False, "size": max(len(doc_ids), 1)}
            hits = self._call(self._client.search, index=name, body=body)["hits"]["hits"]
            found[name] = {h["_id"] for h in hits}
        return found

    # -- backup --------------------------------------------------------------------------------------------------

    def _repository(self, location: Path) -> str:
        """An fs snapshot repository at `location`, a folder every node can reach and lists under `path.repo`."""
        name = f"{self._alias}-backup"
        body = {"type": "fs", "settings": {"location": str(location)}}
        self._call(self._client.snapshot.create_repository, repository=name, body=body, patient=True)
        return name

    def snapshot(self, location: Path, name: str) -> None:
        # Every generation, so that a rollback works after a restore too; the alias travels with its index.
        body = {"indices": f"{self._alias}-v*", "include_global_state": False}
        repository = self._repository(location)
        answer = self._call(
            self._client.snapshot.create,
            repository=repository,
            snapshot=name,
            body=body,
            wait_for_completion=True,
            request_timeout=REINDEX_TIMEOUT,
            patient=True,
        )
        if answer["snapshot"]["state"] != "SUCCESS":
            raise SearchError(f"the snapshot {name} ended {answer['snapshot']['state']}: {answer['snapshot']}")

    def purge_snapshot(self, location: Path, name: str, doc_ids: list[str]) -> bool:
        return False  # a snapshot's files are immutable; a restore purges what the ledger says was withdrawn

    def restore_snapshot(self, location: Path, name: str) -> None:
        generations = self._generation_names()
        if any(self._documents_in(generation) for generation in generations):
            raise SearchError(f"OpenSearch already holds {self._alias}: restore only into an empty archive")
        for generation in generations:  # the empty first generation a web node or a command made on first use
            self._call(self._client.indices.delete, index=generation, ignore=[404])
        body = {"indices": f"{self._alias}-v*", "include_aliases": True, "include_global_state": False}
        self._call(
            self._client.snapshot.restore,
            repository=self._repository(location),
            snapshot=name,
            body=body,
            wait_for_completion=True,
            request_timeout=REINDEX_TIMEOUT,
            patient=True,
        )
        self._ready = False

    # -- reading -------------------------------------------------------------------------------------------------

    def state(self) -> None:
        """No token of what a search sees: each shard copy refreshes on its own schedule, and asking costs a
        round trip like the search itself. None: nothing is cached (search/_cache.py)."""
        return None

    def count(self) -> int:
        self._ensure()
        return self._documents_in(self._alias)

    def get(self, doc_id: str, pages: Sequence[int] | None = None) -> Document | None:
        self._ensure()
        whole = pages is None or len(pages) > q.MAX_INNER_HITS
        includes = ["document", "pages.number", "pages.text"] if whole else ["document"]
        try:
            found = self._call(self._client.get, index=self._alias, id=doc_id, _source_includes=includes)
        except opensearchpy.NotFoundError:
            return None
        doc = Document.model_validate(found["_source"]["document"])
        if whole:
            chosen = None if pages is None else set(pages)
            texts = {
                p["number"]: p.get("text", "")
                for p in found["_source"].get("pages", [])
                if chosen is None or p["number"] in chosen
            }
            return with_texts(doc, texts)
        return with_texts(doc, self._page_texts({doc_id: list(pages or [])}).get(doc_id, {}))

    def _page_texts(self, wanted: dict[str, list[int]]) -> dict[str, dict[int, str]]:
        wanted = {doc_id: numbers for doc_id, numbers in wanted.items() if numbers}
        if not wanted:
            return {}
        response = self._call(self._client.search, index=self._alias, body=q.page_texts_body(wanted))
        texts: dict[str, dict[int, str]] = {}
        for raw in response["hits"]["hits"]:
            # Every document gets the inner hits of every clause, run on its own pages: only its own count.
            inner = raw.get("inner_hits", {}).get(raw["_id"])
            for hit in inner["hits"]["hits"] if inner else []:
                texts.setdefault(raw["_id"], {})[hit["fields"]["pages.number"][0]] = hit["_source"].get("text", "")
        return texts

    def pages_holding(self, doc_id: str, parsed: ParsedQuery, limit: int) -> tuple[list[int], int]:
        self._ensure()
        body = q.pages_holding_body(doc_id, parsed, limit)
        if body is None:
            return [], 0
        hits = self._call(self._client.search, index=self._alias, body=body)["hits"]["hits"]
        if not hits:
            return [], 0
        inner = hits[0]["inner_hits"]["pages"]["hits"]
        return [h["fields"]["pages.number"][0] for h in inner["hits"]], inner["total"]["value"]

    def get_dossier(self, dossier_id: str) -> Dossier | None:
        self._ensure()
        try:
            found = self._call(
                self._client.get, index=self._alias, id=dossier_key(dossier_id), _source_includes=["dossier_data"]
            )
        except opensearchpy.NotFoundError:
            return None
        return Dossier.model_validate(found["_source"]["dossier_data"])

    def scan(self, request: SearchRequest, parsed: ParsedQuery, batch: int = 500) -> Iterator[Document]:
        """Every document that matches, newest first (or oldest first when asked), without the page texts,
        through search_after on a point in time: no limit of 10,000 hits, no memory growth."""
        self._ensure()
        order = "asc" if request.sort is Sort.oldest else "desc"
        query = q.matching_query(request, parsed)
        pit = self._call(self._client.create_pit, index=self._alias, keep_alive="5m")["pit_id"]
        try:
            after = None
            while True:
                page = {
                    "query": query,
                    "size": batch,
                    "pit": {"id": pit, "keep_alive": "5m"},
                    "sort": [{"date": {"order": order, "missing": "_last"}}, {"id": "asc"}],
                    "_source": {"includes": ["document"], "excludes": ["document.pages"]},
                    "track_total_hits": False,
                }
                if after:
                    page["search_after"] = after
                hits = self._call(self._client.search, body=page)["hits"]["hits"]
                for raw in hits:
                    yield Document.model_validate(raw["_source"]["document"])
                if len(hits) < batch:
                    return
                after = hits[-1]["sort"]
        finally:
            self._call(self._client.delete_pit, body={"pit_id": [pit]})

    def search(self, request: SearchRequest, parsed: ParsedQuery, kind: str = "doc") -> Found:
        self._ensure()
        response = self._call(self._client.search, index=self._alias, body=q.search_body(request, parsed, kind))
        found = response["hits"]["hits"]
        aggregations = response.get("aggregations", {})
        field, model = q.SOURCE_FIELDS[kind], ENTRY_MODELS[kind]
        pages = self._page_hits(parsed, [raw["_id"] for raw in found]) if kind == "doc" else {}
        return Found(
            total=response["hits"]["total"]["value"],
            docs=[model.model_validate(raw["_source"][field]) for raw in found],
            pages=pages,
            texts=self._page_texts({doc_id: pages_to_read(numbers) for doc_id, numbers in pages.items()}),
            buckets={
                facet: [
                    (str(b["key"]), b["doc_count"])
                    for b in aggregations.get(facet, {}).get("values", {}).get("buckets", [])
                ]
                for facet in FACETS
            },
        )

    def _page_hits(self, parsed: ParsedQuery, ids: list[str]) -> dict[str, list[int]]:
        """The numbers of the pages of each document that hold the query's words, best first."""
        body = q.page_hits_body(parsed, ids)
        if body is None:
            return {}
        response = self._call(self._client.search, index=self._alias, body=body)
        return {
            raw["_id"]: [h["fields"]["pages.number"][0] for h in raw["inner_hits"]["pages"]["hits"]["hits"]]
            for raw in response["hits"]["hits"]
        }

    # -- vocabulary ----------------------------------------------------------------------------------------------

    def knows(self, word: str) -> bool:
        self._ensure()
        return self._call(self._client.count, index=self._alias, body={"query": {"term": {"exact": word}}})["count"] > 0

    def closest(self, word: str) -> str | None:
        """The most frequent word of the archive within a small edit distance of `word` (term suggester)."""
        self._ensure()
        body = {
            "size": 0,
            "suggest": {
                "word": {
                    "text": word,
                    "term": {
                        "field": "exact",
                        "suggest_mode": "missing",
                        "size": 10,
                        "max_edits": 2,
                        "min_word_length": 4,
                    },
                }
            },
        }
        options = self._call(self._client.search, index=self._alias, body=body)["suggest"]["word"][0]["options"]
        return closest_word(word, {o["text"]: o["freq"] for o in options})

    # -- similar documents ---------------------------------------------------------------------------------------

    def similar(self, doc_id: str, size: int) -> list[Document]:
        doc = self.get(doc_id, pages=range(1, SIMILAR_PAGES + 1))
        if doc is None:
            return []
        entry = _body(like_form(doc))  # the entry's fields as indexed, of the first pages
        entries = self._call(self._client.count, index=self._alias)["count"]
        body = q.similar_body({field: entry[field] for field in q.SIMILAR_FIELDS}, doc_id, size, entries)
        hits = self._call(self._client.search, index=self._alias, body=body)["hits"]["hits"]
        return [Document.model_validate(raw["_source"][q.SOURCE_FIELDS["doc"]]) for raw in hits]

"""The one facade ingest and web use; the engine behind it is chosen by the settings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Hashable, Iterable, Iterator, Sequence, TypeVar

from . import analysis
from ._cache import SearchCache
from .engine import Engine, Found, with_texts
from .highlight import Matcher, hit_for
from .model import Document, Dossier, InventoryRow
from .parser import ParsedQuery, parse
from .request import FACETS, FacetValue, Generation, Hit, SearchRequest, SearchResult
from .settings import Settings

SUGGEST_PAGES = 3  # pages of each matching document read for completions
T = TypeVar("T")


@dataclass
class Listing:
    """A page of dossiers or inventory rows."""

    total: int
    page: int
    size: int
    items: list
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)


class Index:
    def __init__(self, settings: Settings | None = None):
        settings = settings or Settings()
        self._engine: Engine
        if settings.engine == "opensearch":
            from ._opensearch import OpenSearchEngine

            # Not cached here: OpenSearch gives no cheap token of what a search saw (each shard copy refreshes
            # on its own schedule; asking costs a round trip like the search itself), and its shard request cache
            # already keeps facet-only answers until the next refresh.
            self.search_cache = SearchCache(0)
            self._engine = OpenSearchEngine(settings)
        else:
            from ._embedded import EmbeddedEngine

            self.search_cache = SearchCache(settings.search_cache_size)
            self._engine = EmbeddedEngine(settings.index_dir, settings.reload_seconds, self.search_cache)

    @property
    def engine_name(self) -> str:
        return self._engine.name

    def _answer(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer kept for `key` at the index state searches read now, else `compute()`'s (search/_cache.py).
        The token is read before computing, so the answer is of that state or a later one, never an earlier."""
        return self.search_cache.get("answers", self._engine.state(), key, compute)

    def index(self, docs: Sequence[Document | Dossier]) -> list[tuple[str, str]]:
        """Write documents (and dossiers, each replacing its earlier version whole; one without members is
        removed), visible to searches on return. Returns (id, reason) for each one the engine refused; raises
        EngineUnavailable when it cannot be reached (then nothing can be assumed written)."""
        return self._engine.index(docs)

    def delete(self, doc_id: str) -> None:
        self._engine.delete(doc_id)

    def get(self, doc_id: str, pages: Sequence[int] | None = None) -> Document | None:
        """The document with the texts of `pages`, or of all its pages when None (a page view of a 3,000-page
        document reads 20 pages, not 3,000). Pages not asked for have an empty text, but for the lead page."""
        return self._engine.get(doc_id, pages)

    def pages_holding(self, doc_id: str, q: str, limit: int, expand: bool = True) -> tuple[list[int], int]:
        """The numbers of the document's pages that hold any of the words of `q` (or what they stand for, as a
        search expands them), lowest first (at most `limit`), and how many pages hold them in all."""
        return self._engine.pages_holding(doc_id, parse(q, expand), limit)

    def dossier(self, dossier_id: str) -> Dossier | None:
        return self._engine.get_dossier(dossier_id)

    def dossiers(self, request: SearchRequest) -> Listing:
        """Dossiers matching the words and filters , newest first."""
        return self._answer(("dossiers", request.model_dump_json()), lambda: self._dossiers(request))

    def _dossiers(self, request: SearchRequest) -> Listing:
        found = self._engine.search(request, parse(request.q), kind="dossier")
        return Listing(found.total, request.page, request.size, list[Dossier](found.docs))

    def inventory(self, request: SearchRequest) -> Listing:
        """Inventory rows of all dossiers, filterable by dossier, judgement, ground and date; in inventory order
        without words. Facets: judgement and ground."""
        return self._answer(("inventory", request.model_dump_json()), lambda: self._inventory(request))

    def _inventory(self, request: SearchRequest) -> Listing:
        found = self._engine.search(request, parse(request.q), kind="row")
        facets = {f: v for f, v in self._facets(found).items() if f in ("judgement", "ground")}
        return Listing(found.total, request.page, request.size, list[InventoryRow](found.docs), facets)

    def search(self, request: SearchRequest) -> SearchResult:
        """A page of the documents matching the request, with snippets and facet counts. The answer may be shared
        with other callers of the same search: read it, do not change it."""
        return self._answer(("search", request.model_dump_json()), lambda: self._search(request))

    def _search(self, request: SearchRequest) -> SearchResult:
        parsed = parse(request.q, request.expand)
        found = self._engine.search(request, parsed)
        return SearchResult(
            total=found.total,
            page=request.page,
            size=request.size,
            hits=self._hits(found, parsed),
            facets=self._facets(found),
            expanded=parsed.expansions,
        )

    @staticmethod
    def _hits(found: Found, parsed: ParsedQuery, limit: int | None = None) -> list[Hit]:
        matcher = Matcher.for_query(parsed.to_mark())
        return [
            hit_for(with_texts(doc, found.texts.get(doc.id, {})), found.pages.get(doc.id, []), matcher)
            for doc in found.docs[:limit]
        ]

    @staticmethod
    def _facets(found: Found) -> dict[str, list[FacetValue]]:
        facets = {f: [FacetValue(value=v, count=c) for v, c in found.buckets.get(f, [])] for f in FACETS}
        facets["year"].sort(key=lambda v: v.value, reverse=True)  # years read best in order, newest first
        return facets

    def scan(self, request: SearchRequest) -> Iterator[Document]:
        """Every matching document (as `search` matches them), newest first (oldest first with sort=oldest), streamed: for exports. The
        page texts may be left out."""
        return self._engine.scan(request, parse(request.q, request.expand))

    def similar(self, doc: Document, size: int = 5) -> list[Hit]:
        """Documents like `doc` by the engine's more-like-this: those holding enough of its most characteristic
        terms (search.engine.SIMILAR_MIN_SHARE), or none rather than unrelated ones."""
        matcher = Matcher.for_query(parse(""))
        return [hit_for(found, [], matcher) for found in self._engine.similar(doc.id, size)]

    def suggest(self, typed: str, limit: int = 8) -> tuple[list[str], list[Hit]]:
        """Completions of what is being typed: whole queries ending in words of the archive that begin with the
        last word typed (those in most matching documents first), and the titles of the best matching
        documents."""
        return self._answer(("suggest", typed, limit), lambda: self._suggest(typed, limit))

    def _suggest(self, typed: str, limit: int) -> tuple[list[str], list[Hit]]:
        words = typed.split()
        if not words or len(analysis.fold(words[-1])) < 2 or words[-1].endswith(("*", '"')):
            return [], []
        head, last = " ".join(words[:-1]), analysis.fold(words[-1])
        parsed = parse(f"{typed.strip()}*")
        found = self._engine.search(SearchRequest(q=f"{typed.strip()}*", size=20), parsed)
        counts: Counter[str] = Counter()
        for doc in found.docs:
            # The title and the pages the engine found the words on (those the snippets show).
            read = [doc.title, *list(found.texts.get(doc.id, {}).values())[:SUGGEST_PAGES]]
            counts.update(
                {
                    word.lower()
                    for text in read
                    for word in analysis.words(text)
                    if len(word) > len(last) and analysis.fold(word).startswith(last)
                }
            )
        # Ties in alphabetical order: a set's order changes with each process's hash seed, and two web workers
        # would otherwise list the same completions differently.
        best = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
        completions = [f"{head} {w}".strip() for w, _ in best]
        return completions, self._hits(found, parsed, limit=5)

    def spelling(self, q: str) -> str | None:
        """The query with each unknown word replaced by the closest frequent word of the archive, or None."""
        changed, out = False, []
        for word in q.split():
            plain = analysis.fold(word)
            if plain.isalpha() and len(plain) > 3 and not self._engine.knows(plain):
                better = self._engine.closest(plain)
                if better:
                    out.append(better)
                    changed = True
                    continue
            out.append(word)
        return " ".join(out) if changed else None

    def count(self) -> int:
        return self._engine.count()

    # -- whole-index operations for archivists -------------------------------------------------------------------

    def rebuild(self, docs: Iterable[Document | Dossier], expected: int) -> Generation:
        """Build a new generation from `docs` beside the one in use, check it holds `expected` documents, then
        switch searches to it in one step."""
        return self._engine.rebuild(docs, expected)

    def rollback(
        self, write_back: Callable[[Generation], Iterable[Document | Dossier]] = lambda generation: ()
    ) -> Generation:
        """Switch back to the newest complete generation before the current one, after writing into it the
        documents `write_back(that generation)` gives (what was indexed after it went out of use)."""
        return self._engine.rollback(write_back)

    def generations(self) -> list[Generation]:
        return self._engine.generations()

    def drop(self, name: str) -> None:
        """Delete a generation that is not in use."""
        self._engine.drop(name)

    def prune(self, keep: int) -> list[str]:
        """Delete all generations but the current one and the `keep` complete ones before it; returns their
        names."""
        return self._engine.prune(keep)

    def purge(self, doc_ids: list[str]) -> None:
        """Remove documents from every generation and from the engine's files, so that neither a rollback nor
        the term statistics (spelling suggestions) can bring any of their words back."""
        if doc_ids:
            self._engine.purge(doc_ids)

    def holding(self, doc_ids: list[str]) -> dict[str, set[str]]:
        """For each generation, which of `doc_ids` it holds."""
        return self._engine.holding(doc_ids)

    def deleted_entries(self, generation: str) -> int:
        """Entries of deleted documents a generation still keeps in its files (0 once purged)."""
        return self._engine.deleted_entries(generation)

    def snapshot(self, location: Path, name: str) -> None:
        """Copy the index, every generation, to snapshot `name` in the folder `location` (on OpenSearch an fs
        repository, which every node must reach and list under `path.repo`). Hold the archive lock."""
        self._engine.snapshot(location, name)

    def restore_snapshot(self, location: Path, name: str) -> None:
        """Bring snapshot `name` back from `location` into an empty index (SearchError if it is not empty)."""
        self._engine.restore_snapshot(location, name)

    def purge_snapshot(self, location: Path, name: str, doc_ids: list[str]) -> bool:
        """Remove documents from snapshot `name` in `location`, every generation, to the last byte, as `purge`
        does in the index; False where the engine cannot rewrite a snapshot (OpenSearch's are immutable: a
        restore purges them again) or the snapshot is not there."""
        return bool(doc_ids) and self._engine.purge_snapshot(location, name, doc_ids)

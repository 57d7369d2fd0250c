"""Answers to searches kept in memory until the index changes, so that popular queries and the next pages of a
search do not run the engine's facet pass again (issue 18).

Two levels, each a bounded LRU of `search_cache_size` entries:
- "facets" (kept by the engine): the facet buckets and the number of matches of a search (its words, filters and
  kind of entry), shared by every page, sort and size of it;
- "answers" (kept by the facade, search/index.py): the finished answer to one call (`SearchResult` of a search,
  page, size and sort included, with its snippets; a dossier or inventory listing; suggestions).

Every key holds the engine's token of the index state the answer was computed from (`Engine.state`): an answer
is only ever given back for the same state, so it is what the engine would answer again; a commit (documents
added, deleted or purged), a switch of generation or a rollback gives a new token, and with it new answers. An
answer is computed from the state its token names or a later one (the token is read first), never an earlier
one. An engine that has no reliable token gives None: nothing is kept. The cache is per process (each web
process has its own); answers are shared objects, which callers read and never change.
"""

from __future__ import annotations

import threading
from contextvars import ContextVar
from typing import Any, Callable, Hashable, Literal, TypeVar

from cachetools import LRUCache

from .parser import ParsedQuery
from .request import SearchRequest

Level = Literal["answers", "facets"]
LEVELS: tuple[Level, ...] = ("answers", "facets")
T = TypeVar("T")

# Whether the last finished answer this request asked for was kept ("hit") or computed ("miss"); None when nothing
# is kept. The web says it in an X-Search-Cache header, so a load test counts the hits without asking the server.
_outcome: ContextVar[str | None] = ContextVar("search_cache_outcome", default=None)


def answered_from_cache() -> str | None:
    """Hit or miss for the last answer looked up in this context (thread or task); None when nothing is kept."""
    return _outcome.get()


def facets_key(request: SearchRequest, parsed: ParsedQuery, kind: str) -> Hashable:
    """What the facet pass reads: the parsed query (its clauses are frozen, so hashable), the request without what
    only chooses the page of the matches, and the kind of entry."""
    query = tuple(tuple(group) for group in parsed.groups), tuple(parsed.excluded)
    return kind, query, request.model_dump_json(exclude={"page", "size", "sort"})


class SearchCache:
    def __init__(self, size: int):
        self.size = size
        self._lock = threading.Lock()  # web requests run on a thread pool; an LRU reorders itself on reads
        self._entries: dict[Level, LRUCache] = {level: LRUCache(max(size, 1)) for level in LEVELS}
        self._state: Hashable = None
        self.hits: dict[Level, int] = dict.fromkeys(LEVELS, 0)
        self.misses: dict[Level, int] = dict.fromkeys(LEVELS, 0)

    @property
    def enabled(self) -> bool:
        return self.size > 0

    def get(self, level: Level, state: Hashable, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer kept for `key` at index state `state`, else `compute()` (kept for the next time). Two
        requests missing at once both compute: the engine is not held up behind a lock."""
        keeping = self.enabled and state is not None
        found = self._kept(level, state, key) if keeping else None
        if level == "answers":
            _outcome.set(None if not keeping else "miss" if found is None else "hit")
        if found is not None:
            return found
        answer = compute()
        if keeping:
            with self._lock:
                # Kept only while its state is the current one: computed while another request moved on to a
                # newer state, it may be of either, and no request that begins now asks for the older one.
                if state == self._state:
                    self._entries[level][(state, key)] = answer
        return answer

    def _kept(self, level: Level, state: Hashable, key: Hashable) -> Any:
        """The answer kept for `key` at `state`, or None; counted as a hit or a miss."""
        with self._lock:
            if state != self._state:
                # The index changed: answers of the earlier state are hardly ever asked for again (only after a
                # rollback to a generation left unchanged since), so their memory is given back now.
                for entries in self._entries.values():
                    entries.clear()
                self._state = state
            found = self._entries[level].get((state, key))
            if found is None:
                self.misses[level] += 1
            else:
                self.hits[level] += 1
            return found

    def clear(self) -> None:
        with self._lock:
            for entries in self._entries.values():
                entries.clear()

    def stats(self) -> dict[Level, dict[str, int]]:
        """Per level: hits, misses and the entries kept now."""
        with self._lock:
            return {
                level: {"hits": self.hits[level], "misses": self.misses[level], "entries": len(self._entries[level])}
                for level in LEVELS
            }

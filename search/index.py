"""The one facade ingest and web use; the engine behind it is chosen by the settings."""

from __future__ import annotations

from typing import Iterable, Iterator

from collections import Counter

from . import analysis
from .model import Document
from .request import Generation, Hit, SearchRequest, SearchResult
from .settings import Settings


class Index:
    def __init__(self, settings: Settings | None = None):
        settings = settings or Settings()
        if settings.engine == "opensearch":
            from ._opensearch import OpenSearchEngine

            self._engine = OpenSearchEngine(settings)
        else:
            from ._embedded import EmbeddedEngine

            self._engine = EmbeddedEngine(settings.index_dir, settings.reload_seconds)

    @property
    def engine_name(self) -> str:
        return self._engine.name

    def index(self, docs: list[Document]) -> list[tuple[str, str]]:
        """Write documents, visible to searches on return. Returns (id, reason) for each one the engine refused;
        raises EngineUnavailable when it cannot be reached (then nothing can be assumed written)."""
        return self._engine.index(docs)

    def delete(self, doc_id: str) -> None:
        self._engine.delete(doc_id)

    def get(self, doc_id: str) -> Document | None:
        return self._engine.get(doc_id)

    def search(self, request: SearchRequest) -> SearchResult:
        return self._engine.search(request)

    def scan(self, request: SearchRequest) -> Iterator[Document]:
        """Every matching document, newest first (oldest first with sort=oldest), streamed: for exports. The
        page texts may be left out."""
        return self._engine.scan(request)

    def similar(self, doc: Document, size: int = 5) -> list[Hit]:
        """Documents like `doc`: those sharing most of its most characteristic words (its title's words and its
        most frequent ones), on any engine alike."""
        words = [w for w in analysis.words(doc.title) if analysis.analyze_word(w) and not w.isdigit()]
        counts = Counter(
            w.lower() for p in doc.pages for w in analysis.words(p.text)
            if len(w) > 4 and not w.isdigit() and analysis.analyze_word(w)
        )
        words += [w for w, _ in counts.most_common(12)]
        if not words:
            return []
        query = " OR ".join(dict.fromkeys(w.lower() for w in words))
        hits = self.search(SearchRequest(q=query, size=size + 1)).hits
        return [h for h in hits if h.id != doc.id][:size]

    def count(self) -> int:
        return self._engine.count()

    # -- whole-index operations for archivists -------------------------------------------------------------------

    def rebuild(self, docs: Iterable[Document], expected: int) -> Generation:
        """Build a new generation from `docs` beside the one in use, check it holds `expected` documents, then
        switch searches to it in one step."""
        return self._engine.rebuild(docs, expected)

    def rollback(self) -> Generation:
        """Switch back to the generation before the current one."""
        return self._engine.rollback()

    def generations(self) -> list[Generation]:
        return self._engine.generations()

    def drop(self, name: str) -> None:
        """Delete a generation that is not in use."""
        self._engine.drop(name)

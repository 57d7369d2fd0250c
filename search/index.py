"""The one facade ingest and web use; the engine behind it is chosen by the settings."""

from __future__ import annotations

from .errors import EngineUnavailable
from .model import Document
from .request import SearchRequest, SearchResult
from .settings import Settings


class Index:
    def __init__(self, settings: Settings | None = None):
        settings = settings or Settings()
        if settings.engine == "embedded":
            from ._embedded import EmbeddedEngine

            self._engine = EmbeddedEngine(settings.index_dir, settings.reload_seconds)
        else:  # pragma: no cover - the settings type admits no other value yet
            raise EngineUnavailable(f"unknown engine {settings.engine!r}")

    @property
    def engine_name(self) -> str:
        return self._engine.name

    def index(self, docs: list[Document]) -> None:
        self._engine.index(docs)

    def delete(self, doc_id: str) -> None:
        self._engine.delete(doc_id)

    def clear(self) -> None:
        self._engine.clear()

    def get(self, doc_id: str) -> Document | None:
        return self._engine.get(doc_id)

    def search(self, request: SearchRequest) -> SearchResult:
        return self._engine.search(request)

    def count(self) -> int:
        return self._engine.count()

    def vocabulary(self, prefix: str, limit: int = 10) -> list[tuple[str, int]]:
        return self._engine.vocabulary(prefix, limit)

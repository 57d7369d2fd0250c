"""The core of openarchief: the document model, the Index facade and its engines, Dutch analysis, settings."""

from ._cache import answered_from_cache
from .errors import EngineUnavailable, SchemaMismatch, SearchError
from .index import Index
from .model import Document, Page
from .request import FACETS, Generation, Hit, SearchRequest, SearchResult, Sort
from .settings import Settings

__all__ = [
    "FACETS",
    "Document",
    "EngineUnavailable",
    "Generation",
    "Hit",
    "Index",
    "Page",
    "SchemaMismatch",
    "SearchError",
    "SearchRequest",
    "SearchResult",
    "Settings",
    "Sort",
    "answered_from_cache",
]

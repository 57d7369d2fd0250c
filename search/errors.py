class SearchError(Exception):
    """Base of the errors the search package raises on purpose."""


class EngineUnavailable(SearchError):
    """The engine cannot be reached or opened; the web answers 503."""


class SchemaMismatch(EngineUnavailable):
    """The index on disk was built by another schema version: run `openarchief reindex`."""

class SearchError(Exception):
    """Base of the errors the search package raises on purpose."""


class EngineUnavailable(SearchError):
    """The engine cannot be reached or opened; the web answers 503."""


class SchemaMismatch(EngineUnavailable):
    """The index on disk was built by another schema version: run `openarchief reindex`."""


class BlobsUnavailable(SearchError):
    """The object store of the originals cannot be reached (or refuses us); the web answers 503, ingest stops the
    run (search/blobs.py)."""


class StorageError(SearchError):
    """The data dir cannot be written: the disk is full, or it is read-only."""


# errno values that mean "this storage cannot take writes" rather than a bug.
STORAGE_ERRNOS = {28, 30, 13, 122}  # ENOSPC, EROFS, EACCES, EDQUOT


def storage_problem(exc: BaseException) -> str | None:
    """A short reason when `exc` is the storage refusing a write (full, read-only), else None."""
    import errno
    import sqlite3

    if isinstance(exc, BlobsUnavailable):  # every file would fail alike: stop, and retry them next run
        return f"the blob store is unavailable ({exc})"
    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, DBAPIError) and isinstance(exc.orig, BaseException):
        exc = exc.orig  # the ledger's SQLite error, as SQLAlchemy wraps it
    if isinstance(exc, OSError) and exc.errno in STORAGE_ERRNOS:
        return os_reason(exc.errno)
    text = str(exc).lower()
    if isinstance(exc, sqlite3.OperationalError):
        if "disk is full" in text or "disk i/o error" in text:
            return os_reason(errno.ENOSPC)
        if "readonly" in text or "read-only" in text or "unable to open" in text:
            return os_reason(errno.EROFS)
    # tantivy reports I/O failures as ValueError with the OS message in the text.
    if isinstance(exc, ValueError):
        if "no space left" in text:
            return os_reason(errno.ENOSPC)
        if "read-only file system" in text or "permission denied" in text:
            return os_reason(errno.EROFS)
    return None


def storage_problem_at(path, exc: BaseException) -> str | None:
    """`storage_problem`, or, for a failure that does not say why (tantivy's "an index writer was killed ... a
    worker thread encountered an error", when a merge thread ran out of disk), what the disk under `path` tells:
    full or read-only. None when neither explains it."""
    import errno
    import os

    found = storage_problem(exc)
    if found:
        return found
    try:
        disk = os.statvfs(path)
    except OSError:
        return None
    if disk.f_flag & os.ST_RDONLY:
        return os_reason(errno.EROFS)
    if disk.f_bavail * disk.f_frsize < 4 * 1024 * 1024:
        return os_reason(errno.ENOSPC)
    return None


def os_reason(number: int) -> str:
    import errno

    return {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the data dir is read-only",
        errno.EACCES: "the data dir may not be written",
    }.get(number, f"the data dir cannot be written ({number})")

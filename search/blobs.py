"""The content-addressed store of original files: a file's name is the SHA-256 of its bytes.

Ingest writes it, the web serves from it; nothing is ever looked up by a name a visitor chose. Two places can hold
it, chosen by OPENARCHIEF_BLOB_URL: a local folder (`<data dir>/blobs`, the default) or a bucket of an
S3-compatible object store (`s3://bucket/prefix`), so that several machines can share one archive's originals.
`open_blob_store(settings)` is the one way code gets the store.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from . import atomic
from .errors import BlobsUnavailable

if TYPE_CHECKING:
    from .settings import Settings

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
CHUNK = 1 << 16  # bytes per piece when a blob is streamed


class BadRange(ValueError):
    """A byte range that lies outside the blob (HTTP 416)."""

    def __init__(self, size: int | None):
        super().__init__("the requested range is not in the file")
        self.size = size


def is_sha256(value: str) -> bool:
    return bool(_SHA256.match(value))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _checked(sha256: str) -> str:
    if not is_sha256(sha256):
        raise ValueError("not a SHA-256 hex digest")
    return sha256


@dataclass
class BlobStream:
    """An open blob, or the part of it a byte range asked for: `length` bytes of a `size`-byte file, read by
    iterating; `content_range` is the Content-Range of a partial answer (None: the whole file). Close it."""

    size: int
    length: int
    content_range: str | None
    chunks: Iterator[bytes]
    close: Any  # () -> None

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self.chunks
        finally:
            self.close()

    def read_all(self) -> bytes:
        return b"".join(self)


class BlobStore(ABC):
    """Where the originals are. Every method refuses what is not a SHA-256 hex digest (ValueError)."""

    @abstractmethod
    def has(self, sha256: str) -> bool: ...

    @abstractmethod
    def put(self, source: Path, sha256: str) -> None:
        """Store the file at `source` as the blob `sha256` (the caller hashed it); nothing when it is there."""

    @abstractmethod
    def remove(self, sha256: str) -> None:
        """Gone for good (a withdrawal); nothing when it is not there."""

    @abstractmethod
    def open(self, sha256: str, byte_range: str | None = None) -> BlobStream:
        """The blob's bytes to stream. `byte_range` is an HTTP Range header's value, which the store may
        honour (the answer's content_range says whether it did). FileNotFoundError when there is no such blob,
        BadRange when the range lies outside it."""

    @abstractmethod
    def local_file(self, sha256: str) -> contextlib.AbstractContextManager[Path]:
        """A file on this machine with the blob's bytes, for the tools that need a path (renderer, extractors),
        valid inside the `with` block. FileNotFoundError when there is no such blob."""

    def served_path(self, sha256: str) -> Path | None:
        """The blob's own file when the store is a folder on this machine (served in place), else None."""
        return None


class LocalBlobStore(BlobStore):
    """A folder: `<root>/ab/<sha256>.pdf`."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        return self.root / _checked(sha256)[:2] / f"{sha256}.pdf"

    def has(self, sha256: str) -> bool:
        return is_sha256(sha256) and self.path(sha256).is_file()

    def put(self, source: Path, sha256: str) -> None:
        target = self.path(sha256)
        if target.exists():
            return
        # Copy then rename: a crash never leaves a half-written blob under its final name.
        atomic.copy_file(source, target)

    def remove(self, sha256: str) -> None:
        self.path(sha256).unlink(missing_ok=True)

    def open(self, sha256: str, byte_range: str | None = None) -> BlobStream:
        # The whole file, whatever the range (a server may ignore Range): the web serves a local blob through
        # served_path, whose response does ranges itself.
        handle = open(self.path(sha256), "rb")
        size = os.fstat(handle.fileno()).st_size
        return BlobStream(size, size, None, iter(lambda: handle.read(CHUNK), b""), handle.close)

    @contextlib.contextmanager
    def local_file(self, sha256: str) -> Iterator[Path]:
        path = self.path(sha256)
        if not path.is_file():
            raise FileNotFoundError(f"no blob {sha256}")
        yield path

    def served_path(self, sha256: str) -> Path | None:
        return self.path(sha256)


_WORKER_CLIENTS: dict[tuple[int, str], Any] = {}  # (process, endpoint) -> boto3 client (thread-safe, reusable)


class S3BlobStore(BlobStore):
    """A bucket of an S3-compatible object store: `<prefix>/ab/<sha256>.pdf`, through boto3. Credentials and
    region come the standard AWS ways (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION, a profile,
    an instance role). Local copies (for renderer and extractors) are made in `scratch` and removed after use."""

    def __init__(self, bucket: str, prefix: str, endpoint_url: str, scratch: Path):
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.endpoint_url = endpoint_url
        self.scratch = Path(scratch)
        self._client = self._connect()

    # A worker process gets the store pickled with each job: the client is not pickled but made there, once per
    # process (making one takes tens of milliseconds; one made before a fork must not share its sockets).
    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_client"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        key = (os.getpid(), self.endpoint_url)
        if key not in _WORKER_CLIENTS:
            _WORKER_CLIENTS[key] = self._connect()
        self._client = _WORKER_CLIENTS[key]

    def _connect(self) -> Any:
        import boto3
        from botocore.config import Config

        config = Config(
            connect_timeout=5,
            read_timeout=60,
            retries={"mode": "standard", "max_attempts": 3},  # botocore's own back-off on throttling and 5xx
            # Path-style addresses (endpoint/bucket/key): what S3-compatible servers all understand.
            s3={"addressing_style": "path"} if self.endpoint_url else {},
        )
        return boto3.session.Session().client("s3", endpoint_url=self.endpoint_url or None, config=config)

    def key(self, sha256: str) -> str:
        name = f"{_checked(sha256)[:2]}/{sha256}.pdf"
        return f"{self.prefix}/{name}" if self.prefix else name

    def _failed(self, exc: Exception) -> Exception:
        """The exception to raise for a failed request: FileNotFoundError, BadRange or BlobsUnavailable."""
        from botocore.exceptions import BotoCoreError, ClientError

        where = f"s3://{self.bucket}/{self.prefix} at {self.endpoint_url or 'AWS'}"
        if isinstance(exc, ClientError):
            code = str(exc.response.get("Error", {}).get("Code", ""))
            if code in ("404", "NoSuchKey", "NotFound"):
                return FileNotFoundError(f"no blob in {where}")
            if code == "InvalidRange":
                size = str(exc.response.get("Error", {}).get("ActualObjectSize", ""))
                return BadRange(int(size) if size.isdigit() else None)
            if code == "NoSuchBucket":
                return BlobsUnavailable(f"the bucket of {where} does not exist")
            return BlobsUnavailable(f"the object store {where} refused: {code or exc}")
        if isinstance(exc, BotoCoreError):
            return BlobsUnavailable(f"the object store {where} cannot be reached: {exc}")
        return exc

    def _call(self, operation: str, **params: Any) -> Any:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return getattr(self._client, operation)(Bucket=self.bucket, **params)
        except (BotoCoreError, ClientError) as exc:
            raise self._failed(exc) from exc

    def has(self, sha256: str) -> bool:
        if not is_sha256(sha256):
            return False
        try:
            self._call("head_object", Key=self.key(sha256))
        except FileNotFoundError:
            return False
        return True

    def put(self, source: Path, sha256: str) -> None:
        key = self.key(sha256)
        if self.has(sha256):
            return
        from boto3.s3.transfer import S3UploadFailedError
        from botocore.exceptions import BotoCoreError, ClientError

        # An object appears whole or not at all (a multipart upload too, once completed): no half blobs.
        try:
            self._client.upload_file(str(source), self.bucket, key, ExtraArgs={"ContentType": "application/pdf"})
        except (BotoCoreError, ClientError) as exc:
            raise self._failed(exc) from exc
        except S3UploadFailedError as exc:
            raise BlobsUnavailable(f"the upload to s3://{self.bucket}/{key} failed: {exc}") from exc

    def remove(self, sha256: str) -> None:
        self._call("delete_object", Key=self.key(sha256))  # S3 answers success for a missing key too

    def open(self, sha256: str, byte_range: str | None = None) -> BlobStream:
        params: dict[str, Any] = {"Key": self.key(sha256)}
        if byte_range and byte_range.strip().lower().startswith("bytes="):
            params["Range"] = byte_range.strip()  # the store parses it; one it cannot serve it ignores or refuses
        try:
            answer = self._call("get_object", **params)
        except BadRange as exc:
            if exc.size is None:  # not every store says the size with the refusal (S3Proxy does not)
                exc.size = int(self._call("head_object", Key=params["Key"])["ContentLength"])
            raise
        body = answer["Body"]
        length = int(answer["ContentLength"])
        content_range = answer.get("ContentRange") if "Range" in params else None
        size = int(content_range.rsplit("/", 1)[1]) if content_range else length
        return BlobStream(size, length, content_range, self._chunks(body), body.close)

    def _chunks(self, body: Any) -> Iterator[bytes]:
        from botocore.exceptions import BotoCoreError

        try:
            yield from body.iter_chunks(CHUNK)
        except BotoCoreError as exc:
            raise self._failed(exc) from exc

    @contextlib.contextmanager
    def local_file(self, sha256: str) -> Iterator[Path]:
        _checked(sha256)  # before it goes into a file name
        self.scratch.mkdir(parents=True, exist_ok=True)
        # Named like atomic's temporary files, so that one a killed process left is removed by the next recovery
        # (a withdrawn document must not linger here either).
        fd, path = atomic.temporary(self.scratch, f"{sha256}.pdf", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in self.open(sha256):
                    handle.write(chunk)
            yield path
        finally:
            path.unlink(missing_ok=True)


_S3_URL = re.compile(r"^s3://(?P<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/(?P<prefix>[^?#\s]*))?$")


def open_blob_store(settings: Settings) -> BlobStore:
    """The blob store the settings name: `<data dir>/blobs` when OPENARCHIEF_BLOB_URL is empty, else the S3
    bucket (and prefix) it gives."""
    if not settings.blob_url:
        return LocalBlobStore(settings.data_dir / "blobs")
    found = _S3_URL.match(settings.blob_url)
    if not found:
        raise ValueError(f"OPENARCHIEF_BLOB_URL must be empty or s3://bucket[/prefix], not {settings.blob_url!r}")
    return S3BlobStore(
        found["bucket"], found["prefix"] or "", settings.blob_endpoint_url, settings.data_dir / "blob-copies"
    )

"""Write-then-rename, the one way files in the data dir are replaced: a reader sees the old file or the new one,
never half of one, and a failed write (a full disk, a kill before the rename aside) leaves no temporary file."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import IO, Iterator


def temporary(folder: Path, name: str, suffix: str = ".tmp") -> tuple[int, Path]:
    """A new temporary file in `folder` for what will become `name` (an open descriptor and its path), named so
    that `remove_leftovers` can tell whether the writer is still alive."""
    # The writer's pid in the name lets a later run tell a killed writer's leftover from a live one's file.
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.{os.getpid()}.", suffix=suffix)
    return fd, Path(tmp)


@contextlib.contextmanager
def replacing(target: Path, mode: str = "w", suffix: str = ".tmp") -> Iterator[IO]:
    """A temporary file beside `target`, opened in `mode`, that replaces `target` when the block ends without
    an error; on any error it is removed and `target` is left as it was."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temporary(target.parent, target.name, suffix)
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8") as handle:
            yield handle
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text(target: Path, text: str) -> None:
    with replacing(target) as handle:
        handle.write(text)


def copy_file(source: Path, target: Path) -> None:
    with replacing(target, "wb", suffix=".part") as handle, open(source, "rb") as original:
        shutil.copyfileobj(original, handle, 1 << 20)


_LEFTOVER = re.compile(r"^\..+\.(\d+)\.[^.]+\.(tmp|part)$")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(folder: Path) -> int:
    """Delete the temporary files that writers killed before they could clean up left below `folder` (a kill
    is the one case `replacing` cannot clean up after); files of writers still running are left alone.
    Returns how many were removed."""
    removed = 0
    if not folder.is_dir():
        return 0
    for path in folder.rglob(".*"):
        found = _LEFTOVER.match(path.name)
        if found and path.is_file() and not _alive(int(found.group(1))):
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
    return removed

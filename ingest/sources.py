"""Which files an ingest run looks at: PDFs named on the command line, and every *.pdf below named folders."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator


@dataclass(frozen=True)
class SourceFile:
    path: Path  # absolute
    relative: str  # as shown to people: relative to the folder it was found in


def iter_files(paths: list[Path]) -> Iterator[SourceFile]:
    for given in paths:
        given = Path(given)
        if given.is_dir():
            root = given.resolve()
            for path in sorted(root.rglob("*")):
                if path.is_file() and path.suffix.lower() == ".pdf":
                    yield SourceFile(path, str(path.relative_to(root)))
        else:
            # A file named explicitly is taken whatever its name; the magic bytes decide.
            yield SourceFile(given.resolve(), given.name)

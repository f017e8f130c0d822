"""Reading an uploaded file from disk no further than the size limit needs.

A file over the limit is refused without being read whole: its first ``limit + 1`` bytes show
that it is too large, and its size on disk says by how much (the refusal names the size).
"""

from __future__ import annotations

import os
from pathlib import Path


def read_at_most(path: Path, limit: int) -> tuple[bytes, int]:
    """The file's bytes if it holds at most ``limit`` bytes, else only its first ``limit + 1``;
    and the file's size (at least the number of bytes read, should it grow meanwhile)."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        data = handle.read(limit + 1)
    return data, max(size, len(data))

"""Files and folders planwatch creates are for the account that runs it only (issue 16).

The database, its write-ahead log, the archive beside it and backups hold counts of victims and
password hashes: planwatch creates them ``0600`` (files) and ``0700`` (folders), whatever the
process's umask. A folder that already exists (one the operator made) is left as it is.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

FILE_MODE: Final = 0o600
DIR_MODE: Final = 0o700


def make_dirs(folder: Path) -> None:
    """Create ``folder`` and any missing parents, each readable by the owner only."""
    missing: list[Path] = []
    current = Path(folder)
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=DIR_MODE)
        except FileExistsError:  # another process made it meanwhile
            continue
        os.chmod(path, DIR_MODE)


def restrict(path: Path, mode: int = FILE_MODE) -> None:
    """Make a file planwatch just created readable by its owner only."""
    if path.exists():
        os.chmod(path, mode)


def open_private(path: Path, flags: int) -> int:
    """``os.open`` that creates the file ``0600`` (an existing file keeps its mode)."""
    return os.open(path, flags | os.O_CREAT, FILE_MODE)

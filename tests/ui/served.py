"""A database for a test that serves the app for real (one server on 127.0.0.1)."""

from __future__ import annotations

import shutil
from pathlib import Path

from planwatch.access import accounts
from planwatch.storage import Store


def demo_copy(template: Path, folder: Path, origin: str) -> tuple[Path, str]:
    """A copy of the demo database in ``folder``, and the password the demo viewer
    (``demo-viewer``) signs in with."""
    db = folder / "app.duckdb"
    shutil.copy(template, db)
    return db, accounts.demo_users(Store(db), origin=origin)["demo-viewer"]

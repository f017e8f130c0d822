"""The only package that imports duckdb or holds SQL."""

from planwatch.storage.connection import Store
from planwatch.storage.migrations import MIGRATIONS, Migration, MigrationState

__all__ = ["MIGRATIONS", "Migration", "MigrationState", "Store"]

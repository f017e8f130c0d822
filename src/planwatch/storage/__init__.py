"""The only package that imports duckdb or holds SQL: the connection (:class:`Store`), the
migrations, and one module of SQL per kind of record (figures in ``repository``, users, reviews,
the audit log, uploads, exports, backups) plus the archive beside the database.

May import the kernel and ``planwatch.domain``. Every statement binds its parameters.
"""

from planwatch.storage.connection import Store
from planwatch.storage.migrations import MIGRATIONS, Migration, MigrationState

__all__ = ["MIGRATIONS", "Migration", "MigrationState", "Store"]

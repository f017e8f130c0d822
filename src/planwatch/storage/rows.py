"""Small helpers every SQL module of storage shares: rows as dictionaries, null-safe equality,
and the moment that stands for "now and always" in "as of" queries."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import duckdb

FAR_FUTURE: Final = dt.datetime(9999, 12, 31, 23, 59, 59)  # noqa: DTZ001 - naive = UTC
"""The ``as_of`` of "now": later than any stored moment."""


def as_dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The rows of an executed statement, each as ``{column: value}``."""
    description = cursor.description or []
    names = [column[0] for column in description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def not_distinct(column: str, left: str = "i", right: str = "c") -> str:
    """SQL for "``left.column`` equals ``right.column``, nulls equal to nulls"."""
    return f"{left}.{column} IS NOT DISTINCT FROM {right}.{column}"

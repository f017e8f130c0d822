"""docs/exports.md lists every column of every export table, in order, with its Parquet type:
a column added to (or dropped from) an export without its documentation fails here."""

from __future__ import annotations

import io
import re

import pyarrow.parquet as pq

from planwatch.access import accounts
from planwatch.exports import auditors, formats
from planwatch.storage import Store
from tests.paths import REPO

DOC = REPO / "docs" / "exports.md"
TYPES = {"string": "string", "bool": "bool", "date32[day]": "date", "timestamp[us]": "timestamp"}


def _documented() -> dict[str, list[tuple[str, str]]]:
    text = DOC.read_text(encoding="utf-8")
    body = text.split("<!-- columns:start -->", 1)[1].split("<!-- columns:end -->", 1)[0]
    tables: dict[str, list[tuple[str, str]]] = {}
    for section in re.split(r"^### ", body, flags=re.MULTILINE)[1:]:
        name = re.match(r"`(\w+)`", section)
        assert name, section[:40]
        rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \|", section, flags=re.MULTILINE)
        if not rows:  # a table documented as "the same columns as ...": a list of names
            rows = [(c, "") for c in re.findall(r"`(\w+)`", section.split("(", 1)[1])]
        tables[name.group(1)] = [(column, kind.strip()) for column, kind in rows]
    return tables


def _parquet_type(type_name: str) -> str:
    match = re.fullmatch(r"decimal128\((\d+), (\d+)\)", type_name)
    if match:
        return f"decimal({match.group(1)},{match.group(2)})"
    return TYPES.get(type_name, type_name)


def test_every_exported_column_is_documented_in_order_with_its_type(users_store: Store) -> None:
    auditor = accounts.actor_for(users_store, "auditor1")
    frames = auditors.tables(users_store, auditor)
    documented = _documented()
    assert list(documented) == list(auditors.TABLES)
    for name, frame in frames.items():
        schema = pq.read_table(io.BytesIO(formats.parquet_bytes(frame))).schema
        actual = [(field.name, _parquet_type(str(field.type))) for field in schema]
        listed = documented[name]
        assert [column for column, _ in listed] == [column for column, _ in actual], name
        for (column, kind), (_, real) in zip(listed, actual, strict=True):
            assert kind in ("", real), (name, column, kind, real)

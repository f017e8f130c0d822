"""Exports for auditors: the tables as stored at a moment, written in a chosen format, with
each delivered file's SHA-256 in the audit log (issue 6, first part).

Only users with the ``export`` permission may export. What is exported is what was stored at
``as_of`` (UTC; default now): a correction or approval after it does not appear.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

from planwatch import exports
from planwatch.audit import AuditAction, record
from planwatch.domain.access import Actor, Permission, require
from planwatch.domain.clock import to_utc_naive, utc_now
from planwatch.errors import UsageError
from planwatch.storage import Store
from planwatch.storage import export_tables as sql
from planwatch.storage.repository import FAR_FUTURE

if TYPE_CHECKING:
    import pandas as pd

TABLES: Final = tuple(sql.QUERIES)
SUFFIX: Final = {
    exports.ExportFormat.CSV: ".csv",
    exports.ExportFormat.CSV_DA: ".da.csv",
    exports.ExportFormat.XLSX: ".xlsx",
    exports.ExportFormat.PARQUET: ".parquet",
}


@dataclass(frozen=True, slots=True)
class ExportedFile:
    path: Path
    sha256: str
    rows: int | None  # None for a workbook of several tables


@dataclass(slots=True)
class ExportReceipt:
    exported_by: str
    as_of: dt.datetime | None
    plan_id: str | None
    file_format: str
    files: list[ExportedFile] = field(default_factory=list)


def _names(names: Sequence[str] | None) -> list[str]:
    chosen = list(names) if names else list(TABLES)
    unknown = [n for n in chosen if n not in TABLES]
    if unknown:
        raise UsageError(
            f"Ukendte tabeller: {', '.join(unknown)}. Tabeller: {', '.join(TABLES)}.",
            f"Unknown tables: {', '.join(unknown)}. Tables: {', '.join(TABLES)}.",
        )
    return chosen


def tables(
    store: Store,
    actor: Actor | None,
    *,
    names: Sequence[str] | None = None,
    as_of: dt.datetime | None = None,
    plan_id: str | None = None,
) -> dict[str, pd.DataFrame]:
    """The chosen tables as stored at ``as_of``, read in one connection."""
    require(actor, Permission.EXPORT)
    moment = to_utc_naive(as_of) if as_of else FAR_FUTURE
    with store.connect(read_only=True) as connection:
        return {
            name: sql.table(connection, name, as_of=moment, plan_id=plan_id)
            for name in _names(names)
        }


def export(
    store: Store,
    actor: Actor | None,
    out: Path,
    *,
    file_format: exports.ExportFormat | str = exports.ExportFormat.CSV,
    names: Sequence[str] | None = None,
    as_of: dt.datetime | None = None,
    plan_id: str | None = None,
) -> ExportReceipt:
    """Write the tables into ``out`` (one file per table; one workbook for XLSX) and record
    the export — who, what, as of when, and each file's SHA-256 — in the audit log."""
    who = require(actor, Permission.EXPORT)
    the_format = exports.ExportFormat(file_format)
    frames = tables(store, who, names=names, as_of=as_of, plan_id=plan_id)
    out.mkdir(parents=True, exist_ok=True)
    receipt = ExportReceipt(who.name, as_of, plan_id, the_format.value)
    moment = to_utc_naive(as_of) if as_of else None
    if the_format is exports.ExportFormat.XLSX:
        about = [
            ("Indhold / Contents", ", ".join(frames)),
            ("Plan", plan_id or "alle / all"),
            ("Pr. / As of (UTC)", moment or "nu / now"),
            ("Eksporteret af / Exported by", who.name),
            ("Eksporteret / Exported (UTC)", utc_now()),
        ]
        _write(receipt, out / "planwatch.xlsx", exports.xlsx_bytes(frames, about), None)
    else:
        build = {
            exports.ExportFormat.CSV: exports.csv_bytes,
            exports.ExportFormat.CSV_DA: exports.csv_da_bytes,
            exports.ExportFormat.PARQUET: exports.parquet_bytes,
        }[the_format]
        for name, frame in frames.items():
            _write(receipt, out / f"{name}{SUFFIX[the_format]}", build(frame), len(frame))
    store.run_in_transaction(
        lambda connection: record(
            connection,
            actor=who.name,
            action=AuditAction.EXPORT,
            subject=f"tables:{','.join(frames)}",
            details={
                "format": the_format.value,
                "as_of": moment.isoformat() if moment else None,
                "plan_id": plan_id,
                "files": {f.path.name: f.sha256 for f in receipt.files},
            },
            origin=who.origin,
        )
    )
    return receipt


def _write(receipt: ExportReceipt, path: Path, data: bytes, rows: int | None) -> None:
    path.write_bytes(data)
    receipt.files.append(ExportedFile(path, hashlib.sha256(data).hexdigest(), rows))

"""Exports for auditors: the tables as stored at a moment, written in a chosen format, with
each delivered file's SHA-256 in the audit log (issue 6, first part).

Only users with the ``export`` permission may export. What is exported is what was stored at
``as_of`` (UTC; default now): a correction or approval after it does not appear.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
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
        about = _about(frames, moment, plan_id, who)
        _write(receipt, out / "planwatch.xlsx", exports.xlsx_bytes(frames, about), None)
    else:
        build = {
            exports.ExportFormat.CSV: exports.csv_bytes,
            exports.ExportFormat.CSV_DA: exports.csv_da_bytes,
            exports.ExportFormat.PARQUET: exports.parquet_bytes,
        }[the_format]
        for name, frame in frames.items():
            _write(receipt, out / f"{name}{SUFFIX[the_format]}", build(frame), len(frame))
    _record_export(
        store, who, f"tables:{','.join(frames)}", the_format.value, moment, plan_id, receipt
    )
    return receipt


_TABLE_NOTES: Final[dict[str, str]] = {
    "figures": "Every current figure (indicator, period, breakdown, source): one row per figure "
    "as the dashboard's viewers saw it (approved figures only), with the version that holds it.",
    "allocations": "Current allocations (bevillinger) per initiative and year, in DKK.",
    "spending": "Current spending (forbrug) per initiative and quarter, in DKK.",
    "history": "Every version of every figure, allocation and spending amount: one row per "
    "figure-version, with the value before it, who recorded it, when, why, the upload it came "
    "from (file and SHA-256) and its review (status, by whom, when, comment).",
    "corrections": "The rows of `history` that are corrections.",
    "uploads": "Every upload: file name, SHA-256, size, who, when, row counts and the warnings "
    "accepted. The files themselves are in `uploads/`.",
    "audit_log": "The audit log: each entry with the hash of the one before it "
    "(`planwatch audit verify` checks the chain).",
    "plans": "The action plans and their totals.",
    "action_areas": "The plans' action areas (indsatsområder).",
    "initiatives": "The initiatives (indsatser) and their action areas.",
    "indicators": "Indicator definitions: unit, flow or stock, direction.",
    "sources": "Every source a figure cites; kind `illustrative` marks invented demo figures.",
}

_QUERIES: Final = """\
The dashboard's figures from these files, with DuckDB (any version that reads Parquet), from
this folder:

```sql
-- A core indicator's figure for a year (the Overview tile), e.g. persons assessed as victims
-- in 2023: the preferred source's value for the whole year and no breakdown.
SELECT value, source_id FROM 'tables/figures.parquet'
WHERE indicator_code = 'victims_assessed' AND year = 2023 AND quarter IS NULL
  AND sex = 'all' AND age_group = 'all' AND exploitation = 'all' AND is_preferred;

-- A year of a flow indicator known only by quarters: the sum of its quarters.
SELECT year, sum(value) FROM 'tables/figures.parquet'
WHERE indicator_code = 'hotline_calls' AND quarter IS NOT NULL AND is_preferred
  AND sex = 'all' AND age_group = 'all' AND exploitation = 'all'
GROUP BY year ORDER BY year;

-- The plan's money (Overview and Budget): allocated and spent.
SELECT (SELECT sum(amount_dkk) FROM 'tables/allocations.parquet' WHERE plan_id = '2022-2025')
           AS allocated_dkk,
       (SELECT sum(amount_dkk) FROM 'tables/spending.parquet' WHERE plan_id = '2022-2025')
           AS spent_dkk,
       (SELECT total_dkk FROM 'tables/plans.parquet' WHERE plan_id = '2022-2025') AS total_dkk;

-- Every version of one figure, oldest first (its audit trail).
SELECT recorded_at, value, previous_value, change_kind, recorded_by, reason, status
FROM 'tables/history.parquet'
WHERE figure_table = 'observation' AND indicator_code = 'victims_assessed' AND year = 2023
  AND quarter IS NULL AND sex = 'all' AND age_group = 'all' AND exploitation = 'all'
ORDER BY recorded_at, version_id;
```

Breakdown counts of persons below the small-count threshold are exact here (auditors see exact
values); the dashboard shows them to viewers as "<3".
"""


def _readme(
    frames: Mapping[str, pd.DataFrame], moment: dt.datetime | None, plan: str | None, who: str
) -> str:
    lines = [
        "# planwatch audit pack",
        "",
        f"- As of (UTC): {moment.isoformat() if moment else 'the moment of export'}",
        f"- Plan: {plan or 'all plans'}",
        f"- Exported by: {who}",
        f"- Exported at (UTC): {utc_now().isoformat(timespec='seconds')}",
        "",
        "Every table is here three times: `tables/<name>.csv` (UTF-8, comma, decimal point), "
        "`tables/<name>.da.csv` (for Danish Excel: semicolon, decimal comma) and "
        "`tables/<name>.parquet` (types kept); `planwatch.xlsx` holds them all, one sheet each. "
        "`manifest.json` gives the SHA-256 of every file in the pack.",
        "",
        "## Tables",
        "",
    ]
    lines += [
        f"- `{name}` ({len(frame)} rows): {_TABLE_NOTES[name]}" for name, frame in frames.items()
    ]
    lines += ["", "## Reproducing the dashboard", "", _QUERIES]
    return "\n".join(lines)


def pack(
    store: Store,
    actor: Actor | None,
    target: Path,
    *,
    as_of: dt.datetime | None = None,
    plan_id: str | None = None,
) -> ExportReceipt:
    """One ZIP: every table in CSV, Danish CSV, Parquet and one workbook, the original uploaded
    files, a README (what each table holds and the queries behind the dashboard's figures) and
    ``manifest.json`` with each file's SHA-256. Recorded in the audit log with the ZIP's hash."""
    who = require(actor, Permission.EXPORT)
    frames = tables(store, who, as_of=as_of, plan_id=plan_id)
    moment = to_utc_naive(as_of) if as_of else None
    with store.connect(read_only=True) as connection:
        originals = sql.upload_files(connection, as_of=moment or FAR_FUTURE)
    files: dict[str, bytes] = {}
    for name, frame in frames.items():
        files[f"tables/{name}.csv"] = exports.csv_bytes(frame)
        files[f"tables/{name}.da.csv"] = exports.csv_da_bytes(frame)
        files[f"tables/{name}.parquet"] = exports.parquet_bytes(frame)
    files["planwatch.xlsx"] = exports.xlsx_bytes(frames, _about(frames, moment, plan_id, who))
    for upload_id, file_name, sha256, content in originals:
        safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in file_name)
        files[f"uploads/{upload_id}-{sha256[:12]}-{safe}"] = content
    files["README.md"] = _readme(frames, moment, plan_id, who.name).encode("utf-8")
    manifest = {
        "as_of": moment.isoformat() if moment else None,
        "plan_id": plan_id,
        "exported_by": who.name,
        "files": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            for name, data in sorted(files.items())
        },
    }
    files["manifest.json"] = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    data = buffer.getvalue()
    target.parent.mkdir(parents=True, exist_ok=True)
    receipt = ExportReceipt(who.name, as_of, plan_id, "pack")
    _write(receipt, target, data, None)
    _record_export(
        store, who, f"pack:{target.name}", "pack", moment, plan_id, receipt, uploads=len(originals)
    )
    return receipt


def _about(
    frames: Mapping[str, pd.DataFrame], moment: dt.datetime | None, plan_id: str | None, who: Actor
) -> list[tuple[str, object]]:
    """The workbook's first sheet: what it holds, for which plan, as of when, by whom."""
    return [
        ("Indhold / Contents", ", ".join(frames)),
        ("Plan", plan_id or "alle / all"),
        ("Pr. / As of (UTC)", moment or "nu / now"),
        ("Eksporteret af / Exported by", who.name),
        ("Eksporteret / Exported (UTC)", utc_now()),
    ]


def _record_export(
    store: Store,
    who: Actor,
    subject: str,
    file_format: str,
    moment: dt.datetime | None,
    plan_id: str | None,
    receipt: ExportReceipt,
    **extra: object,
) -> None:
    """The audit entry of an export: format, moment, plan and each delivered file's SHA-256."""
    details: dict[str, object] = {
        "format": file_format,
        "as_of": moment.isoformat() if moment else None,
        "plan_id": plan_id,
        "files": {f.path.name: f.sha256 for f in receipt.files},
        **extra,
    }
    store.run_in_transaction(
        lambda connection: record(
            connection,
            actor=who.name,
            action=AuditAction.EXPORT,
            subject=subject,
            details=details,
            origin=who.origin,
        )
    )


def _write(receipt: ExportReceipt, path: Path, data: bytes, rows: int | None) -> None:
    path.write_bytes(data)
    receipt.files.append(ExportedFile(path, hashlib.sha256(data).hexdigest(), rows))

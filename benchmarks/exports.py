"""Benchmark of the auditor exports: the ``history`` table of a million figure-versions, written
to each format by planwatch and, beside it, by DuckDB's own ``COPY``.

Run from the repository root::

    .venv/bin/python benchmarks/exports.py [--quick] [--rows N] \
        [--out benchmarks/results-formats.md]

The script builds the demo database (``reference.load(Store(path), demo=True)``) in a temporary
folder and adds N generated figure-versions to it with DuckDB directly (registered pandas frames,
``INSERT ... SELECT``; ids from the schema's sequences), with their change sets, the uploads they
came from and the approvals of them, so that every ``history`` row has an upload and a review
status. Then it measures, each step in a fresh Python process (this same script in its hidden
``--measure`` mode), for each format (csv, csv-da, xlsx, parquet):

* the two halves of planwatch's export: reading the table into pandas
  (``auditors.tables``) and building the file's bytes (``formats.csv_bytes`` ...);
* the end-to-end call ``auditors.export(store, actor, out, file_format=F,
  names=["history"])`` (query, build, write, SHA-256, audit entry);

and, as the baseline, DuckDB's ``COPY (<the same history query>) TO ... (FORMAT csv|parquet)`` on
the same file. DuckDB cannot write XLSX without its ``excel`` extension, which is not loaded.
Every step runs a copy of ``src/planwatch``, ``data/`` and this script taken when the run starts,
so that edits to the working tree during a long run cannot mix two versions of the code.

It is also a smoke test: it exits with status 1 when an output has the wrong number of rows or a
step crashes. Timings never make it fail; a step past ``--step-timeout`` is stopped and reported.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import hashlib
import importlib.metadata
import io
import json
import math
import os
import platform
import re
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import duckdb
    import numpy as np
    import pandas as pd

    from planwatch.domain.permissions import Actor

SEED: Final = 20261129
MIB: Final = 1024 * 1024
ROWS: Final = 1_000_000
QUICK_ROWS: Final = 20_000
STEP_TIMEOUT_S: Final = 1_200  # the brief: stop an XLSX run past ~20 minutes
FORMATS: Final = ("csv", "csv-da", "parquet", "xlsx")
COPY_FORMATS: Final = ("csv", "parquet")
TABLE: Final = "history"
EXCEL_MAX_ROWS: Final = 1_048_576  # rows per sheet, the header row included
BENCH_PACKAGES: Final = ("duckdb", "pandas", "numpy", "pyarrow", "openpyxl", "lxml")

# The generated history: figures of every indicator for every breakdown combination (the total,
# and every combination of sex, age group and form of exploitation, 'all' included: 4 x 3 x 10
# = 120), for the whole year and each quarter, year by year backwards from LAST_YEAR until
# there are enough figure-versions. Each figure has 1-4 versions (a first upload, then
# corrections and re-uploads), drawn with these weights; the last figure is cut short so that
# exactly N versions are made.
LAST_YEAR: Final = 2025
PERIODS: Final = (0, 1, 2, 3, 4)  # 0: the whole year; 1-4: quarters
VERSION_WEIGHTS: Final = (0.4, 0.3, 0.2, 0.1)
SOURCE: Final = "cmm-upload"
UPLOADER: Final = "benchmark:cmm-indberetter"
APPROVER: Final = "benchmark:godkender"
SUBMITTED_AFTER: Final = "2026-03-01"  # change sets recorded later still await approval
CORRECTION_NOTE: Final = 'Rettet; jf. "efterregistrering" af sager'  # quoting in both CSVs


# --------------------------------------------------------------------------------------------
# Peak memory (as in uploads.py)
# --------------------------------------------------------------------------------------------


def _status_kb(name: str) -> int | None:
    """A ``/proc/self/status`` figure in kB (VmHWM: peak resident set; VmRSS: now)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _peak_kb() -> int:
    """The process's peak resident set so far, in kB: VmHWM where Linux has it (a child's
    ``ru_maxrss`` starts at its parent's peak, see uploads.py), else ``ru_maxrss``."""
    hwm = _status_kb("VmHWM")
    return hwm if hwm is not None else int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _reset_peak() -> int:
    """Reset VmHWM to the present resident set (Linux >= 4.0) and return that resident set, so
    that the peak read afterwards is the next step's own."""
    gc.collect()
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return _peak_kb()
    return _status_kb("VmRSS") or _peak_kb()


# --------------------------------------------------------------------------------------------
# The database
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Database:
    path: str
    demo_history_rows: int
    generated_versions: int
    history_rows: int
    history_columns: int
    figures: int
    years: str
    versions_per_figure: dict[str, int]
    change_sets: int
    uploads: int
    status_rows: dict[str, int]
    size_bytes: int
    build_seconds: float


def _breakdowns() -> list[tuple[str, str, str, float]]:
    """(sex, age group, exploitation, share of the total) for every combination, 'all'
    included; the share is the product of 1/len(vocabulary) per broken-down dimension."""
    from planwatch.domain.vocab import AGE_GROUP, ALL, EXPLOITATION, SEX

    rows = []
    for sex in (ALL, *SEX):
        for age in (ALL, *AGE_GROUP):
            for form in (ALL, *EXPLOITATION):
                share = 1.0
                for code, vocabulary in ((sex, SEX), (age, AGE_GROUP), (form, EXPLOITATION)):
                    share *= 1.0 if code == ALL else 1.0 / len(vocabulary)
                rows.append((sex, age, form, share))
    return rows


def _period_end(year: int, period: int) -> dt.date:
    quarter = period or 4
    first_of_next = dt.date(year + (quarter == 4), quarter % 4 * 3 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def _kind(version: int, serial: int) -> str:
    """The first version is an upload; later ones alternate between a correction and a new
    upload, shifted per period so that about half the periods end on a correction."""
    if version == 1:
        return "upload"
    return "correction" if (version + serial) % 2 == 1 else "upload"


def _versions(
    rows: int, indicators: int, breakdowns: int, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """Exactly ``rows`` figure-versions as integer arrays: the figure's key (year, period,
    indicator, breakdown), its version number (1, 2, ...) and whether it is the last one."""
    import numpy as np

    counts = rng.choice(np.arange(1, 5), size=rows, p=VERSION_WEIGHTS)
    ends = np.cumsum(counts)
    figures = int(np.searchsorted(ends, rows)) + 1
    counts = counts[:figures].copy()
    counts[-1] -= int(ends[figures - 1]) - rows
    starts = np.cumsum(counts) - counts
    key = np.repeat(np.arange(figures), counts)
    version = np.arange(rows) - np.repeat(starts, counts) + 1
    per_year = len(PERIODS) * indicators * breakdowns
    within = key % per_year
    return {
        "key": key,
        "counts": counts,
        "year": LAST_YEAR - key // per_year,
        "period": within // (indicators * breakdowns),
        "indicator": within % (indicators * breakdowns) // breakdowns,
        "breakdown": within % breakdowns,
        "version": version,
        "last": version == counts[key],
    }


def _change_set_frame(
    year: np.ndarray, period: np.ndarray, version: np.ndarray
) -> tuple[pd.DataFrame, np.ndarray]:
    """One change set per period and version number (an upload of that quarter's or year's
    file, or a correction of it), and each figure-version's change set as a row index."""
    import numpy as np
    import pandas as pd

    code = ((LAST_YEAR - year) * len(PERIODS) + period) * 4 + (version - 1)
    unique, index = np.unique(code, return_inverse=True)
    rows = []
    for value in unique.tolist():
        serial, number = divmod(int(value), 4)
        back, period_value = divmod(serial, len(PERIODS))
        year_value, number = LAST_YEAR - back, number + 1
        kind = _kind(number, serial)
        day = _period_end(year_value, period_value) + dt.timedelta(days=25 + 30 * (number - 1))
        label = f"{year_value} {'år' if period_value == 0 else f'K{period_value}'}"
        rows.append(
            {
                "kind": kind,
                "recorded_at": f"{day.isoformat()} {9 if period_value else 13:02d}:00:00",
                "recorded_by": UPLOADER,
                "reason": f"Efterregistrering: sager registreret efter fristen ({label}, "
                f"version {number})"
                if kind == "correction"
                else None,
                "description": f"benchmark: {label} v{number}",
                "file_name": f"cmm-{year_value}-{'aar' if period_value == 0 else period_value}"
                f"-v{number}.csv",
                "first": number == 1,
            }
        )
    return pd.DataFrame(rows), index


def _insert_change_sets(connection: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> list[int]:
    """Insert the change sets (ids from the schema's sequence) and return their ids in the
    frame's order; descriptions are unique here."""
    connection.register("bench_change_sets", frame)
    connection.execute(
        """
        INSERT INTO change_sets (kind, recorded_at, recorded_by, reason, description)
        SELECT kind, CAST(recorded_at AS TIMESTAMP), recorded_by, reason, description
        FROM bench_change_sets ORDER BY recorded_at, description
        """
    )
    ids = dict(
        connection.execute(
            "SELECT b.description, c.change_set_id FROM bench_change_sets b "
            "JOIN change_sets c USING (description)"
        ).fetchall()
    )
    connection.unregister("bench_change_sets")
    assert len(ids) == len(frame), "change set descriptions must be unique"
    return [int(ids[d]) for d in frame["description"]]


def _history_count(connection: duckdb.DuckDBPyConnection) -> int:
    from planwatch.storage import export_tables
    from planwatch.storage.rows import FAR_FUTURE

    query = f"SELECT count(*) FROM ({export_tables.QUERIES[TABLE]})"  # noqa: S608 - constant SQL
    row = connection.execute(query, {"as_of": FAR_FUTURE}).fetchone()
    assert row is not None
    return int(row[0])


def _history_columns(connection: duckdb.DuckDBPyConnection) -> list[str]:
    from planwatch.storage import export_tables
    from planwatch.storage.rows import FAR_FUTURE

    query = f"SELECT * FROM ({export_tables.QUERIES[TABLE]}) LIMIT 0"  # noqa: S608 - constant SQL
    described = connection.execute(query, {"as_of": FAR_FUTURE}).description or []
    return [str(column[0]) for column in described]


def build_database(path: Path, rows: int) -> Database:
    """The demo database plus ``rows`` generated figure-versions, added in one transaction."""
    import duckdb
    import numpy as np
    import pandas as pd

    from planwatch.storage import Store
    from planwatch.uploads.reference import load

    started = time.perf_counter()
    load(Store(path), demo=True)
    connection = duckdb.connect(str(path))
    try:
        demo_rows = _history_count(connection)
        indicators = [
            r[0] for r in connection.execute("SELECT code FROM indicators ORDER BY 1").fetchall()
        ]
        breakdowns = _breakdowns()
        rng = np.random.default_rng(SEED)
        made = _versions(rows, len(indicators), len(breakdowns), rng)
        # The final figure per key: an indicator's scale x the breakdown's share x noise (x4
        # for a whole year); earlier versions undercount it (late registrations).
        scale = rng.integers(5, 500, size=len(indicators))
        shares = np.array([b[3] for b in breakdowns])
        noise = rng.uniform(0.7, 1.3, size=len(made["counts"]))
        key = made["key"]
        final = np.floor(
            scale[made["indicator"]] * shares[made["breakdown"]] * noise[key]
            * np.where(made["period"] == 0, 4, 1)
        )  # fmt: skip
        value = np.where(made["last"], final, np.floor(final * (0.55 + 0.1 * made["version"])))
        change_sets, index = _change_set_frame(made["year"], made["period"], made["version"])
        connection.execute("BEGIN TRANSACTION")
        ids = np.asarray(_insert_change_sets(connection, change_sets), dtype=np.int64)
        versions = pd.DataFrame(
            {
                "change_set_id": ids[index],
                "indicator": made["indicator"].astype(np.int16),
                "year": made["year"].astype(np.int32),
                "period": made["period"].astype(np.int16),
                "breakdown": made["breakdown"].astype(np.int16),
                "value": value.astype(np.int64),
                "corrected": (change_sets["kind"].to_numpy() == "correction")[index],
                "key": key,
            }
        )
        connection.register("bench_versions", versions)
        connection.register(
            "bench_indicators", pd.DataFrame({"i": range(len(indicators)), "code": indicators})
        )
        connection.register(
            "bench_breakdowns",
            pd.DataFrame(breakdowns, columns=["sex", "age_group", "exploitation", "share"])
            .reset_index(names="b"),
        )  # fmt: skip
        connection.execute(
            """
            INSERT INTO observation_versions (change_set_id, indicator_code, year, quarter, sex,
                age_group, exploitation, source_id, value, is_preferred, withdrawn, note)
            SELECT v.change_set_id, i.code, v.year, NULLIF(v.period, 0), b.sex, b.age_group,
                   b.exploitation, $source, CAST(v.value AS DECIMAL(18, 3)),
                   v.period <> 0, false, CASE WHEN v.corrected THEN $note END
            FROM bench_versions v
            JOIN bench_indicators i ON i.i = v.indicator
            JOIN bench_breakdowns b ON b.b = v.breakdown
            ORDER BY v.change_set_id, v.key
            """,
            {"source": SOURCE, "note": CORRECTION_NOTE},
        )
        # The file each upload came from (a stand-in: its bytes are only the change set's name;
        # the history shows the name and SHA-256), and an approval an hour after each change
        # set, except the latest, which still await one.
        per_set = np.bincount(index, minlength=len(change_sets))
        uploads = change_sets.assign(
            change_set_id=ids, rows=per_set, content=change_sets["description"].str.encode("utf-8")
        )
        uploads = uploads[uploads["kind"] == "upload"].copy()
        uploads["sha256"] = [hashlib.sha256(c).hexdigest() for c in uploads["content"]]
        connection.register("bench_uploads", uploads)
        connection.execute(
            """
            INSERT INTO uploads (change_set_id, kind, file_name, file_format, sheet, sha256,
                size_bytes, uploaded_by, uploaded_at, reason, rows_total, rows_new,
                rows_unchanged, rows_corrected, accepted_warnings, content)
            SELECT change_set_id, 'kpi', file_name, 'csv', NULL, sha256, octet_length(content),
                   recorded_by, CAST(recorded_at AS TIMESTAMP), NULL, rows,
                   CASE WHEN first THEN rows ELSE 0 END, 0, CASE WHEN first THEN 0 ELSE rows END,
                   '[]', content
            FROM bench_uploads ORDER BY change_set_id
            """
        )
        connection.execute(
            """
            INSERT INTO reviews (change_set_id, decision, reviewed_at, reviewed_by, comment)
            SELECT change_set_id, 'approved', recorded_at + INTERVAL 1 HOUR, $approver, NULL
            FROM change_sets
            WHERE recorded_by = $uploader AND recorded_at < CAST($after AS TIMESTAMP)
            """,
            {"approver": APPROVER, "uploader": UPLOADER, "after": SUBMITTED_AFTER},
        )
        connection.execute("COMMIT")
        connection.execute("CHECKPOINT")
        for name in ("bench_versions", "bench_indicators", "bench_breakdowns", "bench_uploads"):
            connection.unregister(name)
        history = _history_count(connection)
        columns = len(_history_columns(connection))
        generated = connection.execute(
            "SELECT count(*) FROM observation_versions WHERE source_id = $s", {"s": SOURCE}
        ).fetchone()
        statuses = connection.execute(
            "SELECT status, count(*) FROM change_set_status(TIMESTAMP '9999-12-31') s "
            "JOIN observation_versions v USING (change_set_id) WHERE v.source_id = $s "
            "GROUP BY ALL ORDER BY 1",
            {"s": SOURCE},
        ).fetchall()
        upload_count = connection.execute("SELECT count(*) FROM uploads").fetchone()
    finally:
        connection.close()
    spread = np.bincount(made["counts"], minlength=5)[1:]
    years = made["year"]
    return Database(
        path=str(path),
        demo_history_rows=demo_rows,
        generated_versions=int(generated[0]) if generated else 0,
        history_rows=history,
        history_columns=columns,
        figures=len(made["counts"]),
        years=f"{int(years.min())}-{int(years.max())}",
        versions_per_figure={str(n + 1): int(c) for n, c in enumerate(spread)},
        change_sets=len(change_sets),
        uploads=int(upload_count[0]) if upload_count else 0,
        status_rows={str(s): int(c) for s, c in statuses},
        size_bytes=_file_size(path),
        build_seconds=time.perf_counter() - started,
    )


def _file_size(path: Path) -> int:
    wal = path.with_name(path.name + ".wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


# --------------------------------------------------------------------------------------------
# One step, in a fresh process (the hidden --measure mode)
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Step:
    kind: str  # parts | export | copy | excel-limit
    file_format: str
    seconds: float = math.nan  # the whole step's timed part
    query_seconds: float = math.nan
    build_seconds: float = math.nan
    cpu_seconds: float = math.nan  # CPU time (user + system, all threads) of the timed part
    query_cpu_seconds: float = math.nan
    build_cpu_seconds: float = math.nan
    peak_kb: int = 0  # whole-process peak during the timed part
    query_delta_kb: int = 0  # above the resident set before the query
    build_delta_kb: int = 0  # above the resident set after the query (the frame held)
    delta_kb: int = 0  # export/copy: above the resident set before the call
    size_bytes: int = 0
    rows: int | None = None
    columns: int | None = None  # parts: the columns of the frame tables() returned
    path: str | None = None
    note: str = ""
    status: str = "ok"  # ok | timeout | crash
    load_1min: float = math.nan
    failures: list[str] = field(default_factory=list)


def _actor() -> Actor:
    from planwatch.domain.permissions import Actor, Role

    return Actor("benchmark-auditor", frozenset({Role.AUDITOR}), origin="benchmark")


def _builder(file_format: str, actor: Actor) -> Callable[[dict[str, pd.DataFrame]], bytes]:
    """What ``auditors.export`` does with the frames, minus writing and recording."""
    from planwatch.exports import auditors, formats

    chosen = formats.ExportFormat(file_format)
    if chosen is formats.ExportFormat.XLSX:
        return lambda frames: formats.xlsx_bytes(
            frames,
            auditors._about(list(frames), {}, {}, None, None, actor),  # the export's first sheet
        )
    build = {
        formats.ExportFormat.CSV: formats.csv_bytes,
        formats.ExportFormat.CSV_DA: formats.csv_da_bytes,
        formats.ExportFormat.PARQUET: formats.parquet_bytes,
    }[chosen]
    return lambda frames: b"".join(build(frame) for frame in frames.values())


def _measure_parts(job: Mapping[str, Any]) -> Step:
    from planwatch.exports import auditors
    from planwatch.storage import Store

    store, actor = Store(Path(job["db"])), _actor()
    build = _builder(job["format"], actor)
    build(auditors.tables(store, actor, names=["sources"]))  # warm-up
    step = Step("parts", job["format"])
    before = _reset_peak()
    start, cpu = time.perf_counter(), time.process_time()
    frames = auditors.tables(store, actor, names=[TABLE])
    step.query_seconds = time.perf_counter() - start
    step.query_cpu_seconds = time.process_time() - cpu
    query_peak = _peak_kb()
    step.query_delta_kb = query_peak - before
    holding = _reset_peak()
    start, cpu = time.perf_counter(), time.process_time()
    data = build(frames)
    step.build_seconds = time.perf_counter() - start
    step.build_cpu_seconds = time.process_time() - cpu
    build_peak = _peak_kb()
    step.build_delta_kb = build_peak - holding
    step.seconds = step.query_seconds + step.build_seconds
    step.cpu_seconds = step.query_cpu_seconds + step.build_cpu_seconds
    step.peak_kb = max(query_peak, build_peak)
    step.size_bytes = len(data)
    step.rows, step.columns = frames[TABLE].shape
    return step


def _measure_export(job: Mapping[str, Any]) -> Step:
    from planwatch.exports import auditors
    from planwatch.storage import Store

    store, actor, out = Store(Path(job["db"])), _actor(), Path(job["out"])
    auditors.export(store, actor, out / "warm-up", file_format=job["format"], names=["sources"])
    step = Step("export", job["format"])
    before = _reset_peak()
    start, cpu = time.perf_counter(), time.process_time()
    receipt = auditors.export(store, actor, out, file_format=job["format"], names=[TABLE])
    step.seconds = time.perf_counter() - start
    step.cpu_seconds = time.process_time() - cpu
    step.peak_kb = _peak_kb()
    step.delta_kb = step.peak_kb - before
    (written,) = receipt.files
    step.path = str(written.path)
    step.size_bytes = written.path.stat().st_size
    step.rows = written.rows
    if hashlib.sha256(written.path.read_bytes()).hexdigest() != written.sha256:
        step.failures.append(f"export {job['format']}: the file's SHA-256 is not the receipt's")
    return step


def _sql_text(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _measure_copy(job: Mapping[str, Any]) -> Step:
    import duckdb

    from planwatch.storage import export_tables
    from planwatch.storage.rows import FAR_FUTURE

    out = Path(job["out"])
    out.mkdir(parents=True, exist_ok=True)
    options = "FORMAT csv, HEADER true" if job["format"] == "csv" else "FORMAT parquet"
    target = out / f"duckdb-{TABLE}.{job['format']}"
    connection = duckdb.connect(job["db"], read_only=True)
    try:
        connection.execute(  # warm-up
            f"COPY (SELECT * FROM sources) TO {_sql_text(out / 'warm-up')} ({options})"  # noqa: S608
        )
        step = Step("copy", job["format"])
        before = _reset_peak()
        start, cpu = time.perf_counter(), time.process_time()
        connection.execute(
            f"COPY ({export_tables.QUERIES[TABLE]}) TO {_sql_text(target)} ({options})",
            {"as_of": FAR_FUTURE},
        )
        step.seconds = time.perf_counter() - start
        step.cpu_seconds = time.process_time() - cpu
        step.peak_kb = _peak_kb()
        step.delta_kb = step.peak_kb - before
    finally:
        connection.close()
    step.path = str(target)
    step.size_bytes = target.stat().st_size
    return step


def _sheet_rows(archive: zipfile.ZipFile, member: str) -> int:
    """The ``<row>`` elements of one sheet, read in chunks (a sheet of a million rows is over a
    gigabyte of XML)."""
    count, tail = 0, b""
    with archive.open(member) as xml:
        while chunk := xml.read(16 * MIB):
            text = tail + chunk
            count += text.count(b"<row ")
            tail = text[-4:]  # shorter than b"<row ": never counted twice
    return count


def workbook_sheets(workbook: Path | bytes) -> list[tuple[str, int]]:
    """(title, rows) of each sheet of a workbook openpyxl wrote, in order."""
    source = io.BytesIO(workbook) if isinstance(workbook, bytes) else workbook
    with zipfile.ZipFile(source) as archive:
        titles = re.findall(rb'<sheet [^>]*name="([^"]*)"', archive.read("xl/workbook.xml"))
        members = sorted(
            (n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)),
            key=lambda n: int(re.sub(r"\D", "", n)),
        )
        return [
            (title.decode("utf-8"), _sheet_rows(archive, member))
            for title, member in zip(titles, members, strict=True)
        ]


def _table_rows(sheets: list[tuple[str, int]]) -> int:
    """Data rows of the tables in a workbook: every sheet after the first (what the workbook
    holds), less one header row each."""
    return sum(rows - 1 for _title, rows in sheets[1:])


def _sheets_text(sheets: list[tuple[str, int]]) -> str:
    return ", ".join(f"'{title}' {rows:,}" for title, rows in sheets)


def _measure_excel_limit(job: Mapping[str, Any]) -> Step:
    """What ``formats.xlsx_bytes`` does with one row more than a sheet can hold: a one-column
    table of 1,048,576 data rows (+ the header row = 1,048,577 rows)."""
    import pandas as pd

    from planwatch.exports import formats

    step = Step("excel-limit", "xlsx")
    frame = pd.DataFrame({"n": range(EXCEL_MAX_ROWS)})
    before = _reset_peak()
    start, cpu = time.perf_counter(), time.process_time()
    try:
        data = formats.xlsx_bytes({"probe": frame}, [("probe", "Excel's row limit")])
    except Exception as error:  # what it raises is the finding
        step.seconds = time.perf_counter() - start
        step.note = f"xlsx_bytes raised {type(error).__name__}: {error}"
        return step
    step.seconds = time.perf_counter() - start
    step.cpu_seconds = time.process_time() - cpu
    step.peak_kb = _peak_kb()
    step.delta_kb = step.peak_kb - before
    step.size_bytes = len(data)
    sheets = workbook_sheets(data)
    step.rows = _table_rows(sheets)
    longest = max(rows for _title, rows in sheets)
    verdict = (
        f"{longest - EXCEL_MAX_ROWS:,} rows more than a sheet can hold ({EXCEL_MAX_ROWS:,})"
        if longest > EXCEL_MAX_ROWS
        else f"no sheet over Excel's {EXCEL_MAX_ROWS:,} rows"
    )
    step.note = (
        f"a table of {EXCEL_MAX_ROWS:,} data rows: no error; sheets (rows, header included): "
        f"{_sheets_text(sheets)}; {verdict}; {step.rows:,} data rows in all"
    )
    if step.rows != EXCEL_MAX_ROWS:
        step.failures.append(f"excel-limit: {step.rows:,} data rows, expected {EXCEL_MAX_ROWS:,}")
    return step


MEASURES: Final[dict[str, Callable[[Mapping[str, Any]], Step]]] = {
    "parts": _measure_parts,
    "export": _measure_export,
    "copy": _measure_copy,
    "excel-limit": _measure_excel_limit,
}


def run_step(job: dict[str, Any], timeout: float) -> Step:
    """Run one step in a fresh interpreter; a crash or a timeout becomes a reported step."""
    script = Path(job["code"]).parent / "exports_benchmark.py"  # the copy snapshot_code made
    command = [sys.executable, str(script), "--measure", json.dumps(job)]
    load = os.getloadavg()[0]
    label = f"{job['kind']} {job['format']}"
    started = time.perf_counter()
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and script
            command, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return Step(
            job["kind"],
            job["format"],
            seconds=time.perf_counter() - started,
            status="timeout",
            note=f"stopped after {timeout:,.0f} s (--step-timeout)",
            load_1min=load,
        )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode != 0 or not lines:
        tail = " | ".join(done.stderr.strip().splitlines()[-5:])
        message = f"{label}: exit {done.returncode}: {tail}"
        return Step(
            job["kind"], job["format"], status="crash", note=message, failures=[message]
        )  # fmt: skip
    step = Step(**json.loads(lines[-1].removeprefix("RESULT ")))
    step.load_1min = load
    return step


# --------------------------------------------------------------------------------------------
# Checks on the files (cheap: row counts)
# --------------------------------------------------------------------------------------------


def _csv_rows(path: Path, delimiter: str, encoding: str) -> tuple[int, int]:
    """(data rows, columns of the header) of a CSV file, quoted line breaks respected."""
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        header = next(reader)
        return sum(1 for _ in reader), len(header)


def _parquet_facts(path: Path) -> tuple[int, str]:
    import pyarrow.parquet as pq

    schema = pq.read_schema(path)
    return pq.read_metadata(path).num_rows, str(schema.field("value").type)


def _median(runs: list[Step]) -> Step:
    """The run of median wall time (the highest peak memory of all runs kept), its note naming
    every run's time."""
    ok = [step for step in runs if step.status == "ok"]
    if len(runs) == 1 or not ok:
        return runs[0]
    ordered = sorted(ok, key=lambda step: step.seconds)
    middle = ordered[(len(ordered) - 1) // 2]
    middle.peak_kb = max(step.peak_kb for step in ok)
    times = ", ".join(f"{step.seconds:,.2f}" for step in runs)
    middle.note = f"median of {len(runs)} runs ({times} s); " + middle.note
    return middle


def check_output(step: Step, expected: int, columns: int | None) -> list[str]:
    """Rows (and header width) of a written file; returns the failures, adds facts to the
    step's note. Deletes the file afterwards (they are large)."""
    if step.status != "ok":
        return []
    label = f"{step.kind} {step.file_format}"
    failures: list[str] = []
    reported = step.kind in ("parts", "export") and step.file_format != "xlsx"
    if reported and step.rows is not None and step.rows != expected:
        failures.append(f"{label}: {step.rows:,} rows reported, expected {expected:,}")
    if step.path is None:
        return failures
    path = Path(step.path)
    found: int
    if step.file_format in ("csv", "csv-da"):
        da = step.file_format == "csv-da"
        found, width = _csv_rows(path, ";" if da else ",", "utf-8-sig" if da else "utf-8")
        if columns is not None and width != columns:
            failures.append(f"{label}: {width} columns in the header, expected {columns}")
    elif step.file_format == "parquet":
        found, value_type = _parquet_facts(path)
        step.note = f"`value` stored as {value_type}"
    else:
        sheets = workbook_sheets(path)
        found = _table_rows(sheets)
        step.rows = found
        step.note = f"sheets (rows, header included): {_sheets_text(sheets)}"
    step.rows = found
    if found != expected:
        failures.append(f"{label}: {found:,} data rows in {path.name}, expected {expected:,}")
    path.unlink()
    return failures


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


CODE: Final = (
    "src/planwatch/exports/formats.py",
    "src/planwatch/exports/auditors.py",
    "src/planwatch/exports/streams.py",
    "src/planwatch/exports/jobs.py",
    "src/planwatch/storage/export_tables.py",
    "src/planwatch/storage/export_stream.py",
)


def snapshot_code(folder: Path) -> Path:
    """Copy ``src/planwatch``, ``data/`` and this script into ``folder`` and put the code's
    copy first on ``sys.path``; returns its ``src``. Every step (the children too) runs these
    copies, so that edits to the working tree during a long run do not mix two versions."""
    root = Path(__file__).resolve().parents[1]
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(root / "src" / "planwatch", folder / "src" / "planwatch", ignore=ignore)
    shutil.copytree(root / "data", folder / "data", ignore=ignore)
    shutil.copy2(Path(__file__).resolve(), folder / "exports_benchmark.py")
    _use_code(folder / "src")
    return folder / "src"


def _use_code(src: Path) -> None:
    sys.path.insert(0, str(src))
    import planwatch

    assert Path(planwatch.__file__).resolve().is_relative_to(src.resolve()), planwatch.__file__


def code_fingerprint(src: Path) -> str:
    """The code measured: the first 12 hex digits of the SHA-256 of each file of the export
    path and of the whole package (its files' paths and contents, in order), so that a result
    can be matched to the code it was measured on."""
    package = hashlib.sha256()
    for path in sorted((src / "planwatch").rglob("*.py")):
        package.update(str(path.relative_to(src)).encode() + b"\0" + path.read_bytes())
    files = [
        f"`{name}` {hashlib.sha256((src.parent / name).read_bytes()).hexdigest()[:12]}"
        for name in CODE
        if (src.parent / name).exists()
    ]
    return ", ".join([*files, f"all of `src/planwatch` {package.hexdigest()[:12]}"])


def _memory_total() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / MIB:.1f} GiB RAM"
    except OSError:
        pass
    return "RAM unknown"


def _openpyxl_lxml() -> str:
    """Whether openpyxl found lxml (its write-only mode is much slower without it)."""
    try:
        from openpyxl.xml import LXML
    except ImportError:
        return "openpyxl not installed"
    return "yes" if LXML else "no (pure-Python et_xmlfile)"


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _s(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:,.2f}"


def _mb(kb: int) -> str:
    return f"{kb / 1024:,.0f}" if kb else "–"


def _delta(kb: int) -> str:
    return f"{kb / 1024:+,.0f}"


def _size(size: int) -> str:
    return f"{size / MIB:,.1f}" if size else "–"


def _t(wall: float, cpu: float) -> str:
    """Wall time, and in brackets the CPU time (user + system, all threads)."""
    return "–" if math.isnan(wall) else f"{wall:,.1f} ({cpu:,.1f})"


def _shown(step: Step | None, text: str) -> str:
    if step is None:
        return "n/a"
    if step.status != "ok":
        return step.status
    return text


def render(
    database: Database,
    steps: list[Step],
    *,
    expected: int,
    loads: tuple[tuple[float, ...], tuple[float, ...]],
    code: str,
    began: dt.datetime,
    elapsed: float,
    failures: list[str],
) -> str:
    packages = ", ".join(f"{p} {_version(p)}" for p in BENCH_PACKAGES)
    found = {(s.kind, s.file_format): s for s in steps}
    width = next((s.columns for s in steps if s.columns is not None), "?")
    generated = database.generated_versions
    lines = [
        "# planwatch export benchmark",
        "",
        f"- Command: `{shlex.join(sys.orig_argv)}` (cwd `{Path.cwd()}`)",
        f"- Run: started {began:%Y-%m-%d %H:%M} UTC, {elapsed / 60:.1f} minutes in all",
        f"- Machine: os.cpu_count() = {os.cpu_count()}, {_memory_total()}, {platform.platform()}",
        f"- Python {platform.python_version()}; {packages}; openpyxl writes with lxml: "
        f"{_openpyxl_lxml()}",
        "- Code measured: a copy of `src/planwatch` and `data/` taken when the run started "
        f"(SHA-256, first 12 hex digits): {code}",
        "- Load average (1, 5, 15 min) before: "
        + ", ".join(f"{x:.2f}" for x in loads[0])
        + "; after: "
        + ", ".join(f"{x:.2f}" for x in loads[1])
        + " (a load above 0 before the run is other work on the machine; with 2 cores, a "
        "load near 2 or more means the steps shared the CPU)",
        f"- Database: the demo plus {generated:,} generated figure-versions "
        f"({database.figures:,} figures of {database.years}, versions per figure "
        + ", ".join(f"{n}: {c:,}" for n, c in database.versions_per_figure.items())
        + f"), {database.change_sets:,} change sets, {database.uploads:,} uploads; "
        f"{database.size_bytes / MIB:,.1f} MiB, built in {database.build_seconds:.1f} s",
        f"- `{TABLE}` rows: {database.history_rows:,} = {generated:,} generated + "
        f"{database.demo_history_rows:,} of the demo; review status of the generated ones: "
        + ", ".join(f"{s} {c:,}" for s, c in database.status_rows.items())
        + f"; columns: {database.history_columns} in the SQL (`export_tables.QUERIES"
        f"['{TABLE}']`, what DuckDB's `COPY` writes), {width} in the frame `tables()` returns "
        "(what planwatch writes)",
        "- Each step in a fresh process, after an untimed warm-up (the same call on the small "
        "`sources` table); export and COPY steps: the median of the runs named in the step's "
        "note (one run where none is named). Times: wall seconds, CPU seconds in brackets. "
        "Danish CSV's ratio is against DuckDB's COPY to CSV (DuckDB has no Danish CSV)",
        "",
        "| format | planwatch query s | build s | query + build s | `export()` s "
        "| peak RSS MB | size MB | DuckDB `COPY` s | DuckDB peak RSS MB | DuckDB size MB "
        "| `export()` ÷ `COPY` |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in FORMATS:
        parts, export = (found.get((k, name)) for k in ("parts", "export"))
        copy = found.get(("copy", "csv" if name == "csv-da" else name))  # Danish: against CSV
        if parts is None and export is None:
            continue
        peak = max((s.peak_kb for s in (parts, export) if s is not None), default=0)
        size = export.size_bytes if export and export.size_bytes else 0
        size = size or (parts.size_bytes if parts else 0)
        ratio = "n/a"
        if export and copy and export.status == copy.status == "ok" and copy.seconds > 0:
            times = export.seconds / copy.seconds
            ratio = f"{times:,.1f} x" if times < 10 else f"{times:,.0f} x"
        cells = [
            name,
            _shown(parts, _t(parts.query_seconds, parts.query_cpu_seconds) if parts else ""),
            _shown(parts, _t(parts.build_seconds, parts.build_cpu_seconds) if parts else ""),
            _shown(parts, _t(parts.seconds, parts.cpu_seconds) if parts else ""),
            _shown(export, _t(export.seconds, export.cpu_seconds) if export else ""),
            _mb(peak),
            _size(size),
            _shown(copy, _t(copy.seconds, copy.cpu_seconds) if copy else ""),
            _shown(copy, _mb(copy.peak_kb) if copy else ""),
            _shown(copy, _size(copy.size_bytes) if copy else ""),
            ratio,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "- **query s**: `auditors.tables(store, actor, names=['history'])`: open the "
        "file read-only, run `export_tables.QUERIES['history']` with `$as_of` = far future, "
        "and turn the result into a pandas frame, as `export_tables.table` and `tables()` do "
        "it in the code measured.",
        "- **build s**: the frame to the file's bytes, as `export()` does it: "
        "`formats.csv_bytes`, `csv_da_bytes`, `parquet_bytes`, or `xlsx_bytes` with the "
        "export's first sheet.",
        "- **`export()` s**: `auditors.export(store, actor, out, file_format=F, "
        "names=['history'])` end to end in another fresh process: query, build, write the file, "
        "its SHA-256 and the audit entry.",
        "- **peak RSS MB**: the whole process's peak resident set during the timed part "
        "(VmHWM, reset just before it through /proc/self/clear_refs), the higher of the two "
        "planwatch steps; it includes about 150-200 MB of interpreter, imports and warm-up.",
        "- **size MB**: MiB of the file `export()` wrote.",
        "- **DuckDB `COPY`**: `COPY (<the same history query>) TO '<file>' (FORMAT csv, HEADER "
        "true)` or `(FORMAT parquet)`, with the same `$as_of` parameter, in a read-only "
        "connection (DuckDB's default threads; snappy Parquet, as pyarrow's default). DuckDB "
        "cannot write XLSX without its `excel` extension, which is not loaded (no downloads at "
        "run time): n/a.",
        "- **CPU s** (in brackets): `time.process_time()` over the same span: user + system time "
        "of all the process's threads. On a shared machine it is the steadier figure: wall "
        "time grows when other work takes the cores, CPU time much less. DuckDB runs on "
        "several threads, so its CPU time can exceed its wall time.",
        "",
        "Every step: memory (MB above the resident set just before the timed call, and the "
        "whole-process peak), the 1-minute load average when the step started, and what was "
        "found in its file:",
        "",
        "| step | format | rows | wall s (CPU s) | above start MB | peak MB | load | note |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for step in steps:
        if step.kind == "parts":
            above = f"query {_delta(step.query_delta_kb)}, build {_delta(step.build_delta_kb)}"
        else:
            above = _delta(step.delta_kb) if step.delta_kb else "–"
        rows = f"{step.rows:,}" if step.rows is not None else "–"
        note = step.note if step.status == "ok" else f"{step.status}: {step.note}"
        lines.append(
            f"| {step.kind} | {step.file_format} | {rows} | {_t(step.seconds, step.cpu_seconds)} "
            f"| {above} | {_mb(step.peak_kb)} "
            f"| {step.load_1min:.2f} | {note} |"
        )
    lines += [
        "",
        f"Expected rows in every file: {expected:,}. Checked: the CSV files (read back with "
        "Python's `csv` module, quoted fields respected; header width too), the Parquet files "
        "(`pyarrow.parquet.read_metadata(...).num_rows`), the workbook (the `<row>` elements of "
        "its sheets after the first, less one header row each), and the rows `tables()` and "
        "`export()` reported.",
        "",
        f"Outcome checks: {'all passed' if not failures else 'FAILED'}",
    ]
    lines += [f"- {failure}" for failure in failures]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="also write the Markdown results here")
    parser.add_argument(
        "--rows", type=int, help=f"figure-versions to generate (default {ROWS:,}; "
        f"{QUICK_ROWS:,} with --quick)"
    )  # fmt: skip
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: fewer rows, no Excel-limit probe"
    )
    parser.add_argument(
        "--formats",
        default=",".join(FORMATS),
        help=f"comma-separated subset of {', '.join(FORMATS)} (default: all)",
    )
    parser.add_argument(
        "--step-timeout",
        type=float,
        default=STEP_TIMEOUT_S,
        help=f"stop a step after this many seconds (default {STEP_TIMEOUT_S})",
    )
    parser.add_argument(
        "--excel-limit",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="probe what xlsx_bytes does past Excel's row limit (default: on, off with --quick)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=1,
        help="run each export and COPY step this many times; the median is reported",
    )
    parser.add_argument(
        "--parts",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="also time the frame builders (tables() + formats.*_bytes): the path exports took "
        "before they were streamed (issue 17); off by default",
    )
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = sorted(set(args.formats) - set(FORMATS))
    if unknown:
        parser.error(f"unknown formats: {', '.join(unknown)}")
    if args.rows is None:
        args.rows = QUICK_ROWS if args.quick else ROWS
    if args.rows < 1:
        parser.error("--rows must be at least 1")
    if args.excel_limit is None:
        args.excel_limit = not args.quick
    return args


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    if args.measure:
        job = json.loads(args.measure)
        _use_code(Path(job["code"]))
        try:
            step = MEASURES[job["kind"]](job)
        except Exception:
            traceback.print_exc()
            return 2
        print("RESULT " + json.dumps(asdict(step)), flush=True)
        return 0

    started = time.perf_counter()
    began = dt.datetime.now(dt.UTC)
    load_before = os.getloadavg()
    steps: list[Step] = []
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="planwatch-exports-") as temp:
        folder = Path(temp)
        src = snapshot_code(folder / "code")
        code = code_fingerprint(src)
        _log(f"Measuring a copy of the code: {code}")
        db = folder / "history.duckdb"
        _log(f"Building the database ({args.rows:,} generated figure-versions) in {db} ...")
        database = build_database(db, args.rows)
        expected = database.history_rows
        _log(f"  {json.dumps(asdict(database))}")
        if database.generated_versions != args.rows:
            failures.append(
                f"database: {database.generated_versions:,} generated figure-versions, "
                f"expected {args.rows:,}"
            )
        if expected != database.generated_versions + database.demo_history_rows:
            failures.append(
                f"database: {expected:,} history rows, expected {database.generated_versions:,} "
                f"+ {database.demo_history_rows:,}"
            )
        frame_columns: int | None = None  # of the frame tables() returns (parts steps)
        runs: dict[tuple[str, str], list[Step]] = {}
        jobs: list[dict[str, Any]] = [
            {"kind": "copy", "format": f} for f in COPY_FORMATS if f in args.formats
        ]
        for name in args.formats:
            if args.parts:
                jobs.append({"kind": "parts", "format": name})
            jobs.append({"kind": "export", "format": name})
        repeated = [job for job in jobs if job["kind"] in ("copy", "export")]
        jobs = [dict(job) for job in jobs for _ in range(args.repeats if job in repeated else 1)]
        if args.excel_limit:
            jobs.append({"kind": "excel-limit", "format": "xlsx"})
        for number, job in enumerate(jobs):
            job |= {"db": str(db), "out": str(folder / f"out-{number}"), "code": str(src)}
            earlier = [s for s in steps if s.file_format == job["format"] and s.kind == "parts"]
            if job["kind"] == "export" and earlier and earlier[0].status == "timeout":
                step = Step("export", job["format"], status="timeout", note="not run: the "
                            "query + build step already ran past --step-timeout")  # fmt: skip
            else:
                _log(f"{job['kind']} {job['format']} ...")
                step = run_step(job, args.step_timeout)
                failures += step.failures
                if step.kind == "parts" and step.columns is not None:
                    frame_columns = step.columns
                width = database.history_columns if step.kind == "copy" else frame_columns
                failures += check_output(step, expected, width)
            runs.setdefault((step.kind, step.file_format), []).append(step)
            steps.append(step)
            _log(
                f"  {step.status}: {_s(step.seconds)} s (query {_s(step.query_seconds)}, build "
                f"{_s(step.build_seconds)}; CPU {_s(step.cpu_seconds)}), "
                f"peak {_mb(step.peak_kb)} MB, "
                f"{_size(step.size_bytes)} MB {step.note}"
            )
        steps = [_median(runs[key]) for key in runs]
        text = render(
            database,
            steps,
            expected=expected,
            loads=(load_before, os.getloadavg()),
            code=code,
            began=began,
            elapsed=time.perf_counter() - started,
            failures=failures,
        )
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Benchmark of how the readers that sum and suppress figures read an indicator's unit and
aggregation (issue 19 against issue 17): the row as first stored (before), the macro
``indicator_rules()`` (the latest version: a plan's own indicator may get a new rule while it
has no figures), and ``indicators_as_of`` at a far future moment (the general reader).

Run from the repository root::

    .venv/bin/python benchmarks/indicator_rules.py

It builds the demo database in a temporary folder, adds ``--change-sets`` approved-looking
change sets (default 20,000: years of quarterly uploads and corrections) and, in a second pass,
``--versions`` indicator versions (default 300), and prints the median wall time of ``--runs``
queries (default 30) of one indicator's aggregation each way, with the ratio to the row, as
Markdown table rows.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import duckdb

from planwatch.storage import Store
from planwatch.uploads import reference

_WAYS = {
    "row as first stored": "SELECT aggregation FROM indicators WHERE code = 'victims_assessed'",
    "indicator_rules()": (
        "SELECT aggregation FROM indicator_rules() WHERE code = 'victims_assessed'"
    ),
    "indicators_as_of(far future)": (
        "SELECT aggregation FROM indicators_as_of(TIMESTAMP '9999-12-31 23:59:59') "
        "WHERE code = 'victims_assessed'"
    ),
}


def _median_ms(connection: duckdb.DuckDBPyConnection, sql: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        connection.execute(sql).fetchall()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _rows(connection: duckdb.DuckDBPyConnection, label: str, runs: int) -> None:
    measured = {way: _median_ms(connection, sql, runs) for way, sql in _WAYS.items()}
    floor = measured["row as first stored"]
    for way, ms in measured.items():
        print(f"| {label} | {way} | {ms:.2f} | {ms / floor:.1f}× |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--change-sets", type=int, default=20_000)
    parser.add_argument("--versions", type=int, default=300)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.duckdb"
        reference.load(Store(path), demo=True)
        with duckdb.connect(str(path)) as connection:
            connection.execute(
                "INSERT INTO change_sets (kind, recorded_at, recorded_by) "
                "SELECT 'upload', TIMESTAMP '2026-01-01' + i * INTERVAL 1 MINUTE, 'bench' "
                "FROM range(?) t(i)",
                [args.change_sets],
            )
            print("| database | way | median ms | ratio to the row |")
            print("|---|---|---|---|")
            _rows(connection, f"{args.change_sets} change sets, no versions", args.runs)
            connection.execute(
                "INSERT INTO definition_versions (change_set_id, table_name, row_key, content) "
                "SELECT change_set_id, 'indicators', 'victims_assessed', "
                '\'{"aggregation": "flow", "unit": "persons"}\' '
                "FROM change_sets ORDER BY change_set_id DESC LIMIT ?",
                [args.versions],
            )
            _rows(connection, f"and {args.versions} versions", args.runs)


if __name__ == "__main__":
    main()

"""Benchmark of what issue 16's audit costs a write: the checkpoint after every commit, and
sealing what an entry wrote; and how long ``audit verify`` takes.

Run from the repository root::

    .venv/bin/python benchmarks/audit_content.py [--writes 40] [--out benchmarks/results-audit.md]

It builds the demo database in a temporary folder and times, each on a fresh copy:

- small writes (an audit entry of its own, ``audit.record_now``) and corrections (one figure
  version, sealed), with and without the checkpoint after the commit;
- the largest valid upload (``benchmarks/uploads.py``'s valid-max.csv, 37,440 figures) with
  and without sealing, and with and without the checkpoint;
- ``audit.verify`` on the demo database and after that upload.

"Without" swaps the step out in this process only (the checkpoint function, or
``audit.SEALING``); planwatch itself always does both. "Alone": the writer's connection is the
only one, so DuckDB checkpoints anyway when it closes; "another connection open" (as in the
app, where sessions overlap): it does not, and only planwatch's checkpoint moves the change
into the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import platform
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from planwatch.access import accounts, audit
from planwatch.domain.periods import Period
from planwatch.domain.permissions import Actor, Role
from planwatch.figures import corrections
from planwatch.storage import Store, connection
from planwatch.uploads import ingest, reference

HERE = Path(__file__).resolve().parent
AUDITOR = Actor("bench-auditor", frozenset({Role.AUDITOR}), origin="benchmark")
UPLOADER = Actor("bench-uploader", frozenset({Role.UPLOADER}), origin="benchmark")


def _uploads_module() -> Any:
    spec = importlib.util.spec_from_file_location("bench_uploads", HERE / "uploads.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_uploads"] = module
    spec.loader.exec_module(module)
    return module


@contextmanager
def _no_checkpoint(active: bool) -> Iterator[None]:
    original = connection.checkpoint
    if active:
        connection.checkpoint = lambda _c, _p: True  # type: ignore[assignment]
    try:
        yield
    finally:
        connection.checkpoint = original  # type: ignore[assignment]


@contextmanager
def _no_sealing(active: bool) -> Iterator[None]:
    token = audit.SEALING.set(not active)
    try:
        yield
    finally:
        audit.SEALING.reset(token)


def _fresh(template: Path, folder: Path, name: str) -> Store:
    path = folder / f"{name}.duckdb"
    shutil.copy(template, path)
    return Store(path, lock_timeout=30)


def _small_writes(store: Store, count: int) -> list[float]:
    times = []
    for number in range(count):
        start = time.perf_counter()
        audit.record_now(
            store, actor="bench", action=audit.AuditAction.PERMISSION_DENIED, subject=f"x{number}"
        )
        times.append(time.perf_counter() - start)
    return times


def _corrections(store: Store, count: int) -> list[float]:
    times = []
    for number in range(count):
        start = time.perf_counter()
        corrections.correct_observation(
            store,
            indicator="victims_assessed",
            period=Period(2023),
            source_id="cmm-tal-2023",
            new_value=corrections.parse_value(str(200 + number)),
            reason="benchmark",
            actor=UPLOADER,
        )
        times.append(time.perf_counter() - start)
    return times


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--writes", type=int, default=40)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    uploads = _uploads_module()
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        template = folder / "demo.duckdb"
        reference.load(Store(template), demo=True)
        accounts.add_user(
            Store(template), None, "bench-admin", [Role.ADMIN], password=secrets.token_urlsafe(16)
        )
        lines.append("| what | with | without | per write, with − without |")
        lines.append("|---|---:|---:|---:|")
        for label, work in (
            ("audit entry (record_now)", _small_writes),
            ("correction (1 figure, sealed)", _corrections),
        ):
            # A held read-write connection refuses the read-only ones a correction opens.
            for held in (False, True) if work is _small_writes else (False,):
                medians = {}
                for without in (False, True):
                    store = _fresh(template, folder, f"{label[:5]}-{without}-{held}")
                    work(store, 3)  # warm-up
                    other = duckdb.connect(str(store.path)) if held else None
                    try:
                        with _no_checkpoint(without):
                            medians[without] = statistics.median(work(store, args.writes))
                    finally:
                        if other is not None:
                            other.close()
                where = "another connection open" if held else "alone"
                lines.append(
                    f"| {label}, {where}: checkpoint | {medians[False] * 1000:.1f} ms | "
                    f"{medians[True] * 1000:.1f} ms | "
                    f"{(medians[False] - medians[True]) * 1000:+.1f} ms |"
                )
        csv_path = folder / "valid-max.csv"
        totals = uploads.plausible_totals(template)
        rows = uploads._write_csv(csv_path, uploads.valid_max_rows(totals))
        data = csv_path.read_bytes()
        big: dict[str, float] = {}
        for name, sealing, checkpointing in (
            ("both", True, True),
            ("no seal", False, True),
            ("no checkpoint", True, False),
        ):
            store = _fresh(template, folder, f"big-{name}")
            with _no_sealing(not sealing), _no_checkpoint(not checkpointing):
                big[name] = _timed(
                    lambda store=store: ingest.import_file(
                        store, data, csv_path.name, "kpi", actor=UPLOADER, accept_warnings=True
                    )
                )
            if name == "both":
                big["verify after"] = _timed(lambda store=store: audit.verify(store, AUDITOR))
                big["db MB"] = store.path.stat().st_size / 1e6
        lines.append(
            f"| largest upload ({rows:,} figures): sealing | {big['both']:.2f} s | "
            f"{big['no seal']:.2f} s | {big['both'] - big['no seal']:+.2f} s |"
        )
        lines.append(
            f"| largest upload: checkpoint | {big['both']:.2f} s | {big['no checkpoint']:.2f} s "
            f"| {big['both'] - big['no checkpoint']:+.2f} s |"
        )
        demo_verify = _timed(lambda: audit.verify(_fresh(template, folder, "v"), AUDITOR))
        lines.append("")
        lines.append(
            f"- `audit.verify` (chain and content): demo database {demo_verify:.2f} s; after the "
            f"largest upload {big['verify after']:.2f} s (file {big['db MB']:.0f} MB)."
        )
    header = [
        "# planwatch audit benchmark (issue 16)",
        "",
        f"- Command: `.venv/bin/python benchmarks/audit_content.py --writes {args.writes}`",
        f"- Run: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; os.cpu_count() = {os.cpu_count()}"
        f" (shared with other work), {platform.platform()}",
        f"- Medians of {args.writes} writes each; the upload once per variant, on fresh copies "
        "of the demo database.",
        "",
    ]
    text = "\n".join([*header, *lines]) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

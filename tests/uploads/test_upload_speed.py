"""Uploads at the speed of DuckDB (issue 17): no Python work per cell, and a file over the size
limit is refused after reading at most the limit.

The speed itself is measured by ``benchmarks/uploads.py``; these tests pin down the causes of the
slowness it found (per-cell Python calls), so that they cannot come back unnoticed."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from planwatch.storage import Store
from planwatch.uploads import ingest
from planwatch.uploads.raw_tables import ReadLimits
from tests import clock
from tests.actors import acting

TODAY = dt.date(2026, 11, 29)
HEADER = "Indikator;År;Kvartal;Værdi;Køn;Aldersgruppe;Udnyttelsesform;Bemærkning\r\n"
SEXES = ("", "Kvinder", "Mænd")


# Indicators whose demo history makes a total of 30 no outlier: the file has no problem at all.
INDICATORS = ("assessments", "hotline_calls", "persons_convicted_tip", "persons_prosecuted_tip")
QUARTERS = 96  # 2000 Q1 to 2023 Q4


def _kpi_file(indicators: int, quarters: int = QUARTERS) -> bytes:
    """A Danish Excel file without errors: per indicator and quarter from 2000 Q1 on, the
    total, women and men (3 rows)."""
    lines = [HEADER]
    for code in INDICATORS[:indicators]:
        for index in range(quarters):
            year, quarter = 2000 + index // 4, index % 4 + 1
            for sex, value in zip(SEXES, (30, 10, 12), strict=True):
                lines.append(f"{code};{year};{quarter};{value};{sex};;;\r\n")
    return "".join(lines).encode("cp1252")


def _import(store: Store, data: bytes) -> ingest.UploadReport:
    return ingest.import_file(
        store,
        data,
        "kpi.csv",
        "kpi",
        actor=acting("cmm-test"),
        today=TODAY,
        now=clock.later(days=1),
        dry_run=True,
    )


def _python_calls(work: Callable[[], Any]) -> tuple[Any, int]:
    """The result of ``work`` and how many Python functions it called (generators resumed
    count too): C code such as csv.reader or numpy calls nothing here."""
    calls = 0

    def count(frame: FrameType, event: str, arg: object) -> None:
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        result = work()
    finally:
        sys.setprofile(None)
    return result, calls


def test_an_upload_makes_no_python_call_per_cell(demo_store: Store) -> None:
    """Twice the rows must not mean many more Python calls: no Python function runs per cell,
    and after the file is read none runs per row."""
    _import(demo_store, _kpi_file(1, quarters=2))  # first use: lazy imports and caches
    small, small_calls = _python_calls(lambda: _import(demo_store, _kpi_file(2)))
    large, large_calls = _python_calls(lambda: _import(demo_store, _kpi_file(4)))
    assert small.problem_counts == large.problem_counts == {}
    assert (small.rows_new, large.rows_new) == (2 * QUARTERS * 3, 4 * QUARTERS * 3)
    added_rows = large.rows_new - small.rows_new
    # Reading a CSV record costs 5 calls (its generator, its cells' list, the trim of blank
    # cells at its end, squaring it up); everything after reading none per row. One Python
    # call per cell of any one column would make it 6; it was 52 before issue 17.
    assert large_calls - small_calls < 6 * added_rows, (small_calls, large_calls)


def test_a_file_over_the_limit_is_read_no_further_than_one_byte_past_it(tmp_path: Path) -> None:
    from planwatch.uploads.bounded import read_at_most

    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * 5_000)
    data, size = read_at_most(path, 1_000)
    assert (len(data), size) == (1_001, 5_000)
    data, size = read_at_most(path, 5_000)
    assert (len(data), size) == (5_000, 5_000)


def test_a_file_just_over_the_limit_is_refused_with_its_whole_size(demo_store: Store) -> None:
    """Given the first limit+1 bytes and the file's size, the upload is refused as too large
    with the real size, exactly as if the whole file had been given, and nothing is stored."""
    whole = _kpi_file(2)
    limit = len(whole) - 1
    expected = ingest.import_file(
        demo_store, whole, "kpi.csv", "kpi", actor=acting("cmm-test"), today=TODAY,
        limits=ReadLimits(max_bytes=limit),
    )  # fmt: skip
    report = ingest.import_file(
        demo_store, whole[: limit + 1], "kpi.csv", "kpi", actor=acting("cmm-test"), today=TODAY,
        limits=ReadLimits(max_bytes=limit), size_bytes=len(whole),
    )  # fmt: skip
    assert report.status == expected.status == "refused"
    assert report.problems == expected.problems
    assert [p.code for p in report.problems] == ["file-too-large"]
    assert report.size_bytes == len(whole)


def test_size_bytes_beyond_the_data_is_only_for_an_oversized_file(demo_store: Store) -> None:
    whole = _kpi_file(1, quarters=4)
    with pytest.raises(ValueError, match="size_bytes"):
        ingest.import_file(
            demo_store, whole[:10], "kpi.csv", "kpi", actor=acting("cmm-test"), today=TODAY,
            size_bytes=len(whole),
        )  # fmt: skip

"""Checks of an upload against itself and against what is stored.

Pure functions: each takes the typed rows of the file (see ``planwatch.uploads.parsing``) and plain
rows read from the database by the caller, and adds problems to a sink. Nothing here touches the
database, so every rule can be tested on small frames.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, Final

import numpy as np
import pandas as pd

from planwatch.domain.periods import Period
from planwatch.domain.upload_specs import UploadKind, normalise_header
from planwatch.domain.vocab import ALL, BREAKDOWN_DIMENSIONS
from planwatch.errors import Problem
from planwatch.uploads.parsing import Parsed
from planwatch.uploads.problems import ProblemSink, problem

Rows = list[dict[str, Any]]
MONEY_TOLERANCE: Final = 0.005  # half an øre
OUTLIER_FACTOR: Final = 3.0


def key_columns(kind: UploadKind) -> list[str]:
    if kind is UploadKind.KPI:
        return ["indicator", "year", "quarter", *BREAKDOWN_DIMENSIONS]
    if kind is UploadKind.SPENDING:
        return ["initiative", "year", "quarter"]
    return ["initiative", "year"]


def value_column(kind: UploadKind) -> str:
    return "value" if kind is UploadKind.KPI else "amount_dkk"


def check_duplicates(parsed: Parsed, sink: ProblemSink) -> None:
    """The same indicator/period/breakdown (or initiative/period) twice in one file."""
    keys = key_columns(parsed.spec.kind)
    candidates = parsed.frame[parsed.frame[keys].notna().all(axis=1)]
    duplicated = candidates.duplicated(keys, keep="first")
    if not duplicated.any():
        return
    first_row = candidates.groupby(keys, dropna=False)["_row"].transform("min")
    rows, firsts = candidates.loc[duplicated, "_row"], first_row[duplicated]

    def generate() -> Iterator[Problem]:
        for row, first in zip(rows, firsts, strict=True):
            yield problem("duplicate-row", row=int(row), column=None, first=int(first))

    sink.add_many(generate(), int(duplicated.sum()), "duplicate-row")


def valid_rows(parsed: Parsed, sink: ProblemSink) -> pd.DataFrame:
    """Rows whose every key and value parsed and passed the file's own rules."""
    bad = {p.row for p in sink.problems if p.severity == "error" and p.row is not None}
    columns = [*key_columns(parsed.spec.kind), value_column(parsed.spec.kind)]
    frame = parsed.frame
    return frame[frame[columns].notna().all(axis=1) & ~frame["_row"].isin(bad)]


def _records(rows: pd.DataFrame, *columns: str) -> Iterable[tuple[Any, ...]]:
    """The rows' values as plain Python objects (a nullable integer column's cells are ints):
    iterating a pandas column would box every cell in Python."""
    return zip(*(rows[c].tolist() for c in columns), strict=True)


def check_quarters_ended(
    parsed: Parsed, rows: pd.DataFrame, today: dt.date, sink: ProblemSink
) -> None:
    ended: dict[tuple[int, int], bool] = {}
    for year, quarter in _records(rows[["year", "quarter"]].drop_duplicates(), "year", "quarter"):
        ended[(int(year), int(quarter))] = Period(int(year), int(quarter)).has_ended(today)
    open_quarters = [key for key, done in ended.items() if not done]
    if not open_quarters:
        return
    years, quarters = rows["year"].astype("int64"), rows["quarter"].astype("int64")
    is_open = pd.Series(False, index=rows.index)
    for year, quarter in open_quarters:
        is_open |= (years == year) & (quarters == quarter)
    for row, year, quarter in _records(rows[is_open], "_row", "year", "quarter"):
        period = Period(int(year), int(quarter))
        if not period.has_ended(today):
            sink.add(
                problem(
                    "quarter-not-ended",
                    row=int(row),
                    column=parsed.written("quarter"),
                    value=int(quarter),
                    period=period,
                )
            )


def check_plan_years(
    parsed: Parsed, rows: pd.DataFrame, initiatives: dict[str, dict[str, Any]], sink: ProblemSink
) -> None:
    """Spending and allocations only for the years of the initiative's plan."""
    for row, code, year in _records(rows, "_row", "initiative", "year"):
        info = initiatives[code]
        if not info["first_year"] <= int(year) <= info["last_year"]:
            sink.add(
                problem(
                    "year-outside-plan",
                    row=int(row),
                    column=parsed.written("year"),
                    value=int(year),
                    plan=info["plan_id"],
                    first=str(info["first_year"]),
                    last=str(info["last_year"]),
                )
            )


BreakdownKey = tuple[str, str, str]


def check_parts(parsed: Parsed, rows: pd.DataFrame, stored: Rows, sink: ProblemSink) -> None:
    """Within one indicator and quarter, the parts of one breakdown (e.g. women and men) must
    not add up to more than the total. The file's figures replace stored ones with the same key.
    The combined category "forced labour or criminal activities" is left out of the sum when
    either of its parts is given, so that nothing is counted twice."""
    candidates = _periods_perhaps_over_total(rows, stored)
    if not candidates:
        return
    figures: dict[tuple[str, int, int], dict[BreakdownKey, float]] = defaultdict(dict)
    file_rows: dict[tuple[str, int, int, BreakdownKey], int] = {}
    for s in stored:
        period_key = (s["indicator_code"], int(s["year"]), int(s["quarter"]))
        if period_key not in candidates:
            continue
        figures[period_key][(s["sex"], s["age_group"], s["exploitation"])] = float(s["value"])
    for row, indicator, year, quarter, sex, age, exploitation, value in _records(
        rows, "_row", "indicator", "year", "quarter", "sex", "age_group", "exploitation", "value"
    ):
        period_key = (indicator, int(year), int(quarter))
        if period_key not in candidates:
            continue
        figures[period_key][(sex, age, exploitation)] = float(value)
        file_rows[(*period_key, (sex, age, exploitation))] = int(row)
    for (indicator, year, quarter), breakdowns in figures.items():
        total = breakdowns.get((ALL, ALL, ALL))
        if total is None:
            continue
        for position, dimension in enumerate(BREAKDOWN_DIMENSIONS):
            parts = {
                key[position]: value
                for key, value in breakdowns.items()
                if key[position] != ALL and all(key[i] == ALL for i in range(3) if i != position)
            }
            if {"forced_labour", "criminal_activities"} & parts.keys():
                parts.pop("forced_labour_or_criminal", None)
            if sum(parts.values()) <= total + 1e-9:
                continue
            in_file = [
                r
                for (i, y, q, _), r in file_rows.items()
                if (i, y, q) == (indicator, year, quarter)
            ]
            row = file_rows.get(
                (indicator, year, quarter, (ALL, ALL, ALL)), min(in_file, default=0)
            )
            if row:
                sink.add(
                    problem(
                        "parts-exceed-total",
                        row=row,
                        column=parsed.written("value"),
                        value=total,
                        dimension=dimension,
                        parts=sum(parts.values()),
                        total=total,
                        key=f"{indicator} {Period(year, quarter)}",
                    )
                )


_PERIOD: Final = ["indicator", "year", "quarter"]


def _periods_perhaps_over_total(rows: pd.DataFrame, stored: Rows) -> set[tuple[str, int, int]]:
    """The indicator quarters whose parts might add up to more than their total, found for all
    quarters at once: any breakdown's positive parts above the total, less a margin far wider
    than any rounding. ``check_parts`` judges only these, exactly, one by one; every other
    quarter's parts are certainly within the total."""
    dimensions = list(BREAKDOWN_DIMENSIONS)
    columns = [*_PERIOD, *dimensions, "value"]
    from_file = pd.DataFrame({c: rows[c].tolist() for c in columns}, columns=columns)
    in_store = pd.DataFrame(
        [[s["indicator_code"], *(s[c] for c in columns[1:])] for s in stored], columns=columns
    )
    frame = pd.concat([in_store, from_file], ignore_index=True) if stored else from_file
    if frame.empty:
        return set()
    frame = frame.astype({"year": "int64", "quarter": "int64", "value": "float64"})
    frame = frame.drop_duplicates([*_PERIOD, *dimensions], keep="last")  # the file's replace
    is_all = {d: (frame[d] == ALL).to_numpy() for d in dimensions}
    total_mask = is_all[dimensions[0]] & is_all[dimensions[1]] & is_all[dimensions[2]]
    totals = frame[total_mask].set_index(_PERIOD)["value"]
    positive = frame["value"].clip(lower=0)
    candidates: set[tuple[str, int, int]] = set()
    for dimension in dimensions:
        others = [is_all[d] for d in dimensions if d != dimension]
        mask = ~is_all[dimension] & others[0] & others[1]
        if not mask.any():
            continue
        sums = positive[mask].groupby([frame.loc[mask, c] for c in _PERIOD]).sum()
        total = totals.reindex(sums.index)
        margin = 1e-6 * np.maximum(1.0, np.maximum(total.abs(), sums))
        over = (sums > total + 1e-9 - margin).fillna(False).to_numpy(dtype=bool)
        index = sums.index[over]
        candidates.update(
            zip(
                index.get_level_values(0).tolist(),
                index.get_level_values(1).tolist(),
                index.get_level_values(2).tolist(),
                strict=True,
            )
        )
    return candidates


def quarter_index(year: int, quarter: int) -> int:
    return year * 4 + quarter - 1


def check_gaps(
    parsed: Parsed, rows: pd.DataFrame, series: str, stored: dict[str, set[int]], sink: ProblemSink
) -> None:
    """Warn when a quarter is sent while the quarter before it is missing from a series that
    already has earlier quarters (stored or in the file)."""
    if rows.empty:
        return
    codes = rows[series].astype(object).to_numpy()
    indexes = rows["year"].astype("int64").to_numpy() * 4 + rows["quarter"].astype("int64") - 1
    indexes = np.asarray(indexes, dtype=np.int64)
    known = pd.MultiIndex.from_arrays([codes, indexes])
    for code, quarters in stored.items():
        known = known.append(pd.MultiIndex.from_arrays([[code] * len(quarters), list(quarters)]))
    earliest = pd.Series(known.get_level_values(1)).groupby(known.get_level_values(0)).min()
    # The quarter before is missing although the series has a quarter before that one.
    previous_known = pd.MultiIndex.from_arrays([codes, indexes - 1]).isin(known)
    gap = ~previous_known & (earliest.reindex(codes).to_numpy() < indexes - 1)
    for row, quarter, index in zip(
        rows["_row"].to_numpy()[gap].tolist(),
        rows["quarter"].to_numpy()[gap].tolist(),
        indexes[gap].tolist(),
        strict=True,
    ):
        missing = Period((index - 1) // 4, (index - 1) % 4 + 1)
        sink.add(
            problem(
                "gap-quarter",
                row=int(row),
                column=parsed.written("quarter"),
                value=int(quarter),
                period=missing,
            )
        )


def check_outliers(
    parsed: Parsed,
    rows: pd.DataFrame,
    history: Rows,
    aggregation: dict[str, str],
    sink: ProblemSink,
) -> None:
    """Warn on a total more than three times the highest, or under a third of the lowest, value
    in the indicator's history: its quarters when it has four or more, else its years (a flow
    year divided by four)."""
    quarterly: dict[str, list[float]] = defaultdict(list)
    yearly: dict[str, list[float]] = defaultdict(list)
    for h in history:
        (quarterly if h["quarter"] is not None else yearly)[h["indicator_code"]].append(
            float(h["value"])
        )
    totals = rows[(rows["sex"] == ALL) & (rows["age_group"] == ALL) & (rows["exploitation"] == ALL)]
    ranges: dict[str, tuple[float, float] | None] = {}  # per indicator, worked out once
    for code in set(totals["indicator"].tolist()):
        baseline = quarterly[code]
        if len(baseline) < 4:
            divisor = 4 if aggregation.get(code) == "flow" else 1
            baseline = [v / divisor for v in yearly[code]]
        ranges[code] = (min(baseline), max(baseline)) if len(baseline) >= 3 else None
    for row, code, value in _records(totals, "_row", "indicator", "value"):
        found = ranges[code]
        if found is None:
            continue
        low, high = found
        if float(value) > OUTLIER_FACTOR * high or (
            low > 0 and float(value) < low / OUTLIER_FACTOR
        ):
            sink.add(
                problem(
                    "outlier",
                    row=int(row),
                    column=parsed.written("value"),
                    value=float(value),
                    low=round(low, 1),
                    high=round(high, 1),
                )
            )


def check_plan_total(
    parsed: Parsed,
    rows: pd.DataFrame,
    stored: Rows,
    initiatives: dict[str, dict[str, Any]],
    sink: ProblemSink,
) -> None:
    """The allocations of a plan's initiatives, with the file's replacing stored ones for the
    same initiative and year, must stay within the plan's total."""
    amounts = {(s["initiative_code"], int(s["year"])): float(s["amount_dkk"]) for s in stored}
    first_row: dict[str, int] = {}
    for row, code, year, amount in _records(rows, "_row", "initiative", "year", "amount_dkk"):
        amounts[(code, int(year))] = float(amount)
        first_row.setdefault(initiatives[code]["plan_id"], int(row))
    for plan, row in first_row.items():
        total = sum(a for (code, _), a in amounts.items() if initiatives[code]["plan_id"] == plan)
        limit = float(next(i["total_dkk"] for i in initiatives.values() if i["plan_id"] == plan))
        if total > limit + MONEY_TOLERANCE:
            sink.add(
                problem(
                    "allocations-exceed-plan",
                    row=row,
                    column=parsed.written("amount_dkk"),
                    plan=plan,
                    total=total,
                    limit=limit,
                )
            )


def check_initiative_details(
    parsed: Parsed, rows: pd.DataFrame, initiatives: dict[str, dict[str, Any]], sink: ProblemSink
) -> None:
    """The optional name and action area columns of an allocations file, checked against what
    is recorded for the initiative (a warning: the code decides which initiative it is)."""
    for row, code, name, area in _records(
        rows, "_row", "initiative", "initiative_name", "action_area"
    ):
        info = initiatives[code]
        names = {normalise_header(info["name_da"]), normalise_header(info["name_en"])}
        if name and normalise_header(name) not in names:
            sink.add(
                problem(
                    "initiative-details-differ",
                    row=int(row),
                    column=parsed.written("initiative_name"),
                    value=name,
                    recorded=info["name_da"],
                )
            )
        if area and normalise_header(area) != normalise_header(info["action_area_code"]):
            sink.add(
                problem(
                    "initiative-details-differ",
                    row=int(row),
                    column=parsed.written("action_area"),
                    value=area,
                    recorded=info["action_area_code"],
                )
            )


def check_over_allocation(
    parsed: Parsed, rows: pd.DataFrame, spending: Rows, allocations: Rows, sink: ProblemSink
) -> None:
    """Warn when a year's spending on an initiative, with the file's quarters replacing stored
    ones, goes over that year's allocation."""
    spent = {
        (s["initiative_code"], int(s["year"]), int(s["quarter"])): float(s["amount_dkk"])
        for s in spending
    }
    last_row: dict[tuple[str, int], int] = {}
    for row, code, year, quarter, amount in _records(
        rows, "_row", "initiative", "year", "quarter", "amount_dkk"
    ):
        spent[(code, int(year), int(quarter))] = float(amount)
        last_row[(code, int(year))] = max(int(row), last_row.get((code, int(year)), 0))
    allocated = {
        (a["initiative_code"], int(a["year"])): float(a["amount_dkk"]) for a in allocations
    }
    for (code, year), row in last_row.items():
        if (code, year) not in allocated:
            continue
        total = sum(v for (c, y, _), v in spent.items() if (c, y) == (code, year))
        if total > allocated[(code, year)] + MONEY_TOLERANCE:
            sink.add(
                problem(
                    "over-allocation",
                    row=row,
                    column=parsed.written("amount_dkk"),
                    year=str(year),
                    initiative=code,
                    total=total,
                    allocation=allocated[(code, year)],
                )
            )

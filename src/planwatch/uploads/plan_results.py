"""The plan workbook's sheet of result indicators (issue 19), checked across sheets and against
the stored indicators.

A row links an initiative of the workbook to an indicator that tells what it achieves. A known
indicator is named by its code; texts written beside it must be the stored ones (a definition is
not changed through a plan). A new code is a new indicator: its names, definitions and unit are
required, and where the same new code is written on several rows, every row defines it alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Final

from planwatch.domain.indicators import Aggregation
from planwatch.domain.plan_workbook import NEW_INDICATOR_COLUMNS
from planwatch.errors import Problem
from planwatch.uploads.problems import problem
from planwatch.uploads.schemas import SLUG

_COMPARED: Final = (*NEW_INDICATOR_COLUMNS, "aggregation")


def check_results(
    records: list[dict[str, Any]],
    column: Callable[[str], str],
    initiatives: set[str],
    stored: Mapping[str, Mapping[str, Any]],
    add: Callable[[Problem], None],
) -> dict[str, dict[str, Any]]:
    """Report every problem of the sheet's typed rows through ``add``; return the new
    indicators the sheet defines (code -> its definition as stored at approval)."""
    seen: dict[tuple[str, str], int] = {}
    defined: dict[str, dict[str, Any]] = {}
    first_row: dict[str, int] = {}
    for record in records:
        row, initiative, code = int(record["_row"]), record["initiative"], record["indicator"]
        if initiative is not None and initiative not in initiatives:
            add(
                problem(
                    "unknown-plan-initiative",
                    row=row,
                    column=column("initiative"),
                    value=initiative,
                )
            )
        if initiative is None or code is None or not re.fullmatch(SLUG, str(code)):
            continue  # a cell that is not a code was reported by the sheet's model
        if (initiative, code) in seen:
            add(
                problem(
                    "duplicate-code",
                    row=row,
                    column=column("indicator"),
                    value=f"{initiative} {code}",
                    first=str(seen[(initiative, code)]),
                )
            )
            continue
        seen[(initiative, code)] = row
        known = stored.get(code)
        if known is not None:
            _check_known(record, known, column, add)
            continue
        written = _definition(record)
        if code in defined:
            _check_alike(record, defined[code], first_row[code], column, add)
            continue
        missing = [name for name in NEW_INDICATOR_COLUMNS if written[name] is None]
        if len(missing) == len(NEW_INDICATOR_COLUMNS):  # a code alone: a typo, most likely
            add(
                problem("result-indicator-unknown", row=row, column=column("indicator"), value=code)
            )
            continue
        for name in missing:
            add(
                problem(
                    "result-indicator-incomplete",
                    row=row,
                    column=column(name),
                    value=code,
                )
            )
        if not missing:
            defined[code] = written
            first_row[code] = row
    return defined


def _definition(record: Mapping[str, Any]) -> dict[str, Any]:
    row = {name: record.get(name) for name in _COMPARED}
    row["aggregation"] = row["aggregation"] or Aggregation.FLOW.value
    return {"code": record["indicator"], **row}


def _check_known(
    record: Mapping[str, Any],
    known: Mapping[str, Any],
    column: Callable[[str], str],
    add: Callable[[Problem], None],
) -> None:
    """Texts beside a known indicator's code must be its stored ones."""
    for name in _differing(record, known):
        add(
            problem(
                "result-indicator-differs",
                row=int(record["_row"]),
                column=column(name),
                value=record["indicator"],
                recorded=str(known.get(name)),
            )
        )


def _check_alike(
    record: Mapping[str, Any],
    first: Mapping[str, Any],
    first_row: int,
    column: Callable[[str], str],
    add: Callable[[Problem], None],
) -> None:
    """A new code written again defines the same indicator (blank cells repeat the first)."""
    for name in _differing(record, first):
        add(
            problem(
                "result-indicator-twice",
                row=int(record["_row"]),
                column=column(name),
                value=record["indicator"],
                first=str(first_row),
            )
        )


def _differing(record: Mapping[str, Any], other: Mapping[str, Any]) -> list[str]:
    """The definition's columns the row fills otherwise than ``other`` (a blank cell agrees)."""
    return [
        name
        for name in _COMPARED
        if record.get(name) is not None and str(record[name]) != str(other.get(name))
    ]

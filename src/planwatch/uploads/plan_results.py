"""The plan workbook's sheet of result indicators (issue 19), checked across sheets and against
the stored indicators.

A row links an initiative of the workbook to an indicator that tells what it achieves. A known
indicator is named by its code. Texts written beside it that differ from the stored ones revise
its names and definitions when it is a plan's own result indicator (not one of CMM's core
indicators): a new version on approval. Its unit and aggregation never change (its figures are
summed and suppressed by them), and a core indicator is not changed through a plan. A new code
is a new indicator: its names, definitions and unit are required. Where the same code is
written on several rows, every row defines it alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from planwatch.domain.indicators import Aggregation, join_synonyms, split_synonyms
from planwatch.domain.plan_workbook import NEW_INDICATOR_COLUMNS
from planwatch.errors import Problem
from planwatch.uploads.problems import problem
from planwatch.uploads.schemas import SLUG

SYNONYM_COLUMNS: Final = ("synonyms_da", "synonyms_en")
_COMPARED: Final = (*NEW_INDICATOR_COLUMNS, "aggregation", *SYNONYM_COLUMNS)
REVISABLE: Final = ("name_da", "name_en", "definition_da", "definition_en", *SYNONYM_COLUMNS)
"""What a plan may change of its own result indicator (its synonyms: the words the claim check
knows it by, each list as stored, terms separated by "; ")."""
WHILE_NO_FIGURES: Final = ("unit", "aggregation")
"""What a plan may change of its own result indicator only while no figure of it is stored
(figures are summed and suppressed by them; one under another unit is another indicator)."""


@dataclass(slots=True)
class CheckedResults:
    """What the sheet defines: new indicators and revised ones (code -> the definition as it
    will stand on approval: every compared column; revised: the revisable ones)."""

    defined: dict[str, dict[str, Any]] = field(default_factory=dict)
    revised: dict[str, dict[str, Any]] = field(default_factory=dict)


def check_results(
    records: list[dict[str, Any]],
    column: Callable[[str], str],
    initiatives: set[str],
    stored: Mapping[str, Mapping[str, Any]],
    add: Callable[[Problem], None],
) -> CheckedResults:
    """Report every problem of the sheet's typed rows through ``add``; return the new
    indicators the sheet defines and the stored ones it revises."""
    seen: dict[tuple[str, str], int] = {}
    checked = CheckedResults()
    defined = checked.defined
    first_row: dict[str, int] = {}
    for written_record in records:
        record = _with_synonym_lists(written_record)
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
            revised = _check_known(record, known, column, add)
            if code in first_row:
                first = {**known, **checked.revised.get(code, {})}
                _check_alike(record, first, first_row[code], column, add)
            else:
                first_row[code] = row
                if revised is not None:
                    checked.revised[code] = revised
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
    return checked


def _with_synonym_lists(record: Mapping[str, Any]) -> dict[str, Any]:
    """The row with its synonyms as a stored list ("a ;b;; a" -> "a; b"); a cell with no term
    is blank (it agrees with what is stored)."""
    out = dict(record)
    for name in SYNONYM_COLUMNS:
        listed = join_synonyms(split_synonyms(out.get(name)))
        out[name] = listed or None
    return out


def _definition(record: Mapping[str, Any]) -> dict[str, Any]:
    row = {name: record.get(name) for name in _COMPARED}
    row["aggregation"] = row["aggregation"] or Aggregation.FLOW.value
    return {"code": record["indicator"], **row}


def _check_known(
    record: Mapping[str, Any],
    known: Mapping[str, Any],
    column: Callable[[str], str],
    add: Callable[[Problem], None],
) -> dict[str, Any] | None:
    """Texts beside a known indicator's code: its names and definitions revised (a plan's own
    indicator), or a problem (a core indicator; a unit or aggregation written otherwise).
    Returns the revised definition, or None when nothing is revised."""
    differing = _differing(record, known)
    allowed: tuple[str, ...] = () if known.get("is_core") else REVISABLE
    if not known.get("is_core") and not known.get("has_figures"):
        allowed = (*REVISABLE, *WHILE_NO_FIGURES)
    fixed = [name for name in differing if name not in allowed]
    revised = [name for name in differing if name not in fixed]
    for name in fixed:
        add(
            problem(
                "result-indicator-differs",
                row=int(record["_row"]),
                column=column(name),
                value=record["indicator"],
                recorded=str(known.get(name)),
            )
        )
    if not revised:
        return None
    return {
        "code": record["indicator"],
        **{
            name: record.get(name) or known.get(name) or ""
            for name in (*REVISABLE, *WHILE_NO_FIGURES)
        },
    }


def _check_alike(
    record: Mapping[str, Any],
    first: Mapping[str, Any],
    first_row: int,
    column: Callable[[str], str],
    add: Callable[[Problem], None],
) -> None:
    """A code written again defines the same indicator (blank cells repeat the first)."""
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

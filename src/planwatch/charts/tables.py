"""The table behind each chart, its text alternative (issue 18): one function per chart kind,
taking the chart builder's own frame, language and options, and giving a table in words, all
of it text: the period as the reader reads it, the series, the value written as the chart
writes it with its unit, and the chart's marks (illustrative, preliminary, partial, revised,
submitted, projected) as words.

A suppressed figure shows its label ("<3", "skjult"), never its number, whatever the frame
carries: no column of the table holds a raw value. The options a table does not need (the
chart's title, note, source, date) are accepted and ignored, so a page passes a chart's
options to both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

import pandas as pd

from planwatch.charts import frames, series, spending, style
from planwatch.formatting import format_date, format_dkk_millions, format_number, format_percent

_WORDS: Final[Mapping[str, Mapping[str, str]]] = {
    "period": {"da": "Periode", "en": "Period"},
    "marks": {"da": "Markering", "en": "Marks"},
    "illustrative": {
        "da": "illustrativt (opdigtet demotal)",
        "en": "illustrative (invented demo figure)",
    },
    "partial": {"da": "ikke et helt år", "en": "not a whole year"},
    "preliminary": {"da": "foreløbigt", "en": "preliminary"},
    "corrected": {"da": "revideret", "en": "revised"},
    "submitted": {"da": "indsendt – ikke godkendt", "en": "submitted – not approved"},
    "projection": {"da": "fremskrivning", "en": "projection"},
}
_SEPARATOR: Final = "; "
_MISSING: Final = "–"


def _word(key: str, language: str) -> str:
    return _WORDS[key][style.checked_language(language)]


def _marks(language: str, **marks: bool) -> str:
    """The marks that apply, in words, in a fixed order."""
    return _SEPARATOR.join(_word(key, language) for key, on in marks.items() if on)


def _flags(frame: pd.DataFrame, column: str) -> list[bool]:
    """A true/false column, false where the frame lacks it or a cell is missing."""
    if column not in frame.columns:
        default = series.OPTIONAL_SERIES_COLUMNS.get(column, False)
        return [bool(default)] * len(frame)
    return [False if frames.is_missing(v) else bool(v) for v in frame[column]]


def _texts(frame: pd.DataFrame, column: str) -> list[str]:
    """A text column ("" where missing or absent)."""
    if column not in frame.columns:
        return [""] * len(frame)
    return ["" if frames.is_missing(v) else str(v) for v in frame[column]]


def _series_rows(
    frame: pd.DataFrame, language: str, periods: Iterable[str], unit_label: str
) -> pd.DataFrame:
    """The rows of an indicator chart, in the frame's order."""
    style.checked_language(language)
    labels = _texts(frame, "suppressed")
    values = list(frame["value"])
    # as the chart writes them: decimals only where a figure shown has them
    decimals = frames.decimals(v for v, label in zip(values, labels, strict=True) if not label)
    partial = [not complete for complete in _flags(frame, "complete")]
    return pd.DataFrame(
        {
            _word("period", language): list(periods),
            style.word("series", language): _texts(frame, "series"),
            unit_label: [
                label
                if label
                else _MISSING
                if frames.is_missing(value)
                else format_number(float(value), language, decimals)
                for value, label in zip(values, labels, strict=True)
            ],
            _word("marks", language): [
                _marks(
                    language,
                    partial=p,
                    preliminary=pre,
                    submitted=sub,
                    corrected=cor,
                    illustrative=ill,
                )
                for p, pre, sub, cor, ill in zip(
                    partial,
                    _flags(frame, "preliminary"),
                    _flags(frame, "submitted"),
                    _flags(frame, "corrected"),
                    _flags(frame, "illustrative"),
                    strict=True,
                )
            ],
        },
        dtype=object,
    )


def _year_period(year: object, complete: bool, coverage: str) -> str:
    """ "2024", or a partial year by its quarters: "1.–2. kvt. 2025" / "Q1–Q2 2025"."""
    whole = str(frames.as_int(year))
    return whole if complete or not coverage else f"{coverage} {whole}"


def yearly_table(
    frame: pd.DataFrame,
    language: str,
    *,
    unit_label: str,
    targets: pd.DataFrame | None = None,
    **_chart: object,
) -> pd.DataFrame:
    """The table behind :func:`planwatch.charts.series.yearly_series_chart`: a row per year
    and series (a partial year named by its quarters), then its targets and baselines."""
    frames.require_columns(frame, ("year", "value", "series"), "yearly")
    periods = [
        _year_period(year, complete, coverage)
        for year, complete, coverage in zip(
            frame["year"], _flags(frame, "complete"), _texts(frame, "coverage_label"), strict=True
        )
    ]
    rows = _series_rows(frame, language, periods, unit_label)
    if targets is None or targets.empty:
        return rows.reset_index(drop=True)
    frames.require_columns(targets, series.TARGET_COLUMNS, "targets")
    decimals = frames.decimals([*targets["value"], *frame["value"]])
    extra = pd.DataFrame(
        {
            rows.columns[0]: [
                style.word("whole_plan", language)
                if frames.is_missing(y)
                else str(frames.as_int(y))
                for y in targets["year"]
            ],
            rows.columns[1]: [
                style.word("baseline" if kind == "baseline" else "target", language)
                for kind in targets["kind"]
            ],
            rows.columns[2]: [
                series.direction_word(d, language) + format_number(float(v), language, decimals)
                for d, v in zip(
                    targets["direction"]
                    if "direction" in targets.columns
                    else [None] * len(targets),
                    targets["value"],
                    strict=True,
                )
            ],
            rows.columns[3]: "",
        },
        dtype=object,
    )
    return pd.concat([rows, extra], ignore_index=True)


def quarterly_table(
    frame: pd.DataFrame, language: str, *, unit_label: str, **_chart: object
) -> pd.DataFrame:
    """The table behind :func:`planwatch.charts.series.quarterly_series_chart`: a row per
    quarter ("1. kvt. 2025" / "Q1 2025") and series."""
    frames.require_columns(frame, ("period", "value", "series"), "quarterly")
    style.checked_language(language)
    periods = [series.period_label(str(p), language) for p in frame["period"]]
    return _series_rows(frame, language, periods, unit_label).reset_index(drop=True)


def budget_path_table(
    frame: pd.DataFrame, language: str, *, illustrative: bool, **_chart: object
) -> pd.DataFrame:
    """The table behind :func:`planwatch.charts.spending.budget_path_chart`: per quarter's
    last day, what was spent, the even pace, and ahead the projection and its range, in
    millions of kroner as the page writes money."""
    frames.require_columns(frame, spending.BUDGET_COLUMNS, "budget path")
    style.checked_language(language)
    projection = style.word("projection", language)
    measures = {
        "cumulative_spent": (style.word("spent", language), False),
        "even_path": (style.word("even_path", language), False),
        "projection_mid": (projection, True),
        "projection_low": (f"{projection}, {style.word('low', language).lower()}", True),
        "projection_high": (f"{projection}, {style.word('high', language).lower()}", True),
    }
    ordered = frame.assign(period_end=frames.days(frame["period_end"])).sort_values("period_end")
    rows: list[list[str]] = []
    for record in ordered.to_dict(orient="records"):
        for column, (name, projected) in measures.items():
            amount = record[column]
            if frames.is_missing(amount):
                continue
            rows.append(
                [
                    format_date(record["period_end"], language),
                    name,
                    format_dkk_millions(float(amount), language),
                    _marks(language, illustrative=illustrative, projection=projected),
                ]
            )
    columns = [
        _word("period", language),
        style.word("series", language),
        style.word("amount", language),
        _word("marks", language),
    ]
    return pd.DataFrame(rows, columns=columns, dtype=object)


def allocation_table(
    frame: pd.DataFrame, language: str, *, illustrative: bool, **_chart: object
) -> pd.DataFrame:
    """The table behind :func:`planwatch.charts.spending.allocation_vs_spending_chart`: per
    year and initiative what was allocated and what spent (with its share of the allocation),
    in millions of kroner as the page writes money."""
    frames.require_columns(frame, spending.ALLOCATION_COLUMNS, "allocation")
    style.checked_language(language)
    rows: list[list[str]] = []
    for record in frame.to_dict(orient="records"):
        allocated, spent = float(record["allocated"]), float(record["spent"])
        spent_text = format_dkk_millions(spent, language)
        if allocated:
            spent_text += f" ({format_percent(spent / allocated * 100, language, 0)})"
        rows.append(
            [
                str(frames.as_int(record["year"])),
                str(record["initiative"]),
                format_dkk_millions(allocated, language),
                spent_text,
                _marks(language, illustrative=illustrative),
            ]
        )
    columns = [
        style.word("year", language),
        style.word("initiative", language),
        style.word("allocated", language),
        style.word("spent", language),
        _word("marks", language),
    ]
    return pd.DataFrame(rows, columns=columns, dtype=object)

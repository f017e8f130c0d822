"""Sample frames and charts for the chart tests, built once per run, and helpers that read a
Vega-Lite spec."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from typing import Any

import altair as alt
import pandas as pd

from planwatch.charts import series, spending

LANGUAGES = ("da", "en")

# --- frames ----------------------------------------------------------------------------------


def yearly_frame(*, corrected: bool = True, illustrative: bool = False) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2021, 2022, 2023, 2024, 2021, 2022, 2023, 2024],
            "value": [64.0, 73.0, 112.0, 1233.0, 40.0, 45.0, 70.0, 80.0],
            "series": ["I alt"] * 4 + ["Kvinder"] * 4,
            "source": ["Center mod Menneskehandel"] * 8,
            "corrected": [False, False, corrected, False, False, False, False, False],
            "correction_note": [None, None, "3. maj 2024: dobbelttælling", None] + [None] * 4,
            "illustrative": [False, False, False, illustrative] + [False] * 4,
            "basis": ["reported", "reported", "reported", "from quarters 1-3"] + ["reported"] * 4,
        }
    )


def targets_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"year": [None, 2026], "value": [100.0, 150.0], "kind": ["baseline", "target"]}
    )


def quarterly_frame() -> pd.DataFrame:
    starts = [dt.date(2024, 10, 1), dt.date(2025, 1, 1), dt.date(2025, 4, 1)]
    return pd.DataFrame(
        {
            "period": ["2024-Q4", "2025-Q1", "2025-Q2"],
            "period_start": starts,
            "value": [20.0, 53.4, 1233.0],
            "series": ["I alt"] * 3,
            "source": ["CMM kvartalstal"] * 3,
            "corrected": [False, True, False],
            "correction_note": [None, None, None],
            "illustrative": [False] * 3,
            "basis": ["reported"] * 3,
        }
    )


def budget_frame() -> pd.DataFrame:
    ends = [dt.date(2025, 3, 31), dt.date(2025, 6, 30), dt.date(2025, 9, 30), dt.date(2025, 12, 31)]
    return pd.DataFrame(
        {
            "period_end": ends,
            "cumulative_spent": [5_000_000.0, 14_000_000.0, None, None],
            "even_path": [12_500_000.0, 25_000_000.0, 37_500_000.0, 50_000_000.0],
            "projection_low": [None, None, 18_000_000.0, 22_000_000.0],
            "projection_mid": [None, None, 20_000_000.0, 26_000_000.0],
            "projection_high": [None, None, 23_000_000.0, 31_000_000.0],
        }
    )


def allocation_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "initiative": ["Exit-program", "Opsøgende arbejde"] * 2,
            "action_area": ["Beskyttelse", "Forebyggelse"] * 2,
            "year": [2024, 2024, 2025, 2025],
            "allocated": [1_233_000_000.0, 8_000_000.0, 12_000_000.0, 8_000_000.0],
            "spent": [10_100_000.0, 8_400_000.0, 4_000_000.0, 2_000_000.0],
        }
    )


def yearly(language: str, **kwargs: Any) -> alt.LayerChart:
    return series.yearly_series_chart(
        yearly_frame(**kwargs),
        language,
        title="Personer vurderet som ofre",
        unit_label="Personer",
        targets=targets_frame(),
    )


def all_charts(language: str) -> dict[str, alt.TopLevelMixin]:
    return {
        "yearly": yearly(language),
        "quarterly": series.quarterly_series_chart(
            quarterly_frame(), language, title="Ofre pr. kvartal", unit_label="Personer"
        ),
        "budget": spending.budget_path_chart(
            budget_frame(), language, title="Forbrug", illustrative=True
        ),
        "allocation": spending.allocation_vs_spending_chart(
            allocation_frame(), language, title="Bevilling", illustrative=True
        ),
    }


@functools.cache
def yearly_spec(
    language: str, corrected: bool = True, illustrative: bool = False
) -> dict[str, Any]:
    """``yearly(...).to_dict()``, built (and schema-validated) once per run; read only."""
    return yearly(language, corrected=corrected, illustrative=illustrative).to_dict()


@functools.cache
def all_specs(language: str) -> dict[str, dict[str, Any]]:
    """``to_dict()`` of every chart, built once per run; read only."""
    return {name: chart.to_dict() for name, chart in all_charts(language).items()}


# --- spec helpers ----------------------------------------------------------------------------


def views(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every unit view (a dict with a mark) anywhere in the spec."""
    if "mark" in spec:
        yield spec
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for child in spec.get(key, []):
            yield from views(child)
    if isinstance(spec.get("spec"), dict):
        yield from views(spec["spec"])


def mark(view: dict[str, Any]) -> dict[str, Any]:
    value = view["mark"]
    return value if isinstance(value, dict) else {"type": value}


def filters(view: dict[str, Any]) -> list[str]:
    return [step["filter"] for step in view.get("transform", []) if "filter" in step]


def rows(spec: dict[str, Any], data: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The inline rows behind a data reference (top-level data by default)."""
    data = data if data is not None else spec["data"]
    if "values" in data:
        return list(data["values"])
    return list(spec["datasets"][data["name"]])


def all_rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [row for dataset in spec.get("datasets", {}).values() for row in dataset]


def axes(spec: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for view in views(spec):
        for channel in ("x", "y"):
            axis = view.get("encoding", {}).get(channel, {}).get("axis")
            if isinstance(axis, dict):
                found.append(axis)
    return found


def axis_titles(spec: dict[str, Any]) -> set[str]:
    return {axis["title"] for axis in axes(spec) if "title" in axis}


def tooltip_titles(spec: dict[str, Any]) -> dict[str, str]:
    found = {}
    for view in views(spec):
        tips = view.get("encoding", {}).get("tooltip", [])
        for tip in tips if isinstance(tips, list) else [tips]:
            found[tip["field"]] = tip.get("title", tip["field"])
    return found


def text_marks(spec: dict[str, Any]) -> list[str]:
    return [mark(view)["text"] for view in views(spec) if "text" in mark(view)]


def title_text(spec: dict[str, Any]) -> str:
    title = spec["title"]
    return str(title["text"] if isinstance(title, dict) else title)


def svg_texts(svg: bytes) -> list[str]:
    return re.findall(r">([^<>]+)</text>", svg.decode("utf-8"))

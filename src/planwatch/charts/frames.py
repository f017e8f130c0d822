"""The frames the builders take in: column checks, missing values, and the frame as inline
Vega-Lite data (never a file or a URL)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

import altair as alt
import pandas as pd


def require_columns(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(f"{what} frame lacks columns: {', '.join(missing)}")


def is_missing(value: object) -> bool:
    if value is None or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _json_value(value: object) -> object:
    """A cell as JSON: dates as local ISO date-times (as Vega-Lite parses them), NaN as null."""
    item = value.item() if hasattr(value, "item") and not isinstance(value, str) else value
    if is_missing(item):
        return None
    if isinstance(item, dt.datetime):
        return item.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(item, dt.date):
        return f"{item.isoformat()}T00:00:00"
    return item


def inline(frame: pd.DataFrame) -> alt.InlineData:
    """The frame as inline values: never a file or a URL, whatever data transformer is active."""
    rows = frame.to_dict(orient="records")
    return alt.InlineData(values=[{str(k): _json_value(v) for k, v in row.items()} for row in rows])


def as_int(value: object) -> int:
    """A whole number from an int, a float such as 2025.0 (a year column with gaps) or text."""
    return int(float(str(value)))


def decimals(values: Iterable[object]) -> int:
    """0 when every value is whole, else 1."""
    numbers = [float(str(v)) for v in values if not is_missing(v)]
    return 0 if all(n.is_integer() for n in numbers) else 1


def ordered_unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def days(column: pd.Series) -> list[dt.date]:
    return [pd.Timestamp(value).date() for value in column]

"""Indicator charts: a figure per year (also broken down by sex, age or form of exploitation,
one series each, with targets and baselines) or per quarter, a line with markers per series.

A series frame may mark rows as **suppressed** (a small count of persons shown as ``"<3"``, or
a value hidden so that one cannot be worked out) and as **submitted** (awaiting approval). A
suppressed row never carries its number into the chart: its value is dropped here whatever the
frame says, its label stands in for the number in tooltips, text and descriptions, and it is
drawn as that label along the bottom of the plot; the line breaks around it.

A yearly row may be a **partial** year (``complete`` false, ``coverage_label`` naming its
quarters, "1.–2. kvt."): it is drawn as a hollow point that no line joins, its quarters are
written under its year on the x axis, and it is named by them wherever its year would
be (tooltip, description). A row may be **preliminary** (awaiting approval, or revised recently):
its value carries an asterisk ("54*") in its end label, tooltip and description, and a point
without an end label gets an asterisk by it. Legend entries explain both.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Final

import altair as alt
import pandas as pd

from planwatch.charts import frames, marks, style, theme
from planwatch.formatting import format_number

_DESCRIPTIONS: Final[Mapping[str, Mapping[str, str]]] = {
    "series": {
        "da": "Linjediagram: {title}. {unit} for {series}, {span}. Seneste tal: {latest}.",
        "en": "Line chart: {title}. {unit} for {series}, {span}. Latest figures: {latest}.",
    },
    "corrected": {
        "da": " Reviderede tal: {n}, vist med en sort rude.",
        "en": " Revised figures: {n}, drawn with a black diamond.",
    },
    "submitted": {
        "da": " Indsendte, ikke godkendte tal: {n}, vist med en stiplet firkant.",
        "en": " Submitted figures not yet approved: {n}, drawn with a dashed square.",
    },
    "suppressed": {
        "da": " Tal, der ikke vises præcist: {n}, vist som tekst langs bunden.",
        "en": " Figures not shown exactly: {n}, written along the bottom.",
    },
    "partial": {
        "da": " Hule punkter er år, der ikke er slut, og dækker kun de nævnte kvartaler: {items}.",
        "en": " Hollow points are years not yet over, covering only the quarters named: {items}.",
    },
    "preliminary": {
        "da": " Foreløbige tal: {n}, markeret med *.",
        "en": " Preliminary figures: {n}, marked with *.",
    },
    "illustrative": {
        "da": " ILLUSTRATIVT: hule punkter er opdigtede demotal.",
        "en": " ILLUSTRATIVE: hollow points are invented demo figures.",
    },
    "targets": {"da": " Mål og udgangspunkter: {items}.", "en": " Targets and baselines: {items}."},
}

_PERIOD = re.compile(r"^(\d{4})-Q([1-4])$")
_FROM_QUARTERS = re.compile(r"^from quarters? (?P<quarters>.+)$", re.IGNORECASE)

SERIES_COLUMNS: Final = (
    "value",
    "series",
    "source",
    "corrected",
    "correction_note",
    "illustrative",
    "basis",
)
OPTIONAL_SERIES_COLUMNS: Final[Mapping[str, str | bool | None]] = {
    "suppressed": None,
    "submitted": False,
    "complete": True,
    "coverage_label": None,
    "preliminary": False,
}
"""Optional series columns and their defaults: ``suppressed`` (str | None: the label shown
instead of the value, e.g. "<3"; the value is then ignored), ``submitted`` (bool: awaiting
approval), ``complete`` (bool: a whole year; false for a partial year), ``coverage_label``
(str | None: the quarters a partial year covers, in the chart's language, "1.–2. kvt." /
"Q1–Q2"; ignored for a complete year) and ``preliminary`` (bool: marked with an asterisk)."""
YEARLY_COLUMNS: Final = ("year", *SERIES_COLUMNS)
QUARTERLY_COLUMNS: Final = ("period", "period_start", *SERIES_COLUMNS)
TARGET_COLUMNS: Final = ("year", "value", "kind")


def localise_basis(basis: object, language: str) -> str:
    """``reported`` and ``from quarters 1-3`` in ``language``; anything else as given."""
    if frames.is_missing(basis):
        return ""
    text = str(basis)
    if text == "reported":
        return style.word("reported", language)
    match = _FROM_QUARTERS.match(text)
    if match:
        return style.word("from_quarters", language).format(quarters=match["quarters"])
    return text


def _correction_text(corrected: bool, note: object, language: str) -> str:
    if not corrected:
        return style.word("no", language)
    yes = style.word("yes", language)
    return yes if frames.is_missing(note) or not str(note).strip() else f"{yes}: {note}"


def _prepare_series(frame: pd.DataFrame, language: str, sort_by: str) -> pd.DataFrame:
    """Add the text columns that tooltips and labels show, formatted for ``language``."""
    prepared = frame.sort_values([sort_by]).reset_index(drop=True)
    for column, default in OPTIONAL_SERIES_COLUMNS.items():
        if column not in prepared.columns:
            prepared[column] = default
    prepared["suppressed"] = [
        "" if frames.is_missing(s) else str(s) for s in prepared["suppressed"]
    ]
    prepared["is_suppressed"] = prepared["suppressed"] != ""
    # A suppressed row never carries a number into the chart, whatever the frame says.
    prepared["value"] = [
        math.nan if hidden else float(value)
        for value, hidden in zip(prepared["value"], prepared["is_suppressed"], strict=True)
    ]
    prepared["value"] = prepared["value"].astype(float)
    prepared["corrected"] = prepared["corrected"].astype(bool)
    prepared["illustrative"] = prepared["illustrative"].astype(bool)
    prepared["submitted"] = prepared["submitted"].astype(bool)
    prepared["complete"] = prepared["complete"].astype(bool)
    prepared["preliminary"] = prepared["preliminary"].astype(bool)
    prepared["coverage_label"] = [
        "" if complete or frames.is_missing(label) else str(label)
        for complete, label in zip(prepared["complete"], prepared["coverage_label"], strict=True)
    ]
    decimals = frames.decimals(prepared["value"])
    prepared["value_text"] = [
        (label if label else format_number(v, language, decimals))
        + (style.PRELIMINARY_MARK if preliminary else "")
        for v, label, preliminary in zip(
            prepared["value"], prepared["suppressed"], prepared["preliminary"], strict=True
        )
    ]
    prepared["status_text"] = [
        style.word("submitted" if s else "approved", language) for s in prepared["submitted"]
    ]
    prepared["preliminary_text"] = [
        style.word(
            "no" if not p else "preliminary_submitted" if s else "preliminary_revised", language
        )
        for p, s in zip(prepared["preliminary"], prepared["submitted"], strict=True)
    ]
    prepared["partial_marker"] = style.word("partial_year", language)
    prepared["preliminary_marker"] = style.word("preliminary_entry", language)
    prepared["submitted_marker"] = style.word("submitted", language)
    prepared["basis_text"] = [localise_basis(b, language) for b in prepared["basis"]]
    prepared["corrected_text"] = [
        _correction_text(c, n, language)
        for c, n in zip(prepared["corrected"], prepared["correction_note"], strict=True)
    ]
    prepared["illustrative_text"] = [
        style.word("yes" if i else "no", language) for i in prepared["illustrative"]
    ]
    prepared["marker"] = style.word("corrected", language)
    last = prepared.groupby("series")[sort_by].transform("max")
    prepared["is_last"] = prepared[sort_by] == last
    prepared["end_label"] = [
        f"{series}: {text}"
        for series, text in zip(prepared["series"], prepared["value_text"], strict=True)
    ]
    _add_suppressed_positions(prepared, sort_by)
    return prepared.drop(columns=["correction_note", "basis", "suppressed"])


def _add_suppressed_positions(prepared: pd.DataFrame, sort_by: str) -> None:
    """Where a suppressed row's label goes: along the bottom of the plot, stacked upwards when
    several series are suppressed at the same x (pixels from the top)."""
    rank: dict[object, int] = {}
    positions: list[float | None] = []
    for x, hidden in zip(prepared[sort_by], prepared["is_suppressed"], strict=True):
        if not hidden:
            positions.append(None)
            continue
        step = rank.get(x, 0)
        rank[x] = step + 1
        positions.append(style.HEIGHT - 6 - step * (style.LABEL_SIZE + 4))
    prepared["suppressed_y"] = pd.Series(positions, dtype=object)


def _add_aria_text(
    prepared: pd.DataFrame, label_field: str, unit_label: str, language: str
) -> None:
    """One sentence per point for screen readers, instead of Vega's raw field names."""
    texts = []
    for row in prepared.to_dict(orient="records"):
        text = f"{row['series']}, {row[label_field]}: {row['value_text']} {unit_label}"
        if row["corrected"]:
            text += f"; {style.word('corrected', language)}: {row['corrected_text']}"
        if row["illustrative"]:
            text += f"; {style.word('illustrative', language)}"
        if row["submitted"]:
            text += f"; {style.word('submitted', language)}"
        if row["preliminary"]:
            text += f"; {style.word('preliminary', language)}"
        texts.append(f"{text}; {style.word('source', language)}: {row['source']}")
    prepared["aria_text"] = texts


def _add_segments(prepared: pd.DataFrame, steps: pd.Series) -> None:
    """A ``segment`` per unbroken run of a series: a line joins consecutive complete years
    (quarters) only, so a missing or suppressed year is a gap, not a straight line that suggests
    a value, and a partial year stands alone."""
    segments: list[str] = []
    last: dict[str, int] = {}
    count: dict[str, int] = {}
    for series, step, hidden, complete in zip(
        prepared["series"], steps, prepared["is_suppressed"], prepared["complete"], strict=True
    ):
        key = str(series)
        if hidden or not complete:
            segments.append(f"{key}#-")
            continue
        if key in last and int(step) != last[key] + 1:
            count[key] = count.get(key, 0) + 1
        last[key] = int(step)
        segments.append(f"{key}#{count.get(key, 0)}")
    prepared["segment"] = segments


def _describe_series(
    prepared: pd.DataFrame, x_axis: marks.XAxis, language: str, title: str, unit_label: str
) -> str:
    series = frames.ordered_unique(prepared["series"])
    span_field = x_axis.span_field or x_axis.label_field
    labels = [
        str(label) for label in prepared.sort_values(x_axis.sort_field, kind="stable")[span_field]
    ]
    latest = [
        f"{row.series} {row.value_text} ({getattr(row, x_axis.label_field)})"
        for row in prepared[prepared["is_last"]].itertuples()
    ]
    text = _DESCRIPTIONS["series"][language].format(
        title=title,
        unit=unit_label,
        series=style.join_words(series, language),
        span=labels[0] if labels[0] == labels[-1] else f"{labels[0]}–{labels[-1]}",
        latest="; ".join(latest),
    )
    for column, key in (
        ("corrected", "corrected"),
        ("submitted", "submitted"),
        ("preliminary", "preliminary"),
        ("is_suppressed", "suppressed"),
    ):
        count = int(prepared[column].sum())
        if count:
            text += _DESCRIPTIONS[key][language].format(n=count)
    partial = prepared[~prepared["complete"]]
    if not partial.empty:
        items = [
            f"{row.series} {row.value_text} ({getattr(row, x_axis.label_field)})"
            for row in partial.itertuples()
        ]
        text += _DESCRIPTIONS["partial"][language].format(items="; ".join(items))
    if prepared["illustrative"].any():
        text += _DESCRIPTIONS["illustrative"][language]
    return text


def yearly_series_chart(
    frame: pd.DataFrame,
    language: str,
    *,
    title: str,
    unit_label: str,
    targets: pd.DataFrame | None = None,
    note: str | None = None,
    as_of: dt.date | None = None,
) -> alt.LayerChart:
    """An indicator per year: a line joining the complete years, with markers per series;
    partial years hollow and unjoined; revised, illustrative, submitted, preliminary and
    suppressed figures marked.

    ``frame`` columns: ``year`` (int), ``value`` (float), ``series`` (str, a translated label
    such as "I alt"/"Kvinder"), ``source`` (str, the source's title), ``corrected`` (bool:
    revised), ``correction_note`` (str | None: when and why), ``illustrative`` (bool), ``basis``
    (str: "reported", "from quarters 1-3", or text already in ``language``); optionally
    ``suppressed``, ``submitted``, ``complete``, ``coverage_label`` and ``preliminary`` (see
    :data:`OPTIONAL_SERIES_COLUMNS`).

    Under the title, so that they travel with the PNG and SVG files: the unit, the sources
    named in the frame and ``as_of`` ("Kilde: … · Tal pr. 5. december 2026"), ``note`` (e.g.
    that small counts are suppressed; it also ends the description), and for a chart of one
    year only, that it is one year (the year is then drawn as a bar under its point).

    ``targets`` columns: ``year`` (int, or None for the whole plan), ``value`` (float),
    ``kind`` ("baseline" or "target"), optionally ``direction`` ("at_least", "at_most",
    "about": said before the value, "Mål (2027): mindst 150"). A whole-plan value is a
    horizontal rule across the chart; a yearly one a short rule at its year; each is labelled
    with its value.
    """
    style.checked_language(language)
    frames.require_columns(frame, YEARLY_COLUMNS, "yearly series")
    if frame.empty:
        raise ValueError("yearly series frame is empty")
    prepared = _prepare_series(frame, language, "year")
    prepared["year"] = prepared["year"].astype(int)
    prepared = prepared.sort_values(["series", "year"], kind="stable").reset_index(drop=True)
    _add_segments(prepared, prepared["year"])
    prepared["year_text"] = [
        f"{covers} {year}" if covers else str(year)
        for year, covers in zip(prepared["year"], prepared["coverage_label"], strict=True)
    ]
    _add_aria_text(prepared, "year_text", unit_label, language)
    target_rows = _prepare_targets(targets, prepared, language)
    years = sorted({*prepared["year"], *target_rows["year"].dropna().astype(int)})
    x_axis = marks.XAxis(
        encoding=alt.X(
            "year:Q",
            axis=style.axis(
                style.word("year", language), language, format="d", values=years, labelOverlap=True
            ),
            scale=alt.Scale(domain=[years[0] - 0.5, years[-1] + 0.5], nice=False, zero=False),
        ),
        label_field="year_text",
        label_title=style.word("year", language),
        sort_field="year",
        span_field="year",
    )
    layers = marks.series_layers(prepared, x_axis, language, unit_label)
    single_year = prepared["year"].nunique() == 1
    if single_year:
        layers.insert(0, marks.single_year_bars(x_axis, unit_label, language))
    description = _describe_series(prepared, x_axis, language, title, unit_label)
    if not target_rows.empty:
        layers.extend(marks.target_layers(target_rows, language, unit_label))
        description += _DESCRIPTIONS["targets"][language].format(
            items="; ".join(target_rows["label"])
        )
    chart = _series_chart(prepared, layers)
    one_year = (
        theme.one_year_caption(int(prepared["year"].iloc[0]), language) if single_year else ""
    )
    lines = _caption(frame, language, unit_label, as_of, [note or "", one_year])
    return style.finish(chart, language, title, _with_note(description, note), lines)


def _caption(
    frame: pd.DataFrame,
    language: str,
    unit_label: str,
    as_of: dt.date | None,
    extra: list[str],
) -> list[str]:
    source = theme.source_names(frame["source"])
    return theme.caption_lines(language, unit=unit_label, source=source, as_of=as_of, extra=extra)


def _series_chart(prepared: pd.DataFrame, layers: list[alt.Chart]) -> alt.LayerChart:
    chart = alt.LayerChart(
        data=frames.inline(prepared), layer=layers, width=style.WIDTH, height=style.HEIGHT
    )
    if (
        prepared["submitted"].any()
        or prepared["preliminary"].any()
        or not prepared["complete"].all()
    ):
        # Revised, submitted, partial and preliminary marks each have their own legend entry on
        # their own scale.
        chart = chart.resolve_scale(opacity="independent").resolve_legend(opacity="independent")
    return chart


def _with_note(description: str, note: str | None) -> str:
    return f"{description} {note}" if note else description


def _prepare_targets(
    targets: pd.DataFrame | None, prepared: pd.DataFrame, language: str
) -> pd.DataFrame:
    columns = ["year", "value", "kind", "label", "value_text", "x_start", "x_end", "x_label"]
    if targets is None or targets.empty:
        return pd.DataFrame({column: [] for column in columns})
    frames.require_columns(targets, TARGET_COLUMNS, "targets")
    rows = targets.reset_index(drop=True).copy()
    years = [None if frames.is_missing(y) else frames.as_int(y) for y in rows["year"]]
    rows["year"] = pd.Series(years, dtype=object)
    rows["value"] = rows["value"].astype(float)
    decimals = max(frames.decimals(rows["value"]), frames.decimals(prepared["value"]))
    rows["value_text"] = [format_number(v, language, decimals) for v in rows["value"]]
    rows["value_text"] = [
        direction_word(d, language) + text
        for d, text in zip(_directions(rows), rows["value_text"], strict=True)
    ]
    rows["label"] = [
        _target_label(kind, year, text, language)
        for kind, year, text in zip(rows["kind"], years, rows["value_text"], strict=True)
    ]
    first_year = min([int(prepared["year"].min()), *[y for y in years if y is not None]])
    rows["x_start"] = pd.Series([None if y is None else y - 0.3 for y in years], dtype=object)
    rows["x_end"] = pd.Series([None if y is None else y + 0.3 for y in years], dtype=object)
    rows["x_label"] = [first_year - 0.5 if y is None else y + 0.3 for y in years]
    return rows[columns]


def _directions(targets: pd.DataFrame) -> list[object]:
    """The optional ``direction`` column (at_least, at_most, about; missing: none)."""
    if "direction" not in targets.columns:
        return [None] * len(targets)
    return list(targets["direction"])


def direction_word(direction: object, language: str) -> str:
    """'mindst ' / 'at least ' before a target's value; '' without a direction."""
    if direction in ("at_least", "at_most", "about"):
        return style.word(str(direction), language) + " "
    return ""


def _target_label(kind: object, year: object, value_text: str, language: str) -> str:
    name = style.word("baseline" if kind == "baseline" else "target", language)
    when = style.word("whole_plan", language) if frames.is_missing(year) else str(year)
    return f"{name} ({when}): {value_text}"


def period_label(period: str, language: str) -> str:
    """``2025-Q1`` as ``1. kvt. 2025`` (da) or ``Q1 2025`` (en)."""
    match = _PERIOD.match(period)
    if match is None:
        raise ValueError(f"period must look like 2025-Q1, not {period!r}")
    year, quarter = match.groups()
    return (
        f"{quarter}. kvt. {year}"
        if style.checked_language(language) == "da"
        else f"Q{quarter} {year}"
    )


def quarterly_series_chart(
    frame: pd.DataFrame,
    language: str,
    *,
    title: str,
    unit_label: str,
    note: str | None = None,
    as_of: dt.date | None = None,
) -> alt.LayerChart:
    """An indicator per quarter, drawn like :func:`yearly_series_chart`.

    ``frame`` columns: ``period`` (str, "2025-Q1"), ``period_start`` (date, the quarter's
    first day), ``value`` (float), ``series`` (str), ``source`` (str), ``corrected`` (bool),
    ``correction_note`` (str | None), ``illustrative`` (bool), ``basis`` (str). A
    ``period_label`` column ("1. kvt. 2025"/"Q1 2025") is made here for tooltips and labels;
    the x axis is time, so a missing quarter leaves a visible gap.
    """
    style.checked_language(language)
    frames.require_columns(frame, QUARTERLY_COLUMNS, "quarterly series")
    if frame.empty:
        raise ValueError("quarterly series frame is empty")
    with_start = frame.assign(period_start=frames.days(frame["period_start"]))
    prepared = _prepare_series(with_start, language, "period_start")
    prepared["period_label"] = [period_label(str(p), language) for p in prepared["period"]]
    prepared = prepared.sort_values(["series", "period"], kind="stable").reset_index(drop=True)
    _add_segments(
        prepared,
        pd.Series([int(str(p)[:4]) * 4 + int(str(p)[-1]) for p in prepared["period"]]),
    )
    _add_aria_text(prepared, "period_label", unit_label, language)
    starts = sorted(set(prepared["period_start"]))
    domain = [starts[0] - dt.timedelta(days=45), starts[-1] + dt.timedelta(days=45)]
    x_axis = marks.XAxis(
        encoding=alt.X(
            "period_start:T",
            axis=style.axis(
                style.word("quarter", language),
                language,
                format=style.QUARTER_AXIS_FORMAT[language],
                formatType="time",
                values=[style.date_time(day) for day in starts],
                labelOverlap=True,
            ),
            scale=alt.Scale(domain=[style.date_time(day) for day in domain], nice=False),
        ),
        label_field="period_label",
        label_title=style.word("quarter", language),
        sort_field="period_start",
    )
    layers = marks.series_layers(prepared, x_axis, language, unit_label)
    description = _describe_series(prepared, x_axis, language, title, unit_label)
    chart = _series_chart(prepared, layers)
    lines = _caption(frame, language, unit_label, as_of, [note or ""])
    return style.finish(chart, language, title, _with_note(description, note), lines)

"""Charts for the dashboard and for reports: small aggregated frames in, Altair charts out.

Every builder takes ``language`` ("da" or "en") and returns a chart whose titles, axis titles,
legend titles, tooltip titles and numbers follow that language: Danish ``1.233`` and ``53,4``,
English ``1,233`` and ``53.4``. The charts are made to be read on a projector and by a screen
reader: large type, thick lines, a marker shape and a dash pattern per series besides its colour
(Okabe–Ito palette), direct labels at the ends of lines, and a top-level ``description`` that
says in words what the chart shows.

How the numbers get their language, in three places:

* **Streamlit** (``st.altair_chart``). Streamlit 1.67 keeps only ``theme``, ``renderer`` and
  ``padding`` of ``usermeta.embedOptions`` and drops the rest before it calls vega-embed (see
  ``ArrowVegaLiteChart`` in its frontend bundle; streamlit/streamlit#1161 asked for locale support
  and was closed without it). So ``formatLocale`` never reaches the browser, and d3 formats with
  its default en-US locale there. Axes therefore carry a d3 ``format`` plus a ``labelExpr`` that
  swaps ``,`` and ``.`` when, and only when, the active locale is not the chart's language (it
  looks at how ``format(1000.5, ',.1f')`` comes out), and tooltips and text marks show text
  columns made in Python with :func:`planwatch.formatting.format_number`.
* **Other vega-embed hosts** (Jupyter, ``chart.save("x.html")``): ``usermeta.embedOptions``
  carries :data:`FORMAT_LOCALE` and :data:`TIME_FORMAT_LOCALE`, which vega-embed applies; the
  ``labelExpr`` then leaves the labels alone.
* **Image export** (:func:`to_svg`, :func:`to_png`): vl-convert renders with the same locales,
  offline, with every data URL refused. Data is always inline (``alt.InlineData``), so no data
  transformer can turn it into a file or a URL.

Quarter axes use the d3 time directive ``%q``, so no month names are needed there.

A series frame may mark rows as **suppressed** (a small count of persons shown as ``"<3"``, or
a value hidden so that one cannot be worked out) and as **submitted** (awaiting approval). A
suppressed row never carries its number into the chart: its value is dropped here whatever the
frame says, its label stands in for the number in tooltips, text and descriptions, and it is
drawn as that label along the bottom of the plot; the line breaks around it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeVar

import altair as alt
import pandas as pd

from planwatch.formatting import (
    MONTHS_DA,
    format_date,
    format_dkk_millions,
    format_number,
    format_percent,
)

LANGUAGES: Final = ("da", "en")

FORMAT_LOCALE: Final[Mapping[str, dict[str, Any]]] = {
    "da": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr."]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["DKK ", ""]},
}
"""d3-format locales: Danish ``1.233,5``, English ``1,233.5``."""

TIME_FORMAT_LOCALE: Final[Mapping[str, dict[str, Any]]] = {
    "da": {
        "dateTime": "%A den %d. %B %Y %X",
        "date": "%d.%m.%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
        "shortDays": ["søn", "man", "tir", "ons", "tor", "fre", "lør"],
        "months": list(MONTHS_DA),
        "shortMonths": [
            "jan.",
            "feb.",
            "mar.",
            "apr.",
            "maj",
            "jun.",
            "jul.",
            "aug.",
            "sep.",
            "okt.",
            "nov.",
            "dec.",
        ],
    },
    "en": {
        "dateTime": "%a %e %b %X %Y",
        "date": "%d/%m/%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
        "months": [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        "shortMonths": [
            "Jan",
            "Feb",
            "Mar",
            "Apr",
            "May",
            "Jun",
            "Jul",
            "Aug",
            "Sep",
            "Oct",
            "Nov",
            "Dec",
        ],
    },
}
"""d3-time-format locales: Danish month and day names; English (British order) for "en"."""

OKABE_ITO: Final = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
)
"""The Okabe–Ito colour-blind-safe palette, darkest first; its yellow is left out (too pale)."""

SHAPES: Final = (
    "circle",
    "square",
    "triangle-up",
    "cross",
    "triangle-down",
    "triangle-right",
    "triangle-left",
)
"""Point shapes per series; the diamond is kept for corrected figures."""

DASHES: Final[tuple[list[int], ...]] = (
    [1, 0],
    [12, 6],
    [3, 5],
    [14, 5, 3, 5],
    [6, 4],
    [2, 3, 8, 3],
    [20, 4],
)
"""Line dash patterns per series (the first is solid)."""

LABEL_SIZE: Final = 16
TITLE_SIZE: Final = 22
STROKE_WIDTH: Final = 3.5
POINT_SIZE: Final = 160
WIDTH: Final = 720
HEIGHT: Final = 380
INK: Final = "#000000"
GREY: Final = "#555555"
MILLION: Final = 1_000_000

_WORDS: Final[Mapping[str, Mapping[str, str]]] = {
    "year": {"da": "År", "en": "Year"},
    "quarter": {"da": "Kvartal", "en": "Quarter"},
    "quarter_end": {"da": "Kvartalets slutning", "en": "End of quarter"},
    "source": {"da": "Kilde", "en": "Source"},
    "series": {"da": "Serie", "en": "Series"},
    "basis": {"da": "Grundlag", "en": "Basis"},
    "reported": {"da": "Indberettet", "en": "Reported"},
    "from_quarters": {
        "da": "Opgjort ud fra kvartalerne {quarters}",
        "en": "Derived from quarters {quarters}",
    },
    "corrected": {"da": "Revideret", "en": "Revised"},
    "status": {"da": "Status", "en": "Status"},
    "approved": {"da": "Godkendt", "en": "Approved"},
    "submitted": {"da": "Indsendt – ikke godkendt", "en": "Submitted – not approved"},
    "marking": {"da": "Markering", "en": "Marking"},
    "illustrative": {"da": "ILLUSTRATIVT", "en": "ILLUSTRATIVE"},
    "illustrative_word": {"da": "Illustrativt", "en": "Illustrative"},
    "illustrative_points": {
        "da": "ILLUSTRATIVT (hule punkter)",
        "en": "ILLUSTRATIVE (hollow points)",
    },
    "yes": {"da": "Ja", "en": "Yes"},
    "no": {"da": "Nej", "en": "No"},
    "dkk_m": {"da": "Mio. kr.", "en": "DKK m"},
    "target": {"da": "Mål", "en": "Target"},
    "baseline": {"da": "Udgangspunkt", "en": "Baseline"},
    "whole_plan": {"da": "hele planen", "en": "whole plan"},
    "spent": {"da": "Forbrugt", "en": "Spent"},
    "allocated": {"da": "Bevilget", "en": "Allocated"},
    "amount": {"da": "Beløb", "en": "Amount"},
    "share_spent": {"da": "Forbrugt af bevilling", "en": "Share spent"},
    "even_path": {"da": "Jævn takt", "en": "Even pace"},
    "projection": {"da": "Fremskrivning", "en": "Projection"},
    "projection_range": {"da": "Fremskrivning, spænd", "en": "Projection range"},
    "low": {"da": "Lav", "en": "Low"},
    "high": {"da": "Høj", "en": "High"},
    "initiative": {"da": "Initiativ", "en": "Initiative"},
    "action_area": {"da": "Indsatsområde", "en": "Action area"},
    "and": {"da": "og", "en": "and"},
    "axis": {"da": "Akse", "en": "Axis"},
}

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
    "illustrative": {
        "da": " ILLUSTRATIVT: hule punkter er opdigtede demotal.",
        "en": " ILLUSTRATIVE: hollow points are invented demo figures.",
    },
    "targets": {"da": " Mål og udgangspunkter: {items}.", "en": " Targets and baselines: {items}."},
    "budget": {
        "da": "Linjediagram: {title}. Samlet forbrug {spent} pr. {day} mod {even} ved jævn takt.",
        "en": "Line chart: {title}. Total spent {spent} at {day} against {even} at an even pace.",
    },
    "budget_empty": {
        "da": "Linjediagram: {title}. Endnu intet forbrug.",
        "en": "Line chart: {title}. Nothing spent yet.",
    },
    "projection": {
        "da": " Fremskrivning til {day}: {mid} (spænd {low} til {high}).",
        "en": " Projection to {day}: {mid} (range {low} to {high}).",
    },
    "allocation": {
        "da": "Søjlediagram: {title}. Bevilget og forbrugt pr. initiativ i {years}. "
        "I alt: {allocated} bevilget, {spent} forbrugt.",
        "en": "Bar chart: {title}. Allocated and spent per initiative in {years}. "
        "In total: {allocated} allocated, {spent} spent.",
    },
    "illustrative_chart": {
        "da": " ILLUSTRATIVT: opdigtede demotal.",
        "en": " ILLUSTRATIVE: invented demo figures.",
    },
}

_QUARTER_AXIS_FORMAT: Final = {"da": "%q. kvt. %Y", "en": "Q%q %Y"}
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
}
"""Optional series columns and their defaults: ``suppressed`` (str | None: the label shown
instead of the value, e.g. "<3"; the value is then ignored) and ``submitted`` (bool: awaiting
approval)."""
YEARLY_COLUMNS: Final = ("year", *SERIES_COLUMNS)
QUARTERLY_COLUMNS: Final = ("period", "period_start", *SERIES_COLUMNS)
TARGET_COLUMNS: Final = ("year", "value", "kind")
BUDGET_COLUMNS: Final = (
    "period_end",
    "cumulative_spent",
    "even_path",
    "projection_low",
    "projection_mid",
    "projection_high",
)
ALLOCATION_COLUMNS: Final = ("initiative", "action_area", "year", "allocated", "spent")

Chart = alt.TopLevelMixin
"""Anything the builders return: a layered or a faceted chart."""

_Top = TypeVar("_Top", bound=alt.TopLevelMixin)


# --- small helpers -------------------------------------------------------------------------


def word(key: str, language: str) -> str:
    """The chart vocabulary word ``key`` in ``language``."""
    return _WORDS[key][_checked(language)]


def _checked(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    return language


def _require(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(f"{what} frame lacks columns: {', '.join(missing)}")


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _json_value(value: object) -> object:
    """A cell as JSON: dates as local ISO date-times (as Vega-Lite parses them), NaN as null."""
    item = value.item() if hasattr(value, "item") and not isinstance(value, str) else value
    if _is_missing(item):
        return None
    if isinstance(item, dt.datetime):
        return item.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(item, dt.date):
        return f"{item.isoformat()}T00:00:00"
    return item


def _inline(frame: pd.DataFrame) -> alt.InlineData:
    """The frame as inline values: never a file or a URL, whatever data transformer is active."""
    rows = frame.to_dict(orient="records")
    return alt.InlineData(values=[{str(k): _json_value(v) for k, v in row.items()} for row in rows])


def _as_int(value: object) -> int:
    """A whole number from an int, a float such as 2025.0 (a year column with gaps) or text."""
    return int(float(str(value)))


def _decimals(values: Iterable[object]) -> int:
    """0 when every value is whole, else 1."""
    numbers = [float(str(v)) for v in values if not _is_missing(v)]
    return 0 if all(n.is_integer() for n in numbers) else 1


def _join(items: Sequence[str], language: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word('and', language)} {items[-1]}"


def _ordered_unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _cycle(options: Sequence[Any], count: int) -> list[Any]:
    return [options[i % len(options)] for i in range(count)]


def label_expression(language: str) -> str:
    """A Vega ``labelExpr`` giving axis labels the separators of ``language`` in any host.

    Where the host already formats in that language (vl-convert, vega-embed with
    ``formatLocale``) the label is kept; elsewhere (Streamlit: d3's en-US default) the
    thousands and decimal separators are swapped.
    """
    sample = format_number(1000.5, _checked(language), 1)
    swapped = (
        "replace(replace(replace(datum.label, regexp(',', 'g'), '\\u0000'), "
        "regexp('\\\\.', 'g'), ','), regexp('\\u0000', 'g'), '.')"
    )
    return f"format(1000.5, ',.1f') === '{sample}' ? datum.label : {swapped}"


def _title(text: str, subtitle: str | None = None) -> alt.Title:
    if subtitle:
        return alt.Title(
            text=text,
            subtitle=subtitle,
            subtitleFontSize=LABEL_SIZE - 2,
            subtitleColor=INK,
            fontSize=TITLE_SIZE,
            anchor="start",
            offset=12,
        )
    return alt.Title(text=text, fontSize=TITLE_SIZE, anchor="start", offset=12)


def _axis(title: str, language: str, **kwargs: Any) -> alt.Axis:
    """An axis in projector-sized type, named for screen readers in ``language``."""
    return alt.Axis(
        title=title,
        description=f"{word('axis', language)}: {title}",
        labelFontSize=LABEL_SIZE,
        titleFontSize=LABEL_SIZE,
        labelLimit=320,
        **kwargs,
    )


def _number_axis(title: str, language: str) -> alt.Axis:
    return _axis(title, language, format=",~f", labelExpr=label_expression(language))


def _legend(title: str | None, **kwargs: Any) -> alt.Legend:
    return alt.Legend(
        title=title,
        labelFontSize=LABEL_SIZE,
        titleFontSize=LABEL_SIZE,
        symbolSize=260,
        symbolStrokeWidth=3,
        labelLimit=320,
        orient="bottom",
        direction="horizontal",
        **kwargs,
    )


def _finish(
    chart: _Top, language: str, title: str, description: str, subtitle: str | None = None
) -> _Top:
    """Top-level title, accessible description, sizing and the language's locales.

    Streamlit's theme sets ``autosize: fit``, which squeezes the whole chart, legend and title
    included, into the spec's height and leaves a line chart's plot a fraction of it. A layered
    chart therefore fits only its width to the container (``fit-x``) and keeps its plot height;
    a faceted chart, which cannot fit, pads.
    """
    autosize = (
        alt.AutoSizeParams(type="pad", contains="padding")
        if isinstance(chart, alt.FacetChart)
        else alt.AutoSizeParams(type="fit-x", contains="padding")
    )
    return chart.properties(
        title=_title(title, subtitle),
        description=description,
        autosize=autosize,
        usermeta={
            "embedOptions": {
                "renderer": "svg",
                "formatLocale": FORMAT_LOCALE[language],
                "timeFormatLocale": TIME_FORMAT_LOCALE[language],
            }
        },
    )


def _illustrative_banner(text: str, only: str | None = None) -> alt.Chart:
    """A large grey word just above the plot's top-left corner, once per view.

    ``only`` is a Vega expression choosing the rows that count (a faceted chart puts the word
    above its first panel only).
    """
    banner = alt.Chart()
    if only is not None:
        banner = banner.transform_filter(only)
    layer: alt.Chart = (
        banner.transform_aggregate(rows="count()")
        .mark_text(
            text=text,
            align="left",
            baseline="bottom",
            fontSize=24,
            fontWeight="bold",
            color=GREY,
            description=text,
        )
        .encode(x=alt.value(0), y=alt.value(-10))
    )
    return layer


# --- series: shared by the yearly and the quarterly chart ---------------------------------


@dataclass(frozen=True)
class _XAxis:
    """How a series chart places its points along x."""

    encoding: alt.X
    label_field: str
    label_title: str
    sort_field: str


def localise_basis(basis: object, language: str) -> str:
    """``reported`` and ``from quarters 1-3`` in ``language``; anything else as given."""
    if _is_missing(basis):
        return ""
    text = str(basis)
    if text == "reported":
        return word("reported", language)
    match = _FROM_QUARTERS.match(text)
    if match:
        return word("from_quarters", language).format(quarters=match["quarters"])
    return text


def _correction_text(corrected: bool, note: object, language: str) -> str:
    if not corrected:
        return word("no", language)
    yes = word("yes", language)
    return yes if _is_missing(note) or not str(note).strip() else f"{yes}: {note}"


def _prepare_series(frame: pd.DataFrame, language: str, sort_by: str) -> pd.DataFrame:
    """Add the text columns that tooltips and labels show, formatted for ``language``."""
    prepared = frame.sort_values([sort_by]).reset_index(drop=True)
    for column, default in OPTIONAL_SERIES_COLUMNS.items():
        if column not in prepared.columns:
            prepared[column] = default
    prepared["suppressed"] = ["" if _is_missing(s) else str(s) for s in prepared["suppressed"]]
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
    decimals = _decimals(prepared["value"])
    prepared["value_text"] = [
        label if label else format_number(v, language, decimals)
        for v, label in zip(prepared["value"], prepared["suppressed"], strict=True)
    ]
    prepared["status_text"] = [
        word("submitted" if s else "approved", language) for s in prepared["submitted"]
    ]
    prepared["submitted_marker"] = word("submitted", language)
    prepared["basis_text"] = [localise_basis(b, language) for b in prepared["basis"]]
    prepared["corrected_text"] = [
        _correction_text(c, n, language)
        for c, n in zip(prepared["corrected"], prepared["correction_note"], strict=True)
    ]
    prepared["illustrative_text"] = [
        word("yes" if i else "no", language) for i in prepared["illustrative"]
    ]
    prepared["marker"] = word("corrected", language)
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
        positions.append(HEIGHT - 6 - step * (LABEL_SIZE + 4))
    prepared["suppressed_y"] = pd.Series(positions, dtype=object)


def _series_scales(series: list[str], title: str) -> dict[str, Any]:
    """Colour, shape and dash per series, merged into one legend (same field and title)."""
    count = len(series)
    return {
        "color": alt.Color(
            "series:N",
            scale=alt.Scale(domain=series, range=_cycle(OKABE_ITO, count)),
            legend=_legend(title),
        ),
        "shape": alt.Shape(
            "series:N",
            scale=alt.Scale(domain=series, range=_cycle(SHAPES, count)),
            legend=_legend(title),
        ),
        "strokeDash": alt.StrokeDash(
            "series:N",
            scale=alt.Scale(domain=series, range=_cycle(DASHES, count)),
            legend=_legend(title),
        ),
    }


def _series_tooltip(x_axis: _XAxis, unit_label: str, language: str) -> list[alt.Tooltip]:
    return [
        alt.Tooltip(f"{x_axis.label_field}:N", title=x_axis.label_title),
        alt.Tooltip("series:N", title=word("series", language)),
        alt.Tooltip("value_text:N", title=unit_label),
        alt.Tooltip("source:N", title=word("source", language)),
        alt.Tooltip("basis_text:N", title=word("basis", language)),
        alt.Tooltip("corrected_text:N", title=word("corrected", language)),
        alt.Tooltip("illustrative_text:N", title=word("illustrative_word", language)),
        alt.Tooltip("status_text:N", title=word("status", language)),
    ]


def _add_aria_text(
    prepared: pd.DataFrame, label_field: str, unit_label: str, language: str
) -> None:
    """One sentence per point for screen readers, instead of Vega's raw field names."""
    texts = []
    for row in prepared.to_dict(orient="records"):
        text = f"{row['series']}, {row[label_field]}: {row['value_text']} {unit_label}"
        if row["corrected"]:
            text += f"; {word('corrected', language)}: {row['corrected_text']}"
        if row["illustrative"]:
            text += f"; {word('illustrative', language)}"
        if row["submitted"]:
            text += f"; {word('submitted', language)}"
        texts.append(f"{text}; {word('source', language)}: {row['source']}")
    prepared["aria_text"] = texts


def _add_segments(prepared: pd.DataFrame, steps: pd.Series) -> None:
    """A ``segment`` per unbroken run of a series: a line joins consecutive years (quarters)
    only, so a missing or suppressed year is a gap, not a straight line that suggests a value."""
    segments: list[str] = []
    last: dict[str, int] = {}
    count: dict[str, int] = {}
    for series, step, hidden in zip(
        prepared["series"], steps, prepared["is_suppressed"], strict=True
    ):
        key = str(series)
        if hidden:
            segments.append(f"{key}#-")
            continue
        if key in last and int(step) != last[key] + 1:
            count[key] = count.get(key, 0) + 1
        last[key] = int(step)
        segments.append(f"{key}#{count.get(key, 0)}")
    prepared["segment"] = segments


def _series_layers(
    prepared: pd.DataFrame, x_axis: _XAxis, language: str, unit_label: str
) -> list[alt.Chart]:
    series = _ordered_unique(prepared["series"])
    scales = _series_scales(series, word("series", language))
    y = alt.Y("value:Q", axis=_number_axis(unit_label, language), scale=alt.Scale(zero=True))
    tooltip = _series_tooltip(x_axis, unit_label, language)
    base = alt.Chart().encode(x=x_axis.encoding, y=y)
    points = base.encode(
        color=scales["color"],
        shape=scales["shape"],
        tooltip=tooltip,
        description=alt.Description("aria_text:N"),
    )
    layers: list[alt.Chart] = [
        base.mark_line(strokeWidth=STROKE_WIDTH, aria=False).encode(
            color=scales["color"], strokeDash=scales["strokeDash"], detail="segment:N"
        ),
        points.mark_point(filled=True, size=POINT_SIZE, opacity=1).transform_filter(
            "!datum.illustrative"
        ),
        points.mark_point(
            filled=False, fill="white", size=POINT_SIZE, strokeWidth=3, opacity=1
        ).transform_filter("datum.illustrative"),
        base.mark_text(
            align="left", dx=14, fontSize=LABEL_SIZE, fontWeight="bold", limit=260, aria=False
        )
        .encode(text="end_label:N", color=scales["color"])
        .transform_filter("datum.is_last"),
    ]
    if prepared["corrected"].any():
        layers.append(_corrected_layer(base, tooltip, language))
    if prepared["submitted"].any():
        layers.append(_submitted_layer(base, tooltip, language))
    if prepared["is_suppressed"].any():
        layers.append(
            alt.Chart()
            .mark_text(baseline="bottom", fontSize=LABEL_SIZE, fontWeight="bold")
            .encode(
                x=x_axis.encoding,
                y=alt.Y("suppressed_y:Q", scale=None, axis=None),
                text=alt.Text("value_text:N"),
                color=scales["color"],
                tooltip=tooltip,
                description=alt.Description("aria_text:N"),
            )
            .transform_filter("datum.is_suppressed")
        )
    if prepared["illustrative"].any():
        layers.append(_illustrative_banner(word("illustrative_points", language)))
    return layers


def _submitted_layer(base: alt.Chart, tooltip: list[alt.Tooltip], language: str) -> alt.Chart:
    """A dashed black square around each point awaiting approval, with its own legend entry."""
    submitted = word("submitted", language)
    layer: alt.Chart = (
        base.mark_point(
            shape="square",
            filled=False,
            size=420,
            strokeWidth=2.5,
            strokeDash=[4, 3],
            color=INK,
            aria=False,
        )
        .encode(
            opacity=alt.Opacity(
                "submitted_marker:N",
                scale=alt.Scale(domain=[submitted], range=[1]),
                legend=_legend(
                    word("status", language),
                    symbolType="square",
                    symbolStrokeColor=INK,
                    symbolFillColor="transparent",
                    symbolDash=[4, 3],
                ),
            ),
            tooltip=tooltip,
        )
        .transform_filter("datum.submitted")
    )
    return layer


def _corrected_layer(base: alt.Chart, tooltip: list[alt.Tooltip], language: str) -> alt.Chart:
    """A black diamond ring around each corrected point, with its own legend entry."""
    corrected = word("corrected", language)
    layer: alt.Chart = (
        base.mark_point(
            shape="diamond", filled=False, size=520, strokeWidth=3, color=INK, aria=False
        )
        .encode(
            opacity=alt.Opacity(
                "marker:N",
                scale=alt.Scale(domain=[corrected], range=[1]),
                legend=_legend(
                    word("marking", language),
                    symbolType="diamond",
                    symbolStrokeColor=INK,
                    symbolFillColor="transparent",
                ),
            ),
            tooltip=tooltip,
        )
        .transform_filter("datum.corrected")
    )
    return layer


def _describe_series(
    prepared: pd.DataFrame, x_axis: _XAxis, language: str, title: str, unit_label: str
) -> str:
    series = _ordered_unique(prepared["series"])
    labels = list(prepared.sort_values(x_axis.sort_field, kind="stable")[x_axis.label_field])
    latest = [
        f"{row.series} {row.value_text} ({getattr(row, x_axis.label_field)})"
        for row in prepared[prepared["is_last"]].itertuples()
    ]
    text = _DESCRIPTIONS["series"][language].format(
        title=title,
        unit=unit_label,
        series=_join(series, language),
        span=labels[0] if labels[0] == labels[-1] else f"{labels[0]}–{labels[-1]}",
        latest="; ".join(latest),
    )
    for column, key in (
        ("corrected", "corrected"),
        ("submitted", "submitted"),
        ("is_suppressed", "suppressed"),
    ):
        count = int(prepared[column].sum())
        if count:
            text += _DESCRIPTIONS[key][language].format(n=count)
    if prepared["illustrative"].any():
        text += _DESCRIPTIONS["illustrative"][language]
    return text


# --- 1. yearly series ----------------------------------------------------------------------


def yearly_series_chart(
    frame: pd.DataFrame,
    language: str,
    *,
    title: str,
    unit_label: str,
    targets: pd.DataFrame | None = None,
    note: str | None = None,
) -> alt.LayerChart:
    """An indicator per year: a line with markers per series; revised, illustrative, submitted
    and suppressed figures marked.

    ``frame`` columns: ``year`` (int), ``value`` (float), ``series`` (str, a translated label
    such as "I alt"/"Kvinder"), ``source`` (str, the source's title), ``corrected`` (bool:
    revised), ``correction_note`` (str | None: when and why), ``illustrative`` (bool), ``basis``
    (str: "reported", "from quarters 1-3", or text already in ``language``); optionally
    ``suppressed`` and ``submitted`` (see :data:`OPTIONAL_SERIES_COLUMNS`).

    ``note`` (e.g. that small counts are suppressed) is shown under the title, so it travels
    with the PNG and SVG files, and ends the description.

    ``targets`` columns: ``year`` (int, or None for the whole plan), ``value`` (float),
    ``kind`` ("baseline" or "target"). A whole-plan value is a horizontal rule across the
    chart; a yearly one a short rule at its year; each is labelled with its value.
    """
    _checked(language)
    _require(frame, YEARLY_COLUMNS, "yearly series")
    if frame.empty:
        raise ValueError("yearly series frame is empty")
    prepared = _prepare_series(frame, language, "year")
    prepared["year"] = prepared["year"].astype(int)
    prepared = prepared.sort_values(["series", "year"], kind="stable").reset_index(drop=True)
    _add_segments(prepared, prepared["year"])
    prepared["year_text"] = prepared["year"].astype(str)
    _add_aria_text(prepared, "year_text", unit_label, language)
    target_rows = _prepare_targets(targets, prepared, language)
    years = sorted({*prepared["year"], *target_rows["year"].dropna().astype(int)})
    x_axis = _XAxis(
        encoding=alt.X(
            "year:Q",
            axis=_axis(
                word("year", language), language, format="d", values=years, labelOverlap=True
            ),
            scale=alt.Scale(domain=[years[0] - 0.5, years[-1] + 0.5], nice=False, zero=False),
        ),
        label_field="year_text",
        label_title=word("year", language),
        sort_field="year",
    )
    layers = _series_layers(prepared, x_axis, language, unit_label)
    description = _describe_series(prepared, x_axis, language, title, unit_label)
    if not target_rows.empty:
        layers.extend(_target_layers(target_rows, language, unit_label))
        description += _DESCRIPTIONS["targets"][language].format(
            items="; ".join(target_rows["label"])
        )
    chart = _series_chart(prepared, layers)
    return _finish(chart, language, title, _with_note(description, note), note)


def _series_chart(prepared: pd.DataFrame, layers: list[alt.Chart]) -> alt.LayerChart:
    chart = alt.LayerChart(data=_inline(prepared), layer=layers, width=WIDTH, height=HEIGHT)
    if prepared["submitted"].any():
        # Revised and submitted marks each have their own legend entry on their own scale.
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
    _require(targets, TARGET_COLUMNS, "targets")
    rows = targets.reset_index(drop=True).copy()
    years = [None if _is_missing(y) else _as_int(y) for y in rows["year"]]
    rows["year"] = pd.Series(years, dtype=object)
    rows["value"] = rows["value"].astype(float)
    decimals = max(_decimals(rows["value"]), _decimals(prepared["value"]))
    rows["value_text"] = [format_number(v, language, decimals) for v in rows["value"]]
    rows["label"] = [
        _target_label(kind, year, text, language)
        for kind, year, text in zip(rows["kind"], years, rows["value_text"], strict=True)
    ]
    first_year = min([int(prepared["year"].min()), *[y for y in years if y is not None]])
    rows["x_start"] = pd.Series([None if y is None else y - 0.3 for y in years], dtype=object)
    rows["x_end"] = pd.Series([None if y is None else y + 0.3 for y in years], dtype=object)
    rows["x_label"] = [first_year - 0.5 if y is None else y + 0.3 for y in years]
    return rows[columns]


def _target_label(kind: object, year: object, value_text: str, language: str) -> str:
    name = word("baseline" if kind == "baseline" else "target", language)
    when = word("whole_plan", language) if _is_missing(year) else str(year)
    return f"{name} ({when}): {value_text}"


def _target_layers(rows: pd.DataFrame, language: str, unit_label: str) -> list[alt.Chart]:
    """Rules for targets and baselines: dashed black targets, dotted grey baselines."""
    is_target = "datum.kind !== 'baseline'"
    year = word("year", language)
    style = {
        "color": alt.condition(is_target, alt.value(INK), alt.value(GREY)),
        "strokeDash": alt.condition(is_target, alt.value([10, 5]), alt.value([2, 4])),
        "tooltip": [alt.Tooltip("label:N", title=unit_label)],
        "description": alt.Description("label:N"),
    }
    label = {
        "x": alt.X("x_label:Q", title=year),
        "text": alt.Text("label:N"),
        "color": alt.condition(is_target, alt.value(INK), alt.value(GREY)),
    }
    label_style: dict[str, Any] = {
        "baseline": "bottom",
        "dy": -6,
        "fontSize": LABEL_SIZE,
        "fontWeight": "bold",
        "aria": False,
    }
    base = alt.Chart(_inline(rows)).encode(y=alt.Y("value:Q", title=unit_label))
    whole_plan = base.transform_filter("datum.year === null")
    yearly = base.transform_filter("datum.year !== null")
    return [
        whole_plan.mark_rule(strokeWidth=3).encode(**style),
        yearly.mark_rule(strokeWidth=4).encode(
            x=alt.X("x_start:Q", title=year), x2="x_end:Q", **style
        ),
        whole_plan.mark_text(align="left", dx=6, **label_style).encode(**label),
        yearly.mark_text(align="right", **label_style).encode(**label),
    ]


# --- 2. quarterly series ---------------------------------------------------------------------


def period_label(period: str, language: str) -> str:
    """``2025-Q1`` as ``1. kvt. 2025`` (da) or ``Q1 2025`` (en)."""
    match = _PERIOD.match(period)
    if match is None:
        raise ValueError(f"period must look like 2025-Q1, not {period!r}")
    year, quarter = match.groups()
    return f"{quarter}. kvt. {year}" if _checked(language) == "da" else f"Q{quarter} {year}"


def _date_time(day: dt.date) -> alt.DateTime:
    return alt.DateTime(year=day.year, month=day.month, date=day.day)


def _days(column: pd.Series) -> list[dt.date]:
    return [pd.Timestamp(value).date() for value in column]


def quarterly_series_chart(
    frame: pd.DataFrame,
    language: str,
    *,
    title: str,
    unit_label: str,
    note: str | None = None,
) -> alt.LayerChart:
    """An indicator per quarter, drawn like :func:`yearly_series_chart`.

    ``frame`` columns: ``period`` (str, "2025-Q1"), ``period_start`` (date, the quarter's
    first day), ``value`` (float), ``series`` (str), ``source`` (str), ``corrected`` (bool),
    ``correction_note`` (str | None), ``illustrative`` (bool), ``basis`` (str). A
    ``period_label`` column ("1. kvt. 2025"/"Q1 2025") is made here for tooltips and labels;
    the x axis is time, so a missing quarter leaves a visible gap.
    """
    _checked(language)
    _require(frame, QUARTERLY_COLUMNS, "quarterly series")
    if frame.empty:
        raise ValueError("quarterly series frame is empty")
    with_start = frame.assign(period_start=_days(frame["period_start"]))
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
    x_axis = _XAxis(
        encoding=alt.X(
            "period_start:T",
            axis=_axis(
                word("quarter", language),
                language,
                format=_QUARTER_AXIS_FORMAT[language],
                formatType="time",
                values=[_date_time(day) for day in starts],
                labelOverlap=True,
            ),
            scale=alt.Scale(domain=[_date_time(day) for day in domain], nice=False),
        ),
        label_field="period_label",
        label_title=word("quarter", language),
        sort_field="period_start",
    )
    layers = _series_layers(prepared, x_axis, language, unit_label)
    description = _describe_series(prepared, x_axis, language, title, unit_label)
    chart = _series_chart(prepared, layers)
    return _finish(chart, language, title, _with_note(description, note), note)


# --- 3. budget path --------------------------------------------------------------------------


def _title_with_marking(title: str, illustrative: bool, language: str) -> str:
    return f"{title} — {word('illustrative', language)}" if illustrative else title


def _budget_lines(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    """Long rows (one per line and quarter) for spent, even pace and the projection's middle."""
    measures = {
        "cumulative_spent": word("spent", language),
        "even_path": word("even_path", language),
        "projection_mid": word("projection", language),
    }
    actual = {
        day
        for day, v in zip(frame["period_end"], frame["cumulative_spent"], strict=True)
        if not _is_missing(v)
    }
    rows: list[dict[str, object]] = []
    for column, measure in measures.items():
        for day, value in zip(frame["period_end"], frame[column], strict=True):
            if not _is_missing(value):
                # the projection's first point sits on the last actual one: no second marker
                anchor = column == "projection_mid" and day in actual
                rows.append(
                    {
                        "period_end": day,
                        "measure": measure,
                        "amount": float(value),
                        "anchor": anchor,
                    }
                )
    lines = pd.DataFrame(rows, columns=["period_end", "measure", "amount", "anchor"])
    lines["value_m"] = lines["amount"] / MILLION
    lines["amount_text"] = [format_dkk_millions(v, language) for v in lines["amount"]]
    lines["day_text"] = [format_date(day, language) for day in lines["period_end"]]
    last = lines.groupby("measure")["period_end"].transform("max")
    lines["is_last"] = lines["period_end"] == last
    lines["end_label"] = lines["measure"]
    lines["aria_text"] = [
        f"{measure}, {day}: {amount}"
        for measure, day, amount in zip(
            lines["measure"], lines["day_text"], lines["amount_text"], strict=True
        )
    ]
    return lines


def _anchor_projection(frame: pd.DataFrame) -> pd.DataFrame:
    """Start the projection at the last actual quarter so the band joins the spent line."""
    anchored = frame.copy()
    actual = anchored["cumulative_spent"].notna()
    projected = anchored["projection_mid"].notna()
    if actual.any() and projected.any():
        last = anchored.index[actual][-1]
        if not projected[last]:
            for column in ("projection_low", "projection_mid", "projection_high"):
                anchored.loc[last, column] = anchored.loc[last, "cumulative_spent"]
    return anchored


def _budget_band(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    band = frame[frame["projection_low"].notna() & frame["projection_high"].notna()]
    band = band[["period_end", "projection_low", "projection_mid", "projection_high"]].copy()
    band["low_m"] = band["projection_low"].astype(float) / MILLION
    band["high_m"] = band["projection_high"].astype(float) / MILLION
    band["range_label"] = word("projection_range", language)
    for column, name in (("projection_low", "low"), ("projection_high", "high")):
        band[f"{name}_text"] = [format_dkk_millions(v, language) for v in band[column]]
    band["day_text"] = [format_date(day, language) for day in band["period_end"]]
    label = word("projection_range", language)
    band["aria_text"] = [
        f"{label}, {day}: {low} – {high}"
        for day, low, high in zip(
            band["day_text"], band["low_text"], band["high_text"], strict=True
        )
    ]
    return band.drop(columns=["projection_low", "projection_mid", "projection_high"])


def _quarter_x(days: Sequence[dt.date], language: str) -> alt.X:
    ticks = sorted(set(days))
    return alt.X(
        "period_end:T",
        axis=_axis(
            word("quarter_end", language),
            language,
            format=_QUARTER_AXIS_FORMAT[language],
            formatType="time",
            values=[_date_time(day) for day in ticks],
            labelOverlap=True,
        ),
        scale=alt.Scale(
            domain=[
                _date_time(ticks[0] - dt.timedelta(days=20)),
                _date_time(ticks[-1] + dt.timedelta(days=20)),
            ],
            nice=False,
        ),
    )


def _budget_line_layers(lines: pd.DataFrame, x: alt.X, language: str) -> list[alt.Chart]:
    measures = [word(k, language) for k in ("spent", "even_path", "projection")]
    legend_title = word("amount", language)
    color = alt.Color(
        "measure:N",
        scale=alt.Scale(domain=measures, range=[OKABE_ITO[0], INK, OKABE_ITO[1]]),
        legend=_legend(legend_title),
    )
    dash = alt.StrokeDash(
        "measure:N",
        scale=alt.Scale(domain=measures, range=[[1, 0], [12, 6], [3, 5]]),
        legend=_legend(legend_title),
    )
    shape = alt.Shape(
        "measure:N",
        scale=alt.Scale(domain=measures, range=["circle", "square", "triangle-up"]),
        legend=_legend(legend_title),
    )
    y = alt.Y("value_m:Q", axis=_number_axis(word("dkk_m", language), language))
    base = alt.Chart().encode(x=x, y=y)
    tooltip = [
        alt.Tooltip("day_text:N", title=word("quarter_end", language)),
        alt.Tooltip("measure:N", title=legend_title),
        alt.Tooltip("amount_text:N", title=word("dkk_m", language)),
    ]
    return [
        base.mark_line(strokeWidth=STROKE_WIDTH, aria=False).encode(color=color, strokeDash=dash),
        base.mark_point(filled=True, size=POINT_SIZE, opacity=1)
        .encode(
            color=color,
            shape=shape,
            tooltip=tooltip,
            description=alt.Description("aria_text:N"),
        )
        .transform_filter("!datum.anchor"),
        base.mark_text(align="left", dx=14, fontSize=LABEL_SIZE, fontWeight="bold", aria=False)
        .encode(text="end_label:N", color=color)
        .transform_filter("datum.is_last"),
    ]


def _budget_band_layer(band: pd.DataFrame, x: alt.X, language: str) -> alt.Chart:
    layer: alt.Chart = (
        alt.Chart(_inline(band))
        .mark_area(opacity=0.25, line=False)
        .encode(
            x=x,
            y=alt.Y("low_m:Q", title=word("dkk_m", language)),
            y2="high_m:Q",
            description=alt.Description("aria_text:N"),
            fill=alt.Fill(
                "range_label:N",
                scale=alt.Scale(range=[OKABE_ITO[1]]),
                legend=_legend(None, symbolType="square", symbolOpacity=0.4),
            ),
            tooltip=[
                alt.Tooltip("day_text:N", title=word("quarter_end", language)),
                alt.Tooltip("low_text:N", title=word("low", language)),
                alt.Tooltip("high_text:N", title=word("high", language)),
            ],
        )
    )
    return layer


def _describe_budget(lines: pd.DataFrame, band: pd.DataFrame, language: str, title: str) -> str:
    spent = lines[lines["measure"] == word("spent", language)]
    even = lines[lines["measure"] == word("even_path", language)]
    if spent.empty:
        text = _DESCRIPTIONS["budget_empty"][language].format(title=title)
    else:
        last = spent.iloc[-1]
        even_then = even[even["period_end"] == last["period_end"]]
        text = _DESCRIPTIONS["budget"][language].format(
            title=title,
            spent=last["amount_text"],
            day=last["day_text"],
            even=even_then["amount_text"].iloc[0] if not even_then.empty else "–",
        )
    projection = lines[lines["measure"] == word("projection", language)]
    if not projection.empty and not band.empty:
        end = band.iloc[-1]
        text += _DESCRIPTIONS["projection"][language].format(
            day=end["day_text"],
            mid=projection.iloc[-1]["amount_text"],
            low=end["low_text"],
            high=end["high_text"],
        )
    return text


def budget_path_chart(
    frame: pd.DataFrame, language: str, *, title: str, illustrative: bool
) -> alt.LayerChart:
    """Cumulative spending against an even pace, with a projection range ahead.

    ``frame`` columns: ``period_end`` (date, a quarter's last day), ``cumulative_spent``
    (float DKK; None for future quarters), ``even_path`` (float DKK), ``projection_low``,
    ``projection_mid``, ``projection_high`` (float DKK or None; only for future quarters).
    The y axis is in millions ("Mio. kr."/"DKK m"). When ``illustrative`` is True the title
    ends in " — ILLUSTRATIVT"/" — ILLUSTRATIVE" and the plot says so in large type.
    """
    _checked(language)
    _require(frame, BUDGET_COLUMNS, "budget path")
    if frame.empty:
        raise ValueError("budget path frame is empty")
    dated = frame.assign(period_end=_days(frame["period_end"])).sort_values("period_end")
    anchored = _anchor_projection(dated.reset_index(drop=True))
    lines = _budget_lines(anchored, language)
    band = _budget_band(anchored, language)
    x = _quarter_x(list(anchored["period_end"]), language)
    layers: list[alt.Chart] = []
    if not band.empty:
        layers.append(_budget_band_layer(band, x, language))
    layers.extend(_budget_line_layers(lines, x, language))
    description = _describe_budget(lines, band, language, title)
    if illustrative:
        layers.append(_illustrative_banner(word("illustrative", language)))
        description += _DESCRIPTIONS["illustrative_chart"][language]
    chart = alt.LayerChart(data=_inline(lines), layer=layers, width=WIDTH, height=HEIGHT)
    title_text = _title_with_marking(title, illustrative, language)
    return _finish(chart, language, title_text, description)


# --- 4. allocation against spending ------------------------------------------------------------


def _allocation_rows(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    """Long rows: one per initiative, year and measure (allocated, spent), with text labels."""
    allocated, spent = word("allocated", language), word("spent", language)
    rows: list[dict[str, object]] = []
    for record in frame.to_dict(orient="records"):
        amounts = {allocated: float(record["allocated"]), spent: float(record["spent"])}
        share = amounts[spent] / amounts[allocated] * 100 if amounts[allocated] else None
        share_text = "–" if share is None else format_percent(share, language, 0)
        for measure, amount in amounts.items():
            label = format_number(amount / MILLION, language, 1)
            if measure == spent and share is not None:
                label = f"{label} ({share_text})"
            rows.append(
                {
                    "initiative": record["initiative"],
                    "action_area": record["action_area"],
                    "year": _as_int(record["year"]),
                    "measure": measure,
                    "value_m": amount / MILLION,
                    "amount_text": format_dkk_millions(amount, language),
                    "share_text": share_text,
                    "label": label,
                }
            )
    long = pd.DataFrame(rows)
    long["aria_text"] = [
        f"{r['initiative']} ({r['action_area']}), {r['year']}, {r['measure']}: {r['amount_text']}"
        + (f" ({r['share_text']})" if r["measure"] == spent else "")
        for r in long.to_dict(orient="records")
    ]
    return long


def _allocation_layers(rows: pd.DataFrame, language: str) -> list[alt.Chart]:
    allocated, spent = word("allocated", language), word("spent", language)
    measures = [allocated, spent]
    legend_title = word("amount", language)
    legend = _legend(legend_title, symbolType="square")
    y = alt.Y(
        "initiative:N",
        sort=_ordered_unique(rows["initiative"]),
        axis=_axis(word("initiative", language), language),
    )
    y_offset = alt.YOffset("measure:N", sort=measures, scale=alt.Scale(domain=measures))
    x = alt.X("value_m:Q", axis=_number_axis(word("dkk_m", language), language))
    base = alt.Chart().encode(y=y, yOffset=y_offset, x=x)
    tooltip = [
        alt.Tooltip("initiative:N", title=word("initiative", language)),
        alt.Tooltip("action_area:N", title=word("action_area", language)),
        alt.Tooltip("year:N", title=word("year", language)),
        alt.Tooltip("measure:N", title=legend_title),
        alt.Tooltip("amount_text:N", title=word("dkk_m", language)),
        alt.Tooltip("share_text:N", title=word("share_spent", language)),
    ]
    bars = base.mark_bar(strokeWidth=3).encode(
        fill=alt.Fill(
            "measure:N",
            scale=alt.Scale(domain=measures, range=["#FFFFFF", OKABE_ITO[1]]),
            legend=legend,
        ),
        stroke=alt.Stroke(
            "measure:N",
            scale=alt.Scale(domain=measures, range=[OKABE_ITO[0], OKABE_ITO[1]]),
            legend=legend,
        ),
        strokeDash=alt.StrokeDash(
            "measure:N", scale=alt.Scale(domain=measures, range=[[6, 3], [1, 0]]), legend=legend
        ),
        tooltip=tooltip,
        description=alt.Description("aria_text:N"),
    )
    labels = base.mark_text(align="left", dx=8, fontSize=LABEL_SIZE, color=INK, aria=False).encode(
        text="label:N"
    )
    return [bars, labels]


def allocation_vs_spending_chart(
    frame: pd.DataFrame, language: str, *, title: str, illustrative: bool
) -> alt.FacetChart:
    """Allocated against spent per initiative, one panel per year.

    ``frame`` columns: ``initiative`` (str, a translated label), ``action_area`` (str, a
    translated label), ``year`` (int), ``allocated`` (float DKK), ``spent`` (float DKK).
    Allocated bars are hollow with a dashed blue outline, spent bars solid vermillion, and
    every bar carries its amount in millions (spent also its share of the allocation), so the
    two never rely on colour alone. Illustrative marking as in :func:`budget_path_chart`.
    """
    _checked(language)
    _require(frame, ALLOCATION_COLUMNS, "allocation")
    if frame.empty:
        raise ValueError("allocation frame is empty")
    rows = _allocation_rows(frame, language)
    layers = _allocation_layers(rows, language)
    if illustrative:
        first_year = int(rows["year"].min())
        banner = _illustrative_banner(
            word("illustrative", language), f"datum.year === {first_year}"
        )
        layers.append(banner)
    inner = alt.LayerChart(layer=layers, width=WIDTH - 180, height=alt.Step(30))
    header = alt.Header(
        title=word("year", language),
        titleFontSize=LABEL_SIZE,
        labelFontSize=LABEL_SIZE + 2,
        labelFontWeight="bold",
        labelAngle=0,
        labelAlign="left",
    )
    faceted = inner.facet(row=alt.Row("year:O", header=header), data=_inline(rows))
    title_text = _title_with_marking(title, illustrative, language)
    description = _describe_allocation(frame, language, title, illustrative)
    return _finish(faceted, language, title_text, description)


def _describe_allocation(frame: pd.DataFrame, language: str, title: str, illustrative: bool) -> str:
    years = [str(y) for y in sorted({_as_int(y) for y in frame["year"]})]
    text = _DESCRIPTIONS["allocation"][language].format(
        title=title,
        years=_join(years, language),
        allocated=format_dkk_millions(float(frame["allocated"].sum()), language),
        spent=format_dkk_millions(float(frame["spent"].sum()), language),
    )
    if illustrative:
        text += _DESCRIPTIONS["illustrative_chart"][language]
    return text


# --- export --------------------------------------------------------------------------------


def _render_options(language: str) -> dict[str, Any]:
    return {
        "format_locale": FORMAT_LOCALE[_checked(language)],
        "time_format_locale": TIME_FORMAT_LOCALE[language],
        "allowed_base_urls": [],  # no data from anywhere but the spec itself
    }


def _spec(chart: Chart | Mapping[str, Any]) -> dict[str, Any]:
    return dict(chart) if isinstance(chart, Mapping) else chart.to_dict()


def to_svg(chart: Chart | Mapping[str, Any], language: str) -> bytes:
    """The chart (or its Vega-Lite spec) as UTF-8 SVG, rendered offline by vl-convert with the
    language's locales."""
    import vl_convert

    svg = vl_convert.vegalite_to_svg(_spec(chart), **_render_options(language))
    return svg.encode("utf-8")


def to_png(chart: Chart | Mapping[str, Any], language: str, scale: float = 2.0) -> bytes:
    """The chart as PNG (``scale`` times its size), rendered offline like :func:`to_svg`."""
    import vl_convert

    return vl_convert.vegalite_to_png(_spec(chart), scale=scale, **_render_options(language))

"""How every chart looks and speaks: the Danish and English number and time locales, the
colour-blind-safe palette, shapes and dashes, projector-sized type, the chart vocabulary, and
the pieces every builder shares (axes, legends, the top-level title, description and locales).

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
* **Image export** (``render.to_svg``, ``render.to_png``): vl-convert renders with the same
  locales, offline, with every data URL refused. Data is always inline (``frames.inline``), so
  no data transformer can turn it into a file or a URL.

Quarter axes use the d3 time directive ``%q``, so no month names are needed there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Final, TypeVar

import altair as alt

from planwatch.charts import theme
from planwatch.formatting import MONTHS_DA, format_number

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
PRELIMINARY_MARK: Final = "*"
"""What follows a preliminary value ("54*"), as Statistics Denmark marks foreløbige tal."""
ASTERISK: Final = "M0,-1L0,1M-0.87,-0.5L0.87,0.5M-0.87,0.5L0.87,-0.5"
"""An asterisk as an SVG path: the legend's symbol for the preliminary mark."""
GREY: Final = "#555555"

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
    "partial_year": {"da": "Hul: ikke et helt år", "en": "Hollow: not a whole year"},
    "preliminary": {"da": "Foreløbigt", "en": "Preliminary"},
    "preliminary_entry": {"da": "foreløbigt tal", "en": "preliminary figure"},
    "preliminary_submitted": {
        "da": "Ja – indsendt, ikke godkendt",
        "en": "Yes – submitted, not approved",
    },
    "preliminary_revised": {"da": "Ja – revideret for nylig", "en": "Yes – recently revised"},
    "yes": {"da": "Ja", "en": "Yes"},
    "no": {"da": "Nej", "en": "No"},
    "dkk_m": {"da": "Mio. kr.", "en": "DKK m"},
    "target": {"da": "Mål", "en": "Target"},
    "baseline": {"da": "Udgangspunkt", "en": "Baseline"},
    "whole_plan": {"da": "hele planen", "en": "whole plan"},
    "at_least": {"da": "mindst", "en": "at least"},
    "at_most": {"da": "højst", "en": "at most"},
    "about": {"da": "omkring", "en": "about"},
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

QUARTER_AXIS_FORMAT: Final = {"da": "%q. kvt. %Y", "en": "Q%q %Y"}

_Top = TypeVar("_Top", bound=alt.TopLevelMixin)


def word(key: str, language: str) -> str:
    """The chart vocabulary word ``key`` in ``language``."""
    return _WORDS[key][checked_language(language)]


def checked_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    return language


def join_words(items: Sequence[str], language: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word('and', language)} {items[-1]}"


def label_expression(language: str) -> str:
    """A Vega ``labelExpr`` giving axis labels the separators of ``language`` in any host.

    Where the host already formats in that language (vl-convert, vega-embed with
    ``formatLocale``) the label is kept; elsewhere (Streamlit: d3's en-US default) the
    thousands and decimal separators are swapped.
    """
    sample = format_number(1000.5, checked_language(language), 1)
    swapped = (
        "replace(replace(replace(datum.label, regexp(',', 'g'), '\\u0000'), "
        "regexp('\\\\.', 'g'), ','), regexp('\\u0000', 'g'), '.')"
    )
    return f"format(1000.5, ',.1f') === '{sample}' ? datum.label : {swapped}"


def _title(text: str, subtitle: str | Sequence[str] | None = None) -> alt.Title:
    """The title and the lines under it, broken into lines that fit a phone: Vega does not
    wrap them, and cuts off what does not fit."""
    if subtitle:
        subtitle = theme.subtitle_lines([subtitle] if isinstance(subtitle, str) else subtitle)
        return alt.Title(
            text=theme.title_text(text),
            subtitle=subtitle,
            subtitleFontSize=LABEL_SIZE - 2,
            subtitleColor=INK,
            fontSize=TITLE_SIZE,
            anchor="start",
            offset=12,
        )
    return alt.Title(text=theme.title_text(text), fontSize=TITLE_SIZE, anchor="start", offset=12)


LABEL_GAP = 8
"""Pixels at least between two labels of a number axis."""


def axis(title: str, language: str, **kwargs: Any) -> alt.Axis:
    """An axis in projector-sized type, named for screen readers in ``language``."""
    options: dict[str, Any] = {"labelLimit": 320, **kwargs}
    return alt.Axis(
        title=title,
        description=f"{word('axis', language)}: {title}",
        labelFontSize=LABEL_SIZE,
        titleFontSize=LABEL_SIZE,
        **options,
    )


def number_axis(title: str, language: str) -> alt.Axis:
    """A number axis whose labels keep a gap: touching labels are hidden in turn (a range of
    5 mio. kr. over a wide chart ran "0,20,40,60,8" together)."""
    return axis(
        title,
        language,
        format=",~f",
        labelExpr=label_expression(language),
        labelOverlap=True,
        labelSeparation=LABEL_GAP,
    )


def legend(title: str | None, **kwargs: Any) -> alt.Legend:
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


def finish(
    chart: _Top,
    language: str,
    title: str,
    description: str,
    subtitle: str | Sequence[str] | None = None,
) -> _Top:
    """Top-level title (with ``subtitle``: the lines under it, see
    :func:`planwatch.charts.theme.caption_lines`), accessible description, sizing, the page's
    font and the language's locales.

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
    finished = chart.properties(
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
    configured: _Top = finished.configure(**theme.config())
    return configured


def illustrative_banner(text: str, only: str | None = None) -> alt.Chart:
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


def date_time(day: dt.date) -> alt.DateTime:
    return alt.DateTime(year=day.year, month=day.month, date=day.day)

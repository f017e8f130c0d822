"""Issue 18: what a chart carries in its own image, and what it does not clutter it with.

Every chart's SVG and PNG (Vega's own "Save as" action and the offline render) carries its
title, unit, source and the "tal pr." date, as Statistics Denmark's charts do; the page's font;
one illustrative marker, not three; a legend only for what is drawn (none for one series); a
single year drawn as a bar with a caption; the allocation chart one year at a time, fitting the
width, its long names wrapped with the full name in the tooltip."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pandas as pd
import pytest

from planwatch.charts import render, series, spending, theme
from planwatch.domain.clock import utc_now
from planwatch.formatting import format_date
from tests.charts.helpers import (
    LANGUAGES,
    allocation_frame,
    budget_frame,
    mark,
    quarterly_frame,
    svg_texts,
    targets_frame,
    views,
    yearly_frame,
)

AS_OF = utc_now().date() - dt.timedelta(days=3)
SOURCE = {"da": "Center mod Menneskehandel", "en": "Centre against Human Trafficking"}
AS_OF_WORD = {"da": "Tal pr.", "en": "Figures as of"}
SOURCE_WORD = {"da": "Kilde", "en": "Source"}


def _charts(language: str, *, illustrative: bool = True) -> dict[str, Any]:
    return {
        "yearly": series.yearly_series_chart(
            yearly_frame(),
            language,
            title="Personer vurderet som ofre",
            unit_label="Personer",
            targets=targets_frame(),
            as_of=AS_OF,
        ),
        "quarterly": series.quarterly_series_chart(
            quarterly_frame(),
            language,
            title="Ofre pr. kvartal",
            unit_label="Personer",
            as_of=AS_OF,
        ),
        "budget": spending.budget_path_chart(
            budget_frame(),
            language,
            title="Forbrug",
            illustrative=illustrative,
            source=SOURCE[language],
            as_of=AS_OF,
        ),
        "allocation": spending.allocation_vs_spending_chart(
            allocation_frame(),
            language,
            title="Bevilling",
            illustrative=illustrative,
            source=SOURCE[language],
            as_of=AS_OF,
        ),
    }


def _texts(chart: Any, language: str) -> list[str]:
    """Every text in the chart's SVG, each line of a multi-line text (a ``tspan``) too."""
    svg = render.to_svg(chart, language)
    lines = re.findall(r">([^<>]+)</tspan>", svg.decode("utf-8"))
    return [html.unescape(text) for text in svg_texts(svg) + lines]


# --- title, unit, source and date in the image ------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chart_image_carries_title_unit_source_and_as_of_date(language: str) -> None:
    sources = {
        "yearly": "Center mod Menneskehandel",
        "quarterly": "CMM kvartalstal",
        "budget": SOURCE[language],
        "allocation": SOURCE[language],
    }
    titles = {
        "yearly": "Personer vurderet som ofre",
        "quarterly": "Ofre pr. kvartal",
        "budget": "Forbrug",
        "allocation": "Bevilling",
    }
    unit = {"da": "Mio. kr.", "en": "DKK m"}[language]
    units = {"yearly": "Personer", "quarterly": "Personer", "budget": unit, "allocation": unit}
    for name, chart in _charts(language).items():
        spec = chart.to_dict()
        # in the spec, so that Vega's own "Save as PNG/SVG" in the app keeps it too
        lines = spec["title"]["subtitle"]
        assert isinstance(lines, list), name
        assert all(len(line) <= theme.SUBTITLE_CHARS for line in lines), lines
        texts = _texts(chart, language)
        joined = " ".join(texts)  # the lines as drawn, broken to fit a phone
        assert titles[name] in joined, name
        assert units[name] in lines, name
        source_line = (
            f"{SOURCE_WORD[language]}: {sources[name]} · "
            f"{AS_OF_WORD[language]} {format_date(AS_OF, language)}"
        )
        assert source_line in " ".join(lines), (name, lines)
        assert source_line in joined, (name, texts)


@pytest.mark.parametrize("language", LANGUAGES)
def test_png_of_a_chart_with_its_caption_renders(language: str) -> None:
    png = render.to_png(_charts(language)["budget"], language, scale=1.0)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


# --- font ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chart_uses_the_pages_font(language: str) -> None:
    assert theme.FONT == "IBM Plex Sans, sans-serif"
    for name, chart in _charts(language).items():
        spec = chart.to_dict()
        assert spec["config"]["font"] == theme.FONT, name
        assert theme.FONT in render.to_svg(chart, language).decode(), name


def test_png_falls_back_when_the_font_is_not_installed() -> None:
    chart = _charts("da")["yearly"].configure(font="No Such Font Anywhere, sans-serif")
    assert render.to_png(chart, "da", scale=1.0).startswith(b"\x89PNG")


# --- legends ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "word"), [("da", "Serie"), ("en", "Series")])
def test_a_single_series_chart_has_no_legend(language: str, word: str) -> None:
    one = yearly_frame()
    one = one[one["series"] == "I alt"]
    chart = series.yearly_series_chart(one, language, title="T", unit_label="Personer")
    assert word not in _texts(chart, language)
    two = series.yearly_series_chart(yearly_frame(), language, title="T", unit_label="Personer")
    assert word in _texts(two, language)


@pytest.mark.parametrize(("language", "word"), [("da", "Fremskrivning"), ("en", "Projection")])
def test_budget_legend_shows_only_what_is_drawn(language: str, word: str) -> None:
    frame = budget_frame().assign(projection_low=None, projection_mid=None, projection_high=None)
    chart = spending.budget_path_chart(frame, language, title="F", illustrative=False)
    texts = _texts(chart, language)
    assert not any(word in text for text in texts), texts
    with_projection = spending.budget_path_chart(
        budget_frame(), language, title="F", illustrative=False
    )
    assert word in _texts(with_projection, language)


# --- one illustrative marker -----------------------------------------------------------------


@pytest.mark.parametrize(("language", "word"), [("da", "ILLUSTRATIVT"), ("en", "ILLUSTRATIVE")])
def test_money_charts_say_illustrative_once(language: str, word: str) -> None:
    for name in ("budget", "allocation"):
        chart = _charts(language)[name]
        texts = _texts(chart, language)
        assert sum(text.upper().count(word) for text in texts) == 1, (name, texts)
        assert word not in str(chart.to_dict()["title"]["text"]), name
        assert word in chart.to_dict()["description"], name


# --- a single year ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "caption"),
    [("da", "Kun ét år med tal: 2024"), ("en", "Only one year of figures: 2024")],
)
def test_a_single_year_is_drawn_as_a_bar_with_a_caption(language: str, caption: str) -> None:
    frame = yearly_frame(corrected=False)
    frame = frame[(frame["series"] == "I alt") & (frame["year"] == 2024)]
    chart = series.yearly_series_chart(frame, language, title="T", unit_label="Personer")
    spec = chart.to_dict()
    assert any(mark(view)["type"] == "bar" for view in views(spec))
    assert caption in _texts(chart, language)
    several = series.yearly_series_chart(yearly_frame(), language, title="T", unit_label="P")
    assert not any(mark(view)["type"] == "bar" for view in views(several.to_dict()))


# --- the allocation chart: one year, fits the width, names wrapped -----------------------------


def _long_names() -> pd.DataFrame:
    frame = allocation_frame()
    frame["initiative"] = [
        "Styrket og fokuseret Center mod Menneskehandel med en lang række opgaver",
        "Opsøgende arbejde",
    ] * 2
    return frame


@pytest.mark.parametrize("language", LANGUAGES)
def test_allocation_chart_of_one_year_is_not_faceted_and_fits_the_container(
    language: str,
) -> None:
    frame = _long_names()
    chart = spending.allocation_vs_spending_chart(
        frame[frame["year"] == 2025], language, title="B", illustrative=False
    )
    spec = chart.to_dict()
    assert "facet" not in spec
    assert spec["width"] == "container"
    height = float(re.search(rb'height="([\d.]+)"', render.to_svg(chart, language))[1])  # type: ignore[index]
    assert height < 500


@pytest.mark.parametrize("language", LANGUAGES)
def test_allocation_chart_wraps_long_names_and_keeps_them_whole_in_the_tooltip(
    language: str,
) -> None:
    frame = _long_names()
    chart = spending.allocation_vs_spending_chart(
        frame[frame["year"] == 2025], language, title="B", illustrative=False
    )
    texts = _texts(chart, language)
    full = frame["initiative"].iloc[0]
    assert full not in texts, "the long name is wrapped"
    assert not any(text.endswith("…") for text in texts), texts
    wrapped = [t for t in texts if t in full and len(t) > 5]
    assert " ".join(wrapped[:4]).startswith("Styrket og fokuseret"), texts
    assert all(len(t) <= 26 for t in wrapped), wrapped
    tooltip_fields = {
        tip["field"]
        for view in views(chart.to_dict())
        for tip in view.get("encoding", {}).get("tooltip", [])
    }
    assert "initiative" in tooltip_fields


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_long_title_is_drawn_whole_in_lines_that_fit_a_phone(language: str) -> None:
    title = "Opkald til Center mod Menneskehandels hotline · år for år, 2016–2023"
    chart = series.yearly_series_chart(yearly_frame(), language, title=title, unit_label="P")
    drawn = chart.to_dict()["title"]["text"]
    assert isinstance(drawn, list) and len(drawn) > 1
    assert all(len(line) <= theme.TITLE_CHARS for line in drawn), drawn
    assert " ".join(drawn) == title
    texts = _texts(chart, language)
    assert all(line in texts for line in drawn)
    assert not any(text.endswith("…") for text in texts), texts

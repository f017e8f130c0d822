"""What every chart shares: the language's locales, number axes that keep the language in
Streamlit, large type and thick lines, a description, sizing, and inline data."""

from __future__ import annotations

import json
from pathlib import Path

import altair as alt
import pytest

from planwatch.charts import style
from tests.charts.helpers import LANGUAGES, all_charts, all_specs, axes, mark, views

# --- language --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_locales_ride_along_in_usermeta_for_vega_embed(language: str) -> None:
    for spec in all_specs(language).values():
        options = spec["usermeta"]["embedOptions"]
        assert options["formatLocale"] == style.FORMAT_LOCALE[language]
        assert options["timeFormatLocale"] == style.TIME_FORMAT_LOCALE[language]
    assert style.FORMAT_LOCALE["da"]["decimal"] == ","
    assert style.FORMAT_LOCALE["en"]["thousands"] == ","
    assert style.TIME_FORMAT_LOCALE["da"]["months"][2] == "marts"


@pytest.mark.parametrize(("language", "sample"), [("da", "'1.000,5'"), ("en", "'1,000.5'")])
def test_number_axes_carry_a_format_and_a_separator_fix_for_streamlit(
    language: str, sample: str
) -> None:
    for spec in all_specs(language).values():
        numeric = [axis for axis in axes(spec) if axis.get("format") == ",~f"]
        assert numeric
        assert all(sample in axis["labelExpr"] for axis in numeric)


# --- accessibility ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_lines_are_thick_type_is_large_and_every_chart_is_described(language: str) -> None:
    for name, spec in all_specs(language).items():
        assert len(spec["description"]) > 40, name
        assert spec["title"]["fontSize"] >= 18
        for axis in axes(spec):
            assert axis["labelFontSize"] >= 14
            assert axis["titleFontSize"] >= 14
        for view in views(spec):
            if mark(view)["type"] == "line":
                assert mark(view)["strokeWidth"] >= 3
            if mark(view)["type"] == "text":
                assert mark(view)["fontSize"] >= 14


def test_layered_charts_keep_their_plot_height_under_streamlits_fit_theme() -> None:
    specs = all_specs("da")
    for name in ("yearly", "quarterly", "budget"):
        assert specs[name]["autosize"] == {"type": "fit-x", "contains": "padding"}
        assert specs[name]["height"] >= 300
    assert specs["allocation"]["autosize"]["type"] == "pad"


# --- inline data -----------------------------------------------------------------------------


def test_data_is_inline_even_with_a_file_data_transformer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with alt.data_transformers.enable("json"):
        for language in LANGUAGES:
            for chart in all_charts(language).values():
                text = json.dumps(chart.to_dict())
                assert '"url"' not in text
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_number_axes_hide_labels_that_would_touch(language: str) -> None:
    """The Budget page's allocation of 5 mio. kr. at 1280 px ran its labels together
    ("0,20,40,60,8", seen in docs/images/plans/budget.png before): every axis with numbers
    hides labels closer than style.LABEL_GAP pixels (labels that touch do not overlap)."""
    numbered = [
        axis
        for spec in all_specs(language).values()
        for axis in axes(spec)
        if axis.get("format") == ",~f"
    ]
    assert numbered
    for axis in numbered:
        assert axis["labelOverlap"] is True
        assert axis["labelSeparation"] >= 4

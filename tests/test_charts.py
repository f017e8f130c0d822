"""Chart builders: language, accessibility, markings, inline data and offline export."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import shutil
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import pytest
import vl_convert

from planwatch import charts

LANGUAGES = ("da", "en")
REPO = Path(__file__).resolve().parents[1]

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
    return charts.yearly_series_chart(
        yearly_frame(**kwargs),
        language,
        title="Personer vurderet som ofre",
        unit_label="Personer",
        targets=targets_frame(),
    )


def all_charts(language: str) -> dict[str, alt.TopLevelMixin]:
    return {
        "yearly": yearly(language),
        "quarterly": charts.quarterly_series_chart(
            quarterly_frame(), language, title="Ofre pr. kvartal", unit_label="Personer"
        ),
        "budget": charts.budget_path_chart(
            budget_frame(), language, title="Forbrug", illustrative=True
        ),
        "allocation": charts.allocation_vs_spending_chart(
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


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any socket opened from Python fails (vl-convert is also told to load no URL)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


# --- language --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "year", "source", "corrected", "legend"),
    [("da", "År", "Kilde", "Revideret", "Serie"), ("en", "Year", "Source", "Revised", "Series")],
)
def test_yearly_chart_speaks_the_language(
    language: str, year: str, source: str, corrected: str, legend: str
) -> None:
    spec = yearly_spec(language)
    assert title_text(spec) == "Personer vurderet som ofre"
    assert axis_titles(spec) == {year, "Personer"}
    tips = tooltip_titles(spec)
    assert tips["source"] == source
    assert tips["corrected_text"] == corrected
    assert tips["year_text"] == year
    legends = {
        channel["legend"]["title"]
        for view in views(spec)
        for channel in view.get("encoding", {}).values()
        if isinstance(channel, dict) and isinstance(channel.get("legend"), dict)
    }
    assert legend in legends


@pytest.mark.parametrize("language", LANGUAGES)
def test_locales_ride_along_in_usermeta_for_vega_embed(language: str) -> None:
    for spec in all_specs(language).values():
        options = spec["usermeta"]["embedOptions"]
        assert options["formatLocale"] == charts.FORMAT_LOCALE[language]
        assert options["timeFormatLocale"] == charts.TIME_FORMAT_LOCALE[language]
    assert charts.FORMAT_LOCALE["da"]["decimal"] == ","
    assert charts.FORMAT_LOCALE["en"]["thousands"] == ","
    assert charts.TIME_FORMAT_LOCALE["da"]["months"][2] == "marts"


@pytest.mark.parametrize(("language", "sample"), [("da", "'1.000,5'"), ("en", "'1,000.5'")])
def test_number_axes_carry_a_format_and_a_separator_fix_for_streamlit(
    language: str, sample: str
) -> None:
    for spec in all_specs(language).values():
        numeric = [axis for axis in axes(spec) if axis.get("format") == ",~f"]
        assert numeric
        assert all(sample in axis["labelExpr"] for axis in numeric)


@pytest.mark.parametrize(
    ("language", "big", "basis", "note"),
    [
        ("da", "1.233", "Opgjort ud fra kvartalerne 1-3", "Ja: 3. maj 2024: dobbelttælling"),
        ("en", "1,233", "Derived from quarters 1-3", "Yes: 3. maj 2024: dobbelttælling"),
    ],
)
def test_tooltips_show_formatted_text_source_basis_and_correction(
    language: str, big: str, basis: str, note: str
) -> None:
    spec = yearly_spec(language)
    assert {"value_text", "series", "source", "basis_text", "corrected_text"} <= set(
        tooltip_titles(spec)
    )
    data = {(r["series"], r["year"]): r for r in rows(spec)}
    assert data[("I alt", 2024)]["value_text"] == big
    assert data[("I alt", 2024)]["basis_text"] == basis
    assert data[("I alt", 2023)]["corrected_text"] == note
    assert data[("I alt", 2022)]["corrected_text"] in {"Nej", "No"}
    assert data[("I alt", 2022)]["source"] == "Center mod Menneskehandel"


def test_quarterly_values_keep_one_decimal_in_the_language() -> None:
    da = {
        r["period"]: r
        for r in rows(
            charts.quarterly_series_chart(
                quarterly_frame(), "da", title="t", unit_label="u"
            ).to_dict()
        )
    }
    en = {
        r["period"]: r
        for r in rows(
            charts.quarterly_series_chart(
                quarterly_frame(), "en", title="t", unit_label="u"
            ).to_dict()
        )
    }
    assert da["2025-Q1"]["value_text"] == "53,4"
    assert en["2025-Q1"]["value_text"] == "53.4"
    assert da["2025-Q2"]["value_text"] == "1.233,0"


def test_an_unknown_language_or_a_missing_column_is_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        charts.yearly_series_chart(yearly_frame(), "de", title="t", unit_label="u")
    with pytest.raises(ValueError, match="source"):
        charts.yearly_series_chart(
            yearly_frame().drop(columns=["source"]), "da", title="t", unit_label="u"
        )


# --- accessibility ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_series_differ_by_shape_and_dash_not_colour_alone(language: str) -> None:
    spec = yearly_spec(language)
    encodings = [view.get("encoding", {}) for view in views(spec)]
    fields = {
        channel: enc[channel]["field"]
        for enc in encodings
        for channel in ("color", "shape", "strokeDash")
        if channel in enc and "field" in enc[channel]
    }
    assert fields == {"color": "series", "shape": "series", "strokeDash": "series"}
    shapes = next(e["shape"]["scale"]["range"] for e in encodings if "shape" in e)
    assert len(set(shapes[:2])) == 2
    colours = next(e["color"]["scale"]["range"] for e in encodings if "color" in e)
    assert set(colours) <= set(charts.OKABE_ITO)


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


def test_the_description_says_what_the_chart_shows_in_the_language() -> None:
    da = yearly_spec("da")["description"]
    en = yearly_spec("en")["description"]
    assert da.startswith("Linjediagram: Personer vurderet som ofre.")
    assert "I alt 1.233 (2024)" in da
    assert "Mål (2026): 150" in da
    assert en.startswith("Line chart:")
    assert "I alt 1,233 (2024)" in en
    budget = charts.budget_path_chart(budget_frame(), "da", title="F", illustrative=False)
    assert "14,0 mio. kr. pr. 30. juni 2025" in budget.to_dict()["description"]


def test_end_of_line_labels_name_each_series() -> None:
    spec = yearly_spec("da")
    labelled = [v for v in views(spec) if "datum.is_last" in filters(v)]
    assert labelled
    assert labelled[0]["encoding"]["text"]["field"] == "end_label"
    ends = {r["end_label"] for r in rows(spec) if r["is_last"]}
    assert ends == {"I alt: 1.233", "Kvinder: 80"}


# --- markings --------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "word"), [("da", "Revideret"), ("en", "Revised")])
def test_corrected_points_get_a_diamond_with_a_legend_entry(language: str, word: str) -> None:
    spec = yearly_spec(language, corrected=True)
    rings = [v for v in views(spec) if mark(v).get("shape") == "diamond"]
    assert len(rings) == 1
    assert filters(rings[0]) == ["datum.corrected"]
    assert rings[0]["encoding"]["opacity"]["scale"]["domain"] == [word]
    assert "source" in {t["field"] for t in rings[0]["encoding"]["tooltip"]}
    plain = yearly_spec(language, corrected=False)
    assert not [v for v in views(plain) if mark(v).get("shape") == "diamond"]


@pytest.mark.parametrize(("language", "word"), [("da", "ILLUSTRATIVT"), ("en", "ILLUSTRATIVE")])
def test_illustrative_points_are_hollow_and_labelled(language: str, word: str) -> None:
    spec = yearly_spec(language, illustrative=True)
    hollow = [v for v in views(spec) if "datum.illustrative" in filters(v)]
    assert len(hollow) == 1
    assert mark(hollow[0])["filled"] is False
    assert any(word in text for text in text_marks(spec))
    assert word in spec["description"]
    plain = yearly_spec(language, illustrative=False)
    assert not any(word in text for text in text_marks(plain))
    assert word not in plain["description"]


def test_targets_are_rules_with_labels() -> None:
    spec = yearly_spec("da")
    rules = [v for v in views(spec) if mark(v)["type"] == "rule"]
    assert len(rules) == 2
    labels = {r["label"] for r in all_rows(spec) if "label" in r}
    assert labels == {"Udgangspunkt (hele planen): 100", "Mål (2026): 150"}
    assert {r["year"] for r in all_rows(spec) if "label" in r} == {None, 2026}
    en = {r["label"] for r in all_rows(yearly_spec("en")) if "label" in r}
    assert en == {"Baseline (whole plan): 100", "Target (2026): 150"}


@pytest.mark.parametrize(
    ("builder", "frame"),
    [
        (charts.budget_path_chart, budget_frame),
        (charts.allocation_vs_spending_chart, allocation_frame),
    ],
)
@pytest.mark.parametrize(("language", "word"), [("da", "ILLUSTRATIVT"), ("en", "ILLUSTRATIVE")])
def test_money_charts_are_marked_illustrative_only_when_asked(
    builder: Any, frame: Any, language: str, word: str
) -> None:
    marked = builder(frame(), language, title="Penge", illustrative=True).to_dict()
    assert title_text(marked) == f"Penge — {word}"
    assert word in text_marks(marked)
    assert word in marked["description"]
    plain = builder(frame(), language, title="Penge", illustrative=False).to_dict()
    assert title_text(plain) == "Penge"
    assert word not in text_marks(plain)
    assert word not in json.dumps(plain, ensure_ascii=False)


# --- the individual charts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected", "axis_format", "quarter"),
    [("da", "1. kvt. 2025", "%q. kvt. %Y", "Kvartal"), ("en", "Q1 2025", "Q%q %Y", "Quarter")],
)
def test_quarterly_chart_labels_quarters_in_the_language(
    language: str, expected: str, axis_format: str, quarter: str
) -> None:
    spec = charts.quarterly_series_chart(
        quarterly_frame(), language, title="Ofre", unit_label="Personer"
    ).to_dict()
    assert {r["period"]: r["period_label"] for r in rows(spec)}["2025-Q1"] == expected
    x_axes = [a for a in axes(spec) if a.get("formatType") == "time"]
    assert {a["format"] for a in x_axes} == {axis_format}
    assert tooltip_titles(spec)["period_label"] == quarter
    assert rows(spec)[0]["period_start"] == "2024-10-01T00:00:00"
    with pytest.raises(ValueError, match="2025-Q1"):
        charts.period_label("2025-5", language)


@pytest.mark.parametrize(
    ("language", "unit", "amount"),
    [("da", "Mio. kr.", "14,0 mio. kr."), ("en", "DKK m", "DKK 14.0m")],
)
def test_budget_chart_in_millions_with_a_projection_band(
    language: str, unit: str, amount: str
) -> None:
    spec = charts.budget_path_chart(
        budget_frame(), language, title="F", illustrative=False
    ).to_dict()
    assert unit in axis_titles(spec)
    band = [v for v in views(spec) if mark(v)["type"] == "area"]
    assert len(band) == 1
    assert band[0]["encoding"]["y2"]["field"] == "high_m"
    band_rows = rows(spec, band[0]["data"])
    # the band starts on the last actual quarter, so it joins the spent line
    assert [r["low_m"] for r in band_rows] == [14.0, 18.0, 22.0]
    line_rows = rows(spec)
    assert amount in {r["amount_text"] for r in line_rows}
    assert max(r["value_m"] for r in line_rows) == 50.0
    shapes = [v["encoding"]["shape"] for v in views(spec) if "shape" in v.get("encoding", {})]
    assert shapes and shapes[0]["field"] == "measure"


@pytest.mark.parametrize(
    ("language", "allocated", "spent", "year"),
    [("da", "Bevilget", "Forbrugt", "År"), ("en", "Allocated", "Spent", "Year")],
)
def test_allocation_chart_groups_bars_by_initiative_per_year(
    language: str, allocated: str, spent: str, year: str
) -> None:
    chart = charts.allocation_vs_spending_chart(
        allocation_frame(), language, title="B", illustrative=False
    )
    spec = chart.to_dict()
    assert spec["facet"]["row"]["field"] == "year"
    assert spec["facet"]["row"]["header"]["title"] == year
    bars = next(v for v in views(spec) if mark(v)["type"] == "bar")
    encoding = bars["encoding"]
    assert encoding["yOffset"]["field"] == "measure"
    assert encoding["strokeDash"]["scale"]["domain"] == [allocated, spent]
    assert encoding["fill"]["scale"]["range"][0] == "#FFFFFF"  # allocated is hollow
    labels = {r["label"] for r in all_rows(spec)}
    assert ("1.233,0" if language == "da" else "1,233.0") in labels
    assert ("10,1 (1 %)" if language == "da" else "10.1 (1%)") in labels


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


# --- export ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize(
    ("language", "ours", "other"), [("da", "1.233", "1,233"), ("en", "1,233", "1.233")]
)
def test_svg_renders_offline_with_the_languages_numbers(
    language: str, ours: str, other: str
) -> None:
    svg = charts.to_svg(yearly(language), language)
    assert svg.startswith(b"<svg")
    texts = svg_texts(svg)
    assert f"I alt: {ours}" in texts
    assert ("1.000" if language == "da" else "1,000") in texts  # a y-axis tick
    assert not any(other in text for text in texts)


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chart_exports_to_svg_and_png_offline(language: str) -> None:
    for name, chart in all_charts(language).items():
        svg = charts.to_svg(chart, language)
        assert svg.startswith(b"<svg"), name
        png = charts.to_png(chart, language, scale=1.0)
        assert png.startswith(b"\x89PNG\r\n\x1a\n"), name
    money = svg_texts(charts.to_svg(all_charts(language)["allocation"], language))
    assert ("1.233,0" if language == "da" else "1,233.0") in money


def test_png_scale_multiplies_the_size() -> None:
    chart = charts.quarterly_series_chart(quarterly_frame(), "da", title="t", unit_label="u")
    small = charts.to_png(chart, "da", scale=1.0)
    large = charts.to_png(chart, "da")
    width = int.from_bytes(small[16:20], "big")
    assert int.from_bytes(large[16:20], "big") == pytest.approx(2 * width, abs=2)


@pytest.mark.parametrize(("language", "tick"), [("da", "1.000"), ("en", "1,000")])
def test_axes_are_localised_without_a_locale_too_as_in_streamlit(language: str, tick: str) -> None:
    # Streamlit drops usermeta.embedOptions.formatLocale, so d3 formats in en-US there.
    svg = vl_convert.vegalite_to_svg(yearly_spec(language), allowed_base_urls=[])
    assert tick in svg_texts(svg.encode())
    money = charts.budget_path_chart(budget_frame(), language, title="t", illustrative=False)
    wide = vl_convert.vegalite_to_svg(money.to_dict(), allowed_base_urls=[])
    assert ("1. kvt. 2025" if language == "da" else "Q1 2025") in svg_texts(wide.encode())


@pytest.mark.parametrize(("language", "tick"), [("da", "1.500"), ("en", "1,500")])
def test_export_applies_the_locale_to_any_chart(language: str, tick: str) -> None:
    plain = (
        alt.Chart(alt.InlineData(values=[{"x": 0, "y": 0}, {"x": 1, "y": 1500}]))
        .mark_point()
        .encode(x="x:Q", y=alt.Y("y:Q", axis=alt.Axis(format=",.0f", values=[0, 1500])))
    )
    assert tick in svg_texts(charts.to_svg(plain, language))


@pytest.mark.parametrize(("language", "month"), [("da", "marts 2025"), ("en", "March 2025")])
def test_export_names_months_in_the_language(language: str, month: str) -> None:
    dated = (
        alt.Chart(alt.InlineData(values=[{"day": "2025-03-15T00:00:00", "n": 1}]))
        .mark_point()
        .encode(x=alt.X("day:T", axis=alt.Axis(format="%B %Y", tickCount=1)), y="n:Q")
    )
    assert month in svg_texts(charts.to_svg(dated, language))


def test_a_data_url_is_refused_by_the_export() -> None:
    chart = alt.Chart(alt.UrlData("https://example.invalid/x.csv")).mark_point()
    with pytest.raises(ValueError, match="not allowed"):
        charts.to_svg(chart, "da")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs util-linux unshare")
def test_export_works_in_a_namespace_without_any_network(tmp_path: Path) -> None:
    # A fresh process in its own network namespace: no interface but a downed loopback,
    # so vl-convert's own (Rust) code could not reach anything even if it tried.
    script = textwrap.dedent(
        """
        import sys
        sys.path.insert(0, sys.argv[1])
        from tests.test_charts import yearly
        from planwatch import charts
        svg = charts.to_svg(yearly("da"), "da").decode()
        print(svg[:4], "I alt: 1.233" in svg)
        """
    )
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("this machine does not allow network namespaces")
    done = subprocess.run(
        ["unshare", "-rn", sys.executable, "-c", script, str(REPO)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["<svg", "True"]


def test_a_line_does_not_bridge_years_without_a_figure() -> None:
    years = [2007, 2008, 2012, 2015, 2016]
    frame = pd.DataFrame(
        {
            "year": years,
            "value": [17.0, 28.0, 66.0, 93.0, 121.0],
            "series": "I alt",
            "source": "CMM",
            "corrected": False,
            "correction_note": None,
            "illustrative": False,
            "basis": "reported",
        }
    )
    spec = charts.yearly_series_chart(frame, "da", title="Ofre", unit_label="Personer").to_dict()
    values = spec["datasets"][spec["data"]["name"]]
    rows = {row["year"]: row["segment"] for row in values}
    assert rows[2007] == rows[2008]
    assert len({rows[2007], rows[2012], rows[2015]}) == 3
    assert rows[2015] == rows[2016]
    line = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")
    assert line["encoding"]["detail"]["field"] == "segment"


# --- suppressed and submitted figures --------------------------------------------------------


def breakdown_frame(**columns: Any) -> pd.DataFrame:
    """Women, men and transgender persons in 2018-2020; in 2019 men are hidden and
    transgender persons are fewer than 3 (the frame still carries numbers: they must not
    reach the chart)."""
    frame = pd.DataFrame(
        {
            "year": [2018, 2019, 2020, 2018, 2019, 2020, 2019],
            "value": [61.0, 8641.0, 21.0, 40.0, 41.0, 55.0, 2.0],
            "series": ["Mænd"] * 3 + ["Kvinder"] * 3 + ["Transkønnede"],
            "source": "CMM",
            "corrected": False,
            "correction_note": None,
            "illustrative": False,
            "basis": "reported",
            "suppressed": [None, "skjult", None, None, None, None, "<3"],
            "submitted": False,
        }
    )
    return frame.assign(**columns)


def test_a_suppressed_value_never_reaches_the_chart_and_its_label_stands_in() -> None:
    chart = charts.yearly_series_chart(
        breakdown_frame(), "da", title="Ofre", unit_label="Personer", note="Små antal: <3."
    )
    spec = chart.to_dict()
    data = {(r["series"], r["year"]): r for r in rows(spec)}
    hidden, small = data[("Mænd", 2019)], data[("Transkønnede", 2019)]
    assert (hidden["value"], hidden["value_text"]) == (None, "skjult")
    assert (small["value"], small["value_text"]) == (None, "<3")
    text = json.dumps(spec, ensure_ascii=False)
    assert "8641" not in text and "8.641" not in text
    assert "Transkønnede, 2019: <3 Personer" in small["aria_text"]
    labels = [v for v in views(spec) if "datum.is_suppressed" in filters(v)]
    assert len(labels) == 1 and labels[0]["encoding"]["text"]["field"] == "value_text"
    assert spec["title"]["subtitle"] == "Små antal: <3."
    assert "Små antal: <3." in spec["description"]
    # The line breaks around the hidden year instead of joining 2018 and 2020.
    assert data[("Mænd", 2018)]["segment"] != data[("Mænd", 2020)]["segment"]
    svg = svg_texts(charts.to_svg(chart, "da"))
    assert "skjult" in svg and "&lt;3" in svg
    assert not any("8641" in t or "8.641" in t for t in svg)


def test_without_suppression_the_chart_is_as_before() -> None:
    plain = yearly_frame()
    assert "suppressed" not in plain.columns
    spec = charts.yearly_series_chart(plain, "da", title="t", unit_label="u").to_dict()
    assert not [v for v in views(spec) if "datum.is_suppressed" in filters(v)]
    assert "subtitle" not in spec["title"]
    assert all(r["value"] is not None for r in rows(spec))


@pytest.mark.parametrize(
    ("language", "word"), [("da", "Indsendt – ikke godkendt"), ("en", "Submitted – not approved")]
)
def test_submitted_points_get_a_dashed_square_with_a_legend_entry(language: str, word: str) -> None:
    frame = breakdown_frame(suppressed=None, submitted=[False] * 6 + [True])
    spec = charts.yearly_series_chart(frame, language, title="t", unit_label="u").to_dict()
    squares = [v for v in views(spec) if "datum.submitted" in filters(v)]
    assert len(squares) == 1
    assert mark(squares[0])["shape"] == "square"
    assert squares[0]["encoding"]["opacity"]["scale"]["domain"] == [word]
    assert spec["resolve"]["scale"]["opacity"] == "independent"
    statuses = {(r["series"], r["year"]): r["status_text"] for r in rows(spec)}
    assert statuses[("Transkønnede", 2019)] == word
    assert tooltip_titles(spec)["status_text"] == "Status"
    assert word in svg_texts(
        charts.to_svg(
            charts.yearly_series_chart(frame, language, title="t", unit_label="u"), language
        )
    )

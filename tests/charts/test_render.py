"""PNG and SVG export: offline, with the language's numbers and months, no data URL."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import altair as alt
import pytest
import vl_convert

from planwatch.charts import render, series, spending
from tests.charts.helpers import (
    LANGUAGES,
    all_charts,
    budget_frame,
    quarterly_frame,
    svg_texts,
    yearly,
    yearly_spec,
)
from tests.paths import REPO


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any socket opened from Python fails (vl-convert is also told to load no URL)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


# --- export ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize(
    ("language", "ours", "other"), [("da", "1.233", "1,233"), ("en", "1,233", "1.233")]
)
def test_svg_renders_offline_with_the_languages_numbers(
    language: str, ours: str, other: str
) -> None:
    svg = render.to_svg(yearly(language), language)
    assert svg.startswith(b"<svg")
    texts = svg_texts(svg)
    assert f"I alt: {ours}" in texts
    assert ("1.000" if language == "da" else "1,000") in texts  # a y-axis tick
    assert not any(other in text for text in texts)


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chart_exports_to_svg_and_png_offline(language: str) -> None:
    for name, chart in all_charts(language).items():
        svg = render.to_svg(chart, language)
        assert svg.startswith(b"<svg"), name
        png = render.to_png(chart, language, scale=1.0)
        assert png.startswith(b"\x89PNG\r\n\x1a\n"), name
    money = svg_texts(render.to_svg(all_charts(language)["allocation"], language))
    assert ("1.233,0" if language == "da" else "1,233.0") in money


def test_png_scale_multiplies_the_size() -> None:
    chart = series.quarterly_series_chart(quarterly_frame(), "da", title="t", unit_label="u")
    small = render.to_png(chart, "da", scale=1.0)
    large = render.to_png(chart, "da")
    width = int.from_bytes(small[16:20], "big")
    assert int.from_bytes(large[16:20], "big") == pytest.approx(2 * width, abs=2)


@pytest.mark.parametrize(("language", "tick"), [("da", "1.000"), ("en", "1,000")])
def test_axes_are_localised_without_a_locale_too_as_in_streamlit(language: str, tick: str) -> None:
    # Streamlit drops usermeta.embedOptions.formatLocale, so d3 formats in en-US there.
    svg = vl_convert.vegalite_to_svg(yearly_spec(language), allowed_base_urls=[])
    assert tick in svg_texts(svg.encode())
    money = spending.budget_path_chart(budget_frame(), language, title="t", illustrative=False)
    wide = vl_convert.vegalite_to_svg(money.to_dict(), allowed_base_urls=[])
    assert ("1. kvt. 2025" if language == "da" else "Q1 2025") in svg_texts(wide.encode())


@pytest.mark.parametrize(("language", "tick"), [("da", "1.500"), ("en", "1,500")])
def test_export_applies_the_locale_to_any_chart(language: str, tick: str) -> None:
    plain = (
        alt.Chart(alt.InlineData(values=[{"x": 0, "y": 0}, {"x": 1, "y": 1500}]))
        .mark_point()
        .encode(x="x:Q", y=alt.Y("y:Q", axis=alt.Axis(format=",.0f", values=[0, 1500])))
    )
    assert tick in svg_texts(render.to_svg(plain, language))


@pytest.mark.parametrize(("language", "month"), [("da", "marts 2025"), ("en", "March 2025")])
def test_export_names_months_in_the_language(language: str, month: str) -> None:
    dated = (
        alt.Chart(alt.InlineData(values=[{"day": "2025-03-15T00:00:00", "n": 1}]))
        .mark_point()
        .encode(x=alt.X("day:T", axis=alt.Axis(format="%B %Y", tickCount=1)), y="n:Q")
    )
    assert month in svg_texts(render.to_svg(dated, language))


def test_a_data_url_is_refused_by_the_export() -> None:
    chart = alt.Chart(alt.UrlData("https://example.invalid/x.csv")).mark_point()
    with pytest.raises(ValueError, match="not allowed"):
        render.to_svg(chart, "da")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs util-linux unshare")
def test_export_works_in_a_namespace_without_any_network(tmp_path: Path) -> None:
    # A fresh process in its own network namespace: no interface but a downed loopback,
    # so vl-convert's own (Rust) code could not reach anything even if it tried.
    script = textwrap.dedent(
        """
        import sys
        sys.path.insert(0, sys.argv[1])
        from tests.charts.helpers import yearly
        from planwatch.charts import render
        svg = render.to_svg(yearly("da"), "da").decode()
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

"""The PNG and SVG downloads are drawn in the page's font: IBM Plex Sans ships in the package as
TTF (vl-convert takes no woff2) and is registered with vl-convert before a chart is rendered."""

from __future__ import annotations

import re
from typing import Any

import pytest
import vl_convert

from planwatch.charts import render, theme

LONG_LABEL = "Ølands indberetninger om menneskehandel i Danmark, år for år"


def _spec(font: str, weight: str) -> dict[str, Any]:
    """A bar chart whose plot starts where its (long, large) label ends: the left offset of
    the plot is the label's width as the renderer measures it in ``font``."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "config": {"font": font},
        "data": {"values": [{"name": LONG_LABEL, "value": 1}]},
        "mark": "bar",
        "encoding": {
            "y": {
                "field": "name",
                "type": "nominal",
                "axis": {"labelFontSize": 30, "labelLimit": 0, "labelFontWeight": weight},
            },
            "x": {"field": "value", "type": "quantitative"},
        },
    }


def _label_width(svg: bytes) -> int:
    """How far right the plot starts: the measured width of the chart's label."""
    found = re.search(rb'class="marks" width="(\d+)"', svg)
    assert found is not None
    return int(found.group(1))


def _ttf_names(data: bytes) -> str:
    """The names a TrueType file carries (its 'name' table is UTF-16BE on Windows platforms)."""
    return data.decode("utf-16-be", errors="ignore") + data.decode("latin-1")


def test_the_fonts_ship_in_the_package_with_their_licence() -> None:
    folder = render.FONT_DIRECTORY
    files = sorted(path.name for path in folder.iterdir())
    ttfs = [name for name in files if name.endswith(".ttf")]
    assert len(ttfs) == 2, files  # regular and bold: the weights the charts use, no more
    assert [name for name in files if name not in ttfs] == ["OFL-IBM-Plex-Sans.txt"]
    assert "SIL Open Font License" in (folder / "OFL-IBM-Plex-Sans.txt").read_text("utf-8")
    for name in ttfs:
        data = (folder / name).read_bytes()
        assert data[:4] == b"\x00\x01\x00\x00", name  # TrueType outlines, which vl-convert reads
        assert "IBM Plex Sans" in _ttf_names(data), name
    assert sum((folder / name).stat().st_size for name in ttfs) < 600_000  # a modest size
    family = theme.FONT.split(",")[0].strip()
    assert family == "IBM Plex Sans"


@pytest.mark.parametrize("weight", ["normal", "bold"])
def test_the_export_measures_and_draws_text_in_plex(weight: str) -> None:
    # The same chart in the page's font and in the generic fallback: were Plex not registered,
    # "IBM Plex Sans, sans-serif" would fall back to sans-serif and both would measure the same.
    in_plex = render.to_svg(_spec(theme.FONT, weight), "da")
    in_fallback = render.to_svg(_spec("sans-serif", weight), "da")
    assert b'font-family="IBM Plex Sans, sans-serif"' in in_plex
    assert _label_width(in_plex) != _label_width(in_fallback)
    png_plex = render.to_png(_spec(theme.FONT, weight), "da", scale=1)
    png_fallback = render.to_png(_spec("sans-serif", weight), "da", scale=1)
    assert png_plex != png_fallback


def test_the_fonts_are_registered_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(vl_convert, "register_font_directory", calls.append)
    monkeypatch.setattr(render, "_registered", [])
    render.to_svg(_spec(theme.FONT, "normal"), "en")
    render.to_png(_spec(theme.FONT, "normal"), "da", scale=1)
    assert calls == [str(render.FONT_DIRECTORY)]

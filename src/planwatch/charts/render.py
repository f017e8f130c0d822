"""A chart as PNG or SVG, rendered offline by vl-convert with the language's locales: no data
from anywhere but the spec itself, and the page's font (IBM Plex Sans) from ``fonts/`` beside
this module, registered with vl-convert once per process before the first render."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import altair as alt

from planwatch.charts import style

Chart = alt.TopLevelMixin
"""Anything the builders return: a layered or a faceted chart."""

FONT_DIRECTORY: Final = Path(__file__).parent / "fonts"
"""IBM Plex Sans as TTF (regular and bold, the weights the charts use) with its licence:
vl-convert reads TrueType/OpenType, not the woff2 the page is served."""

_registered: list[Path] = []
"""The font folder once it is registered with vl-convert (registration is per process)."""
_lock: Final = threading.Lock()


def _register_fonts() -> None:
    """Make vl-convert measure and draw IBM Plex Sans: once per process, on the first render
    (Streamlit renders from several threads)."""
    with _lock:
        if _registered:
            return
        import vl_convert

        vl_convert.register_font_directory(str(FONT_DIRECTORY))
        _registered.append(FONT_DIRECTORY)


def _render_options(language: str) -> dict[str, Any]:
    return {
        "format_locale": style.FORMAT_LOCALE[style.checked_language(language)],
        "time_format_locale": style.TIME_FORMAT_LOCALE[language],
        "allowed_base_urls": [],  # no data from anywhere but the spec itself
    }


def _spec(chart: Chart | Mapping[str, Any]) -> dict[str, Any]:
    """The spec to render; a chart as wide as its container (on a page) gets the builders'
    width here, where there is no container."""
    spec = dict(chart) if isinstance(chart, Mapping) else chart.to_dict()
    if spec.get("width") == "container":
        spec["width"] = style.WIDTH
    return spec


def to_svg(chart: Chart | Mapping[str, Any], language: str) -> bytes:
    """The chart (or its Vega-Lite spec) as UTF-8 SVG, rendered offline by vl-convert with the
    language's locales."""
    import vl_convert

    _register_fonts()
    svg = vl_convert.vegalite_to_svg(_spec(chart), **_render_options(language))
    return svg.encode("utf-8")


def to_png(chart: Chart | Mapping[str, Any], language: str, scale: float = 2.0) -> bytes:
    """The chart as PNG (``scale`` times its size), rendered offline like :func:`to_svg`."""
    import vl_convert

    _register_fonts()
    return vl_convert.vegalite_to_png(_spec(chart), scale=scale, **_render_options(language))

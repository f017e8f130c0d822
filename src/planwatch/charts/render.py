"""A chart as PNG or SVG, rendered offline by vl-convert with the language's locales: no data
from anywhere but the spec itself."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt

from planwatch.charts import style

Chart = alt.TopLevelMixin
"""Anything the builders return: a layered or a faceted chart."""


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

    svg = vl_convert.vegalite_to_svg(_spec(chart), **_render_options(language))
    return svg.encode("utf-8")


def to_png(chart: Chart | Mapping[str, Any], language: str, scale: float = 2.0) -> bytes:
    """The chart as PNG (``scale`` times its size), rendered offline like :func:`to_svg`."""
    import vl_convert

    return vl_convert.vegalite_to_png(_spec(chart), scale=scale, **_render_options(language))

"""Texts around the charts (issue 18): the text alternative under each chart, Danish and
English. The words inside a chart and its table are the charts' own (``planwatch.charts``)."""

from __future__ import annotations

from typing import Final

CHART_TEXTS: Final[dict[str, dict[str, str]]] = {
    "chart_table": {"da": "Tallene bag figuren", "en": "The figures behind the chart"},
}

"""Pieces several pages use: a chart with its PNG and SVG downloads and the table behind it;
how a figure a view may not see exactly is written; the notes that say which figures a page
shows."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import pickle
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit import dataframe_util

from planwatch.charts import render
from planwatch.domain.clock import to_local
from planwatch.domain.permissions import View
from planwatch.domain.suppression import Suppressed
from planwatch.formatting import format_number
from planwatch.ui.cards import plain_text
from planwatch.ui.i18n import t


def local_time(moment: dt.datetime | None, *, iso: bool = False) -> str:
    """A stored UTC moment in Danish local time: ISO 8601 with its offset, or short."""
    if moment is None:
        return ""
    local = to_local(moment)
    return local.isoformat(timespec="seconds") if iso else f"{local:%Y-%m-%d %H:%M}"


ChartBuilder = Callable[..., Any]
"""A chart builder of ``planwatch.charts``: ``(frame, language, **options) -> alt.Chart``."""
ChartTable = Callable[..., pd.DataFrame]
"""The table behind a chart (``planwatch.charts.tables``): ``(frame, language, **options) ->
DataFrame`` of text, called with the chart builder's own frame and options."""


def value_text(value: Decimal | None, suppressed: Suppressed | None, language: str) -> str:
    """A figure as text: its number, or what stands in for it when the view suppresses it."""
    if suppressed is not None:
        return suppressed.label(language)
    return "–" if value is None else format_number(value, language)


def small_counts_note(view: View, language: str) -> str | None:
    """The sentence saying that small counts are suppressed, or None if this view sees them."""
    if view.exact_small_counts:
        return None
    return t("small_counts_note", language, threshold=view.small_count_threshold)


def submitted_banner(view: View, language: str) -> None:
    """Say so when the page also shows figures awaiting approval."""
    if view.include_submitted:
        st.info(t("submitted_banner", language))


@st.cache_data(show_spinner=False, max_entries=200)
def _rendered(spec_json: str, language: str, file_format: str) -> bytes:
    """Render a chart offline (vl-convert). Keyed on the chart's own spec, so a chart is
    rendered once per content and language."""
    spec = json.loads(spec_json)
    return render.to_png(spec, language) if file_format == "png" else render.to_svg(spec, language)


@st.cache_data(show_spinner=False, max_entries=500)
def _built(
    _builder: ChartBuilder,
    builder_name: str,
    _table: ChartTable,
    table_name: str,
    _frame: Any,
    _options: tuple[tuple[str, Any], ...],
    content: str,
    language: str,
) -> tuple[dict[str, Any], str, pa.Table]:
    """A chart as the page sends it, its Vega-Lite spec as JSON (for the PNG and SVG files) and
    the table behind it, built once per builder, data, language and options: a rerun with the
    same figures draws it without building it again. The builder, the table function, the
    frame and the options are not hashed (leading underscore): their qualified names and
    ``content`` (:func:`content_key` of the frame and options) key the cache instead.

    The chart's data and the table are kept as Streamlit sends them, in Arrow (issue 17):
    Streamlit turned each chart's rows and each table into Arrow again at every rerun, a fifth
    of a busy server's time (``benchmarks/README.md``, "Round 39: where a busy server's time
    went")."""
    chart = _builder(_frame, language, **dict(_options))
    as_dict = chart.to_dict(validate=False)
    figures = plain_text(_table(_frame, language, **dict(_options)))
    return (
        _with_arrow_datasets(as_dict),
        json.dumps(as_dict, sort_keys=True),
        dataframe_util.convert_pandas_df_to_arrow_table(figures),
    )


def _with_arrow_datasets(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with each of its named datasets as the Arrow IPC bytes Streamlit would make of
    it (``st.vega_lite_chart`` sends bytes as they are: ``_marshall_chart_data``)."""
    datasets = spec.get("datasets")
    if not datasets:
        return spec
    return {
        **spec,
        "datasets": {
            name: dataframe_util.convert_anything_to_arrow_bytes(values)
            for name, values in datasets.items()
        },
    }


def content_key(frame: Any, options: tuple[tuple[str, Any], ...]) -> str:
    """A chart's frame and options as one short key (issue 17): a hash of their pickle. Equal
    bytes unpickle to an equal frame and options, so they draw the same chart; two equal frames
    pickled differently only build the chart once more. Streamlit's own hashing of a frame
    (pandas' hash of every column, strings factorized) took about 2.6 ms for a 24-row frame
    against 0.1 ms for this, for each of the 20 frames of a warm rerun of the Indicators page.
    ``pickle.dumps`` only: no pickle is ever loaded."""
    payload = pickle.dumps((frame, options), protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.blake2b(payload, digest_size=20).hexdigest()


def _qualified(function: Callable[..., Any]) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def chart_with_downloads(
    builder: ChartBuilder,
    frame: Any,
    language: str,
    *,
    table: ChartTable,
    key: str,
    file_stem: str,
    **options: Any,
) -> None:
    """Build a chart with ``builder(frame, language, **options)``, show it and offer it
    as PNG and SVG, and under it, collapsed, its text alternative: the table behind it,
    ``table(frame, language, **options)`` (issue 18). The chart is converted to its Vega-Lite
    spec once (without a second schema validation: the builders are tested against the schema)
    and kept with its table for reruns with the same data; the files are rendered only when
    asked for."""
    chosen = tuple(sorted(options.items()))
    as_dict, spec, figures = _built(
        builder,
        _qualified(builder),
        table,
        _qualified(table),
        frame,
        chosen,
        content_key(frame, chosen),
        language,
    )
    st.vega_lite_chart(as_dict, width="stretch", theme=None)
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        t("download_png", language),
        data=lambda: _rendered(spec, language, "png"),
        file_name=f"{file_stem}.png",
        mime="image/png",
        key=f"{key}-png",
    )
    right.download_button(
        t("download_svg", language),
        data=lambda: _rendered(spec, language, "svg"),
        file_name=f"{file_stem}.svg",
        mime="image/svg+xml",
        key=f"{key}-svg",
    )
    with st.expander(t("chart_table", language)):
        st.table(figures, hide_index=True, hide_header=False)

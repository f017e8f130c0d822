"""A chart's data and its table are sent as kept (issue 17): Streamlit turned each chart's rows
and the table behind it into Arrow again at every rerun (a fifth of a busy server's time);
``ui.components`` keeps them in Arrow with the chart, and what the browser receives is the
same, byte for byte, as what Streamlit makes of the chart and table itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from planwatch import ui
from planwatch.domain.permissions import Role
from planwatch.storage import Store
from tests.helpers_access import add_user, sign_in
from tests.paths import APP


def _counting(real: Callable[..., Any], calls: list[int]) -> Callable[..., Any]:
    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    return counted


def test_a_warm_rerun_turns_no_frame_into_arrow(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Indicators (the demo's five yearly charts, breakdowns and quarters, each with its table):
    every frame Streamlit sends went through pandas-to-Arrow at every rerun before."""
    st.cache_data.clear()
    monkeypatch.setenv("PLANWATCH_DB", str(users_store.path))
    app = AppTest.from_file(APP, default_timeout=120)
    sign_in(app, add_user(users_store, "viewer@test", [Role.VIEWER]))
    app.run()
    app.switch_page(str(Path(ui.__file__).parent / "pages" / "indicators.py"))
    app.run()
    charts = len(app.get("vega_lite_chart"))
    assert charts >= 5, charts
    calls: list[int] = []
    real = dataframe_util.convert_pandas_df_to_arrow_table
    monkeypatch.setattr(dataframe_util, "convert_pandas_df_to_arrow_table", _counting(real, calls))
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert len(app.get("vega_lite_chart")) == charts
    assert len(app.table) >= charts
    assert calls == []  # two for each chart before (its rows, its table)
    st.cache_data.clear()


def _both_ways() -> None:
    """A chart and its table through ``chart_with_downloads``, then the same chart and table
    handed to Streamlit as they were before (the spec with its rows, the frame)."""
    import streamlit as st

    from planwatch.charts import series, tables
    from planwatch.ui.cards import plain_text
    from planwatch.ui.components import chart_with_downloads
    from tests.charts.helpers import yearly_frame

    options: dict[str, Any] = {"title": "Ofre", "unit_label": "personer"}
    chart_with_downloads(
        series.yearly_series_chart,
        yearly_frame(),
        "da",
        table=tables.yearly_table,
        key="kept",
        file_stem="kept",
        **options,
    )
    chart = series.yearly_series_chart(yearly_frame(), "da", **options)
    st.vega_lite_chart(chart.to_dict(validate=False), width="stretch", theme=None)
    st.table(plain_text(tables.yearly_table(yearly_frame(), "da", **options)), hide_index=True)


def test_the_browser_gets_the_same_bytes_as_from_streamlit_itself() -> None:
    st.cache_data.clear()
    app = AppTest.from_function(_both_ways, default_timeout=60)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    kept, direct = (chart.proto for chart in app.get("vega_lite_chart"))
    assert kept.spec == direct.spec
    assert len(kept.datasets) == len(direct.datasets) > 0
    for mine, theirs in zip(kept.datasets, direct.datasets, strict=True):
        assert (mine.name, mine.has_name) == (theirs.name, theirs.has_name)
        assert mine.data.data == theirs.data.data
    kept_table, direct_table = (table.proto for table in app.table)
    assert kept_table.arrow_data.data == direct_table.arrow_data.data
    assert (kept_table.hide_index, kept_table.hide_header) == (True, False)
    assert (direct_table.hide_index, direct_table.hide_header) == (True, False)
    st.cache_data.clear()

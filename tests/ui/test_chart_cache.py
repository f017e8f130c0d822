"""A chart is kept by its content (issue 17): a warm rerun of a page neither builds a chart
again nor hashes its frame with pandas (Streamlit's own hashing of a frame was most of a warm
rerun of the Indicators page); a frame or an option that differs, even only in its type, draws
its own chart."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from planwatch import ui
from planwatch.charts import series
from planwatch.domain.permissions import Role
from planwatch.storage import Store
from planwatch.ui.components import content_key
from tests.charts import helpers
from tests.helpers_access import add_user, sign_in
from tests.paths import APP


class Counted:
    def __init__(self) -> None:
        self.calls = 0

    def wrap(self, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            return function(*args, **kwargs)

        return counted


@pytest.fixture
def clear_cache() -> Iterator[None]:
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def _indicators(store: Store, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(store.path))
    app = AppTest.from_file(APP, default_timeout=120)
    sign_in(app, add_user(store, "viewer@test", [Role.VIEWER]))
    app.run()
    app.switch_page(str(Path(ui.__file__).parent / "pages" / "indicators.py"))
    return app


def _ok(app: AppTest) -> None:
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]


@pytest.mark.usefixtures("clear_cache")
def test_a_warm_rerun_neither_builds_nor_hashes_a_chart_frame(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    built, hashed = Counted(), Counted()
    monkeypatch.setattr(series, "yearly_series_chart", built.wrap(series.yearly_series_chart))
    app = _indicators(users_store, monkeypatch)
    app.run()
    _ok(app)
    charts = len(app.get("vega_lite_chart"))
    assert charts >= 4 and built.calls >= 4
    first = built.calls
    monkeypatch.setattr(pd.util, "hash_pandas_object", hashed.wrap(pd.util.hash_pandas_object))
    app.run()
    _ok(app)
    assert len(app.get("vega_lite_chart")) == charts
    assert built.calls == first
    assert hashed.calls == 0


def _options(**changed: Any) -> tuple[tuple[str, Any], ...]:
    options = {"title": "Ofre", "unit_label": "Personer", "as_of": dt.date(2025, 6, 30)}
    return tuple(sorted({**options, **changed}.items()))


def test_equal_frames_made_apart_share_a_key() -> None:
    assert content_key(helpers.yearly_frame(), _options()) == content_key(
        helpers.yearly_frame(), _options()
    )


@pytest.mark.parametrize(
    "change",
    [
        lambda f: f.assign(value=f["value"].where(f.index != 0, f["value"] + 1)),
        lambda f: f.assign(series=f["series"].str.upper()),
        lambda f: f.assign(value=f["value"].astype("float32")),
        lambda f: f.iloc[::-1].reset_index(drop=True),
        lambda f: f.iloc[:-1],
        lambda f: f.rename(columns={"source": "kilde"}),
    ],
    ids=["a-value", "a-label", "a-type", "the-order", "a-row-fewer", "a-column-name"],
)
def test_a_frame_that_differs_gets_its_own_key(change: Callable[[pd.DataFrame], Any]) -> None:
    frame = helpers.yearly_frame()
    assert content_key(change(frame), _options()) != content_key(frame, _options())


@pytest.mark.parametrize(
    "changed",
    [
        {"title": "Ofre "},
        {"as_of": dt.date(2025, 7, 1)},
        {"as_of": None},
        {"targets": helpers.targets_frame()},
        {"note": "Små tal er skjult"},
    ],
    ids=["title", "as-of", "no-as-of", "targets", "note"],
)
def test_an_option_that_differs_gets_its_own_key(changed: dict[str, Any]) -> None:
    frame = helpers.yearly_frame()
    assert content_key(frame, _options(**changed)) != content_key(frame, _options())

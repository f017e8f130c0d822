"""Every chart has a text alternative (issue 18): under it, collapsed, "Tallene bag figuren" /
"The figures behind the chart" with the table behind it, written as the page writes its
figures; a suppressed count shows its label there and its number nowhere on the page, neither
in that table nor in the data the chart is drawn from (Streamlit's own "Show data")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from planwatch.domain.permissions import Role
from planwatch.storage import Store
from tests.helpers_access import add_user, sign_in
from tests.paths import APP
from tests.scenarios import RunningYear
from tests.ui.running_pages import page_at

LABEL = {"da": "Tallene bag figuren", "en": "The figures behind the chart"}
INDICATORS = "src/planwatch/ui/pages/indicators.py"
BUDGET = "src/planwatch/ui/pages/budget.py"


def _page(db: Path, monkeypatch: pytest.MonkeyPatch, page: str, language: str) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(db))
    app = AppTest.from_file(APP, default_timeout=120)
    sign_in(app, add_user(Store(db), "viewer@test", [Role.VIEWER]))
    app.session_state["language"] = language
    app.run()
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _in_order(node: Any) -> list[Any]:
    """The page's elements and blocks in the order they are drawn."""
    found = [node]
    for index in sorted(getattr(node, "children", {}) or {}):
        found += _in_order(node.children[index])
    return found


def _plain(cell: object) -> str:
    """A cell as the reader sees it (``st.table`` renders Markdown: cells are escaped)."""
    return str(cell).replace("\\", "").replace("\u2060", "")


def _tables_under_charts(app: AppTest, language: str) -> list[tuple[str, pd.DataFrame]]:
    """Each chart's title with the table in the expander that follows it (before the next
    chart); fails when a chart has none."""
    pairs: list[tuple[str, pd.DataFrame]] = []
    title: str | None = None
    for node in _in_order(app.main):
        if getattr(node, "type", None) == "vega_lite_chart":
            assert title is None, f"a chart without its table: {title}"
            spec = json.loads(node.proto.spec)
            text = spec["title"]["text"]
            title = " ".join(text) if isinstance(text, list) else text
        elif getattr(node, "type", None) == "expander" and node.label == LABEL[language]:
            assert title is not None, "a table without its chart"
            (table,) = node.table
            frame = table.value
            pairs.append((title, frame.map(_plain).rename(columns=_plain)))
            title = None
    assert title is None, f"a chart without its table: {title}"
    return pairs


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_indicator_chart_has_the_table_behind_it(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    app = _page(demo_store.path, monkeypatch, INDICATORS, language)
    tables = _tables_under_charts(app, language)
    assert len(tables) == len(app.get("vega_lite_chart")) >= 3
    da = language == "da"
    victims = next(table for title, table in tables if title.startswith(("Vurderede", "Persons")))
    assert list(victims.columns) == (
        ["Periode", "Serie", "Personer", "Markering"]
        if da
        else ["Period", "Series", "Persons", "Marks"]
    )
    rows = {row[0]: row[1:] for row in victims.itertuples(index=False)}
    total = "I alt" if da else "Total"
    assert rows["2022"] == (total, "73", "")
    assert rows["2023"] == (total, "112", "")
    assert all(isinstance(cell, str) for cell in victims.to_numpy().ravel())


@pytest.mark.parametrize("language", ["da", "en"])
def test_both_budget_charts_have_the_table_behind_them_in_millions(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    app = _page(demo_store.path, monkeypatch, BUDGET, language)
    tables = _tables_under_charts(app, language)
    assert len(tables) == 2
    da = language == "da"
    for _, table in tables:
        money = table.iloc[:, 2]
        assert all(m.endswith(" mio. kr.") if da else m.startswith("DKK ") for m in money)
        assert (
            set(table.iloc[:, -1])
            <= {
                "illustrativt (opdigtet demotal)",
                "illustrativt (opdigtet demotal); fremskrivning",
            }
            if da
            else {
                "illustrative (invented demo figure)",
                "illustrative (invented demo figure); projection",
            }
        )
        assert "illustrativt" in table.iloc[0, -1] if da else "illustrative" in table.iloc[0, -1]


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_suppressed_count_shows_its_label_and_its_number_nowhere(
    running_year: RunningYear, language: str
) -> None:
    # 1.-2. kvt. 2025: women 43 and men 11 would give away the 2 men of Q2, so a viewer sees
    # both hidden (tests/ui/test_ui_running_year.py); the year's total (54) stays.
    app = page_at("indicators", running_year.path, running_year.moments["2025-Q2"], language)
    app.toggle(key="victims_assessed-running-year").set_value(True).run()
    assert not app.exception
    by_sex = " · Fordelt på køn" if language == "da" else " · Broken down by sex"
    tables = dict(_tables_under_charts(app, language))
    (title,) = [title for title in tables if title.endswith(by_sex)]
    table = tables[title]
    partial = table[table.iloc[:, 0] == ("1.–2. kvt. 2025" if language == "da" else "Q1–Q2 2025")]
    assert len(partial) == 2
    assert set(partial.iloc[:, 2]) == {"skjult" if language == "da" else "hidden"}
    # No column of the table carries a hidden number.
    for row in partial.itertuples(index=False):
        assert not {"43", "11", "2"} & set(" ".join(row).replace("–", " ").split())
    # Nor does the data the chart is drawn from ("Show data" shows it as it is).
    (chart,) = [
        c
        for c in app.get("vega_lite_chart")
        if by_sex in json.dumps(json.loads(c.proto.spec), ensure_ascii=False)
    ]
    rows = [
        row
        for dataset in chart.proto.datasets
        for row in pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
        if row.get("year") == 2025
    ]
    assert len(rows) == 2
    for row in rows:
        assert row["value"] is None
        assert not {43, 11, 2, "43", "11", "2"} & {
            v for v in row.values() if isinstance(v, int | float | str)
        }

"""Om data / About the data in plain words (issue 18): how a year is counted, the kind of each
source and the breakdown a disagreement is about are written in the user's language, never as
codes ("flow (år…", "exploitation=sexual", "official"), and the tables wrap their text instead of
cutting it off."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planwatch.domain.permissions import Role
from planwatch.storage import Store
from tests.helpers_access import add_user, sign_in
from tests.paths import APP

CODES = ("flow", "stock", "exploitation=", "sex=", "age_group=", "official", "illustrative")


def _about(db: Path, monkeypatch: pytest.MonkeyPatch, language: str) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(db))
    app = AppTest.from_file(APP, default_timeout=120)
    sign_in(app, add_user(Store(db), "viewer@test", [Role.VIEWER]))
    app.session_state["language"] = language
    app.run()
    app.switch_page("src/planwatch/ui/pages/about.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _cells(app: AppTest) -> list[str]:
    frames = [t.value for t in app.table] + [d.value for d in app.dataframe]
    return [str(v) for frame in frames for column in frame.columns for v in frame[column]]


@pytest.mark.parametrize(
    ("language", "flow", "stock", "breakdown", "kind"),
    [
        (
            "da",
            "Løbende tal pr. år (summen af kvartalerne)",
            "Bestand (årets sidste værdi)",
            "udnyttelsesform: seksuel udnyttelse",
            "Officiel",
        ),
        (
            "en",
            "Running count per year (the sum of its quarters)",
            "Stock (the year's last value)",
            "form of exploitation: sexual exploitation",
            "Official",
        ),
    ],
)
def test_about_the_data_says_it_in_words_and_cuts_nothing_off(
    demo_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    flow: str,
    stock: str,
    breakdown: str,
    kind: str,
) -> None:
    app = _about(demo_store.path, monkeypatch, language)
    cells = _cells(app)
    assert flow in cells and stock in cells
    assert breakdown in cells, "a disagreement's breakdown in words"
    assert kind in cells, "a source's kind in words"
    coded = [c for c in cells if c.startswith(CODES) or "=" in c]
    assert coded == []
    # Indicators, disagreements and plans are tables that wrap their text (st.table), not
    # grids that cut a long definition or list of values off with "…".
    assert len(app.table) >= 3


@pytest.mark.parametrize(
    ("language", "heading"), [("da", "Handlingsplanerne"), ("en", "The action plans")]
)
def test_about_the_data_heads_its_plans_with_its_own_words_not_the_page_plans_title(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, language: str, heading: str
) -> None:
    """The page Planer's title had the key "plans" too and replaced this heading ("Planer")."""
    app = _about(demo_store.path, monkeypatch, language)
    assert heading in [s.value for s in app.subheader]

"""Every dashboard page, headless (AppTest), in both languages, on the demo database, signed in
as a viewer (who sees approved figures, with small counts suppressed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planwatch.domain.access import Role
from planwatch.storage import Store

from .helpers_access import add_user, sign_in

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")


def _run_page(db: Path, monkeypatch: pytest.MonkeyPatch, page: str, language: str) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(db))
    app = AppTest.from_file(APP, default_timeout=120)
    sign_in(app, add_user(Store(db), "viewer@test", [Role.VIEWER]))
    app.session_state["language"] = language
    app.run()
    if page != "overview":
        app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    return app


def _text(app: AppTest) -> str:
    parts = [f"{m.label} {m.value} {m.proto.delta}" for m in app.metric]
    for kind in ("title", "subheader", "caption", "warning", "info", "markdown"):
        parts += [str(e.value) for e in getattr(app, kind)]
    parts += [str(d.value.to_csv()) for d in app.dataframe]
    parts += [p.proto.text for p in app.get("progress")]
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "da",
            [
                "Overblik",
                "118,2 mio. kr.",
                "112",
                "+39 (+53,4 %) i forhold til 73 i 2022",
                "højeste siden 2016",
                "ILLUSTRATIVT",
                "Andel af perioden gået: 100 %",
            ],
        ),
        (
            "en",
            [
                "Overview",
                "DKK 118.2m",
                "112",
                "+39 (+53.4%) compared with 73 in 2022",
                "highest since 2016",
                "ILLUSTRATIVE",
                "Share of the period elapsed: 100%",
            ],
        ),
    ],
)
def test_overview(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, language: str, expected: list[str]
) -> None:
    text = _text(_run_page(demo_store.path, monkeypatch, "overview", language))
    for needle in expected:
        assert needle in text, needle


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "da",
            [
                "Budget",
                "ILLUSTRATIVT",
                "Styrket og fokuseret Center mod Menneskehandel",
                "bagud i forhold til tiden",
                "1. kvt. 2022",
                "10,00 mio. kr.",
            ],
        ),
        (
            "en",
            [
                "Budget",
                "ILLUSTRATIVE",
                "Strengthened and refocused Centre against Human Trafficking",
                "behind time",
                "DKK 10.00m",
            ],
        ),
    ],
)
def test_budget(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, language: str, expected: list[str]
) -> None:
    app = _run_page(demo_store.path, monkeypatch, "src/planwatch/ui/pages/budget.py", language)
    text = _text(app)
    for needle in expected:
        assert needle in text, needle
    assert len(app.get("vega_lite_chart")) == 2


@pytest.mark.parametrize(("language", "title"), [("da", "Indikatorer"), ("en", "Indicators")])
def test_indicators(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, language: str, title: str
) -> None:
    app = _run_page(demo_store.path, monkeypatch, "src/planwatch/ui/pages/indicators.py", language)
    text = _text(app)
    assert title in text
    charts = app.get("vega_lite_chart")
    assert len(charts) >= 3, "a chart for each core indicator that has figures"
    specs = "\n".join(json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in charts)
    assert '"field": "source"' in specs, "each point's source is in its tooltip"
    year_word = "År" if language == "da" else "Year"
    assert f'"title": "{year_word}"' in specs


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("da", ["Om data", "Hvor kilderne er uenige", "45", "44", "foretrukket", "118,2 mio. kr."]),
        ("en", ["About the data", "Where sources disagree", "preferred", "DKK 118.2m"]),
    ],
)
def test_about(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, language: str, expected: list[str]
) -> None:
    text = _text(
        _run_page(demo_store.path, monkeypatch, "src/planwatch/ui/pages/about.py", language)
    )
    for needle in expected:
        assert needle in text, needle

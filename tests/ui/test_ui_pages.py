"""Every dashboard page, headless (AppTest), in both languages, on the demo database, signed in
as a viewer (who sees approved figures, with small counts suppressed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planwatch.domain.permissions import Role
from planwatch.storage import Store
from tests.helpers_access import add_user, sign_in
from tests.paths import APP


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
    parts += [str(table.value.to_csv()) for table in app.table]  # tables that wrap (Om data)
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
                "10,0 mio. kr.",
            ],
        ),
        (
            "en",
            [
                "Budget",
                "ILLUSTRATIVE",
                "Strengthened and refocused Centre against Human Trafficking",
                "behind time",
                "DKK 10.0m",
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
    charts = _charts(app)
    da = language == "da"
    path, per_initiative = (
        ("Samlet forbrug mod en jævn forbrugssti", "Bevilling og forbrug pr. indsats i 2025")
        if da
        else (
            "Cumulative spending against an even spending path",
            "Allocation and spending per initiative in 2025",
        )
    )
    # issue 18: ILLUSTRATIVT once per chart, in the plot (no longer also in the title)
    assert set(charts) == {path, per_initiative}
    word = "ILLUSTRATIVT" if da else "ILLUSTRATIVE"
    assert all(word in spec["description"] for spec, _ in charts.values()), (
        "both charts say the money is made up"
    )
    spent = [r for r in charts[path][1] if r["measure"] == ("Forbrugt" if da else "Spent")]
    assert len(spent) == 16, "one point a quarter of the 2022-2025 plan"
    assert spent[-1]["amount"] == 106_528_000, "the spending so far, as the overview says"
    centre = (
        "Styrket og fokuseret Center mod Menneskehandel"
        if da
        else "Strengthened and refocused Centre against Human Trafficking"
    )
    picker = next(r for r in app.radio if r.label == ("År" if da else "Year"))
    allocated = []
    for year in range(2022, 2026):
        picker.set_value(year).run()
        title = per_initiative.replace("2025", str(year))
        allocated += [
            r["value_m"]
            for r in _charts(app)[title][1]
            if r["measure"] == ("Bevilget" if da else "Allocated") and r["initiative"] == centre
        ]
    assert allocated == [10.0] * 4


def _charts(app: AppTest) -> dict[str, tuple[dict[str, object], list[dict[str, object]]]]:
    """Every chart on the page by its title: (its Vega-Lite spec, the rows it was drawn from)."""
    import pyarrow as pa

    charts = {}
    for chart in app.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        title = spec["title"]["text"] if isinstance(spec.get("title"), dict) else spec["title"]
        title = " ".join(title) if isinstance(title, list) else title  # a title in lines
        rows = []
        for dataset in chart.proto.datasets:
            rows += pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
        charts[title] = (spec, rows)
    return charts


@pytest.mark.parametrize(
    ("language", "title", "victims", "sources", "source_word"),
    [
        (
            "da",
            "Indikatorer",
            "Vurderede ofre for menneskehandel · år for år, 2007–2023",
            ("Tal og statistik 2022", "Tal og statistik 2023"),
            "Kilde",
        ),
        (
            "en",
            "Indicators",
            "Persons assessed as victims of trafficking · year by year, 2007–2023",
            ("Tal og statistik 2022", "Tal og statistik 2023"),
            "Source",
        ),
    ],
)
def test_indicators(
    demo_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    title: str,
    victims: str,
    sources: tuple[str, str],
    source_word: str,
) -> None:
    app = _run_page(demo_store.path, monkeypatch, "src/planwatch/ui/pages/indicators.py", language)
    text = _text(app)
    assert title in text
    charts = _charts(app)
    assert len(charts) >= 3, "a chart for each core indicator that has figures"
    # The victims chart: titled in the language, drawn from 73 (2022) and 112 (2023), each
    # point with its source in the tooltip and in the text a screen reader reads.
    spec, rows = charts[victims]
    points = {row["year"]: (row["value"], row["source"]) for row in rows}
    assert len(points) == len(rows), "one point a year"
    assert (points[2022], points[2023]) == ((73, sources[0]), (112, sources[1]))
    latest = next(row for row in rows if row["year"] == 2023)
    assert latest["value_text"] == "112"
    assert "2023: 112" in str(latest["aria_text"])
    assert f"{source_word}: {sources[1]}" in str(latest["aria_text"])
    assert '"field": "source"' in json.dumps(spec), "each point's source is in its tooltip"
    year_word = "År" if language == "da" else "Year"
    assert f'"title": "{year_word}"' in json.dumps(spec, ensure_ascii=False)
    calls = next(t for t in charts if t.startswith(("Opkald", "Calls")))
    assert [(r["year"], r["value"]) for r in charts[calls][1]] == [(2019, 316)]
    assert calls.endswith(" · 2019"), "a chart of one year is titled with that year"


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

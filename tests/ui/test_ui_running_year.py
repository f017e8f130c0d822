"""Issue 14 on the pages, headless (AppTest), in Danish and English, at the moments of a running
year (tests/scenarios.py): the overview leads with the latest complete year and gives the year
to date beside it, compared only with the same quarters a year earlier; indicators whose latest
figure is older say so; the Indicators page shows the year in progress only when asked, named by
its quarters; preliminary figures carry an asterisk."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from planwatch.access import approvals
from planwatch.domain.periods import Period
from planwatch.domain.permissions import Role
from planwatch.figures import corrections
from planwatch.storage import Store
from planwatch.uploads import ingest
from tests import scenarios
from tests.helpers_access import add_user, sign_in
from tests.paths import APP
from tests.scenarios import APPROVER, UPLOADER, RunningYear
from tests.ui.running_pages import charts, page_at, page_text

VICTIMS = {
    "da": "Vurderede ofre for menneskehandel",
    "en": "Persons assessed as victims of trafficking",
}
YEARLY = {"da": " · år for år, 2007–", "en": " · year by year, 2007–"}
"""How the total's chart title begins (issue 18: it ends in the last year drawn)."""


def _yearly(found: dict[str, Any], language: str) -> Any:
    """The total's yearly chart among the page's charts (its title names the years drawn)."""
    prefix = VICTIMS[language] + YEARLY[language]
    (title,) = [title for title in found if title.startswith(prefix)]
    return found[title]


BY_SEX = {"da": " · Fordelt på køn", "en": " · Broken down by sex"}

# What the overview says at each moment: (texts it shows, texts it must not show).
OVERVIEW: dict[tuple[str, str], tuple[list[str], list[str]]] = {
    ("before", "da"): (
        [
            "Kerneindikatorer for 2023 (seneste hele år)",
            "Vurderede ofre for menneskehandel 112 +39 (+53,4 %) i forhold til 73 i 2022",
            "**2023** · højeste siden 2016",
            ":gray-badge[:material/history: Seneste tal: 2019]",
            "Intet offentliggjort tal",
        ],
        ["Hidtil i år", "Seneste tal: 2023"],
    ),
    ("before", "en"): (
        [
            "Core indicators for 2023 (latest complete year)",
            "Persons assessed as victims of trafficking 112 +39 (+53.4%) compared with 73 in 2022",
            "**2023** · highest since 2016",
            ":gray-badge[:material/history: Latest figure: 2019]",
            "No published figure",
        ],
        ["Year to date"],
    ),
    ("2024-Q3", "da"): (
        [
            "Kerneindikatorer for 2023 (seneste hele år)",
            "Vurderede ofre for menneskehandel 112 +39 (+53,4 %)",
            "Hidtil i år: 1.–3. kvt. 2024: 76. Intet at sammenligne med: 2023 har ingen "
            "kvartalstal for 1.–3. kvt.",
        ],
        ["kvt..", "Opgjort ud fra kvartalerne"],
    ),
    ("2024-Q3", "en"): (
        [
            "Year to date: Q1–Q3 2024: 76. Nothing to compare with: 2023 has no quarterly "
            "figures for Q1–Q3.",
        ],
        ["Derived from quarters"],
    ),
    ("2025-Q1", "da"): (
        [
            "Kerneindikatorer for 2024 (seneste hele år)",
            "Vurderede ofre for menneskehandel 100 -12 (-10,7 %) i forhold til 112 i 2023",
            "**2024** · Kilde: Kvartalstal indberettet af Center mod Menneskehandel",
            "Hidtil i år: 1. kvt. 2025: 28 mod 19 i 1. kvt. 2024, +47,4 %",
            ":gray-badge[:material/history: Seneste tal: 2019]",
            ":gray-badge[:material/history: Seneste tal: 2023]",
            "Intet at sammenligne med: der er intet tal for 2022",
            "Intet offentliggjort tal",
        ],
        ["laveste siden", "højeste siden", "**2025", "Opgjort ud fra kvartalerne"],
    ),
    ("2025-Q1", "en"): (
        [
            "Core indicators for 2024 (latest complete year)",
            "Persons assessed as victims of trafficking 100 -12 (-10.7%) compared with 112 in 2023",
            "Year to date: Q1 2025: 28 against 19 in Q1 2024, +47.4%",
            ":gray-badge[:material/history: Latest figure: 2019]",
            ":gray-badge[:material/history: Latest figure: 2023]",
        ],
        ["lowest since", "highest since", "**2025", "Derived from quarters"],
    ),
    ("2025-Q2", "da"): (
        ["Hidtil i år: 1.–2. kvt. 2025: 54 mod 50 i 1.–2. kvt. 2024, +8,0 %"],
        ["laveste siden", "**2025"],
    ),
    ("2025-Q2", "en"): (
        ["Year to date: Q1–Q2 2025: 54 against 50 in Q1–Q2 2024, +8.0%"],
        ["lowest since", "**2025"],
    ),
}


@pytest.mark.parametrize(("moment", "language"), list(OVERVIEW))
def test_the_overview_at_each_moment(running_year: RunningYear, moment: str, language: str) -> None:
    app = page_at("overview", running_year.path, running_year.moments[moment], language)
    text = page_text(app)
    shown, not_shown = OVERVIEW[(moment, language)]
    for needle in shown:
        assert needle in text, needle
    for needle in not_shown:
        assert needle not in text, needle
    values = {m.label: m.value for m in app.metric}
    assert values[VICTIMS[language]] in {"112", "100"}, "never the year to date as a year"


def test_the_sparkline_draws_the_latest_run_of_complete_years(running_year: RunningYear) -> None:
    lines = {}
    for moment in ("before", "2025-Q2"):
        app = page_at("overview", running_year.path, running_year.moments[moment], "da")
        metrics = {m.label: m for m in app.metric}
        victims = metrics[VICTIMS["da"]]
        lines[moment] = list(victims.proto.chart_data)
        assert victims.proto.help.endswith(
            "Kurven viser de hele år 2015–2023."
            if moment == "before"
            else "Kurven viser de hele år 2015–2024."
        )
        # Assessments have 2020 and 2023 only: two points years apart are no line.
        assert list(metrics["Udredninger"].proto.chart_data) == []
    assert lines["before"] == [93, 121, 98, 97, 64, 77, 80, 73, 112]
    assert lines["2025-Q2"] == [*lines["before"], 100], "2024 added, 2025's half year not"


def test_the_app_itself_after_the_uploads(
    running_year: RunningYear, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole app with its sidebar, today (every upload of the scenario is in)."""
    monkeypatch.setenv("PLANWATCH_DB", str(running_year.path))
    app = AppTest.from_file(APP, default_timeout=120)
    sign_in(app, add_user(Store(running_year.path), "viewer@test", [Role.VIEWER]))
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    text = page_text(app)
    assert "Kerneindikatorer for 2024 (seneste hele år)" in text
    assert "Hidtil i år: 1.–2. kvt. 2025: 54 mod 50 i 1.–2. kvt. 2024, +8,0 %" in text
    assert "laveste siden" not in text


def _revise_2024(scenario: RunningYear) -> dt.datetime:
    """CMM corrects 2024's fourth quarter (24 -> 25) a day after the last upload; approved.
    Returns when."""
    when = scenario.moments["2025-Q2"] + dt.timedelta(days=1)
    receipt = corrections.correct_observation(
        scenario.store(),
        indicator="victims_assessed",
        period=Period(2024, 4),
        source_id="cmm-upload",
        new_value=Decimal(25),
        reason="en sag talt med for sent",
        actor=UPLOADER,
        now=when,
    )
    approvals.approve(scenario.store(), APPROVER, receipt.change_set_id, now=when)
    return when


@pytest.mark.parametrize(
    ("language", "note"),
    [
        (
            "da",
            "\\* foreløbigt tal: indsendt og ikke godkendt, eller revideret inden for de seneste "
            "30 dage",
        ),
        (
            "en",
            "\\* preliminary figure: submitted and not approved, or revised within the last "
            "30 days",
        ),
    ],
)
def test_a_recently_revised_figure_is_preliminary_for_the_days_set(
    running_year: RunningYear, language: str, note: str
) -> None:
    revised = _revise_2024(running_year)
    soon, later = revised + dt.timedelta(days=2), revised + dt.timedelta(days=31)
    app = page_at("overview", running_year.path, soon, language)
    assert {m.label: m.value for m in app.metric}[VICTIMS[language]] == "101*"
    assert note in page_text(app)
    app = page_at("overview", running_year.path, later, language)
    assert {m.label: m.value for m in app.metric}[VICTIMS[language]] == "101"
    assert note not in page_text(app)
    app = page_at("overview", running_year.path, soon, language, preliminary_days=0)
    assert {m.label: m.value for m in app.metric}[VICTIMS[language]] == "101"
    # The chart marks the same figure.
    app = page_at("indicators", running_year.path, soon, language)
    _, rows = _yearly(charts(app), language)
    by_year = {row["year"]: row for row in rows}
    assert by_year[2024]["preliminary"] and by_year[2024]["value_text"] == "101*"
    assert not by_year[2023]["preliminary"] and by_year[2023]["value_text"] == "112"


def test_a_submitted_quarter_is_preliminary_for_those_who_see_it(
    running_year: RunningYear, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CMM sends the third quarter of 2025; it awaits approval."""
    monkeypatch.setitem(scenarios.QUARTERS, (2025, 3), (30, 20, 10))
    data = scenarios.kpi_file(2025, 3)
    sent = running_year.moments["2025-Q2"] + dt.timedelta(days=1)
    report = ingest.import_file(
        running_year.store(), data, "kvartal-2025-3.csv", "kpi", actor=UPLOADER, now=sent
    )
    assert report.status == "stored"
    moment = sent + dt.timedelta(hours=1)
    seen = page_text(page_at("overview", running_year.path, moment, "da", include_submitted=True))
    assert "Hidtil i år: 1.–3. kvt. 2025: 84\\* mod 76 i 1.–3. kvt. 2024, +10,5 %" in seen
    public = page_text(page_at("overview", running_year.path, moment, "da"))
    assert "Hidtil i år: 1.–2. kvt. 2025: 54 mod 50 i 1.–2. kvt. 2024, +8,0 %" in public


# --- the Indicators page ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "toggle", "quarters", "caption"),
    [
        (
            "da",
            "Vis året, der er i gang (1.–2. kvt. 2025)",
            "1.–2. kvt.",
            "Hul figur uden linje: et år, der ikke er slut; tallet dækker kun 1.–2. kvt. 2025.",
        ),
        (
            "en",
            "Show the year in progress (Q1–Q2 2025)",
            "Q1–Q2",
            "Hollow marker without a line: a year not yet over; its figure covers only Q1–Q2 2025.",
        ),
    ],
)
def test_the_indicators_show_the_year_in_progress_only_when_asked(
    running_year: RunningYear, language: str, toggle: str, quarters: str, caption: str
) -> None:
    app = page_at("indicators", running_year.path, running_year.moments["2025-Q2"], language)
    assert [t.label for t in app.toggle] == [toggle], "offered where there is a year in progress"
    _, rows = _yearly(charts(app), language)
    assert max(row["year"] for row in rows) == 2024, "complete years by default"
    assert all(row["complete"] for row in rows)
    assert caption not in page_text(app)

    app.toggle(key="victims_assessed-running-year").set_value(True).run()
    assert not app.exception
    found = charts(app)
    _, rows = _yearly(found, language)
    by_year = {row["year"]: row for row in rows}
    assert (by_year[2025]["value"], by_year[2025]["complete"]) == (54, False)
    assert by_year[2025]["coverage_label"] == quarters
    assert by_year[2025]["segment"].endswith("#-"), "not joined to 2024"
    assert by_year[2024]["complete"]
    assert caption in page_text(app)
    # The breakdown by sex (the expander's first choice) shows it the same way.
    _, rows = found[VICTIMS[language] + BY_SEX[language]]
    partial = {row["series"]: row for row in rows if row["year"] == 2025}
    assert len(partial) == 2 and not any(row["complete"] for row in partial.values())
    assert {row["coverage_label"] for row in partial.values()} == {quarters}
    # Women 43 and men 11 in 1.-2. kvt. 2025 would give away the 2 men of Q2 (shown "<3")
    # beside Q1's 9 men, so a viewer sees both hidden (issue 16); the year's total stays.
    assert {row["value"] for row in partial.values()} == {None}
    assert all(row["is_suppressed"] for row in partial.values())
    assert {row["value_text"] for row in partial.values()} == {
        "skjult" if language == "da" else "hidden"
    }


@pytest.mark.parametrize(
    ("moment", "toggles", "latest"),
    [
        ("before", [], 2023),
        ("2024-Q3", ["Vis året, der er i gang (1.–3. kvt. 2024)"], 2023),
        ("2024-Q4", [], 2024),
    ],
)
def test_the_toggle_names_the_year_in_progress_at_each_moment(
    running_year: RunningYear, moment: str, toggles: list[str], latest: int
) -> None:
    app = page_at("indicators", running_year.path, running_year.moments[moment], "da")
    assert [t.label for t in app.toggle] == toggles
    _, rows = _yearly(charts(app), "da")
    assert max(row["year"] for row in rows) == latest
    assert all(row["complete"] for row in rows)

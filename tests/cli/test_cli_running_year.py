"""``planwatch figure INDICATOR YEAR`` on a running year (tests/scenarios.py), with ``--as-of``
given in Danish time as a user types it: a partial year is named by its quarters and compared
with the same quarters a year earlier, never given as the year's figure; a year complete from
its four quarters is the year, compared with the year before; ``--json`` carries the same as the
Python API (issue 14)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from click.testing import CliRunner, Result

from planwatch.access import accounts
from planwatch.cli import main
from planwatch.cli.common import to_jsonable
from planwatch.domain.clock import to_local
from planwatch.domain.indicators import Aggregation
from planwatch.domain.periods import Period
from planwatch.domain.permissions import View, view_for
from planwatch.figures import comparisons, reporting
from planwatch.settings import load_settings
from tests.scenarios import RunningYear


def _danish(moment: dt.datetime) -> str:
    """The stored moment as a user in Denmark types it: Danish wall-clock time, no offset."""
    return to_local(moment).replace(tzinfo=None).isoformat(timespec="microseconds")


def _figure(scenario: RunningYear, moment: str, language: str, year: str, *extra: str) -> Result:
    return CliRunner().invoke(
        main,
        [
            "--lang",
            language,
            *extra,
            "--user",
            "viewer1",
            "figure",
            "victims_assessed",
            year,
            "--as-of",
            _danish(scenario.moments[moment]),
            "--db",
            str(scenario.path),
        ],
        catch_exceptions=False,
    )


ANSWERS = [
    (
        "2024-Q3",
        "2024",
        "da",
        "victims_assessed 1.–3. kvt. 2024: 76 (året er ikke komplet)  [cmm-upload]",
        "Ingen sammenligning: der er ingen kvartalstal for 1.–3. kvt. 2023 (et årstal kan ikke "
        "deles i kvartaler).",
    ),
    (
        "2024-Q3",
        "2024",
        "en",
        "victims_assessed Q1–Q3 2024: 76 (the year is not complete)  [cmm-upload]",
        "No comparison: there are no quarterly figures for Q1–Q3 2023 (a yearly figure cannot "
        "be split into quarters).",
    ),
    (
        "2024-Q4",
        "2024",
        "da",
        "victims_assessed 2024: 100 (fra kvartalerne)  [cmm-upload]",
        "Året før, 2023: 112; ændring -12 (-10,7 %)",
    ),
    (
        "2024-Q4",
        "2024",
        "en",
        "victims_assessed 2024: 100 (from its quarters)  [cmm-upload]",
        "The year before, 2023: 112; change -12 (-10.7%)",
    ),
    (
        "2025-Q1",
        "2025",
        "da",
        "victims_assessed 1. kvt. 2025: 28 (året er ikke komplet)  [cmm-upload]",
        "Samme kvartaler året før, 1. kvt. 2024: 19; ændring +9 (+47,4 %)",
    ),
    (
        "2025-Q1",
        "2025",
        "en",
        "victims_assessed Q1 2025: 28 (the year is not complete)  [cmm-upload]",
        "The same quarters a year earlier, Q1 2024: 19; change +9 (+47.4%)",
    ),
    (
        "2025-Q2",
        "2025",
        "da",
        "victims_assessed 1.–2. kvt. 2025: 54 (året er ikke komplet)  [cmm-upload]",
        "Samme kvartaler året før, 1.–2. kvt. 2024: 50; ændring +4 (+8,0 %)",
    ),
    (
        "2025-Q2",
        "2025",
        "en",
        "victims_assessed Q1–Q2 2025: 54 (the year is not complete)  [cmm-upload]",
        "The same quarters a year earlier, Q1–Q2 2024: 50; change +4 (+8.0%)",
    ),
    (
        "2025-Q2",
        "2024",
        "da",
        "victims_assessed 2024: 100 (fra kvartalerne)  [cmm-upload]",
        "Året før, 2023: 112; ændring -12 (-10,7 %)",
    ),
]


@pytest.mark.parametrize(("moment", "year", "language", "head", "compared"), ANSWERS)
def test_figure_names_a_partial_year_by_its_quarters_and_compares_like_with_like(
    running_year: RunningYear, moment: str, year: str, language: str, head: str, compared: str
) -> None:
    result = _figure(running_year, moment, language, year)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == [head, compared]
    as_of = "Tal pr." if language == "da" else "Figures as of"
    assert lines[-1].startswith(as_of), "the moment, in Danish time"
    for partial in ("2024: 76", "2025: 28", "2025: 54"):
        assert f"victims_assessed {partial}" not in result.output, "never the year's figure"


def test_a_year_not_yet_begun_has_no_figure(running_year: RunningYear) -> None:
    result = _figure(running_year, "2024-Q4", "en", "2025")
    assert result.exit_code == 2 and "no figure for victims_assessed 2025" in result.output


def _api(scenario: RunningYear, moment: str, year: int) -> tuple[Any, Any, Any]:
    store = scenario.store()
    as_of = scenario.moments[moment]
    view: View = view_for(
        accounts.actor_for(store, "viewer1"),
        include_submitted=False,
        small_count_threshold=load_settings().small_count_threshold,
    )
    series = reporting.year_series(store, "victims_assessed", as_of=as_of, view=view)
    current = next(v for v in series if v.year == year)
    comparison = comparisons.compare(series, current, Aggregation.FLOW)
    published = reporting.figure(store, "victims_assessed", Period(year), as_of=as_of, view=view)
    return current, comparison, published


@pytest.mark.parametrize(
    ("moment", "year", "complete", "quarters", "labels"),
    [
        ("2024-Q3", 2024, False, [1, 2, 3], ("1.–3. kvt. 2024", "Q1–Q3 2024")),
        ("2024-Q4", 2024, True, [1, 2, 3, 4], ("2024", "2024")),
        ("2025-Q2", 2025, False, [1, 2], ("1.–2. kvt. 2025", "Q1–Q2 2025")),
        ("2025-Q2", 2023, True, [], ("2023", "2023")),
    ],
)
def test_figure_json_carries_completeness_quarters_coverage_and_comparison_as_the_api(
    running_year: RunningYear,
    moment: str,
    year: int,
    complete: bool,
    quarters: list[int],
    labels: tuple[str, str],
) -> None:
    result = _figure(running_year, moment, "da", str(year), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    current, comparison, published = _api(running_year, moment, year)
    assert (data["complete"], data["quarters"]) == (complete, quarters)
    assert (data["coverage_da"], data["coverage_en"]) == labels
    assert data["complete"] == current.complete
    assert (data["coverage_da"], data["coverage_en"]) == (current.label("da"), current.label("en"))
    assert data["value"] == to_jsonable(current.value)
    assert data["comparison"] == to_jsonable(comparison)
    if current.basis == "reported":
        assert published is not None
        assert data["preferred"] == to_jsonable(published.preferred)
        assert data["alternatives"] == to_jsonable(published.alternatives)
    else:
        assert data["preferred"] is None and published is None
    if year == 2025:
        assert data["comparison"]["baseline"]["value"] == 50
        assert data["comparison"]["baseline"]["coverage"] == {"year": 2024, "quarters": [1, 2]}
    if (moment, year) == ("2024-Q4", 2024):
        assert data["value"] == 100 and data["comparison"]["baseline"]["value"] == 112
        assert data["comparison"]["change"] == -12


def test_a_quarter_is_answered_as_before(running_year: RunningYear) -> None:
    result = _figure(running_year, "2025-Q2", "en", "2025-Q1", "--json")
    assert result.exit_code == 0, result.output
    store = running_year.store()
    api = reporting.figure(
        store, "victims_assessed", Period(2025, 1), as_of=running_year.moments["2025-Q2"]
    )
    assert json.loads(result.stdout) == to_jsonable(api)

"""A tile says why its latest complete year has no change to show (Tile.missing), with the
reasons of figures.comparisons, so the overview can say it in words."""

from __future__ import annotations

from planwatch.figures import dashboard
from tests.scenarios import RunningYear


def test_a_tile_says_why_it_has_no_change(running_year: RunningYear) -> None:
    for moment, victims_year in (("before", 2023), ("2025-Q2", 2024)):
        tiles = {
            t.indicator.code: t
            for t in dashboard.indicator_tiles(
                running_year.store(), as_of=running_year.moments[moment]
            )
        }
        victims = tiles["victims_assessed"]
        assert victims.latest is not None and victims.latest.year == victims_year
        assert victims.change is not None and victims.missing is None
        # Assessments: 2023, and no figure at all for 2022.
        assessments = tiles["assessments"]
        assert assessments.latest is not None and assessments.latest.year == 2023
        assert assessments.change is None and assessments.missing == "no-year-before"
        # Police reports: no figure, so nothing to compare and no reason either.
        assert tiles["reported_cases"].latest is None and tiles["reported_cases"].missing is None

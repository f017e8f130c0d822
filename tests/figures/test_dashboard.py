"""What the dashboard shows: progress, tiles, budget path, projection, pace, disagreements."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from planwatch.domain.numbers import plain
from planwatch.domain.periods import Period
from planwatch.domain.series import Extreme, highest_since, lowest_since
from planwatch.figures import dashboard
from planwatch.storage import Store
from tests import clock


def _later() -> dt.datetime:
    """A moment after the demo database was built."""
    return clock.later(days=1)


def test_plain_decimals_never_use_exponents() -> None:
    assert str(plain(Decimal("2.9E+2"))) == "290"
    assert str(plain(Decimal("53.40"))) == "53.4"


PUBLISHED = {
    2015: 93,
    2016: 121,
    2017: 98,
    2018: 97,
    2019: 64,
    2020: 77,
    2021: 80,
    2022: 73,
    2023: 112,
}


def test_112_in_2023_is_the_highest_since_2016() -> None:
    values = {y: Decimal(v) for y, v in PUBLISHED.items()}
    assert highest_since(values, 2023) == Extreme(2016, record=False)
    assert lowest_since(values, 2023) is None
    assert lowest_since(values, 2019) == Extreme(2019 - 4, record=True)  # 64: lowest of all


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({2020: 5, 2021: 6}, None),  # one earlier year is not a streak
        ({2019: 9, 2020: 5, 2021: 6}, None),  # beaten by the year just before
        ({2018: 9, 2019: 4, 2020: 5, 2021: 6}, Extreme(2018, record=False)),
        ({2018: 6, 2019: 4, 2020: 5, 2021: 6}, Extreme(2018, record=False)),  # equal counts
        ({2018: 1, 2019: 4, 2020: 5, 2021: 6}, Extreme(2018, record=True)),
    ],
)
def test_highest_since_rule(values: dict[int, int], expected: Extreme | None) -> None:
    assert highest_since({y: Decimal(v) for y, v in values.items()}, 2021) == expected


def test_tiles_compute_the_change_from_the_stored_figures(demo_store: Store) -> None:
    tiles = {t.indicator.code: t for t in dashboard.indicator_tiles(demo_store)}
    victims = tiles["victims_assessed"]
    assert victims.latest is not None and victims.previous is not None
    assert (victims.latest.year, victims.latest.value, victims.previous.value) == (2023, 112, 73)
    assert victims.change == 39
    assert victims.change_percent is not None and round(victims.change_percent, 1) == Decimal(
        "53.4"
    )
    assert victims.highest == Extreme(2016, record=False)
    assert tiles["reported_cases"].latest is None, "no published figure: an empty tile"


def test_an_ended_plan_shows_its_final_outturn(demo_store: Store) -> None:
    progress = dashboard.plan_progress(demo_store, "2022-2025", today=dt.date(2026, 11, 29))
    assert progress.phase.value == "ended"
    assert progress.share_elapsed == 1.0
    assert progress.money.spent_dkk == Decimal(106_528_000)
    assert progress.share_spent == pytest.approx(106_528_000 / 118_200_000)


def test_progress_as_of_a_date_inside_the_plan(demo_store: Store) -> None:
    progress = dashboard.plan_progress(demo_store, "2022-2025", as_of=dt.datetime(2024, 1, 1))
    assert progress.phase.value == "running"
    assert progress.share_elapsed == pytest.approx(730 / 1461, abs=1e-3)
    # The demo figures were stored today: as of 2024 nothing had been stored yet.
    assert progress.money.spent_dkk is None and progress.share_spent is None


def test_budget_path_and_pace(demo_store: Store) -> None:
    view = dashboard.budget_view(demo_store, "2022-2025", as_of=_later())
    assert view.illustrative
    assert len(view.path) == 16 and view.projection == []  # every quarter spent, plan ended
    assert view.path[-1].cumulative == Decimal(106_528_000)
    assert view.path[-1].even_path == Decimal(118_200_000)
    assert view.path[0].even_path == Decimal(118_200_000) / 16
    paces = {p.code: p.pace for p in view.pace}
    assert paces["indkvartering"] == "behind"  # the demo shelter spending lags its allocation
    assert paces["cmm-styrket"] == "on-track"
    assert {i.year for i in view.initiatives} == {2022, 2023, 2024, 2025}
    assert len(view.quarters) == 5 * 16 and all(q.illustrative for q in view.quarters)
    by_code = {}
    for q in view.quarters:
        by_code[q.code] = by_code.get(q.code, 0) + q.spent
    assert sum(by_code.values()) == view.path[-1].cumulative


def test_projection_runs_from_the_last_quarter_to_the_plan_end(demo_store: Store) -> None:
    with demo_store.transaction() as connection:
        connection.execute("DELETE FROM spending_versions WHERE year = 2025 AND quarter >= 3")
    view = dashboard.budget_view(demo_store, "2022-2025", as_of=_later())
    assert [p.period for p in view.projection] == [Period(2025, 3), Period(2025, 4)]
    last = view.path[-1].cumulative
    recent = [p.spent for p in view.path[-4:]]
    first = view.projection[0]
    assert first.low == last + min(recent)
    assert first.high == last + max(recent)
    assert first.low <= first.mid <= first.high


def test_disagreements_list_every_source_and_the_preferred_one(demo_store: Store) -> None:
    found = {(d.indicator, d.period, d.breakdown): d for d in dashboard.disagreements(demo_store)}
    sexual_2020 = found[("victims_assessed", Period(2020), "exploitation=sexual")]
    assert [(v.value, v.is_preferred) for v in sexual_2020.values] == [
        (Decimal(45), True),
        (Decimal(44), False),
    ]
    assert all(v.suppressed is None and not v.submitted for v in sexual_2020.values)
    assert ("victims_assessed", Period(2023), "") not in found, "sources that agree are no conflict"

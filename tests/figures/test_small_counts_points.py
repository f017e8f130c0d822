"""Small counts read every version of an indicator once, not once per publication point (issue
17): the stored figures per publication point are exactly those of the old reader, which asked
``observations_as_of(point, visibility)`` at every point (kept here as the reference), in every
scenario that moves what a view sees - approvals, a submitted and then returned upload, a
correction, submitted figures, a withdrawn figure, two sources with one preferred, two versions
recorded at the same moment - and the number of queries no longer grows with the points."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest

from planwatch.access import approvals
from planwatch.domain import disclosure_tables
from planwatch.domain.disclosure_tables import StoredKey
from planwatch.domain.numbers import plain
from planwatch.domain.periods import Period
from planwatch.domain.permissions import PUBLIC_VIEW, View
from planwatch.domain.vocab import TOTAL, Breakdown
from planwatch.figures.small_counts import SmallCounts
from planwatch.storage import Store, disclosure_sql, repository
from planwatch.storage.publication_sql import publication_moments
from planwatch.uploads import ingest
from tests import clock, scenarios
from tests.helpers_access import review
from tests.scenarios import RunningYear

SUBMITTED = View(include_submitted=True)
VIEWS = (PUBLIC_VIEW, SUBMITTED, View(include_submitted=True, small_count_threshold=5))

Stored = list[dict[int, dict[StoredKey, Decimal]]]


def _per_point(
    connection: repository.Connection, view: View, as_of: dt.datetime | None, indicator: str
) -> Stored:
    """The reference: the old reader, one ``indicator_cells`` per publication point."""
    points = [
        point
        for point in publication_moments(connection, view.visibility, indicator)
        if as_of is None or point <= as_of
    ]
    found: Stored = []
    for point in points:
        by_year: dict[int, dict[StoredKey, Decimal]] = {}
        rows = disclosure_sql.indicator_cells(
            connection, indicator=indicator, as_of=point, view=view
        )
        for row in rows:
            key: StoredKey = (row["quarter"], row["sex"], row["age_group"], row["exploitation"])
            by_year.setdefault(row["year"], {})[key] = plain(row["value"])
        found.append(by_year)
    return found


def _order(stored: Stored) -> list[list[tuple[int, list[StoredKey]]]]:
    return [[(year, list(cells)) for year, cells in point.items()] for point in stored]


def _assert_same(store: Store, indicators: tuple[str, ...] = ("victims_assessed",)) -> int:
    """Compare the readers for every view and "as of" every publication point (and now);
    returns how many points were compared."""
    compared = 0
    with store.connect(read_only=True) as connection:
        for view in VIEWS:
            for indicator in indicators:
                moments = publication_moments(connection, view.visibility, indicator)
                for as_of in [None, *moments[-4:], moments[0] - dt.timedelta(seconds=1)]:
                    new = SmallCounts(connection, view, as_of)._stored_by_point(indicator)
                    old = _per_point(connection, view, as_of, indicator)
                    assert new == old, (view, indicator, as_of)
                    assert _order(new) == _order(old), (view, indicator, as_of)
                    compared += len(old)
    return compared


def _write(
    store: Store,
    when: dt.datetime,
    cells: list[tuple[int | None, str, str, float | None, bool, bool]],
    *,
    year: int,
    kind: str = "upload",
) -> int:
    """A change set of ``victims_assessed`` figures (quarter, sex, source, value, preferred,
    withdrawn), not reviewed."""
    with store.transaction() as connection:
        change_set = repository.insert_change_set(
            connection,
            kind=kind,  # type: ignore[arg-type]
            recorded_at=when,
            recorded_by="test",
        )
        for quarter, sex, source, value, preferred, withdrawn in cells:
            connection.execute(
                """
                INSERT INTO observation_versions (change_set_id, indicator_code, year, quarter,
                    sex, age_group, exploitation, source_id, value, is_preferred, withdrawn)
                VALUES ($cs, 'victims_assessed', $year, $quarter, $sex, 'all', 'all', $source,
                        $value, $preferred, $withdrawn)
                """,
                {
                    "cs": change_set,
                    "year": year,
                    "quarter": quarter,
                    "sex": sex,
                    "source": source,
                    "value": value,
                    "preferred": preferred,
                    "withdrawn": withdrawn,
                },
            )
    return change_set


def test_the_running_year_reads_the_same_at_every_point(running_year: RunningYear) -> None:
    assert _assert_same(running_year.store(), ("victims_assessed", "victims_identified_tip")) > 6


def test_a_submitted_then_returned_upload_reads_the_same(running_year: RunningYear) -> None:
    store = running_year.store()
    sent = clock.latest_moment(running_year.path) + dt.timedelta(days=1)
    data = scenarios.sex_quarter_file(2025, 3, {"": 9, "female": 7, "male": 2})
    report = ingest.import_file(store, data, "q3.csv", "kpi", actor=scenarios.UPLOADER, now=sent)
    assert report.change_set_id is not None
    pending = ingest.import_file(
        store,
        scenarios.sex_quarter_file(2025, 4, {"": 5, "female": 4, "male": 1}),
        "q4.csv",
        "kpi",
        actor=scenarios.UPLOADER,
        now=sent + dt.timedelta(days=1),
    )
    assert pending.change_set_id is not None  # submitted, never reviewed
    approvals.return_submission(
        store,
        scenarios.APPROVER,
        report.change_set_id,
        comment="Forkert kvartal",
        now=sent + dt.timedelta(days=2),
    )
    assert _assert_same(store) > 6


def test_a_correction_reads_the_same(users_store: Store) -> None:
    """Issue 16's last gap (tests/scenarios.py): 12 = 5 + 7, corrected to 13."""
    scenarios.correction_adds_a_person(users_store)
    assert _assert_same(users_store) > 2


@pytest.mark.parametrize("returned_before_recorded", [False, True])
def test_withdrawn_figures_and_sources_read_the_same(
    users_store: Store, returned_before_recorded: bool
) -> None:
    """A withdrawn figure, a second source (preferred, then not), two versions recorded at the
    same moment (the later version wins), a returned submission, a review dated before the
    submission was recorded."""
    start = clock.latest_moment(users_store.path)
    year = clock.built_at().year - 3
    day = dt.timedelta(days=1)
    first = _write(
        users_store,
        start + day,
        [
            (1, "all", "cmm-upload", 10, True, False),
            (1, "female", "cmm-upload", 8, True, False),
            (1, "male", "cmm-upload", 2, True, False),
            (1, "male", "cmm-tal-2023", 4, False, False),
        ],
        year=year,
    )
    review(users_store, first, at=start + 2 * day)
    withdraw = _write(
        users_store, start + 3 * day, [(1, "male", "cmm-upload", None, True, True)], year=year
    )
    review(users_store, withdraw, at=start + 4 * day)
    other = _write(
        users_store,
        start + 5 * day,
        [
            (1, "male", "cmm-tal-2023", 3, True, False),
            (2, "all", "cmm-upload", 6, True, False),
            (2, "female", "cmm-upload", 5, True, False),
            (2, "male", "cmm-upload", 1, True, False),
        ],
        year=year,
    )
    review(users_store, other, at=start + 5 * day)
    for value in (7, 8):  # recorded at the same moment: the later version is the figure
        same = _write(
            users_store, start + 6 * day, [(2, "all", "cmm-upload", value, True, False)], year=year
        )
        review(users_store, same, at=start + 7 * day)
    returned = _write(
        users_store,
        start + 8 * day,
        [(1, "female", "cmm-upload", 1, True, False), (3, "all", "cmm-upload", 2, True, False)],
        year=year,
    )
    review(
        users_store,
        returned,
        "returned",
        at=start + (7.5 if returned_before_recorded else 9) * day,
    )
    _write(
        users_store,
        start + 10 * day,
        [(1, "male", "cmm-tal-2023", 2, False, False), (1, "male", "cmm-upload", 2, True, False)],
        year=year,
        kind="demo",
    )
    assert _assert_same(users_store) > 8


class _Counting:
    """A connection that counts the statements run through it."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection
        self.statements = 0

    def execute(self, *args: Any, **kwargs: Any) -> Any:
        self.statements += 1
        return self._connection.execute(*args, **kwargs)


def test_the_queries_do_not_grow_with_the_publication_points(running_year: RunningYear) -> None:
    with running_year.store().connect(read_only=True) as connection:
        points = publication_moments(connection, "approved", "victims_assessed")
        assert len(points) >= 7
        counting = _Counting(connection)
        small = SmallCounts(counting, PUBLIC_VIEW, None)  # type: ignore[arg-type]
        stored = small._stored_by_point("victims_assessed")
        assert len(stored) == len(points)
        assert counting.statements <= 3, f"{counting.statements} queries for {len(points)} points"


def test_each_state_of_a_year_becomes_a_moment_once(running_year: RunningYear) -> None:
    """A page asks about a year's total and breakdowns many times (the overview decides every
    year's total of every indicator, each in several readers): each stored state of a year is
    made into a moment once per request, however often it is asked. Before, every question
    about a total made every point's state into a moment again - the overview of the 1000x
    database took 7.5 s instead of 1.4 s (benchmarks/pages.py)."""
    breakdowns = (TOTAL, Breakdown(sex="female"), Breakdown(sex="male"))
    with running_year.store().connect(read_only=True) as connection:
        small = SmallCounts(connection, PUBLIC_VIEW, None)
        stored = small._stored_by_point("victims_assessed")
        years = sorted({year for point in stored for year in point})
        states = sum(len({id(point[year]) for point in stored if year in point}) for year in years)
        made = mock.Mock(wraps=disclosure_tables.as_moment)
        with mock.patch.object(disclosure_tables, "as_moment", made):
            for _ in range(3):
                for year in years:
                    for breakdown in breakdowns:
                        small.total_withheld("victims_assessed", Period(year))
                        for quarter in (None, 1, 2, 3, 4):
                            small.decide(
                                "victims_assessed", Period(year, quarter), breakdown, Decimal(3)
                            )
    assert len(stored) >= 7
    assert 0 < made.call_count <= states, f"{made.call_count} moments for {states} states"

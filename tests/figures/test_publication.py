"""Publication points (issue 16): the moments at which the figures a reader may see changed,
and the moment a reader who sees suppressed small counts is given for the moment they ask for."""

from __future__ import annotations

import datetime as dt
from typing import Any

from planwatch.access import approvals
from planwatch.domain.permissions import PUBLIC_VIEW, View
from planwatch.domain.vocab import Breakdown
from planwatch.figures import dashboard, publication, reporting
from planwatch.storage import Store
from planwatch.uploads import ingest
from tests import scenarios
from tests.scenarios import RunningYear

UPLOADER_VIEW = View(include_submitted=True)
EXACT_VIEW = View(include_submitted=True, exact_small_counts=True)
HOUR = dt.timedelta(hours=1)
TINY = dt.timedelta(microseconds=1)


def _seen(store: Store, as_of: dt.datetime | None, view: View) -> Any:
    """What a reader sees of the running year's indicator: its tiles' values and its yearly,
    quarterly and by-sex series."""
    tiles = [
        (t.indicator.code, t.latest, t.previous, t.year_to_date)
        for t in dashboard.indicator_tiles(store, as_of=as_of, view=view)
    ]
    return (
        tiles,
        reporting.year_series(store, "victims_assessed", as_of=as_of, view=view),
        reporting.year_series(
            store, "victims_assessed", Breakdown(sex="male"), as_of=as_of, view=view
        ),
        [
            (q.period, q.value)
            for q in reporting.quarter_series(
                store, "victims_assessed", 2024, as_of=as_of, view=view
            )
        ],
    )


def test_a_viewers_points_are_the_demo_load_and_each_approval(running_year: RunningYear) -> None:
    store = running_year.store()
    points = publication.publication_points(store, PUBLIC_VIEW)
    approvals = [running_year.moments[q] - HOUR for q in running_year.moments if q != "before"]
    # scenarios.build approves each quarter an hour after it was sent, two hours before its moment
    assert points[-len(approvals) :] == approvals
    earlier = points[: -len(approvals)]
    assert earlier and all(point < running_year.moments["before"] for point in earlier)
    assert points == sorted(set(points))


def test_an_uploader_also_sees_each_submission_as_a_point(running_year: RunningYear) -> None:
    store = running_year.store()
    viewer = set(publication.publication_points(store, PUBLIC_VIEW))
    uploader = set(publication.publication_points(store, UPLOADER_VIEW))
    sent = {running_year.moments[q] - 2 * HOUR for q in running_year.moments if q != "before"}
    assert uploader == viewer | sent


def _q3_file() -> bytes:
    rows = [
        "indikator;år;kvartal;værdi;køn",
        "victims_assessed;2025;3;20;",
        "victims_assessed;2025;3;15;female",
        "victims_assessed;2025;3;5;male",
    ]
    return "\r\n".join(rows).encode("cp1252") + b"\r\n"


def test_a_submission_awaiting_approval_or_returned_is_no_viewers_point(
    running_year: RunningYear,
) -> None:
    store = running_year.store()
    before = publication.publication_points(store, PUBLIC_VIEW)
    sent = running_year.moments["2025-Q2"] + HOUR
    report = ingest.import_file(
        store, _q3_file(), "q3.csv", "kpi", actor=scenarios.UPLOADER, now=sent
    )
    assert report.status == "stored", [p.message_en for p in report.problems]
    assert report.change_set_id is not None
    assert publication.publication_points(store, PUBLIC_VIEW) == before
    assert publication.publication_points(store, UPLOADER_VIEW)[-1] == sent
    returned = sent + HOUR
    approvals.return_submission(
        store, scenarios.APPROVER, report.change_set_id, comment="not yet", now=returned
    )
    assert publication.publication_points(store, PUBLIC_VIEW) == before
    assert publication.publication_points(store, UPLOADER_VIEW)[-2:] == [sent, returned]


def test_between_two_points_a_reader_sees_what_the_earlier_point_shows(
    running_year: RunningYear,
) -> None:
    """The points are complete: every moment shows what the latest point at or before it shows,
    and every point of the running year shows something new."""
    store = running_year.store()
    for view in (PUBLIC_VIEW, UPLOADER_VIEW):
        points = publication.publication_points(store, view)
        tail = points[-7:]
        for point, following in zip(tail, [*tail[1:], None], strict=True):
            at_point = _seen(store, point, view)
            assert _seen(store, point - TINY, view) != at_point, (view, point)
            if following is not None:
                assert _seen(store, following - TINY, view) == at_point, (view, point)
                assert _seen(store, point + (following - point) / 2, view) == at_point
        assert _seen(store, None, view) == _seen(store, points[-1], view)


def test_a_viewers_moment_is_the_latest_point_at_or_before_it(running_year: RunningYear) -> None:
    store = running_year.store()
    points = publication.publication_points(store, PUBLIC_VIEW)
    q1 = running_year.moments["2025-Q1"]  # an hour after Q1 2025 was approved
    chosen = publication.choose_moment(store, PUBLIC_VIEW, q1)
    assert chosen.used == q1 - HOUR == chosen.published_at and chosen.snapped
    exact = publication.choose_moment(store, PUBLIC_VIEW, q1 - HOUR)
    assert exact.used == q1 - HOUR and not exact.snapped
    now = publication.choose_moment(store, PUBLIC_VIEW, None)
    assert now.used is None and now.published_at == points[-1] and not now.snapped


def test_before_the_first_point_a_viewer_sees_nothing(running_year: RunningYear) -> None:
    store = running_year.store()
    first = publication.publication_points(store, PUBLIC_VIEW)[0]
    chosen = publication.choose_moment(store, PUBLIC_VIEW, first - dt.timedelta(days=400))
    assert chosen.before_first and chosen.published_at is None
    assert chosen.used == first - TINY
    assert reporting.year_series(store, "victims_assessed", as_of=chosen.used) == []


def test_readers_of_exact_small_counts_keep_any_moment(running_year: RunningYear) -> None:
    store = running_year.store()
    moment = running_year.moments["2025-Q1"]
    for view in (EXACT_VIEW, View(exact_small_counts=True)):
        chosen = publication.choose_moment(store, view, moment)
        assert chosen.used == moment and not chosen.snapped


def test_a_database_not_made_yet_has_no_points(empty_store: Store) -> None:
    assert publication.publication_points(empty_store, PUBLIC_VIEW) == []
    assert not empty_store.exists()

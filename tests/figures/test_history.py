"""Figures are never updated in place: corrections add versions, and "as of" reads the past."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from planwatch.domain.periods import Period
from planwatch.errors import NotFoundError, UsageError
from planwatch.figures import corrections, reporting
from planwatch.storage import Store
from planwatch.uploads import reference
from tests import clock
from tests.actors import acting, approve

CMM_2023 = "cmm-tal-2023"


def _source_of_2023(store: Store) -> str:
    answer = reporting.figure(store, "victims_assessed", Period(2023))
    assert answer is not None
    return answer.preferred.source.source_id


def test_a_correction_leaves_the_earlier_value_readable_as_of_before_it(demo_store: Store) -> None:
    source = _source_of_2023(demo_store)
    before = reporting.figure(demo_store, "victims_assessed", Period(2023))
    assert before is not None
    loaded_at = before.preferred.recorded_at
    corrected_at = loaded_at + dt.timedelta(days=30)

    receipt = corrections.correct_observation(
        demo_store,
        indicator="victims_assessed",
        period=Period(2023),
        source_id=source,
        new_value=Decimal(113),
        reason="CMM revised the count after a late assessment",
        actor=acting("anne@cmm.dk"),
        now=corrected_at,
    )
    assert (receipt.old_value, receipt.new_value) == (Decimal(112), Decimal(113))
    approve(demo_store, receipt.change_set_id, now=corrected_at)

    now = reporting.figure(demo_store, "victims_assessed", Period(2023))
    then = reporting.figure(
        demo_store, "victims_assessed", Period(2023), as_of=corrected_at - dt.timedelta(seconds=1)
    )
    assert now is not None and then is not None
    assert now.preferred.value == 113
    assert now.preferred.is_corrected
    assert now.preferred.reason == "CMM revised the count after a late assessment"
    assert now.preferred.recorded_by == "anne@cmm.dk"
    assert then.preferred.value == 112
    assert not then.preferred.is_corrected
    # The year series follows the same rule.
    assert reporting.year_value(demo_store, "victims_assessed", 2023).value == 113  # type: ignore[union-attr]
    old_year = reporting.year_value(
        demo_store, "victims_assessed", 2023, as_of=corrected_at - dt.timedelta(seconds=1)
    )
    assert old_year is not None and old_year.value == 112


def test_history_keeps_every_version_with_who_when_and_why(demo_store: Store) -> None:
    source = _source_of_2023(demo_store)
    start = clock.built_at()
    for days, value in ((1, 113), (2, 112)):
        receipt = corrections.correct_observation(
            demo_store,
            indicator="victims_assessed",
            period=Period(2023),
            source_id=source,
            new_value=Decimal(value),
            reason=f"step {days}",
            actor=acting("uploader-test"),
            now=start + dt.timedelta(days=days),
        )
        approve(demo_store, receipt.change_set_id, now=start + dt.timedelta(days=days, hours=1))
    entries = [
        e
        for e in reporting.history(demo_store, "victims_assessed", Period(2023))
        if e.source_id == source
    ]
    assert [e.value for e in entries] == [112, 113, 112]
    assert [e.change_kind for e in entries] == ["reference", "correction", "correction"]
    assert [e.reason for e in entries][1:] == ["step 1", "step 2"]
    assert entries == sorted(entries, key=lambda e: e.recorded_at)
    with demo_store.connect(read_only=True) as connection:
        versions = connection.execute(
            "SELECT count(*) FROM observation_versions WHERE indicator_code = 'victims_assessed' "
            "AND year = 2023 AND sex = 'all' AND age_group = 'all' AND exploitation = 'all' "
            "AND source_id = ?",
            [source],
        ).fetchone()
    assert versions == (3,), "every version is a row; nothing was updated in place"


def test_before_anything_was_recorded_there_is_no_figure(demo_store: Store) -> None:
    assert (
        reporting.figure(
            demo_store, "victims_assessed", Period(2023), as_of=dt.datetime(2001, 1, 1)
        )
        is None
    )


def test_a_correction_needs_a_reason_and_a_real_change(demo_store: Store) -> None:
    source = _source_of_2023(demo_store)
    common = {
        "indicator": "victims_assessed",
        "period": Period(2023),
        "source_id": source,
        "actor": acting("x"),
    }
    with pytest.raises(UsageError, match="reason"):
        corrections.correct_observation(demo_store, new_value=Decimal(1), reason="  ", **common)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="already"):
        corrections.correct_observation(demo_store, new_value=Decimal(112), reason="same", **common)  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        corrections.correct_observation(
            demo_store,
            new_value=Decimal(5),
            reason="r",
            indicator="victims_assessed",
            period=Period(2024, 1),
            source_id=source,
            actor=acting("x"),
        )


def test_reloading_reference_data_does_not_undo_a_correction(demo_store: Store) -> None:
    source = _source_of_2023(demo_store)
    receipt = corrections.correct_observation(
        demo_store,
        indicator="victims_assessed",
        period=Period(2023),
        source_id=source,
        new_value=Decimal(113),
        reason="revised",
        actor=acting("anne"),
        now=clock.later(days=1),
    )
    approve(demo_store, receipt.change_set_id, now=clock.later(days=2))
    report = reference.load(demo_store, demo=True)
    assert report.rows_added == 0
    answer = reporting.figure(demo_store, "victims_assessed", Period(2023))
    assert answer is not None and answer.preferred.value == 113

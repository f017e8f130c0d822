"""Submitted figures wait for an approver; viewers see approved figures only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from planwatch.access import accounts, approvals
from planwatch.domain.periods import Period
from planwatch.domain.permissions import PUBLIC_VIEW, Actor, Role, View
from planwatch.errors import PermissionDeniedError, UsageError
from planwatch.figures import corrections, reporting
from planwatch.storage import Store
from planwatch.uploads import ingest
from tests.paths import TEST_DATA

TODAY = dt.date(2026, 11, 29)
SUBMITTED = View(include_submitted=True, exact_small_counts=True)
KPI = TEST_DATA / "valid" / "kpi-danish-excel-cp1252.csv"


def _people(store: Store) -> dict[str, Actor]:
    return {
        name: accounts.actor_for(store, name)
        for name in ("viewer1", "uploader1", "approver1", "auditor1", "admin1")
    }


def _correct(store: Store, actor: Actor, value: str, reason: str = "late assessment") -> int:
    receipt = corrections.correct_observation(
        store,
        indicator="victims_assessed",
        period=Period(2023),
        source_id="cmm-tal-2023",
        new_value=corrections.parse_value(value),
        reason=reason,
        actor=actor,
    )
    return receipt.change_set_id


def _shown(store: Store, view: View, as_of: dt.datetime | None = None) -> Decimal | None:
    answer = reporting.figure(store, "victims_assessed", Period(2023), as_of=as_of, view=view)
    assert answer is not None
    return answer.preferred.value


def test_a_submission_is_invisible_to_viewers_until_approved(users_store: Store) -> None:
    people = _people(users_store)
    submission = _correct(users_store, people["uploader1"], "113")
    assert _shown(users_store, PUBLIC_VIEW) == 112
    assert _shown(users_store, SUBMITTED) == 113
    marked = reporting.figure(users_store, "victims_assessed", Period(2023), view=SUBMITTED)
    assert marked is not None and marked.preferred.status == "submitted"
    before_approval = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    approved = approvals.approve(users_store, people["approver1"], submission)
    assert (approved.status, approved.reviewed_by) == ("approved", "approver1")
    assert _shown(users_store, PUBLIC_VIEW) == 113
    # as of a moment before the approval, viewers still saw the old value
    assert _shown(users_store, PUBLIC_VIEW, as_of=before_approval) == 112


def test_a_returned_submission_is_never_shown_and_the_uploader_reads_why(
    users_store: Store,
) -> None:
    people = _people(users_store)
    submission = _correct(users_store, people["uploader1"], "150")
    with pytest.raises(UsageError):
        approvals.return_submission(users_store, people["approver1"], submission, comment=" ")
    approvals.return_submission(
        users_store, people["approver1"], submission, comment="150 is the 2024 figure"
    )
    assert _shown(users_store, PUBLIC_VIEW) == 112
    assert _shown(users_store, SUBMITTED) == 112
    mine = approvals.submissions(users_store, people["uploader1"])
    assert [(s.change_set_id, s.status, s.review_comment) for s in mine] == [
        (submission, "returned", "150 is the 2024 figure")
    ]
    with pytest.raises(UsageError):  # reviewed once
        approvals.approve(users_store, people["approver1"], submission)


def test_nobody_reviews_their_own_submission(users_store: Store) -> None:
    people = _people(users_store)
    both = accounts.actor_for(users_store, "admin1")
    accounts.change_role(users_store, both, "approver1", Role.UPLOADER, True)
    approver_uploader = accounts.actor_for(users_store, "approver1")
    submission = _correct(users_store, approver_uploader, "114")
    with pytest.raises(PermissionDeniedError):
        approvals.approve(users_store, approver_uploader, submission)
    assert people["approver1"].roles == {Role.APPROVER}


def test_who_sees_which_submissions(users_store: Store) -> None:
    people = _people(users_store)
    accounts.add_user(
        users_store, people["admin1"], "uploader2", [Role.UPLOADER], password="x" * 12 + "yz"
    )
    other = accounts.actor_for(users_store, "uploader2")
    mine = _correct(users_store, people["uploader1"], "113")
    theirs = _correct(users_store, other, "111")
    assert [s.change_set_id for s in approvals.submissions(users_store, people["uploader1"])] == [
        mine
    ]
    for name in ("approver1", "auditor1"):
        seen = {s.change_set_id for s in approvals.submissions(users_store, people[name])}
        assert seen == {mine, theirs}
    with pytest.raises(PermissionDeniedError):
        approvals.submissions(users_store, people["viewer1"])
    # An admin follows only the plan workbooks they sent (issue 19): nobody's corrections.
    assert approvals.submissions(users_store, people["admin1"]) == []
    for name in ("uploader1", "admin1"):
        with pytest.raises(PermissionDeniedError):
            approvals.figures(users_store, people[name], theirs)
    figures = approvals.figures(users_store, people["approver1"], mine)
    assert [(f.subject, f.new_value, f.approved_value, f.is_revision) for f in figures] == [
        ("victims_assessed", Decimal(113), Decimal(112), True)
    ]


@pytest.mark.parametrize("name", ["viewer1", "uploader1", "auditor1", "admin1"])
def test_only_approvers_approve_or_return(users_store: Store, name: str) -> None:
    people = _people(users_store)
    submission = _correct(users_store, people["uploader1"], "113")
    actor = people[name]
    with pytest.raises(PermissionDeniedError):
        approvals.approve(users_store, actor, submission)
    with pytest.raises(PermissionDeniedError):
        approvals.return_submission(users_store, actor, submission, comment="no")


@pytest.mark.parametrize("name", ["viewer1", "approver1", "auditor1", "admin1"])
def test_only_uploaders_upload_or_correct_even_as_a_dry_run(users_store: Store, name: str) -> None:
    actor = _people(users_store)[name]
    with pytest.raises(PermissionDeniedError):
        ingest.import_file(
            users_store, KPI.read_bytes(), KPI.name, "kpi", actor=actor, dry_run=True, today=TODAY
        )
    with pytest.raises(PermissionDeniedError):
        _correct(users_store, actor, "113")


def test_an_approved_quarter_is_locked_a_change_is_a_new_submission_with_a_reason(
    users_store: Store,
) -> None:
    people = _people(users_store)
    data = KPI.read_bytes()
    first = ingest.import_file(
        users_store, data, KPI.name, "kpi", actor=people["uploader1"], today=TODAY
    )
    assert first.status == "stored" and first.change_set_id is not None
    # the same file again while it awaits approval: nothing new
    again = ingest.import_file(
        users_store, data, KPI.name, "kpi", actor=people["uploader1"], today=TODAY
    )
    assert again.status == "nothing-new"
    approvals.approve(users_store, people["approver1"], first.change_set_id)
    text = data.decode("cp1252")
    header, first_row, *rest = text.splitlines()
    cells = first_row.split(";")
    assert header.split(";")[3] == "Værdi"
    cells[3] = str(int(cells[3]) + 1)  # the total for 2025 Q1: 24 -> 25
    changed = "\r\n".join([header, ";".join(cells), *rest]).encode("cp1252")
    refused = ingest.import_file(
        users_store, changed, "rettet.csv", "kpi", actor=people["uploader1"], today=TODAY
    )
    assert refused.status == "refused"
    assert [p.code for p in refused.problems] == ["correction-needs-reason"]
    stored = ingest.import_file(
        users_store,
        changed,
        "rettet.csv",
        "kpi",
        actor=people["uploader1"],
        reason="CMM's revised count",
        today=TODAY,
    )
    assert stored.status == "stored" and stored.rows_corrected == 1
    pending = approvals.submissions(users_store, people["approver1"], status="submitted")
    assert [s.change_set_id for s in pending] == [stored.change_set_id]
    assert pending[0].reason == "CMM's revised count"

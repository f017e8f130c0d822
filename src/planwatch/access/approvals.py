"""Approval of submitted figures: an approver approves a submission, or returns it with a
comment the uploader sees. Until approved, a submission's figures are invisible to viewers.

A submission is one change set of kind ``upload`` or ``correction``. It is reviewed once; a
returned submission is never shown as a figure, and the uploader sends a new one. Nobody
reviews their own submission (four eyes).

A plan workbook's submission (issue 19, ``uploads.plan_import``) is applied on approval, in the
approval's transaction (``storage.plan_sql.apply``): only then is the plan written, all of it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from planwatch.access.audit import AuditAction, record
from planwatch.domain import plan_revision
from planwatch.domain.clock import to_utc_naive, utc_now
from planwatch.domain.numbers import plain
from planwatch.domain.permissions import Actor, Permission, require
from planwatch.domain.plan_revision import Change
from planwatch.errors import NotFoundError, PermissionDeniedError, UsageError
from planwatch.storage import Store, migrations, plan_sql, reviews
from planwatch.storage.rows import FAR_FUTURE

Status = Literal["submitted", "approved", "returned"]


@dataclass(frozen=True, slots=True)
class Submission:
    change_set_id: int
    kind: str  # upload | correction
    recorded_at: dt.datetime
    recorded_by: str
    reason: str | None
    description: str | None
    status: Status
    reviewed_at: dt.datetime | None
    reviewed_by: str | None
    review_comment: str | None
    upload_id: int | None
    file_name: str | None
    sha256: str | None
    figures: int
    is_plan: bool = False  # a plan workbook (issue 19): it defines a plan, it holds no figures
    applied_change_set_id: int | None = None
    """An approved plan workbook: the change set its plan was written in (issue 19)."""


@dataclass(frozen=True, slots=True)
class SubmittedFigure:
    table: str  # observation | allocation | spending
    subject: str  # indicator or initiative code
    year: int
    quarter: int | None
    sex: str | None
    age_group: str | None
    exploitation: str | None
    source_id: str
    new_value: Decimal
    approved_value: Decimal | None  # the value it would replace; None = a new figure

    @property
    def is_revision(self) -> bool:
        return self.approved_value is not None and self.approved_value != self.new_value


def _submission(row: dict[str, Any]) -> Submission:
    return Submission(
        change_set_id=int(row["change_set_id"]),
        kind=row["kind"],
        recorded_at=row["recorded_at"],
        recorded_by=row["recorded_by"],
        reason=row["reason"],
        description=row["description"],
        status=row["status"],
        reviewed_at=row["reviewed_at"],
        reviewed_by=row["reviewed_by"],
        review_comment=row["review_comment"],
        upload_id=row["upload_id"],
        file_name=row["file_name"],
        sha256=row["sha256"],
        figures=int(row["figures"]),
        is_plan=row["upload_kind"] == "plan",
        applied_change_set_id=None
        if row["applied_change_set_id"] is None
        else int(row["applied_change_set_id"]),
    )


def _sees_all(reader: Actor | None) -> bool:
    return reader is not None and (
        reader.can(Permission.REVIEW) or reader.can(Permission.VIEW_HISTORY)
    )


def submissions(
    store: Store, reader: Actor | None, *, status: Status | None = None
) -> list[Submission]:
    """Approvers and auditors see every submission; uploaders, and admins who send plan
    workbooks, only their own."""
    own = None if _sees_all(reader) else require(reader, Permission.FOLLOW_OWN).name
    with store.connect(read_only=True) as connection:
        rows = reviews.submissions(connection, status=status, recorded_by=own)
    return [_submission(row) for row in rows]


def _one(connection: Any, change_set_id: int) -> Submission:
    rows = reviews.submissions(connection, change_set_id=change_set_id)
    if not rows:
        raise NotFoundError(
            f"Indberetning {change_set_id} findes ikke.",
            f"Submission {change_set_id} does not exist.",
        )
    return _submission(rows[0])


def _readable(connection: Any, reader: Actor | None, change_set_id: int) -> Submission:
    """The submission, if ``reader`` may see it: anyone's for approvers and auditors, else
    one's own."""
    if not _sees_all(reader):
        require(reader, Permission.FOLLOW_OWN)
    found = _one(connection, change_set_id)
    if not _sees_all(reader) and (reader is None or found.recorded_by != reader.name):
        raise PermissionDeniedError(
            "Du kan kun se dine egne indberetninger.", "You can only see your own submissions."
        )
    return found


def figures(store: Store, reader: Actor | None, change_set_id: int) -> list[SubmittedFigure]:
    """What a submission holds, each figure beside the approved value it would replace."""
    with store.connect(read_only=True) as connection:
        _readable(connection, reader, change_set_id)
        rows = reviews.submission_figures(connection, change_set_id)
    return [
        SubmittedFigure(
            table=r["table_kind"],
            subject=r["subject"],
            year=int(r["year"]),
            quarter=None if r["quarter"] is None else int(r["quarter"]),
            sex=r["sex"],
            age_group=r["age_group"],
            exploitation=r["exploitation"],
            source_id=r["source_id"],
            new_value=plain(r["new_value"]),
            approved_value=None if r["approved_value"] is None else plain(r["approved_value"]),
        )
        for r in rows
        if r["new_value"] is not None
    ]


@dataclass(frozen=True, slots=True)
class SubmittedPlan:
    """A plan workbook's submission as it was checked: what approving it will create. Amounts
    are kroner written as plain decimals; each row as the workbook gave it (issue 19)."""

    plan: dict[str, Any]
    source: dict[str, Any]
    action_areas: list[dict[str, Any]]
    initiatives: list[dict[str, Any]]
    allocations: list[dict[str, Any]]
    targets: list[dict[str, Any]]
    changes: tuple[Change, ...] | None = None
    """A revision awaiting approval: what it changes in the stored plan (None: a new plan, or
    a submission no longer awaiting approval)."""
    results: list[dict[str, Any]] = field(default_factory=list)
    """Initiative -> result indicator links (``initiative``, ``indicator``)."""
    new_indicators: list[dict[str, Any]] = field(default_factory=list)
    """The result indicators approving it creates (code, names, definitions, unit); a
    submission from before result indicators has neither."""


def submitted_plan(store: Store, reader: Actor | None, change_set_id: int) -> SubmittedPlan | None:
    """The plan a submission would create when approved, or None when it is no plan workbook;
    seen by the same people as its figures."""
    with store.connect(read_only=True) as connection:
        state = _readable(connection, reader, change_set_id)
        found = plan_sql.submission(connection, change_set_id)
        defined = None if found is None else json.loads(found["definition"])
        stored = (
            plan_sql.stored_plan(connection, str(defined["plan"]["plan_id"]), FAR_FUTURE)
            if defined is not None and state.status == "submitted"
            else None
        )
    if defined is None:
        return None
    return SubmittedPlan(
        changes=None if stored is None else tuple(plan_revision.changes(stored, defined)),
        plan=defined["plan"],
        source=defined["source"],
        action_areas=defined["action_areas"],
        initiatives=defined["initiatives"],
        allocations=defined["allocations"],
        targets=defined["targets"],
        results=defined.get("results", []),
        new_indicators=defined.get("new_indicators", []),
    )


def _review(
    store: Store,
    reviewer: Actor | None,
    change_set_id: int,
    decision: Literal["approved", "returned"],
    comment: str | None,
    now: dt.datetime | None,
) -> Submission:
    who = require(reviewer, Permission.REVIEW)
    text = (comment or "").strip() or None
    if decision == "returned" and text is None:
        raise UsageError(
            "Skriv en kommentar til indberetteren, når du returnerer en indberetning.",
            "Write a comment for the uploader when you return a submission.",
        )
    migrations.require_current(store)
    moment = to_utc_naive(now) if now else utc_now()

    def work(connection: Any) -> Submission:
        found = _one(connection, change_set_id)
        if found.status != "submitted":
            raise UsageError(
                f"Indberetning {change_set_id} er allerede "
                f"{'godkendt' if found.status == 'approved' else 'returneret'} "
                f"af {found.reviewed_by}.",
                f"Submission {change_set_id} was already {found.status} by {found.reviewed_by}.",
            )
        if found.recorded_by == who.name:
            raise PermissionDeniedError(
                "Du kan ikke selv godkende eller returnere din egen indberetning.",
                "You cannot approve or return your own submission.",
            )
        if found.recorded_at > moment:
            raise UsageError(
                "En godkendelse kan ikke dateres før indberetningen.",
                "A review cannot be dated before the submission.",
            )
        reviews.insert_review(
            connection,
            change_set_id=change_set_id,
            decision=decision,
            reviewed_at=moment,
            reviewed_by=who.name,
            comment=text,
        )
        record(
            connection,
            actor=who.name,
            action=AuditAction.APPROVE if decision == "approved" else AuditAction.RETURN,
            subject=f"change-set:{change_set_id}",
            details={
                "submitted_by": found.recorded_by,
                "kind": found.kind,
                "upload_id": found.upload_id,
                "sha256": found.sha256,
                "figures": found.figures,
                "comment": text,
            },
            origin=who.origin,
            at=moment,
        )
        if decision == "approved":
            _apply_plan(connection, who, found, moment)
        return _one(connection, change_set_id)

    return store.run_in_transaction(work)


def _apply_plan(connection: Any, who: Actor, found: Submission, moment: dt.datetime) -> None:
    """An approved plan workbook (issue 19) becomes the plan, in the approval's transaction."""
    applied = plan_sql.apply(
        connection, found.change_set_id, recorded_at=moment, reviewed_by=who.name
    )
    if applied is None:
        return
    record(
        connection,
        actor=who.name,
        action=AuditAction.PLAN_APPLIED,
        subject=f"change-set:{applied}",
        details={"submission": found.change_set_id, "submitted_by": found.recorded_by},
        origin=who.origin,
        at=moment,
    )


def approve(
    store: Store,
    reviewer: Actor | None,
    change_set_id: int,
    *,
    comment: str | None = None,
    now: dt.datetime | None = None,
) -> Submission:
    """Approve a submission: from now on its figures are what viewers see."""
    return _review(store, reviewer, change_set_id, "approved", comment, now)


def return_submission(
    store: Store,
    reviewer: Actor | None,
    change_set_id: int,
    *,
    comment: str,
    now: dt.datetime | None = None,
) -> Submission:
    """Return a submission to its uploader with a comment; its figures are never shown."""
    return _review(store, reviewer, change_set_id, "returned", comment, now)

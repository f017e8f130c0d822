"""Four eyes: ``submissions``, ``approve``, ``return``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from planwatch.cli.common import Context, echo_result, printable, with_context

if TYPE_CHECKING:
    from planwatch.storage.connection import Store


@click.command("submissions")
@click.option("--status", type=click.Choice(["submitted", "approved", "returned"]), default=None)
@with_context(reads=True)
def submissions_cmd(ctx: Context, status: str | None) -> None:
    """Submissions: all of them for approvers and auditors, one's own for uploaders."""
    from planwatch.access import approvals

    store = ctx.store()
    found = approvals.submissions(store, ctx.actor(store), status=status)  # type: ignore[arg-type]
    written = "planen skrevet i ændring" if ctx.language == "da" else "plan written in change"
    lines = [
        f"{s.change_set_id:>5}  {s.status:<9}  {s.recorded_at:%Y-%m-%d %H:%M}  "
        f"{printable(s.recorded_by):<20} {s.figures:>5}  "
        f"{printable(s.file_name or s.description or '')}"
        + (
            f"  [{printable(s.reviewed_by or '')}: {printable(s.review_comment)}]"
            if s.review_comment
            else ""
        )
        + (f"  ({written} {s.applied_change_set_id})" if s.applied_change_set_id else "")
        for s in found
    ]
    echo_result(ctx, found, "\n".join(lines))


@click.command("approve")
@click.argument("submission", type=int)
@click.option("--comment", default=None, help="An optional note for the record.")
@with_context()
def approve_cmd(ctx: Context, submission: int, comment: str | None) -> None:
    """Approve a submission: its figures become what viewers see."""
    from planwatch.access import approvals

    store = ctx.store()
    result = approvals.approve(store, ctx.actor(store), submission, comment=comment)
    _keep_patterns(store, submission)
    echo_result(
        ctx,
        result,
        f"Indberetning {submission} godkendt."
        if ctx.language == "da"
        else f"Submission {submission} approved.",
    )


@click.command("return")
@click.argument("submission", type=int)
@click.option("--comment", required=True, help="What the uploader must fix.")
@with_context()
def return_cmd(ctx: Context, submission: int, comment: str) -> None:
    """Return a submission to its uploader with a comment; its figures are never shown."""
    from planwatch.access import approvals

    store = ctx.store()
    result = approvals.return_submission(store, ctx.actor(store), submission, comment=comment)
    _keep_patterns(store, submission)
    echo_result(
        ctx,
        result,
        f"Indberetning {submission} returneret."
        if ctx.language == "da"
        else f"Submission {submission} returned.",
    )


def _keep_patterns(store: Store, submission: int) -> None:
    """What viewers see changed: keep its small-count patterns solved (a cache; see
    :func:`planwatch.figures.kept_patterns.after_review`)."""
    from planwatch.figures import kept_patterns
    from planwatch.settings import load_settings

    kept_patterns.after_review(store, submission, load_settings().small_count_threshold)

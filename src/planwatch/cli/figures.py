"""One figure, its history and its correction: ``figure``, ``history``, ``correct``."""

from __future__ import annotations

from typing import Any

import click

from planwatch.cli.common import (
    Context,
    echo_result,
    parse_as_of,
    parse_breakdown,
    parse_period,
    view_for_user,
    with_breakdown,
    with_context,
)
from planwatch.domain.permissions import Permission, view_for
from planwatch.errors import UsageError
from planwatch.figures import corrections, reporting
from planwatch.settings import load_settings


@click.command("figure")
@click.argument("indicator")
@click.argument("period")
@with_breakdown
@click.option("--as-of", default=None, help="Show the figure as stored at this moment (UTC).")
@click.option(
    "--include-submitted",
    is_flag=True,
    help="Also figures awaiting approval (for uploaders, approvers and auditors).",
)
@with_context()
def figure_cmd(
    ctx: Context,
    indicator: str,
    period: str,
    sex: str,
    age_group: str,
    exploitation: str,
    as_of: str | None,
    include_submitted: bool,
) -> None:
    """Show one figure (e.g. `planwatch figure victims_assessed 2023`) with its source."""
    store = ctx.store()
    view = view_for_user(ctx, store, include_submitted)
    reporting.indicator(store, indicator)
    the_period = parse_period(period)
    answer = reporting.figure(
        store,
        indicator,
        the_period,
        parse_breakdown(sex, age_group, exploitation),
        as_of=parse_as_of(as_of),
        view=view,
    )
    if answer is None:
        raise UsageError(
            f"Der er intet tal for {indicator} {the_period}.",
            f"There is no figure for {indicator} {the_period}.",
        )
    p = answer.preferred
    da = ctx.language == "da"

    def shown(figure: Any) -> str:
        if figure.suppressed is not None:
            return str(figure.suppressed.label(ctx.language))
        return str(figure.value)

    lines = [f"{indicator} {the_period}: {shown(p)}  [{p.source.source_id}] {p.source.title}"]
    if p.suppressed is not None:
        lines.append(
            "Små antal personer vises ikke præcist."
            if da
            else "Small counts of persons are not shown exactly."
        )
    if p.is_submitted:
        lines.append("Indsendt, endnu ikke godkendt." if da else "Submitted, not yet approved.")
    elif p.is_revised:
        lines.append("Revideret." if da else "Revised.")
    if p.is_illustrative:
        lines.append(
            "ILLUSTRATIVT tal, ikke officielt"
            if ctx.language == "da"
            else "ILLUSTRATIVE figure, not official"
        )
    lines += [
        f"  {'anden kilde' if ctx.language == 'da' else 'other source'}: {shown(a)}  "
        f"[{a.source.source_id}]"
        for a in answer.alternatives
    ]
    echo_result(ctx, answer, "\n".join(lines))


@click.command("history")
@click.argument("indicator")
@click.argument("period")
@with_breakdown
@with_context()
def history_cmd(
    ctx: Context, indicator: str, period: str, sex: str, age_group: str, exploitation: str
) -> None:
    """Every version of one figure: value, source, who, when and why (auditors)."""
    store = ctx.store()
    auditor = ctx.acting(store, Permission.VIEW_HISTORY)
    reporting.indicator(store, indicator)
    entries = reporting.history(
        store,
        indicator,
        parse_period(period),
        parse_breakdown(sex, age_group, exploitation),
        view=view_for(
            auditor,
            include_submitted=True,
            small_count_threshold=load_settings().small_count_threshold,
        ),
    )

    def value_text(e: reporting.HistoryEntry) -> str:
        if e.suppressed is not None:
            return e.suppressed.label(ctx.language)
        return "-" if e.value is None else str(e.value)

    text = "\n".join(
        f"{e.recorded_at:%Y-%m-%d %H:%M:%S}  {e.source_id:<32} {value_text(e):>8}"
        f"  {e.change_kind:<10} {e.status:<9} {e.recorded_by}"
        + (f"  ({e.reason})" if e.reason else "")
        for e in entries
    )
    echo_result(ctx, entries, text)


@click.command("correct")
@click.argument("indicator")
@click.argument("period")
@with_breakdown
@click.option("--source", "source_id", required=True, help="Source whose figure is corrected.")
@click.option("--value", required=True, help="The corrected value.")
@click.option("--reason", required=True, help="Why the figure is corrected.")
@with_context()
def correct_cmd(
    ctx: Context,
    indicator: str,
    period: str,
    sex: str,
    age_group: str,
    exploitation: str,
    source_id: str,
    value: str,
    reason: str,
) -> None:
    """Submit a correction of a stored figure for approval. The old value stays in the history."""
    store = ctx.store()
    reporting.indicator(store, indicator)
    receipt = corrections.correct_observation(
        store,
        indicator=indicator,
        period=parse_period(period),
        breakdown=parse_breakdown(sex, age_group, exploitation),
        source_id=source_id,
        new_value=corrections.parse_value(value),
        reason=reason,
        actor=ctx.actor(store),
    )
    text = (
        f"Rettelse indsendt til godkendelse: {receipt.old_value} -> {receipt.new_value} "
        f"(indberetning {receipt.change_set_id}, version {receipt.version_id})"
        if ctx.language == "da"
        else f"Correction submitted for approval: {receipt.old_value} -> {receipt.new_value} "
        f"(submission {receipt.change_set_id}, version {receipt.version_id})"
    )
    echo_result(ctx, receipt, text)

"""One figure, its history and its correction: ``figure``, ``history``, ``correct``.

``figure INDICATOR YEAR`` answers with the year's value as the dashboard computes it
(:func:`planwatch.figures.reporting.year_series`): a published yearly figure, or the value of
its quarterly figures. A partial year is named by the quarters it covers ("1. kvt. 2025: 28
(året er ikke komplet)"), never given as the year's figure, and compared only with the same
quarters a year earlier (:func:`planwatch.figures.comparisons.compare`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import click

from planwatch.cli.common import (
    AS_OF_HELP,
    Context,
    echo_result,
    moment_for,
    parse_breakdown,
    parse_period,
    view_for_user,
    with_breakdown,
    with_context,
)
from planwatch.domain.clock import to_local
from planwatch.domain.permissions import Permission, view_for
from planwatch.errors import UsageError
from planwatch.figures import comparisons, corrections, reporting
from planwatch.formatting import format_moment, format_percent
from planwatch.settings import load_settings


@click.command("figure")
@click.argument("indicator")
@click.argument("period")
@with_breakdown
@click.option(
    "--as-of", default=None, help=f"Show the figure as stored at this moment {AS_OF_HELP}."
)
@click.option(
    "--include-submitted",
    is_flag=True,
    help="Also figures awaiting approval (for uploaders, approvers and auditors).",
)
@with_context(reads=True)
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
    """Show one figure (e.g. `planwatch figure victims_assessed 2023`) with its source.

    For a year: the year's value, published or built from its quarters, compared with the year
    before; a year with only some quarters is named by them ("1.–2. kvt. 2025") and compared
    with the same quarters a year earlier."""
    store = ctx.store()
    view = view_for_user(ctx, store, include_submitted)
    definition = reporting.indicator(store, indicator)
    the_period = parse_period(period)
    breakdown = parse_breakdown(sex, age_group, exploitation)
    moment = moment_for(ctx, store, view, as_of)
    as_of_line = [] if moment is None else [_as_of_text(moment, ctx.language)]
    if the_period.quarter is None:
        year = comparisons.year_answer(
            store, indicator, the_period.year, breakdown, as_of=moment, view=view,
            aggregation=definition.aggregation,
        )  # fmt: skip
        if year is not None:
            echo_result(ctx, year, "\n".join([*_year_lines(year, ctx.language), *as_of_line]))
            return
    answer = reporting.figure(store, indicator, the_period, breakdown, as_of=moment, view=view)
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
    echo_result(ctx, answer, "\n".join([*lines, *as_of_line]))


def _as_of_text(moment: dt.datetime, language: str) -> str:
    """ "Tal pr. 31. marts 2025, kl. 23.59" / "Figures as of ...": the moment in Danish time."""
    when = format_moment(to_local(moment), language)
    return f"Tal pr. {when}" if language == "da" else f"Figures as of {when}"


def _shown(value: Decimal | None, suppressed: Any, language: str) -> str:
    if suppressed is not None:
        return str(suppressed.label(language))
    return "-" if value is None else str(value)


def _signed(value: Decimal) -> str:
    return f"+{value}" if value > 0 else str(value)


def _year_lines(answer: comparisons.YearAnswer, language: str) -> list[str]:
    """The year's value, named by what it covers, its flags, its comparison, other sources."""
    da = language == "da"
    comparison = answer.comparison
    current = comparison.current
    label = answer.coverage_da if da else answer.coverage_en
    value = _shown(current.value, current.suppressed, language)
    if answer.preferred is not None:
        source = f"[{answer.preferred.source.source_id}] {answer.preferred.source.title}"
        lines = [f"{answer.indicator} {label}: {value}  {source}"]
    else:
        if not answer.complete:
            note = "året er ikke komplet" if da else "the year is not complete"
        else:
            note = "fra kvartalerne" if da else "from its quarters"
        sources = ", ".join(current.source_ids)
        lines = [f"{answer.indicator} {label}: {value} ({note})  [{sources}]"]
    if current.suppressed is not None:
        lines.append(
            "Små antal personer vises ikke præcist."
            if da
            else "Small counts of persons are not shown exactly."
        )
    if current.submitted:
        lines.append("Indsendt, endnu ikke godkendt." if da else "Submitted, not yet approved.")
    elif current.corrected:
        lines.append("Revideret." if da else "Revised.")
    if current.is_illustrative:
        lines.append(
            "ILLUSTRATIVT tal, ikke officielt" if da else "ILLUSTRATIVE figure, not official"
        )
    lines.append(_comparison_line(comparison, language))
    lines += [
        f"  {'anden kilde' if da else 'other source'}: "
        f"{_shown(a.value, a.suppressed, language)}  [{a.source.source_id}]"
        for a in answer.alternatives
    ]
    return lines


def _comparison_line(comparison: comparisons.Comparison, language: str) -> str:
    """The same span a year earlier and the change, or why there is nothing to compare with."""
    da = language == "da"
    current = comparison.current
    before = current.covers.in_year(current.year - 1).label(language)
    base = comparison.baseline
    if base is not None:
        if current.complete:
            head = f"Året før, {before}" if da else f"The year before, {before}"
        else:
            head = (
                f"Samme kvartaler året før, {before}"
                if da
                else f"The same quarters a year earlier, {before}"
            )
        text = f"{head}: {base.value}"
        if comparison.change is not None:
            text += f"; {'ændring' if da else 'change'} {_signed(comparison.change)}"
            if comparison.change_percent is not None:
                text += f" ({format_percent(comparison.change_percent, language, signed=True)})"
        return text
    if comparison.missing == "year-before-partial":
        return (
            f"Ingen sammenligning: {before} er ikke komplet, og et helt år sammenlignes kun med "
            "et helt år."
            if da
            else f"No comparison: {before} is not complete, and a whole year is compared only "
            "with a whole year."
        )
    if comparison.missing == "year-before-not-quarterly":
        return (
            f"Ingen sammenligning: der er ingen kvartalstal for {before} (et årstal kan ikke "
            "deles i kvartaler)."
            if da
            else f"No comparison: there are no quarterly figures for {before} (a yearly figure "
            "cannot be split into quarters)."
        )
    return (
        f"Ingen sammenligning: der er intet tal for {before}."
        if da
        else f"No comparison: there is no figure for {before}."
    )


@click.command("history")
@click.argument("indicator")
@click.argument("period")
@with_breakdown
@with_context(reads=True)
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

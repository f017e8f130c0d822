"""The plans planwatch follows: ``plans list``, ``plans show PLAN``, and the next plan through
the plan workbook: ``plans import FILE --reason TEXT`` and ``plans export PLAN --out FILE``
(issue 19).

``list`` names every plan with its period, total, phase and source; ``show`` one plan's money
(total, allocated and spent to date, the share spent against the share of time gone), its
initiatives with their allocation and spending per year, and the baselines and targets set
under it. Both read as the dashboard does: as the ``--user`` may see, ``--as-of`` any moment,
and every illustrative amount (the demo's money) is marked so, in the text and in ``--json``.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import click

from planwatch.cli.common import (
    AS_OF_HELP,
    EXIT_BAD_DATA,
    Context,
    echo_result,
    moment_for,
    printable,
    view_for_user,
    with_context,
)
from planwatch.domain.clock import to_local, today_in_denmark
from planwatch.domain.indicators import Target
from planwatch.domain.permissions import View
from planwatch.domain.plans import Plan
from planwatch.errors import Problem
from planwatch.figures import dashboard, reporting
from planwatch.figures.initiative_results import InitiativeResult
from planwatch.formatting import (
    format_date,
    format_dkk_millions,
    format_moment,
    format_number,
    format_percent,
)
from planwatch.notes.targets import direction_text
from planwatch.storage import Store

_ILLUSTRATIVE = {"da": "ILLUSTRATIVT, ikke officielt", "en": "ILLUSTRATIVE, not official"}

_PHASES = {
    "da": {"upcoming": "ikke begyndt", "running": "i gang", "ended": "afsluttet"},
    "en": {"upcoming": "not started", "running": "running", "ended": "ended"},
}
_STATUS = {"da": {"draft": "udkast", "adopted": "vedtaget"}, "en": {}}


@dataclass(frozen=True, slots=True)
class PlanLine:
    """One plan as ``plans list`` shows it."""

    plan: Plan
    phase: str
    source_title: str
    source_illustrative: bool


@dataclass(frozen=True, slots=True)
class PlanDetails:
    """One plan as ``plans show`` shows it (``--json`` prints this)."""

    plan: Plan
    phase: str
    reference_date: dt.date
    as_of: dt.datetime | None
    money: reporting.PlanMoney
    share_elapsed: float
    share_spent: float | None
    initiatives: list[dashboard.InitiativeYear]
    targets: list[Target]
    results: list[InitiativeResult]
    """Each initiative's result indicators and their latest figure in the plan's years."""


@click.group("plans")
def plans() -> None:
    """The action plans planwatch follows: list them, or show one's money, initiatives and
    targets."""


@plans.command("list")
@click.option(
    "--as-of",
    default=None,
    help=f"The plans as defined at this moment {AS_OF_HELP} (a revised plan: its version then).",
)
@with_context(reads=True)
def list_cmd(ctx: Context, as_of: str | None) -> None:
    """Every plan: its period, total, phase (not started, running, ended) and source."""
    store = ctx.store()
    view = view_for_user(ctx, store, include_submitted=False)  # a signed-in user, as every read
    moment = moment_for(ctx, store, view, as_of)
    today = today_in_denmark()
    sources = {s.source_id: s for s in reporting.sources(store, moment)}
    lines = [
        PlanLine(
            plan=p,
            phase=p.phase(today).value,
            source_title=sources[p.source_id].title,
            source_illustrative=sources[p.source_id].kind.value == "illustrative",
        )
        for p in sorted(reporting.plans(store, moment), key=lambda p: p.start_date)
    ]
    language = ctx.language
    text = [
        f"{printable(line.plan.plan_id)}: {printable(line.plan.name(language))}\n"
        f"  {_period(line.plan, language)}; {format_dkk_millions(line.plan.total_dkk, language)}"
        f"; {_PHASES[language][line.phase]}{_status(line.plan, language)}\n"
        f"  {'kilde' if language == 'da' else 'source'}: [{printable(line.plan.source_id)}] "
        f"{printable(line.source_title)}"
        + (f" ({_ILLUSTRATIVE[language]})" if line.source_illustrative else "")
        for line in lines
    ]
    empty = "Ingen planer." if language == "da" else "No plans."
    echo_result(ctx, lines, "\n".join(text) if text else empty)


@plans.command("show")
@click.argument("plan_id")
@click.option("--as-of", default=None, help=f"Show the plan as stored at this moment {AS_OF_HELP}.")
@click.option(
    "--include-submitted",
    is_flag=True,
    help="Also amounts awaiting approval (for uploaders, approvers and auditors).",
)
@with_context(reads=True)
def show_cmd(ctx: Context, plan_id: str, as_of: str | None, include_submitted: bool) -> None:
    """One plan: its money to date, its initiatives' allocation and spending per year, and the
    targets set under it (e.g. `planwatch plans show hp-2022-2025`)."""
    store = ctx.store()
    view = view_for_user(ctx, store, include_submitted)
    details = plan_details(store, plan_id, as_of=moment_for(ctx, store, view, as_of), view=view)
    echo_result(ctx, details, _details_text(details, ctx.language))


def plan_details(
    store: Store, plan_id: str, *, as_of: dt.datetime | None, view: View
) -> PlanDetails:
    """What ``plans show`` reports, read with the dashboard's own services."""
    progress = dashboard.plan_progress(store, plan_id, as_of=as_of, view=view)
    budget = dashboard.budget_view(store, plan_id, as_of=as_of, view=view)
    targets = [
        target
        for indicator in reporting.indicators(store, as_of)
        for target in reporting.targets(store, indicator.code, plan_id, as_of=as_of, view=view)
    ]
    return PlanDetails(
        plan=progress.money.plan,
        phase=progress.phase.value,
        reference_date=progress.reference_date,
        as_of=as_of,
        money=progress.money,
        share_elapsed=progress.share_elapsed,
        share_spent=progress.share_spent,
        initiatives=budget.initiatives,
        targets=targets,
        results=budget.results,
    )


def _details_text(details: PlanDetails, language: str) -> str:
    da = language == "da"
    plan, money = details.plan, details.money
    lines = [
        f"{printable(plan.plan_id)}: {printable(plan.name(language))}",
        f"  {_period(plan, language)}; {_PHASES[language][details.phase]}{_status(plan, language)}",
        f"  {'Samlet ramme' if da else 'Total'}: "
        + _amount(plan.total_dkk, money.total_illustrative, language),
        f"  {'Fordelt' if da else 'Allocated'}: "
        + _amount(money.allocated_dkk, money.allocated_illustrative, language),
        f"  {'Brugt' if da else 'Spent'}: "
        + _amount(money.spent_dkk, money.spent_illustrative, language),
    ]
    if details.share_spent is not None:
        spent = format_percent(details.share_spent * 100, language)
        gone = format_percent(details.share_elapsed * 100, language)
        lines.append(
            f"  Brugt {spent} af rammen; {gone} af perioden er gået"
            if da
            else f"  Spent {spent} of the total; {gone} of the period gone"
        )
        if money.spent_illustrative:
            lines[-1] += f" ({_ILLUSTRATIVE[language]})"
    lines.append(
        f"  {'Kilde' if da else 'Source'}: [{printable(plan.source_id)}]"
        + (f" ({_ILLUSTRATIVE[language]})" if money.total_illustrative else "")
    )
    if money.allocated_submitted or money.spent_submitted:
        lines.append(
            "  Heri beløb, der afventer godkendelse."
            if da
            else "  Includes amounts awaiting approval."
        )
    if details.initiatives:
        lines.append(
            "Indsatser (bevilget / brugt pr. år):"
            if da
            else "Initiatives (allocated / spent per year):"
        )
    for initiative in details.initiatives:
        name = initiative.name_da if da else initiative.name_en
        lines.append(
            f"  {printable(initiative.code)} {initiative.year}: {printable(name)}: "
            f"{_amount(initiative.allocated, False, language)} / "
            f"{_amount(initiative.spent, False, language)}"
            + (f" ({_ILLUSTRATIVE[language]})" if initiative.illustrative else "")
        )
    if details.targets:
        lines.append("Mål og basisår:" if da else "Targets and baselines:")
    for target in details.targets:
        kind = {"baseline": "basis" if da else "baseline", "target": "mål" if da else "target"}
        year = (
            str(target.year) if target.year is not None else ("hele planen" if da else "whole plan")
        )
        direction = (
            "" if target.direction is None else direction_text(target.direction, language) + " "
        )
        lines.append(
            f"  {printable(target.indicator)} {year}: {kind[target.kind.value]} "
            f"{direction}{target.value} [{printable(target.source_id)}]"
            + (f" ({_ILLUSTRATIVE[language]})" if target.is_illustrative else "")
        )
    if details.results:
        lines.append("Resultater pr. indsats:" if da else "Results per initiative:")
    for result in details.results:
        latest = result.latest
        if latest is None:
            figure = "ingen tal endnu" if da else "no figures yet"
        else:
            shown = (
                latest.suppressed.label(language)
                if latest.suppressed is not None
                else format_number(latest.value or 0, language)
            )
            figure = f"{shown} ({latest.label(language)})"
            if latest.is_illustrative:
                figure += f" ({_ILLUSTRATIVE[language]})"
        lines.append(
            f"  {printable(result.initiative_code)}: "
            f"{printable(result.indicator.name(language))}: {figure}"
        )
    if details.as_of is not None:
        moment = format_moment(to_local(details.as_of), language)
        lines.append(f"{'Som gemt pr.' if da else 'As stored at'} {moment}")
    return "\n".join(lines)


def _period(plan: Plan, language: str) -> str:
    return f"{format_date(plan.start_date, language)}–{format_date(plan.end_date, language)}"


def _status(plan: Plan, language: str) -> str:
    if plan.status.value == "adopted":
        return ""
    return f" ({_STATUS[language].get(plan.status.value, plan.status.value)})"


def _amount(value: Decimal | None, illustrative: bool, language: str) -> str:
    if value is None:
        return "–"
    text = format_dkk_millions(value, language)
    return f"{text} ({_ILLUSTRATIVE[language]})" if illustrative else text


@plans.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--reason", required=True, help="Why this plan is added (kept with it).")
@click.option("--dry-run", is_flag=True, help="Check the workbook; store nothing.")
@with_context()
def import_cmd(ctx: Context, file: Path, reason: str, dry_run: bool) -> None:
    """Check a plan workbook (`planwatch template --kind plan`) and submit the plan for
    approval by another person (exit 1 when refused: every problem by sheet, row, column)."""
    from planwatch.settings import load_settings, upload_limits
    from planwatch.uploads import plan_import
    from planwatch.uploads.bounded import read_at_most
    from planwatch.uploads.raw_tables import ReadLimits

    max_bytes, max_rows = upload_limits(load_settings())
    data, _size = read_at_most(file, max_bytes)
    store = ctx.store()
    report = plan_import.import_plan(
        store,
        data,
        file.name,
        actor=ctx.actor(store),
        reason=reason,
        dry_run=dry_run,
        limits=ReadLimits(max_bytes=max_bytes, max_rows=max_rows),
    )
    lines = [report.summary(ctx.language)]
    lines += [_problem_line(p, ctx.language) for p in report.problems]
    echo_result(ctx, report, "\n".join(lines))
    if report.status == "refused":
        sys.exit(EXIT_BAD_DATA)


def _problem_line(problem: Problem, language: str) -> str:
    da = language == "da"
    where = [f"{'ark' if da else 'sheet'} {printable(problem.sheet)}"] if problem.sheet else []
    if problem.row is not None:
        where.append(f"{'række' if da else 'row'} {problem.row}")
    if problem.column:
        where.append(f"{'kolonne' if da else 'column'} {printable(problem.column)}")
    prefix = ", ".join(where)
    text = printable(problem.message(language))
    return f"  {prefix}: {text} [{problem.code}]" if prefix else f"  {text} [{problem.code}]"


@plans.command("export")
@click.argument("plan_id")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True)
@with_context()
def export_cmd(ctx: Context, plan_id: str, out: Path) -> None:
    """A stored plan as the plan workbook, filled (its approved allocations and targets): change
    it into the next plan and send it with `plans import`."""
    from planwatch.uploads import plan_import

    store = ctx.store()
    out.write_bytes(plan_import.export_plan(store, ctx.actor(store), plan_id, ctx.language))
    echo_result(ctx, {"path": out}, str(out))

"""Checking ``budget`` claims: money in a sentence that names a plan or a plan period, against
the plan's published total (docs/claims.md, "Budgets")."""

from __future__ import annotations

from decimal import Decimal

from planwatch.claims.candidates import Candidate
from planwatch.claims.outcomes import Outcome, cite, quote
from planwatch.claims.report import StoredFigure
from planwatch.claims.stored import StoredFigures
from planwatch.claims.tolerance import agrees
from planwatch.domain.clock import today_in_denmark
from planwatch.domain.plans import Plan
from planwatch.formatting import Language, format_dkk_millions, format_number


def check_budget(figures: StoredFigures, candidate: Candidate) -> Outcome:
    """An amount against the total of the plan the sentence is about, at the amount's scale
    and decimals."""
    plan = _plan(figures, candidate)
    if plan is None:
        period = "–".join(str(y) for y in candidate.plan_years or ())
        return Outcome(
            "not-in-data",
            f"planwatch har ingen handlingsplan for {period or 'den nævnte periode'}.",
            f"planwatch holds no action plan for {period or 'the period named'}.",
        )
    quantity = candidate.stated[0]
    total = plan.total_dkk
    written_total = total / quantity.scale
    shown = _money_text(total, quantity.scale, max(quantity.decimals, 1), figures.language)
    source = figures.source_infos([plan.source_id])
    stored = (StoredFigure(None, None, total, shown, source, plan_id=plan.plan_id),)
    places = max(quantity.decimals, 1)
    right_da = _money_text(total, quantity.scale, places, "da")
    right_en = _money_text(total, quantity.scale, places, "en")
    cited = cite(source)
    if agrees(quantity.written, quantity.decimals, written_total, quantity.qualifier):
        return Outcome(
            "consistent",
            f"{plan.name_da} har en samlet ramme på {right_da} ({cited}).",
            f"{plan.name_en} has a total of {right_en} ({cited}).",
            stored,
        )
    return Outcome(
        "inconsistent",
        f"Teksten siger {quote(quantity.text, 'da')}, men {plan.name_da} har en samlet "
        f"ramme på {right_da} ({cited}).",
        f"The text says {quote(quantity.text, 'en')}, but {plan.name_en} has a total of "
        f"{right_en} ({cited}).",
        stored,
        shown,
    )


def _plan(figures: StoredFigures, candidate: Candidate) -> Plan | None:
    """The plan of the period named, else the plan running on the reference date, else the
    latest plan."""
    plans = figures.plans()
    if candidate.plan_years is not None:
        first, last = candidate.plan_years
        return next(
            (p for p in plans if (p.start_date.year, p.end_date.year) == (first, last)), None
        )
    day = figures.as_of.date() if figures.as_of is not None else today_in_denmark()
    running = [p for p in plans if p.start_date <= day <= p.end_date]
    if running:
        return running[0]
    started = [p for p in plans if p.start_date <= day]
    return max(started, key=lambda p: p.start_date) if started else None


def _money_text(total: Decimal, scale: int, places: int, language: Language) -> str:
    """A plan's total at the scale the text writes it in (``118,2 mio. kr.``, ``DKK 118.2m``)."""
    if scale == 1_000_000:
        return format_dkk_millions(total, language, places)
    if scale == 1_000_000_000:
        number = format_number(total / scale, language, places)
        return f"{number} mia. kr." if language == "da" else f"DKK {number}bn"
    number = format_number(total, language)
    return f"{number} kr." if language == "da" else f"DKK {number}"

"""Checking ``budget`` claims: money in a sentence that names a plan or a plan period, against
the plan's published total (docs/claims.md, "Budgets"); and ``allocation`` claims, money for an
organisation, initiative or action area, against that initiative's own figures, never the plan's
total (docs/claims.md, "Money for initiatives")."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from planwatch.claims.candidates import Candidate
from planwatch.claims.extract_budgets import (
    CURRENT_NOTE,
    FUNDED_NOTE,
    Recipient,
    clause_of,
    recipients,
)
from planwatch.claims.outcomes import Outcome, cite, not_checked, quote
from planwatch.claims.quantities import find_quantities
from planwatch.claims.report import StoredFigure
from planwatch.claims.sentences import sentence_language
from planwatch.claims.stored import StoredFigures
from planwatch.claims.tolerance import agrees
from planwatch.domain.clock import today_in_denmark
from planwatch.domain.plans import Plan
from planwatch.figures.dashboard import InitiativeYear
from planwatch.formatting import Language, format_dkk_millions, format_number


def check_budget(figures: StoredFigures, candidate: Candidate) -> Outcome:
    """An amount against the total of the plan the sentence is about, at the amount's scale
    and decimals."""
    if _names_no_plan(candidate):
        return _by_total(figures, candidate)
    plan = _plan(figures, candidate)
    if plan is None:
        period = "–".join(str(y) for y in candidate.plan_years or ())
        if candidate.note is not None and candidate.note.startswith(FUNDED_NOTE):
            year = candidate.note.removeprefix(FUNDED_NOTE)
            return Outcome(
                "not-in-data",
                f"planwatch har ingen handlingsplan, der begynder året efter aftalen for {year}.",
                f"planwatch holds no action plan beginning the year after the {year} agreement.",
            )
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
    rule_da, rule_en = _RULES[_rule(candidate)]
    if agrees(quantity.written, quantity.decimals, written_total, quantity.qualifier):
        return Outcome(
            "consistent",
            f"{plan.name_da} har en samlet ramme på {right_da} ({cited}). {rule_da}",
            f"{plan.name_en} has a total of {right_en} ({cited}). {rule_en}",
            stored,
        )
    if _another_amount_is_the_total(figures, candidate, total):
        return not_checked(
            f"Et andet beløb i sætningen er {plan.name_da}s samlede ramme ({right_da}, {cited}); "
            f"{quote(quantity.text, 'da')} er en del af den eller noget andet og kontrolleres "
            "ikke.",
            f"Another amount in the sentence is the total of {plan.name_en} ({right_en}, "
            f"{cited}); {quote(quantity.text, 'en')} is part of it or something else and is not "
            "checked.",
            stored,
        )
    return Outcome(
        "inconsistent",
        f"Teksten siger {quote(quantity.text, 'da')}, men {plan.name_da} har en samlet "
        f"ramme på {right_da} ({cited}). {rule_da}",
        f"The text says {quote(quantity.text, 'en')}, but {plan.name_en} has a total of "
        f"{right_en} ({cited}). {rule_en}",
        stored,
        shown,
    )


_RULES: Final[dict[str, tuple[str, str]]] = {
    "period": (
        "Regel: beløbet mod den handlingsplan, hvis periode teksten nævner.",
        "Rule: the amount against the action plan whose period the text names.",
    ),
    "funded": (
        "Regel: en plan nævnt ved året for den aftale, der finansierede den, er planen, der "
        "begynder året efter.",
        "Rule: a plan named by the year of the agreement that funded it is the plan that begins "
        "the year after.",
    ),
    "previous": (
        "Regel: beløbet mod den handlingsplan, hvis periode den foregående sætning nævner.",
        "Rule: the amount against the action plan whose period the previous sentence names.",
    ),
    "current": (
        "Regel: »den nuværende plan« er planen, der løber på referencedatoen.",
        "Rule: “the current plan” is the plan running on the reference date.",
    ),
    "total": (
        "Regel: teksten nævner ingen bestemt plan; beløbet er lig med netop én plans samlede "
        "ramme og gælder den plan.",
        "Rule: the text names no particular plan; the amount equals exactly one plan's total "
        "and is about that plan.",
    ),
}
"""The rule that chose the plan a budget claim is checked against (docs/claims.md, "Budgets")."""


def _another_amount_is_the_total(
    figures: StoredFigures, candidate: Candidate, total: Decimal
) -> bool:
    """Whether the sentence states, besides this amount, one that is the plan's total (*de 9,4
    millioner kroner … ender de samlede ressourcer på 108,35 millioner kroner*)."""
    language = sentence_language(candidate.sentence.text, figures.language)
    own = candidate.stated[0]
    return any(
        q.kind == "money"
        and q.start != own.start
        and agrees(q.written, q.decimals, total / q.scale, q.qualifier)
        for q in find_quantities(candidate.sentence.text, language, candidate.sentence.start)
    )


def _rule(candidate: Candidate) -> str:
    note = candidate.note or ""
    if note.startswith(FUNDED_NOTE):
        return "funded"
    if note == CURRENT_NOTE:
        return "current"
    return "previous" if candidate.years_from == "previous" else "period"


def _names_no_plan(candidate: Candidate) -> bool:
    """A budget claim whose sentence (and the one before it) names no period, funding agreement
    or current plan: which plan it is about is read from its amount only."""
    return candidate.plan_years is None and candidate.note is None


def _by_total(figures: StoredFigures, candidate: Candidate) -> Outcome:
    """An amount in a plan sentence that names no plan: consistent with the one plan whose total
    it equals; not checked when it equals none or several (never compared with the current
    plan)."""
    quantity = candidate.stated[0]
    fits = [
        p
        for p in figures.plans()
        if agrees(quantity.written, quantity.decimals, p.total_dkk / quantity.scale,
                  quantity.qualifier)
    ]  # fmt: skip
    names_da = "; ".join(
        f"{p.name_da}: {format_dkk_millions(p.total_dkk, 'da', 1)}" for p in figures.plans()
    )
    names_en = "; ".join(
        f"{p.name_en}: {format_dkk_millions(p.total_dkk, 'en', 1)}" for p in figures.plans()
    )
    if len(fits) != 1:
        which_da = "ingen plans" if not fits else "flere planers"
        which_en = "no plan's" if not fits else "several plans'"
        return not_checked(
            f"Teksten nævner ikke, hvilken handlingsplan beløbet gælder (periode eller aftale), "
            f"og {quote(quantity.text, 'da')} svarer til {which_da} samlede ramme ({names_da}). "
            "Regel: et beløb uden en bestemt plan sammenlignes ikke med den nuværende plan.",
            f"The text does not say which action plan the amount is for (period or agreement), "
            f"and {quote(quantity.text, 'en')} matches {which_en} total ({names_en}). Rule: an "
            "amount naming no particular plan is not compared with the current plan.",
        )
    plan = fits[0]
    places = max(quantity.decimals, 1)
    shown = _money_text(plan.total_dkk, quantity.scale, places, figures.language)
    source = figures.source_infos([plan.source_id])
    rule_da, rule_en = _RULES["total"]
    return Outcome(
        "consistent",
        f"{plan.name_da} har en samlet ramme på "
        f"{_money_text(plan.total_dkk, quantity.scale, places, 'da')} ({cite(source)}). {rule_da}",
        f"{plan.name_en} has a total of "
        f"{_money_text(plan.total_dkk, quantity.scale, places, 'en')} ({cite(source)}). {rule_en}",
        (StoredFigure(None, None, plan.total_dkk, shown, source, plan_id=plan.plan_id),),
    )


def _plan(figures: StoredFigures, candidate: Candidate) -> Plan | None:
    """The plan of the period named; the plan that begins the year after the funding agreement
    named; else the plan running on the reference date, else the latest plan."""
    plans = figures.plans()
    note = candidate.note or ""
    if note.startswith(FUNDED_NOTE):
        begins = int(note.removeprefix(FUNDED_NOTE)) + 1
        found = [p for p in plans if p.start_date.year == begins]
        return found[0] if len(found) == 1 else None
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


def check_allocation(figures: StoredFigures, candidate: Candidate) -> Outcome:
    """An amount for an organisation, initiative or action area (docs/claims.md, "Money for
    initiatives"): against that initiative's allocation (or spending) when planwatch holds real
    figures for it; ``not-in-data`` when it holds only illustrative ones or none; never against
    the plan's total."""
    quantity = candidate.stated[0]
    said_da, said_en = quote(candidate.text, "da"), quote(candidate.text, "en")
    low, high = clause_of(candidate.sentence, quantity)
    named = recipients(candidate.sentence.text[low:high])
    plan = _plan(figures, candidate)
    never_da = "Beløbet sammenlignes ikke med handlingsplanens samlede ramme."
    never_en = "The amount is not compared with the action plan's total."
    if plan is None or not named:
        return Outcome(
            "not-in-data",
            f"planwatch har ingen tal for, hvad {said_da} gælder. {never_da}",
            f"planwatch holds no figures for what {said_en} is for. {never_en}",
        )
    rows = [
        r for r in figures.initiative_years(plan.plan_id) if any(_matches(r, n) for *_, n in named)
    ]
    who = ", ".join(dict.fromkeys(n.text for *_, n in named))
    if not rows:
        return Outcome(
            "not-in-data",
            f"planwatch har ingen bevillinger eller forbrug for {who} i {plan.name_da}. {never_da}",
            f"planwatch holds no allocations or spending for {who} in {plan.name_en}. {never_en}",
        )
    names_da = "; ".join(dict.fromkeys(r.name_da for r in rows))
    names_en = "; ".join(dict.fromkeys(r.name_en for r in rows))
    if any(r.illustrative for r in rows):
        cited = cite(figures.illustrative_sources())
        return Outcome(
            "not-in-data",
            f"planwatch har kun illustrative tal for dette initiativ ({names_da}; {cited}), "
            f"ingen offentliggjorte, så {said_da} kontrolleres ikke. {never_da}",
            f"planwatch has only illustrative figures for this initiative ({names_en}; "
            f"{cited}), no published ones, so {said_en} is not checked. {never_en}",
        )
    if len({r.code for r in rows}) > 1 and all(n.area is None for *_, n in named):
        return not_checked(
            f"{who} står for flere initiativer ({names_da}); det fremgår ikke, hvilket "
            f"{said_da} gælder. {never_da}",
            f"{who} is behind several initiatives ({names_en}); the text does not say which "
            f"{said_en} is for. {never_en}",
        )
    spending = candidate.note == "spending"
    year = candidate.years[0] if candidate.years else None
    values = [
        (r.spent if spending else r.allocated) for r in rows if year is None or r.year == year
    ]
    if not values or any(v is None for v in values):
        return Outcome(
            "not-in-data",
            f"planwatch har intet tal for {names_da}{f' i {year}' if year else ''}. {never_da}",
            f"planwatch holds no figure for {names_en}{f' in {year}' if year else ''}. {never_en}",
        )
    total = sum((v for v in values if v is not None), Decimal(0))
    places = max(quantity.decimals, 1)
    right_da = _money_text(total, quantity.scale, places, "da")
    right_en = _money_text(total, quantity.scale, places, "en")
    what_da = ("forbrug" if spending else "bevilling") + (f" i {year}" if year else " i alt")
    what_en = ("spending" if spending else "allocation") + (f" in {year}" if year else " in all")
    cited = cite(figures.source_infos([plan.source_id]))
    shown = right_da if figures.language == "da" else right_en
    sources = figures.source_infos([plan.source_id])
    stored = (StoredFigure(None, year, total, shown, sources, plan_id=plan.plan_id),)
    rule_da = "Regel: beløbet mod initiativets eget tal, afrundet som i teksten."
    rule_en = "Rule: the amount against the initiative's own figure, rounded as the text rounds."
    if agrees(quantity.written, quantity.decimals, total / quantity.scale, quantity.qualifier):
        return Outcome(
            "consistent",
            f"{names_da}, {what_da}: planwatch har {right_da} ({cited}). {rule_da}",
            f"{names_en}, {what_en}: planwatch holds {right_en} ({cited}). {rule_en}",
            stored,
        )
    return Outcome(
        "inconsistent",
        f"{names_da}, {what_da}: teksten siger {said_da}, men planwatch har {right_da} "
        f"({cited}). {rule_da}",
        f"{names_en}, {what_en}: the text says {said_en}, but planwatch holds {right_en} "
        f"({cited}). {rule_en}",
        stored,
        right_da if figures.language == "da" else right_en,
    )


def _matches(row: InitiativeYear, recipient: Recipient) -> bool:
    """Whether an initiative is the organisation, topic or action area a text names."""
    if recipient.area is not None:
        return row.action_area_code == recipient.area
    match = (recipient.match or "").lower()
    return any(match in text.lower() for text in (row.name_da, row.name_en, row.responsible_org))

"""Whether a stated figure agrees with the stored (or computed) one: rounded as the text rounds
it, or compared as its qualifier says (docs/claims.md, "Tolerance"), and whether a ratio agrees
with a multiple said in words (*fordoblet*, *næsten fordoblet*, *mere end tredoblet*)."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from planwatch.formatting import format_number, round_half_up

A_LITTLE: Final = Decimal("0.10")
"""How far *knap* / *næsten* / *nearly* (a little under) and *godt* / *just over* (a little
over) may be from the stated figure, as a share of it: *knap 120 mio. kr.* is at least 108 and
below 120; *godt 118 mio. kr.* above 118 and at most 129.8. Wide enough that a true sentence
rounded the way officials round ("næsten 100" for 93) is never judged inconsistent."""

RATIO_NEAR: Final = Decimal("0.125")
"""How far a multiple said with *næsten* / *knap* / *nearly* / *godt* / *ca.* may be from the
factor, as a share of it: *næsten fordoblet* is 1.75 ≤ ratio < 2 (×1.59 is not), *godt
fordoblet* 2 < ratio ≤ 2.25, *omkring fordoblet* 1.75-2.25; for *halveret* the same on the
inverse ratio (*næsten halveret*: 0.5 < ratio ≤ 0.5 / 0.875 ≈ 0.571)."""

RATIO_DECIMALS: Final = 1
"""A multiple said without a qualifier (*fordoblet*, *tredoblet*, *halveret*) agrees when the
ratio rounded half up to this many decimals is the factor: *fordoblet* is 1.95 ≤ ratio < 2.05."""


def agrees(stated: Decimal, decimals: int, actual: Decimal, qualifier: str = "exact") -> bool:
    """Whether ``actual`` (stored or computed) agrees with a figure stated with ``decimals``
    decimals and a qualifier (docs/claims.md, "Tolerance")."""
    if qualifier == "more":
        return actual > stated
    if qualifier == "at-least":
        return actual >= stated
    if qualifier == "less":
        return actual < stated
    if qualifier == "at-most":
        return actual <= stated
    if qualifier == "just-under" and stated > 0:
        return stated * (1 - A_LITTLE) <= actual < stated
    if qualifier == "just-over" and stated > 0:
        return stated < actual <= stated * (1 + A_LITTLE)
    if qualifier in ("approx", "just-under", "just-over") and decimals == 0 and stated != 0:
        return round_half_up(actual, -_trailing_zeros(stated)) == stated
    return round_half_up(actual, decimals) == stated


def _trailing_zeros(value: Decimal) -> int:
    digits = str(abs(int(value)))
    return len(digits) - len(digits.rstrip("0"))


def ratio_agrees(ratio: Decimal, factor: Decimal, qualifier: str) -> bool:
    """Whether a ratio of new to old agrees with a factor stated in words (*fordoblet*: 2,
    *mere end halveret*: below 0.5, *næsten fordoblet*: 1.75 up to 2). A shrinking factor
    (*halveret*) is judged on the inverse ratio, so *næsten halveret* is as near as *næsten
    fordoblet*."""
    growing = factor > 1
    if qualifier in ("more", "at-least", "less", "at-most"):
        beyond = qualifier in ("more", "at-least")  # further from 1 than the factor
        strict = qualifier in ("more", "less")
        if growing != beyond:
            return ratio < factor if strict else ratio <= factor
        return ratio > factor if strict else ratio >= factor
    if ratio <= 0:
        return False
    # the multiple as a growth: 2 for doubled and for halved
    times, target = (ratio, factor) if growing else (1 / ratio, 1 / factor)
    if qualifier == "just-under":
        return target * (1 - RATIO_NEAR) <= times < target
    if qualifier == "just-over":
        return target < times <= target * (1 + RATIO_NEAR)
    if qualifier == "approx":
        return abs(times - target) <= target * RATIO_NEAR
    return round_half_up(ratio, RATIO_DECIMALS) == factor


def ratio_bounds(factor: Decimal, qualifier: str) -> tuple[Decimal | None, Decimal | None]:
    """The ratios of new to old a multiple in words allows, as (lowest, highest) (``None``:
    open), for the explanation; :func:`ratio_agrees` decides the edges."""
    growing = factor > 1
    if qualifier in ("more", "at-least"):
        return (factor, None) if growing else (None, factor)
    if qualifier in ("less", "at-most"):
        return (None, factor) if growing else (factor, None)
    target = factor if growing else 1 / factor
    low, high = {
        "just-under": (target * (1 - RATIO_NEAR), target),
        "just-over": (target, target * (1 + RATIO_NEAR)),
        "approx": (target * (1 - RATIO_NEAR), target * (1 + RATIO_NEAR)),
    }.get(qualifier, (target - Decimal("0.05"), target + Decimal("0.05")))
    if not growing and qualifier in ("just-under", "just-over", "approx"):
        low, high = 1 / high, 1 / low
    elif not growing:
        low, high = factor - Decimal("0.05"), factor + Decimal("0.05")
    return low, high


def ratio_rule(text: str, factor: Decimal, qualifier: str) -> tuple[str, str]:
    """The rule a multiple in words is checked by, in Danish and English: *»næsten fordoblet«
    betyder et forhold mellem nyt og gammelt tal fra 1,75 til under 2*."""
    low, high = ratio_bounds(factor, qualifier)
    texts: list[str] = []
    for language in ("da", "en"):
        lo = None if low is None else format_number(low, language, 2)
        hi = None if high is None else format_number(high, language, 2)
        if language == "da":
            span = (
                f"over {lo}"
                if hi is None
                else f"under {hi}"
                if lo is None
                else (f"mellem {lo} og {hi}")
            )
            texts.append(
                f"Regel: »{text.strip()}« betyder, at forholdet mellem det nye og det gamle "
                f"tal er {span}."
            )
        else:
            span = (
                f"above {lo}"
                if hi is None
                else f"below {hi}"
                if lo is None
                else (f"between {lo} and {hi}")
            )
            texts.append(
                f"Rule: “{text.strip()}” means the ratio of the new figure to the old is {span}."
            )
    return texts[0], texts[1]


def figure_rule(stated: str, decimals: int, qualifier: str) -> tuple[str, str]:
    """The rule :func:`agrees` applied to a stated figure, in Danish and English, for the
    explanation: *Regel: et tal skal være præcis det, planwatch har* / *Rule: »knap 120 mio.
    kr.« means a little under: at most 10 % below*."""
    said_da, said_en = f"»{stated.strip()}«", f"“{stated.strip()}”"
    share = f"{int(A_LITTLE * 100)} %"
    if qualifier == "more":
        return (
            f"Regel: {said_da} betyder, at tallet er større.",
            f"Rule: {said_en} means the figure is larger.",
        )
    if qualifier == "at-least":
        return (
            f"Regel: {said_da} betyder mindst det tal.",
            f"Rule: {said_en} means at least that figure.",
        )
    if qualifier == "less":
        return (
            f"Regel: {said_da} betyder, at tallet er mindre.",
            f"Rule: {said_en} means the figure is smaller.",
        )
    if qualifier == "at-most":
        return (
            f"Regel: {said_da} betyder højst det tal.",
            f"Rule: {said_en} means at most that figure.",
        )
    if qualifier == "just-under":
        return (
            f"Regel: {said_da} betyder lidt under: under tallet og højst {share} under.",
            f"Rule: {said_en} means a little under: below the figure and at most {share} below.",
        )
    if qualifier == "just-over":
        return (
            f"Regel: {said_da} betyder lidt over: over tallet og højst {share} over.",
            f"Rule: {said_en} means a little over: above the figure and at most {share} above.",
        )
    if qualifier == "approx":
        return (
            f"Regel: {said_da} betyder tallet afrundet til det sidste ciffer, der ikke er nul.",
            f"Rule: {said_en} means the figure rounded to the last digit that is not zero.",
        )
    if decimals:
        return (
            f"Regel: tallet afrundet til {decimals} decimal(er) skal være {said_da}.",
            f"Rule: the figure rounded to {decimals} decimal(s) must be {said_en}.",
        )
    return (
        "Regel: et antal skal være præcis det, planwatch har.",
        "Rule: a count must be exactly the one planwatch holds.",
    )

"""Whether a stated figure agrees with the stored (or computed) one: rounded as the text rounds
it, or compared as its qualifier says (docs/claims.md, "Tolerance")."""

from __future__ import annotations

from decimal import Decimal

from planwatch.formatting import round_half_up


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
    if qualifier == "approx" and decimals == 0 and stated != 0:
        return round_half_up(actual, -_trailing_zeros(stated)) == stated
    return round_half_up(actual, decimals) == stated


def _trailing_zeros(value: Decimal) -> int:
    digits = str(abs(int(value)))
    return len(digits) - len(digits.rstrip("0"))


def ratio_agrees(ratio: Decimal, factor: Decimal, qualifier: str) -> bool:
    """Whether a ratio of new to old agrees with a factor stated in words (*fordoblet*: 2,
    *mere end halveret*: below 0.5)."""
    growing = factor > 1
    if qualifier == "more":
        return ratio > factor if growing else ratio < factor
    if qualifier == "at-least":
        return ratio >= factor if growing else ratio <= factor
    return round_half_up(ratio, 1) == factor

"""Decimals as people read them."""

from __future__ import annotations

from decimal import Decimal


def plain(value: object) -> Decimal:
    """A Decimal without trailing zeros and never in exponent form (290, not 2.9E+2)."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()

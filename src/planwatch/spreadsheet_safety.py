"""Keep text from turning into a formula when a file we wrote is opened in a spreadsheet.

A cell whose text begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which
some programs skip before looking for those) is run as a formula by Excel and LibreOffice
("CSV/formula injection"). Every piece of text planwatch writes into a CSV or XLSX file that a
person will open goes through :func:`neutralise`, which puts a single quote in front of such
text so it is shown as text and never evaluated.

Numbers must be passed as numbers: ``neutralise(-5)`` is returned untouched, but the *string*
``"-5"`` is text and comes back as ``"'-5"``. Callers that write figures must convert them to
``int``/``float``/``Decimal`` first (or write them without calling this function, for example
a figure already formatted by planwatch itself).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

DANGEROUS_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r")
QUOTE: Final = "'"


def is_dangerous(text: str) -> bool:
    """True if a spreadsheet could run ``text`` as a formula."""
    return text.startswith(DANGEROUS_PREFIXES)


def neutralise(value: object) -> object:
    """``value`` made safe to put in a spreadsheet cell; only risky text is changed."""
    if isinstance(value, str) and is_dangerous(value):
        return QUOTE + value
    return value


def neutralise_row(values: Sequence[object]) -> list[object]:
    """:func:`neutralise` applied to each value of a row."""
    return [neutralise(value) for value in values]

"""Keep text from turning into a formula when a file we wrote is opened in a spreadsheet.

A cell whose text begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which
some programs skip before looking for those) is run as a formula by Excel and LibreOffice
("CSV/formula injection"). Every piece of text planwatch writes into a CSV or XLSX file that a
person will open goes through :func:`neutralise`, which puts a single quote in front of such
text so it is shown as text and never evaluated.

Numbers are best passed as numbers: ``neutralise(-5)`` is returned untouched. A negative number
written as text (``"-3"``, ``"-3,5"``, ``"-1.234,5"``: a minus, digits 0-9, thousands separators
and one decimal part, see :func:`is_plain_number`) is data too and is left as it is (issue 18: the
problem report showed an uploader's ``-3`` as ``'-3``); a spreadsheet reads it as the number it
is and can run nothing. Anything else after a minus (``-A1+B1``, ``-3+3``, ``-1e5``) is quoted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

DANGEROUS_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r")
QUOTE: Final = "'"

# A minus, then whole digits or digits in groups of three (either separator), then at most one
# decimal part: "-3", "-3,5", "-1.234,5", "-1,234.5". Nothing else may follow. Digits are ASCII
# 0-9 only (what a spreadsheet reads as a number). The same pattern runs in DuckDB (RE2) where
# exports write their CSV lines in SQL (planwatch.storage.export_stream), so it uses nothing
# that Python's re and RE2 read differently.
PLAIN_NUMBER_PATTERN: Final = (
    r"-(?:[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]{1,3}(?:,[0-9]{3})+)(?:[.,][0-9]+)?"
)
_PLAIN_NUMBER: Final = re.compile(PLAIN_NUMBER_PATTERN)


def is_plain_number(text: str) -> bool:
    """True if ``text`` is a negative number written plainly, which no spreadsheet runs."""
    return _PLAIN_NUMBER.fullmatch(text) is not None


def is_dangerous(text: str) -> bool:
    """True if a spreadsheet could run ``text`` as a formula."""
    return text.startswith(DANGEROUS_PREFIXES) and not is_plain_number(text)


def neutralise(value: object) -> object:
    """``value`` made safe to put in a spreadsheet cell; only risky text is changed."""
    if isinstance(value, str) and is_dangerous(value):
        return QUOTE + value
    return value


def neutralise_row(values: Sequence[object]) -> list[object]:
    """:func:`neutralise` applied to each value of a row."""
    return [neutralise(value) for value in values]

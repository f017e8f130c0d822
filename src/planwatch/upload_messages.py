"""The problems an upload can have: stable codes, and messages in Danish and English.

A message template names what it needs (``{column}``, ``{value}``, ``{total}``, ...); numbers
and periods are written the way a reader of each language expects (``1.234,5`` / ``1,234.5``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from planwatch.domain.periods import Period
from planwatch.errors import Problem
from planwatch.formatting import format_number

# code -> (Danish, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "missing-value": (
        "Kolonnen '{column}' skal udfyldes.",
        "The column '{column}' must be filled in.",
    ),
    "not-a-number": (
        "'{value}' i kolonnen '{column}' er ikke et tal. Skriv fx 1234 eller 1.234,5.",
        "'{value}' in the column '{column}' is not a number. Write e.g. 1234 or 1234.5.",
    ),
    "not-a-whole-number": (
        "'{value}' i kolonnen '{column}' skal være et helt tal.",
        "'{value}' in the column '{column}' must be a whole number.",
    ),
    "unknown-indicator": (
        "Indikatoren '{value}' kendes ikke. Brug en kode eller et navn fra skabelonens kodeliste.",
        "The indicator '{value}' is not known. Use a code or a name from the template's list "
        "of codes.",
    ),
    "unknown-initiative": (
        "Indsatsen '{value}' kendes ikke. Brug en kode eller et navn fra skabelonens kodeliste.",
        "The initiative '{value}' is not known. Use a code or a name from the template's list "
        "of codes.",
    ),
    "year-too-early": ("Året {value} ligger før 2000.", "The year {value} is before 2000."),
    "year-too-late": ("Året {value} er ikke gyldigt.", "The year {value} is not valid."),
    "quarter-out-of-range": (
        "Kvartalet skal være 1, 2, 3 eller 4, ikke '{value}'.",
        "The quarter must be 1, 2, 3 or 4, not '{value}'.",
    ),
    "quarter-not-ended": (
        "{period} er ikke slut endnu; tal kan først indberettes, når kvartalet er gået.",
        "{period} has not ended yet; figures can be sent once the quarter is over.",
    ),
    "year-outside-plan": (
        "Året {value} ligger uden for planens periode ({plan}: {first}–{last}).",
        "The year {value} is outside the plan's period ({plan}: {first}–{last}).",
    ),
    "negative-value": (
        "'{value}' i kolonnen '{column}' er negativ; tallet skal være 0 eller derover.",
        "'{value}' in the column '{column}' is negative; it must be 0 or more.",
    ),
    "value-too-large": (
        "'{value}' i kolonnen '{column}' er urealistisk stort. Tjek tallet (tusindtalsskilletegn "
        "og decimaler).",
        "'{value}' in the column '{column}' is unrealistically large. Check the figure "
        "(thousands separators and decimals).",
    ),
    "too-many-decimals": (
        "'{value}' har mere end to decimaler (øre).",
        "'{value}' has more than two decimals.",
    ),
    "not-in-vocabulary": (
        "'{value}' er ikke en tilladt værdi i kolonnen '{column}'. Tilladt: {allowed}. "
        "Tom celle = i alt.",
        "'{value}' is not an allowed value in the column '{column}'. Allowed: {allowed}. "
        "Blank = total.",
    ),
    "duplicate-row": (
        "Samme tal (indikator, periode og opdeling) står allerede i række {first}.",
        "The same figure (indicator, period and breakdown) is already in row {first}.",
    ),
    "parts-exceed-total": (
        "Delene fordelt på {dimension} giver {parts}, men i alt er {total} ({key}).",
        "The parts by {dimension} add up to {parts}, but the total is {total} ({key}).",
    ),
    "allocations-exceed-plan": (
        "Bevillingerne til planen {plan} bliver i alt {total} kr., mere end planens ramme på "
        "{limit} kr.",
        "The allocations to the plan {plan} would total DKK {total}, more than the plan's "
        "total of DKK {limit}.",
    ),
    "correction-needs-reason": (
        "Tallet er i dag {old} og vil blive rettet til {value}. En rettelse kræver en begrundelse.",
        "The stored figure is {old} and would be corrected to {value}. A correction needs a "
        "reason.",
    ),
    "over-allocation": (
        "Forbruget i {year} på {initiative} bliver {total} kr., mere end bevillingen på "
        "{allocation} kr.",
        "Spending in {year} on {initiative} would be DKK {total}, more than the allocation of "
        "DKK {allocation}.",
    ),
    "outlier": (
        "{value} ligger langt fra indikatorens hidtidige tal ({low}–{high} pr. kvartal). "
        "Tjek tallet.",
        "{value} is far outside the indicator's history ({low}–{high} per quarter). "
        "Check the figure.",
    ),
    "gap-quarter": (
        "{period} mangler, så der bliver et hul i serien.",
        "{period} is missing, which leaves a gap in the series.",
    ),
    "initiative-details-differ": (
        "'{value}' svarer ikke til det, der er registreret for indsatsen ({recorded}).",
        "'{value}' does not match what is recorded for the initiative ({recorded}).",
    ),
}

WARNINGS: Final = frozenset(
    {"over-allocation", "outlier", "gap-quarter", "initiative-details-differ"}
)


def cell_text(value: object) -> str:
    """A cell as the user wrote it (a whole float from Excel without its ``.0``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _render(value: object, language: str) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        decimals = 0 if Decimal(str(value)) == Decimal(str(value)).to_integral_value() else 2
        return format_number(value, language, decimals)
    if isinstance(value, Period):
        return value.label(language)
    return str(value)


def problem(
    code: str,
    *,
    row: int | None,
    column: str | None,
    value: object = None,
    **details: object,
) -> Problem:
    """A Problem with its message in both languages. ``value`` is the cell as written."""
    da, en = MESSAGES[code]
    text = None if value is None else cell_text(value)
    common = {"column": column or "", "value": text or ""}
    return Problem(
        code,
        da.format(**common, **{k: _render(v, "da") for k, v in details.items()}),
        en.format(**common, **{k: _render(v, "en") for k, v in details.items()}),
        row=row,
        column=column,
        value=text,
        severity="warning" if code in WARNINGS else "error",
    )

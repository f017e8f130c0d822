"""Texts of the Budget page and of the charts' titles and credits (issue 18), Danish and
English."""

from __future__ import annotations

from typing import Final

BUDGET_TEXTS: Final[dict[str, dict[str, str]]] = {
    "budget_year": {"da": "År", "en": "Year"},
    "allocation_in_year": {
        "da": "Bevilling og forbrug pr. indsats i {year}",
        "en": "Allocation and spending per initiative in {year}",
    },
    "budget_source": {
        "da": "bevillinger og forbrug indberettet til planwatch",
        "en": "allocations and spending reported to planwatch",
    },
    "yearly_span": {"da": "år for år, {first}–{last}", "en": "year by year, {first}–{last}"},
    "yearly_one": {"da": "{year}", "en": "{year}"},
}

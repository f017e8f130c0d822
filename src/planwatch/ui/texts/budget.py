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
    "money_and_results": {
        "da": "Penge og resultater pr. indsats",
        "en": "Money and results per initiative",
    },
    "money_and_results_help": {
        "da": "Bevilling i planens år og forbrug til og med den valgte dato, og det seneste år "
        "med tal for hver af indsatsens resultatindikatorer (sat i planens projektmappe, arket "
        "Resultatindikatorer).",
        "en": "Allocation in the plan's years and spending up to the chosen date, and the latest "
        "year with figures of each of the initiative's result indicators (set in the plan "
        "workbook's sheet Result indicators).",
    },
    "col_results": {"da": "Resultater", "en": "Results"},
    "no_result_figures": {"da": "ingen tal endnu", "en": "no figures yet"},
    "no_result_indicators": {"da": "ingen resultatindikator", "en": "no result indicator"},
    "result_target": {"da": "mål {year}: {goal}", "en": "target {year}: {goal}"},
    "result_target_end": {
        "da": "mål ved planens udløb ({year}): {goal}",
        "en": "target for the plan's end ({year}): {goal}",
    },
    "result_target_met": {"da": "nået", "en": "met"},
    "result_target_below": {"da": "{amount} under målet", "en": "{amount} below the target"},
    "result_target_above": {"da": "{amount} over målet", "en": "{amount} above the target"},
}

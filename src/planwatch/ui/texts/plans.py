"""Texts of the plans set side by side on the overview (issue 19)."""

from __future__ import annotations

from typing import Final

PLANS_TEXTS: Final[dict[str, dict[str, str]]] = {
    "plans_side_by_side": {"da": "Planerne side om side", "en": "The plans side by side"},
    "plans_side_by_side_intro": {
        "da": "Hver plans ramme og kerneindikatorerne over planens år: summen af de hele år med "
        "tal og gennemsnittet pr. år. År uden et helt tal nævnes, så en plan, hvis år ikke alle "
        "er gjort op, ikke sammenlignes med en hel uden at det står der.",
        "en": "Each plan's total and the core indicators over the plan's years: the sum of the "
        "complete years with figures and the average per year. Years without a complete figure "
        "are named, so that a plan whose years are not all in is never set against a whole "
        "one without saying so.",
    },
    "plans_to_compare": {"da": "Planer at sammenligne", "en": "Plans to compare"},
    "plans_choose_two": {
        "da": "Vælg mindst to planer.",
        "en": "Choose at least two plans.",
    },
    "plans_row": {"da": "Tal", "en": "Figure"},
    "plans_total_row": {"da": "Samlet ramme", "en": "Total"},
    "plans_per_year_row": {
        "da": "Ramme pr. år (samlet ramme delt på planens år)",
        "en": "Total per year (the total over the plan's years)",
    },
    "plans_flow_cell": {
        "da": "{total} i alt ({years}) · {per_year} pr. år",
        "en": "{total} in all ({years}) · {per_year} a year",
    },
    "plans_stock_cell": {"da": "{total} ({year})", "en": "{total} ({year})"},
    "plans_missing": {"da": "mangler {years}", "en": "missing {years}"},
    "plans_no_figures": {"da": "ingen hele år med tal", "en": "no complete years with figures"},
    "plans_illustrative": {"da": "ILLUSTRATIVT", "en": "ILLUSTRATIVE"},
    # A plan workbook awaiting approval (Godkendelse, Mine indberetninger)
    "plan_preview_summary": {
        "da": "Planen {name} · {years} · ramme {total} · {initiatives} indsatser, "
        "{allocations} bevillinger, {targets} mål og basisår",
        "en": "The plan {name} · {years} · total {total} · {initiatives} initiatives, "
        "{allocations} allocations, {targets} targets and baselines",
    },
    "plan_preview_source": {
        "da": "Kilde: {title} ({publisher})",
        "en": "Source: {title} ({publisher})",
    },
    "plan_preview_illustrative": {
        "da": "ILLUSTRATIVT: planen bygger på en opdigtet kilde og vises overalt markeret som "
        "illustrativ, aldrig som officiel.",
        "en": "ILLUSTRATIVE: the plan is based on a made-up source and is shown marked as "
        "illustrative everywhere, never as official.",
    },
    # no period after {total}: a Danish amount ends in "kr." already
    "plan_preview_allocated": {
        "da": "Fordelt på indsatser: {allocated} af rammen på {total}",
        "en": "Allocated to initiatives: {allocated} of the total of {total}.",
    },
    "plan_preview_col_initiative": {"da": "Indsats", "en": "Initiative"},
    "plan_preview_col_area": {"da": "Indsatsområde", "en": "Action area"},
    "plan_preview_col_responsible": {"da": "Ansvarlig", "en": "Responsible"},
    "plan_preview_col_indicator": {"da": "Indikator", "en": "Indicator"},
    "plan_preview_col_year": {"da": "År", "en": "Year"},
    "plan_preview_col_kind": {"da": "Slags", "en": "Kind"},
    "plan_preview_col_value": {"da": "Værdi", "en": "Value"},
    "plan_preview_plan_end": {"da": "planens slutning", "en": "end of the plan"},
    "plan_preview_kind_target": {"da": "mål", "en": "target"},
    "plan_preview_kind_baseline": {"da": "basisår", "en": "baseline"},
    "plan_submission_meta": {
        "da": "Sendt {at} (dansk tid) af {user} · planens definition (ingen tal)",
        "en": "Sent {at} (Danish time) by {user} · a plan's definition (no figures)",
    },
    "confirm_approve_plan": {
        "da": "Godkend indberetning {id}: planen {name}? Planen oprettes derefter og kan "
        "vælges på dashboardet.",
        "en": "Approve submission {id}: the plan {name}? The plan is then created and can be "
        "chosen on the dashboard.",
    },
    "approved_plan_done": {
        "da": "Indberetning {id} er godkendt: planen {name} er oprettet.",
        "en": "Submission {id} is approved: the plan {name} is created.",
    },
}

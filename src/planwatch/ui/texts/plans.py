"""Texts of the plans set side by side on the overview (issue 19)."""

from __future__ import annotations

from typing import Final

PLANS_TEXTS: Final[dict[str, dict[str, str]]] = {
    # Planer / Plans (issue 19): define or revise a plan through the workbook
    "plans_page": {"da": "Planer", "en": "Plans"},
    "plans_intro": {
        "da": "Definér den næste handlingsplan, eller revidér en gemt plan: i appens tabeller "
        "eller med planens projektmappe (hent den, udfyld eller ret den, og send den). Send med "
        "en begrundelse. En anden person godkender den under Godkendelse; først da vises den.",
        "en": "Define the next action plan, or revise a stored plan: in the app's tables or "
        "with the plan workbook (download it, fill it in or change it, and send it). Send it "
        "with a reason. Another person approves it under Approvals; only then does it show.",
    },
    "plan_form_heading": {"da": "Redigér i appen", "en": "Edit in the app"},
    "plan_form_intro": {
        "da": "Skriv planen ind her, ét faneblad pr. ark i planens projektmappe, eller vælg en "
        "gemt plan og ret den. Tal og datoer skrives som i Excel (2,5 eller 2.500.000; "
        "01-01-2026). Det, du sender, tjekkes og godkendes præcis som en projektmappe; et "
        "problem nævner fanebladet og tabellens række.",
        "en": "Type the plan in here, one tab per sheet of the plan workbook, or choose a "
        "stored plan and change it. Write numbers and dates as in Excel (2.5 or 2,500,000; "
        "2026-01-01). What you send is checked and approved exactly like a workbook; a problem "
        "names the tab and the table's row.",
    },
    "plan_form_choose": {"da": "Plan at redigere", "en": "Plan to edit"},
    "plan_form_new": {"da": "Ny plan (tomme tabeller)", "en": "New plan (empty tables)"},
    "plan_form_codes": {"da": "Indikatorernes koder", "en": "The indicators' codes"},
    "plan_form_code": {"da": "Kode", "en": "Code"},
    "plan_form_check": {"da": "Kontrollér", "en": "Check"},
    "plans_get": {"da": "Hent en projektmappe", "en": "Get a workbook"},
    "plans_template": {
        "da": "Tom skabelon til en ny plan (.xlsx)",
        "en": "Empty template for a new plan (.xlsx)",
    },
    "plans_choose": {"da": "Gemt plan", "en": "Stored plan"},
    "plans_stored": {
        "da": "Planen udfyldt, til revision (.xlsx)",
        "en": "The plan filled in, to revise (.xlsx)",
    },
    "plans_send": {"da": "Send en projektmappe", "en": "Send a workbook"},
    "plans_send_as": {
        "da": "Du sender som **{name}**. En plan med en gemt plans kode reviderer planen; skriv "
        "hvorfor.",
        "en": "You are sending as **{name}**. A plan with a stored plan's code revises that "
        "plan; say why.",
    },
    "plans_file": {"da": "Planens projektmappe (.xlsx)", "en": "The plan workbook (.xlsx)"},
    "plans_reason": {
        "da": "Begrundelse (fx »Ny handlingsplan 2026-2029« eller »Aftale om flere midler«)",
        "en": "Reason (e.g. “New action plan 2026-2029” or “Agreement on more funds”)",
    },
    "plans_submit": {"da": "Send til godkendelse", "en": "Send for approval"},
    "plans_awaiting": {
        "da": "Følg den under Mine indberetninger. Den vises først, når en anden person har "
        "godkendt den.",
        "en": "Follow it under My submissions. It shows only once another person has approved it.",
    },
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
    "plan_preview_result": {"da": " · 1 resultatindikator", "en": " · 1 result indicator"},
    "plan_preview_results": {
        "da": " · {count} resultatindikatorer",
        "en": " · {count} result indicators",
    },
    "plan_preview_source": {
        "da": "Kilde: {title} ({publisher})",
        "en": "Source: {title} ({publisher})",
    },
    "plan_revision_heading": {
        "da": "Revision af den gemte plan: {count} ændringer",
        "en": "A revision of the stored plan: {count} changes",
    },
    "plan_revision_none": {
        "da": "Revision af den gemte plan: projektmappen ændrer intet.",
        "en": "A revision of the stored plan: the workbook changes nothing.",
    },
    "plan_revision_caption": {
        "da": "Ved godkendelse bliver hver ændring en ny version; det gamle kan stadig ses med "
        "en tidligere dato. Tomt under Før: tilføjet. Tomt under Efter: trækkes tilbage.",
        "en": "On approval each change becomes a new version; the old one still shows for an "
        "earlier date. Empty under Before: added. Empty under After: withdrawn.",
    },
    "plan_revision_col_what": {"da": "Hvad", "en": "What"},
    "plan_revision_col_before": {"da": "Før", "en": "Before"},
    "plan_revision_col_after": {"da": "Efter", "en": "After"},
    "plan_revision_part_plan": {"da": "Planen", "en": "The plan"},
    "plan_revision_part_action_area": {"da": "Indsatsområde", "en": "Action area"},
    "plan_revision_part_initiative": {"da": "Indsats", "en": "Initiative"},
    "plan_revision_part_allocation": {"da": "Bevilling", "en": "Allocation"},
    "plan_revision_part_target": {"da": "Mål", "en": "Target"},
    "plan_revision_part_result": {"da": "Resultatindikator", "en": "Result indicator"},
    "plan_revision_part_source": {"da": "Kilden", "en": "The source"},
    "plan_revision_part_indicator": {"da": "Indikatoren", "en": "The indicator"},
    "plan_revision_field_title": {"da": "titel", "en": "title"},
    "plan_revision_field_publisher": {"da": "udgiver", "en": "publisher"},
    "plan_revision_field_url": {"da": "adresse", "en": "address"},
    "plan_revision_field_published_on": {"da": "udgivet", "en": "published"},
    "plan_revision_field_definition_da": {"da": "definition (dansk)", "en": "definition (Danish)"},
    "plan_revision_field_definition_en": {
        "da": "definition (engelsk)",
        "en": "definition (English)",
    },
    "plan_revision_field_synonyms_da": {"da": "andre ord (dansk)", "en": "other words (Danish)"},
    "plan_revision_field_synonyms_en": {
        "da": "andre ord (engelsk)",
        "en": "other words (English)",
    },
    "plan_revision_field_unit": {"da": "enhed", "en": "unit"},
    "plan_revision_field_aggregation": {"da": "opgørelse", "en": "aggregation"},
    "plan_revision_field_name_da": {"da": "navn (dansk)", "en": "name (Danish)"},
    "plan_revision_field_name_en": {"da": "navn (engelsk)", "en": "name (English)"},
    "plan_revision_field_total_dkk": {"da": "ramme", "en": "total"},
    "plan_revision_field_status": {"da": "status", "en": "status"},
    "plan_revision_field_source_id": {"da": "kilde", "en": "source"},
    "plan_revision_field_note": {"da": "aftale/note", "en": "agreement/note"},
    "plan_revision_field_responsible_org": {"da": "ansvarlig", "en": "responsible"},
    "plan_revision_field_amount_dkk": {"da": "beløb", "en": "amount"},
    "plan_revision_field_value": {"da": "værdi", "en": "value"},
    "plan_revision_field_direction": {"da": "retning", "en": "direction"},
    "plan_revision_field_indicator": {"da": "indikator", "en": "indicator"},
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
    "plan_preview_col_result": {"da": "Resultatindikator", "en": "Result indicator"},
    "plan_preview_col_new": {"da": "Ny indikator", "en": "New indicator"},
    "plan_preview_new_indicator": {
        "da": "oprettes ved godkendelse; enhed: {unit}; tæller: {definition}",
        "en": "created on approval; unit: {unit}; counts: {definition}",
    },
    "plan_preview_new_words": {
        "da": "{text}; andre ord: {words}",
        "en": "{text}; other words: {words}",
    },
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

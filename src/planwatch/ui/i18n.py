"""Every text the app shows, in Danish and English. Danish is the default."""

from __future__ import annotations

from typing import Final

from planwatch.ui.texts.about import ABOUT_TEXTS
from planwatch.ui.texts.accounts import ACCESS_TEXTS
from planwatch.ui.texts.budget import BUDGET_TEXTS
from planwatch.ui.texts.cards import CARDS_TEXTS
from planwatch.ui.texts.charts import CHART_TEXTS
from planwatch.ui.texts.exports import EXPORT_TEXTS
from planwatch.ui.texts.frame import FRAME_TEXTS
from planwatch.ui.texts.notes import NOTES_TEXTS
from planwatch.ui.texts.plans import PLANS_TEXTS
from planwatch.ui.texts.review import REVIEW_TEXTS

DASHBOARD_TEXTS: Final[dict[str, dict[str, str]]] = {
    "app_title": {"da": "planwatch", "en": "planwatch"},
    "language": {"da": "Sprog", "en": "Language"},
    "plan": {"da": "Handlingsplan", "en": "Action plan"},
    "overview": {"da": "Overblik", "en": "Overview"},
    "plan_total": {"da": "Planens samlede ramme", "en": "Plan total"},
    "allocated": {"da": "Fordelt på indsatser", "en": "Allocated to initiatives"},
    "spent": {"da": "Forbrug til dato", "en": "Spent to date"},
    "remaining": {"da": "Resterende", "en": "Remaining"},
    "no_money": {"da": "Ingen tal", "en": "No figures"},
    "illustrative_banner": {
        "da": "Bevillinger og forbrug pr. indsats er ikke offentliggjort. Tallene markeret "
        "ILLUSTRATIVT er opdigtede demotal og må ikke citeres.",
        "en": "Allocations and spending per initiative have not been published. Figures marked "
        "ILLUSTRATIVE are invented demo figures and must not be quoted.",
    },
    "illustrative": {"da": "ILLUSTRATIVT", "en": "ILLUSTRATIVE"},
    "core_indicators": {"da": "Kerneindikatorer", "en": "Core indicators"},
    "core_indicators_for": {
        "da": "Kerneindikatorer for {year} (seneste hele år)",
        "en": "Core indicators for {year} (latest complete year)",
    },
    "no_figure": {"da": "Intet offentliggjort tal", "en": "No published figure"},
    "no_complete_year": {"da": "Intet helt år endnu", "en": "No complete year yet"},
    "latest_figure": {"da": "Seneste tal: {year}", "en": "Latest figure: {year}"},
    "year_to_date": {
        "da": "Hidtil i år: {period}: {value} mod {before} i {before_period}, {change}",
        "en": "Year to date: {period}: {value} against {before} in {before_period}, {change}",
    },
    "year_to_date_only": {
        "da": "Hidtil i år: {period}: {value}",
        "en": "Year to date: {period}: {value}",
    },
    "year_to_date_alone": {
        "da": "Hidtil i år: {period}: {value}. Intet at sammenligne med: {reason}",
        "en": "Year to date: {period}: {value}. Nothing to compare with: {reason}",
    },
    "nothing_to_compare": {
        "da": "Intet at sammenligne med: {reason}",
        "en": "Nothing to compare with: {reason}",
    },
    "no_baseline_no-year-before": {
        "da": "der er intet tal for {year}",
        "en": "there is no figure for {year}",
    },
    "no_baseline_year-before-partial": {
        "da": "{year} er ikke et helt år",
        "en": "{year} is not a complete year",
    },
    "no_baseline_year-before-not-quarterly": {
        "da": "{year} har ingen kvartalstal for {quarters}",
        "en": "{year} has no quarterly figures for {quarters}",
    },
    "sparkline_help": {
        "da": "Kurven viser de hele år {first}–{last}.",
        "en": "The sparkline shows the complete years {first}–{last}.",
    },
    "preliminary_note": {
        "da": "\\* foreløbigt tal: indsendt og ikke godkendt, eller revideret inden for de "
        "seneste {days} dage",
        "en": "\\* preliminary figure: submitted and not approved, or revised within the last "
        "{days} days",
    },
    "partial_note": {
        "da": "Hul figur uden linje: et år, der ikke er slut; tallet dækker kun {periods}.",
        "en": "Hollow marker without a line: a year not yet over; its figure covers only "
        "{periods}.",
    },
    "show_running_year": {
        "da": "Vis året, der er i gang ({period})",
        "en": "Show the year in progress ({period})",
    },
    "show_running_year_help": {
        "da": "Året er ikke slut: tallet dækker kun de nævnte kvartaler og tegnes som en hul "
        "figur, der ikke forbindes med de hele år.",
        "en": "The year is not over: its figure covers only the quarters named and is drawn as "
        "a hollow marker, not joined to the complete years.",
    },
    "change_vs": {
        "da": "i forhold til {value} i {year}",
        "en": "compared with {value} in {year}",
    },
    "source": {"da": "Kilde", "en": "Source"},
    "from_quarters": {
        "da": "Opgjort ud fra kvartalerne {quarters}",
        "en": "Derived from quarters {quarters}",
    },
    "figures_as_of": {
        "da": "Tal som registreret ved udgangen af {moment}",
        "en": "Figures as stored at the end of {moment}",
    },
    "phase_ended": {"da": "Planen er afsluttet", "en": "The plan has ended"},
    "phase_running": {"da": "Planen er i gang", "en": "The plan is running"},
    "phase_upcoming": {"da": "Planen er ikke startet", "en": "The plan has not started"},
    "period": {"da": "Periode", "en": "Period"},
    "error_title": {"da": "Noget gik galt", "en": "Something went wrong"},
    "unexpected_error": {
        "da": "Der opstod en uventet fejl. Intet er ændret. Fejlen er logget; kontakt "
        "driftsansvarlig, hvis den gentager sig.",
        "en": "An unexpected error occurred. Nothing was changed. The error has been logged; "
        "contact the operator if it happens again.",
    },
    "busy_try_again": {"da": "Prøv igen", "en": "Try again"},
    "as_of": {"da": "Tal pr. dato", "en": "Figures as of"},
    "figures_as_published": {
        "da": "Tal som offentliggjort {moment}",
        "en": "Figures as published on {moment}",
    },
    "as_of_publication": {
        "da": "Viser tallene som offentliggjort {moment}: den seneste offentliggørelse "
        "(godkendelse) på eller før den valgte dag. Tal kan kun vises pr. en offentliggørelse.",
        "en": "Showing the figures as published on {moment}: the latest publication (approval) "
        "at or before the chosen day. Figures can be shown only as of a publication.",
    },
    "as_of_before_publication": {
        "da": "Intet var offentliggjort ved udgangen af den valgte dag.",
        "en": "Nothing had been published by the end of the chosen day.",
    },
    "plan_not_yet_defined": {
        "da": "Planen {plan} var ikke oprettet endnu på den valgte dato. Viser {shown}.",
        "en": "The plan {plan} had not been defined yet on the chosen date. Showing {shown}.",
    },
    "as_of_help": {
        "da": "Vis dashboardet, som tallene var registreret ved udgangen af denne dag.",
        "en": "Show the dashboard as the figures were stored at the end of this day.",
    },
    "budget": {"da": "Budget", "en": "Budget"},
    "indicators": {"da": "Indikatorer", "en": "Indicators"},
    "about": {"da": "Om data", "en": "About the data"},
    "share_spent": {"da": "Andel brugt", "en": "Share spent"},
    "share_elapsed": {"da": "Andel af perioden gået", "en": "Share of the period elapsed"},
    "final_outturn": {
        "da": "Planen er afsluttet; tallene er det endelige forbrug.",
        "en": "The plan has ended; the figures are its final outturn.",
    },
    "highest_since": {"da": "højeste siden {year}", "en": "highest since {year}"},
    "lowest_since": {"da": "laveste siden {year}", "en": "lowest since {year}"},
    "highest_record": {
        "da": "højeste i serien (siden {year})",
        "en": "highest in the series (since {year})",
    },
    "lowest_record": {
        "da": "laveste i serien (siden {year})",
        "en": "lowest in the series (since {year})",
    },
    "no_plan": {
        "da": "Der er ingen planer i databasen endnu. Kør 'planwatch init'.",
        "en": "There are no plans in the database yet. Run 'planwatch init'.",
    },
    "no_spending": {
        "da": "Der er ikke indberettet forbrug for denne plan endnu.",
        "en": "No spending has been uploaded for this plan yet.",
    },
    "no_allocations": {
        "da": "Planen har ingen indsatser med bevillinger i planwatch endnu.",
        "en": "The plan has no initiatives with allocations in planwatch yet.",
    },
    "about_intro": {
        "da": "Hvad hver indikator måler, hvor tallene kommer fra, og hvor kilderne er uenige. "
        "Tal der ikke er offentliggjort (bevillinger og forbrug pr. indsats), er i demoen "
        "markeret ILLUSTRATIVT.",
        "en": "What each indicator measures, where the figures come from, and where sources "
        "disagree. Figures that have not been published (allocations and spending per "
        "initiative) are marked ILLUSTRATIVE in the demo.",
    },
    "col_indicator": {"da": "Indikator", "en": "Indicator"},
    "col_definition": {"da": "Definition", "en": "Definition"},
    "col_unit": {"da": "Enhed", "en": "Unit"},
    "col_aggregation": {"da": "Flow eller beholdning", "en": "Flow or stock"},
    "col_direction": {"da": "Fremskridt", "en": "Progress"},
    "flow": {
        "da": "flow (året = summen af kvartalerne)",
        "en": "flow (a year = the sum of its quarters)",
    },
    "stock": {"da": "beholdning (året = sidste værdi)", "en": "stock (a year = its last value)"},
    "direction_up": {"da": "højere er bedre", "en": "higher is better"},
    "direction_down": {"da": "lavere er bedre", "en": "lower is better"},
    "direction_neither": {"da": "hverken eller", "en": "neither"},
    "sources_of": {"da": "Kilder", "en": "Sources"},
    "col_source": {"da": "Kilde", "en": "Source"},
    "col_publisher": {"da": "Udgiver", "en": "Publisher"},
    "col_kind": {"da": "Type", "en": "Kind"},
    "col_figures": {"da": "Tal", "en": "Figures"},
    "col_years": {"da": "År", "en": "Years"},
    "disagreements": {"da": "Hvor kilderne er uenige", "en": "Where sources disagree"},
    "no_disagreements": {"da": "Ingen uenigheder.", "en": "No disagreements."},
    "col_period": {"da": "Periode", "en": "Period"},
    "col_breakdown": {"da": "Opdeling", "en": "Breakdown"},
    "col_values": {"da": "Værdier (foretrukket først)", "en": "Values (preferred first)"},
    "plans": {"da": "Handlingsplanerne", "en": "The action plans"},
    "col_plan": {"da": "Plan", "en": "Plan"},
    "col_total": {"da": "Ramme", "en": "Total"},
    "preferred": {"da": "foretrukket", "en": "preferred"},
    "download_png": {"da": "Hent som PNG", "en": "Download PNG"},
    "download_svg": {"da": "Hent som SVG", "en": "Download SVG"},
    "budget_path": {
        "da": "Samlet forbrug mod en jævn forbrugssti",
        "en": "Cumulative spending against an even spending path",
    },
    "allocation_vs_spending": {
        "da": "Bevilling og forbrug pr. indsats og år",
        "en": "Allocation and spending per initiative and year",
    },
    "pace": {"da": "Tempo pr. indsats", "en": "Pace per initiative"},
    "spending_per_quarter": {
        "da": "Forbrug pr. indsats og kvartal",
        "en": "Spending per initiative and quarter",
    },
    "pace_ahead": {"da": "forud for tiden", "en": "ahead of time"},
    "pace_behind": {"da": "bagud i forhold til tiden", "en": "behind time"},
    "pace_on-track": {"da": "i takt med tiden", "en": "in step with time"},
    "pace_no-allocation": {"da": "ingen bevilling", "en": "no allocation"},
    "pace_help": {
        "da": "Forud/bagud: andelen brugt af indsatsens samlede bevilling afviger mere end "
        "15 procentpoint fra andelen af planperioden, der er gået.",
        "en": "Ahead/behind: the share of the initiative's total allocation that is spent "
        "differs by more than 15 percentage points from the share of the plan period gone.",
    },
    "projection_note": {
        "da": "Fremskrivning til planens udløb: laveste, gennemsnitlige og højeste "
        "kvartalsforbrug i de seneste fire kvartaler.",
        "en": "Projection to the plan's end: the lowest, average and highest quarterly "
        "spending of the last four quarters.",
    },
    "col_initiative": {"da": "Indsats", "en": "Initiative"},
    "col_action_area": {"da": "Indsatsområde", "en": "Action area"},
    "col_year": {"da": "År", "en": "Year"},
    "col_allocated": {"da": "Bevilling", "en": "Allocation"},
    "col_spent": {"da": "Forbrug", "en": "Spending"},
    "col_share_spent": {"da": "Andel brugt", "en": "Share spent"},
    "col_pace": {"da": "Tempo", "en": "Pace"},
    "col_mark": {"da": "Mærke", "en": "Mark"},
    "quarterly_series": {
        "da": "Kvartaler siden planens start",
        "en": "Quarters since the plan began",
    },
    "no_quarters": {
        "da": "Der er ingen kvartalstal for denne indikator siden planens start endnu.",
        "en": "There are no quarterly figures for this indicator since the plan began yet.",
    },
    "breakdown_by": {"da": "Fordelt på", "en": "Broken down by"},
    "no_breakdown": {
        "da": "Der er ingen offentliggjorte tal fordelt på {dimension} for denne indikator.",
        "en": "No figures broken down by {dimension} have been published for this indicator.",
    },
    "dimension_sex": {"da": "køn", "en": "sex"},
    "dimension_age_group": {"da": "aldersgruppe", "en": "age group"},
    "dimension_exploitation": {"da": "udnyttelsesform", "en": "form of exploitation"},
    "total": {"da": "I alt", "en": "Total"},
    "no_series": {
        "da": "Der er ingen tal for denne indikator endnu.",
        "en": "There are no figures for this indicator yet.",
    },
    "corrected_figures": {"da": "Rettede tal", "en": "Corrected figures"},
    "choose_indicator": {"da": "Andre indikatorer", "en": "Other indicators"},
    "unit_persons": {"da": "Personer", "en": "Persons"},
    "unit_assessments": {"da": "Udredninger", "en": "Assessments"},
    "unit_calls": {"da": "Opkald", "en": "Calls"},
    "unit_cases": {"da": "Sager", "en": "Cases"},
    "unit_counts": {"da": "Forhold", "en": "Counts"},
    "unit_investigations": {"da": "Efterforskninger", "en": "Investigations"},
    "upload": {"da": "Indberet tal", "en": "Upload figures"},
    "upload_intro": {
        "da": "Send kvartalstal (CMM) eller bevillinger og forbrug (ministeriet) som CSV eller "
        "Excel. Filen kontrolleres først; intet gemmes, før du bekræfter, og en fil med fejl "
        "gemmes aldrig halvt.",
        "en": "Send quarterly figures (CMM) or allocations and spending (the ministry) as CSV or "
        "Excel. The file is checked first; nothing is stored until you confirm, and a file with "
        "errors is never half-stored.",
    },
    "upload_kind": {"da": "Hvad indberetter du?", "en": "What are you sending?"},
    "templates": {"da": "Skabeloner", "en": "Templates"},
    "template_xlsx": {"da": "Skabelon (Excel)", "en": "Template (Excel)"},
    "template_csv": {"da": "Skabelon (CSV)", "en": "Template (CSV)"},
    "file": {
        "da": "Fil (CSV eller Excel, højst {mb} MB)",
        "en": "File (CSV or Excel, at most {mb} MB)",
    },
    "reason": {
        "da": "Begrundelse for rettelser (kræves, hvis filen retter tal, der allerede er gemt)",
        "en": "Reason for corrections (needed if the file corrects figures already stored)",
    },
    "check_file": {"da": "Kontrollér filen", "en": "Check the file"},
    "accept_warnings": {
        "da": "Jeg har set advarslerne og vil gemme filen alligevel",
        "en": "I have seen the warnings and want to store the file anyway",
    },
    "store_file": {"da": "Gem tallene", "en": "Store the figures"},
    "rows_new": {"da": "Nye tal", "en": "New figures"},
    "rows_corrected": {"da": "Rettede tal", "en": "Corrected figures"},
    "rows_unchanged": {"da": "Uændrede tal", "en": "Unchanged figures"},
    "problems": {"da": "Problemer i filen", "en": "Problems in the file"},
    "corrections": {"da": "Rettelser", "en": "Corrections"},
    "download_report_csv": {"da": "Hent fejlrapport (CSV)", "en": "Download report (CSV)"},
    "download_annotated": {
        "da": "Hent din fil med fejlene markeret (Excel)",
        "en": "Download your file with the problems marked (Excel)",
    },
    "col_row": {"da": "Række", "en": "Row"},
    "col_figure": {"da": "Tal", "en": "Figure"},
    "col_old": {"da": "Gemt i dag", "en": "Stored now"},
    "col_new": {"da": "I filen", "en": "In the file"},
    "severity_error": {"da": "fejl", "en": "error"},
    "severity_warning": {"da": "advarsel", "en": "warning"},
    "reading_file": {"da": "Læser og kontrollerer filen …", "en": "Reading and checking the file…"},
    # -- visibility and suppression
    "show_submitted": {
        "da": "Vis indsendte tal (ikke godkendt)",
        "en": "Show submitted figures (not approved)",
    },
    "show_submitted_help": {
        "da": "Vis også tal, der er indberettet, men endnu ikke godkendt. De markeres "
        "»indsendt – ikke godkendt«.",
        "en": "Also show figures that have been sent in but not yet approved. They are marked "
        "“submitted – not approved”.",
    },
    "submitted_banner": {
        "da": "Siden viser også indsendte tal, der endnu ikke er godkendt. De er markeret "
        "»indsendt – ikke godkendt« og må ikke citeres.",
        "en": "This page also shows submitted figures that have not yet been approved. They are "
        "marked “submitted – not approved” and must not be quoted.",
    },
    "submitted_mark": {"da": "indsendt – ikke godkendt", "en": "submitted – not approved"},
    "revised_mark": {"da": "revideret", "en": "revised"},
    "revised_figures": {"da": "Reviderede tal", "en": "Revised figures"},
    "submitted_figures": {
        "da": "Indsendte, ikke godkendte tal",
        "en": "Submitted figures, not approved",
    },
    "small_counts_note": {
        "da": "Små antal personer (under {threshold}) i en opdeling vises som »<{threshold}«, og "
        "et andet tal i samme opdeling vises som »skjult«, så de ikke kan regnes ud. Hvor det "
        "ikke er nok, vises tallene i gruppen som »ikke vist« (et hvilket som helst antal).",
        "en": "Small counts of persons (below {threshold}) in a breakdown are shown as "
        "“<{threshold}”, and another figure in the same breakdown is shown as “hidden”, so "
        "that they cannot be worked out. Where that is not enough, the figures of the group are "
        "shown as “withheld” (any count).",
    },
    "total_withheld_note": {
        "da": "Et samlet tal vises som »ikke vist«: en rettelse tilføjede et lille antal "
        "personer til et tal, der allerede var offentliggjort, og forskellen mellem det nye og "
        "det gamle samlede tal ville vise, hvor mange de er.",
        "en": "A total is shown as “withheld”: a correction added a small count of persons to "
        "a figure that was already published, and the difference between the new and the old "
        "total would show how many they are.",
    },
    "approval_withholds_totals": {
        "da": "Når indberetningen godkendes, vises disse samlede tal som »ikke vist« for "
        "læsere, fordi forskellen til tal, der allerede er offentliggjort, ville vise et lille "
        "antal personer: {totals}.",
        "en": "Once this submission is approved, these totals are shown to viewers as "
        "“withheld”, because their difference from figures already published would show a "
        "small count of persons: {totals}.",
    },
    "col_status": {"da": "Status", "en": "Status"},
}


# With the texts of sign-in, roles and the pages of approval, audit log and users.
TEXTS: Final[dict[str, dict[str, str]]] = {
    **DASHBOARD_TEXTS,
    **ACCESS_TEXTS,
    **EXPORT_TEXTS,
    **FRAME_TEXTS,
    **NOTES_TEXTS,
    **REVIEW_TEXTS,
    **ABOUT_TEXTS,
    **BUDGET_TEXTS,
    **CHART_TEXTS,
    **CARDS_TEXTS,
    **PLANS_TEXTS,
}


def t(key: str, language: str, **values: object) -> str:
    text = TEXTS[key][language]
    return text.format(**values) if values else text

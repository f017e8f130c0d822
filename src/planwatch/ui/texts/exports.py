"""Texts of the export page (issue 6), Danish and English."""

from __future__ import annotations

from typing import Final

EXPORT_TEXTS: Final[dict[str, dict[str, str]]] = {
    "export": {"da": "Eksport", "en": "Export"},
    "export_intro": {
        "da": "Tag planwatchs tabeller med: som de var gemt på et valgt tidspunkt, én værdi pr. "
        "celle, datoer i ISO 8601. Hver eksport skrives i revisionsloggen med hvem, hvad, "
        "tidspunktet og SHA-256 af filen.",
        "en": "Take planwatch's tables away: as they were stored at a chosen moment, one value "
        "per cell, dates in ISO 8601. Every export is written to the audit log with who, what, "
        "the moment and the file's SHA-256.",
    },
    "export_exact": {
        "da": "Eksporten indeholder præcise tal, også små antal personer, som dashboardet viser "
        "som »<3«. Behandl filerne fortroligt.",
        "en": "The export holds exact figures, including small counts of persons that the "
        "dashboard shows as “<3”. Treat the files as confidential.",
    },
    "export_plan": {"da": "Plan", "en": "Plan"},
    "export_all_plans": {"da": "Alle planer", "en": "All plans"},
    "export_now": {"da": "Som nu", "en": "As now"},
    "export_now_help": {
        "da": "Slå fra for at eksportere tabellerne, som de var gemt på et tidligere tidspunkt.",
        "en": "Switch off to export the tables as they were stored at an earlier moment.",
    },
    "export_date": {"da": "Dato", "en": "Date"},
    "export_time": {"da": "Klokkeslæt (dansk tid)", "en": "Time (Danish time)"},
    "export_moment": {
        "da": "Senere rettelser og godkendelser er ikke med. Planer, indsatsområder, indsatser, "
        "indikatorer og kilder kommer, som de var defineret på tidspunktet.",
        "en": "Later corrections and approvals are not included. Plans, action areas, "
        "initiatives, indicators and sources come as they were defined at the moment.",
    },
    "export_as_now": {"da": "Tabellerne som de ser ud nu", "en": "The tables as they are now"},
    "export_as_then": {
        "da": "Tabellerne som de så ud {when}",
        "en": "The tables as they were on {when}",
    },
    "export_day_from_sidebar": {
        "da": "Datoen er den, du har valgt under »Tal pr. dato« i sidepanelet; vælg klokkeslættet "
        "her (dansk tid).",
        "en": "The date is the one chosen under “Figures as of” in the sidebar; choose the time "
        "of day here (Danish time).",
    },
    "export_before_figures": {
        "da": "Der var ingen tal på det tidspunkt: de første blev gemt {first}. Eksporten får "
        "kun definitionerne med (planer, indsatser, indikatorer, kilder).",
        "en": "There were no figures at that moment: the first were stored on {first}. The "
        "export holds only the definitions (plans, initiatives, indicators, sources).",
    },
    "export_no_figures_yet": {
        "da": "Der er ingen tal endnu. Eksporten får kun definitionerne med (planer, indsatser, "
        "indikatorer, kilder).",
        "en": "There are no figures yet. The export holds only the definitions (plans, "
        "initiatives, indicators, sources).",
    },
    "export_ready_empty": {
        "da": "{file} ({size}) er lavet, men der var ingen tal på det tidspunkt: kun "
        "definitionerne er med. Eksporten er skrevet i revisionsloggen.",
        "en": "{file} ({size}) is made, but there were no figures at that moment: only the "
        "definitions are in it. The export is written to the audit log.",
    },
    "export_tables": {"da": "Tabeller", "en": "Tables"},
    "export_format": {"da": "Format", "en": "Format"},
    "format_csv-da": {"da": "CSV til dansk Excel", "en": "CSV for Danish Excel"},
    "format_xlsx": {"da": "Excel (XLSX)", "en": "Excel (XLSX)"},
    "format_csv": {"da": "CSV til maskiner", "en": "CSV for machines"},
    "format_parquet": {"da": "Parquet", "en": "Parquet"},
    "format_help": {
        "da": "CSV til dansk Excel: semikolon og decimalkomma, åbner ved dobbeltklik. Excel: ét "
        "ark pr. tabel med rigtige tal og datoer. CSV til maskiner: komma og decimalpunktum. "
        "Parquet: typerne bevares. Flere tabeller i CSV eller Parquet samles i én ZIP.",
        "en": "CSV for Danish Excel: semicolon and decimal comma, opens by double-click. Excel: "
        "one sheet per table with real numbers and dates. CSV for machines: comma and decimal "
        "point. Parquet: types kept. Several tables in CSV or Parquet come as one ZIP.",
    },
    "export_make": {"da": "Lav eksport", "en": "Make export"},
    "export_pack": {"da": "Lav revisionspakke", "en": "Make audit pack"},
    "export_pack_help": {
        "da": "Én ZIP: alle tabeller i CSV, dansk CSV, Parquet og Excel, de originale uploadede "
        "filer, en README med forespørgslerne bag dashboardets tal og manifest.json med "
        "SHA-256 af hver fil.",
        "en": "One ZIP: every table in CSV, Danish CSV, Parquet and Excel, the original "
        "uploaded files, a README with the queries behind the dashboard's figures and "
        "manifest.json with each file's SHA-256.",
    },
    "export_no_tables": {
        "da": "Vælg mindst én tabel.",
        "en": "Choose at least one table.",
    },
    "export_starting": {"da": "Eksporten begynder …", "en": "Starting the export …"},
    "export_read": {"da": "Læser {table} …", "en": "Reading {table} …"},
    "export_write": {"da": "Skriver {table} …", "en": "Writing {table} …"},
    "export_ready": {
        "da": "{file} er klar ({size}). Eksporten er skrevet i revisionsloggen.",
        "en": "{file} is ready ({size}). The export is written to the audit log.",
    },
    "export_sha": {"da": "SHA-256: {sha}", "en": "SHA-256: {sha}"},
    "export_rows": {"da": "Rækker: {rows}", "en": "Rows: {rows}"},
    "export_download": {"da": "Hent {file}", "en": "Download {file}"},
    "export_illustrative": {
        "da": "ILLUSTRATIVE TAL: {rows} rækker har kildetypen »illustrative«. Det er "
        "opdigtede demotal, ikke officielle tal; der er ikke offentliggjort bevillinger eller "
        "forbrug pr. indsats.",
        "en": "ILLUSTRATIVE FIGURES: {rows} rows have the kind of source “illustrative”. "
        "They are invented demo figures, not official: no allocations or spending per "
        "initiative have been published.",
    },
    "export_table_figures": {
        "da": "Aktuelle tal (indikatorer)",
        "en": "Current figures (indicators)",
    },
    "export_table_year_values": {
        "da": "Årets tal: hele år og delår (hvilke kvartaler)",
        "en": "Yearly values: whole and partial years (which quarters)",
    },
    "export_table_allocations": {"da": "Bevillinger", "en": "Allocations"},
    "export_table_spending": {"da": "Forbrug", "en": "Spending"},
    "export_table_targets": {"da": "Mål og basisår", "en": "Targets and baselines"},
    "export_table_definition_history": {
        "da": "Definitionshistorik: hver version af planer og indsatser",
        "en": "Definition history: every version of plans and initiatives",
    },
    "export_table_initiative_results": {
        "da": "Resultatindikatorer: hvad hver indsats skal vise",
        "en": "Result indicators: what each initiative is to show",
    },
    "export_table_history": {
        "da": "Historik: hver version af hvert tal",
        "en": "History: every version of every figure",
    },
    "export_table_corrections": {"da": "Rettelser", "en": "Corrections"},
    "export_table_uploads": {"da": "Uploads", "en": "Uploads"},
    "export_table_audit_log": {"da": "Revisionslog", "en": "Audit log"},
    "export_table_plans": {"da": "Planer", "en": "Plans"},
    "export_table_action_areas": {"da": "Indsatsområder", "en": "Action areas"},
    "export_table_initiatives": {"da": "Indsatser", "en": "Initiatives"},
    "export_table_indicators": {"da": "Indikatorer", "en": "Indicators"},
    "export_table_sources": {"da": "Kilder", "en": "Sources"},
}

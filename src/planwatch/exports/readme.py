"""The audit pack's README (issue 6; in the exporter's language since issue 18): what each table
holds and the queries that reproduce the dashboard's figures from the pack's files.

The files in the pack keep their codes (``tables/figures.parquet``), so the queries are the
same in both languages; the prose and the queries' comments are Danish or English. Without a
language (the Python API's default) the README is the English one that names tables by code.

May import the kernel, ``planwatch.domain`` and ``planwatch.exports``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Final

from planwatch.domain.clock import to_local, utc_now
from planwatch.exports import naming
from planwatch.formatting import format_moment


def danish_moment(moment: dt.datetime) -> str:
    """A stored moment (naive UTC) in Danish time, for people and for machines:
    "31. marts 2025, kl. 14.00 / 31 March 2025, 14:00 Danish time (2025-03-31T14:00:00+02:00)"."""
    local = to_local(moment)
    return (
        f"{format_moment(local, 'da')} / {format_moment(local, 'en')} "
        f"({local.isoformat(timespec='seconds')})"
    )


def _local(moment: dt.datetime, language: str) -> str:
    """The moment in Danish time in one language, and for machines."""
    local = to_local(moment)
    return f"{format_moment(local, language)} ({local.isoformat(timespec='seconds')})"


def readme(
    rows: Mapping[str, int],
    illustrative: Mapping[str, int],
    moment: dt.datetime | None,
    plan: str | None,
    who: str,
    language: str | None = None,
) -> str:
    """The README: Danish (``da``), English naming tables in words (``en``), or English naming
    them by code (None)."""
    if language == "da":
        return _danish(rows, illustrative, moment, plan, who)
    return _english(rows, illustrative, moment, plan, who, named=language == "en")


_TABLE_NOTES: Final[dict[str, str]] = {
    "figures": "Every current figure (indicator, period, breakdown, source): one row per figure "
    "as the dashboard's viewers saw it (approved figures only), with the version that holds it.",
    "year_values": "Every year's value per indicator and breakdown, as the dashboard computes it "
    "from `figures`: the preferred source's published yearly figure (`basis` = `reported`), else "
    "its quarterly figures (`quarters`; a flow's sum, a stock's last quarter). `complete` says "
    "whether it is the whole year (a published figure; a flow with all four quarters, a stock "
    "with its fourth); a partial year is named by the quarters it covers in `coverage_da` / "
    '`coverage_en` ("1.–2. kvt. 2025" / "Q1–Q2 2025") and is never the year\'s figure.',
    "allocations": "Current allocations (bevillinger) per initiative and year, in DKK.",
    "spending": "Current spending (forbrug) per initiative and quarter, in DKK.",
    "targets": "Current targets and baselines per plan and indicator (year, or the plan's end "
    "when `year` is empty), with their direction: `at_least`, `at_most` or `about` (within 5 %).",
    "history": "Every version of every figure, allocation and spending amount: one row per "
    "figure-version, with the value before it, who recorded it, when, why, the upload it came "
    "from (file and SHA-256) and its review (status, by whom, when, comment).",
    "corrections": "The rows of `history` that are corrections.",
    "uploads": "Every upload: file name, SHA-256, size, who, when, row counts and the warnings "
    "accepted. The files themselves are in `uploads/`; plan workbooks sent for approval are in "
    "`plans/`, named by their submission number.",
    "audit_log": "The audit log: each entry with the hash of the one before it "
    "(`planwatch audit verify` checks the chain).",
    "plans": "The action plans and their totals.",
    "action_areas": "The plans' action areas (indsatsområder).",
    "initiatives": "The initiatives (indsatser) and their action areas.",
    "definition_history": "Every version of a plan, action area or initiative: the columns as a "
    "JSON object (`content`), who sent it, why, who approved it and when. `from_start` marks a "
    "definition as it stood before its first revision.",
    "initiative_results": "Each initiative's result indicators in force at the moment (the plan "
    "workbook's sheet Result indicators): who sent the link, when and why.",
    "indicators": "Indicator definitions: unit, flow or stock, direction, and the other words "
    "(synonyms, separated by `; `) by which the claim check knows each indicator.",
    "sources": "Every source a figure cites; kind `illustrative` marks invented demo figures.",
}
_DEFINITIONS_NOTE: Final = (
    "The definitions (`plans`, `action_areas`, `initiatives`, `indicators`, `sources`) are "
    "exported as they were defined at the as-of moment (a revised plan or a renamed indicator: "
    "its version then; a definition made later: absent). Their every version is in "
    "`definition_history`."
)

_QUERIES: Final = """\
The dashboard's figures from these files, with DuckDB (any version that reads Parquet), from
this folder:

```sql
-- A core indicator's figure for a year (the Overview tile), e.g. persons assessed as victims
-- in 2023: the preferred source's value for the whole year and no breakdown.
SELECT value, source_id FROM 'tables/figures.parquet'
WHERE indicator_code = 'victims_assessed' AND year = 2023 AND quarter IS NULL
  AND sex = 'all' AND age_group = 'all' AND exploitation = 'all' AND is_preferred;

-- Every year's value as the dashboard computes it (`year_values`): published, or built from
-- its quarters; complete, or named by the quarters it rests on ("1.–2. kvt. 2025").
SELECT year, value, basis, complete, quarters, coverage_da, coverage_en, source_ids
FROM 'tables/year_values.parquet'
WHERE indicator_code = 'victims_assessed'
  AND sex = 'all' AND age_group = 'all' AND exploitation = 'all'
ORDER BY year;

-- The Overview tile: the latest complete year, and the year before it (a change is shown only
-- when that year is complete too). A partial year is never the tile's figure.
WITH total AS (
    SELECT * FROM 'tables/year_values.parquet'
    WHERE indicator_code = 'victims_assessed'
      AND sex = 'all' AND age_group = 'all' AND exploitation = 'all'
),
latest AS (SELECT * FROM total WHERE complete ORDER BY year DESC LIMIT 1)
SELECT l.year, l.value, b.year AS year_before, b.value AS value_before
FROM latest l LEFT JOIN total b ON b.year = l.year - 1 AND b.complete;

-- The tile's year to date: a partial year after the latest complete one, compared only with
-- the same quarters of the year before, from that year's quarterly figures in `figures` (the
-- sum for a flow; for a stock, take the last of those quarters). No comparison (NULL) when
-- the year before has no quarterly figure for one of those quarters.
WITH total AS (
    SELECT * FROM 'tables/year_values.parquet'
    WHERE indicator_code = 'victims_assessed'
      AND sex = 'all' AND age_group = 'all' AND exploitation = 'all'
)
SELECT r.coverage_da, r.coverage_en, r.value,
       (SELECT sum(f.value) FROM 'tables/figures.parquet' f
        WHERE f.indicator_code = r.indicator_code AND f.year = r.year - 1 AND f.is_preferred
          AND f.sex = 'all' AND f.age_group = 'all' AND f.exploitation = 'all'
          AND list_contains(string_split(r.quarters, ', '), CAST(f.quarter AS VARCHAR))
        HAVING count(*) = len(string_split(r.quarters, ', '))) AS same_quarters_year_before
FROM total r
WHERE NOT r.complete
  AND r.year > coalesce((SELECT max(year) FROM total WHERE complete), 0)
ORDER BY r.year DESC LIMIT 1;

-- A year of a flow indicator known only by quarters: the sum of its quarters (a complete year
-- only with all four; `year_values` says which).
SELECT year, sum(value), list(quarter ORDER BY quarter) AS quarters
FROM 'tables/figures.parquet'
WHERE indicator_code = 'hotline_calls' AND quarter IS NOT NULL AND is_preferred
  AND sex = 'all' AND age_group = 'all' AND exploitation = 'all'
GROUP BY year ORDER BY year;

-- The plan's money (Overview and Budget): allocated and spent.
SELECT (SELECT sum(amount_dkk) FROM 'tables/allocations.parquet' WHERE plan_id = '2022-2025')
           AS allocated_dkk,
       (SELECT sum(amount_dkk) FROM 'tables/spending.parquet' WHERE plan_id = '2022-2025')
           AS spent_dkk,
       (SELECT total_dkk FROM 'tables/plans.parquet' WHERE plan_id = '2022-2025') AS total_dkk;

-- Every version of one figure, oldest first (its audit trail).
SELECT recorded_at, value, previous_value, change_kind, recorded_by, reason, status
FROM 'tables/history.parquet'
WHERE figure_table = 'observation' AND indicator_code = 'victims_assessed' AND year = 2023
  AND quarter IS NULL AND sex = 'all' AND age_group = 'all' AND exploitation = 'all'
ORDER BY recorded_at, version_id;
```

Breakdown counts of persons below the small-count threshold are exact here, in `figures` and
`year_values` alike (auditors see exact values); the dashboard shows them to viewers as "<3".
The timestamp columns (`recorded_at`, `reviewed_at`, `uploaded_at`) are UTC, as stored.
"""


def _english(
    rows: Mapping[str, int],
    illustrative: Mapping[str, int],
    moment: dt.datetime | None,
    plan: str | None,
    who: str,
    named: bool,
) -> str:
    lines = [
        "# planwatch audit pack",
        "",
        f"- As of (Danish time): {danish_moment(moment) if moment else 'the moment of export'}",
        f"- As of (UTC): {moment.isoformat() if moment else 'the moment of export'}",
        f"- Plan: {plan or 'all plans'}",
        f"- Exported by: {who}",
        f"- Exported at (UTC): {utc_now().isoformat(timespec='seconds')}",
        "",
        "Every table is here three times: `tables/<name>.csv` (UTF-8, comma, decimal point), "
        "`tables/<name>.da.csv` (for Danish Excel: semicolon, decimal comma) and "
        "`tables/<name>.parquet` (types kept); `planwatch.xlsx` holds them all, one sheet each. "
        "`manifest.json` gives the SHA-256 of every file in the pack.",
        "",
        "Timestamp columns (`recorded_at`, `reviewed_at`, `uploaded_at`) are UTC, as stored; the "
        "moment the tables describe is named above in Danish time too, as the app names it.",
        "",
        "## Tables",
        "",
    ]
    if named:
        lines[-4:-4] = [
            "In `planwatch.xlsx` the sheets and header rows name tables and columns in English; "
            "its last sheet, `Codes`, pairs every name with the code the files below use.",
            "",
        ]
    lines += [
        f"- {naming.table_name(name, 'en')} (`{name}`, {count} rows): {_TABLE_NOTES[name]}"
        if named
        else f"- `{name}` ({count} rows): {_TABLE_NOTES[name]}"
        for name, count in rows.items()
    ]
    if illustrative:
        counted = ", ".join(f"{count} in `{name}`" for name, count in illustrative.items())
        marked = "`source_kind` is `illustrative`"
        if "year_values" in illustrative:
            marked += " (in `year_values`: `illustrative` is true)"
        lines += [
            "",
            f"**Illustrative figures.** Rows whose {marked} ({counted}) are invented demo "
            "figures, not official: no allocation or spending per initiative has been published.",
        ]
    lines += ["", _DEFINITIONS_NOTE, "", "## Reproducing the dashboard", "", _QUERIES]
    return "\n".join(lines)


_TABLE_NOTES_DA: Final[dict[str, str]] = {
    "figures": "Hvert aktuelt tal (indikator, periode, opdeling, kilde): én række pr. tal, som "
    "dashboardets læsere så det (kun godkendte tal), med den version, der holder det.",
    "year_values": "Hvert års værdi pr. indikator og opdeling, som dashboardet regner den ud fra "
    "`figures`: den foretrukne kildes offentliggjorte årstal (`basis` = `reported`), ellers dens "
    "kvartalstal (`quarters`; summen for løbende tal, sidste kvartal for en bestand). `complete` "
    "siger, om det er hele året (et offentliggjort tal; løbende tal med alle fire kvartaler, en "
    "bestand med fjerde kvartal); et delår navngives efter de kvartaler, det dækker, i "
    '`coverage_da` / `coverage_en` ("1.–2. kvt. 2025" / "Q1–Q2 2025") og er aldrig årets tal.',
    "allocations": "Aktuelle bevillinger pr. indsats og år, i kr.",
    "spending": "Aktuelt forbrug pr. indsats og kvartal, i kr.",
    "targets": "Aktuelle mål og basisår pr. plan og indikator (år, eller planens slutning, når "
    "`year` er tom), med retning: `at_least` (mindst), `at_most` (højst) eller `about` (omkring, "
    "inden for 5 %).",
    "history": "Hver version af hvert tal, hver bevilling og hvert forbrugsbeløb: én række pr. "
    "version, med værdien før, hvem der registrerede den, hvornår, hvorfor, indberetningen den "
    "kom fra (fil og SHA-256) og behandlingen (status, af hvem, hvornår, kommentar).",
    "corrections": "De rækker i `history`, der er rettelser.",
    "uploads": "Hver indberetning: filnavn, SHA-256, størrelse, hvem, hvornår, antal rækker og "
    "de accepterede advarsler. Selve filerne ligger i `uploads/`; planarbejdsbøger sendt til "
    "godkendelse ligger i `plans/`, navngivet efter indberetningens nummer.",
    "audit_log": "Revisionsloggen: hver post med hashen af posten før "
    "(`planwatch audit verify` tjekker kæden).",
    "plans": "Handlingsplanerne og deres samlede rammer.",
    "action_areas": "Planernes indsatsområder.",
    "initiatives": "Indsatserne og deres indsatsområder.",
    "definition_history": "Hver version af en plan, et indsatsområde eller en indsats: kolonnerne "
    "som et JSON-objekt (`content`), hvem der sendte den, hvorfor, hvem der godkendte den og "
    "hvornår. `from_start` markerer en definition, som den stod før sin første revision.",
    "initiative_results": "Hver indsats' resultatindikatorer på tidspunktet (planens projektmappe, "
    "arket Resultatindikatorer): hvem der sendte koblingen, hvornår og hvorfor.",
    "indicators": "Indikatorernes definitioner: enhed, løbende tal eller bestand, ønsket "
    "retning, og de andre ord (synonymer, adskilt af `; `), som tjek af tal kender hver "
    "indikator ved.",
    "sources": "Hver kilde, et tal henviser til; typen `illustrative` markerer opdigtede demotal.",
}

# The queries' comments and the text around them in Danish; the SQL is the English README's.
_QUERIES_DA: Final = (
    (
        "The dashboard's figures from these files, with DuckDB (any version that reads Parquet), "
        "from\nthis folder:",
        "Dashboardets tal ud fra disse filer, med DuckDB (enhver version, der læser Parquet), fra\n"
        "denne mappe:",
    ),
    (
        "-- A core indicator's figure for a year (the Overview tile), e.g. persons assessed as "
        "victims\n-- in 2023: the preferred source's value for the whole year and no breakdown.",
        "-- En kerneindikators tal for et år (feltet på Overblik), fx vurderede ofre i 2023:\n"
        "-- den foretrukne kildes værdi for hele året og uden opdeling.",
    ),
    (
        "-- Every year's value as the dashboard computes it (`year_values`): published, or built "
        'from\n-- its quarters; complete, or named by the quarters it rests on ("1.–2. kvt. '
        '2025").',
        "-- Hvert års værdi, som dashboardet regner den ud (`year_values`): offentliggjort eller\n"
        '-- bygget af kvartalerne; hele året, eller navngivet efter kvartalerne ("1.–2. kvt. '
        '2025").',
    ),
    (
        "-- The Overview tile: the latest complete year, and the year before it (a change is shown "
        "only\n-- when that year is complete too). A partial year is never the tile's figure.",
        "-- Feltet på Overblik: det seneste hele år og året før (en ændring vises kun, når også\n"
        "-- det år er helt). Et delår er aldrig feltets tal.",
    ),
    (
        "-- The tile's year to date: a partial year after the latest complete one, compared only "
        "with\n-- the same quarters of the year before, from that year's quarterly figures in "
        "`figures` (the\n-- sum for a flow; for a stock, take the last of those quarters). No "
        "comparison (NULL) when\n-- the year before has no quarterly figure for one of those "
        "quarters.",
        "-- Feltets hidtil i år: et delår efter det seneste hele år, kun sammenlignet med de\n"
        "-- samme kvartaler året før, ud fra det års kvartalstal i `figures` (summen for\n"
        "-- løbende tal; for en bestand det sidste af kvartalerne). Ingen sammenligning (NULL),\n"
        "-- når året før mangler et kvartalstal for et af kvartalerne.",
    ),
    (
        "-- A year of a flow indicator known only by quarters: the sum of its quarters (a complete "
        "year\n-- only with all four; `year_values` says which).",
        "-- Et år for en indikator med løbende tal, kendt kun fra kvartaler: summen af\n"
        "-- kvartalerne (et helt år kun med alle fire; `year_values` siger hvilke).",
    ),
    (
        "-- The plan's money (Overview and Budget): allocated and spent.",
        "-- Planens penge (Overblik og Budget): fordelt og brugt.",
    ),
    (
        "-- Every version of one figure, oldest first (its audit trail).",
        "-- Hver version af ét tal, ældste først (dets revisionsspor).",
    ),
    (
        "Breakdown counts of persons below the small-count threshold are exact here, in `figures` "
        "and\n`year_values` alike (auditors see exact values); the dashboard shows them to viewers "
        'as "<3".\nThe timestamp columns (`recorded_at`, `reviewed_at`, `uploaded_at`) are UTC, '
        "as stored.",
        "Små antal personer under grænsen for små tal er præcise her, i `figures` og\n"
        '`year_values` (revisorer ser præcise tal); dashboardet viser dem for læsere som "<3".\n'
        "Tidskolonnerne (`recorded_at`, `reviewed_at`, `uploaded_at`) er UTC, som de er gemt.",
    ),
)


def danish_queries() -> str:
    """The queries of the English README with their comments and surrounding text in Danish."""
    text = _QUERIES
    for english, danish in _QUERIES_DA:
        if english not in text:  # pragma: no cover - kept true by the README's tests
            raise ValueError(f"the README's text changed: {english[:40]!r}")
        text = text.replace(english, danish)
    return text


def _danish(
    rows: Mapping[str, int],
    illustrative: Mapping[str, int],
    moment: dt.datetime | None,
    plan: str | None,
    who: str,
) -> str:
    lines = [
        "# planwatch revisionspakke",
        "",
        f"- Pr. (dansk tid): {_local(moment, 'da') if moment else 'tidspunktet for eksporten'}",
        f"- Pr. (UTC): {moment.isoformat() if moment else 'tidspunktet for eksporten'}",
        f"- Plan: {plan or 'alle planer'}",
        f"- Eksporteret af: {who}",
        f"- Eksporteret (UTC): {utc_now().isoformat(timespec='seconds')}",
        "",
        "Hver tabel er her tre gange: `tables/<kode>.csv` (UTF-8, komma, decimalpunktum), "
        "`tables/<kode>.da.csv` (til dansk Excel: semikolon, decimalkomma, kolonnerne navngivet "
        "på dansk) og `tables/<kode>.parquet` (typerne bevaret); `planwatch.xlsx` rummer dem "
        "alle, ét ark hver, med tabellernes og kolonnernes danske navne, og arket `Koder` parrer "
        "hvert navn med koden. `manifest.json` giver SHA-256 af hver fil i pakken.",
        "",
        "Tidskolonnerne (`recorded_at`, `reviewed_at`, `uploaded_at`) er UTC, som de er gemt; "
        "tidspunktet, tabellerne beskriver, er nævnt ovenfor i dansk tid, som appen nævner det.",
        "",
        "## Tabeller",
        "",
    ]
    lines += [
        f"- {naming.table_name(name, 'da')} (`{name}`, {count} rækker): {_TABLE_NOTES_DA[name]}"
        for name, count in rows.items()
    ]
    if illustrative:
        counted = ", ".join(f"{count} i `{name}`" for name, count in illustrative.items())
        marked = "`source_kind` er `illustrative`"
        if "year_values" in illustrative:
            marked += " (i `year_values`: `illustrative` er sand)"
        lines += [
            "",
            f"**Illustrative tal.** Rækker, hvor {marked} ({counted}), er opdigtede demotal, "
            "ikke officielle tal: der er ikke offentliggjort bevillinger eller forbrug pr. "
            "indsats.",
        ]
    lines += [
        "",
        "Definitionerne (`plans`, `action_areas`, `initiatives`, `indicators`, `sources`) "
        "eksporteres, som de var defineret på tidspunktet (en revideret plan eller en omdøbt "
        "indikator: dens version da; en definition lavet senere: ikke med). Hver version står "
        "i `definition_history`.",
        "",
        "## Sådan genskabes dashboardets tal",
        "",
        danish_queries(),
    ]
    return "\n".join(lines)

"""What exported tables and columns are called for people, in Danish and English (issue 18),
and the names of the files the app hands over.

The rule: formats for people — the workbook (sheets and header row) and the CSV for Danish
Excel (header row) — name tables and columns in the exporting user's language; formats for
machines — the plain CSV and Parquet — keep the codes (``figures``, ``indicator_code``), and so
do the files' names inside a ZIP and the audit pack (what its README's queries and
``manifest.json`` refer to). A workbook in words has a last sheet, "Koder" / "Codes", that pairs
every table and column name with its code, so that a machine (or a reader of the queries) can
find its way back. Values in the cells are never translated here: codes in a column stay codes.

May import the kernel and ``planwatch.domain``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

from planwatch.domain.clock import to_local, utc_now

if TYPE_CHECKING:
    import pandas as pd

LANGUAGES: Final = ("da", "en")

TABLES: Final[dict[str, tuple[str, str]]] = {
    "figures": ("Tal", "Figures"),
    "year_values": ("Tal pr. år", "Yearly values"),
    "allocations": ("Bevillinger", "Allocations"),
    "spending": ("Forbrug", "Spending"),
    "targets": ("Mål", "Targets"),
    "definition_history": ("Definitionshistorik", "Definition history"),
    "initiative_results": ("Resultatindikatorer", "Result indicators"),
    "history": ("Historik", "History"),
    "corrections": ("Rettelser", "Corrections"),
    "uploads": ("Indberetninger", "Uploads"),
    "audit_log": ("Revisionslog", "Audit log"),
    "plans": ("Planer", "Plans"),
    "action_areas": ("Indsatsområder", "Action areas"),
    "initiatives": ("Indsatser", "Initiatives"),
    "indicators": ("Indikatorer", "Indicators"),
    "sources": ("Kilder", "Sources"),
}

ABOUT_SHEET: Final = {"da": "Om filen", "en": "About this file"}
CODES_SHEET: Final = {"da": "Koder", "en": "Codes"}
CODES_HEADER: Final = {
    "da": ("Tabel", "Kolonne", "Tabellens kode", "Kolonnens kode"),
    "en": ("Table", "Column", "Table's code", "Column's code"),
}

# A column's name wherever it appears, unless PER_TABLE names it for one table.
COLUMNS: Final[dict[str, tuple[str, str]]] = {
    "indicator_code": ("Indikatorkode", "Indicator code"),
    "indicator_name_da": ("Indikator (dansk)", "Indicator (Danish)"),
    "indicator_name_en": ("Indikator (engelsk)", "Indicator (English)"),
    "year": ("År", "Year"),
    "quarter": ("Kvartal", "Quarter"),
    "sex": ("Køn", "Sex"),
    "age_group": ("Aldersgruppe", "Age group"),
    "exploitation": ("Udnyttelsesform", "Form of exploitation"),
    "breakdown_da": ("Opdeling (dansk)", "Breakdown (Danish)"),
    "breakdown_en": ("Opdeling (engelsk)", "Breakdown (English)"),
    "source_id": ("Kilde", "Source"),
    "source_kind": ("Kildetype", "Kind of source"),
    "value": ("Værdi", "Value"),
    "is_preferred": ("Foretrukken kilde", "Preferred source"),
    "note": ("Note", "Note"),
    "status": ("Status", "Status"),
    "version_id": ("Versionsnummer", "Version number"),
    "change_set_id": ("Ændringsnummer", "Change number"),
    "recorded_at": ("Registreret (UTC)", "Recorded (UTC)"),
    "recorded_by": ("Registreret af", "Recorded by"),
    "reason": ("Begrundelse", "Reason"),
    "aggregation": ("Løbende tal eller bestand", "Flow or stock"),
    "basis": ("Grundlag", "Basis"),
    "complete": ("Helt år", "Complete year"),
    "quarters": ("Kvartaler", "Quarters"),
    "coverage_da": ("Dækker (dansk)", "Covers (Danish)"),
    "coverage_en": ("Dækker (engelsk)", "Covers (English)"),
    "source_ids": ("Kilder", "Sources"),
    "illustrative": ("Illustrativt", "Illustrative"),
    "initiative_code": ("Indsatskode", "Initiative code"),
    "initiative_name_da": ("Indsats (dansk)", "Initiative (Danish)"),
    "initiative_name_en": ("Indsats (engelsk)", "Initiative (English)"),
    "plan_id": ("Plan", "Plan"),
    "amount_dkk": ("Beløb (kr.)", "Amount (DKK)"),
    "figure_table": ("Slags tal", "Kind of figure"),
    "previous_value": ("Værdi før", "Value before"),
    "withdrawn": ("Trukket tilbage", "Withdrawn"),
    "change_kind": ("Slags ændring", "Kind of change"),
    "upload_id": ("Indberetningsnummer", "Upload number"),
    "upload_file": ("Indberettet fil", "Uploaded file"),
    "upload_sha256": ("Filens SHA-256", "File's SHA-256"),
    "reviewed_at": ("Behandlet (UTC)", "Reviewed (UTC)"),
    "reviewed_by": ("Behandlet af", "Reviewed by"),
    "review_comment": ("Godkenderens kommentar", "Reviewer's comment"),
    "kind": ("Slags", "Kind"),
    "file_name": ("Filnavn", "File name"),
    "file_format": ("Filformat", "File format"),
    "sheet": ("Ark", "Sheet"),
    "sha256": ("SHA-256", "SHA-256"),
    "size_bytes": ("Størrelse (bytes)", "Size (bytes)"),
    "uploaded_by": ("Indberettet af", "Uploaded by"),
    "uploaded_at": ("Indberettet (UTC)", "Uploaded (UTC)"),
    "rows_total": ("Rækker i alt", "Rows in all"),
    "rows_new": ("Nye rækker", "New rows"),
    "rows_unchanged": ("Uændrede rækker", "Unchanged rows"),
    "rows_corrected": ("Rettede rækker", "Corrected rows"),
    "accepted_warnings": ("Accepterede advarsler", "Warnings accepted"),
    "seq": ("Løbenummer", "Sequence number"),
    "actor": ("Bruger", "User"),
    "action": ("Handling", "Action"),
    "subject": ("Emne", "Subject"),
    "details": ("Detaljer", "Details"),
    "origin": ("Hvorfra", "Origin"),
    "prev_hash": ("Forrige posts hash", "Previous entry's hash"),
    "entry_hash": ("Postens hash", "Entry's hash"),
    "name_da": ("Navn (dansk)", "Name (Danish)"),
    "name_en": ("Navn (engelsk)", "Name (English)"),
    "start_date": ("Startdato", "Start date"),
    "end_date": ("Slutdato", "End date"),
    "total_dkk": ("Samlet ramme (kr.)", "Total (DKK)"),
    "action_area_code": ("Indsatsområdekode", "Action area code"),
    "responsible_org": ("Ansvarlig", "Responsible"),
    "definition_da": ("Definition (dansk)", "Definition (Danish)"),
    "definition_en": ("Definition (engelsk)", "Definition (English)"),
    "unit": ("Enhed", "Unit"),
    "direction": ("Ønsket retning", "Desired direction"),
    "is_core": ("Kerneindikator", "Core indicator"),
    "synonyms_da": ("Andre ord (dansk)", "Other words (Danish)"),
    "synonyms_en": ("Andre ord (engelsk)", "Other words (English)"),
    "title": ("Titel", "Title"),
    "publisher": ("Udgiver", "Publisher"),
    "url": ("Adresse (URL)", "Address (URL)"),
    "published_on": ("Udgivet", "Published"),
}

PER_TABLE: Final[dict[tuple[str, str], tuple[str, str]]] = {
    ("action_areas", "code"): ("Indsatsområdekode", "Action area code"),
    ("initiatives", "code"): ("Indsatskode", "Initiative code"),
    ("indicators", "code"): ("Indikatorkode", "Indicator code"),
    ("uploads", "kind"): ("Slags indberetning", "Kind of upload"),
    ("sources", "kind"): ("Kildetype", "Kind of source"),
    ("sources", "source_id"): ("Kildekode", "Source code"),
    ("targets", "kind"): ("Mål eller basisår", "Target or baseline"),
    ("targets", "direction"): ("Målets retning", "Target's direction"),
    ("definition_history", "table_name"): ("Slags definition", "Kind of definition"),
    ("definition_history", "row_key"): ("Definitionens kode", "Definition's code"),
    ("definition_history", "from_start"): ("Før første revision", "Before its first revision"),
    ("definition_history", "content"): ("Indhold (JSON)", "Content (JSON)"),
    ("definition_history", "recorded_by"): ("Sendt af", "Sent by"),
    ("definition_history", "approved_by"): ("Godkendt af", "Approved by"),
    ("definition_history", "approved_at"): ("Godkendt (UTC)", "Approved (UTC)"),
    ("initiative_results", "recorded_by"): ("Sendt af", "Sent by"),
}


def _pick(pair: tuple[str, str], language: str) -> str:
    return pair[0] if language == "da" else pair[1]


def table_name(table: str, language: str) -> str:
    """A table's name for people; its code when it has none."""
    pair = TABLES.get(table)
    return _pick(pair, language) if pair else table


def column_name(table: str, column: str, language: str) -> str:
    """A column's name for people in ``table``; its code when it has none (the test that every
    exported column is named keeps that from happening unnoticed)."""
    pair = PER_TABLE.get((table, column)) or COLUMNS.get(column)
    return _pick(pair, language) if pair else column


def header(table: str, columns: Sequence[str], language: str | None) -> list[str]:
    """The header row of ``table``: the columns' names, or their codes (``language`` None)."""
    if language is None:
        return [str(column) for column in columns]
    return [column_name(table, str(column), language) for column in columns]


def column_codes(table: str, language: str) -> dict[str, str]:
    """Every column name ``table`` may have for people in ``language``, with its code (to read
    a workbook or Danish CSV back by codes)."""
    codes = {column_name(table, column, language): column for column in COLUMNS}
    codes |= {column_name(table, c, language): c for t, c in PER_TABLE if t == table}
    return codes


def localised(frame: pd.DataFrame, table: str, language: str | None) -> pd.DataFrame:
    """``frame`` with its columns named for people (a copy; ``language`` None: as it is)."""
    if language is None:
        return frame
    renamed = frame.copy(deep=False)
    renamed.columns = header(table, list(frame.columns), language)
    return renamed


def code_rows(
    tables: Mapping[str, Sequence[str]], language: str
) -> list[tuple[str, str, str, str]]:
    """The codes sheet's rows: (table, column, table's code, column's code) for each column."""
    return [
        (table_name(table, language), column_name(table, column, language), table, column)
        for table, columns in tables.items()
        for column in columns
    ]


_ASCII: Final = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def file_word(text: str) -> str:
    """A name as a word in a file name: lower case, ASCII, hyphens (``Tal pr. år`` ->
    ``tal-pr-aar``)."""
    plain = text.translate(_ASCII).lower()
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in plain).split()
    return "-".join(words)


def stamp(moment: dt.datetime | None, language: str) -> str:
    """The moment a file describes (stored UTC; None: now) in its name, in Danish time as the
    page names it: ``2026-12-04-kl1200`` in Danish, ``2026-12-04-1200`` in English."""
    local = to_local(moment or utc_now())
    clock = f"kl{local:%H%M}" if language == "da" else f"{local:%H%M}"
    return f"{local:%Y-%m-%d}-{clock}"


PACK_WORD: Final = {"da": "revisionspakke", "en": "audit-pack"}
ALL_PLANS_WORD: Final = {"da": "alle-planer", "en": "all-plans"}


def download_name(
    kind: str, moment: dt.datetime | None, language: str, *, suffix: str, plan_id: str | None = None
) -> str:
    """The name of a file handed over by the app, without repetition:
    ``planwatch-2026-12-04-kl1200.xlsx`` (a workbook), ``planwatch-tal-2026-12-04-kl1200.da.csv``
    (one table), ``planwatch-csv-da-2026-12-04-kl1200.zip`` (several), and
    ``planwatch-revisionspakke-alle-planer-2026-12-04-kl1200.zip`` (the audit pack). ``kind``
    is ``workbook``, ``pack``, a table's code or a format's code."""
    when = stamp(moment, language)
    if kind == "workbook":
        return f"planwatch-{when}{suffix}"
    if kind == "pack":
        plan = file_word(plan_id) if plan_id else ALL_PLANS_WORD[_lang(language)]
        return f"planwatch-{PACK_WORD[_lang(language)]}-{plan}-{when}{suffix}"
    word = file_word(table_name(kind, language)) if kind in TABLES else file_word(kind)
    return f"planwatch-{word}-{when}{suffix}"


def _lang(language: str) -> str:
    return language if language in LANGUAGES else "da"

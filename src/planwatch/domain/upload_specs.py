"""What can be uploaded: the kinds, their columns with Danish and English headers, examples.

This is the shape of an upload file. The rules each column must follow live in
``planwatch.uploads.schemas`` (one pandera model per kind); templates and reports are built from
both.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class UploadKind(StrEnum):
    KPI = "kpi"
    SPENDING = "spending"
    ALLOCATIONS = "allocations"


class ColumnType(StrEnum):
    CODE = "code"  # a code or a name, resolved against the database
    INTEGER = "integer"
    NUMBER = "number"  # decimal comma or point accepted
    TEXT = "text"
    DATE = "date"  # a date: 2026-01-01, 01-01-2026 or a date cell


@dataclass(frozen=True, slots=True)
class UploadColumn:
    name: str  # canonical (English) name
    name_da: str  # the Danish header
    type: ColumnType
    required: bool
    help_da: str
    help_en: str
    aliases: tuple[str, ...] = ()

    def headers(self) -> tuple[str, ...]:
        """Every header text accepted for this column."""
        return (self.name, self.name_da, *self.aliases)


@dataclass(frozen=True, slots=True)
class UploadSpec:
    kind: UploadKind
    title_da: str
    title_en: str
    columns: tuple[UploadColumn, ...]
    example: tuple[dict[str, str], ...]
    sheet_name: str  # the sheet a template names (first sheet is used if absent)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> UploadColumn:
        return next(c for c in self.columns if c.name == name)


_INDICATOR = UploadColumn(
    "indicator",
    "indikator",
    ColumnType.CODE,
    True,
    "Indikatorens kode eller navn, fx victims_assessed eller Vurderede ofre for menneskehandel.",
    "The indicator's code or name, e.g. victims_assessed.",
    ("indicator_code",),  # the header of the exports, so an exported table can be sent back
)
_YEAR = UploadColumn(
    "year", "år", ColumnType.INTEGER, True, "Året, fx 2025.", "The year, e.g. 2025.", ("aar",)
)
_QUARTER = UploadColumn(
    "quarter", "kvartal", ColumnType.INTEGER, True, "Kvartal 1-4.", "Quarter 1-4."
)
_NOTE = UploadColumn(
    "note",
    "bemærkning",
    ColumnType.TEXT,
    False,
    "Fri tekst (valgfri).",
    "Free text (optional).",
    ("bemaerkning",),
)
_INITIATIVE = UploadColumn(
    "initiative",
    "indsats",
    ColumnType.CODE,
    True,
    "Indsatsens kode eller navn.",
    "The initiative's code or name.",
    ("initiativ", "initiative_code"),  # initiative_code: the header of the exports
)
_AMOUNT = UploadColumn(
    "amount_dkk",
    "beløb_kr",
    ColumnType.NUMBER,
    True,
    "Beløb i kroner, fx 1.250.000 eller 1250000,50.",
    "Amount in Danish kroner, e.g. 1250000.50.",
    ("beloeb_kr", "beløb", "amount"),
)

SPECS: Final[dict[UploadKind, UploadSpec]] = {
    UploadKind.KPI: UploadSpec(
        UploadKind.KPI,
        "Kvartalstal (indikatorer)",
        "Quarterly figures (indicators)",
        (
            _INDICATOR,
            _YEAR,
            _QUARTER,
            UploadColumn(
                "value", "værdi", ColumnType.NUMBER, True, "Tallet.", "The figure.", ("vaerdi",)
            ),
            UploadColumn(
                "sex",
                "køn",
                ColumnType.CODE,
                False,
                "Tom = i alt; ellers female, male eller transgender.",
                "Blank = total; else female, male or transgender.",
                ("koen",),
            ),
            UploadColumn(
                "age_group",
                "aldersgruppe",
                ColumnType.CODE,
                False,
                "Tom = i alt; ellers under_18 eller 18_plus.",
                "Blank = total; else under_18 or 18_plus.",
            ),
            UploadColumn(
                "exploitation",
                "udnyttelsesform",
                ColumnType.CODE,
                False,
                "Tom = i alt; ellers fx sexual, forced_labour, criminal_activities.",
                "Blank = total; else e.g. sexual, forced_labour, criminal_activities.",
            ),
            _NOTE,
        ),
        (
            {"indicator": "victims_assessed", "year": "2025", "quarter": "1", "value": "27"},
            {
                "indicator": "victims_assessed",
                "year": "2025",
                "quarter": "1",
                "value": "15",
                "sex": "female",
            },
        ),
        "kpi",
    ),
    UploadKind.SPENDING: UploadSpec(
        UploadKind.SPENDING,
        "Forbrug pr. indsats og kvartal",
        "Spending per initiative and quarter",
        (_INITIATIVE, _YEAR, _QUARTER, _AMOUNT, _NOTE),
        ({"initiative": "cmm-styrket", "year": "2025", "quarter": "1", "amount_dkk": "2500000"},),
        "forbrug",
    ),
    UploadKind.ALLOCATIONS: UploadSpec(
        UploadKind.ALLOCATIONS,
        "Bevillinger pr. indsats og år",
        "Allocations per initiative and year",
        (
            _INITIATIVE,
            _YEAR,
            _AMOUNT,
            UploadColumn(
                "initiative_name",
                "indsatsnavn",
                ColumnType.TEXT,
                False,
                "Indsatsens navn (valgfri, til kontrol).",
                "The initiative's name (optional, for checking).",
            ),
            UploadColumn(
                "action_area",
                "indsatsområde",
                ColumnType.TEXT,
                False,
                "Indsatsområdets kode (valgfri, til kontrol).",
                "The action area's code (optional, for checking).",
                ("indsatsomraade",),
            ),
            _NOTE,
        ),
        ({"initiative": "cmm-styrket", "year": "2025", "amount_dkk": "10000000"},),
        "bevillinger",
    ),
}


def normalise_header(text: str) -> str:
    """Header text compared ignoring case, spaces, underscores, a BOM and accents' forms."""
    cleaned = unicodedata.normalize("NFC", text).replace("\ufeff", "").strip().casefold()
    return "".join(ch for ch in cleaned if ch not in " _-\t")

"""pandera models for every file planwatch accepts, and the translation of their failures.

A model is the single source of a file's rules. ``validate`` runs it lazily (every failure, not
only the first) and turns pandera's failure cases into :class:`planwatch.errors.Problem` records
that point at the row as the user's spreadsheet numbers it (header = row 1).
"""

from __future__ import annotations

from typing import Final

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from planwatch.domain.indicators import UNITS, Aggregation, Direction, TargetDirection
from planwatch.domain.plans import PlanStatus
from planwatch.domain.sources import SourceKind
from planwatch.domain.vocab import AGE_GROUP, ALL, EXPLOITATION, SEX
from planwatch.errors import DataError, Problem

SLUG: Final = r"^[a-z0-9][a-z0-9_\-\.]*$"
FIRST_DATA_ROW: Final = 2  # row 1 holds the column names


class SourcesFile(pa.DataFrameModel):
    source_id: Series[str] = pa.Field(str_matches=SLUG, unique=True)
    title: Series[str] = pa.Field(str_length={"min_value": 1})
    publisher: Series[str] = pa.Field(str_length={"min_value": 1})
    url: Series[str] = pa.Field(nullable=True, str_matches=r"^https?://")
    published_on: Series[pd.Timestamp] = pa.Field(nullable=True)
    kind: Series[str] = pa.Field(isin=[k.value for k in SourceKind])
    note: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True


class IndicatorsFile(pa.DataFrameModel):
    code: Series[str] = pa.Field(str_matches=SLUG, unique=True)
    name_da: Series[str] = pa.Field(str_length={"min_value": 1})
    name_en: Series[str] = pa.Field(str_length={"min_value": 1})
    definition_da: Series[str] = pa.Field(str_length={"min_value": 1})
    definition_en: Series[str] = pa.Field(str_length={"min_value": 1})
    unit: Series[str] = pa.Field(isin=list(UNITS))
    aggregation: Series[str] = pa.Field(isin=[a.value for a in Aggregation])
    direction: Series[str] = pa.Field(isin=[d.value for d in Direction])
    is_core: Series[bool]

    class Config:
        strict = True
        coerce = True


class IndicatorTermsFile(pa.DataFrameModel):
    """The synonyms by which texts name an indicator, one term per row (``indicator_terms.csv``);
    a term never holds ``;``, which separates the terms of a stored list."""

    indicator_code: Series[str] = pa.Field(str_matches=SLUG)
    language: Series[str] = pa.Field(isin=["da", "en"])
    term: Series[str] = pa.Field(str_matches=r"^[^;]+$")

    class Config:
        strict = True
        coerce = True


class ObservationsFile(pa.DataFrameModel):
    indicator: Series[str] = pa.Field(str_matches=SLUG)
    year: Series[int] = pa.Field(ge=1900, le=2100)
    quarter: Series[pd.Int64Dtype] = pa.Field(nullable=True, isin=[1, 2, 3, 4])
    sex: Series[str] = pa.Field(isin=[ALL, *SEX])
    age_group: Series[str] = pa.Field(isin=[ALL, *AGE_GROUP])
    exploitation: Series[str] = pa.Field(isin=[ALL, *EXPLOITATION])
    value: Series[float] = pa.Field(ge=0)
    source_id: Series[str] = pa.Field(str_matches=SLUG)
    is_preferred: Series[bool]
    note: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True
        unique = [
            "indicator",
            "year",
            "quarter",
            "sex",
            "age_group",
            "exploitation",
            "source_id",
        ]

    @pa.dataframe_check(error="exactly one source must be preferred for each figure")
    @classmethod
    def one_preferred_per_figure(cls, df: pd.DataFrame) -> Series[bool]:
        keys = ["indicator", "year", "quarter", "sex", "age_group", "exploitation"]
        grouped = df.assign(quarter=df["quarter"].fillna(0)).groupby(keys, dropna=False)
        preferred = grouped["is_preferred"].transform("sum")
        return Series[bool](preferred == 1)


class PlansFile(pa.DataFrameModel):
    plan_id: Series[str] = pa.Field(str_matches=SLUG, unique=True)
    name_da: Series[str] = pa.Field(str_length={"min_value": 1})
    name_en: Series[str] = pa.Field(str_length={"min_value": 1})
    start_date: Series[pd.Timestamp]
    end_date: Series[pd.Timestamp]
    total_dkk: Series[float] = pa.Field(ge=0)
    status: Series[str] = pa.Field(isin=[s.value for s in PlanStatus])
    source_id: Series[str] = pa.Field(str_matches=SLUG)
    note: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check(error="a plan must end after it starts")
    @classmethod
    def ends_after_start(cls, df: pd.DataFrame) -> Series[bool]:
        return Series[bool](df["end_date"] >= df["start_date"])


class ActionAreasFile(pa.DataFrameModel):
    plan_id: Series[str] = pa.Field(str_matches=SLUG)
    code: Series[str] = pa.Field(str_length={"min_value": 1})
    name_da: Series[str] = pa.Field(str_length={"min_value": 1})
    name_en: Series[str] = pa.Field(str_length={"min_value": 1})
    source_id: Series[str] = pa.Field(str_matches=SLUG)

    class Config:
        strict = True
        coerce = True
        unique = ["plan_id", "code"]


class InitiativesFile(pa.DataFrameModel):
    code: Series[str] = pa.Field(str_matches=SLUG, unique=True)
    plan_id: Series[str] = pa.Field(str_matches=SLUG)
    action_area_code: Series[str] = pa.Field(str_length={"min_value": 1})
    name_da: Series[str] = pa.Field(str_length={"min_value": 1})
    name_en: Series[str] = pa.Field(str_length={"min_value": 1})
    responsible_org: Series[str] = pa.Field(str_length={"min_value": 1})
    source_id: Series[str] = pa.Field(str_matches=SLUG)

    class Config:
        strict = True
        coerce = True


class AllocationsFile(pa.DataFrameModel):
    initiative: Series[str] = pa.Field(str_matches=SLUG)
    year: Series[int] = pa.Field(ge=2000, le=2100)
    amount_dkk: Series[float] = pa.Field(ge=0)
    source_id: Series[str] = pa.Field(str_matches=SLUG)
    note: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True
        unique = ["initiative", "year"]


class SpendingFile(pa.DataFrameModel):
    initiative: Series[str] = pa.Field(str_matches=SLUG)
    year: Series[int] = pa.Field(ge=2000, le=2100)
    quarter: Series[int] = pa.Field(isin=[1, 2, 3, 4])
    amount_dkk: Series[float] = pa.Field(ge=0)
    source_id: Series[str] = pa.Field(str_matches=SLUG)
    note: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True
        unique = ["initiative", "year", "quarter"]


class TargetsFile(pa.DataFrameModel):
    indicator: Series[str] = pa.Field(str_matches=SLUG)
    plan_id: Series[str] = pa.Field(str_matches=SLUG)
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=2000, le=2100)
    kind: Series[str] = pa.Field(isin=["baseline", "target"])
    value: Series[float] = pa.Field(ge=0)
    source_id: Series[str] = pa.Field(str_matches=SLUG)
    note: Series[str] = pa.Field(nullable=True)
    # at_least, at_most or about; blank for a baseline. Optional in the file: files and
    # archives written before it have no such column (read as blank: a target with no direction)
    direction: Series[str] = pa.Field(nullable=True, isin=[d.value for d in TargetDirection])

    class Config:
        strict = True
        coerce = True
        unique = ["indicator", "plan_id", "year", "kind"]

    @pa.dataframe_check(error="a baseline has no direction")
    @classmethod
    def baselines_have_none(cls, df: pd.DataFrame) -> Series[bool]:
        return Series[bool]((df["kind"] != "baseline") | df["direction"].isna())


# -- uploads --------------------------------------------------------------------------------- The
# rules a parsed upload must follow. Each check's name is the stable problem code reported to the
# user; the messages for each code live in ``planwatch.uploads.ingest``. Cells that could not be
# parsed at all (text where a number belongs, a blank required cell) are reported before these
# models run and are null here; checks ignore nulls.

COUNT_UNITS: Final = ("persons", "assessments", "calls", "cases", "counts", "investigations")
MAX_FIGURE: Final = 1e12  # no indicator counts a trillion of anything; the store holds < 1e15
MAX_AMOUNT_DKK: Final = 1e13  # ten trillion kroner; the store holds < 1e16


def _year_from_2000(year: Series[pd.Int64Dtype]) -> Series[bool]:
    return Series[bool](year >= 2000)


def _year_up_to_2100(year: Series[pd.Int64Dtype]) -> Series[bool]:
    return Series[bool](year <= 2100)


def _quarter_1_to_4(quarter: Series[pd.Int64Dtype]) -> Series[bool]:
    return Series[bool](quarter.between(1, 4))


def _not_negative(value: Series[pd.Float64Dtype]) -> Series[bool]:
    return Series[bool](value >= 0)


def _in_ore(amount: Series[pd.Float64Dtype]) -> Series[bool]:
    """At most two decimals, judged with a tolerance that grows with the amount, since a float
    holds 70 000 000,01 as 70000000.0099999...; a real third decimal is far above it."""
    off = (amount - amount.round(2)).abs()
    return Series[bool]((off <= amount.abs() * 1e-12 + 1e-9).fillna(True))


# Each model declares its checks itself: pandera does not keep a check's name when a subclass
# inherits it, and the name is the problem code the user sees.


class KpiUpload(pa.DataFrameModel):
    row: Series[int] = pa.Field(alias="_row")
    indicator: Series[object] = pa.Field(nullable=True)
    unit: Series[object] = pa.Field(nullable=True)
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    quarter: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    value: Series[pd.Float64Dtype] = pa.Field(nullable=True)
    sex: Series[object] = pa.Field(nullable=True)
    age_group: Series[object] = pa.Field(nullable=True)
    exploitation: Series[object] = pa.Field(nullable=True)
    note: Series[object] = pa.Field(nullable=True)

    class Config:
        strict = False
        coerce = False

    @pa.check("year", name="year-too-early")
    @classmethod
    def year_from_2000(cls, year: Series[pd.Int64Dtype]) -> Series[bool]:
        return _year_from_2000(year)

    @pa.check("year", name="year-too-late")
    @classmethod
    def year_up_to_2100(cls, year: Series[pd.Int64Dtype]) -> Series[bool]:
        return _year_up_to_2100(year)

    @pa.check("quarter", name="quarter-out-of-range")
    @classmethod
    def quarter_1_to_4(cls, quarter: Series[pd.Int64Dtype]) -> Series[bool]:
        return _quarter_1_to_4(quarter)

    @pa.check("value", name="negative-value")
    @classmethod
    def value_not_negative(cls, value: Series[pd.Float64Dtype]) -> Series[bool]:
        return _not_negative(value)

    @pa.check("value", name="value-too-large")
    @classmethod
    def value_not_huge(cls, value: Series[pd.Float64Dtype]) -> Series[bool]:
        return Series[bool](value < MAX_FIGURE)

    @pa.check("sex", name="not-in-vocabulary")
    @classmethod
    def sex_in_vocabulary(cls, sex: Series[object]) -> Series[bool]:
        return Series[bool](sex.isin([ALL, *SEX]))

    @pa.check("age_group", name="not-in-vocabulary")
    @classmethod
    def age_group_in_vocabulary(cls, age_group: Series[object]) -> Series[bool]:
        return Series[bool](age_group.isin([ALL, *AGE_GROUP]))

    @pa.check("exploitation", name="not-in-vocabulary")
    @classmethod
    def exploitation_in_vocabulary(cls, exploitation: Series[object]) -> Series[bool]:
        return Series[bool](exploitation.isin([ALL, *EXPLOITATION]))

    @pa.dataframe_check(name="not-a-whole-number")
    @classmethod
    def counts_are_whole(cls, df: pd.DataFrame) -> Series[bool]:
        value = df["value"]
        is_count = df["unit"].isin(COUNT_UNITS)
        whole = (value.round(0) == value).fillna(True)
        return Series[bool](~is_count | whole)


class SpendingUpload(pa.DataFrameModel):
    row: Series[int] = pa.Field(alias="_row")
    initiative: Series[object] = pa.Field(nullable=True)
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    quarter: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    amount_dkk: Series[pd.Float64Dtype] = pa.Field(nullable=True)
    note: Series[object] = pa.Field(nullable=True)

    class Config:
        strict = False
        coerce = False

    @pa.check("year", name="year-too-early")
    @classmethod
    def year_from_2000(cls, year: Series[pd.Int64Dtype]) -> Series[bool]:
        return _year_from_2000(year)

    @pa.check("year", name="year-too-late")
    @classmethod
    def year_up_to_2100(cls, year: Series[pd.Int64Dtype]) -> Series[bool]:
        return _year_up_to_2100(year)

    @pa.check("quarter", name="quarter-out-of-range")
    @classmethod
    def quarter_1_to_4(cls, quarter: Series[pd.Int64Dtype]) -> Series[bool]:
        return _quarter_1_to_4(quarter)

    @pa.check("amount_dkk", name="negative-value")
    @classmethod
    def amount_not_negative(cls, amount: Series[pd.Float64Dtype]) -> Series[bool]:
        return _not_negative(amount)

    @pa.check("amount_dkk", name="value-too-large")
    @classmethod
    def amount_not_huge(cls, amount: Series[pd.Float64Dtype]) -> Series[bool]:
        return Series[bool](amount < MAX_AMOUNT_DKK)

    @pa.check("amount_dkk", name="too-many-decimals")
    @classmethod
    def amount_in_ore(cls, amount: Series[pd.Float64Dtype]) -> Series[bool]:
        return _in_ore(amount)


class AllocationsUpload(pa.DataFrameModel):
    row: Series[int] = pa.Field(alias="_row")
    initiative: Series[object] = pa.Field(nullable=True)
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    amount_dkk: Series[pd.Float64Dtype] = pa.Field(nullable=True)
    initiative_name: Series[object] = pa.Field(nullable=True)
    action_area: Series[object] = pa.Field(nullable=True)
    note: Series[object] = pa.Field(nullable=True)

    class Config:
        strict = False
        coerce = False

    @pa.check("year", name="year-too-early")
    @classmethod
    def year_from_2000(cls, year: Series[pd.Int64Dtype]) -> Series[bool]:
        return _year_from_2000(year)

    @pa.check("year", name="year-too-late")
    @classmethod
    def year_up_to_2100(cls, year: Series[pd.Int64Dtype]) -> Series[bool]:
        return _year_up_to_2100(year)

    @pa.check("amount_dkk", name="negative-value")
    @classmethod
    def amount_not_negative(cls, amount: Series[pd.Float64Dtype]) -> Series[bool]:
        return _not_negative(amount)

    @pa.check("amount_dkk", name="value-too-large")
    @classmethod
    def amount_not_huge(cls, amount: Series[pd.Float64Dtype]) -> Series[bool]:
        return Series[bool](amount < MAX_AMOUNT_DKK)

    @pa.check("amount_dkk", name="too-many-decimals")
    @classmethod
    def amount_in_ore(cls, amount: Series[pd.Float64Dtype]) -> Series[bool]:
        return _in_ore(amount)


# A row-wide check's failure is reported on the column it is about.
ROW_CHECK_COLUMN: Final = {"not-a-whole-number": "value"}


def upload_failures(model: type[pa.DataFrameModel], frame: pd.DataFrame) -> pd.DataFrame:
    """Run an upload model lazily. One row per failing cell: ``check`` (the problem code),
    ``column`` and ``position`` (the frame's row position), in frame order."""
    try:
        model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        if cases["index"].isna().any():
            raise  # a failure of a whole column is a bug in planwatch, not in the file
        result = pd.DataFrame(
            {
                "check": cases["check"].astype(str).to_numpy(),
                "column": cases["column"].astype(str).to_numpy(),
                "position": cases["index"].astype("int64").to_numpy(),
            }
        )
        result["column"] = result["check"].map(ROW_CHECK_COLUMN).fillna(result["column"])
        return result.drop_duplicates().sort_values(["position", "column"], kind="stable")
    return pd.DataFrame({"check": [], "column": [], "position": []})


def problems_from(errors: pa.errors.SchemaErrors, file_name: str) -> list[Problem]:
    """One Problem per failure: per cell for a column's rule, per row for a row's rule."""
    problems: list[Problem] = []
    seen: set[tuple[str, int | None]] = set()
    for case in errors.failure_cases.to_dict("records"):
        row = _row_number(case.get("index"))
        check = str(case.get("check"))
        whole_row = (
            case.get("schema_context") == "DataFrameSchema"
            and check
            not in (
                "column_in_dataframe",
                "column_in_schema",
            )
            and not check.startswith("multiple_fields_uniqueness")
        )
        column = None if whole_row else _text(case.get("column"))
        value = None if whole_row else _text(case.get("failure_case"))
        if check.startswith(("column_in_dataframe", "column_in_schema")):
            column, value = value, None
        if whole_row:
            if (check, row) in seen:
                continue
            seen.add((check, row))
        where_da = file_name + (f", række {row}" if row else "")
        where_en = file_name + (f", row {row}" if row else "")
        subject_da = f"kolonnen {column!r}" + (
            f" med værdien {value!r}" if value is not None else ""
        )
        subject_en = f"column {column!r}" + (f" with value {value!r}" if value is not None else "")
        problems.append(
            Problem(
                code=_problem_code(check),
                message_da=f"{where_da}: " + (f"{subject_da}: " if column else "") + f"{check}.",
                message_en=f"{where_en}: " + (f"{subject_en}: " if column else "") + f"{check}.",
                row=row,
                column=column,
                value=value,
            )
        )
    return problems


def _row_number(index: object) -> int | None:
    if isinstance(index, int | float) and index == index:
        return int(index) + FIRST_DATA_ROW
    return None


def _text(value: object) -> str | None:
    if value is None or value != value:  # None or NaN
        return None
    return str(value)


def _problem_code(check: str) -> str:
    if check.startswith("column_in_dataframe"):
        return "missing-column"
    if check.startswith("column_in_schema"):
        return "unknown-column"
    if check.startswith(("coerce_dtype", "dtype")):
        return "wrong-type"
    if check.startswith("isin"):
        return "not-in-vocabulary"
    if check.startswith(("field_uniqueness", "multiple_fields_uniqueness")):
        return "duplicate-row"
    return "rule-broken"


def validate(model: type[pa.DataFrameModel], frame: pd.DataFrame, file_name: str) -> pd.DataFrame:
    """Validate a frame read from ``file_name``; raise DataError with every problem found."""
    try:
        return model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        problems = problems_from(errors, file_name)
        raise DataError(
            f"{file_name} indeholder {len(problems)} fejl.",
            f"{file_name} has {len(problems)} problem(s).",
            problems,
        ) from None

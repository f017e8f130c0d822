"""pandera models for the plan workbook's sheets (issue 19): one model per sheet.

The frames are typed by ``planwatch.uploads.plan_workbook`` first (codes and texts stripped,
numbers parsed, dates read); cells that could not be typed are reported there and are null
here, and every check ignores nulls. Each check's name is the problem code the user reads
(``planwatch.uploads.problems``); the rules that need several sheets or the database are in
``plan_workbook``.
"""

from __future__ import annotations

from typing import Final

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from planwatch.domain.plan_workbook import (
    AGGREGATIONS,
    TARGET_DIRECTIONS,
    TARGET_KINDS,
    PlanSheetKey,
)
from planwatch.domain.plans import PlanStatus
from planwatch.domain.sources import SourceKind
from planwatch.uploads.schemas import MAX_AMOUNT_DKK, MAX_FIGURE, SLUG

# A plan's own source is published or made up; "upload" is for figures sent through planwatch.
PLAN_SOURCE_KINDS: Final = tuple(k.value for k in SourceKind if k is not SourceKind.UPLOAD)


def _slug(codes: Series[object]) -> Series[bool]:
    return Series[bool](codes.isna() | codes.astype("string").str.fullmatch(SLUG).fillna(False))


def _in(values: Series[object], allowed: tuple[str, ...]) -> Series[bool]:
    return Series[bool](values.isna() | values.isin(allowed))


def _ore(amount: Series[pd.Float64Dtype]) -> Series[bool]:
    off = (amount - amount.round(2)).abs()
    return Series[bool]((off <= amount.abs() * 1e-12 + 1e-9).fillna(True))


class PlanSheetModel(pa.DataFrameModel):
    row: Series[int] = pa.Field(alias="_row")
    plan_id: Series[object] = pa.Field(nullable=True)
    total_dkk: Series[pd.Float64Dtype] = pa.Field(nullable=True)
    status: Series[object] = pa.Field(nullable=True)
    source_id: Series[object] = pa.Field(nullable=True)
    source_url: Series[object] = pa.Field(nullable=True)
    source_kind: Series[object] = pa.Field(nullable=True)

    class Config:
        strict = False
        coerce = False

    @pa.check("plan_id", name="not-a-code")
    @classmethod
    def plan_id_is_code(cls, codes: Series[object]) -> Series[bool]:
        return _slug(codes)

    @pa.check("source_id", name="not-a-code")
    @classmethod
    def source_id_is_code(cls, codes: Series[object]) -> Series[bool]:
        return _slug(codes)

    @pa.check("status", name="not-allowed")
    @classmethod
    def status_known(cls, status: Series[object]) -> Series[bool]:
        return _in(status, tuple(s.value for s in PlanStatus))

    @pa.check("source_kind", name="not-allowed")
    @classmethod
    def source_kind_known(cls, kind: Series[object]) -> Series[bool]:
        return _in(kind, PLAN_SOURCE_KINDS)

    @pa.check("source_url", name="not-a-url")
    @classmethod
    def url_is_web(cls, url: Series[object]) -> Series[bool]:
        texts = url.astype("string")
        return Series[bool](url.isna() | texts.str.match(r"^https?://\S+$").fillna(False))

    @pa.check("total_dkk", name="negative-value")
    @classmethod
    def total_not_negative(cls, total: Series[pd.Float64Dtype]) -> Series[bool]:
        return Series[bool](total >= 0)

    @pa.check("total_dkk", name="value-too-large")
    @classmethod
    def total_not_huge(cls, total: Series[pd.Float64Dtype]) -> Series[bool]:
        return Series[bool](total < MAX_AMOUNT_DKK)

    @pa.check("total_dkk", name="too-many-decimals")
    @classmethod
    def total_in_ore(cls, total: Series[pd.Float64Dtype]) -> Series[bool]:
        return _ore(total)


class ActionAreaSheetModel(pa.DataFrameModel):
    row: Series[int] = pa.Field(alias="_row")
    code: Series[object] = pa.Field(nullable=True)

    class Config:
        strict = False
        coerce = False


class InitiativeSheetModel(pa.DataFrameModel):
    row: Series[int] = pa.Field(alias="_row")
    code: Series[object] = pa.Field(nullable=True)

    class Config:
        strict = False
        coerce = False

    @pa.check("code", name="not-a-code")
    @classmethod
    def code_is_code(cls, codes: Series[object]) -> Series[bool]:
        return _slug(codes)


class AllocationSheetModel(pa.DataFrameModel):
    row: Series[int] = pa.Field(alias="_row")
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    amount_dkk: Series[pd.Float64Dtype] = pa.Field(nullable=True)

    class Config:
        strict = False
        coerce = False

    @pa.check("amount_dkk", name="negative-value")
    @classmethod
    def amount_not_negative(cls, amount: Series[pd.Float64Dtype]) -> Series[bool]:
        return Series[bool](amount >= 0)

    @pa.check("amount_dkk", name="value-too-large")
    @classmethod
    def amount_not_huge(cls, amount: Series[pd.Float64Dtype]) -> Series[bool]:
        return Series[bool](amount < MAX_AMOUNT_DKK)

    @pa.check("amount_dkk", name="too-many-decimals")
    @classmethod
    def amount_in_ore(cls, amount: Series[pd.Float64Dtype]) -> Series[bool]:
        return _ore(amount)


class TargetSheetModel(pa.DataFrameModel):
    row: Series[int] = pa.Field(alias="_row")
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    kind: Series[object] = pa.Field(nullable=True)
    value: Series[pd.Float64Dtype] = pa.Field(nullable=True)
    direction: Series[object] = pa.Field(nullable=True)

    class Config:
        strict = False
        coerce = False

    @pa.check("kind", name="not-allowed")
    @classmethod
    def kind_known(cls, kind: Series[object]) -> Series[bool]:
        return _in(kind, TARGET_KINDS)

    @pa.check("direction", name="not-allowed")
    @classmethod
    def direction_known(cls, direction: Series[object]) -> Series[bool]:
        return _in(direction, TARGET_DIRECTIONS)

    @pa.check("value", name="negative-value")
    @classmethod
    def value_not_negative(cls, value: Series[pd.Float64Dtype]) -> Series[bool]:
        return Series[bool](value >= 0)

    @pa.check("value", name="value-too-large")
    @classmethod
    def value_not_huge(cls, value: Series[pd.Float64Dtype]) -> Series[bool]:
        return Series[bool](value < MAX_FIGURE)


class ResultSheetModel(pa.DataFrameModel):
    row: Series[int] = pa.Field(alias="_row")
    indicator: Series[object] = pa.Field(nullable=True)
    unit: Series[object] = pa.Field(nullable=True)
    aggregation: Series[object] = pa.Field(nullable=True)

    class Config:
        strict = False
        coerce = False

    @pa.check("indicator", name="not-a-code")
    @classmethod
    def indicator_is_code(cls, codes: Series[object]) -> Series[bool]:
        return _slug(codes)

    @pa.check("aggregation", name="not-allowed")
    @classmethod
    def aggregation_known(cls, aggregation: Series[object]) -> Series[bool]:
        return _in(aggregation, AGGREGATIONS)


MODELS: Final[dict[PlanSheetKey, type[pa.DataFrameModel]]] = {
    PlanSheetKey.PLAN: PlanSheetModel,
    PlanSheetKey.ACTION_AREAS: ActionAreaSheetModel,
    PlanSheetKey.INITIATIVES: InitiativeSheetModel,
    PlanSheetKey.ALLOCATIONS: AllocationSheetModel,
    PlanSheetKey.TARGETS: TargetSheetModel,
    PlanSheetKey.RESULTS: ResultSheetModel,
}

ALLOWED: Final[dict[tuple[PlanSheetKey, str], tuple[str, ...]]] = {
    (PlanSheetKey.PLAN, "status"): tuple(s.value for s in PlanStatus),
    (PlanSheetKey.PLAN, "source_kind"): PLAN_SOURCE_KINDS,
    (PlanSheetKey.TARGETS, "kind"): TARGET_KINDS,
    (PlanSheetKey.TARGETS, "direction"): TARGET_DIRECTIONS,
    (PlanSheetKey.RESULTS, "aggregation"): AGGREGATIONS,
}

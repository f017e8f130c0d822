"""Reading and checking a plan workbook (issue 19): bytes -> a plan's definition, or problems.

Every sheet is read like an upload's table (:func:`planwatch.uploads.readers.read_table`: size,
zip bombs, macros, encryption), its headers matched in Danish or English, its cells typed with the
uploads' own typer and checked by the sheet's pandera model
(:mod:`planwatch.uploads.plan_schemas`); then the rules across sheets and against what is stored
run. Every problem names its sheet, row and column, in Danish and English. Only a workbook with
no problem at all gives a :class:`PlanDefinition`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final

import pandas as pd

from planwatch.domain.plan_workbook import (
    MAX_NOTE,
    MAX_TEXT,
    SHEETS,
    SYNONYMS,
    PlanSheet,
    PlanSheetKey,
)
from planwatch.domain.upload_specs import ColumnType, normalise_header
from planwatch.errors import Problem
from planwatch.spreadsheet_safety import is_dangerous, is_plain_number
from planwatch.uploads import plan_results, plan_schemas, schemas
from planwatch.uploads.containers import ZIP_MAGICS
from planwatch.uploads.parsing import MappedTable, Typer
from planwatch.uploads.problems import ProblemSink, Wording, problem
from planwatch.uploads.raw_tables import FileRefused, RawTable, ReadLimits
from planwatch.uploads.readers import read_table
from planwatch.uploads.schemas import MAX_AMOUNT_DKK

_ISO: Final = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DANISH: Final = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")


@dataclass(slots=True)
class PlanDefinition:
    """A checked plan, as plain values (JSON as it is kept with its submission)."""

    plan: dict[str, Any]
    source: dict[str, Any]
    action_areas: list[dict[str, Any]] = field(default_factory=list)
    initiatives: list[dict[str, Any]] = field(default_factory=list)
    allocations: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)
    """Initiative -> result indicator links (``initiative``, ``indicator``)."""
    new_indicators: list[dict[str, Any]] = field(default_factory=list)
    """The result indicators the workbook defines (not yet stored): code, names, unit, ..."""
    revised_indicators: list[dict[str, Any]] = field(default_factory=list)
    """Stored result indicators whose names or definitions it revises (code, names,
    definitions as they will stand)."""

    def as_json(self) -> dict[str, Any]:
        return {
            "plan": self.plan,
            "source": self.source,
            "action_areas": self.action_areas,
            "initiatives": self.initiatives,
            "allocations": self.allocations,
            "targets": self.targets,
            "results": self.results,
            "new_indicators": self.new_indicators,
            # only when there are some: a plan's JSON before indicators had history stays alike
            **({"revised_indicators": self.revised_indicators} if self.revised_indicators else {}),
        }


@dataclass(frozen=True, slots=True)
class Stored:
    """What the checks need from the database (read in the transaction that stores)."""

    plan_ids: frozenset[str]  # plans stored, and plans of submissions awaiting approval
    pending_plan_ids: frozenset[str]
    initiatives: Mapping[str, str]  # initiative code -> its plan
    indicator_rows: Mapping[str, Mapping[str, Any]]
    """Stored indicators -> their names, definitions, unit, aggregation (a result sheet that
    names one must not define it otherwise)."""
    sources: Mapping[str, Mapping[str, Any]]  # source_id -> title, publisher, kind
    outlines: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Stored plans -> their period, action areas and initiatives (a revision keeps them)."""

    @property
    def indicators(self) -> frozenset[str]:
        """The stored indicators' codes."""
        return frozenset(self.indicator_rows)


@dataclass(slots=True)
class _Sheet:
    sheet: PlanSheet
    written_name: str
    frame: pd.DataFrame  # typed; "_row" = spreadsheet row
    written: dict[str, str]  # canonical column -> header as written

    def column(self, name: str) -> str:
        return self.written.get(name, name)


class _SheetSink:
    """Adds a sheet's name to every problem before it reaches the workbook's sink."""

    def __init__(self, sink: ProblemSink, sheet: str | None) -> None:
        self.sink = sink
        self.sheet = sheet

    def add(self, item: Problem) -> None:
        self.sink.add(replace(item, sheet=self.sheet))


def read_plan(
    data: bytes,
    file_name: str,
    stored: Stored,
    sink: ProblemSink,
    *,
    limits: ReadLimits = ReadLimits(),  # noqa: B008 - frozen dataclass
) -> PlanDefinition | None:
    """The plan a workbook defines, or None with every problem in ``sink``."""
    if not data.startswith(ZIP_MAGICS):
        sink.add(problem("plan-workbook-not-xlsx", row=None, column=None))
        return None
    sheets: dict[PlanSheetKey, _Sheet] = {}
    for spec in SHEETS:
        try:
            table = _read_sheet(data, file_name, spec, limits)
        except FileRefused as refused:
            missing = bool(refused.problems) and refused.problems[0].code == "missing-sheet"
            if missing and spec.optional:
                sheets[spec.key] = _empty(spec)
                continue
            for item in refused.problems:
                sink.add(replace(item, sheet=spec.name_da))
            if refused.problems and refused.problems[0].code != "missing-sheet":
                return None  # the file itself cannot be read: one sheet says it for all
            continue
        typed = _typed(table, spec, sink)
        if typed is not None:
            sheets[spec.key] = typed
    if len(sheets) < len(SHEETS):
        return None
    definition = _cross_checked(sheets, stored, sink)
    return None if sink.has_errors() else definition


def _empty(spec: PlanSheet) -> _Sheet:
    """An optional sheet the workbook leaves out: no rows."""
    frame = pd.DataFrame({"_row": pd.Series([], dtype="int64")})
    for column in spec.columns:
        frame[column.name] = pd.Series([], dtype=object)
    return _Sheet(spec, spec.name_da, frame, {})


def _read_sheet(data: bytes, file_name: str, spec: PlanSheet, limits: ReadLimits) -> RawTable:
    for name in dict.fromkeys(spec.names()):
        try:
            return read_table(data, file_name, sheet=name, limits=limits)
        except FileRefused as refused:
            if not refused.problems or refused.problems[0].code != "sheet-not-found":
                raise
    missing = problem(
        "missing-sheet", row=None, column=None, name_da=spec.name_da, name_en=spec.name_en
    )
    raise FileRefused(missing.message_da, missing.message_en, [missing])


# -- one sheet ----------------------------------------------------------------------------------


def _typed(table: RawTable, spec: PlanSheet, sink: ProblemSink) -> _Sheet | None:
    """Headers matched, cells typed and the sheet's model run; None when its headers are bad."""
    local = ProblemSink(cap=sink.cap)
    accepted = {normalise_header(h): c.name for c in spec.columns for h in c.headers()}
    mapping: dict[int, str] = {}
    written: dict[str, str] = {}
    for index, header in enumerate(table.header):
        canonical = accepted.get(normalise_header(header)) if header else None
        if canonical is None:
            if header or any(row[index] is not None for row in table.rows):
                names = Wording(
                    ", ".join(c.name_da for c in spec.columns),
                    ", ".join(c.name for c in spec.columns),
                )
                local.add(
                    problem(
                        "unknown-column",
                        row=table.header_row,
                        column=header,
                        value=header,
                        allowed=names,
                    )
                )
        elif canonical in written:
            local.add(
                problem("duplicate-column", row=table.header_row, column=header, value=header)
            )
        else:
            mapping[index], written[canonical] = canonical, header
    for name in spec.required:
        if name not in written:
            column = spec.column(name)
            local.add(
                problem(
                    "missing-column",
                    row=table.header_row,
                    column=None,
                    name=column.name,
                    name_da=column.name_da,
                    kind=Wording(spec.name_da, spec.name_en),
                )
            )
    if local.has_errors():
        _move(local, sink, table.sheet)
        return None
    raw = pd.DataFrame({n: [r[i] for r in table.rows] for i, n in mapping.items()}, dtype=object)
    for column in spec.columns:
        if column.name not in raw.columns:
            raw[column.name] = pd.Series([None] * len(table.rows), dtype=object)
    raw["_row"] = pd.Series(table.row_numbers, dtype="int64")
    typer = Typer(MappedTable(raw, written), local)
    frame = pd.DataFrame({"_row": raw["_row"].to_numpy()})
    for column in spec.columns:
        header = written.get(column.name, column.name)
        if column.type is ColumnType.DATE:
            frame[column.name] = _dates(raw, column.name, header, column.required, local)
        elif column.type in (ColumnType.NUMBER, ColumnType.INTEGER):
            whole = column.type is ColumnType.INTEGER
            frame[column.name] = typer.number(column.name, required=column.required, whole=whole)
        else:
            texts = _with_synonyms(typer.text(column.name), column.name)
            if column.required:
                typer.report(texts.isna(), column.name, "missing-value")
            limit = MAX_NOTE if column.name == "note" else MAX_TEXT
            _check_texts(texts, raw["_row"], header, limit, local)
            frame[column.name] = texts.astype(object)
    _apply_model(spec, frame, written, raw, local)
    _move(local, sink, table.sheet)
    return _Sheet(spec, table.sheet or spec.name_da, frame, written)


def _with_synonyms(texts: pd.Series, name: str) -> pd.Series:
    """Danish words for a column's codes ("vedtaget", "mål") as the codes themselves."""
    words = {normalise_header(k): v for k, v in SYNONYMS.get(name, {}).items()}
    if not words:
        return texts
    mapped = [None if t is None else words.get(normalise_header(t), t) for t in texts.tolist()]
    return pd.Series(mapped, index=texts.index, dtype=object)


def _move(local: ProblemSink, sink: ProblemSink, sheet: str | None) -> None:
    target = _SheetSink(sink, sheet)
    for item in local.problems:
        target.add(item)
    dropped = local.total - len(local.problems)
    if dropped > 0:
        sink.counts["truncated"] = sink.counts.get("truncated", 0) + dropped


def _dates(
    raw: pd.DataFrame, name: str, header: str, required: bool, sink: ProblemSink
) -> pd.Series:
    values: list[dt.date | None] = []
    for row, cell in zip(raw["_row"], raw[name], strict=True):
        if cell is None or (isinstance(cell, str) and not cell.strip()) or cell != cell:
            if required:
                sink.add(problem("missing-value", row=int(row), column=header))
            values.append(None)
            continue
        parsed = _date(cell)
        if parsed is None:
            sink.add(problem("not-a-date", row=int(row), column=header, value=cell))
        values.append(parsed)
    return pd.Series(values, index=raw.index, dtype=object)


def _date(cell: object) -> dt.date | None:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if not isinstance(cell, str):
        return None
    text = cell.strip()
    iso, danish = _ISO.match(text), _DANISH.match(text)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if danish:
            return dt.date(int(danish[3]), int(danish[2]), int(danish[1]))
    except ValueError:
        return None
    return None


def _check_texts(
    texts: pd.Series, rows: pd.Series, header: str, limit: int, sink: ProblemSink
) -> None:
    """Hostile text is refused, never stored: a formula's first character, a huge cell."""
    for row, text in zip(rows, texts, strict=True):
        if not isinstance(text, str):
            continue
        if len(text) > limit:
            sink.add(
                problem(
                    "text-too-long",
                    row=int(row),
                    column=header,
                    value=text[:40] + "…",
                    length=len(text),
                    limit=limit,
                )
            )
        elif is_dangerous(text) and not is_plain_number(text):
            sink.add(
                problem(
                    "formula-text", row=int(row), column=header, value=text, prefix=f"'{text[0]}'"
                )
            )


def _apply_model(
    spec: PlanSheet,
    frame: pd.DataFrame,
    written: dict[str, str],
    raw: pd.DataFrame,
    sink: ProblemSink,
) -> None:
    failures = schemas.upload_failures(plan_schemas.MODELS[spec.key], frame)
    rows = frame["_row"].to_numpy()
    for check, column, position in failures.itertuples(index=False):
        name = str(column)
        row, header = int(rows[position]), written.get(name, name)
        if (row, header) in sink.reported_cells:
            continue
        allowed = ", ".join(plan_schemas.ALLOWED.get((spec.key, name), ()))
        cell = raw[name].iloc[position] if name in raw.columns else None
        sink.add(problem(str(check), row=row, column=header, value=cell, allowed=allowed))


# -- across sheets, and against what is stored ---------------------------------------------------


def _cross_checked(
    sheets: dict[PlanSheetKey, _Sheet], stored: Stored, sink: ProblemSink
) -> PlanDefinition | None:
    plan_sheet = sheets[PlanSheetKey.PLAN]
    plans = [
        r for r in _records(plan_sheet) if any(v is not None for k, v in r.items() if k != "_row")
    ]
    if len(plans) != 1:
        where = _SheetSink(sink, plan_sheet.written_name)
        where.add(problem("plan-one-row", row=None, column=None, count=len(plans)))
        return None
    plan = plans[0]
    _check_plan(plan_sheet, plan, stored, sink)
    areas = _check_codes(sheets[PlanSheetKey.ACTION_AREAS], "code", sink)
    initiatives = _check_codes(sheets[PlanSheetKey.INITIATIVES], "code", sink)
    _check_initiatives(sheets[PlanSheetKey.INITIATIVES], areas, stored, sink, plan["plan_id"])
    outline = stored.outlines.get(plan["plan_id"] or "")
    if outline is not None and plan["plan_id"] not in stored.pending_plan_ids:
        _check_revision_keeps(sheets, str(plan["plan_id"]), outline, sink)
    _check_allocations(sheets[PlanSheetKey.ALLOCATIONS], plan, set(initiatives), sink)
    results = sheets[PlanSheetKey.RESULTS]
    checked = plan_results.check_results(
        _records(results),
        results.column,
        set(initiatives),
        stored.indicator_rows,
        _SheetSink(sink, results.written_name).add,
    )
    _check_targets(sheets[PlanSheetKey.TARGETS], plan, stored, sink, set(checked.defined))
    if sink.has_errors():
        return None
    definition = _definition(plan, sheets)
    definition.results = [
        {"initiative": r["initiative"], "indicator": r["indicator"]}
        for r in _records(sheets[PlanSheetKey.RESULTS])
    ]
    definition.new_indicators = list(checked.defined.values())
    definition.revised_indicators = list(checked.revised.values())
    return definition


def _blank(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _records(sheet: _Sheet) -> list[dict[str, Any]]:
    """The typed rows, blanks as None."""
    return [
        {str(k): (None if _blank(v) else v) for k, v in r.items()}
        for r in sheet.frame.astype(object).to_dict("records")
    ]


def _check_plan(sheet: _Sheet, plan: dict[str, Any], stored: Stored, sink: ProblemSink) -> None:
    where = _SheetSink(sink, sheet.written_name)
    row = int(plan["_row"])
    plan_id = plan["plan_id"]
    outline = stored.outlines.get(plan_id or "")
    if outline is not None and plan_id not in stored.pending_plan_ids:
        _check_period_kept(sheet, plan, outline, where)
    elif plan_id is not None and plan_id in stored.plan_ids:
        pending = plan_id in stored.pending_plan_ids
        where.add(
            problem(
                "plan-exists",
                row=row,
                column=sheet.column("plan_id"),
                value=plan_id,
                pending=Wording(" (afventer godkendelse)", " (awaiting approval)")
                if pending
                else Wording("", ""),
            )
        )
    start, end = plan["start_date"], plan["end_date"]
    if start is not None and end is not None and end < start:
        where.add(
            problem(
                "plan-ends-before-start",
                row=row,
                column=sheet.column("end_date"),
                value=end.isoformat(),
                start=start.isoformat(),
            )
        )
    recorded = stored.sources.get(plan["source_id"] or "")
    if recorded is None:
        return
    for name, label in _SOURCE_FIELDS:
        if name not in _SOURCE_FIXED and _revises_own_source(plan, stored):
            continue  # a revision of the plan revises its own source (a new version)
        key = name.removeprefix("source_")
        if plan[name] is not None and str(plan[name]) != str(recorded[key]):
            where.add(
                problem(
                    "source-differs",
                    row=row,
                    column=sheet.column(name),
                    value=plan["source_id"],
                    field=label,
                    recorded="–" if recorded[key] is None else str(recorded[key]),
                )
            )


_SOURCE_FIELDS: Final = (
    ("source_title", Wording("titel", "title")),
    ("source_publisher", Wording("udgiver", "publisher")),
    ("source_url", Wording("adresse", "address")),
    ("source_published_on", Wording("udgivelsesdato", "publication date")),
    ("source_kind", Wording("type", "kind")),
)
_SOURCE_FIXED: Final = frozenset({"source_kind"})
"""What no workbook changes of a stored source: whether it is illustrative (the mark on every
figure and amount that cites it)."""


def _revises_own_source(plan: Mapping[str, Any], stored: Stored) -> bool:
    """A revision of a stored plan that names the plan's source now: its title, publisher,
    address and date may change (a new version of the source on approval)."""
    outline = stored.outlines.get(plan["plan_id"] or "")
    return (
        outline is not None
        and plan["plan_id"] not in stored.pending_plan_ids
        and outline.get("source_id") == plan["source_id"]
    )


def _check_codes(sheet: _Sheet, column: str, sink: ProblemSink) -> dict[str, int]:
    """The sheet's codes -> their first row; a code twice is reported at its second row."""
    where = _SheetSink(sink, sheet.written_name)
    first: dict[str, int] = {}
    for record in _records(sheet):
        code = record[column]
        if code is None:
            continue
        if code in first:
            where.add(
                problem(
                    "duplicate-code",
                    row=int(record["_row"]),
                    column=sheet.column(column),
                    value=code,
                    first=str(first[code]),
                )
            )
        else:
            first[code] = int(record["_row"])
    return first


def _check_period_kept(
    sheet: _Sheet, plan: dict[str, Any], outline: Mapping[str, Any], where: _SheetSink
) -> None:
    """A revised plan keeps its period: another period is another plan, with a code of its own."""
    start, end = outline["period"]
    for column, value, kept in (
        ("start_date", plan["start_date"], start),
        ("end_date", plan["end_date"], end),
    ):
        if value is not None and value != kept:
            where.add(
                problem(
                    "revision-period-changed",
                    row=int(plan["_row"]),
                    column=sheet.column(column),
                    value=value.isoformat(),
                    plan=str(plan["plan_id"]),
                    start=start.isoformat(),
                    end=end.isoformat(),
                )
            )


def _check_revision_keeps(
    sheets: dict[PlanSheetKey, _Sheet], plan_id: str, outline: Mapping[str, Any], sink: ProblemSink
) -> None:
    """A revised plan keeps every action area and initiative of the stored one (they carry
    allocations, spending and history), each initiative in its action area."""
    area_sheet = sheets[PlanSheetKey.ACTION_AREAS]
    written_areas = {r["code"] for r in _records(area_sheet)}
    for code in outline["action_areas"]:
        if code not in written_areas:
            _SheetSink(sink, area_sheet.written_name).add(
                problem(
                    "revision-missing-action-area",
                    row=None,
                    column=area_sheet.column("code"),
                    value=code,
                    plan=plan_id,
                )
            )
    sheet = sheets[PlanSheetKey.INITIATIVES]
    where = _SheetSink(sink, sheet.written_name)
    written = {r["code"]: r for r in _records(sheet)}
    for code, area in outline["initiatives"].items():
        record = written.get(code)
        if record is None:
            where.add(
                problem(
                    "revision-missing-initiative",
                    row=None,
                    column=sheet.column("code"),
                    value=code,
                    plan=plan_id,
                )
            )
        elif record["action_area"] is not None and record["action_area"] != area:
            where.add(
                problem(
                    "revision-moved-initiative",
                    row=int(record["_row"]),
                    column=sheet.column("action_area"),
                    value=code,
                    area=area,
                )
            )


def _check_initiatives(
    sheet: _Sheet, areas: dict[str, int], stored: Stored, sink: ProblemSink, plan_id: str | None
) -> None:
    where = _SheetSink(sink, sheet.written_name)
    for record in _records(sheet):
        row, code, area = int(record["_row"]), record["code"], record["action_area"]
        if area is not None and area not in areas:
            where.add(
                problem(
                    "unknown-action-area", row=row, column=sheet.column("action_area"), value=area
                )
            )
        if code is not None and code in stored.initiatives and stored.initiatives[code] != plan_id:
            where.add(
                problem(
                    "initiative-exists",
                    row=row,
                    column=sheet.column("code"),
                    value=code,
                    plan=stored.initiatives[code],
                )
            )


def _years(plan: dict[str, Any]) -> range | None:
    start, end = plan["start_date"], plan["end_date"]
    if start is None or end is None or end < start:
        return None
    return range(start.year, end.year + 1)


def _year_problems(
    sheet: _Sheet, plan: dict[str, Any], records: list[dict[str, Any]]
) -> Iterator[Problem]:
    years = _years(plan)
    if years is None:
        return
    for record in records:
        year = record["year"]
        if year is not None and int(year) not in years:
            yield problem(
                "year-outside-plan",
                row=int(record["_row"]),
                column=sheet.column("year"),
                value=str(year),
                plan=str(plan["plan_id"] or ""),
                first=str(years.start),
                last=str(years.stop - 1),
            )


def _check_allocations(
    sheet: _Sheet, plan: dict[str, Any], initiatives: set[str], sink: ProblemSink
) -> None:
    where = _SheetSink(sink, sheet.written_name)
    records = _records(sheet)
    seen: dict[tuple[str, int], int] = {}
    for record in records:
        row, code, year = int(record["_row"]), record["initiative"], record["year"]
        if code is not None and code not in initiatives:
            where.add(
                problem(
                    "unknown-plan-initiative",
                    row=row,
                    column=sheet.column("initiative"),
                    value=code,
                )
            )
        if code is not None and year is not None:
            key = (code, int(year))
            if key in seen:
                where.add(
                    problem(
                        "duplicate-code",
                        row=row,
                        column=sheet.column("year"),
                        value=f"{code} {year}",
                        first=str(seen[key]),
                    )
                )
            seen.setdefault(key, row)
    for item in _year_problems(sheet, plan, records):
        where.add(item)
    # Amounts the model refused as too large (or negative) are not summed: they are reported.
    amounts = [float(r["amount_dkk"]) for r in records if r["amount_dkk"] is not None]
    total = sum(a for a in amounts if 0 <= a < MAX_AMOUNT_DKK)
    limit = plan["total_dkk"]
    if limit is None or not 0 <= float(limit) < MAX_AMOUNT_DKK:
        return
    if total > float(limit) + 0.005:
        where.add(
            problem(
                "allocations-exceed-plan",
                row=None,
                column=sheet.column("amount_dkk"),
                plan=str(plan["plan_id"] or ""),
                total=total,
                limit=float(limit),
            )
        )


def _check_targets(
    sheet: _Sheet, plan: dict[str, Any], stored: Stored, sink: ProblemSink, defined: set[str]
) -> None:
    """Targets of known indicators, or of result indicators the workbook defines."""
    where = _SheetSink(sink, sheet.written_name)
    records = _records(sheet)
    seen: dict[tuple[str, int | None, str], int] = {}
    for record in records:
        row, code = int(record["_row"]), record["indicator"]
        if code is not None and code not in stored.indicators and code not in defined:
            where.add(
                problem("unknown-indicator", row=row, column=sheet.column("indicator"), value=code)
            )
        if code is not None and record["kind"] is not None:
            year = None if record["year"] is None else int(record["year"])
            key = (code, year, str(record["kind"]))
            if key in seen:
                where.add(
                    problem(
                        "duplicate-target",
                        row=row,
                        column=sheet.column("indicator"),
                        value=code,
                        first=str(seen[key]),
                    )
                )
            seen.setdefault(key, row)
    for item in _year_problems(sheet, plan, records):
        where.add(item)


def _definition(plan: dict[str, Any], sheets: dict[PlanSheetKey, _Sheet]) -> PlanDefinition:
    def day(value: object) -> str | None:
        return value.isoformat() if isinstance(value, dt.date) else None

    plan_id = plan["plan_id"]
    return PlanDefinition(
        plan={
            "plan_id": plan_id,
            "name_da": plan["name_da"],
            "name_en": plan["name_en"],
            "start_date": day(plan["start_date"]),
            "end_date": day(plan["end_date"]),
            "total_dkk": _money(plan["total_dkk"]),
            "status": plan["status"],
            "source_id": plan["source_id"],
            "note": plan["note"],
        },
        source={
            "source_id": plan["source_id"],
            "title": plan["source_title"],
            "publisher": plan["source_publisher"],
            "url": plan["source_url"],
            "published_on": day(plan["source_published_on"]),
            "kind": plan["source_kind"],
        },
        action_areas=[
            {"code": r["code"], "name_da": r["name_da"], "name_en": r["name_en"]}
            for r in _records(sheets[PlanSheetKey.ACTION_AREAS])
        ],
        initiatives=[
            {
                "code": r["code"],
                "name_da": r["name_da"],
                "name_en": r["name_en"],
                "responsible_org": r["responsible_org"],
                "action_area": r["action_area"],
            }
            for r in _records(sheets[PlanSheetKey.INITIATIVES])
        ],
        allocations=[
            {
                "initiative": r["initiative"],
                "year": int(r["year"]),
                "amount_dkk": _money(r["amount_dkk"]),
                "note": r["note"],
            }
            for r in _records(sheets[PlanSheetKey.ALLOCATIONS])
        ],
        targets=[
            {
                "indicator": r["indicator"],
                "year": None if r["year"] is None else int(r["year"]),
                "kind": r["kind"],
                "value": format(round(float(r["value"]), 3), "f"),
                "direction": r["direction"],
                "note": r["note"],
            }
            for r in _records(sheets[PlanSheetKey.TARGETS])
        ],
    )


def _money(value: object) -> str:
    return f"{float(str(value)):.2f}"

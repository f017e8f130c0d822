"""Uploads: file bytes -> raw table -> typed frame -> report -> one transaction.

A file with any error stores nothing. A file with warnings is stored only when the uploader
accepts them, and the accepted warnings are kept with the upload. Checks that need the database
(known codes, plan periods, what is stored already) run inside the same transaction as the
write, so that what was checked is what is stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

from planwatch.access.audit import AuditAction, record
from planwatch.domain.clock import to_utc_naive, today_in_denmark, utc_now
from planwatch.domain.numbers import plain
from planwatch.domain.periods import Period
from planwatch.domain.permissions import Actor, Permission, require
from planwatch.domain.upload_specs import SPECS, UploadKind, UploadSpec
from planwatch.domain.vocab import ALL, BREAKDOWN_DIMENSIONS, TOTAL, Breakdown
from planwatch.errors import Problem, UsageError
from planwatch.storage import Store, migrations, repository, upload_sql, uploads_archive
from planwatch.uploads import checks, suggestions, workbooks
from planwatch.uploads.parsing import MappedTable, Parsed, apply_model, map_headers, type_frame
from planwatch.uploads.problems import WARNINGS, ProblemSink, problem
from planwatch.uploads.raw_tables import FileRefused, RawTable, ReadLimits
from planwatch.uploads.readers import read_table, too_large

Status = Literal["stored", "nothing-new", "dry-run", "needs-acceptance", "refused"]

KPI_SOURCE: Final = "cmm-upload"
BUDGET_SOURCE: Final = "ministry-budget-upload"
CORRECTIONS_SHOWN: Final = 200


@dataclass(frozen=True, slots=True)
class CorrectionPreview:
    row: int
    key: str  # for machines and the command line: "victims_assessed 2025-Q1 sex=female"
    old_value: Decimal
    new_value: Decimal
    # the same, for a page to write in words: the indicator or initiative, the period, the part
    subject: str = ""
    period: Period | None = None
    breakdown: Breakdown = TOTAL


@dataclass(slots=True)
class UploadReport:
    """Everything an uploader needs to know about one file, in one documented shape."""

    kind: str
    file_name: str
    sha256: str
    size_bytes: int
    status: Status = "refused"
    file_format: str | None = None
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    rows_read: int = 0
    rows_new: int = 0
    rows_unchanged: int = 0
    rows_corrected: int = 0
    errors: int = 0
    warnings: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_counts: dict[str, int] = field(default_factory=dict)
    problems_truncated: bool = False
    corrections: list[CorrectionPreview] = field(default_factory=list)
    earlier_uploads: list[int] = field(default_factory=list)
    upload_id: int | None = None
    change_set_id: int | None = None
    recorded_at: dt.datetime | None = None
    recorded_by: str | None = None

    def summary(self, language: str = "da") -> str:
        return _summary(self, language)


# -- what would change ------------------------------------------------------------------------


@dataclass(slots=True)
class _Diff:
    new: pd.DataFrame
    corrected: pd.DataFrame  # with old_value and new_value
    unchanged: int
    previews: list[CorrectionPreview]
    columns: list[str]  # the columns of the version table, with "_row"


def _store_frame(kind: UploadKind, rows: pd.DataFrame) -> tuple[str, pd.DataFrame]:
    """The incoming rows as the version table stores them."""
    common = {
        "_row": rows["_row"].to_numpy(),
        "year": rows["year"].astype("int64").to_numpy(),
    }
    if kind is UploadKind.KPI:
        frame = pd.DataFrame(
            {
                **common,
                "indicator_code": rows["indicator"].astype(str).to_numpy(),
                "quarter": rows["quarter"].astype("int64").to_numpy(),
                "sex": rows["sex"].astype(str).to_numpy(),
                "age_group": rows["age_group"].astype(str).to_numpy(),
                "exploitation": rows["exploitation"].astype(str).to_numpy(),
                "source_id": KPI_SOURCE,
                "value": rows["value"].astype("float64").to_numpy(),
                "is_preferred": True,
                "note": rows["note"].to_numpy(),
            }
        )
        frame["quarter"] = frame["quarter"].astype("Int16")
        return "observation_versions", frame
    frame = pd.DataFrame(
        {
            **common,
            "initiative_code": rows["initiative"].astype(str).to_numpy(),
            "source_id": BUDGET_SOURCE,
            "amount_dkk": rows["amount_dkk"].astype("float64").to_numpy(),
            "note": rows["note"].to_numpy(),
        }
    )
    if kind is UploadKind.SPENDING:
        frame["quarter"] = rows["quarter"].astype("int64").to_numpy()
        return "spending_versions", frame
    return "allocation_versions", frame


def _diff(connection: Any, kind: UploadKind, rows: pd.DataFrame) -> tuple[str, _Diff]:
    """Which incoming figures are new, unchanged or corrections of what is stored. Replacing
    an illustrative (demo) figure with a real one counts as new, not as a correction."""
    table, frame = _store_frame(kind, rows)
    value = "value" if kind is UploadKind.KPI else "amount_dkk"
    stored = pd.DataFrame(
        upload_sql.stored_for_keys(connection, table, frame),
        columns=["_row", "old_value", "old_version_id", "old_illustrative"],
    )
    merged = frame.merge(stored, on="_row", how="left")
    merged["new_value"] = merged[value]
    old = pd.Series(
        [np.nan if v is None else float(v) for v in merged["old_value"].tolist()],
        index=merged.index,
        dtype="float64",
    )
    is_new = old.isna() | merged["old_illustrative"].fillna(False).astype(bool)
    same = ~is_new & np.isclose(old.fillna(0), merged[value], rtol=0, atol=1e-9)
    corrected = ~is_new & ~same
    previews = [
        CorrectionPreview(
            row=int(r["_row"]),
            key=_key_text(kind, r),
            old_value=_decimal(r["old_value"]),
            new_value=_decimal(r[value]),
            subject=str(r["indicator_code" if kind is UploadKind.KPI else "initiative_code"]),
            period=Period(int(r["year"]), None if "quarter" not in r else int(r["quarter"])),
            breakdown=Breakdown(**{d: str(r[d]) for d in BREAKDOWN_DIMENSIONS})
            if kind is UploadKind.KPI
            else TOTAL,
        )
        for _, r in merged[corrected].head(CORRECTIONS_SHOWN).iterrows()
    ]
    return table, _Diff(
        merged[is_new], merged[corrected], int(same.sum()), previews, list(frame.columns)
    )


def _decimal(value: object) -> Decimal:
    return plain(value) if value is not None else Decimal(0)


def _key_text(kind: UploadKind, row: pd.Series) -> str:
    if kind is UploadKind.KPI:
        parts = [f"{row['indicator_code']} {row['year']}-Q{row['quarter']}"]
        parts += [f"{d}={row[d]}" for d in BREAKDOWN_DIMENSIONS if row[d] != ALL]
        return " ".join(parts)
    if kind is UploadKind.SPENDING:
        return f"{row['initiative_code']} {row['year']}-Q{row['quarter']}"
    return f"{row['initiative_code']} {row['year']}"


# -- the whole import ---------------------------------------------------------------------------


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _Discard(Exception):
    """Leave the transaction without storing anything (dry run, refusal, nothing new)."""


def import_file(
    store: Store,
    data: bytes,
    file_name: str,
    kind: UploadKind | str,
    *,
    actor: Actor | None,
    reason: str | None = None,
    accept_warnings: bool = False,
    dry_run: bool = False,
    sheet: str | None = None,
    limits: ReadLimits = ReadLimits(),  # noqa: B008 - frozen dataclass
    problem_cap: int = 1000,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    size_bytes: int | None = None,
) -> UploadReport:
    """Validate an upload and, unless told not to or refused, store it in one transaction as a
    submission awaiting approval, with its entry in the audit log.

    Only a user with the upload permission may send a file, even as a dry run.

    ``size_bytes`` is the size of a file of which only the first ``limits.max_bytes + 1`` bytes
    were read (see :func:`planwatch.uploads.bounded.read_at_most`): it is refused as too large,
    naming its real size, and its report has no checksum (``sha256`` is ""), since the rest of it
    was never read.
    """
    user = require(actor, Permission.UPLOAD)
    size = len(data) if size_bytes is None else size_bytes
    cut_short = size != len(data)
    if cut_short and not (len(data) > limits.max_bytes and size > len(data)):
        raise ValueError(
            f"size_bytes={size_bytes} with {len(data)} bytes read: only a file over the limit "
            f"({limits.max_bytes} bytes) may be given in part"
        )
    try:
        the_kind = UploadKind(kind)
    except ValueError:
        raise UsageError(
            f"Ukendt type '{kind}'. Vælg kpi, spending eller allocations.",
            f"Unknown kind '{kind}'. Choose kpi, spending or allocations.",
        ) from None
    report = UploadReport(
        kind=the_kind.value,
        file_name=file_name,
        sha256="" if cut_short else sha256(data),
        size_bytes=size,
    )
    sink = ProblemSink(cap=problem_cap)
    spec = SPECS[the_kind]
    if report.size_bytes > limits.max_bytes:
        sink.add(too_large(report.size_bytes, limits))
        return _finish(report, sink, "refused")
    try:
        table = _read(data, file_name, sheet, spec, limits)
    except FileRefused as refused:
        for item in refused.problems:
            sink.add(item)
        return _finish(report, sink, "refused")
    _describe(report, table)
    mapped = map_headers(table, spec, sink)
    if mapped is None:
        return _finish(report, sink, "refused")
    migrations.require_current(store)
    moment = to_utc_naive(now) if now else utc_now()
    try:
        with store.transaction() as connection:
            status = _check_and_store(
                connection,
                report,
                spec,
                mapped,
                sink,
                user=user,
                reason=(reason or "").strip() or None,
                accept_warnings=accept_warnings,
                dry_run=dry_run,
                today=today or today_in_denmark(),
                moment=moment,
                data=data,
                archive_beside=store.path if store.archive else None,
            )
            if status != "stored":
                raise _Discard(status)
    except _Discard as discarded:
        return _finish(report, sink, discarded.args[0])
    return _finish(report, sink, "stored")


def _read(
    data: bytes, file_name: str, sheet: str | None, spec: UploadSpec, limits: ReadLimits
) -> RawTable:
    """The sheet asked for; else the sheet the template names (e.g. "kpi"), if the workbook has
    one; else the first visible sheet."""
    if sheet is not None:
        return read_table(data, file_name, sheet=sheet, limits=limits)
    try:
        return read_table(data, file_name, sheet=spec.sheet_name, limits=limits)
    except FileRefused as refused:
        if refused.problems and refused.problems[0].code == "sheet-not-found":
            return read_table(data, file_name, limits=limits)
        raise


def _describe(report: UploadReport, table: RawTable) -> None:
    report.file_format = table.file_format
    report.sheet = table.sheet
    report.encoding = table.encoding
    report.delimiter = table.delimiter
    report.rows_read = len(table.rows)


def _check_and_store(
    connection: Any,
    report: UploadReport,
    spec: UploadSpec,
    mapped: MappedTable,
    sink: ProblemSink,
    *,
    user: Actor,
    reason: str | None,
    accept_warnings: bool,
    dry_run: bool,
    today: dt.date,
    moment: dt.datetime,
    data: bytes,
    archive_beside: Path | None = None,
) -> Status:
    known = upload_sql.definitions(connection)
    parsed = type_frame(mapped, spec, known, sink)
    apply_model(parsed, sink)
    breakdowns = {parsed.written(d): d for d in BREAKDOWN_DIMENSIONS}
    sink.problems[:] = suggestions.with_suggestions(sink.problems, known, breakdowns)
    checks.check_duplicates(parsed, sink)
    if sink.total > sink.cap:
        return "refused"  # fix these first: further checks would only add to a capped list
    rows = checks.valid_rows(parsed, sink)
    _check_context(connection, parsed, rows, known, sink, today)
    table, diff = _diff(connection, spec.kind, rows)
    report.rows_new = len(diff.new)
    report.rows_corrected = len(diff.corrected)
    report.rows_unchanged = diff.unchanged
    report.corrections = diff.previews
    report.earlier_uploads = [
        u["upload_id"] for u in upload_sql.uploads_with_sha(connection, report.sha256)
    ]
    if len(diff.corrected) and reason is None:
        column = parsed.written(checks.value_column(spec.kind))
        for row, old, new in zip(
            diff.corrected["_row"],
            diff.corrected["old_value"],
            diff.corrected["new_value"],
            strict=True,
        ):
            sink.add(
                problem(
                    "correction-needs-reason",
                    row=int(row),
                    column=column,
                    value=float(new),
                    old=float(old),
                )
            )
    if sink.has_errors():
        return "refused"
    warnings = [p for p in sink.problems if p.severity == "warning"]
    if warnings and not accept_warnings:
        return "needs-acceptance"
    if dry_run:
        return "dry-run"
    if not len(diff.new) and not len(diff.corrected):
        return "nothing-new"
    if archive_beside is not None:  # the file is on disk before the upload can commit
        uploads_archive.keep_object(archive_beside, data, report.sha256)
    change_set = repository.insert_change_set(
        connection,
        kind="upload",
        recorded_at=moment,
        recorded_by=user.name,
        reason=reason,
        description=f"Upload of {report.file_name} ({spec.kind.value})",
    )
    changed = pd.concat([diff.new, diff.corrected])[diff.columns]
    repository.insert_versions(connection, table, changed.drop(columns=["_row"]), change_set)
    if spec.kind is UploadKind.KPI:
        upload_sql.demote_other_sources(connection, change_set, changed, KPI_SOURCE)
    report.upload_id = upload_sql.insert_upload(
        connection,
        {
            "change_set_id": change_set,
            "kind": spec.kind.value,
            "file_name": report.file_name,
            "file_format": report.file_format,
            "sheet": report.sheet,
            "sha256": report.sha256,
            "size_bytes": report.size_bytes,
            "uploaded_by": user.name,
            "uploaded_at": moment,
            "reason": reason,
            "rows_total": report.rows_read,
            "rows_new": report.rows_new,
            "rows_unchanged": report.rows_unchanged,
            "rows_corrected": report.rows_corrected,
            "accepted_warnings": [w.as_dict() for w in warnings],
            "content": data,
        },
    )
    record(
        connection,
        actor=user.name,
        action=AuditAction.UPLOAD,
        subject=f"change-set:{change_set}",
        details={
            "upload_id": report.upload_id,
            "kind": spec.kind.value,
            "file_name": report.file_name,
            "sha256": report.sha256,
            "size_bytes": report.size_bytes,
            "rows_new": report.rows_new,
            "rows_corrected": report.rows_corrected,
            "reason": reason,
            "accepted_warnings": len(warnings),
        },
        origin=user.origin,
        at=moment,
    )
    report.change_set_id = change_set
    report.recorded_at = moment
    report.recorded_by = user.name
    return "stored"


def _check_context(
    connection: Any,
    parsed: Parsed,
    rows: pd.DataFrame,
    known: dict[str, list[dict[str, Any]]],
    sink: ProblemSink,
    today: dt.date,
) -> None:
    """The rules that need what is stored: periods, plans, totals, history."""
    if parsed.spec.kind is UploadKind.KPI:
        codes = sorted(set(rows["indicator"]))
        history = upload_sql.quarterly_history(connection, codes)
        stored_quarters: dict[str, set[int]] = {}
        for h in history:
            if h["quarter"] is not None:
                stored_quarters.setdefault(h["indicator_code"], set()).add(
                    checks.quarter_index(h["year"], h["quarter"])
                )
        totals = rows[
            (rows["sex"] == ALL) & (rows["age_group"] == ALL) & (rows["exploitation"] == ALL)
        ]
        aggregation = {i["code"]: i["aggregation"] for i in known["indicators"]}
        checks.check_quarters_ended(parsed, rows, today, sink)
        checks.check_parts(
            parsed, rows, upload_sql.current_breakdown_values(connection, codes), sink
        )
        checks.check_gaps(parsed, totals, "indicator", stored_quarters, sink)
        checks.check_outliers(parsed, rows, history, aggregation, sink)
        return
    initiatives = {i["code"]: i for i in known["initiatives"]}
    state = upload_sql.money_state(connection, sorted(set(rows["initiative"])))
    checks.check_plan_years(parsed, rows, initiatives, sink)
    if parsed.spec.kind is UploadKind.ALLOCATIONS:
        checks.check_plan_total(parsed, rows, state["allocations"], initiatives, sink)
        checks.check_initiative_details(parsed, rows, initiatives, sink)
        return
    spent_quarters: dict[str, set[int]] = {}
    for s in state["spending"]:
        spent_quarters.setdefault(s["initiative_code"], set()).add(
            checks.quarter_index(s["year"], s["quarter"])
        )
    checks.check_quarters_ended(parsed, rows, today, sink)
    checks.check_gaps(parsed, rows, "initiative", spent_quarters, sink)
    checks.check_over_allocation(parsed, rows, state["spending"], state["allocations"], sink)


def _finish(report: UploadReport, sink: ProblemSink, status: Status) -> UploadReport:
    report.status = status
    report.problems = sorted(sink.problems, key=lambda p: (p.row or 0, p.column or "", p.code))
    report.problem_counts = dict(sorted(sink.counts.items()))
    report.problems_truncated = sink.total > len(sink.problems)
    report.errors = sum(n for code, n in sink.counts.items() if code not in WARNINGS)
    report.warnings = sum(n for code, n in sink.counts.items() if code in WARNINGS)
    return report


_SUMMARIES: Final[dict[str, tuple[str, str]]] = {
    "stored": (
        "Gemt: {new} nye og {corrected} rettede tal ({unchanged} uændrede). "
        "Kvittering: indberetning nr. {submission}.",
        "Stored: {new} new and {corrected} corrected figures ({unchanged} unchanged). "
        "Receipt: submission no. {submission}.",
    ),
    "nothing-new": (
        "Intet nyt: alle {unchanged} tal i filen er allerede gemt. Intet er ændret.",
        "Nothing new: all {unchanged} figures in the file are already stored. Nothing was changed.",
    ),
    "dry-run": (
        "Prøvekørsel: {new} nye, {corrected} rettede og {unchanged} uændrede tal ville blive "
        "gemt. Intet er gemt endnu.",
        "Dry run: {new} new, {corrected} corrected and {unchanged} unchanged figures would be "
        "stored. Nothing has been stored yet.",
    ),
    "needs-acceptance": (
        "Filen har {warnings} advarsel(er). Den gemmes først, når du har accepteret dem. "
        "Intet er gemt.",
        "The file has {warnings} warning(s). It is stored only once you accept them. "
        "Nothing was stored.",
    ),
    "refused": (
        "Filen er afvist med {errors} fejl. Intet er gemt. Ret fejlene og send filen igen.",
        "The file was refused with {errors} error(s). Nothing was stored. "
        "Fix the errors and send the file again.",
    ),
}


def _summary(report: UploadReport, language: str) -> str:
    da, en = _SUMMARIES[report.status]
    return (da if language == "da" else en).format(
        new=report.rows_new,
        corrected=report.rows_corrected,
        unchanged=report.rows_unchanged,
        # the change set's number: the one Mine indberetninger, Godkendelse and the audit log
        # show (issue 18: the receipt named the upload record's own number)
        submission=report.change_set_id,
        warnings=report.warnings,
        errors=report.errors,
    )


def report_file(report: UploadReport, data: bytes, suffix: str, language: str = "da") -> bytes:
    """The report as a file: ``.xlsx`` gives the uploader's own table with the bad cells marked
    and commented; anything else gives the problems as CSV for Danish Excel."""
    if suffix.lower() != ".xlsx":
        return workbooks.report_csv(report.problems, language)
    try:
        table = read_table(data, report.file_name, sheet=report.sheet)
    except FileRefused:
        table = RawTable(report.file_name, "csv", None, None, None, (), 1, (), ())
    original = data if table.file_format == "xlsx" else None
    return workbooks.annotated_workbook(table, report.problems, original, language)


def template(store: Store, kind: UploadKind | str, file_format: str, language: str = "da") -> bytes:
    """A template for an upload kind, listing the codes the database knows."""
    from planwatch.uploads import templates  # openpyxl: only for templates

    spec = SPECS[UploadKind(kind)]
    if file_format == "csv":
        return templates.template_csv(spec, language)
    with store.connect(read_only=True) as connection:
        known = upload_sql.definitions(connection)
    codes: dict[str, list[tuple[str, str, str]]] = {
        "indicator": [(i["code"], i["name_da"], i["name_en"]) for i in known["indicators"]],
        "initiative": [(i["code"], i["name_da"], i["name_en"]) for i in known["initiatives"]],
    }
    for dimension, terms in BREAKDOWN_DIMENSIONS.items():
        codes[dimension] = [(t.code, t.label_da, t.label_en) for t in terms.values()]
    wanted = {c.name for c in spec.columns}
    return templates.template_xlsx(
        spec, {name: values for name, values in codes.items() if name in wanted}, language
    )


def read_upload(store: Store, upload_id: int) -> dict[str, Any] | None:
    """An upload record with its original bytes."""
    with store.connect(read_only=True) as connection:
        return upload_sql.upload(connection, upload_id)

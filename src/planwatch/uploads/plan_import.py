"""The next plan through a workbook (issue 19): import it as a submission, write its template,
export a stored plan as the same workbook.

``import_plan`` checks the workbook (:mod:`planwatch.uploads.plan_workbook`) and, with no problem
at all, stores in one transaction a change set of kind ``upload``, the workbook and the plan it
defines (``plan_submissions``), the file in the archive and the audit entry. Nothing of the plan
is in the definitions or version tables until an approver approves the submission
(:func:`planwatch.access.approvals.approve`, which applies it: ``storage.plan_sql.apply``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal

from planwatch.access.audit import AuditAction, record
from planwatch.domain import plan_revision
from planwatch.domain.clock import to_utc_naive, utc_now
from planwatch.domain.permissions import Actor, Permission, require
from planwatch.domain.plan_workbook import sheet_order
from planwatch.errors import NotFoundError, Problem
from planwatch.storage import Store, migrations, plan_sql, repository, uploads_archive
from planwatch.storage.rows import FAR_FUTURE
from planwatch.uploads.ingest import sha256
from planwatch.uploads.plan_workbook import Stored, read_plan
from planwatch.uploads.problems import WARNINGS, ProblemSink, problem
from planwatch.uploads.raw_tables import ReadLimits
from planwatch.uploads.readers import too_large

Status = Literal["stored", "dry-run", "refused"]


@dataclass(slots=True)
class PlanImportReport:
    """What became of one plan workbook (``--json`` prints this)."""

    file_name: str
    sha256: str
    size_bytes: int
    status: Status = "refused"
    plan_id: str | None = None
    action_areas: int = 0
    initiatives: int = 0
    allocations: int = 0
    targets: int = 0
    errors: int = 0
    problems: list[Problem] = field(default_factory=list)
    change_set_id: int | None = None
    revises: bool = False  # the plan is stored: the workbook revises it
    changes: int | None = None
    """How many things a revision changes in the stored plan (as the approver will see them)."""

    def summary(self, language: str = "da") -> str:
        da, en = _SUMMARIES[self.status]
        if self.revises and self.status != "refused":
            da += " " + _REVISION[0]
            en += " " + _REVISION[1]
            if self.changes == 0:  # sent all the same: the approver sees it and may return it
                da += " " + _NOTHING[0]
                en += " " + _NOTHING[1]
        return (da if language == "da" else en).format(
            changes=self.changes,
            plan=self.plan_id,
            areas=self.action_areas,
            initiatives=self.initiatives,
            allocations=self.allocations,
            targets=self.targets,
            submission=self.change_set_id,
            errors=self.errors,
        )


_REVISION: Final = (
    "Planen findes, så projektmappen reviderer den ({changes} ændring(er), som godkenderen ser "
    "dem): ved godkendelse bliver hvert ændret navn, beløb og mål en ny version, og bevillinger "
    "og mål, der ikke står i projektmappen, trækkes tilbage. Tidligere versioner kan ses med "
    "--as-of.",
    "The plan exists, so the workbook revises it ({changes} change(s), as the approver sees "
    "them): on approval every changed name, amount and target becomes a new version, and "
    "allocations and targets not in the workbook are withdrawn. Earlier versions show with "
    "--as-of.",
)
_NOTHING: Final = (
    "Bemærk: den ændrer intet i den gemte plan.",
    "Note: it changes nothing in the stored plan.",
)

_SUMMARIES: Final[dict[str, tuple[str, str]]] = {
    "stored": (
        "Planen {plan} er indsendt til godkendelse: {areas} indsatsområder, {initiatives} "
        "indsatser, {allocations} bevillinger og {targets} mål. Kvittering: indberetning nr. "
        "{submission}. Den vises først, når en anden person har godkendt den.",
        "The plan {plan} was submitted for approval: {areas} action areas, {initiatives} "
        "initiatives, {allocations} allocations and {targets} targets. Receipt: submission no. "
        "{submission}. It shows only once another person has approved it.",
    ),
    "dry-run": (
        "Prøvekørsel: planen {plan} er i orden ({areas} indsatsområder, {initiatives} indsatser, "
        "{allocations} bevillinger, {targets} mål). Intet er gemt.",
        "Dry run: the plan {plan} is valid ({areas} action areas, {initiatives} initiatives, "
        "{allocations} allocations, {targets} targets). Nothing was stored.",
    ),
    "refused": (
        "Projektmappen er afvist med {errors} fejl. Intet er gemt. Ret fejlene og send den igen.",
        "The workbook was refused with {errors} error(s). Nothing was stored. "
        "Fix the errors and send it again.",
    ),
}


def _importer(actor: Actor | None) -> Actor:
    """Admins (who manage definitions) and uploaders may send a plan; approvers approve it."""
    if actor is not None and actor.can(Permission.MANAGE_DEFINITIONS):
        return require(actor, Permission.MANAGE_DEFINITIONS)
    return require(actor, Permission.UPLOAD)


class _Refused(Exception):
    """Leave the transaction without storing anything."""


def import_plan(
    store: Store,
    data: bytes,
    file_name: str,
    *,
    actor: Actor | None,
    reason: str | None = None,
    dry_run: bool = False,
    limits: ReadLimits = ReadLimits(),  # noqa: B008 - frozen dataclass
    now: dt.datetime | None = None,
) -> PlanImportReport:
    """Check a plan workbook and, with no problem and unless ``dry_run``, submit it for
    approval in one transaction. Any problem: nothing is stored."""
    user = _importer(actor)
    report = PlanImportReport(file_name=file_name, sha256=sha256(data), size_bytes=len(data))
    sink = ProblemSink()
    if len(data) > limits.max_bytes:
        sink.add(too_large(len(data), limits))
        return _finish(report, sink, "refused")
    migrations.require_current(store)
    moment = to_utc_naive(now) if now else utc_now()
    try:
        with store.transaction() as connection:
            found = plan_sql.stored_for_checks(connection)
            stored = Stored(
                plan_ids=frozenset(found["plans"]) | frozenset(found["pending"]),
                pending_plan_ids=frozenset(found["pending"]),
                initiatives=found["initiatives"],
                indicator_rows=found["indicator_rows"],
                sources=found["sources"],
                outlines=found["outlines"],
            )
            definition = read_plan(data, file_name, stored, sink, limits=limits)
            if definition is not None and definition.plan["plan_id"] in found["plans"]:
                report.revises = True
                if not (reason or "").strip():
                    sink.add(
                        replace(
                            problem(
                                "revision-needs-reason",
                                row=None,
                                column=None,
                                plan=str(definition.plan["plan_id"]),
                            ),
                            sheet="Plan",  # the sheet's name in both languages
                        )
                    )
                    definition = None
            if definition is None:
                raise _Refused("refused")
            if report.revises:
                before = plan_sql.stored_plan(
                    connection, str(definition.plan["plan_id"]), FAR_FUTURE
                )
                if before is not None:
                    report.changes = len(plan_revision.changes(before, definition.as_json()))
            report.plan_id = definition.plan["plan_id"]
            report.action_areas = len(definition.action_areas)
            report.initiatives = len(definition.initiatives)
            report.allocations = len(definition.allocations)
            report.targets = len(definition.targets)
            if dry_run:
                raise _Refused("dry-run")
            if store.archive:  # the file is on disk before the submission can commit
                uploads_archive.keep_object(store.path, data, report.sha256)
            change_set = repository.insert_change_set(
                connection,
                kind="upload",
                recorded_at=moment,
                recorded_by=user.name,
                reason=(reason or "").strip() or None,
                description=f"Plan workbook {file_name} (plan {report.plan_id})",
            )
            plan_sql.insert_submission(
                connection,
                change_set_id=change_set,
                plan_id=str(report.plan_id),
                file_name=file_name,
                sha256=report.sha256,
                content=data,
                definition=definition.as_json(),
            )
            record(
                connection,
                actor=user.name,
                action=AuditAction.UPLOAD,
                subject=f"change-set:{change_set}",
                details={
                    "kind": "plan",
                    "plan_id": report.plan_id,
                    "file_name": file_name,
                    "sha256": report.sha256,
                    "size_bytes": report.size_bytes,
                    "reason": (reason or "").strip() or None,
                },
                origin=user.origin,
                at=moment,
            )
            report.change_set_id = change_set
    except _Refused as refused:
        return _finish(report, sink, refused.args[0])
    return _finish(report, sink, "stored")


def _finish(report: PlanImportReport, sink: ProblemSink, status: Status) -> PlanImportReport:
    report.status = status
    report.problems = sorted(
        sink.problems,
        key=lambda p: (sheet_order(p.sheet), p.row or 0, p.column or "", p.code),
    )
    report.errors = sum(n for code, n in sink.counts.items() if code not in WARNINGS)
    return report


def plan_template(store: Store, actor: Actor | None, language: str = "da") -> bytes:
    """The plan workbook to fill in, with the indicators the database knows."""
    from planwatch.uploads import plan_templates  # openpyxl: only for workbooks

    _importer(actor)
    with store.connect(read_only=True) as connection:
        found = plan_sql.indicator_names(connection)
    return plan_templates.plan_workbook(language, found, None)


def export_plan(store: Store, actor: Actor | None, plan_id: str, language: str = "da") -> bytes:
    """A stored plan as the plan workbook, filled: change it and import it as the next plan."""
    from planwatch.uploads import plan_templates

    rows = plan_rows(store, actor, plan_id)
    with store.connect(read_only=True) as connection:
        indicators = plan_sql.indicator_names(connection)
    return plan_templates.plan_workbook(language, indicators, rows)


def plan_rows(store: Store, actor: Actor | None, plan_id: str) -> dict[str, list[dict[str, Any]]]:
    """A stored plan as it stands, each sheet's rows under the workbook's column names (what
    the workbook export and the app's forms are filled with)."""
    _importer(actor)
    with store.connect(read_only=True) as connection:
        found = plan_sql.stored_plan(connection, plan_id, FAR_FUTURE)
    if found is None:
        raise NotFoundError(
            f"Planen '{plan_id}' findes ikke.", f"The plan '{plan_id}' does not exist."
        )
    return _filled(found)


def typed_workbook(
    store: Store,
    actor: Actor | None,
    rows: Mapping[str, Sequence[Mapping[str, str | None]]],
    language: str = "da",
) -> bytes:
    """The plan workbook of what a person typed in the app's forms, every cell as typed: sent
    through :func:`import_plan` like any workbook (the same checks, the same file archived)."""
    from planwatch.uploads import plan_templates

    _importer(actor)
    with store.connect(read_only=True) as connection:
        indicators = plan_sql.indicator_names(connection)
    return plan_templates.plan_workbook(language, indicators, rows, as_typed=True)


def _filled(found: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """A stored plan's rows under the workbook's column names."""
    plan = dict(found["plan"])
    return {
        "plan": [plan],
        "action_areas": found["action_areas"],
        "initiatives": found["initiatives"],
        "allocations": found["allocations"],
        "targets": found["targets"],
        # a stored indicator is named by its code (the sheet Codes names it)
        "results": found["results"],
    }

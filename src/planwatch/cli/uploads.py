"""Uploads: ``import`` a file for approval, write a ``template``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from planwatch.cli.common import EXIT_BAD_DATA, Context, echo_result, user_option, with_context
from planwatch.domain.permissions import Permission
from planwatch.errors import Problem, UsageError
from planwatch.settings import load_settings


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--kind",
    type=click.Choice(["kpi", "spending", "allocations"]),
    required=True,
    help="kpi (CMM's quarterly figures), spending or allocations.",
)
@user_option  # here, not from with_context: --help has always listed it after --kind
@click.option("--reason", default=None, help="Why figures already stored are corrected.")
@click.option("--accept-warnings", is_flag=True, help="Store the file despite its warnings.")
@click.option("--dry-run", is_flag=True, help="Check and show what would change; store nothing.")
@click.option("--sheet", default=None, help="The sheet to read in an Excel file (default: first).")
@click.option(
    "--report",
    "report_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write the problems as CSV (.csv) or as the annotated workbook (.xlsx).",
)
@with_context(user=False)
def import_cmd(
    ctx: Context,
    file: Path,
    kind: str,
    reason: str | None,
    accept_warnings: bool,
    dry_run: bool,
    sheet: str | None,
    report_path: Path | None,
) -> None:
    """Validate an upload file and submit it all-or-nothing for approval (exit 1 when refused)."""
    from planwatch.settings import upload_limits
    from planwatch.uploads import ingest
    from planwatch.uploads.bounded import read_at_most
    from planwatch.uploads.raw_tables import ReadLimits

    max_bytes, max_rows = upload_limits(load_settings())
    data, size = read_at_most(file, max_bytes)  # a file over the limit is not read whole
    store = ctx.store()
    # the reads before the write (who acts, the migrations) share one open of the file: each
    # open costs tens of milliseconds (issue 17); the write opens it afresh
    with store.kept_open():
        report = ingest.import_file(
            store,
            data,
            file.name,
            kind,
            actor=ctx.actor(store),
            reason=reason,
            accept_warnings=accept_warnings,
            dry_run=dry_run,
            sheet=sheet,
            limits=ReadLimits(max_bytes=max_bytes, max_rows=max_rows),
            size_bytes=size,
        )
    if report_path is not None:
        whole = data if len(data) == size else file.read_bytes()  # the table the user sent
        report_path.write_bytes(ingest.report_file(report, whole, report_path.suffix, ctx.language))
    lines = [report.summary(ctx.language)]
    lines += [_problem_line(p, ctx.language) for p in report.problems]
    if report.problems_truncated:
        lines.append(
            f"... {sum(report.problem_counts.values()) - len(report.problems)} "
            + (
                "flere problemer (se optællingen pr. kode)"
                if ctx.language == "da"
                else "more problems (see the counts per code)"
            )
        )
    echo_result(ctx, report, "\n".join(lines))
    if report.status in ("refused", "needs-acceptance"):
        sys.exit(EXIT_BAD_DATA)


def _problem_line(problem: Problem, language: str) -> str:
    where = (
        ""
        if problem.row is None
        else (
            f"{'række' if language == 'da' else 'row'} {problem.row}"
            + (f", {problem.column}" if problem.column else "")
            + ": "
        )
    )
    mark = "(!) " if problem.severity == "warning" else ""
    suggestion = problem.suggestion(language)  # "Mente du ...?" (issue 18), when one is close
    return f"  {mark}{where}{problem.message(language)} [{problem.code}]" + (
        f" {suggestion}" if suggestion else ""
    )


@click.command("template")
@click.option(
    "--kind",
    type=click.Choice(["kpi", "spending", "allocations", "plan"]),
    required=True,
    help="kpi, spending, allocations, or plan (the workbook that defines the next plan).",
)
@click.option("--format", "file_format", type=click.Choice(["xlsx", "csv"]), default="xlsx")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True)
@with_context()
def template_cmd(ctx: Context, kind: str, file_format: str, out: Path) -> None:
    """Write an upload template (with the codes known to the database)."""
    from planwatch.uploads import ingest

    store = ctx.store()
    if kind == "plan":
        from planwatch.uploads import plan_import

        if file_format != "xlsx":
            raise UsageError(
                "Planprojektmappen findes kun som .xlsx (den har flere ark).",
                "The plan workbook exists only as .xlsx (it has several sheets).",
            )
        out.write_bytes(plan_import.plan_template(store, ctx.actor(store), ctx.language))
        echo_result(ctx, {"path": out}, str(out))
        return
    ctx.acting(store, Permission.UPLOAD)
    out.write_bytes(ingest.template(store, kind, file_format, ctx.language))
    echo_result(ctx, {"path": out}, str(out))

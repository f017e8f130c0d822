"""The ``planwatch`` command: a thin shell over the services.

Exit codes: 0 ok; 1 bad data; 2 usage (unknown option, code or value); 3 the database is busy
or cannot be opened; 4 an unexpected internal error (a bug: the message says where the details
were logged). ``--json`` prints exactly what the Python API returns, as JSON.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import sys
from collections.abc import Callable
from decimal import Decimal
from functools import wraps
from pathlib import Path
from typing import Any, NoReturn, ParamSpec, TypeVar

import click

from planwatch import corrections, reporting
from planwatch.domain.clock import parse_moment
from planwatch.domain.periods import Period
from planwatch.domain.vocab import ALL, Breakdown
from planwatch.errors import DataError, PlanwatchError, Problem, StorageError, UsageError
from planwatch.settings import load_settings
from planwatch.storage import Store, migrations

EXIT_OK = 0
EXIT_BAD_DATA = 1
EXIT_USAGE = 2
EXIT_UNAVAILABLE = 3
EXIT_INTERNAL = 4

P = ParamSpec("P")
R = TypeVar("R")


def to_jsonable(value: Any) -> Any:
    """Dataclasses, decimals, dates and enums as plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Period):
        return str(value)
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


class Context:
    def __init__(self, db: Path | None, language: str | None, as_json: bool) -> None:
        self._db = db
        self._language = language
        self.as_json = as_json

    @property
    def language(self) -> str:
        return self._language or load_settings().language

    def store(self) -> Store:
        settings = load_settings(db=self._db)
        return Store(settings.db, settings.lock_timeout)


def _fail(ctx: Context, error: PlanwatchError, code: int) -> NoReturn:
    if ctx.as_json:
        click.echo(json.dumps({"error": error.as_dict()}, ensure_ascii=False, indent=2))
    else:
        click.echo(error.message(ctx.language), err=True)
        if isinstance(error, DataError):
            for problem in error.problems:
                click.echo(f"  - {problem.message(ctx.language)}", err=True)
    sys.exit(code)


def handled(func: Callable[P, R]) -> Callable[P, R]:
    """Turn planwatch's errors into a message and an exit code; never a traceback."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        ctx = click.get_current_context().find_object(Context)
        assert ctx is not None  # noqa: S101 - the group always sets it
        try:
            return func(*args, **kwargs)
        except DataError as error:
            _fail(ctx, error, EXIT_BAD_DATA)
        except UsageError as error:
            _fail(ctx, error, EXIT_USAGE)
        except StorageError as error:
            _fail(ctx, error, EXIT_UNAVAILABLE)
        except PlanwatchError as error:
            _fail(ctx, error, EXIT_BAD_DATA)
        except Exception as error:
            log_path = _log_unexpected(error)
            _fail(
                ctx,
                PlanwatchError(
                    f"Uventet fejl ({type(error).__name__}). Intet er gemt halvt; detaljer er "
                    f"skrevet i {log_path}.",
                    f"Unexpected error ({type(error).__name__}). Nothing was half-stored; "
                    f"details were written to {log_path}.",
                ),
                EXIT_INTERNAL,
            )

    return wrapper


def _log_unexpected(error: Exception) -> Path:
    """Write the traceback to a temporary file for the operator; the user sees a sentence."""
    import tempfile
    import traceback

    handle, name = tempfile.mkstemp(prefix="planwatch-error-", suffix=".log")
    with open(handle, "w", encoding="utf-8") as log_file:
        log_file.write("".join(traceback.format_exception(error)))
    return Path(name)


def db_option(func: Callable[P, R]) -> Callable[P, R]:
    """``--db PATH`` on every command (also accepted before the command name)."""

    def remember(click_ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
        if value is not None:
            click_ctx.ensure_object(Context)._db = value

    return click.option(
        "--db",
        type=click.Path(path_type=Path, dir_okay=False),
        expose_value=False,
        callback=remember,
        help="Database file (default: $PLANWATCH_DB or data/planwatch.duckdb).",
    )(func)


def _echo(ctx: Context, payload: Any, text: str) -> None:
    click.echo(
        json.dumps(to_jsonable(payload), ensure_ascii=False, indent=2) if ctx.as_json else text
    )


def _period(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValueError as error:
        raise UsageError(
            f"{text!r} er hverken et år (2023) eller et kvartal (2023-Q2).", str(error)
        ) from None


def _as_of(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    try:
        return parse_moment(text)
    except ValueError as error:
        raise UsageError(
            f"{text!r} er hverken en dato (2025-03-31) eller et tidspunkt (2025-03-31T12:00).",
            str(error),
        ) from None


def _breakdown(sex: str, age_group: str, exploitation: str) -> Breakdown:
    try:
        return Breakdown(sex, age_group, exploitation)
    except ValueError as error:
        raise UsageError(f"Ukendt opdeling: {error}.", f"Unknown breakdown: {error}.") from None


breakdown_options = [
    click.option("--sex", default=ALL, show_default=True, help="female, male, transgender"),
    click.option("--age-group", default=ALL, show_default=True, help="under_18, 18_plus"),
    click.option("--exploitation", default=ALL, show_default=True, help="e.g. sexual"),
]


def with_breakdown(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(breakdown_options):
        func = option(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Database file (default: $PLANWATCH_DB or data/planwatch.duckdb).",
)
@click.option(
    "--lang",
    type=click.Choice(["da", "en"]),
    default=None,
    help="Language of messages (default: $PLANWATCH_LANGUAGE or da).",
)
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON.")
@click.pass_context
def main(click_ctx: click.Context, db: Path | None, lang: str | None, as_json: bool) -> None:
    """planwatch: follow the national action plan against human trafficking."""
    click_ctx.obj = Context(db, lang, as_json)


@main.command()
@click.option("--demo", is_flag=True, help="Also load the illustrative demo figures.")
@db_option
@click.pass_obj
@handled
def init(ctx: Context, demo: bool) -> None:
    """Create or migrate the database and load the bundled reference data."""
    from planwatch import reference  # pandas and pandera load only when needed

    store = ctx.store()
    report = reference.load(store, demo=demo)
    da = ctx.language == "da"
    lines = [
        f"Database: {store.path}",
        (
            f"Migreringer anvendt: {len(report.migrations_applied)}"
            if da
            else f"Migrations applied: {len(report.migrations_applied)}"
        ),
        (f"Rækker tilføjet: {report.rows_added}" if da else f"Rows added: {report.rows_added}"),
    ]
    lines += [f"  {table}: {count}" for table, count in report.inserted.items() if count]
    for table, rows in report.differing.items():
        lines.append(
            f"Bemærk: {len(rows)} række(r) i {table} afviger fra de medfølgende data "
            "og er ikke ændret."
            if da
            else f"Note: {len(rows)} row(s) in {table} differ from the bundled data "
            "and were not changed."
        )
    if demo:
        lines.append(
            "Demo-tal for bevillinger og forbrug er ILLUSTRATIVE, ikke officielle."
            if da
            else "Demo allocations and spending are ILLUSTRATIVE, not official."
        )
    _echo(ctx, report, "\n".join(lines))


@main.group()
def db() -> None:
    """Database maintenance."""


@db.command("migrate")
@click.option("--list", "list_only", is_flag=True, help="Only list applied and pending migrations.")
@db_option
@click.pass_obj
@handled
def db_migrate(ctx: Context, list_only: bool) -> None:
    """Apply pending schema migrations (or list them)."""
    store = ctx.store()
    if not list_only:
        migrations.migrate(store)
    states = migrations.status(store)
    da = ctx.language == "da"
    text = "\n".join(
        f"{'anvendt' if da else 'applied'} {s.applied_at:%Y-%m-%d %H:%M:%S}  {s.name}"
        if s.applied_at
        else f"{'afventer' if da else 'pending'}{' ' * 21}{s.name}"
        for s in states
    )
    _echo(
        ctx,
        [{"name": s.name, "applied": s.applied, "applied_at": s.applied_at} for s in states],
        text,
    )


@main.command("figure")
@click.argument("indicator")
@click.argument("period")
@with_breakdown
@click.option("--as-of", default=None, help="Show the figure as stored at this moment (UTC).")
@db_option
@click.pass_obj
@handled
def figure_cmd(
    ctx: Context,
    indicator: str,
    period: str,
    sex: str,
    age_group: str,
    exploitation: str,
    as_of: str | None,
) -> None:
    """Show one figure (e.g. `planwatch figure victims_assessed 2023`) with its source."""
    store = ctx.store()
    reporting.indicator(store, indicator)
    the_period = _period(period)
    answer = reporting.figure(
        store, indicator, the_period, _breakdown(sex, age_group, exploitation), as_of=_as_of(as_of)
    )
    if answer is None:
        raise UsageError(
            f"Der er intet tal for {indicator} {the_period}.",
            f"There is no figure for {indicator} {the_period}.",
        )
    p = answer.preferred
    lines = [f"{indicator} {the_period}: {p.value}  [{p.source.source_id}] {p.source.title}"]
    if p.is_illustrative:
        lines.append(
            "ILLUSTRATIVT tal, ikke officielt"
            if ctx.language == "da"
            else "ILLUSTRATIVE figure, not official"
        )
    lines += [
        f"  {'anden kilde' if ctx.language == 'da' else 'other source'}: {a.value}  "
        f"[{a.source.source_id}]"
        for a in answer.alternatives
    ]
    _echo(ctx, answer, "\n".join(lines))


@main.command("history")
@click.argument("indicator")
@click.argument("period")
@with_breakdown
@db_option
@click.pass_obj
@handled
def history_cmd(
    ctx: Context, indicator: str, period: str, sex: str, age_group: str, exploitation: str
) -> None:
    """Every version of one figure: value, source, who, when and why."""
    store = ctx.store()
    reporting.indicator(store, indicator)
    entries = reporting.history(
        store, indicator, _period(period), _breakdown(sex, age_group, exploitation)
    )
    text = "\n".join(
        f"{e.recorded_at:%Y-%m-%d %H:%M:%S}  {e.source_id:<32} "
        f"{'-' if e.value is None else e.value!s:>8}  {e.change_kind:<10} {e.recorded_by}"
        + (f"  ({e.reason})" if e.reason else "")
        for e in entries
    )
    _echo(ctx, entries, text)


@main.command("correct")
@click.argument("indicator")
@click.argument("period")
@with_breakdown
@click.option("--source", "source_id", required=True, help="Source whose figure is corrected.")
@click.option("--value", required=True, help="The corrected value.")
@click.option("--reason", required=True, help="Why the figure is corrected.")
@click.option("--user", required=True, help="Who makes the correction.")
@db_option
@click.pass_obj
@handled
def correct_cmd(
    ctx: Context,
    indicator: str,
    period: str,
    sex: str,
    age_group: str,
    exploitation: str,
    source_id: str,
    value: str,
    reason: str,
    user: str,
) -> None:
    """Correct a stored figure. The old value stays in the history."""
    store = ctx.store()
    reporting.indicator(store, indicator)
    receipt = corrections.correct_observation(
        store,
        indicator=indicator,
        period=_period(period),
        breakdown=_breakdown(sex, age_group, exploitation),
        source_id=source_id,
        new_value=corrections.parse_value(value),
        reason=reason,
        user=user,
    )
    text = (
        f"Rettet: {receipt.old_value} -> {receipt.new_value} (version {receipt.version_id})"
        if ctx.language == "da"
        else f"Corrected: {receipt.old_value} -> {receipt.new_value} (version {receipt.version_id})"
    )
    _echo(ctx, receipt, text)


@main.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--kind",
    type=click.Choice(["kpi", "spending", "allocations"]),
    required=True,
    help="kpi (CMM's quarterly figures), spending or allocations.",
)
@click.option("--user", default=None, help="Who sends the file (default: the login name).")
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
@db_option
@click.pass_obj
@handled
def import_cmd(
    ctx: Context,
    file: Path,
    kind: str,
    user: str | None,
    reason: str | None,
    accept_warnings: bool,
    dry_run: bool,
    sheet: str | None,
    report_path: Path | None,
) -> None:
    """Validate an upload file and store it all-or-nothing (exit 1 when refused)."""
    import getpass

    from planwatch import ingest
    from planwatch.readers import ReadLimits
    from planwatch.settings import upload_limits

    max_bytes, max_rows = upload_limits(load_settings())
    data = file.read_bytes()
    report = ingest.import_file(
        ctx.store(),
        data,
        file.name,
        kind,
        user=user or getpass.getuser(),
        reason=reason,
        accept_warnings=accept_warnings,
        dry_run=dry_run,
        sheet=sheet,
        limits=ReadLimits(max_bytes=max_bytes, max_rows=max_rows),
    )
    if report_path is not None:
        report_path.write_bytes(ingest.report_file(report, data, report_path.suffix, ctx.language))
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
    _echo(ctx, report, "\n".join(lines))
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
    return f"  {mark}{where}{problem.message(language)} [{problem.code}]"


@main.command("template")
@click.option("--kind", type=click.Choice(["kpi", "spending", "allocations"]), required=True)
@click.option("--format", "file_format", type=click.Choice(["xlsx", "csv"]), default="xlsx")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True)
@db_option
@click.pass_obj
@handled
def template_cmd(ctx: Context, kind: str, file_format: str, out: Path) -> None:
    """Write an upload template (with the codes known to the database)."""
    from planwatch import ingest

    out.write_bytes(ingest.template(ctx.store(), kind, file_format, ctx.language))
    _echo(ctx, {"path": out}, str(out))


if __name__ == "__main__":  # pragma: no cover
    main()

"""The ``planwatch`` command: a thin shell over the services.

Exit codes: 0 ok; 1 bad data; 2 usage (unknown option, code or value); 3 the database is busy
or cannot be opened; 4 an unexpected internal error (a bug: the message says where the details
were logged); 5 refused: the user given with ``--user`` (or ``$PLANWATCH_USER``) does not exist,
is disabled, or may not do this. ``--json`` prints exactly what the Python API returns, as JSON.

Every command that reads figures or changes anything acts as a planwatch user and is checked
with the same permissions as the app (see ``planwatch.domain.access``). Only ``init``, ``db``
and the creation of the very first admin run without one: they are the operator's.
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
from typing import Any, Final, NoReturn, ParamSpec, TypeVar

import click

from planwatch import corrections, reporting
from planwatch.domain.access import Actor, Permission, View, require, view_for
from planwatch.domain.clock import parse_moment
from planwatch.domain.periods import Period
from planwatch.domain.vocab import ALL, Breakdown
from planwatch.errors import (
    DataError,
    PermissionDeniedError,
    PlanwatchError,
    Problem,
    SignInError,
    StorageError,
    UsageError,
)
from planwatch.settings import load_settings
from planwatch.storage import Store, migrations

EXIT_OK = 0
EXIT_BAD_DATA = 1
EXIT_USAGE = 2
EXIT_UNAVAILABLE = 3
EXIT_INTERNAL = 4
EXIT_DENIED = 5

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


def cli_origin() -> str:
    """Where a command-line call comes from: the operating-system user and the machine."""
    import getpass
    import socket

    try:
        who = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (e.g. in a container)
        who = "?"
    return f"cli {who}@{socket.gethostname()}"


class Context:
    def __init__(
        self, db: Path | None, language: str | None, as_json: bool, user: str | None = None
    ) -> None:
        self._db = db
        self._language = language
        self.as_json = as_json
        self.user = user

    def actor(self, store: Store) -> Actor | None:
        """The planwatch user this call acts as (``--user``); None when none was given, which
        every permission check refuses."""
        from planwatch import auth

        if not self.user:
            return None
        return auth.actor_for(store, self.user, origin=cli_origin())

    def acting(self, store: Store, permission: Permission) -> Actor:
        return require(self.actor(store), permission)

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
        except (PermissionDeniedError, SignInError) as error:
            _record_refusal(ctx, click.get_current_context().command_path, error)
            _fail(ctx, error, EXIT_DENIED)
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


def _record_refusal(ctx: Context, command: str, error: PlanwatchError) -> None:
    """A refused command is written to the audit log (best effort: the refusal stands even if
    the log cannot be written, e.g. on a read-only copy)."""
    from planwatch.audit import AuditAction, record_now

    try:
        store = ctx.store()
        if store.exists():
            record_now(
                store,
                actor=ctx.user or "?",
                action=AuditAction.PERMISSION_DENIED,
                subject=command,
                details={"message": error.message_en},
                origin=cli_origin(),
            )
    except PlanwatchError:
        pass


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


def user_option(func: Callable[P, R]) -> Callable[P, R]:
    """``--user NAME`` on every command that acts as a user (also accepted before the command
    name, or from ``$PLANWATCH_USER``)."""

    def remember(click_ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
        if value:
            click_ctx.ensure_object(Context).user = value

    return click.option(
        "--user",
        default=None,
        expose_value=False,
        callback=remember,
        help="The planwatch user to act as (default: $PLANWATCH_USER).",
    )(func)


def _view(ctx: Context, store: Store, include_submitted: bool) -> View:
    return view_for(
        ctx.actor(store),
        include_submitted=include_submitted,
        small_count_threshold=load_settings().small_count_threshold,
    )


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
@click.option(
    "--user",
    envvar="PLANWATCH_USER",
    default=None,
    help="The planwatch user to act as (default: $PLANWATCH_USER).",
)
@click.pass_context
def main(
    click_ctx: click.Context, db: Path | None, lang: str | None, as_json: bool, user: str | None
) -> None:
    """planwatch: follow the national action plan against human trafficking."""
    click_ctx.obj = Context(db, lang, as_json, user)


@main.command()
@click.option("--demo", is_flag=True, help="Also load the illustrative demo figures.")
@db_option
@click.pass_obj
@handled
def init(ctx: Context, demo: bool) -> None:
    """Create or migrate the database and load the bundled reference data."""
    from planwatch import reference  # pandas and pandera load only when needed

    store = ctx.store()
    report = reference.load(store, demo=demo, origin=cli_origin())
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
    passwords: dict[str, str] = {}
    if demo:
        from planwatch import auth

        lines.append(
            "Demo-tal for bevillinger og forbrug er ILLUSTRATIVE, ikke officielle."
            if da
            else "Demo allocations and spending are ILLUSTRATIVE, not official."
        )
        passwords = auth.demo_users(store, origin=cli_origin())
        lines.append(
            "Demo-brugere (nye adgangskoder ved hver start; kun til demoen):"
            if da
            else "Demo users (new passwords at every start; for the demo only):"
        )
        lines += [f"  {name:<16} {password}" for name, password in passwords.items()]
    payload = to_jsonable(report)
    if demo:
        payload["demo_users"] = passwords
    _echo(ctx, payload, "\n".join(lines))


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


def _json_after_command(click_ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--json`` also after ``db backup`` / ``db restore`` (as the operator's guide writes it)."""
    if value:
        click_ctx.ensure_object(Context).as_json = True


_json_flag = click.option(
    "--json",
    is_flag=True,
    expose_value=False,
    callback=_json_after_command,
    help="Print the report as JSON.",
)


@db.command("backup")
@_json_flag
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path, dir_okay=True, file_okay=False),
    help="New (or empty) folder for the backup, e.g. /var/backups/planwatch/2026-11-29.",
)
@db_option
@click.pass_obj
@handled
def db_backup(ctx: Context, out_dir: Path) -> None:
    """Copy every table, at one moment, to Parquet files plus manifest.json (app may run)."""
    from planwatch import backups

    store = ctx.store()
    report = backups.backup(store, out_dir)
    da = ctx.language == "da"
    rows = sum(report.tables.values())
    text = "\n".join(
        [
            f"{'Sikkerhedskopi' if da else 'Backup'}: {report.out_dir}",
            f"Database: {store.path}",
            (
                f"Tabeller: {len(report.tables)}, rækker: {rows}, filer: {report.files}, "
                f"{report.size_bytes} bytes"
                if da
                else f"Tables: {len(report.tables)}, rows: {rows}, files: {report.files}, "
                f"{report.size_bytes} bytes"
            ),
            (
                f"Revisionslog til og med post {report.audit_head_seq}"
                if da
                else f"Audit log up to entry {report.audit_head_seq}"
            ),
            f"manifest.json SHA-256: {report.manifest_sha256}",
        ]
    )
    _echo(ctx, report, text)


@db.command("restore")
@_json_flag
@click.argument(
    "backup_dir", type=click.Path(path_type=Path, file_okay=False, dir_okay=True, exists=False)
)
@click.option(
    "--db",
    "new_db",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The NEW database file to create (it must not exist).",
)
@click.pass_obj
@handled
def db_restore(ctx: Context, backup_dir: Path, new_db: Path) -> None:
    """Restore a backup into a new database file, after checking every file's SHA-256."""
    from planwatch import backups

    report = backups.restore(backup_dir, new_db)
    da = ctx.language == "da"
    lines = [
        f"{'Gendannet' if da else 'Restored'}: {report.db}",
        (
            f"Fra sikkerhedskopien {report.backup_dir} ({report.backup_created_at})"
            if da
            else f"From the backup {report.backup_dir} ({report.backup_created_at})"
        ),
        (
            f"Tabeller: {len(report.tables)}, rækker: {sum(report.tables.values())}; "
            f"revisionsloggen er intakt ({report.audit_entries} poster)"
            if da
            else f"Tables: {len(report.tables)}, rows: {sum(report.tables.values())}; "
            f"the audit log is intact ({report.audit_entries} entries)"
        ),
    ]
    if report.pending_migrations:
        lines.append(
            f"Kør 'planwatch db migrate --db {report.db}' før brug "
            f"({len(report.pending_migrations)} migreringer afventer)."
            if da
            else f"Run 'planwatch db migrate --db {report.db}' before use "
            f"({len(report.pending_migrations)} migrations pending)."
        )
    _echo(ctx, report, "\n".join(lines))


@main.command("figure")
@click.argument("indicator")
@click.argument("period")
@with_breakdown
@click.option("--as-of", default=None, help="Show the figure as stored at this moment (UTC).")
@click.option(
    "--include-submitted",
    is_flag=True,
    help="Also figures awaiting approval (for uploaders, approvers and auditors).",
)
@user_option
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
    include_submitted: bool,
) -> None:
    """Show one figure (e.g. `planwatch figure victims_assessed 2023`) with its source."""
    store = ctx.store()
    view = _view(ctx, store, include_submitted)
    reporting.indicator(store, indicator)
    the_period = _period(period)
    answer = reporting.figure(
        store,
        indicator,
        the_period,
        _breakdown(sex, age_group, exploitation),
        as_of=_as_of(as_of),
        view=view,
    )
    if answer is None:
        raise UsageError(
            f"Der er intet tal for {indicator} {the_period}.",
            f"There is no figure for {indicator} {the_period}.",
        )
    p = answer.preferred
    da = ctx.language == "da"

    def shown(figure: Any) -> str:
        if figure.suppressed is not None:
            return str(figure.suppressed.label(ctx.language))
        return str(figure.value)

    lines = [f"{indicator} {the_period}: {shown(p)}  [{p.source.source_id}] {p.source.title}"]
    if p.suppressed is not None:
        lines.append(
            "Små antal personer vises ikke præcist."
            if da
            else "Small counts of persons are not shown exactly."
        )
    if p.is_submitted:
        lines.append("Indsendt, endnu ikke godkendt." if da else "Submitted, not yet approved.")
    elif p.is_revised:
        lines.append("Revideret." if da else "Revised.")
    if p.is_illustrative:
        lines.append(
            "ILLUSTRATIVT tal, ikke officielt"
            if ctx.language == "da"
            else "ILLUSTRATIVE figure, not official"
        )
    lines += [
        f"  {'anden kilde' if ctx.language == 'da' else 'other source'}: {shown(a)}  "
        f"[{a.source.source_id}]"
        for a in answer.alternatives
    ]
    _echo(ctx, answer, "\n".join(lines))


@main.command("history")
@click.argument("indicator")
@click.argument("period")
@with_breakdown
@user_option
@db_option
@click.pass_obj
@handled
def history_cmd(
    ctx: Context, indicator: str, period: str, sex: str, age_group: str, exploitation: str
) -> None:
    """Every version of one figure: value, source, who, when and why (auditors)."""
    store = ctx.store()
    auditor = ctx.acting(store, Permission.VIEW_HISTORY)
    reporting.indicator(store, indicator)
    entries = reporting.history(
        store,
        indicator,
        _period(period),
        _breakdown(sex, age_group, exploitation),
        view=view_for(
            auditor,
            include_submitted=True,
            small_count_threshold=load_settings().small_count_threshold,
        ),
    )

    def value_text(e: reporting.HistoryEntry) -> str:
        if e.suppressed is not None:
            return e.suppressed.label(ctx.language)
        return "-" if e.value is None else str(e.value)

    text = "\n".join(
        f"{e.recorded_at:%Y-%m-%d %H:%M:%S}  {e.source_id:<32} {value_text(e):>8}"
        f"  {e.change_kind:<10} {e.status:<9} {e.recorded_by}"
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
@user_option
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
) -> None:
    """Submit a correction of a stored figure for approval. The old value stays in the history."""
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
        actor=ctx.actor(store),
    )
    text = (
        f"Rettelse indsendt til godkendelse: {receipt.old_value} -> {receipt.new_value} "
        f"(indberetning {receipt.change_set_id}, version {receipt.version_id})"
        if ctx.language == "da"
        else f"Correction submitted for approval: {receipt.old_value} -> {receipt.new_value} "
        f"(submission {receipt.change_set_id}, version {receipt.version_id})"
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
@user_option
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
    reason: str | None,
    accept_warnings: bool,
    dry_run: bool,
    sheet: str | None,
    report_path: Path | None,
) -> None:
    """Validate an upload file and submit it all-or-nothing for approval (exit 1 when refused)."""
    from planwatch import ingest
    from planwatch.readers import ReadLimits
    from planwatch.settings import upload_limits

    max_bytes, max_rows = upload_limits(load_settings())
    data = file.read_bytes()
    store = ctx.store()
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
@user_option
@db_option
@click.pass_obj
@handled
def template_cmd(ctx: Context, kind: str, file_format: str, out: Path) -> None:
    """Write an upload template (with the codes known to the database)."""
    from planwatch import ingest

    store = ctx.store()
    ctx.acting(store, Permission.UPLOAD)
    out.write_bytes(ingest.template(store, kind, file_format, ctx.language))
    _echo(ctx, {"path": out}, str(out))


# -- users -------------------------------------------------------------------------------------


def _read_password(stdin: bool, prompt_da: str, prompt_en: str, language: str) -> str:
    """A password from standard input (one line) or prompted twice without echo."""
    if stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    prompt = prompt_da if language == "da" else prompt_en
    value: str = click.prompt(prompt, hide_input=True, confirmation_prompt=True)
    return value


@main.group()
def users() -> None:
    """Users and roles (admins). Passwords are prompted or read from standard input."""


@users.command("add")
@click.argument("name")
@click.option(
    "--role",
    "roles",
    multiple=True,
    required=True,
    help="viewer, uploader, approver, auditor or admin (repeat for several).",
)
@click.option("--display-name", default=None, help="Full name shown in the app.")
@click.option("--email", default=None, help="E-mail for single sign-on (OIDC).")
@click.option("--subject", default=None, help="The identity provider's subject (OIDC).")
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input (one line)."
)
@click.option("--no-password", is_flag=True, help="Single sign-on only: no local password.")
@user_option
@db_option
@click.pass_obj
@handled
def users_add(
    ctx: Context,
    name: str,
    roles: tuple[str, ...],
    display_name: str | None,
    email: str | None,
    subject: str | None,
    password_stdin: bool,
    no_password: bool,
) -> None:
    """Add a user. The very first admin may be added without --user."""
    from planwatch import auth

    store = ctx.store()
    migrations.migrate(store)
    by = ctx.actor(store)
    password = (
        None
        if no_password
        else _read_password(password_stdin, "Adgangskode", "Password", ctx.language)
    )
    info = auth.add_user(
        store,
        by,
        name,
        roles,
        password=password,
        display_name=display_name,
        email=email,
        oidc_subject=subject,
        origin=cli_origin(),
    )
    _echo(
        ctx,
        info,
        (f"Bruger tilføjet: {info.name} ({', '.join(r.value for r in info.roles)})")
        if ctx.language == "da"
        else f"User added: {info.name} ({', '.join(r.value for r in info.roles)})",
    )


@users.command("list")
@user_option
@db_option
@click.pass_obj
@handled
def users_list(ctx: Context) -> None:
    """List users, their roles and whether they are disabled or locked."""
    from planwatch import auth

    store = ctx.store()
    found = auth.list_users(store, ctx.actor(store))
    da = ctx.language == "da"
    lines = []
    for u in found:
        notes = []
        if u.disabled:
            notes.append("deaktiveret" if da else "disabled")
        if u.locked_until is not None:
            notes.append(
                f"{'spærret til' if da else 'locked until'} {u.locked_until:%Y-%m-%d %H:%M}"
            )
        roles = ",".join(r.value for r in u.roles)
        lines.append(f"{u.name:<24} {roles:<36} {' '.join(notes)}".rstrip())
    _echo(ctx, found, "\n".join(lines))


def _set_disabled(ctx: Context, name: str, disabled: bool) -> None:
    from planwatch import auth

    store = ctx.store()
    auth.set_disabled(store, ctx.actor(store), name, disabled, origin=cli_origin())
    da = ctx.language == "da"
    state = ("deaktiveret" if da else "disabled") if disabled else ("aktiv" if da else "enabled")
    _echo(ctx, {"name": name, "disabled": disabled}, f"{name}: {state}")


@users.command("disable")
@click.argument("name")
@user_option
@db_option
@click.pass_obj
@handled
def users_disable(ctx: Context, name: str) -> None:
    """Disable a user: they can no longer sign in. Users are never deleted."""
    _set_disabled(ctx, name, True)


@users.command("enable")
@click.argument("name")
@user_option
@db_option
@click.pass_obj
@handled
def users_enable(ctx: Context, name: str) -> None:
    """Enable a disabled user again."""
    _set_disabled(ctx, name, False)


@users.command("grant")
@click.argument("name")
@click.argument("role")
@user_option
@db_option
@click.pass_obj
@handled
def users_grant(ctx: Context, name: str, role: str) -> None:
    """Give a user a role."""
    _change_role(ctx, name, role, grant=True)


@users.command("revoke")
@click.argument("name")
@click.argument("role")
@user_option
@db_option
@click.pass_obj
@handled
def users_revoke(ctx: Context, name: str, role: str) -> None:
    """Take a role from a user."""
    _change_role(ctx, name, role, grant=False)


def _change_role(ctx: Context, name: str, role: str, *, grant: bool) -> None:
    from planwatch import auth

    store = ctx.store()
    changed = auth.change_role(store, ctx.actor(store), name, role, grant, origin=cli_origin())
    sign = "+" if grant else "-"
    _echo(ctx, {"name": name, "role": role, "changed": changed}, f"{name} {sign} {role}")


@users.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@user_option
@db_option
@click.pass_obj
@handled
def users_password(ctx: Context, name: str, password_stdin: bool) -> None:
    """Set a user's password (admins; or a user their own)."""
    from planwatch import auth

    store = ctx.store()
    by = ctx.actor(store)
    password = _read_password(password_stdin, "Ny adgangskode", "New password", ctx.language)
    auth.set_password(store, by, name, password, origin=cli_origin())
    _echo(ctx, {"name": name}, "OK")


# -- submissions and approval ------------------------------------------------------------------


@main.command("submissions")
@click.option("--status", type=click.Choice(["submitted", "approved", "returned"]), default=None)
@user_option
@db_option
@click.pass_obj
@handled
def submissions_cmd(ctx: Context, status: str | None) -> None:
    """Submissions: all of them for approvers and auditors, one's own for uploaders."""
    from planwatch import approvals

    store = ctx.store()
    found = approvals.submissions(store, ctx.actor(store), status=status)  # type: ignore[arg-type]
    lines = [
        f"{s.change_set_id:>5}  {s.status:<9}  {s.recorded_at:%Y-%m-%d %H:%M}  "
        f"{s.recorded_by:<20} {s.figures:>5}  {s.file_name or s.description or ''}"
        + (f"  [{s.reviewed_by}: {s.review_comment}]" if s.review_comment else "")
        for s in found
    ]
    _echo(ctx, found, "\n".join(lines))


@main.command("approve")
@click.argument("submission", type=int)
@click.option("--comment", default=None, help="An optional note for the record.")
@user_option
@db_option
@click.pass_obj
@handled
def approve_cmd(ctx: Context, submission: int, comment: str | None) -> None:
    """Approve a submission: its figures become what viewers see."""
    from planwatch import approvals

    store = ctx.store()
    result = approvals.approve(store, ctx.actor(store), submission, comment=comment)
    _echo(
        ctx,
        result,
        f"Indberetning {submission} godkendt."
        if ctx.language == "da"
        else f"Submission {submission} approved.",
    )


@main.command("return")
@click.argument("submission", type=int)
@click.option("--comment", required=True, help="What the uploader must fix.")
@user_option
@db_option
@click.pass_obj
@handled
def return_cmd(ctx: Context, submission: int, comment: str) -> None:
    """Return a submission to its uploader with a comment; its figures are never shown."""
    from planwatch import approvals

    store = ctx.store()
    result = approvals.return_submission(store, ctx.actor(store), submission, comment=comment)
    _echo(
        ctx,
        result,
        f"Indberetning {submission} returneret."
        if ctx.language == "da"
        else f"Submission {submission} returned.",
    )


# -- the audit log -----------------------------------------------------------------------------


@main.group()
def audit() -> None:
    """The audit log (auditors and admins)."""


@audit.command("verify")
@user_option
@db_option
@click.pass_obj
@handled
def audit_verify(ctx: Context) -> None:
    """Recompute the audit log's chain of hashes; exit 1 and say where when it is broken."""
    from planwatch import audit as audit_log

    store = ctx.store()
    result = audit_log.verify(store, ctx.actor(store))
    text = result.message(ctx.language)
    if result.ok:
        text += (
            f"\n{'hoved' if ctx.language == 'da' else 'head'}: {result.head_seq} {result.head_hash}"
        )
    _echo(ctx, result.as_dict(), text)
    if not result.ok:
        sys.exit(EXIT_BAD_DATA)


@audit.command("log")
@click.option("--actor", "who", default=None, help="Only this user's entries.")
@click.option("--action", default=None, help="Only this action (e.g. upload, approve).")
@click.option("--since", default=None, help="From this moment (UTC, e.g. 2025-03-31).")
@click.option("--until", default=None, help="Up to this moment (UTC).")
@click.option("--text", default=None, help="Entries mentioning this text.")
@user_option
@db_option
@click.pass_obj
@handled
def audit_log_cmd(
    ctx: Context,
    who: str | None,
    action: str | None,
    since: str | None,
    until: str | None,
    text: str | None,
) -> None:
    """Show the audit log, oldest first."""
    from planwatch import audit as audit_log

    store = ctx.store()
    found = audit_log.entries(
        store,
        ctx.actor(store),
        actor=who,
        action=action,
        since=_as_of(since),
        until=_as_of(until),
        text=text,
    )
    lines = [
        f"{e.seq:>6}  {e.recorded_at:%Y-%m-%d %H:%M:%S}  {e.actor:<20} {e.action:<18} "
        f"{e.subject or ''}  {json.dumps(e.details, ensure_ascii=False)}"
        for e in found
    ]
    _echo(ctx, found, "\n".join(lines))


# -- exports for auditors ----------------------------------------------------------------------


@main.command("export")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder to write the files to (created if missing).",
)
@click.option(
    "--pack",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write one ZIP instead: every table in every format, the uploaded files, a README "
    "and a manifest of SHA-256s.",
)
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["csv", "csv-da", "xlsx", "parquet"]),
    default="csv",
    show_default=True,
    help="csv (machines), csv-da (Danish Excel), xlsx (one sheet per table), parquet.",
)
@click.option("--tables", default=None, help="Comma-separated tables (default: all).")
@click.option("--plan", "plan_id", default=None, help="Only this plan's money and definitions.")
@click.option(
    "--as-of", default=None, help="As stored at this moment (UTC), e.g. 2025-03-31T12:00."
)
@user_option
@db_option
@click.pass_obj
@handled
def export_cmd(
    ctx: Context,
    out: Path | None,
    pack: Path | None,
    file_format: str,
    tables: str | None,
    plan_id: str | None,
    as_of: str | None,
) -> None:
    """Export tables for auditors; each file's SHA-256 is written to the audit log."""
    from planwatch import auditor_exports

    store = ctx.store()
    if (out is None) == (pack is None):
        raise UsageError("Angiv enten --out eller --pack.", "Give either --out or --pack.")
    if pack is not None:
        receipt = auditor_exports.pack(
            store, ctx.actor(store), pack, as_of=_as_of(as_of), plan_id=plan_id
        )
        _echo(ctx, receipt, f"{receipt.files[0].sha256}  {receipt.files[0].path}")
        return
    assert out is not None  # noqa: S101 - checked above
    receipt = auditor_exports.export(
        store,
        ctx.actor(store),
        out,
        file_format=file_format,
        names=[t.strip() for t in tables.split(",") if t.strip()] if tables else None,
        as_of=_as_of(as_of),
        plan_id=plan_id,
    )
    lines = [f"{f.sha256}  {f.path}" for f in receipt.files]
    _echo(ctx, receipt, "\n".join(lines))


# -- speaking notes -----------------------------------------------------------------------------


@main.command("talking-points")
@click.option("--year", type=int, required=True, help="The year the note is about, e.g. 2023.")
@click.option("--quarter", type=click.IntRange(1, 4), default=None, help="A quarter of it (1-4).")
@click.option("--plan", "plan_id", default=None, help="The plan (default: the year's plan).")
@click.option(
    "--lang",
    "note_language",
    type=click.Choice(["da", "en"]),
    default=None,
    help="Language of the note (default: the language of messages).",
)
@click.option("--as-of", default=None, help="The figures as stored at this moment (UTC).")
@click.option(
    "--include-submitted",
    is_flag=True,
    help="Also figures awaiting approval, marked preliminary (uploaders, approvers, auditors).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the note to this file: .md (Markdown) or .docx (Word). Default: print it.",
)
@user_option
@db_option
@click.pass_obj
@handled
def talking_points_cmd(
    ctx: Context,
    year: int,
    quarter: int | None,
    plan_id: str | None,
    note_language: str | None,
    as_of: str | None,
    include_submitted: bool,
    out: Path | None,
) -> None:
    """Draft a speaking note (talepapir) from the stored figures, each bullet with its source."""
    from planwatch import talking_points

    store = ctx.store()
    view = _view(ctx, store, include_submitted)
    points = talking_points.draft(
        store,
        year=year,
        quarter=quarter,
        plan_id=plan_id,
        language=note_language or ctx.language,
        as_of=_as_of(as_of),
        view=view,
    )
    if out is not None:
        suffix = out.suffix.lower()
        if suffix not in (".md", ".docx"):
            raise UsageError(
                f"--out skal ende på .md eller .docx, ikke {out.suffix or 'ingenting'}.",
                f"--out must end in .md or .docx, not {out.suffix or 'nothing'}.",
            )
        data = (
            talking_points.to_docx(points)
            if suffix == ".docx"
            else talking_points.to_markdown(points).encode("utf-8")
        )
        out.write_bytes(data)
        _echo(ctx, {"written": str(out), "bytes": len(data)}, str(out))
        return
    _echo(ctx, talking_points.to_dict(points), talking_points.to_markdown(points))


@main.command("check-claims")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--lang",
    "text_language",
    type=click.Choice(["da", "en"]),
    default=None,
    help="The text's language (default: detected).",
)
@click.option("--as-of", default=None, help="Check against the figures stored at this moment.")
@user_option
@db_option
@click.pass_obj
@handled
def check_claims_cmd(
    ctx: Context, file: Path, text_language: str | None, as_of: str | None
) -> None:
    """Check the figures a text states (.txt, .md or .docx) against the stored figures.

    Exit 0 when every checked claim is consistent, 1 when any is inconsistent, 2 for usage."""
    from planwatch import claims

    store = ctx.store()
    view = _view(ctx, store, include_submitted=False)
    report = claims.check_file(
        store,
        file.read_bytes(),
        file.name,
        language=text_language,
        as_of=_as_of(as_of),
        view=view,
    )
    language = text_language or ctx.language
    if ctx.as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(_claims_text(report, language))
    sys.exit(report.exit_code)


_VERDICT_WORDS: Final = {
    "da": {
        "consistent": "stemmer",
        "inconsistent": "STEMMER IKKE",
        "not-in-data": "ikke i data",
        "not-checked": "ikke tjekket",
    },
    "en": {
        "consistent": "consistent",
        "inconsistent": "INCONSISTENT",
        "not-in-data": "not in the data",
        "not-checked": "not checked",
    },
}


def _claims_text(report: Any, language: str) -> str:
    """One line per claim (verdict, the words of the text, the right figure) and its reason."""
    words = _VERDICT_WORDS[language]
    lines = []
    for claim in report.claims:
        right = f" -> {claim.correct}" if claim.correct else ""
        lines.append(f"[{words[claim.verdict]}] «{claim.text}»{right}")
        explanation = claim.explanation_da if language == "da" else claim.explanation_en
        if explanation:
            lines.append(f"    {explanation}")
    counts = ", ".join(f"{words[v]}: {n}" for v, n in report.counts.items())
    lines.append(counts)
    return "\n".join(lines)


# -- operating the service ---------------------------------------------------------------------


@db.command("rebuild")
@click.option(
    "--from-uploads",
    "from_uploads",
    is_flag=True,
    required=True,
    help="Rebuild from the reference data and the archived uploads (the only source so far).",
)
@click.option(
    "--archive",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="The archive to rebuild from (default: the one beside --db, <db>.archive).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The new database file to build (must not exist).",
)
@db_option
@click.pass_obj
@handled
def db_rebuild(ctx: Context, from_uploads: bool, archive: Path | None, out: Path) -> None:
    """Build a new database from the archive beside the database: the reference data, then
    every upload, correction and review again, as their authors, at their times; verified
    entry by entry against the archived audit chain."""
    from planwatch import rebuild
    from planwatch.storage import archive as uploads_archive

    del from_uploads  # required: names the source, for the day there are others
    store = ctx.store()
    source = archive or uploads_archive.archive_dir(store.path)
    report = rebuild.rebuild(out, source, lock_timeout=store.lock_timeout)
    da = ctx.language == "da"
    replayed = ", ".join(f"{action}: {count}" for action, count in report.replayed.items())
    lines = [
        (f"Genopbygget: {report.database}" if da else f"Rebuilt: {report.database}"),
        (f"Fra arkivet: {report.archive}" if da else f"From the archive: {report.archive}"),
        (
            f"Poster i revisionsloggen: {report.entries} (gentaget: {replayed}; "
            f"kopieret: {report.copied})"
            if da
            else f"Audit-log entries: {report.entries} (done again: {replayed}; "
            f"copied: {report.copied})"
        ),
        (
            f"Kæden er den samme som arkivets: post {report.head_seq}, {report.head_hash}"
            if da
            else f"The chain equals the archive's: entry {report.head_seq}, {report.head_hash}"
        ),
        (
            "Brugere og adgangskoder er ikke i arkivet: tilføj dem igen (planwatch users add). "
            "Stop appen, flyt den gamle fil til side, og flyt den nye (og dens .archive) på plads."
            if da
            else "Users and passwords are not in the archive: add them again (planwatch users "
            "add). Stop the app, move the old file aside, and move the new one (and its "
            ".archive) into place."
        ),
    ]
    _echo(ctx, to_jsonable(report), "\n".join(lines))


REPOSITORY = Path(__file__).resolve().parents[2]


def _serve_command(address: str, port: int, base_path: str, max_upload_mb: float) -> list[str]:
    """Streamlit's own command line for the app, with planwatch's production settings."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(REPOSITORY / "streamlit_app.py"),
        "--server.address",
        address,
        "--server.port",
        str(port),
        "--server.baseUrlPath",
        base_path.strip("/"),
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--server.runOnSave",
        "false",
        "--server.maxUploadSize",
        str(int(max_upload_mb) + 1),  # planwatch refuses bigger files itself, in words
        "--browser.gatherUsageStats",
        "false",
        "--client.showErrorDetails",
        "none",
        "--client.toolbarMode",
        "minimal",
        "--global.developmentMode",
        "false",
    ]


@main.command("serve")
@click.option("--address", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
@click.option(
    "--base-path",
    default="",
    help="Path the app is served under behind a reverse proxy, e.g. /planwatch.",
)
@click.option(
    "--secrets",
    "secrets_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="The secrets file ([auth] for single sign-on, [planwatch] settings), e.g. "
    "/etc/planwatch/secrets.toml (default: .streamlit/secrets.toml in the current folder).",
)
@click.option("--print", "print_only", is_flag=True, help="Print the command; do not start.")
@db_option
@click.pass_obj
@handled
def serve(
    ctx: Context,
    address: str,
    port: int,
    base_path: str,
    secrets_file: Path | None,
    print_only: bool,
) -> None:
    """Serve the app (Streamlit) on an address, port and base path, on the database."""
    import os
    import shlex

    store = ctx.store()
    if not store.exists():
        raise StorageError(
            f"Databasen {store.path} findes ikke. Opret den med 'planwatch init'.",
            f"The database {store.path} does not exist. Create it with 'planwatch init'.",
        )
    migrations.require_current(store)
    command = _serve_command(address, port, base_path, load_settings().max_upload_mb)
    if secrets_file is not None:
        command += ["--secrets.files", str(secrets_file.resolve())]
    environment = dict(os.environ, PLANWATCH_DB=str(store.path.resolve()))
    if print_only:
        click.echo(f"PLANWATCH_DB={shlex.quote(environment['PLANWATCH_DB'])} {shlex.join(command)}")
        return
    sys.stdout.flush()
    os.execve(sys.executable, command, environment)  # noqa: S606 - our own interpreter


if __name__ == "__main__":  # pragma: no cover
    main()

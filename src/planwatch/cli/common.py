"""What every ``planwatch`` command shares: the :class:`Context` (``--db``, ``--user``,
``--lang``, ``--json``), the exit codes, the translation of planwatch's errors into a message
and an exit code (:func:`handled`), the one decorator that gives a command all of that
(:func:`with_context`), JSON output, and the parsing of periods, moments and breakdowns.
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
from typing import Any, Concatenate, Literal, NoReturn, ParamSpec, TypeVar

import click

from planwatch.domain.clock import parse_moment
from planwatch.domain.periods import Period
from planwatch.domain.permissions import Actor, Permission, View, require, view_for
from planwatch.domain.vocab import ALL, Breakdown
from planwatch.errors import (
    DataError,
    PermissionDeniedError,
    PlanwatchError,
    SignInError,
    StorageError,
    UsageError,
)
from planwatch.settings import load_settings
from planwatch.storage import Store

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
    """The root group's options for one call (``--db``, ``--lang``, ``--json``, ``--user``);
    a subcommand's ``--db``, ``--user`` or ``--json`` written after its name overrides them."""

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
        from planwatch.access import accounts

        if not self.user:
            return None
        return accounts.actor_for(store, self.user, origin=cli_origin())

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
    from planwatch.access.audit import AuditAction, record_now

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


def with_context(
    *, user: bool = True, db: bool = True
) -> Callable[[Callable[Concatenate[Context, P], R]], Callable[P, R]]:
    """The one decorator every subcommand wears, just above its function: the :class:`Context`
    as its first argument, planwatch's errors as a message and an exit code (:func:`handled`),
    and ``--db`` and ``--user`` also after the command name. All four of ``--db/--user/--lang/
    --json`` are the root group's, before the command name; ``--lang`` is not repeated after it
    because ``talking-points`` and ``check-claims`` use it for the language of the text.

    ``user=False`` for the operator's commands, which act as no planwatch user (or, like
    ``import``, place ``--user`` themselves); ``db=False`` for ``db restore``, whose ``--db`` is
    the new file. The options come last in ``--help``, after the command's own."""

    def decorate(func: Callable[Concatenate[Context, P], R]) -> Callable[P, R]:
        command = click.pass_obj(handled(func))
        if db:
            command = db_option(command)
        if user:
            command = user_option(command)
        return command

    return decorate


def view_for_user(ctx: Context, store: Store, include_submitted: bool) -> View:
    """What the ``--user`` may see of the figures (as in the app)."""
    return view_for(
        ctx.actor(store),
        include_submitted=include_submitted,
        small_count_threshold=load_settings().small_count_threshold,
    )


def echo_result(ctx: Context, payload: Any, text: str) -> None:
    """The result: the payload as JSON with ``--json``, else the text."""
    click.echo(
        json.dumps(to_jsonable(payload), ensure_ascii=False, indent=2) if ctx.as_json else text
    )


def parse_period(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValueError as error:
        raise UsageError(
            f"{text!r} er hverken et år (2023) eller et kvartal (2023-Q2).", str(error)
        ) from None


AS_OF_HELP = (
    "(Danish time: a date means the end of that Danish day, a time without an offset is Danish "
    "wall-clock time, an offset or Z is honoured), e.g. 2025-03-31 or 2025-03-31T12:00"
)
"""What every ``--as-of`` says about the moment it takes (the help of ``figure``, ``export``,
``talking-points``, ``check-claims``; ``audit log --since/--until`` say it in their words)."""


def parse_as_of(
    text: str | None, *, date_means: Literal["end", "start"] = "end"
) -> dt.datetime | None:
    """A moment given on the command line, in Danish time (:func:`planwatch.domain.clock.
    parse_moment`): the same moment the app's date picker gives for the same date."""
    if text is None:
        return None
    try:
        return parse_moment(text, date_means=date_means)
    except ValueError as error:
        raise UsageError(
            f"{text!r} er hverken en dato (2025-03-31) eller et tidspunkt (2025-03-31T12:00).",
            str(error),
        ) from None


def parse_breakdown(sex: str, age_group: str, exploitation: str) -> Breakdown:
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

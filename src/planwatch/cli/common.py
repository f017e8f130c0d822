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
import re
import sys
from collections.abc import Callable
from decimal import Decimal
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, Final, Literal, NoReturn, ParamSpec, TypeVar

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

if TYPE_CHECKING:
    from planwatch.access.tokens import CliIdentity

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
    """Where a command-line call comes from, for the audit log: the operating-system account
    (from the process's user id), the machine, and, once the call knows who it acts as, how that
    user was proven and for whom an admin acts (``cli anne@host [os-user anne]``)."""
    import socket

    from planwatch.access import tokens

    host = socket.gethostname()
    click_ctx = click.get_current_context(silent=True)
    ctx = click_ctx.find_object(Context) if click_ctx is not None else None
    if ctx is not None and ctx.identity_known is not None:
        return ctx.identity_known.origin(host, ctx.acting_name)
    return f"cli {tokens.os_account()}@{host}"


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
        self.identity_known: CliIdentity | None = None
        self.acting_name: str | None = None

    def identity(self, store: Store) -> CliIdentity:
        """Who runs this call: the operating-system account and the planwatch user its
        personal token (``$PLANWATCH_TOKEN``) or its mapping proves (``planwatch.access.
        tokens``). Found once per call."""
        import os

        from planwatch.access import tokens

        if self.identity_known is None:
            self.identity_known = tokens.identify(
                store, os_user=tokens.os_account(), token=os.environ.get(tokens.TOKEN_ENV)
            )
        return self.identity_known

    def actor(self, store: Store) -> Actor | None:
        """The planwatch user this call acts as: the proven user, or ``--user`` when that is
        the proven user or the proven user is an admin; None when nobody is proven, which every
        permission check refuses."""
        import socket

        from planwatch.access import tokens

        acting = tokens.acting_as(store, self.identity(store), self.user, host=socket.gethostname())
        self.acting_name = acting.name if acting is not None else None
        return acting

    def acting(self, store: Store, permission: Permission) -> Actor:
        return require(self.actor(store), permission)

    @property
    def language(self) -> str:
        """``--lang``, else ``$PLANWATCH_LANGUAGE``; Danish when that setting is itself bad (so
        that the message about a bad setting can be written)."""
        if self._language:
            return self._language
        try:
            return load_settings().language
        except UsageError:
            return "da"

    def store(self) -> Store:
        settings = load_settings(db=self._db)
        return Store(settings.db, settings.lock_timeout)


def _fail(ctx: Context, error: PlanwatchError, code: int) -> NoReturn:
    if ctx.as_json:
        click.echo(json.dumps({"error": error.as_dict()}, ensure_ascii=False, indent=2))
    else:
        click.echo(printable_lines(error.message(ctx.language)), err=True)
        if isinstance(error, DataError):
            for problem in error.problems:
                click.echo(f"  - {printable(problem.message(ctx.language))}", err=True)
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
            _fail(ctx, _with_identity_hint(ctx, error), EXIT_DENIED)
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
                actor=_who(ctx),
                action=AuditAction.PERMISSION_DENIED,
                subject=command,
                # both languages: the audit log is read in either (issue 18)
                details={"message_da": error.message_da, "message_en": error.message_en},
                origin=cli_origin(),
            )
    except PlanwatchError:
        pass


def _with_identity_hint(ctx: Context, error: PlanwatchError) -> PlanwatchError:
    """A refusal because nobody is proven also says how to be someone on the command line."""
    known = ctx.identity_known
    if known is None or known.proven is not None or ctx.user:
        return error
    return PermissionDeniedError(
        f"{error.message('da')} Styresystemkontoen {known.os_user} er ikke knyttet til en "
        f"planwatch-bruger: bed en administrator om 'planwatch users map-os-user {known.os_user} "
        "NAVN', eller brug din personlige nøgle (PLANWATCH_TOKEN).",
        f"{error.message('en')} The operating-system account {known.os_user} is not mapped to a "
        f"planwatch user: ask an admin for 'planwatch users map-os-user {known.os_user} NAME', or "
        "use your personal token (PLANWATCH_TOKEN).",
    )


def _who(ctx: Context) -> str:
    """The name a refusal is logged under: the user asked for (if it is a valid name), else the
    proven user, else "?"."""
    from planwatch.access import names

    if ctx.user:
        return (
            ctx.user.strip().lower()
            if names.NAME_PATTERN.fullmatch(ctx.user.strip().lower())
            else "?"
        )
    known = ctx.identity_known
    return known.proven if known is not None and known.proven else "?"


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
        help="Act as this planwatch user (default: $PLANWATCH_USER, else the one mapped to this "
        "operating-system account or owning $PLANWATCH_TOKEN); another user only for admins.",
    )(func)


def kept_open(func: Callable[Concatenate[Context, P], R]) -> Callable[Concatenate[Context, P], R]:
    """Run a read command with its database file kept open read-only until it ends
    (:meth:`planwatch.storage.Store.kept_open`): it reads many times (who acts, migrations,
    publication points, figures), and opening the file each time cost more than the reading
    (issue 17)."""

    @wraps(func)
    def wrapper(ctx: Context, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with ctx.store().kept_open():
            return func(ctx, *args, **kwargs)

    return wrapper


def with_context(
    *, user: bool = True, db: bool = True, reads: bool = False
) -> Callable[[Callable[Concatenate[Context, P], R]], Callable[P, R]]:
    """The one decorator every subcommand wears, just above its function: the :class:`Context`
    as its first argument, planwatch's errors as a message and an exit code (:func:`handled`),
    and ``--db`` and ``--user`` also after the command name. All four of ``--db/--user/--lang/
    --json`` are the root group's, before the command name; ``--lang`` is not repeated after it
    because ``talking-points`` and ``check-claims`` use it for the language of the text.

    ``user=False`` for the operator's commands, which act as no planwatch user (or, like
    ``import``, place ``--user`` themselves); ``db=False`` for ``db restore``, whose ``--db`` is
    the new file; ``reads=True`` for a command that only reads (:func:`kept_open`). The options
    come last in ``--help``, after the command's own."""

    def decorate(func: Callable[Concatenate[Context, P], R]) -> Callable[P, R]:
        command = click.pass_obj(handled(kept_open(func) if reads else func))
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
    """The result: the payload as JSON with ``--json``, else the text (its lines as the command
    built them, any other control character escaped: :func:`printable_lines`)."""
    click.echo(
        json.dumps(to_jsonable(payload), ensure_ascii=False, indent=2)
        if ctx.as_json
        else printable_lines(text)
    )


# Characters that move the cursor, end a line or drive a terminal (C0 and C1 controls, DEL,
# Unicode's line and paragraph separators, and the bidirectional overrides and isolates that
# reorder what a line shows).
_CONTROL: Final = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED: Final = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(value: object) -> str:
    """A stored value (a user name, a file name, a comment) as it may stand in a line of text
    output (issue 16): every control character written as an escape (``\\n``, ``\\x1b``,
    ``\\u2028``), so that it can neither start a forged line nor drive the terminal. Every
    value a user typed goes through this before it is put in a line."""
    return _CONTROL.sub(_escaped, str(value))


def printable_lines(text: str) -> str:
    """Lines of text output with everything but the line breaks between them escaped as
    :func:`printable` does: the net under every text output (results and errors)."""
    return "\n".join(printable(line) for line in text.split("\n"))


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


def moment_for(ctx: Context, store: Store, view: View, text: str | None) -> dt.datetime | None:
    """The moment a reader's figures are read as of, for ``--as-of`` (issue 16): readers who see
    exact small counts (approvers, auditors) get the moment they typed; everyone else gets the
    latest publication point at or before it (:func:`planwatch.figures.publication.
    choose_moment`), and is told on stderr when that differs from what they typed."""
    from planwatch.figures import publication

    if text is None:  # now: for every reader (the latest publication point is read as of now)
        return None
    chosen = publication.choose_moment(store, view, parse_as_of(text))
    if chosen.snapped and chosen.requested is not None:
        click.echo(_moment_notice(chosen, ctx.language), err=True)
    return chosen.used


def _moment_notice(chosen: Any, language: str) -> str:
    from planwatch.domain.clock import to_local
    from planwatch.formatting import format_moment

    def when(moment: dt.datetime) -> str:
        return f"{format_moment(to_local(moment), language)} ({moment.isoformat()}Z)"

    asked = when(chosen.requested)
    if chosen.before_first:
        return (
            f"Intet var offentliggjort pr. {asked}; der vises intet."
            if language == "da"
            else f"Nothing had been published as of {asked}; nothing is shown."
        )
    return (
        f"Tal kan kun vises pr. et offentliggørelsestidspunkt: viser tallene som offentliggjort "
        f"{when(chosen.used)}, det seneste på eller før {asked}."
        if language == "da"
        else f"Figures can be shown only as of a publication point: showing them as published "
        f"{when(chosen.used)}, the latest at or before {asked}."
    )


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


def check_settings(ctx: Context) -> None:
    """Read every setting before any command runs: a bad value (``PLANWATCH_SMALL_COUNT_
    THRESHOLD=2``, ``PLANWATCH_SESSION_IDLE_MINUTES=-5``, text where a number belongs) exits 2
    with a message naming the variable and what it takes, never a traceback."""
    try:
        load_settings(db=ctx._db)
    except UsageError as error:
        _fail(ctx, error, EXIT_USAGE)

"""The ``planwatch`` command: a thin shell over the services. This module is the root group
(``main``, the entry point) and where every command is registered; ``common`` holds what they
share (the context, exit codes, error handling, JSON output); each other module is one group of
commands: ``database`` (init, db), ``figures`` (figure, history, correct), ``uploads`` (import,
template), ``users``, ``approvals`` (submissions, approve, return), ``audit``, ``exports``
(export), ``notes`` (talking-points, check-claims), ``plans`` (plans list, plans show) and
``serve``.

May import every package but ``planwatch.ui``; pandas, pandera and the like are imported inside
the commands that need them, and each command's module only when that command runs
(:class:`LazyGroup`), so that the read commands (``figure``, ``history``, ``submissions``) load no
table, chart, workbook or password library and no other command's module, and open the database
file once (``with_context(reads=True)``; tests/cli/test_cli_imports.py).

Exit codes: 0 ok; 1 bad data; 2 usage (unknown option, code or value); 3 the database is busy
or cannot be opened; 4 an unexpected internal error (a bug: the message says where the details
were logged); 5 refused: nobody is proven (no token, an unmapped operating-system account), the
token is unknown or revoked, ``--user`` names someone else without an admin's rights, or the
user does not exist, is disabled, or may not do this. ``--json`` prints exactly what the Python
API returns, as JSON.

Every command that reads figures or changes anything acts as a planwatch user and is checked
with the same permissions as the app (see ``planwatch.domain.permissions``): the user mapped to
the operating-system account running it, or the owner of ``$PLANWATCH_TOKEN``; an admin may act
for another with ``--user`` (``planwatch.access.tokens``). Only ``init``, ``db``
and the creation of the very first admin run without one: they are the operator's.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Final

import click

from planwatch.cli.common import Context, check_settings

COMMANDS: Final = {
    "init": "database:init",
    "db": "database:db",
    "figure": "figures:figure_cmd",
    "history": "figures:history_cmd",
    "correct": "figures:correct_cmd",
    "import": "uploads:import_cmd",
    "template": "uploads:template_cmd",
    "users": "users:users",
    "submissions": "approvals:submissions_cmd",
    "approve": "approvals:approve_cmd",
    "return": "approvals:return_cmd",
    "audit": "audit:audit",
    "export": "exports:export_cmd",
    "talking-points": "notes:talking_points_cmd",
    "check-claims": "notes:check_claims_cmd",
    "plans": "plans:plans",
    "serve": "serve:serve",
}
"""Every command: its name and where it is defined (``module:attribute`` in ``planwatch.cli``)."""


class LazyGroup(click.Group):
    """The root group: a command's module is imported when that command is asked for (it runs,
    or ``--help`` lists it), not before, so a command pays for its own imports only."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attribute = COMMANDS[cmd_name].split(":")
        command = getattr(importlib.import_module(f"planwatch.cli.{module}"), attribute)
        if not isinstance(command, click.Command) or command.name != cmd_name:
            raise TypeError(f"planwatch.cli.{COMMANDS[cmd_name]} is not the command {cmd_name}")
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
    help="Act as this planwatch user (default: $PLANWATCH_USER, else the one mapped to this "
    "operating-system account or owning $PLANWATCH_TOKEN); another user only for admins.",
)
@click.pass_context
def main(
    click_ctx: click.Context, db: Path | None, lang: str | None, as_json: bool, user: str | None
) -> None:
    """planwatch: follow the national action plan against human trafficking."""
    click_ctx.obj = Context(db, lang, as_json, user)
    check_settings(click_ctx.obj)


if __name__ == "__main__":  # pragma: no cover
    main()

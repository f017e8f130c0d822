"""The audit log: ``audit verify`` and ``audit log``. The times it prints are the stored ones
(UTC); ``--since``/``--until`` are read in Danish time, like the app's date filters."""

from __future__ import annotations

import json
import sys

import click

from planwatch.cli.common import (
    EXIT_BAD_DATA,
    Context,
    echo_result,
    parse_as_of,
    printable,
    with_context,
)


@click.group()
def audit() -> None:
    """The audit log (auditors and admins)."""


@audit.command("verify")
@with_context()
def audit_verify(ctx: Context) -> None:
    """Recompute the audit log's chain of hashes and the hashes of the rows each entry sealed
    (figures, uploads, reviews, users, definitions); exit 1 and name what differs."""
    from planwatch.access import audit

    store = ctx.store()
    result = audit.verify(store, ctx.actor(store))
    text = result.message(ctx.language)
    for finding in result.findings:
        text += f"\n  - {printable(finding.message(ctx.language))}"  # quotes stored values
    if result.more_findings:
        text += f"\n  … {result.more_findings} " + (
            "fund mere (se --json)" if ctx.language == "da" else "more findings (see --json)"
        )
    if result.ok:
        text += (
            f"\n{'hoved' if ctx.language == 'da' else 'head'}: {result.head_seq} {result.head_hash}"
        )
    echo_result(ctx, result.as_dict(), text)
    if not result.ok:
        sys.exit(EXIT_BAD_DATA)


@audit.command("log")
@click.option("--actor", "who", default=None, help="Only this user's entries.")
@click.option("--action", default=None, help="Only this action (e.g. upload, approve).")
@click.option(
    "--since",
    default=None,
    help="From this moment (Danish time; a date means from the start of that Danish day, as "
    "in the app), e.g. 2025-03-31 or 2025-03-31T12:00; an offset or Z is honoured.",
)
@click.option(
    "--until",
    default=None,
    help="Up to this moment (Danish time; a date means up to the end of that Danish day), "
    "e.g. 2025-03-31 or 2025-03-31T12:00; an offset or Z is honoured.",
)
@click.option("--text", default=None, help="Entries mentioning this text.")
@with_context()
def audit_log_cmd(
    ctx: Context,
    who: str | None,
    action: str | None,
    since: str | None,
    until: str | None,
    text: str | None,
) -> None:
    """Show the audit log, oldest first."""
    from planwatch.access import audit

    store = ctx.store()
    found = audit.entries(
        store,
        ctx.actor(store),
        actor=who,
        action=action,
        since=parse_as_of(since, date_means="start"),
        until=parse_as_of(until),
        text=text,
    )
    lines = [
        f"{e.seq:>6}  {e.recorded_at:%Y-%m-%d %H:%M:%S}  {printable(e.actor):<20} "
        f"{printable(e.action):<18} {printable(e.subject or '')}  "
        f"{printable(json.dumps(e.details, ensure_ascii=False))}"
        for e in found
    ]
    echo_result(ctx, found, "\n".join(lines))

"""The operator's database commands: ``init`` and ``db migrate/backup/restore/rebuild/patterns``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from planwatch.cli.common import Context, cli_origin, echo_result, to_jsonable, with_context
from planwatch.storage import migrations

if TYPE_CHECKING:
    from planwatch.operations.rebuild import RebuildReport


@click.command()
@click.option("--demo", is_flag=True, help="Also load the illustrative demo figures.")
@with_context(user=False)
def init(ctx: Context, demo: bool) -> None:
    """Create or migrate the database and load the bundled reference data."""
    from planwatch.uploads import reference  # pandas and pandera load only when needed

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
    for table, keys in report.revised.items():
        lines.append(
            f"Revideret efter de medfølgende data (ny version): {table}: {', '.join(keys)}"
            if da
            else f"Revised from the bundled data (a new version): {table}: {', '.join(keys)}"
        )
    for table, rows in report.differing.items():
        lines.append(
            f"Bemærk: {len(rows)} række(r) i {table} afviger fra de medfølgende data og er ikke "
            "ændret (en kolonne, der aldrig ændres, fx en enhed, eller en revision i planwatch)."
            if da
            else f"Note: {len(rows)} row(s) in {table} differ from the bundled data and were not "
            "changed (a column that never changes, such as a unit, or a revision in planwatch)."
        )
    passwords: dict[str, str] = {}
    if demo:
        from planwatch.access import accounts

        lines.append(
            "Demo-tal for bevillinger og forbrug er ILLUSTRATIVE, ikke officielle."
            if da
            else "Demo allocations and spending are ILLUSTRATIVE, not official."
        )
        passwords = accounts.demo_users(store, origin=cli_origin())
        lines.append(
            "Demo-brugere (nye adgangskoder ved hver start; kun til demoen):"
            if da
            else "Demo users (new passwords at every start; for the demo only):"
        )
        lines += [f"  {name:<16} {password}" for name, password in passwords.items()]
    payload = to_jsonable(report)
    if demo:
        payload["demo_users"] = passwords
    echo_result(ctx, payload, "\n".join(lines))


@click.group()
def db() -> None:
    """Database maintenance."""


@db.command("migrate")
@click.option("--list", "list_only", is_flag=True, help="Only list applied and pending migrations.")
@with_context(user=False)
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
    echo_result(
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
@with_context(user=False)
def db_backup(ctx: Context, out_dir: Path) -> None:
    """Copy every table, at one moment, to Parquet files plus manifest.json (app may run)."""
    from planwatch.operations import backups

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
    echo_result(ctx, report, text)


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
@with_context(user=False, db=False)
def db_restore(ctx: Context, backup_dir: Path, new_db: Path) -> None:
    """Restore a backup into a new database file, after checking every file's SHA-256."""
    from planwatch.operations import backups

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
    echo_result(ctx, report, "\n".join(lines))


def _account_lines(report: RebuildReport, *, da: bool) -> list[str]:
    """What the rebuild did to user accounts, and what an admin does next."""
    lines = [
        f"Brugerkonti genskabt med roller og tilknytninger: {report.accounts}"
        if da
        else f"User accounts made again with roles and bindings: {report.accounts}"
    ]
    if report.accounts_entry is not None:
        lines.append(
            f"Post {report.accounts_entry} forsegler kontiene som genskabt (adgangskoder og "
            "personlige nøgler er ikke i arkivet)."
            if da
            else f"Entry {report.accounts_entry} seals the accounts as rebuilt (passwords and "
            "personal tokens are not in the archive)."
        )
    if report.needs_new_password:
        names = ", ".join(report.needs_new_password)
        lines.append(
            f"Skal have en ny adgangskode af en administrator ('planwatch users password NAVN'): "
            f"{names}. Personlige nøgler skal laves igen."
            if da
            else f"Need a new password from an admin ('planwatch users password NAME'): {names}. "
            "Personal tokens must be made again."
        )
    return lines


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
@with_context(user=False)
def db_rebuild(ctx: Context, from_uploads: bool, archive: Path | None, out: Path) -> None:
    """Build a new database from the archive beside the database: the reference data, then
    every upload, correction and review again, as their authors, at their times; verified
    entry by entry against the archived audit chain."""
    from planwatch.operations import rebuild
    from planwatch.storage import uploads_archive

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
            f"Kæden er den samme som arkivets: post {report.archive_head_seq}, "
            f"{report.archive_head_hash}"
            if da
            else f"The chain equals the archive's: entry {report.archive_head_seq}, "
            f"{report.archive_head_hash}"
        ),
        (
            f"Referencefiler indlæst fra arkivet (SHA-256 kontrolleret): {report.reference_files}"
            if da
            else f"Reference files loaded from the archive (SHA-256 checked): "
            f"{report.reference_files}"
        ),
        *(report.notes_da if da else report.notes_en),
        *_account_lines(report, da=da),
        (
            "Stop appen, flyt den gamle fil til side, og flyt den nye (og dens .archive) på plads."
            if da
            else "Stop the app, move the old file aside, and move the new one (and its .archive) "
            "into place."
        ),
    ]
    echo_result(ctx, to_jsonable(report), "\n".join(lines))


@db.command("patterns")
@click.option(
    "--low-priority",
    is_flag=True,
    help="Run at a lower CPU priority (how 'planwatch serve' starts it beside the server).",
)
@with_context(user=False)
def db_patterns(ctx: Context, low_priority: bool) -> None:
    """Solve and keep the small-count patterns not yet kept, so that no page waits for them
    (planwatch serve starts this beside the server; an approval keeps its own)."""
    import os

    from planwatch.figures import kept_patterns
    from planwatch.formatting import format_number
    from planwatch.settings import load_settings

    if low_priority and hasattr(os, "nice"):
        os.nice(10)
    store = ctx.store()
    migrations.require_current(store)
    report = kept_patterns.keep(store, load_settings().small_count_threshold)
    seconds = format_number(report.seconds, ctx.language, decimals=1)
    echo_result(
        ctx,
        to_jsonable(report),
        f"Mønstre for små antal: {report.years} indikator-år set, {report.solved} løst, "
        f"{report.added} gemt, {report.removed} forældede fjernet på {seconds} s."
        if ctx.language == "da"
        else f"Small-count patterns: {report.years} indicator-years looked at, {report.solved} "
        f"solved, {report.added} kept, {report.removed} outdated removed in {seconds} s.",
    )

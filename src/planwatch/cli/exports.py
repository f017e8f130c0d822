"""Exports for auditors: ``export`` to a folder or as one pack."""

from __future__ import annotations

from pathlib import Path

import click

from planwatch.cli.common import AS_OF_HELP, Context, echo_result, parse_as_of, with_context
from planwatch.errors import UsageError


@click.command("export")
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
@click.option("--as-of", default=None, help=f"As stored at this moment {AS_OF_HELP}.")
@with_context()
def export_cmd(
    ctx: Context,
    out: Path | None,
    pack: Path | None,
    file_format: str,
    tables: str | None,
    plan_id: str | None,
    as_of: str | None,
) -> None:
    """Export tables for auditors; each file's SHA-256 is written to the audit log.

    The workbook's sheets and headers and the Danish CSV's header name tables and columns in
    the language of ``--lang`` (a last sheet pairs names with codes); csv and parquet keep the
    codes."""
    from planwatch.exports import auditors, jobs

    jobs.limit_workbook_memory()  # this process reads nothing else meanwhile
    store = ctx.store()
    if (out is None) == (pack is None):
        raise UsageError("Angiv enten --out eller --pack.", "Give either --out or --pack.")
    if pack is not None:
        receipt = auditors.pack(
            store,
            ctx.actor(store),
            pack,
            as_of=parse_as_of(as_of),
            plan_id=plan_id,
            language=ctx.language,
        )
        echo_result(ctx, receipt, f"{receipt.files[0].sha256}  {receipt.files[0].path}")
        return
    assert out is not None  # noqa: S101 - checked above
    receipt = auditors.export(
        store,
        ctx.actor(store),
        out,
        file_format=file_format,
        names=[t.strip() for t in tables.split(",") if t.strip()] if tables else None,
        as_of=parse_as_of(as_of),
        plan_id=plan_id,
        language=ctx.language,
    )
    lines = [f"{f.sha256}  {f.path}" for f in receipt.files]
    echo_result(ctx, receipt, "\n".join(lines))

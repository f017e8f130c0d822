"""Texts about the figures: ``talking-points`` drafts a speaking note, ``check-claims``
checks the figures a text states."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from planwatch.claims.verdicts import Verdict, verdict_word
from planwatch.cli.common import (
    AS_OF_HELP,
    Context,
    echo_result,
    moment_for,
    printable,
    view_for_user,
    with_context,
)
from planwatch.errors import UsageError


@click.command("talking-points")
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
@click.option("--as-of", default=None, help=f"The figures as stored at this moment {AS_OF_HELP}.")
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
@with_context()
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
    from planwatch.notes import draft, formats

    store = ctx.store()
    view = view_for_user(ctx, store, include_submitted)
    points = draft.draft(
        store,
        year=year,
        quarter=quarter,
        plan_id=plan_id,
        language=note_language or ctx.language,
        as_of=moment_for(ctx, store, view, as_of),
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
            formats.to_docx(points)
            if suffix == ".docx"
            else formats.to_markdown(points).encode("utf-8")
        )
        out.write_bytes(data)
        echo_result(ctx, {"written": str(out), "bytes": len(data)}, str(out))
        return
    echo_result(ctx, formats.to_dict(points), formats.to_markdown(points))


@click.command("check-claims")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--lang",
    "text_language",
    type=click.Choice(["da", "en"]),
    default=None,
    help="The text's language (default: detected).",
)
@click.option(
    "--as-of", default=None, help=f"Check against the figures stored at this moment {AS_OF_HELP}."
)
@with_context()
def check_claims_cmd(
    ctx: Context, file: Path, text_language: str | None, as_of: str | None
) -> None:
    """Check the figures a text states (.txt, .md or .docx) against the stored figures.

    Exit 0 when every checked claim is consistent, 1 when any is inconsistent, 2 for usage."""
    from planwatch.claims import checking

    store = ctx.store()
    view = view_for_user(ctx, store, include_submitted=False)
    report = checking.check_file(
        store,
        file.read_bytes(),
        file.name,
        language=text_language,
        as_of=moment_for(ctx, store, view, as_of),
        view=view,
    )
    language = text_language or ctx.language
    if ctx.as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(_claims_text(report, language))
    sys.exit(report.exit_code)


def _verdict_text(verdict: Verdict, language: str) -> str:
    word = verdict_word(verdict, language)
    return word.upper() if verdict == "inconsistent" else word


def _claims_text(report: Any, language: str) -> str:
    """One line per claim (verdict, the words of the text, the right figure) and its reason."""
    lines = []
    for claim in report.claims:
        right = f" -> {claim.correct}" if claim.correct else ""
        lines.append(f"[{_verdict_text(claim.verdict, language)}] «{printable(claim.text)}»{right}")
        explanation = claim.explanation_da if language == "da" else claim.explanation_en
        if explanation:
            lines.append(f"    {explanation}")
    counts = ", ".join(f"{_verdict_text(v, language)}: {n}" for v, n in report.counts.items())
    lines.append(counts)
    return "\n".join(lines)

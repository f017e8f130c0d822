"""The problems of an upload as the sender reads them on Indberet tal (issue 18): one item per
problem, its kind in words (not its code), where it is, the whole message and, for an unknown
code or name, "Mente du ...?". Written as one Markdown list that wraps at any width: on a 390 px
phone every message is read whole, where a table cut it short. The codes stay in the downloaded
CSV report, for machines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from planwatch.errors import Problem
from planwatch.ui.i18n import t
from planwatch.ui.user_text import user_text
from planwatch.uploads.problems import title


def where(problem: Problem, language: str) -> str:
    """Where the problem is, as the sender's spreadsheet numbers it (and names its sheet, in a
    workbook of several)."""
    column = user_text(problem.column) if problem.column else None
    if problem.row is not None and column:
        place = t("problem_at_cell", language, row=problem.row, column=column)
    elif problem.row is not None:
        place = t("problem_at_row", language, row=problem.row)
    elif column:
        place = t("problem_at_column", language, column=column)
    elif problem.sheet:
        place = ""
    else:
        return t("problem_in_file", language)
    if problem.sheet:
        sheet = t("problem_on_sheet", language, sheet=user_text(problem.sheet))
        return f"{sheet}, {place}" if place else sheet
    return place


def item(problem: Problem, language: str) -> str:
    """One problem as a Markdown list item; every text from the file goes through user_text."""
    kind = t(f"severity_{problem.severity}", language).capitalize()
    text = (
        f"- **{kind}: {title(problem.code, language)}** · {where(problem, language)}  \n"
        f"  {user_text(problem.message(language))}"
    )
    suggestion = problem.suggestion(language)
    if suggestion:
        text += f"  \n  *{user_text(suggestion)}*"
    return text


def problem_list(problems: Sequence[Problem], language: str) -> str:
    """Every problem as one Markdown list."""
    return "\n".join(item(p, language) for p in problems)


def counts_text(counts: Mapping[str, int], language: str) -> str:
    """How many problems of each kind, in words: "Negativt tal: 3, Ukendt indikator: 1"."""
    return ", ".join(f"{title(code, language)}: {n}" for code, n in counts.items())

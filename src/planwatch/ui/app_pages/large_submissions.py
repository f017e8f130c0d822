"""A submission's figures on the review pages, however many there are (issue 16).

The largest valid upload holds 37,440 figures; drawn as one styled table it broke Godkendelse
and Mine indberetninger (pandas' Styler refuses more than 262,144 cells) and hid every later
submission. A submission of more than :data:`PAGE_ROWS` figures is summarised per indicator and
period (figures, new ones, those revising an approved figure and by how much) and its rows are
shown a page at a time; no table styles more than :data:`MAX_STYLED_CELLS` cells.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Final

import pandas as pd
import streamlit as st

from planwatch.access.approvals import SubmittedFigure
from planwatch.domain.periods import Period
from planwatch.figures.names import Names
from planwatch.formatting import format_number
from planwatch.ui import cards
from planwatch.ui.i18n import t

PAGE_ROWS: Final = 500
MAX_STYLED_CELLS: Final = 50_000  # well under the Styler's 262,144


def _change(value: Decimal | None, language: str) -> str:
    if value is None:
        return ""
    exponent = value.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    sign = "+" if value > 0 else ""
    return sign + format_number(value, language, decimals)


def summary_table(
    figures: Sequence[SubmittedFigure], language: str, names: Names | None = None
) -> pd.DataFrame:
    """One row per kind, indicator (or initiative) and period: how many figures, how many new,
    revising an approved figure or the same as it, the largest revision (by its size, with its
    sign) and the revisions' sum."""
    groups: dict[tuple[str, str, int, int | None], list[SubmittedFigure]] = {}
    for figure in figures:
        key = (figure.table, figure.subject, figure.year, figure.quarter)
        groups.setdefault(key, []).append(figure)
    rows = []
    for (table, subject, year, quarter), members in sorted(
        groups.items(), key=lambda item: (item[0][0], item[0][1], item[0][2], item[0][3] or 0)
    ):
        changes = [
            f.new_value - f.approved_value
            for f in members
            if f.approved_value is not None and f.is_revision
        ]
        new = sum(f.approved_value is None for f in members)
        rows.append(
            {
                t("col_table", language): t(f"table_{table}", language),
                t("col_subject", language): (names or Names({})).subject(subject, language),
                t("col_period", language): Period(year, quarter).label(language),
                t("col_figure_count", language): len(members),
                t("col_new_figures", language): new,
                t("col_revised_figures", language): len(changes),
                t("col_unchanged_figures", language): len(members) - new - len(changes),
                t("col_largest_change", language): _change(
                    max(changes, key=abs) if changes else None, language
                ),
                t("col_total_change", language): _change(
                    sum(changes, Decimal(0)) if changes else None, language
                ),
            }
        )
    return pd.DataFrame(rows)


def page_of(
    figures: Sequence[SubmittedFigure], key: str, language: str, names: Names | None = None
) -> list[SubmittedFigure]:
    """The summary, a page chooser and the figures of the chosen page (all of them when they
    fit on one)."""
    if len(figures) <= PAGE_ROWS:
        return list(figures)
    st.caption(
        t("large_submission_intro", language, count=_count(len(figures), language), rows=PAGE_ROWS)
    )
    cards.wide_table(
        summary_table(figures, language, names),
        key=f"summary-{key}",
        language=language,
        title=t("col_subject", language),
        hide_index=True,
    )
    pages = math.ceil(len(figures) / PAGE_ROWS)
    page = st.number_input(
        t("figures_page", language, pages=pages),
        min_value=1,
        max_value=pages,
        value=1,
        step=1,
        key=f"figures_page_{key}",
    )
    start = (int(page) - 1) * PAGE_ROWS
    shown = list(figures[start : start + PAGE_ROWS])
    st.caption(
        t(
            "figures_rows_shown",
            language,
            first=_count(start + 1, language),
            last=_count(start + len(shown), language),
            count=_count(len(figures), language),
        )
    )
    return shown


def _count(value: int, language: str) -> str:
    return format_number(value, language)

"""Wide tables as cards on a phone (issue 18).

Streamlit's data grid draws its cells on a canvas inside a box of fixed width: on a 390-pixel
phone a table of more than two or three columns scrolls sideways inside that box, and a reader
sees a row a piece at a time. :func:`wide_table` draws a table twice: the grid, for a desk, and a
list of cards, one per row, with the row's most important value as the card's title and every
other column as "label: value" on a line of its own, wrapping. The server does not know the
width of the screen, so both are sent and the frame's CSS (``frame.css``, "Wide tables on a
phone") shows one: the grid above 640 pixels, the cards at or below. What is hidden is
``display: none``, so a screen reader does not read a table twice.

Every label and value is HTML-escaped (``html.escape``): names, comments and file names that
users typed are shown as the characters they are. Cards are capped at :data:`CARD_LIMIT` rows (the
audit log can hold thousands): a line under them says how many more there are and that the table
on a larger screen has them all.
"""

from __future__ import annotations

from html import escape
from typing import Any, Final

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from planwatch.formatting import format_number
from planwatch.ui.i18n import t
from planwatch.ui.user_text import user_text

CARD_LIMIT: Final = 50
"""At most this many cards per table: a phone is not the place to read thousands of rows."""


def _text(value: object) -> str:
    """A cell as the grid shows it; nothing for an empty cell."""
    if value is None:
        return ""
    try:
        if pd.isna(value):  # type: ignore[call-overload]
            return ""
    except (TypeError, ValueError):  # a list or an array is not one missing value
        pass
    return str(value)


def cards_html(
    frame: pd.DataFrame,
    language: str,
    *,
    title: str | None = None,
    limit: int = CARD_LIMIT,
    total: int | None = None,
) -> str:
    """``frame``'s first ``limit`` rows as a list of cards (``<ul>`` of ``<li>``, each with a
    ``<dl>`` of its columns), titled by the column ``title`` (the first column by default; a
    number keeps its label: "Nr. 12"). Empty cells are left out. When rows are left out (of
    ``total`` rows, ``len(frame)`` by default), a line says how many."""
    table = frame.reset_index() if any(name is not None for name in frame.index.names) else frame
    labels = [str(column) for column in table.columns]
    heading = labels.index(title) if title is not None else 0
    rows = []
    for values in table.head(limit).itertuples(index=False, name=None):
        cells = [_text(value) for value in values]
        name = cells[heading]
        if name.isdigit():
            name = f"{labels[heading]} {name}"
        fields = "".join(
            f'<div class="pw-card-field"><dt>{escape(label)}</dt><dd>{escape(cell)}</dd></div>'
            for index, (label, cell) in enumerate(zip(labels, cells, strict=True))
            if index != heading and cell.strip()
        )
        rows.append(
            f'<li class="pw-card"><p class="pw-card-title">{escape(name)}</p>'
            + (f"<dl>{fields}</dl>" if fields else "")
            + "</li>"
        )
    markup = f'<ul class="pw-cards">{"".join(rows)}</ul>'
    count = len(table) if total is None else total
    shown = min(limit, len(table))
    if count > shown:
        more = t(
            "cards_more",
            language,
            shown=format_number(shown, language),
            count=format_number(count, language),
            rest=format_number(count - shown, language),
        )
        markup += f'<p class="pw-cards-more">{escape(more)}</p>'
    return markup


def plain_text(table: pd.DataFrame) -> pd.DataFrame:
    """The table as ``st.table`` must get it: ``st.table`` renders Markdown in every cell and
    header, so each (names, comments and texts come from users) is made plain text
    (:func:`planwatch.ui.user_text.user_text`); empty cells stay empty."""
    return pd.DataFrame(
        [[user_text(_text(cell)) for cell in row] for row in table.itertuples(index=False)],
        columns=[user_text(str(column)) for column in table.columns],
        dtype=object,
    )


def wide_table(
    data: pd.DataFrame | Styler,
    *,
    key: str,
    language: str,
    title: str | None = None,
    total: int | None = None,
    wrap: bool = False,
    **grid: Any,
) -> None:
    """``data`` as the data grid on a desk (``st.dataframe(data, **grid)``, in a container keyed
    ``pw-grid-<key>``) and as cards on a phone (:func:`cards_html`, keyed ``pw-cards-<key>``).
    ``key`` must be unique on the page. ``wrap``: on a desk too the whole text of every cell must
    be read (the claim check's explanations): a table that wraps (``st.table``, each cell plain
    text) instead of the grid, which cuts a long cell at the column's edge."""
    # a Styler keeps its frame as ``data`` (pandas' stubs do not say so)
    frame: pd.DataFrame = data.data if isinstance(data, Styler) else data  # type: ignore[attr-defined]
    with st.container(key=f"pw-grid-{key}"):
        if wrap:
            st.table(plain_text(frame), hide_index=True)
        else:
            st.dataframe(data, **grid)
    with st.container(key=f"pw-cards-{key}"):
        st.html(cards_html(frame, language, title=title, total=total))

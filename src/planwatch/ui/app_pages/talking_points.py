"""Talepapir / Speaking notes: the points of a speaking note for the sidebar's plan and a chosen
year (or quarter), drafted by :mod:`planwatch.notes.draft` from the figures as the sidebar
says (as of, submitted figures or not, small counts suppressed or not). Each point shows its
source and its flags; the note can be copied as Markdown or downloaded as Markdown or Word."""

from __future__ import annotations

import streamlit as st

from planwatch.domain.clock import today_in_denmark
from planwatch.notes import formats
from planwatch.notes.note import Bullet
from planwatch.ui import data
from planwatch.ui.components import submitted_banner
from planwatch.ui.controls import Controls
from planwatch.ui.i18n import t

FIRST_YEAR = 2007  # CMM's first yearly count in the reference data


def default_year(controls: Controls) -> int:
    """The latest year with a figure for a core indicator; else last year."""
    years = [
        tile.latest.year
        for tile in data.tiles(controls.db, controls.as_of, controls.view)
        if tile.latest is not None
    ]
    return max(years, default=today_in_denmark().year - 1)


def flags_text(bullet: Bullet, language: str) -> str:
    """The bullet's flags as short labels, e.g. "ILLUSTRATIVT · Foreløbigt"."""
    flags = bullet.flags
    chosen = [
        name
        for name, on in (
            ("illustrative", flags.illustrative),
            ("preliminary", flags.preliminary),
            ("suppressed", flags.suppressed),
            ("revised", flags.revised),
        )
        if on
    ]
    return " · ".join(t(f"notes_flag_{name}", language) for name in chosen)


def render(controls: Controls) -> None:
    language = controls.language
    st.title(t("talking-points", language))
    st.caption(t("notes_intro", language))
    st.caption(controls.as_of_text())
    submitted_banner(controls.view, language)
    if controls.plan is None:
        st.info(t("notes_no_plan", language))
        return
    this_year = today_in_denmark().year
    years = list(range(this_year, FIRST_YEAR - 1, -1))
    chosen_year = default_year(controls)
    year_column, quarter_column, language_column = st.columns(3)
    year = year_column.selectbox(
        t("notes_year", language),
        options=years,
        index=years.index(chosen_year) if chosen_year in years else 0,
        key="notes_year",
    )
    quarter = quarter_column.selectbox(
        t("notes_quarter", language),
        options=[None, 1, 2, 3, 4],
        format_func=lambda q: (
            t("notes_whole_year", language) if q is None else t("notes_quarter_n", language, n=q)
        ),
        key="notes_quarter",
    )
    note_language = language_column.segmented_control(
        t("notes_language", language),
        options=["da", "en"],
        format_func=lambda code: {"da": "Dansk", "en": "English"}[code],
        default=language,
        key="notes_language",
    )
    points = data.talking_points(
        controls.db,
        controls.plan.plan_id,
        int(year),
        quarter,
        note_language or language,
        controls.as_of,
        controls.view,
    )
    if any(b.flags.illustrative for b in points.bullets):
        st.warning(t("notes_illustrative", language))
    st.subheader(points.title)
    for bullet in points.bullets:
        with st.container(border=True):
            flags = flags_text(bullet, language)
            if flags:
                st.markdown(f":orange-badge[{flags}]")
            st.text(bullet.text)
            st.caption(bullet.source_text)
    markdown = formats.to_markdown(points)
    stem = f"talepapir-{points.plan.plan_id}-{points.period}".replace(" ", "")
    with st.expander(t("notes_copy", language)):
        st.code(markdown, language="markdown", wrap_lines=True)
    md_column, docx_column = st.columns(2)
    md_column.download_button(
        t("notes_download_md", language),
        data=markdown.encode("utf-8"),
        file_name=f"{stem}.md",
        mime="text/markdown",
        on_click="ignore",
        key="notes_md",
    )
    docx_column.download_button(
        t("notes_download_docx", language),
        data=formats.to_docx(points),
        file_name=f"{stem}.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        on_click="ignore",
        key="notes_docx",
    )

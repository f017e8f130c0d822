"""Tjek tal i en tekst / Check a text's figures: a pasted or uploaded text (plain, Markdown or
Word) checked by :mod:`planwatch.claims.checking` against the figures as the sidebar says (as of,
submitted or not, small counts suppressed or not). The text is shown with each claim marked in
the colour of its verdict, and a table gives each verdict, the right figure and the source.

The text is the user's: it is escaped before it is put into the page's HTML, so nothing in it
can become markup.
"""

from __future__ import annotations

import html
from typing import Final

import pandas as pd
import streamlit as st

from planwatch.claims import checking, documents, docx_bounds
from planwatch.claims.report import CheckReport
from planwatch.claims.verdicts import verdict_word
from planwatch.formatting import format_number
from planwatch.ui import cards
from planwatch.ui.components import submitted_banner
from planwatch.ui.controls import Controls
from planwatch.ui.i18n import t

REPORT_KEY: Final = "_claims_report"
COLOURS: Final = {  # background, readable in print and for colour-blind readers with the label
    "consistent": "#d3f9d8",
    "inconsistent": "#ffc9c9",
    "not-in-data": "#fff3bf",
    "not-checked": "#e9ecef",
}
MARKS: Final = {"consistent": "✓", "inconsistent": "✗", "not-in-data": "?", "not-checked": "–"}


def marked_text(report: CheckReport, language: str) -> str:
    """The checked text as HTML: every claim in a <mark> of its verdict's colour, numbered, with
    the verdict in its title; everything else escaped, line breaks kept."""
    parts: list[str] = []
    position = 0
    text = report.text
    for number, claim in enumerate(sorted(report.claims, key=lambda c: c.span), start=1):
        start, end = claim.span
        if start < position:  # overlapping claims: mark the first, list both in the table
            continue
        verdict = verdict_word(claim.verdict, language).capitalize()
        parts.append(html.escape(text[position:start]))
        parts.append(
            f'<mark style="background:{COLOURS[claim.verdict]}" title="{html.escape(verdict)}">'
            f"{html.escape(text[start:end])}<sup>{MARKS[claim.verdict]}{number}</sup></mark>"
        )
        position = end
    parts.append(html.escape(text[position:]))
    return "".join(parts).replace("\n", "<br>")


def claims_table(report: CheckReport, language: str) -> pd.DataFrame:
    """One row per claim, numbered as in the marked text."""
    ordered = sorted(report.claims, key=lambda c: c.span)
    return pd.DataFrame(
        {
            "#": list(range(1, len(ordered) + 1)),
            t("col_claim", language): [c.text for c in ordered],
            t("col_verdict", language): [
                f"{MARKS[c.verdict]} {verdict_word(c.verdict, language).capitalize()}"
                for c in ordered
            ],
            t("col_correct", language): [c.correct or "" for c in ordered],
            t("col_explanation", language): [
                (c.explanation_da if language == "da" else c.explanation_en) or "" for c in ordered
            ],
        }
    )


def limit_texts(language: str) -> tuple[str, str]:
    """The limits the check enforces, as the labels state them: the characters a text may have
    and the megabytes a file may have (decimal megabytes, as the check's refusal says)."""
    megabytes = documents.MAX_BYTES / 1_000_000
    return (
        format_number(docx_bounds.MAX_CHARACTERS, language),
        format_number(megabytes, language, decimals=0 if megabytes.is_integer() else 1),
    )


def render(controls: Controls) -> None:
    language = controls.language
    st.title(t("check-claims", language))
    st.caption(t("claims_intro", language))
    st.caption(controls.as_of_text())
    submitted_banner(controls.view, language)
    characters, megabytes = limit_texts(language)
    text = st.text_area(
        t("claims_text", language, characters=characters), height=200, key="claims_text"
    )
    upload = (
        st.file_uploader(  # the check's own limit in the label (ui/frame.css hides Streamlit's)
            t("claims_file", language, mb=megabytes), type=["txt", "md", "docx"], key="claims_file"
        )
    )
    text_language = st.segmented_control(
        t("claims_language", language),
        options=["auto", "da", "en"],
        format_func=lambda code: {
            "auto": t("claims_detect", language),
            "da": "Dansk",
            "en": "English",
        }[code],
        default="auto",
        key="claims_language",
    )
    chosen = None if text_language in (None, "auto") else text_language
    if st.button(t("claims_check", language), type="primary", key="claims_check"):
        store = controls.db.store()
        if upload is not None:
            report = checking.check_file(
                store,
                upload.getvalue(),
                upload.name,
                language=chosen,
                as_of=controls.as_of,
                view=controls.view,
            )
        else:
            report = checking.check(
                store, text, language=chosen, as_of=controls.as_of, view=controls.view
            )
        st.session_state[REPORT_KEY] = report
    shown = st.session_state.get(REPORT_KEY)
    if isinstance(shown, CheckReport):
        _show(shown, language)


def _show(report: CheckReport, language: str) -> None:
    if not report.claims:
        st.info(t("claims_none", language))
        return
    counts = report.counts
    summary = t(
        "claims_summary",
        language,
        consistent=counts["consistent"],
        inconsistent=counts["inconsistent"],
        missing=counts["not-in-data"],
        unchecked=counts["not-checked"],
    )
    (st.error if counts["inconsistent"] else st.success)(summary)
    with st.container(border=True):
        st.html(f'<div style="line-height:1.8">{marked_text(report, language)}</div>')
    table = claims_table(report, language)  # cards on a phone: explanations are long
    cards.wide_table(
        table, key="claims", language=language, title=t("col_claim", language), wrap=True
    )

"""What every page shares above its own content: the look Streamlit's theme cannot say
(``frame.css``), Streamlit's own texts in the page's language (:mod:`planwatch.ui.streamlit_texts`)
and the header with the plan's name."""

from __future__ import annotations

from functools import cache
from html import escape
from pathlib import Path

import streamlit as st

from planwatch.domain.plans import Plan
from planwatch.ui import streamlit_texts
from planwatch.ui.i18n import t

_CSS = Path(__file__).resolve().parent / "frame.css"


@cache
def _style() -> str:
    return f"<style>{_CSS.read_text(encoding='utf-8')}</style>"


def look(language: str) -> None:
    """The frame's style and Streamlit's texts in ``language``; first thing on every run."""
    st.html(_style())
    streamlit_texts.translate(language)


def header(plan: Plan | None, language: str) -> None:
    """A header line: planwatch and the full name of the plan the pages describe."""
    name = plan.name(language) if plan is not None else ""
    st.html(
        f'<div class="pw-header"><span class="pw-brand">planwatch</span>'
        f'<span class="pw-plan">{escape(name)}</span></div>'
    )


def plan_label(plan: Plan, plans: list[Plan], language: str) -> str:
    """A plan's short name for the picker ("Handlingsplan 2022–2025"); its full name when
    another plan has the same years."""
    years = f"{plan.start_date.year}–{plan.end_date.year}"
    same_years = [
        other
        for other in plans
        if (other.start_date.year, other.end_date.year)
        == (plan.start_date.year, plan.end_date.year)
    ]
    if len(same_years) > 1:
        return plan.name(language)
    return t("plan_short", language, years=years)

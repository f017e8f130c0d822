"""Cached calls to the reporting service. Inputs are arguments, never module globals; the
data version is part of every key, so a change to the database ends the cache."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from planwatch import reporting
from planwatch.domain.plans import Plan
from planwatch.storage import Store


@st.cache_data(show_spinner=False)
def plans(db: Path, lock_timeout: float, version: tuple[int, int]) -> list[Plan]:
    return reporting.plans(Store(db, lock_timeout))


@st.cache_data(show_spinner=False)
def plan_money(
    db: Path, lock_timeout: float, version: tuple[int, int], plan_id: str
) -> reporting.PlanMoney:
    return reporting.plan_money(Store(db, lock_timeout), plan_id)


@st.cache_data(show_spinner=False)
def latest_core_figures(
    db: Path, lock_timeout: float, version: tuple[int, int]
) -> list[reporting.LatestFigure]:
    return reporting.latest_core_figures(Store(db, lock_timeout))


@st.cache_data(show_spinner=False)
def source_titles(db: Path, lock_timeout: float, version: tuple[int, int]) -> dict[str, str]:
    return {s.source_id: s.title for s in reporting.sources(Store(db, lock_timeout))}

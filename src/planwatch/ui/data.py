"""Cached calls to the services. Inputs are arguments, never module globals; the database's
version is part of every key (:class:`Db`), so a change to the data ends the cache at once. The
pages' version is :func:`planwatch.ui.state.figures_version` (issue 17): it changes with every
write that can change a figure shown (a change set, a review, a definition; a restored file; a
new day) and not with sign-ins or audit entries, so those never make a page cold. Every call
that reads figures takes the user's :class:`~planwatch.domain.permissions.View` (hashable) and
its "as of" moment, so users who may see different figures never share a cached answer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from planwatch.domain.indicators import Indicator, Target
from planwatch.domain.permissions import View
from planwatch.domain.plans import Plan
from planwatch.domain.sources import Source
from planwatch.figures import dashboard, plan_comparison, publication, reporting
from planwatch.notes import draft, note
from planwatch.storage import Store


@dataclass(frozen=True, slots=True)
class Db:
    """Where the data is and which version of it: hashable, so it can key a cache. ``version``
    is :func:`planwatch.ui.state.figures_version` on the pages (or the file's state,
    :func:`planwatch.ui.state.data_version`, where any write should end the cache)."""

    path: Path
    lock_timeout: float
    version: tuple[object, ...]

    def store(self) -> Store:
        return Store(self.path, self.lock_timeout)


@st.cache_data(show_spinner=False)
def plans(db: Db, as_of: dt.datetime | None = None) -> list[Plan]:
    """Every plan as defined at ``as_of`` (None: now)."""
    return reporting.plans(db.store(), as_of)


@st.cache_data(show_spinner=False)
def indicators(db: Db, as_of: dt.datetime | None = None) -> list[Indicator]:
    """Every indicator as defined at ``as_of`` (None: now)."""
    return reporting.indicators(db.store(), as_of)


@st.cache_data(show_spinner=False)
def sources(db: Db, as_of: dt.datetime | None = None) -> list[Source]:
    """Every source as recorded at ``as_of`` (None: now)."""
    return reporting.sources(db.store(), as_of)


@st.cache_data(show_spinner=False)
def publication_points(db: Db, view: View) -> list[dt.datetime]:
    """The moments a reader with ``view`` may see the figures as of (issue 16)."""
    return publication.publication_points(db.store(), view)


@st.cache_data(show_spinner=False)
def progress(db: Db, plan_id: str, as_of: dt.datetime | None, view: View) -> dashboard.Progress:
    return dashboard.plan_progress(db.store(), plan_id, as_of=as_of, view=view)


@st.cache_data(show_spinner=False)
def tiles(db: Db, as_of: dt.datetime | None, view: View) -> list[dashboard.Tile]:
    return dashboard.indicator_tiles(db.store(), as_of=as_of, view=view)


@st.cache_data(show_spinner=False)
def budget(db: Db, plan_id: str, as_of: dt.datetime | None, view: View) -> dashboard.BudgetView:
    return dashboard.budget_view(db.store(), plan_id, as_of=as_of, view=view)


@st.cache_data(show_spinner=False)
def year_series(
    db: Db, indicator: str, as_of: dt.datetime | None, view: View
) -> list[reporting.YearValue]:
    return reporting.year_series(db.store(), indicator, as_of=as_of, view=view)


@st.cache_data(show_spinner=False)
def breakdown_series(
    db: Db, indicator: str, dimension: str, as_of: dt.datetime | None, view: View
) -> dict[str, list[reporting.YearValue]]:
    return reporting.breakdown_series(db.store(), indicator, dimension, as_of=as_of, view=view)


@st.cache_data(show_spinner=False)
def quarter_series(
    db: Db, indicator: str, from_year: int, as_of: dt.datetime | None, view: View
) -> list[reporting.QuarterValue]:
    return reporting.quarter_series(db.store(), indicator, from_year, as_of=as_of, view=view)


@st.cache_data(show_spinner=False)
def plans_side_by_side(
    db: Db, plan_ids: tuple[str, ...], as_of: dt.datetime | None, view: View
) -> list[plan_comparison.PlanColumn]:
    return plan_comparison.compare_plans(db.store(), plan_ids, as_of=as_of, view=view)


@st.cache_data(show_spinner=False)
def targets(
    db: Db, indicator: str, plan_id: str, as_of: dt.datetime | None, view: View
) -> list[Target]:
    return reporting.targets(db.store(), indicator, plan_id, as_of=as_of, view=view)


@st.cache_data(show_spinner=False)
def indicator_sources(
    db: Db, as_of: dt.datetime | None, view: View
) -> dict[str, list[dict[str, object]]]:
    return dashboard.indicator_sources(db.store(), as_of=as_of, view=view)


@st.cache_data(show_spinner=False)
def disagreements(db: Db, as_of: dt.datetime | None, view: View) -> list[dashboard.Disagreement]:
    return dashboard.disagreements(db.store(), as_of=as_of, view=view)


@st.cache_data(show_spinner=False, max_entries=50)
def talking_points(
    db: Db,
    plan_id: str | None,
    year: int,
    quarter: int | None,
    language: str,
    as_of: dt.datetime | None,
    view: View,
) -> note.TalkingPoints:
    return draft.draft(
        db.store(),
        year=year,
        quarter=quarter,
        plan_id=plan_id,
        language=language,
        as_of=as_of,
        view=view,
    )

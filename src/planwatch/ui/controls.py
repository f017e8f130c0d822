"""The sidebar every page shares: language, plan, the moment the dashboard describes and what
the signed-in user may see of the figures (their :class:`~planwatch.domain.permissions.View`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from planwatch.domain.clock import local_day_end, to_local, today_in_denmark, utc_now
from planwatch.domain.permissions import PUBLIC_VIEW, Permission, View, view_for
from planwatch.domain.plans import Plan
from planwatch.figures import publication
from planwatch.formatting import format_date, format_moment
from planwatch.ui import data, frame, state
from planwatch.ui.i18n import t
from planwatch.ui.user_text import user_text


@dataclass(frozen=True, slots=True)
class Controls:
    language: str
    db: data.Db
    plan: Plan | None
    as_of: dt.datetime | None  # UTC; None = now
    as_of_date: dt.date
    view: View = PUBLIC_VIEW  # which figures the user sees, and small counts exactly or not
    preliminary_days: int = 30  # PLANWATCH_PRELIMINARY_DAYS: a revision is preliminary this long
    published_at: dt.datetime | None = None  # the publication point shown (UTC), if one was chosen

    def as_of_text(self) -> str:
        if self.published_at is not None and self.as_of is not None:
            moment = format_moment(to_local(self.published_at), self.language)
            return t("figures_as_published", self.language, moment=moment)
        return t("figures_as_of", self.language, moment=format_date(self.as_of_date, self.language))

    def moment(self) -> dt.datetime:
        """The moment the page describes (UTC, as stored): its as-of moment, or now."""
        return self.as_of if self.as_of is not None else utc_now()


def language_switch() -> None:
    """Dansk / English, kept in the session under ``language`` (on every page and sign-in)."""
    st.segmented_control(
        t("language", state.language()),
        options=["da", "en"],
        format_func=lambda code: {"da": "Dansk", "en": "English"}[code],
        default=state.language(),
        key="language",
    )


def sidebar() -> Controls:
    """Draw the shared controls and return what they say."""
    store = state.store()
    db = data.Db(store.path, store.lock_timeout, state.figures_version(store))
    with st.sidebar:
        language_switch()
        language = state.language()
        plans = data.plans(db) if store.exists() else []
        plan = _plan_selector(plans, language)
        today = today_in_denmark()
        day = st.date_input(
            t("as_of", language),
            value=today,
            max_value=today,
            format="DD-MM-YYYY" if language == "da" else "YYYY-MM-DD",
            key="as_of_date",
            help=t("as_of_help", language),
        )
        view = _view(language)
        chosen = day if isinstance(day, dt.date) else today
        moment = _moment(db, view, None if chosen >= today else local_day_end(chosen), language)
        plan = _plan_then(db, plan, moment.used, language)
    return Controls(
        language,
        db,
        plan,
        moment.used,
        chosen,
        view,
        state.settings().preliminary_days,
        moment.published_at,
    )


def _moment(
    db: data.Db, view: View, requested: dt.datetime | None, language: str
) -> publication.ChosenMoment:
    """The moment the figures are shown as of (issue 16): for a reader who sees suppressed small
    counts, the latest publication point at or before the chosen day, said under the picker;
    readers of exact small counts get the end of the chosen day. Whatever the session holds,
    the moment is decided here, on the server."""
    if publication.may_choose_any_moment(view) or not db.path.exists():
        return publication.ChosenMoment(requested, requested, None, snapped=False)
    points = data.publication_points(db, view)
    chosen = publication.choose_moment(db.store(), view, requested, points=points)
    if chosen.before_first:
        st.caption(t("as_of_before_publication", language))
    elif chosen.snapped and chosen.published_at is not None:
        moment = format_moment(to_local(chosen.published_at), language)
        st.caption(t("as_of_publication", language, moment=moment))
    return chosen


def _view(language: str) -> View:
    """The signed-in user's view; users who may see submitted figures get a toggle for them
    (off by default). Without a user (the sign-in gate stops them before any page), the public
    view."""
    current = state.actor()
    if current is None:
        return PUBLIC_VIEW
    include_submitted = False
    if current.can(Permission.VIEW_SUBMITTED):
        include_submitted = st.toggle(
            t("show_submitted", language),
            value=False,
            key="show_submitted",
            help=t("show_submitted_help", language),
        )
    return view_for(
        current,
        include_submitted=include_submitted,
        small_count_threshold=state.settings().small_count_threshold,
    )


def _plan_then(
    db: data.Db, plan: Plan | None, moment: dt.datetime | None, language: str
) -> Plan | None:
    """The chosen plan as it was defined at the moment shown (issue 19: a revised plan's name
    and total then). A plan defined later did not exist then: the newest plan of that moment is
    shown instead, and the sidebar says so."""
    if plan is None or moment is None:
        return plan
    then = data.plans(db, moment)
    same = next((p for p in then if p.plan_id == plan.plan_id), None)
    if same is not None:
        return same
    if not then:
        return plan
    shown = max(then, key=lambda p: p.start_date)
    st.warning(
        t(
            "plan_not_yet_defined",
            language,
            plan=user_text(plan.name(language)),
            shown=user_text(shown.name(language)),
        )
    )
    return shown


def _plan_selector(plans: list[Plan], language: str) -> Plan | None:
    if not plans:
        return None
    by_id = {p.plan_id: p for p in plans}
    default = max(by_id, key=lambda plan_id: by_id[plan_id].start_date)
    current = st.session_state.get("plan_choice", default)
    # One widget per language, so that the shown plan name follows the language; the choice
    # itself is kept across languages.
    plan_id = st.selectbox(
        t("plan", language),
        options=list(by_id),
        index=list(by_id).index(current if current in by_id else default),
        format_func=lambda plan_id: frame.plan_label(by_id[plan_id], plans, language),
        key=f"plan_id_{language}",
    )
    st.session_state["plan_choice"] = plan_id
    return by_id[plan_id]

"""Session state the pages share: language, the chosen plan, the signed-in user; the store.

The signed-in user (an :class:`~planwatch.domain.permissions.Actor`) and the time of their last
activity live in the session. Only the sign-in gate (:mod:`planwatch.ui.signin`) starts and
ends a session; pages read the user with :func:`actor`.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import streamlit as st

from planwatch.domain.clock import today_in_denmark
from planwatch.domain.permissions import Actor
from planwatch.errors import PlanwatchError
from planwatch.settings import Settings, load_settings
from planwatch.storage import Store, freshness


@st.cache_resource
def _settings(environment_key: tuple[tuple[str, str], ...]) -> Settings:
    return load_settings(dict(environment_key))


def settings() -> Settings:
    key = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("PLANWATCH_")))
    return _settings(key)


def store() -> Store:
    current = settings()
    return Store(Path(current.db), current.lock_timeout)


def language() -> str:
    value = st.session_state.get("language")
    return value if value in ("da", "en") else settings().language


def data_version(the_store: Store) -> tuple[int, int]:
    """Changes whenever the database file changes: the key that ends cached figures."""
    version = (0, 0)
    for path in (the_store.path, the_store.path.with_name(the_store.path.name + ".wal")):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        version = (version[0] + stat.st_mtime_ns, version[1] + stat.st_size)
    return version


def figures_version(the_store: Store) -> tuple[object, ...]:
    """The key that ends cached figures (issue 17): changes when anything a page of figures
    shows can have changed, and not on other writes (a sign-in, an audit entry, a user's role:
    the user's :class:`~planwatch.domain.permissions.View` is a key of its own).

    It is the file's identity (a restored or rebuilt database is a new file renamed into
    place), the state of the figures (:func:`planwatch.storage.freshness.figures_key`: row
    counts and the latest change set and review) and today's date in Denmark (a page "as of
    now" describes today: the plan's elapsed share, the year in progress). The figures' state
    is read again only when the file changed (:func:`data_version`), once per process, so a
    warm rerun does not open the database."""
    try:
        stat = the_store.path.stat()
    except FileNotFoundError:
        return ("missing",)
    identity = (stat.st_dev, stat.st_ino)
    figures = _figures_key(the_store.path, the_store.lock_timeout, data_version(the_store))
    return (identity, figures, today_in_denmark().isoformat())


@st.cache_data(show_spinner=False, max_entries=64)
def _figures_key(path: Path, lock_timeout: float, version: tuple[int, int]) -> tuple[object, ...]:
    """The figures' state, read once per state of the file (``version``). A database that
    cannot be read for it (not yet migrated, say) is keyed on the file's state alone, as
    before issue 17; the page's own reads then say what is wrong."""
    try:
        return ("figures", *freshness.figures_key(Store(path, lock_timeout)))
    except PlanwatchError:
        return ("file", *version)


ACTOR_KEY = "planwatch_actor"
LAST_ACTIVITY_KEY = "planwatch_last_activity"  # time.time() of the session's last run
NOTICE_KEY = "planwatch_notice"  # a text key the sign-in page shows once (why a session ended)
# Kept when a session ends: the language the next user reads the sign-in page in.
_KEPT_ON_SIGN_OUT = frozenset({"language"})
# What a form's callback moved out of its fields (passwords among it) for the run right after;
# dropped at the end of every run of the app, whether the page used it or not.
SIGNIN_PENDING_KEY = "_planwatch_signin_pending"
USERS_ASKED_KEY = "_planwatch_users_asked"
_TRANSIENT = (SIGNIN_PENDING_KEY, USERS_ASKED_KEY)


def actor() -> Actor | None:
    """The user signed in to this session, or None. Set only by the sign-in gate."""
    value = st.session_state.get(ACTOR_KEY)
    return value if isinstance(value, Actor) else None


def origin() -> str:
    """Where a request comes from, for the audit log: ``web <client ip>`` when known."""
    try:
        address = st.context.ip_address
    except Exception:  # no client context (a test): the origin is just "web"
        address = None
    return f"web {address}" if isinstance(address, str) and address else "web"


def start_session(signed_in: Actor) -> None:
    st.session_state[ACTOR_KEY] = signed_in
    st.session_state[LAST_ACTIVITY_KEY] = time.time()
    st.session_state.pop(NOTICE_KEY, None)


def keep_session(current: Actor) -> None:
    """Record activity now, with the user as just read from the database."""
    st.session_state[ACTOR_KEY] = current
    st.session_state[LAST_ACTIVITY_KEY] = time.time()


def idle_seconds(now: float | None = None) -> float | None:
    """Seconds since the session's last activity, or None if none is recorded."""
    last = st.session_state.get(LAST_ACTIVITY_KEY)
    if not isinstance(last, int | float):
        return None
    return (time.time() if now is None else now) - float(last)


def end_session(notice: str | None = None) -> None:
    """Forget the user and everything this session held for them (widgets, reports, choices),
    except the language. ``notice`` is shown on the sign-in page."""
    for key in list(st.session_state.keys()):
        if key not in _KEPT_ON_SIGN_OUT:
            del st.session_state[key]
    if notice is not None:
        st.session_state[NOTICE_KEY] = notice


def drop_transient() -> None:
    for key in _TRANSIENT:
        st.session_state.pop(key, None)


def pop_notice() -> str | None:
    value = st.session_state.pop(NOTICE_KEY, None)
    return value if isinstance(value, str) else None

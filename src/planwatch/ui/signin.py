"""The sign-in gate: nobody sees anything of planwatch before they are signed in.

Local accounts (``PLANWATCH_AUTH=local``) sign in with a user name and password
(:func:`planwatch.access.accounts.sign_in`). With single sign-on (``PLANWATCH_AUTH=oidc``)
Streamlit's ``st.login()`` sends the user to the identity provider, and
:func:`planwatch.access.accounts.sign_in_sso` finds their planwatch account by the provider's
issuer and subject, or by an e-mail the provider has verified (``email_verified``), and binds
the account to that subject; roles always come from planwatch's database.

On every run :func:`active_actor` ends a session that has been idle longer than
``PLANWATCH_SESSION_IDLE_MINUTES`` and reads the user's roles again from the database, so a
disabled account or a revoked role takes effect at the user's next click.

A password is moved out of its form field by the form's callback and used in the same run;
it is never logged, shown or kept in the session.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import streamlit as st

from planwatch.access import accounts
from planwatch.domain.permissions import Actor, Role, role_word
from planwatch.errors import PermissionDeniedError, PlanwatchError, SignInError
from planwatch.settings import Settings
from planwatch.storage import Store
from planwatch.ui import state
from planwatch.ui.controls import language_switch
from planwatch.ui.i18n import t
from planwatch.ui.user_text import user_text

log = logging.getLogger("planwatch.ui")

NAME_KEY: Final = "signin_name"
PASSWORD_KEY: Final = "signin_password"  # noqa: S105 - a widget key, not a password
_PENDING: Final = state.SIGNIN_PENDING_KEY  # (name, password), for the run after submit only
_REFUSAL: Final = "_planwatch_signin_refusal"  # {"da": ..., "en": ...} of the last refusal
_SSO_REFUSAL: Final = "_planwatch_sso_refusal"
_SSO_REAUTH: Final = "_planwatch_sso_reauth"  # this session's SSO session ended: ask again
_OIDC_LOGOUT: Final = "_planwatch_oidc_logout"  # end the identity cookie on the next run


def _messages(error: PlanwatchError) -> dict[str, str]:
    return {"da": error.message("da"), "en": error.message("en")}


def _texts(key: str, **values: object) -> dict[str, str]:
    return {language: t(key, language, **values) for language in ("da", "en")}


def shown_name(current: Actor) -> str:
    """``Anne Hansen (anne@cmm.dk)``, or just the user name when there is no other name."""
    if current.display_name and current.display_name != current.name:
        return f"{current.display_name} ({current.name})"
    return current.name


def role_names(roles: frozenset[Role] | tuple[Role, ...], language: str) -> str:
    """The roles in their usual order (viewer, uploader, approver, auditor, admin)."""
    return ", ".join(role_word(role, language) for role in Role if role in roles)


# --- the session ------------------------------------------------------------------------------


def active_actor() -> Actor | None:
    """The signed-in user as the database says now, or None (nobody, or the session ended).

    Ends the session when it has been idle too long, or when the account is disabled, gone, or
    has no roles left. Otherwise records this run as activity.
    """
    current = state.actor()
    if current is None:
        return None
    settings = state.settings()
    store = state.store()
    idle = state.idle_seconds()
    limit = settings.session_idle_minutes * 60
    if limit > 0 and idle is not None and idle > limit:
        _end(store, settings, current, notice="session_ended")
        return None
    try:
        fresh = _as_stored(store.path, store.lock_timeout, state.data_version(store), current)
    except PermissionDeniedError:  # disabled, or no longer there
        _end(store, settings, current, notice="account_gone")
        return None
    if not fresh.roles:
        _end(store, settings, current, notice="no_roles_left")
        return None
    state.keep_session(fresh)
    return fresh


@st.cache_data(show_spinner=False, max_entries=1000)
def _as_stored(path: Path, lock_timeout: float, version: tuple[int, int], current: Actor) -> Actor:
    """The user as the database says now. Keyed on the database file's version, which any
    write changes (a disabled account, a revoked role), so a change takes effect on the next
    run while an unchanged database is not opened again on every click."""
    return accounts.actor_for(Store(path, lock_timeout), current.name, origin=current.origin)


def _end(store: Store, settings: Settings, current: Actor, *, notice: str) -> None:
    try:
        accounts.sign_out(store, current, expired=True)
    except PlanwatchError:
        log.warning("could not record the end of %s's session", current.name)
    state.end_session(notice)
    if settings.auth == "oidc":
        st.session_state[_SSO_REAUTH] = True


def _sign_out() -> None:
    """The sidebar's sign-out button (a callback: it runs before the next run)."""
    try:
        current = state.actor()
        oidc = state.settings().auth == "oidc"
        if current is not None:
            try:
                accounts.sign_out(state.store(), current)
            except PlanwatchError:
                log.warning("could not record the sign-out of %s", current.name)
        state.end_session("signed_out")
        if oidc:
            st.session_state[_OIDC_LOGOUT] = True
    except Exception:
        log.exception("unexpected error while signing out")
        state.end_session("signed_out")


def end_identity_cookie_if_asked() -> bool:
    """After signing out of a single sign-on session, end Streamlit's identity cookie too
    (``st.logout()``; a new session starts). True if it did."""
    if not st.session_state.pop(_OIDC_LOGOUT, False):
        return False
    st.logout()
    return True


# --- the sidebar ------------------------------------------------------------------------------


def identity(current: Actor, language: str) -> None:
    """Who is signed in, with which roles, and the sign-out button (in the sidebar)."""
    with st.sidebar:
        st.divider()
        st.markdown(t("signed_in_as", language, name=user_text(shown_name(current))))
        st.caption(t("roles_label", language, roles=role_names(current.roles, language)))
        st.button(t("sign_out", language), key="sign_out", on_click=_sign_out)


# --- the sign-in page -------------------------------------------------------------------------


def page() -> None:
    """The only page before sign-in."""
    column, _ = st.columns([2, 3])
    with column:
        _page_content()


def _page_content() -> None:
    pending = st.session_state.pop(_PENDING, None)
    language_switch()
    language = state.language()
    st.title("planwatch")
    notice = state.pop_notice()
    settings = state.settings()
    if notice == "session_ended":
        minutes = f"{settings.session_idle_minutes:g}"
        st.warning(t(notice, language, minutes=minutes))
    elif notice is not None:
        st.info(t(notice, language))
    store = state.store()
    if not store.exists():
        st.info(t("no_database", language))
        return
    if settings.auth == "oidc":
        _single_sign_on(store, settings, language)
    else:
        _local(store, settings, language, pending)


def _take_credentials() -> None:
    """The form's callback: move what was typed out of the widgets before the run."""
    name = st.session_state.get(NAME_KEY)
    password = st.session_state.get(PASSWORD_KEY)
    st.session_state[_PENDING] = (
        name if isinstance(name, str) else "",
        password if isinstance(password, str) else "",
    )
    st.session_state[PASSWORD_KEY] = ""


def _local(
    store: Store, settings: Settings, language: str, pending: tuple[str, str] | None
) -> None:
    st.subheader(t("signin_title", language))
    st.caption(t("signin_intro", language))
    if pending is not None:
        name, password = pending
        _try_sign_in(store, settings, name, password)
    with st.form("signin"):
        st.text_input(t("user_name", language), key=NAME_KEY, autocomplete="username")
        st.text_input(
            t("password", language),
            type="password",
            key=PASSWORD_KEY,
            autocomplete="current-password",
        )
        st.form_submit_button(
            t("signin_button", language), type="primary", on_click=_take_credentials
        )
    refusal = st.session_state.get(_REFUSAL)
    if isinstance(refusal, dict):
        st.error(refusal[language])


def _try_sign_in(store: Store, settings: Settings, name: str, password: str) -> None:
    if not name.strip() or not password:
        st.session_state[_REFUSAL] = _texts("signin_missing")
        return
    try:
        signed_in = accounts.sign_in(
            store,
            name,
            password,
            origin=state.origin(),
            policy=accounts.SignInPolicy.from_settings(settings),
        )
    except SignInError as refused:
        st.session_state[_REFUSAL] = _messages(refused)
        return
    st.session_state.pop(_REFUSAL, None)
    state.start_session(signed_in)
    st.rerun()


# --- single sign-on ---------------------------------------------------------------------------


def providers() -> list[tuple[str | None, str]]:
    """The identity providers in ``.streamlit/secrets.toml`` ``[auth]``: (name for
    ``st.login``, label). Named providers (``[auth.microsoft]``) by their name; a provider set
    directly in ``[auth]`` as "single sign-on"."""
    try:
        section: Any = st.secrets.get("auth")
    except Exception:  # no secrets file at all: no provider
        return []
    if not isinstance(section, Mapping):
        return []
    named = [
        (str(key), str(key)[:1].upper() + str(key)[1:])
        for key, value in section.items()
        if isinstance(value, Mapping) and "client_id" in value
    ]
    if named:
        return [(key, label) for key, label in named]
    if "client_id" in section:
        return [(None, "")]
    return []


def _claim(name: str) -> str | None:
    value = st.user.get(name)
    return str(value) if value else None


def _fresh(settings: Settings) -> bool:
    """Whether the identity cookie may start a session without asking the provider again: only
    within the idle time after the provider signed the user in (the ID token's ``iat``), so that
    reloading the page is no way around the idle timeout."""
    issued = st.user.get("iat")
    limit = settings.session_idle_minutes * 60
    if not isinstance(issued, int | float) or limit <= 0:
        return True
    return time.time() - float(issued) <= limit


def _single_sign_on(store: Store, settings: Settings, language: str) -> None:
    st.subheader(t("signin_title", language))
    st.caption(t("signin_intro_sso", language))
    refusal = st.session_state.get(_SSO_REFUSAL)
    if isinstance(refusal, dict):
        st.error(refusal[language])
        if st.button(t("sign_out", language), key="sso_sign_out"):
            st.session_state.pop(_SSO_REFUSAL, None)
            st.logout()
        return
    logged_in = bool(st.user.get("is_logged_in"))
    asked_again = bool(st.session_state.get(_SSO_REAUTH))
    if logged_in and not asked_again and _fresh(settings):
        try:
            signed_in = accounts.sign_in_sso(
                store,
                email=_claim("email"),
                subject=_claim("sub"),
                issuer=_claim("iss"),
                email_verified=st.user.get("email_verified"),
                origin=state.origin(),
            )
        except SignInError as refused:
            st.session_state[_SSO_REFUSAL] = _messages(refused)
            st.rerun()
        state.start_session(signed_in)
        st.rerun()
    found = providers()
    if not found:
        st.warning(t("sso_not_configured", language))
        return
    if logged_in:
        st.info(t("sso_signin_again", language))
    for key, label in found:
        shown = label or t("sso_generic", language)
        if st.button(
            t("signin_sso", language, provider=shown), key=f"sso_{key or 'default'}", type="primary"
        ):
            st.login(key)

"""Brugere / Users (admins): every user with roles and status; add a local user; grant and
revoke roles; disable and enable; set a password.

Every action goes through :mod:`planwatch.access.accounts`, which checks that the signed-in user may
manage users and writes the audit log. Buttons only note what was asked (in their callback, before
the run); the run then does it, as the user the database says is signed in now, before the table is
drawn. A password is moved out of its field by that callback and used in the same run: it is never
shown back, logged or kept in the session.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from planwatch.access import accounts
from planwatch.access.accounts import UserInfo
from planwatch.domain.clock import utc_now
from planwatch.domain.permissions import Actor, Role, role_word
from planwatch.errors import PlanwatchError
from planwatch.storage import Store
from planwatch.ui import cards, signin, state
from planwatch.ui.components import local_time
from planwatch.ui.i18n import t
from planwatch.ui.user_text import user_text

_ASKED = state.USERS_ASKED_KEY  # what a button asked for, done in the same run
_RESULT = "_planwatch_users_result"  # (level, {"da": ..., "en": ...})
ROLES = [role.value for role in Role]


def _texts(key: str, **values: object) -> dict[str, str]:
    return {language: t(key, language, **values) for language in ("da", "en")}


def _role_label(value: str, language: str) -> str:
    return role_word(Role(value), language)


def _role_choice(value: str, language: str) -> str:
    """A role and what it may do, on one line: 'godkender – godkender eller returnerer ...'."""
    return f"{_role_label(value, language)} – {t(f'role_desc_{value}', language)}"


def _both_eyes(roles: set[str]) -> bool:
    """Whether one person would both upload and approve (the four-eyes principle)."""
    return {Role.UPLOADER.value, Role.APPROVER.value} <= roles


def _new_roles() -> list[str]:
    return [role for role in ROLES if st.session_state.get(f"new_user_role_{role}")]


def _status(user: UserInfo, language: str) -> str:
    if user.disabled:
        return t("status_disabled", language)
    if user.locked_until is not None and user.locked_until > utc_now():
        return t("status_locked", language, until=local_time(user.locked_until))
    if user.needs_new_password:
        return t("status_needs_new_password", language)
    return t("status_active", language)


def _method(user: UserInfo, language: str) -> str:
    if user.needs_new_password and not user.has_password:
        return t("method_password", language)
    if user.has_password and user.uses_sso:
        return t("method_both", language)
    return t("method_password" if user.has_password else "method_sso", language)


def table(users: list[UserInfo], language: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("col_user", language): [u.name for u in users],
            t("col_display_name", language): [u.display_name for u in users],
            t("col_email", language): [u.email or "" for u in users],
            t("col_roles", language): [signin.role_names(u.roles, language) for u in users],
            t("col_status", language): [_status(u, language) for u in users],
            t("col_signin_method", language): [_method(u, language) for u in users],
            t("col_last_signin", language): [local_time(u.last_signin_at) for u in users],
            t("col_created", language): [local_time(u.created_at) for u in users],
            t("col_created_by", language): [u.created_by for u in users],
        }
    )


# --- callbacks: note what was asked, and take passwords out of their fields -------------------


def _ask_add() -> None:
    password = st.session_state.get("new_user_password") or ""
    st.session_state["new_user_password"] = ""
    st.session_state[_ASKED] = {
        "kind": "add",
        "name": st.session_state.get("new_user_name") or "",
        "display_name": st.session_state.get("new_user_display_name") or "",
        "email": st.session_state.get("new_user_email") or "",
        "roles": _new_roles(),
        "password": password,
    }


def _ask(kind: str) -> None:
    st.session_state[_ASKED] = {
        "kind": kind,
        "name": st.session_state.get("manage_user") or "",
        "role": st.session_state.get("manage_role") or "",
    }


def _ask_password() -> None:
    password = st.session_state.get("manage_password") or ""
    st.session_state["manage_password"] = ""
    st.session_state[_ASKED] = {
        "kind": "password",
        "name": st.session_state.get("manage_user") or "",
        "password": password,
    }


# --- the run ----------------------------------------------------------------------------------


def _do(store: Store, admin: Actor | None, asked: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """Do what was asked; (level, message in both languages)."""
    kind, name = asked["kind"], str(asked["name"]).strip()
    origin = admin.origin if admin is not None else ""
    if not name:
        return "warning", _texts("need_user_name")
    try:
        if kind == "add":
            roles = [Role(r) for r in asked["roles"]]
            if not roles:
                return "warning", _texts("need_roles")
            added = accounts.add_user(
                store,
                admin,
                name,
                roles,
                password=asked["password"] or None,
                display_name=asked["display_name"].strip() or None,
                email=asked["email"].strip() or None,
                origin=origin,
            )
            for role in ROLES:
                st.session_state[f"new_user_role_{role}"] = False
            both = _both_eyes({r.value for r in added.roles})
            return ("warning" if both else "success"), {
                lang: t(
                    "user_added",
                    lang,
                    name=user_text(added.name),
                    roles=signin.role_names(added.roles, lang),
                )
                + (" " + t("four_eyes_warning", lang) if both else "")
                for lang in ("da", "en")
            }
        if kind in ("grant", "revoke"):
            role = Role(asked["role"])
            changed = accounts.change_role(store, admin, name, role, kind == "grant", origin=origin)
            key = (
                ("role_granted" if kind == "grant" else "role_revoked")
                if changed
                else ("role_unchanged")
            )
            users = accounts.list_users(store, admin)
            now_holds = {r.value for u in users if u.name == name for r in u.roles}
            both = changed and kind == "grant" and _both_eyes(now_holds)
            level = "warning" if both else "success" if changed else "info"
            return level, {
                lang: t(key, lang, name=user_text(name), role=_role_label(role.value, lang))
                + (" " + t("four_eyes_warning", lang) if both else "")
                for lang in ("da", "en")
            }
        if kind in ("disable", "enable"):
            accounts.set_disabled(store, admin, name, kind == "disable", origin=origin)
            return "success", _texts(
                "user_disabled" if kind == "disable" else "user_enabled", name=user_text(name)
            )
        if kind == "password":
            if not asked["password"]:
                return "warning", _texts("need_password")
            accounts.set_password(store, admin, name, asked["password"], origin=origin)
            return "success", _texts("password_set", name=user_text(name))
    except PlanwatchError as refused:
        return "error", {lang: user_text(refused.message(lang)) for lang in ("da", "en")}
    raise ValueError(f"unknown user action {kind!r}")


def render() -> None:
    language = state.language()
    store = state.store()
    admin = state.actor()
    asked = st.session_state.pop(_ASKED, None)
    if isinstance(asked, dict):
        st.session_state[_RESULT] = _do(store, admin, asked)
        asked.clear()  # the password, if any, goes with it
    st.title(t("users", language))
    st.caption(t("users_intro", language))
    result = st.session_state.pop(_RESULT, None)
    if isinstance(result, tuple):
        level, message = result
        {"success": st.success, "info": st.info, "warning": st.warning}.get(level, st.error)(
            message[language]
        )
    users = accounts.list_users(store, admin)
    cards.wide_table(table(users, language), key="users", language=language, hide_index=True)
    _add_form(language)
    _manage(users, language)


def _add_form(language: str) -> None:
    """One column in reading order (the tab order is the order read): name, display name,
    e-mail, one checkbox per role with what it may do, the first password. Not a form, so that
    choosing both uploader and approver is warned about at once."""
    st.subheader(t("add_user", language))
    with st.container(border=True):
        st.text_input(t("new_user_name", language), key="new_user_name")
        st.text_input(t("new_display_name", language), key="new_user_display_name")
        st.text_input(t("new_email", language), key="new_user_email")
        st.markdown(f"**{t('new_roles', language)}**")
        for role in ROLES:
            st.checkbox(_role_choice(role, language), key=f"new_user_role_{role}")
        if _both_eyes(set(_new_roles())):
            st.warning(t("four_eyes_warning", language))
        st.text_input(
            t("initial_password", language),
            type="password",
            key="new_user_password",
            autocomplete="new-password",
        )
        st.button(t("add_user_button", language), type="primary", on_click=_ask_add)


def _manage(users: list[UserInfo], language: str) -> None:
    if not users:
        return
    st.subheader(t("change_user", language))
    by_name = {u.name: u for u in users}
    name = st.selectbox(
        t("choose_user", language),
        options=list(by_name),
        format_func=lambda n: (
            f"{n} ({by_name[n].display_name})" if by_name[n].display_name != n else n
        ),
        key="manage_user",
    )
    chosen = by_name.get(name or "")
    if chosen is None:
        return
    st.caption(
        f"{t('roles_label', language, roles=signin.role_names(chosen.roles, language))} · "
        f"{_status(chosen, language)}"
    )
    role_column, grant_column, revoke_column = st.columns([2, 1, 1])
    role = role_column.selectbox(
        t("role", language),
        options=ROLES,
        format_func=lambda value: _role_choice(value, language),
        key="manage_role",
    )
    grant_column.button(
        t("grant_role", language), key="manage_grant", on_click=_ask, args=("grant",)
    )
    revoke_column.button(
        t("revoke_role", language), key="manage_revoke", on_click=_ask, args=("revoke",)
    )
    holds = {r.value for r in chosen.roles}
    if role is not None and role not in holds and _both_eyes(holds | {role}):
        st.warning(t("four_eyes_warning", language))
    if chosen.disabled:
        st.button(t("enable_user", language), key="manage_enable", on_click=_ask, args=("enable",))
    else:
        st.button(
            t("disable_user", language), key="manage_disable", on_click=_ask, args=("disable",)
        )
    with st.form("set_password"):
        st.text_input(
            t("new_password", language),
            type="password",
            key="manage_password",
            autocomplete="new-password",
        )
        st.form_submit_button(t("set_password_button", language), on_click=_ask_password)

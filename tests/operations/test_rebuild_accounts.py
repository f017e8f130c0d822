"""Accounts made again from archived audit entries, one entry at a time."""

from __future__ import annotations

import datetime as dt
import json
import string
from typing import Any

import pytest

from planwatch.access import accounts, tokens
from planwatch.domain.permissions import Actor, Role
from planwatch.errors import PermissionDeniedError, SignInError
from planwatch.operations import rebuild_accounts
from planwatch.storage import Store, migrations, users
from tests import clock

ADMIN = Actor("root", frozenset({Role.ADMIN}))


def _entry(
    action: str, subject: str | None, details: dict[str, Any], hours: int = 0
) -> dict[str, Any]:
    return {
        "action": action,
        "subject": subject,
        "details": json.dumps(details),
        "actor": "root",
        "recorded_at": clock.from_now(days=1, at=dt.time(8, 0)) + dt.timedelta(hours=hours),
    }


@pytest.fixture
def store(empty_store: Store) -> Store:
    migrations.migrate(empty_store)
    return empty_store


def _apply(store: Store, *entries: dict[str, Any]) -> list[bool]:
    with store.transaction() as connection:
        return [rebuild_accounts.apply(connection, e) for e in entries]


def _row(store: Store, name: str) -> dict[str, Any]:
    with store.connect(read_only=True) as connection:
        row = users.user(connection, name)
    assert row is not None
    return row


def test_an_older_user_added_entry_loses_the_display_name_and_the_subject(store: Store) -> None:
    """Entries written before this version carry neither: the name stands in for the display
    name, and the account waits for a single sign-on sign-in to be bound by e-mail again."""
    older = {"roles": ["viewer"], "email": "kim@example.dk", "local_password": True, "sso": True}
    assert _apply(store, _entry("user-added", "kim", older)) == [True]
    row = _row(store, "kim")
    assert (row["display_name"], row["oidc_subject"], row["email"]) == ("kim", None, older["email"])
    assert row["password_hash"] is None and row["needs_new_password"]


def test_a_newer_entry_carries_what_the_account_needs(store: Store) -> None:
    newer = {
        "roles": ["auditor", "viewer"],
        "email": None,
        "local_password": False,
        "sso": True,
        "display_name": "Kim Berg",
        "oidc_subject": "sub-7",
    }
    _apply(store, _entry("user-added", "kim", newer))
    row = _row(store, "kim")
    assert (row["display_name"], row["oidc_subject"]) == ("Kim Berg", "sub-7")
    assert not row["needs_new_password"], "a single sign-on user needs no password"
    with store.connect(read_only=True) as connection:
        assert users.roles(connection, "kim") == ["auditor", "viewer"]


def test_roles_disabling_and_sign_ins_are_done_again_in_order(store: Store) -> None:
    made = {"roles": ["viewer"], "email": None, "local_password": True, "sso": False}
    done = _apply(
        store,
        _entry("user-added", "kim", made),
        _entry("role-granted", "kim", {"role": "approver"}, hours=1),
        _entry("role-revoked", "kim", {"role": "viewer"}, hours=2),
        _entry("sign-in", "kim", {"method": "password"}, hours=3),
        _entry("user-disabled", "kim", {}, hours=4),
        _entry("export", None, {"tables": ["figures"]}, hours=5),
        _entry("role-granted", "nobody", {"role": "admin"}, hours=6),
    )
    assert done == [True, True, True, True, True, False, False]
    row = _row(store, "kim")
    assert row["disabled"]
    assert row["last_signin_at"] == clock.from_now(days=1, at=dt.time(8, 0)) + dt.timedelta(hours=3)
    with store.connect(read_only=True) as connection:
        assert users.roles(connection, "kim") == ["approver"]
        assert users.user(connection, "nobody") is None


def test_a_rebuilt_token_keeps_its_record_but_proves_no_one(store: Store) -> None:
    made = {"roles": ["uploader"], "email": None, "local_password": True, "sso": False}
    _apply(
        store,
        _entry("user-added", "kim", made),
        _entry("token-created", "kim", {"token_id": 4, "label": "batch"}, hours=1),
    )
    listed = tokens.list_tokens(store, ADMIN, "kim")
    assert [(t.token_id, t.label, t.revoked_at) for t in listed] == [(4, "batch", None)]
    unusable = rebuild_accounts.unusable_token_hash(4)
    assert len(unusable) == 64 and not set(unusable) <= set(string.hexdigits)
    with pytest.raises(PermissionDeniedError):
        tokens.identify(store, os_user="kim", token=unusable)


def test_a_rebuilt_account_is_told_to_ask_for_a_new_password_until_it_gets_one(
    store: Store,
) -> None:
    made = {"roles": ["admin"], "email": None, "local_password": True, "sso": False}
    _apply(store, _entry("user-added", "kim", made), _entry("user-added", "root", made))
    with pytest.raises(SignInError) as refused:
        accounts.sign_in(store, "kim", "whatever is typed here")
    assert refused.value.message_da.endswith("bed en administrator om en ny adgangskode.")
    assert refused.value.message_en.endswith("ask an administrator for a new password.")
    with pytest.raises(SignInError) as unknown:  # nobody learns which accounts exist
        accounts.sign_in(store, "nobody-here", "whatever is typed here")
    assert (unknown.value.message_da, unknown.value.message_en) == (
        refused.value.message_da,
        refused.value.message_en,
    )
    shown = {u.name: u for u in accounts.list_users(store, ADMIN)}
    assert shown["kim"].needs_new_password and not shown["kim"].has_password
    accounts.set_password(store, ADMIN, "kim", "a fresh and long passphrase")
    assert accounts.sign_in(store, "kim", "a fresh and long passphrase").name == "kim"
    assert not _row(store, "kim")["needs_new_password"]
    accounts.set_password(store, ADMIN, "root", "another fresh long passphrase")
    with pytest.raises(SignInError) as after:  # no account waits: the note is gone
        accounts.sign_in(store, "nobody-here", "whatever is typed here")
    assert "arkivet" not in after.value.message_da and "archive" not in after.value.message_en

"""Users for tests: one per role (``viewer1`` … ``admin1``), made through the real services."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from planwatch.access import accounts
from planwatch.domain.permissions import Actor, Role
from planwatch.storage import Store

PASSWORD = "correct horse battery staple"  # noqa: S105 - a password for tests only


def make_users(store: Store, suffix: str = "1") -> dict[Role, Actor]:
    """Create (the first admin by bootstrap, then the rest by that admin) and return actors."""
    with _test_password_hashed_once():
        return _make_users(store, suffix)


def _make_users(store: Store, suffix: str) -> dict[Role, Actor]:
    admin_name = f"admin{suffix}"
    existing = set(_names(store))
    if admin_name not in existing:
        accounts.add_user(
            store,
            None if not existing else _any_admin(store),
            admin_name,
            [Role.ADMIN],
            password=PASSWORD,
        )
    admin = accounts.actor_for(store, admin_name, origin="test")
    map_os_account(store, admin)
    actors = {Role.ADMIN: admin}
    for role in Role:
        if role is Role.ADMIN:
            continue
        name = f"{role.value}{suffix}"
        if name not in existing:
            accounts.add_user(store, admin, name, [role], password=PASSWORD)
        actors[role] = accounts.actor_for(store, name, origin="test")
    return actors


_HASH_PASSWORD = accounts.hash_password


@functools.cache
def _test_password_hash() -> str:
    return _HASH_PASSWORD(PASSWORD)


@contextmanager
def _test_password_hashed_once() -> Iterator[None]:
    """The users of ``make_users`` share one real Argon2id hash of ``PASSWORD``, made once per
    process: hashing takes a good fraction of a second by design, and six users for each of
    hundreds of tests made it minutes of every test run. Sign-in still verifies that real hash;
    every other password (and every user a test adds itself) is hashed as in the product."""

    def hashed(password: str) -> str:
        return _test_password_hash() if password == PASSWORD else _HASH_PASSWORD(password)

    with mock.patch.object(accounts, "hash_password", hashed):
        yield


def map_os_account(store: Store, admin: Actor) -> None:
    """Let the operating-system account running the tests act on the command line as ``admin``
    (and so, with ``--user``, as anyone), unless it is mapped already: what an operator does
    with ``planwatch users map-os-user`` (docs/access.md, "Who the command line acts as")."""
    from planwatch.access import tokens
    from planwatch.storage import users

    with store.connect(read_only=True) as connection:
        mapped = users.os_user_name(connection, tokens.os_account())
    if mapped is None:
        tokens.map_os_user(store, admin, tokens.os_account(), admin.name, origin="test")


def _names(store: Store) -> list[str]:
    from planwatch.storage import users

    if not store.exists():
        return []
    with store.connect(read_only=True) as connection:
        return [row["name"] for row in users.users(connection)]


def _any_admin(store: Store) -> Actor | None:
    from planwatch.storage import users

    with store.connect(read_only=True) as connection:
        for row in users.users(connection):
            if "admin" in row["roles"] and not row["disabled"]:
                return accounts.actor_for(store, row["name"], origin="test")
    return None


def acting(name: str, *roles: Role) -> Actor:
    """An actor as the services see one after sign-in (no database user needed for services
    that check only the permission)."""
    return Actor(name, frozenset(roles or (Role.UPLOADER,)), origin="test")


def approve(store: Store, change_set_id: int | None, now: dt.datetime | None = None) -> None:
    """Approve a submission as an approver who did not send it (the normal flow)."""
    from planwatch.access import approvals

    assert change_set_id is not None
    approvals.approve(store, acting("approver-test", Role.APPROVER), change_set_id, now=now)

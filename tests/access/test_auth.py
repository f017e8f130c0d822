"""Local accounts: Argon2id hashes, refusals, lock-out, disabled users, SSO matching, demo users."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from planwatch.access import accounts, audit
from planwatch.domain.permissions import Actor, Role
from planwatch.errors import NotFoundError, PermissionDeniedError, SignInError, UsageError
from planwatch.storage import Store, migrations, users
from tests import clock
from tests.actors import PASSWORD, make_users

SECRET = "Zebra-Quartz-7491-unique"  # noqa: S105 - a password that must never appear anywhere


def _now() -> dt.datetime:
    """UTC, after the test database (and the users the test adds now) was built."""
    return clock.later(days=1, at=dt.time(9, 0))


def _audit(store: Store) -> list[audit.AuditEntry]:
    reader = Actor("test-auditor", frozenset({Role.AUDITOR}))
    return audit.entries(store, reader)


def test_the_first_admin_needs_no_one_and_the_second_user_needs_an_admin(
    empty_store: Store,
) -> None:
    migrations.migrate(empty_store)
    accounts.add_user(empty_store, None, "first-admin", [Role.ADMIN], password=PASSWORD)
    with pytest.raises(PermissionDeniedError):
        accounts.add_user(empty_store, None, "sneaky", [Role.ADMIN], password=PASSWORD)
    viewer = Actor("someone", frozenset({Role.VIEWER}))
    with pytest.raises(PermissionDeniedError):
        accounts.add_user(empty_store, viewer, "sneaky", [Role.VIEWER], password=PASSWORD)
    admin = accounts.actor_for(empty_store, "first-admin")
    added = accounts.add_user(empty_store, admin, "Reader", ["viewer"], password=PASSWORD)
    assert added.name == "reader"  # names are lower-case
    assert added.roles == (Role.VIEWER,)
    assert added.created_by == "first-admin"


def test_a_bootstrap_without_an_admin_role_is_refused(empty_store: Store) -> None:
    migrations.migrate(empty_store)
    with pytest.raises(PermissionDeniedError):
        accounts.add_user(empty_store, None, "viewer-first", [Role.VIEWER], password=PASSWORD)


def test_the_right_password_signs_in_with_the_users_roles(demo_store: Store) -> None:
    make_users(demo_store)
    actor = accounts.sign_in(demo_store, "uploader1", PASSWORD, origin="web 10.0.0.7", now=_now())
    assert actor.name == "uploader1"
    assert actor.roles == frozenset({Role.UPLOADER})
    assert actor.origin == "web 10.0.0.7"
    last = _audit(demo_store)[-1]
    assert (last.action, last.actor, last.origin) == ("sign-in", "uploader1", "web 10.0.0.7")


@pytest.mark.parametrize("name", ["uploader1", "nobody-at-all"])
def test_a_wrong_password_or_unknown_name_is_refused_with_the_same_words(
    demo_store: Store, name: str
) -> None:
    make_users(demo_store)
    with pytest.raises(SignInError) as refused:
        accounts.sign_in(demo_store, name, "not the password", now=_now())
    assert refused.value.message("da").startswith("Forkert brugernavn eller adgangskode.")
    assert refused.value.message("en").startswith("Wrong user name or password.")
    last = _audit(demo_store)[-1]
    assert last.action == "sign-in-failed"
    assert last.details["reason"] in ("wrong-password", "unknown-user")


def test_repeated_failures_lock_the_account_even_for_the_right_password(
    demo_store: Store,
) -> None:
    make_users(demo_store)
    policy = accounts.SignInPolicy(max_failed=3, lockout=dt.timedelta(minutes=15))
    for attempt in range(2):
        with pytest.raises(SignInError, match=r"Wrong user name|Forkert"):
            accounts.sign_in(demo_store, "viewer1", f"wrong {attempt}", policy=policy, now=_now())
    with pytest.raises(SignInError) as third:
        accounts.sign_in(demo_store, "viewer1", "wrong again", policy=policy, now=_now())
    assert "15" in third.value.message("en") and "locked" in third.value.message("en")
    with pytest.raises(SignInError, match="locked"):
        accounts.sign_in(
            demo_store, "viewer1", PASSWORD, policy=policy, now=_now() + dt.timedelta(minutes=14)
        )
    actor = accounts.sign_in(
        demo_store, "viewer1", PASSWORD, policy=policy, now=_now() + dt.timedelta(minutes=16)
    )
    assert actor.name == "viewer1"
    reasons = [e.details.get("reason") for e in _audit(demo_store) if e.subject == "viewer1"]
    assert reasons[-5:] == [
        "wrong-password",
        "wrong-password",
        "wrong-password-locked",
        "locked",
        None,
    ]


def test_a_success_resets_the_count_of_failures(demo_store: Store) -> None:
    make_users(demo_store)
    policy = accounts.SignInPolicy(max_failed=2)
    with pytest.raises(SignInError):
        accounts.sign_in(demo_store, "viewer1", "wrong", policy=policy, now=_now())
    accounts.sign_in(demo_store, "viewer1", PASSWORD, policy=policy, now=_now())
    with pytest.raises(SignInError, match=r"Wrong user name|Forkert"):
        # not locked yet
        accounts.sign_in(demo_store, "viewer1", "wrong", policy=policy, now=_now())


def test_a_disabled_user_cannot_sign_in_or_act_on_the_command_line(demo_store: Store) -> None:
    actors = make_users(demo_store)
    accounts.set_disabled(demo_store, actors[Role.ADMIN], "approver1", True)
    with pytest.raises(SignInError, match="disabled"):
        accounts.sign_in(demo_store, "approver1", PASSWORD, now=_now())
    with pytest.raises(PermissionDeniedError):
        accounts.actor_for(demo_store, "approver1")
    accounts.set_disabled(demo_store, actors[Role.ADMIN], "approver1", False)
    assert accounts.sign_in(demo_store, "approver1", PASSWORD, now=_now()).name == "approver1"


def test_disabling_and_enabling_a_user_is_logged_as_exactly_that(demo_store: Store) -> None:
    actors = make_users(demo_store)
    accounts.set_disabled(demo_store, actors[Role.ADMIN], "approver1", True, origin="web 10.0.0.9")
    disabled = _audit(demo_store)[-1]
    assert (disabled.action, disabled.actor, disabled.subject, disabled.origin) == (
        audit.AuditAction.USER_DISABLED,
        "admin1",
        "approver1",
        "web 10.0.0.9",
    )
    assert disabled.action == "user-disabled"
    count = len(_audit(demo_store))
    accounts.set_disabled(demo_store, actors[Role.ADMIN], "approver1", True)
    assert len(_audit(demo_store)) == count, "disabling a disabled user changes nothing"
    accounts.set_disabled(demo_store, actors[Role.ADMIN], "approver1", False)
    enabled = _audit(demo_store)[-1]
    assert (enabled.action, enabled.actor, enabled.subject) == (
        "user-enabled",
        "admin1",
        "approver1",
    )
    # Neither is a sign-in or sign-out of the admin or of the user.
    assert [e.action for e in _audit(demo_store) if e.subject == "approver1"][-2:] == [
        "user-disabled",
        "user-enabled",
    ]
    assert not [e for e in _audit(demo_store)[count - 1 :] if e.action.startswith("sign")]


def test_the_last_admin_cannot_be_disabled_or_lose_the_role(demo_store: Store) -> None:
    actors = make_users(demo_store)
    admin = actors[Role.ADMIN]
    with pytest.raises(UsageError):
        accounts.change_role(demo_store, admin, "admin1", Role.ADMIN, False)
    accounts.add_user(demo_store, admin, "admin2", [Role.ADMIN], password=PASSWORD)
    with pytest.raises(UsageError, match=r"yourself|dig selv"):
        accounts.set_disabled(demo_store, admin, "admin1", True)
    accounts.set_disabled(demo_store, accounts.actor_for(demo_store, "admin2"), "admin1", True)


def test_roles_can_be_granted_and_revoked_and_each_change_is_audited(demo_store: Store) -> None:
    actors = make_users(demo_store)
    admin = actors[Role.ADMIN]
    assert accounts.change_role(demo_store, admin, "viewer1", "auditor", True)
    assert not accounts.change_role(demo_store, admin, "viewer1", "auditor", True)
    assert accounts.actor_for(demo_store, "viewer1").roles == {Role.VIEWER, Role.AUDITOR}
    assert accounts.change_role(demo_store, admin, "viewer1", Role.VIEWER, False)
    assert accounts.actor_for(demo_store, "viewer1").roles == {Role.AUDITOR}
    changes = [(e.action, e.details) for e in _audit(demo_store) if e.subject == "viewer1"]
    assert changes[-2:] == [
        ("role-granted", {"role": "auditor"}),
        ("role-revoked", {"role": "viewer"}),
    ]
    with pytest.raises(PermissionDeniedError):
        accounts.change_role(demo_store, actors[Role.AUDITOR], "viewer1", "admin", True)
    with pytest.raises(NotFoundError):
        accounts.change_role(demo_store, admin, "ghost", "viewer", True)


def test_passwords_are_checked_for_length_and_the_name(demo_store: Store) -> None:
    actors = make_users(demo_store)
    with pytest.raises(UsageError, match="12"):
        accounts.add_user(demo_store, actors[Role.ADMIN], "shorty", ["viewer"], password="short")  # noqa: S106
    with pytest.raises(UsageError):
        accounts.add_user(
            demo_store,
            actors[Role.ADMIN],
            "karen",
            ["viewer"],
            password="karen-is-my-password",  # noqa: S106
        )


def test_a_user_may_set_their_own_password_but_not_anyone_elses(demo_store: Store) -> None:
    actors = make_users(demo_store)
    accounts.set_password(demo_store, actors[Role.VIEWER], "viewer1", "a brand new passphrase")
    assert accounts.sign_in(demo_store, "viewer1", "a brand new passphrase", now=_now())
    with pytest.raises(PermissionDeniedError):
        accounts.set_password(
            demo_store, actors[Role.VIEWER], "uploader1", "a brand new passphrase"
        )
    accounts.set_password(demo_store, actors[Role.ADMIN], "uploader1", "admin chose this one")
    assert accounts.sign_in(demo_store, "uploader1", "admin chose this one", now=_now())


def test_passwords_are_never_stored_or_logged_in_clear(
    demo_store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    actors = make_users(demo_store)
    accounts.add_user(demo_store, actors[Role.ADMIN], "secretive", ["viewer"], password=SECRET)
    accounts.sign_in(demo_store, "secretive", SECRET, now=_now())
    for wrong in (SECRET + "x", SECRET.upper()):
        with pytest.raises(SignInError) as refused:
            accounts.sign_in(demo_store, "secretive", wrong, now=_now())
        assert SECRET.lower() not in str(refused.value).lower()
    accounts.set_password(demo_store, actors[Role.ADMIN], "secretive", SECRET + "-2")
    with demo_store.connect(read_only=True) as connection:
        stored = users.user(connection, "secretive")
        assert stored is not None
        assert stored["password_hash"].startswith("$argon2id$")
        tables = [r[0] for r in connection.execute("SHOW TABLES").fetchall()]
        for table in tables:
            text = str(connection.execute(f"SELECT * FROM {table}").fetchall())
            assert SECRET.lower() not in text.lower(), table
    with demo_store.connect() as connection:
        connection.execute("CHECKPOINT")
    files = [p for p in demo_store.path.parent.rglob("*") if p.is_file()]  # archive included
    assert any(".archive" in str(p) for p in files)
    for path in files:
        assert SECRET.encode() not in path.read_bytes(), path
    assert SECRET not in caplog.text


def test_single_sign_on_matches_the_planwatch_account_by_email_then_binds_the_subject(
    demo_store: Store,
) -> None:
    actors = make_users(demo_store)
    accounts.add_user(
        demo_store, actors[Role.ADMIN], "mette", ["viewer"], email="Mette@Ministry.example"
    )
    actor = accounts.sign_in_sso(
        demo_store, email="mette@ministry.example", subject="sub-123", email_verified=True
    )
    assert actor.name == "mette" and actor.roles == {Role.VIEWER}
    # the account is now bound to the subject: a changed e-mail still finds it
    assert accounts.sign_in_sso(
        demo_store, email="new@ministry.example", subject="sub-123"
    ).name == ("mette")
    with pytest.raises(SignInError, match=r"no access|ingen adgang"):
        accounts.sign_in_sso(demo_store, email="stranger@ministry.example", subject="sub-999")
    with pytest.raises(SignInError):  # a single sign-on user has no local password
        accounts.sign_in(demo_store, "mette", "", now=_now())
    accounts.set_disabled(demo_store, actors[Role.ADMIN], "mette", True)
    with pytest.raises(SignInError, match=r"disabled|deaktiveret"):
        accounts.sign_in_sso(demo_store, email="mette@ministry.example", subject="sub-123")


def test_demo_users_get_fresh_passwords_at_every_start(demo_store: Store) -> None:
    first = accounts.demo_users(demo_store)
    assert set(first) == {f"demo-{role.value}" for role in Role}
    assert len(set(first.values())) == len(first)
    for name, password in first.items():
        actor = accounts.sign_in(demo_store, name, password, now=_now())
        assert actor.roles == {Role(name.removeprefix("demo-"))}
    second = accounts.demo_users(demo_store)
    with pytest.raises(SignInError):
        accounts.sign_in(demo_store, "demo-viewer", first["demo-viewer"], now=_now())
    assert accounts.sign_in(demo_store, "demo-viewer", second["demo-viewer"], now=_now())


def test_nothing_ships_with_a_default_password(demo_store: Store) -> None:
    with demo_store.connect(read_only=True) as connection:
        assert users.users(connection) == []

"""Identity and sign-in against a determined user (issue 16): a password policy that refuses
common passwords, refusals that never tell whether an account exists, names checked where they
enter, and single sign-on bound to one verified subject."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from planwatch.access import accounts, audit, passwords
from planwatch.domain.permissions import Actor, Role
from planwatch.errors import PermissionDeniedError, SignInError, UsageError
from planwatch.storage import Store, users
from tests import clock
from tests.actors import PASSWORD, make_users

ISSUER = "https://login.ministry.example"


def _now() -> dt.datetime:
    return clock.later(days=1, at=dt.time(9, 0))


def _audit(store: Store) -> list[audit.AuditEntry]:
    return audit.entries(store, Actor("test-auditor", frozenset({Role.AUDITOR})))


# --- the password policy ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "weak",
    [
        "password123456",  # in the list of breached passwords, with digits added
        "qwertyuiop123",
        "Sommer2024!!",  # a Danish season and a year
        "sommer2024sommer2024",
        "Velkommen2025!",
        "zzzzzzzzzzzzzzzz",  # one character repeated
        "!!!!!!!!!!!!",
        "qwertyqwertyqwerty",  # a common word repeated
        "1234567890123",
    ],
)
def test_common_or_repeated_passwords_are_refused_in_danish_and_english(
    demo_store: Store, weak: str
) -> None:
    admin = make_users(demo_store)[Role.ADMIN]
    with pytest.raises(UsageError) as refused:
        accounts.add_user(demo_store, admin, "weakling", ["viewer"], password=weak)
    assert "almindelig" in refused.value.message("da") or "gentaget" in refused.value.message("da")
    assert "common" in refused.value.message("en") or "repeated" in refused.value.message("en")
    with pytest.raises(UsageError):
        accounts.set_password(demo_store, admin, "viewer1", weak)
    assert accounts.sign_in(demo_store, "viewer1", PASSWORD, now=_now()).name == "viewer1"


@pytest.mark.parametrize(
    "strong", ["correct horse battery staple", "Zebra-Quartz-7491-unique", "mit hus er blåt 77"]
)
def test_long_uncommon_passwords_are_accepted(demo_store: Store, strong: str) -> None:
    admin = make_users(demo_store)[Role.ADMIN]
    accounts.add_user(demo_store, admin, "strongly", ["viewer"], password=strong)
    assert accounts.sign_in(demo_store, "strongly", strong, now=_now()).name == "strongly"


def test_the_minimum_length_stays() -> None:
    with pytest.raises(UsageError, match="12"):
        passwords.check_password("Xq7#vL2!pR9", "anne")  # 11 characters, not common
    passwords.check_password("Xq7#vL2!pR9w", "anne")


def test_the_bundled_lists_are_large_and_hold_danish_words() -> None:
    common = passwords.common_passwords()
    assert len(common) > 10_000
    assert {"password", "qwerty", "sommer", "kodeord", "velkommen"} <= common


# --- refusals never tell whether an account exists ------------------------------------------


def _refusal(store: Store, name: str, password: str, **kwargs: Any) -> SignInError:
    with pytest.raises(SignInError) as refused:
        accounts.sign_in(store, name, password, **kwargs)
    return refused.value


def test_unknown_wrong_locked_and_disabled_get_the_same_words_and_the_same_work(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    actors = make_users(demo_store)
    policy = accounts.SignInPolicy(max_failed=2)
    for attempt in range(2):  # uploader1 is now locked
        _refusal(demo_store, "uploader1", f"wrong {attempt}", policy=policy, now=_now())
    accounts.set_disabled(demo_store, actors[Role.ADMIN], "approver1", True)
    verified: list[str] = []
    real_verify = accounts._verify

    def counting(stored: str, password: str) -> bool:
        verified.append(stored[:9])
        return real_verify(stored, password)

    monkeypatch.setattr(accounts, "_verify", counting)
    refusals = {
        "unknown": _refusal(demo_store, "nobody-at-all", PASSWORD, policy=policy, now=_now()),
        "wrong": _refusal(demo_store, "viewer1", "not the password", policy=policy, now=_now()),
        "locked": _refusal(demo_store, "uploader1", PASSWORD, policy=policy, now=_now()),
        "disabled": _refusal(demo_store, "approver1", PASSWORD, policy=policy, now=_now()),
    }
    assert len({(r.message("da"), r.message("en")) for r in refusals.values()}) == 1, {
        case: r.message("en") for case, r in refusals.items()
    }
    assert verified == ["$argon2id"] * 4  # one Argon2id check each: the same time
    reasons = [e.details["reason"] for e in _audit(demo_store) if e.action == "sign-in-failed"]
    assert reasons[-4:] == ["unknown-user", "wrong-password", "locked", "disabled"]


def test_the_one_refusal_tells_the_user_what_to_do_in_both_languages(demo_store: Store) -> None:
    make_users(demo_store)
    refused = _refusal(demo_store, "viewer1", "not the password", now=_now())
    assert "spærret" in refused.message("da") and "administrator" in refused.message("da")
    assert "locked" in refused.message("en") and "administrator" in refused.message("en")


# --- names are checked where they enter -------------------------------------------------------


FORGED = "eve\n2026-01-01 sign-in admin1"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", FORGED),
        ("name", "x" * 101),
        ("display_name", "Eve\nAdmin"),
        ("display_name", "Eve\u202eevE"),  # a right-to-left override
        ("display_name", "E" * 201),
        ("email", "eve@example.org\r\nBcc: x"),
        ("email", "not an e-mail"),
        ("email", "e" * 250 + "@x.dk"),
        ("oidc_subject", "sub\n1"),
    ],
)
def test_users_add_refuses_control_characters_and_overlong_values(
    demo_store: Store, field: str, value: str
) -> None:
    admin = make_users(demo_store)[Role.ADMIN]
    arguments: dict[str, Any] = {"email": "eve@example.org"} | {field: value}
    name = arguments.pop("name", "eve")
    with pytest.raises(UsageError) as refused:
        accounts.add_user(demo_store, admin, name, ["viewer"], **arguments)
    for language in ("da", "en"):
        assert "\n" not in refused.value.message(language)
        assert "\r" not in refused.value.message(language)
        assert len(refused.value.message(language)) < 300
    with demo_store.connect(read_only=True) as connection:
        assert "eve" not in {row["name"] for row in users.users(connection)}


def test_the_command_lines_user_name_is_checked_before_it_reaches_the_log(
    demo_store: Store,
) -> None:
    make_users(demo_store)
    before = len(_audit(demo_store))
    with pytest.raises(UsageError) as refused:
        accounts.actor_for(demo_store, FORGED)
    assert "\n" not in refused.value.message("en")
    assert len(_audit(demo_store)) == before


def test_a_sign_in_name_with_a_newline_is_refused_and_logged_escaped(demo_store: Store) -> None:
    make_users(demo_store)
    _refusal(demo_store, FORGED, PASSWORD, now=_now())
    last = _audit(demo_store)[-1]
    assert last.action == "sign-in-failed"
    assert "\n" not in last.actor and "\n" not in (last.subject or "")
    assert last.details["reason"] == "invalid-name"


# --- single sign-on: one verified subject per account ----------------------------------------


def _mette(store: Store, **kwargs: Any) -> None:
    admin = make_users(store)[Role.ADMIN]
    accounts.add_user(store, admin, "mette", ["viewer"], email="mette@ministry.example", **kwargs)


def _sso(store: Store, **claims: Any) -> Actor:
    values: dict[str, Any] = {
        "email": "mette@ministry.example",
        "subject": "sub-mette",
        "issuer": ISSUER,
        "email_verified": True,
    } | claims
    return accounts.sign_in_sso(store, **values)


def test_the_first_verified_sign_in_binds_the_account_to_issuer_and_subject(
    demo_store: Store,
) -> None:
    _mette(demo_store)
    assert _sso(demo_store).name == "mette"
    with demo_store.connect(read_only=True) as connection:
        row = users.user(connection, "mette")
    assert row is not None and (row["oidc_issuer"], row["oidc_subject"]) == (ISSUER, "sub-mette")
    last = _audit(demo_store)[-1]
    assert last.action == "sign-in" and last.details["bound"] is True
    # bound: a changed e-mail at the provider still finds the account, verified or not
    assert _sso(demo_store, email="new@ministry.example", email_verified=False).name == "mette"


def test_a_second_subject_with_the_same_email_is_refused_and_logged(demo_store: Store) -> None:
    _mette(demo_store)
    _sso(demo_store)
    with pytest.raises(SignInError) as refused:
        _sso(demo_store, subject="sub-impostor")
    assert "anden identitet" in refused.value.message("da")
    assert "another identity" in refused.value.message("en")
    with pytest.raises(SignInError):  # the same subject at another provider is another person
        _sso(demo_store, issuer="https://evil.example")
    failed = [e for e in _audit(demo_store) if e.action == "sign-in-failed"][-2:]
    assert [(e.details["reason"], e.details["subject"]) for e in failed] == [
        ("bound-to-another-subject", "sub-impostor"),
        ("bound-to-another-subject", "sub-mette"),
    ]
    with demo_store.connect(read_only=True) as connection:
        row = users.user(connection, "mette")
    assert row is not None and row["oidc_subject"] == "sub-mette"


def test_an_admin_unbinds_an_account_and_the_next_verified_sign_in_binds_it_again(
    demo_store: Store,
) -> None:
    _mette(demo_store)
    _sso(demo_store)
    admin = accounts.actor_for(demo_store, "admin1")
    with pytest.raises(PermissionDeniedError):
        accounts.unbind_sso(demo_store, accounts.actor_for(demo_store, "viewer1"), "mette")
    assert accounts.unbind_sso(demo_store, admin, "mette") is True
    assert accounts.unbind_sso(demo_store, admin, "mette") is False
    unbound = [e for e in _audit(demo_store) if e.action == "sso-unbound"]
    assert [(e.subject, e.details["subject"]) for e in unbound] == [("mette", "sub-mette")]
    assert _sso(demo_store, subject="sub-mette-new").name == "mette"
    with demo_store.connect(read_only=True) as connection:
        row = users.user(connection, "mette")
    assert row is not None and row["oidc_subject"] == "sub-mette-new"


@pytest.mark.parametrize("verified", [False, None, "false", "no"])
def test_an_unverified_email_is_refused_and_binds_nothing(
    demo_store: Store, verified: object
) -> None:
    _mette(demo_store)
    with pytest.raises(SignInError) as refused:
        _sso(demo_store, email_verified=verified)
    assert "bekræftet" in refused.value.message("da")
    assert "verified" in refused.value.message("en")
    last = _audit(demo_store)[-1]
    assert (last.action, last.details["reason"]) == ("sign-in-failed", "email-unverified")
    with demo_store.connect(read_only=True) as connection:
        row = users.user(connection, "mette")
    assert row is not None and row["oidc_subject"] is None
    assert _sso(demo_store, email_verified="true").name == "mette"  # as some providers send it


def test_an_account_an_admin_bound_to_a_subject_needs_no_email(demo_store: Store) -> None:
    admin = make_users(demo_store)[Role.ADMIN]
    accounts.add_user(demo_store, admin, "ole", ["viewer"], oidc_subject="sub-ole")
    assert _sso(demo_store, email=None, subject="sub-ole", email_verified=None).name == "ole"
    with demo_store.connect(read_only=True) as connection:
        row = users.user(connection, "ole")
    assert row is not None and row["oidc_issuer"] == ISSUER  # bound to the first issuer
    with pytest.raises(SignInError):
        _sso(demo_store, email=None, subject="sub-ole", issuer="https://evil.example")


@pytest.mark.parametrize(
    "claims",
    [
        {"email": "mette@ministry.example\nforged line"},
        {"subject": "sub\x1b[31m"},
        {"subject": "s" * 300},
        {"subject": None},
    ],
)
def test_claims_with_control_characters_or_too_long_are_refused_and_logged_escaped(
    demo_store: Store, claims: dict[str, Any]
) -> None:
    _mette(demo_store)
    with pytest.raises(SignInError) as refused:
        _sso(demo_store, **claims)
    assert "\n" not in refused.value.message("da") and "\x1b" not in refused.value.message("en")
    last = _audit(demo_store)[-1]
    assert (last.action, last.details["reason"]) == ("sign-in-failed", "invalid-claims")
    assert "\n" not in last.actor and "\x1b" not in str(last.details)
    with pytest.raises(PermissionDeniedError):
        accounts.actor_for(demo_store, "nobody-here")

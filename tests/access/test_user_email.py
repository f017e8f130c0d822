"""Issue 18: a name typed where an e-mail address belongs is refused by the service that adds a
user (not only by the form), in Danish and English, and nothing is written."""

from __future__ import annotations

import pytest

from planwatch.access import accounts, audit
from planwatch.domain.permissions import Role
from planwatch.errors import UsageError
from planwatch.storage import Store


@pytest.mark.parametrize("email", ["Karen Jensen", "karen", "karen@", "@cmm.example", "a b@c.dk"])
def test_adding_a_user_refuses_what_is_not_an_email_address(users_store: Store, email: str) -> None:
    admin = accounts.actor_for(users_store, "admin1", origin="test")
    auditor = accounts.actor_for(users_store, "auditor1", origin="test")
    before = audit.entries(users_store, auditor, action="user-added")
    with pytest.raises(UsageError) as refused:
        accounts.add_user(
            users_store,
            admin,
            "karen",
            [Role.VIEWER],
            password="et-langt-kodeord-til-test",  # noqa: S106 - a password for tests only
            email=email,
        )
    assert refused.value.message("da").startswith(f"Ugyldig e-mail '{email}'")
    assert "navn@domæne" in refused.value.message("da")
    assert refused.value.message("en").startswith(f"Invalid e-mail '{email}'")
    assert "name@domain" in refused.value.message("en")
    assert "karen" not in {u.name for u in accounts.list_users(users_store, admin)}
    assert audit.entries(users_store, auditor, action="user-added") == before


def test_a_real_address_is_accepted_and_kept_in_lower_case(users_store: Store) -> None:
    admin = accounts.actor_for(users_store, "admin1", origin="test")
    added = accounts.add_user(
        users_store, admin, "karen", [Role.VIEWER], email=" Karen.Jensen@CMM.example "
    )
    assert added.email == "karen.jensen@cmm.example"

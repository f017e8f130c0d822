"""Test helpers for roles and approval: users in the database, a signed-in app session, and
submissions approved or returned as an approver would (a row in ``reviews``).

Reviews are written straight into the table, with bound parameters, so that the tests of what
readers see do not depend on the approval workflow's own rules (four eyes, audit log).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from streamlit.testing.v1 import AppTest

from planwatch.domain.permissions import Actor, Role
from planwatch.storage import Store
from planwatch.ui import state

APPROVER = "approver@test"
CREATED = dt.datetime(2020, 1, 1)


def review(
    store: Store,
    change_set_id: int,
    decision: Literal["approved", "returned"] = "approved",
    *,
    by: str = APPROVER,
    at: dt.datetime | None = None,
    comment: str | None = None,
) -> None:
    """Approve (or return) a submission. By default it is reviewed at the moment it was
    recorded, so that "as of" any moment reads as it would have without approval."""
    with store.transaction() as connection:
        connection.execute(
            """
            INSERT INTO reviews (change_set_id, decision, reviewed_at, reviewed_by, comment)
            SELECT change_set_id, $decision, coalesce($at, recorded_at), $by, $comment
            FROM change_sets WHERE change_set_id = $id
            """,
            {
                "id": change_set_id,
                "decision": decision,
                "at": at,
                "by": by,
                "comment": comment or ("returned in a test" if decision == "returned" else None),
            },
        )


def approve(
    store: Store, change_set_id: int, *, by: str = APPROVER, at: dt.datetime | None = None
) -> None:
    review(store, change_set_id, "approved", by=by, at=at)


def submissions(store: Store) -> list[int]:
    """Every change set awaiting review (uploads and corrections without a review)."""
    with store.connect(read_only=True) as connection:
        rows = connection.execute(
            """
            SELECT change_set_id FROM change_sets c
            WHERE kind IN ('upload', 'correction')
              AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.change_set_id = c.change_set_id)
            ORDER BY change_set_id
            """
        ).fetchall()
    return [int(row[0]) for row in rows]


def approve_all(store: Store) -> list[int]:
    """Approve every submission awaiting review; returns their change set ids."""
    pending = submissions(store)
    for change_set_id in pending:
        approve(store, change_set_id)
    return pending


def add_user(store: Store, name: str, roles: Iterable[Role]) -> Actor:
    """A user with roles (added if missing), as an administrator would have added them (no
    password: the tests put the signed-in user straight into the session)."""
    granted = sorted(set(roles))
    with store.transaction() as connection:
        connection.execute(
            "INSERT OR IGNORE INTO users (name, display_name, created_at, created_by) "
            "VALUES (?, ?, ?, ?)",
            [name, name, CREATED, "test"],
        )
        for role in granted:
            connection.execute(
                "INSERT OR IGNORE INTO user_roles (name, role, granted_at, granted_by) "
                "VALUES (?, ?, ?, ?)",
                [name, role.value, CREATED, "test"],
            )
    return Actor(name=name, roles=frozenset(granted))


def sign_in(app: AppTest, actor: Actor) -> None:
    """Start the app session as ``actor`` (who must exist in the database)."""
    app.session_state[state.ACTOR_KEY] = actor

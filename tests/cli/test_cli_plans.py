"""``planwatch plans list`` and ``plans show`` (issue 19): every plan, and one plan's money,
initiatives and targets as the dashboard reads them, marked illustrative where the money is
the demo's, for the user's view and ``--as-of`` any moment of a running year."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner, Result

from planwatch.access import accounts, approvals
from planwatch.cli import main
from planwatch.cli.common import to_jsonable
from planwatch.domain.permissions import View
from planwatch.figures import dashboard, reporting
from planwatch.storage import Store
from planwatch.uploads import ingest
from tests import clock

PLAN = "2022-2025"


def _run(store: Store, *args: str, user: str = "viewer1", lang: str = "da") -> Result:
    return CliRunner().invoke(
        main,
        ["--lang", lang, *args, "--user", user, "--db", str(store.path)],
        catch_exceptions=False,
    )


def test_list_names_every_plan_with_its_total_in_the_users_language(users_store: Store) -> None:
    stored = sorted(reporting.plans(users_store), key=lambda p: p.start_date)
    listed = json.loads(_run(users_store, "--json", "plans", "list").output)
    assert [line["plan"]["plan_id"] for line in listed] == [p.plan_id for p in stored]
    assert listed[-1]["plan"]["total_dkk"] == 118_200_000
    danish = _run(users_store, "plans", "list")
    assert danish.exit_code == 0
    assert "118,2 mio. kr." in danish.output and "afsluttet" in danish.output
    english = _run(users_store, "plans", "list", lang="en")
    assert "DKK 118.2m" in english.output and "ended" in english.output
    assert "mio. kr." not in english.output


def test_show_reports_the_dashboards_money_and_marks_every_demo_amount(
    users_store: Store,
) -> None:
    result = _run(users_store, "--json", "plans", "show", PLAN)
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    progress = dashboard.plan_progress(users_store, PLAN)
    budget = dashboard.budget_view(users_store, PLAN)
    assert shown["money"] == to_jsonable(progress.money)
    assert shown["initiatives"] == to_jsonable(budget.initiatives)
    assert shown["money"]["allocated_illustrative"] is True  # the demo's money is made up
    text = _run(users_store, "plans", "show", PLAN).output
    money_lines = [line for line in text.splitlines() if "mio. kr." in line]
    unmarked = [
        line
        for line in money_lines
        if "ILLUSTRATIVT" not in line and not line.strip().startswith("Samlet ramme")
    ]
    assert money_lines and not unmarked, f"demo money shown as official: {unmarked}"
    assert "Samlet ramme: 118,2 mio. kr." in text  # the published total is not illustrative


def test_an_unknown_plan_is_a_clear_error_in_the_users_language(users_store: Store) -> None:
    danish = _run(users_store, "plans", "show", "2030-2033")
    assert danish.exit_code == 2 and "Planen '2030-2033' findes ikke." in danish.output
    english = _run(users_store, "plans", "show", "2030-2033", lang="en")
    assert "The plan '2030-2033' does not exist." in english.output
    assert "Traceback" not in danish.output + english.output


def test_reading_plans_needs_a_planwatch_user(users_store: Store) -> None:
    result = CliRunner().invoke(
        main, ["plans", "list", "--user", "nobody", "--db", str(users_store.path)]
    )
    assert result.exit_code == 5


def _spending_file(amount: int) -> bytes:
    return f"indsats;år;kvartal;beløb_kr;bemærkning\r\ncmm-styrket;2025;4;{amount};\r\n".encode(
        "cp1252"
    )


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_spending_upload_shows_after_approval_and_as_of_between(
    users_store: Store, language: str
) -> None:
    """The ministry's finance staff send Q4 2025 spending; until it is approved a viewer sees
    the old money and an approver who asks for submitted figures sees the new; as of a moment
    before the upload, the old money even after approval."""
    start = clock.latest_moment(users_store.path)
    sent = start + dt.timedelta(days=1)
    uploader = accounts.actor_for(users_store, "uploader1", origin="test")
    report = ingest.import_file(
        users_store,
        _spending_file(3_111_000),
        "forbrug-2025-4.csv",
        "spending",
        actor=uploader,
        now=sent,
        reason="Endeligt regnskab",
        accept_warnings=True,
    )
    assert report.status == "stored", [p.message_en for p in report.problems]
    assert report.change_set_id is not None

    def spent_2025(user: str, *extra: str) -> int:
        shown = json.loads(
            _run(users_store, "--json", "plans", "show", PLAN, *extra, user=user).output
        )
        (row,) = [
            i for i in shown["initiatives"] if i["code"] == "cmm-styrket" and i["year"] == 2025
        ]
        return int(row["spent"])

    before = spent_2025("viewer1")
    submitted = spent_2025("approver1", "--include-submitted")
    assert submitted != before
    assert spent_2025("viewer1", "--include-submitted") == before, "a viewer never sees it"
    approvals.approve(
        users_store,
        accounts.actor_for(users_store, "approver1", origin="test"),
        report.change_set_id,
        now=sent + dt.timedelta(hours=1),
    )
    assert spent_2025("viewer1") == submitted
    moment = (sent - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    assert spent_2025("auditor1", "--as-of", moment) == before
    api = dashboard.budget_view(
        users_store, PLAN, view=View(include_submitted=False, exact_small_counts=False)
    )
    assert submitted == sum(
        int(i.spent or 0) for i in api.initiatives if i.code == "cmm-styrket" and i.year == 2025
    )
    text = _run(users_store, "plans", "show", PLAN, lang=language).output
    assert ("Indsatser" if language == "da" else "Initiatives") in text

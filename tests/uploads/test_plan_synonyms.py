"""A plan's own result indicators get synonyms through the plan workbook (sheet
Resultatindikatorer, columns andre_ord_da / andre_ord_en): the words by which the claim check
is to know them. A revision that changes the lists is a new version the approver sees; the check
as of before it does not know the new word. CMM's core indicators' words are not changed through
a plan. Everything is sealed and rebuilt from the archive."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import zipfile
from pathlib import Path

import pytest

from planwatch.access import approvals, audit
from planwatch.claims import checking
from planwatch.domain.permissions import Actor, Role
from planwatch.domain.plan_revision import Change
from planwatch.domain.plan_workbook import PlanSheetKey
from planwatch.exports import auditors
from planwatch.figures import reporting
from planwatch.operations import rebuild
from planwatch.storage import Store, uploads_archive
from planwatch.uploads import plan_import, reference
from tests import clock
from tests.actors import make_users
from tests.operations.compare_tables import differences
from tests.uploads.test_plan_results import CONTACTS, _with_results, results_and_figures
from tests.uploads.test_plan_revision import _exported, _row_of
from tests.uploads.test_plan_workbook import NEW_PLAN, as_bytes, set_cells

FIRST = "kontakter på gaden; gadekontakter"
SECOND = "gadekontakter ;; opsøgende samtaler ; gadekontakter"
SECOND_STORED = ("gadekontakter", "opsøgende samtaler")


@functools.cache
def _start() -> dt.datetime:
    return clock.from_now(days=1, at=dt.time(8, 0))


def _at(hours: float) -> dt.datetime:
    return _start() + dt.timedelta(hours=hours)


def _revise(
    store: Store, people: dict[Role, Actor], words: str, hours: float
) -> tuple[Change, ...]:
    """The stored plan exported, its result indicator's Danish words set to ``words``, sent at
    ``hours`` and approved an hour later. Returns what the approver was shown."""
    uploader = people[Role.UPLOADER]
    workbook = _exported(store, uploader, NEW_PLAN)
    row = _row_of(workbook, PlanSheetKey.RESULTS, indicator=CONTACTS)
    set_cells(workbook, PlanSheetKey.RESULTS, row, {"synonyms_da": words})
    sent = plan_import.import_plan(
        store, as_bytes(workbook), "r.xlsx", actor=uploader, reason="Andre ord", now=_at(hours)
    )
    assert sent.status == "stored" and sent.change_set_id is not None, sent.problems
    seen = approvals.submitted_plan(store, people[Role.AUDITOR], sent.change_set_id)
    assert seen is not None
    approvals.approve(store, people[Role.APPROVER], sent.change_set_id, now=_at(hours + 1))
    return seen.changes


@pytest.fixture
def running(tmp_path: Path) -> tuple[Store, dict[Role, Actor]]:
    """The plan with its new result indicator (no synonyms) sent (hour 1) and approved (2),
    CMM's figures of two quarters (3, 4); a revision giving it Danish words (5, 6); another
    changing them (7, 8)."""
    store = Store(tmp_path / "original.duckdb")
    reference.load(store, demo=True, now=_at(0), origin="cli operator@host")
    people = make_users(store)
    results_and_figures(store, people, _at)
    assert _revise(store, people, FIRST, 5) == (
        Change("indicator", CONTACTS, "synonyms_da", "", "kontakter på gaden; gadekontakter"),
    )
    assert _revise(store, people, SECOND, 7) == (
        Change("indicator", CONTACTS, "synonyms_da", FIRST, "gadekontakter; opsøgende samtaler"),
    )
    return store, people


def _matched(store: Store, words: str, as_of: dt.datetime) -> str | None:
    """The indicator the claim check matches the count in a sentence naming ``words`` to."""
    text = f"Der var 95 {words} i 1.–2. kvt. 2026."
    report = checking.check(store, text, language="da", as_of=as_of)
    counts = [c for c in report.claims if "95" in c.text]
    assert len(counts) == 1, report.claims
    return counts[0].indicator.code if counts[0].indicator else None


def test_each_moment_has_its_words_and_the_claim_check_reads_them(
    running: tuple[Store, dict[Role, Actor]],
) -> None:
    store, _ = running
    assert reporting.indicator(store, CONTACTS, _at(4.5)).synonyms_da == ()
    assert reporting.indicator(store, CONTACTS, _at(6.5)).synonyms_da == (
        "kontakter på gaden",
        "gadekontakter",
    )
    assert reporting.indicator(store, CONTACTS).synonyms_da == SECOND_STORED
    assert reporting.indicator(store, CONTACTS).synonyms_en == ()
    assert _matched(store, "kontakter på gaden", _at(4.5)) is None
    assert _matched(store, "kontakter på gaden", _at(6.5)) == CONTACTS
    assert _matched(store, "kontakter på gaden", _at(9)) is None  # dropped by the second
    assert _matched(store, "opsøgende samtaler", _at(9)) == CONTACTS


def test_the_words_are_sealed_and_rebuilt(
    running: tuple[Store, dict[Role, Actor]], tmp_path: Path
) -> None:
    store, people = running
    assert audit.verify(store, people[Role.AUDITOR]).ok
    report = rebuild.rebuild(tmp_path / "rebuilt.duckdb", uploads_archive.archive_dir(store.path))
    assert differences(store.path, report.database, report.accounts_entry) == []


def test_a_new_indicator_defined_with_words_has_them_from_its_approval(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "p.duckdb")
    reference.load(store, demo=True, now=_at(0), origin="cli operator@host")
    people = make_users(store)
    workbook = _with_results(store, people[Role.UPLOADER])
    set_cells(
        workbook,
        PlanSheetKey.RESULTS,
        3,
        {"synonyms_da": "kontakter på gaden", "synonyms_en": "street contacts; outreach"},
    )
    sent = plan_import.import_plan(
        store, as_bytes(workbook), "p.xlsx", actor=people[Role.UPLOADER], reason="Ny", now=_at(1)
    )
    assert sent.status == "stored" and sent.change_set_id is not None, sent.problems
    approvals.approve(store, people[Role.APPROVER], sent.change_set_id, now=_at(2))
    made = reporting.indicator(store, CONTACTS)
    assert made.synonyms_da == ("kontakter på gaden",)
    assert made.synonyms_en == ("street contacts", "outreach")
    assert CONTACTS not in {i.code for i in reporting.indicators(store, _at(1.5))}
    with store.connect(read_only=True) as connection:
        versions = connection.execute(
            "SELECT count(*) FROM definition_versions WHERE table_name = 'indicator_synonyms' "
            "AND row_key = ?",
            [CONTACTS],
        ).fetchall()[0][0]
    assert versions == 1  # written at the approval: as of before it there are none
    assert audit.verify(store, people[Role.AUDITOR]).ok


def test_a_core_indicators_words_are_not_changed_through_a_plan(
    running: tuple[Store, dict[Role, Actor]],
) -> None:
    store, people = running
    uploader = people[Role.UPLOADER]
    workbook = _exported(store, uploader, NEW_PLAN)
    row = _row_of(workbook, PlanSheetKey.RESULTS, indicator=CONTACTS)
    set_cells(
        workbook,
        PlanSheetKey.RESULTS,
        row + 1,
        {"initiative": "illu-stoette", "indicator": "hotline_calls", "synonyms_da": "opringninger"},
    )
    report = plan_import.import_plan(
        store, as_bytes(workbook), "p.xlsx", actor=uploader, reason="tjek", dry_run=True
    )
    assert report.status == "refused"
    assert {(p.code, p.row, p.column) for p in report.problems} == {
        ("result-indicator-differs", row + 1, "andre_ord_da")
    }
    same = _exported(store, uploader, NEW_PLAN)  # the bundled words written out agree
    words = "; ".join(reporting.indicator(store, "hotline_calls").synonyms_da)
    set_cells(
        same,
        PlanSheetKey.RESULTS,
        row + 1,
        {"initiative": "illu-stoette", "indicator": "hotline_calls", "synonyms_da": words},
    )
    agreed = plan_import.import_plan(
        store, as_bytes(same), "p.xlsx", actor=uploader, reason="tjek", dry_run=True
    )
    assert agreed.status != "refused", [p.message_en for p in agreed.problems]


def test_the_audit_pack_holds_the_words_of_its_moment(
    running: tuple[Store, dict[Role, Actor]], tmp_path: Path
) -> None:
    store, people = running

    def words(moment: dt.datetime) -> str:
        receipt = auditors.pack(store, people[Role.AUDITOR], tmp_path / "p.zip", as_of=moment)
        with zipfile.ZipFile(receipt.files[0].path) as archive:
            text = archive.read("tables/indicators.csv").decode("utf-8-sig")
        rows = {r["code"]: r for r in csv.DictReader(io.StringIO(text))}
        return rows[CONTACTS]["synonyms_da"]

    assert words(_at(4.5)) == ""
    assert words(_at(6.5)) == FIRST
    assert words(_at(9)) == "gadekontakter; opsøgende samtaler"

"""Uploads: every failure mode reported by code, row and column; all-or-nothing storing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.domain.periods import Period
from planwatch.domain.vocab import Breakdown
from planwatch.figures import reporting
from planwatch.storage import Store, repository
from planwatch.uploads import ingest
from tests import clock
from tests.actors import acting, approve
from tests.paths import TEST_DATA

TODAY = dt.date(2026, 11, 29)


def _now() -> dt.datetime:
    """A moment after the demo database was built (whenever the tests run)."""
    return clock.later(days=1)


def _import(store: Store, name: str, kind: str, **options: object) -> ingest.UploadReport:
    path = TEST_DATA / name
    defaults: dict[str, object] = {"actor": acting("cmm-test"), "today": TODAY, "now": _now()}
    report = ingest.import_file(store, path.read_bytes(), path.name, kind, **(defaults | options))  # type: ignore[arg-type]
    if report.status == "stored":  # the figures these tests read back are approved first
        approve(store, report.change_set_id, now=_now())
    return report


def _counts(store: Store) -> dict[str, int]:
    with store.connect(read_only=True) as connection:
        counts = repository.table_counts(connection)
        counts["uploads"] = connection.execute("SELECT count(*) FROM uploads").fetchall()[0][0]
    return counts


def _located(report: ingest.UploadReport) -> set[tuple[str, int | None, str | None]]:
    return {(p.code, p.row, p.column) for p in report.problems}


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("invalid/kpi-missing-column.csv", "kpi", {("missing-column", 1, None)}),
        ("invalid/kpi-unknown-column.csv", "kpi", {("unknown-column", 1, "kommentar")}),
        ("invalid/kpi-unknown-indicator.csv", "kpi", {("unknown-indicator", 2, "indikator")}),
        (
            "invalid/spending-unknown-initiative.csv",
            "spending",
            {("unknown-initiative", 2, "indsats")},
        ),
        ("invalid/kpi-quarter-out-of-range.csv", "kpi", {("quarter-out-of-range", 2, "kvartal")}),
        ("invalid/kpi-year-too-early.csv", "kpi", {("year-too-early", 2, "år")}),
        ("invalid/kpi-quarter-not-ended.csv", "kpi", {("quarter-not-ended", 2, "kvartal")}),
        ("invalid/spending-year-outside-plan.csv", "spending", {("year-outside-plan", 2, "år")}),
        ("invalid/kpi-negative-value.csv", "kpi", {("negative-value", 2, "værdi")}),
        ("invalid/kpi-persons-not-whole-number.csv", "kpi", {("not-a-whole-number", 2, "værdi")}),
        ("invalid/kpi-text-where-a-number-belongs.csv", "kpi", {("not-a-number", 2, "værdi")}),
        (
            "invalid/kpi-breakdown-outside-vocabulary.csv",
            "kpi",
            {("not-in-vocabulary", 2, "køn"), ("not-in-vocabulary", 3, "udnyttelsesform")},
        ),
        ("invalid/kpi-same-figure-twice.csv", "kpi", {("duplicate-row", 3, None)}),
        ("invalid/kpi-parts-exceed-total.csv", "kpi", {("parts-exceed-total", 2, "værdi")}),
        (
            "invalid/allocations-exceed-plan-total.csv",
            "allocations",
            {("allocations-exceed-plan", 2, "beløb_kr")},
        ),
        ("invalid/kpi-missing-value.csv", "kpi", {("missing-value", 2, "kvartal")}),
    ],
)
def test_each_failure_mode_is_reported_exactly_and_nothing_is_stored(
    demo_store: Store, name: str, kind: str, expected: set[tuple[str, int | None, str | None]]
) -> None:
    before = _counts(demo_store)
    report = _import(demo_store, name, kind)
    assert report.status == "refused"
    assert _located(report) == expected
    assert all(
        p.message_da and p.message_en and p.message_da != p.message_en for p in report.problems
    )
    assert _counts(demo_store) == before


@pytest.mark.parametrize(
    ("today", "ended"),
    [
        (dt.date(2026, 12, 30), False),
        (dt.date(2026, 12, 31), False),  # its last day: the quarter is still running
        (dt.date(2027, 1, 1), True),
    ],
)
def test_a_quarter_can_be_sent_the_day_after_its_last_day(
    demo_store: Store, today: dt.date, ended: bool
) -> None:
    data = (TEST_DATA / "invalid/kpi-quarter-not-ended.csv").read_bytes()  # 2026 Q4
    report = ingest.import_file(
        demo_store, data, "q4.csv", "kpi", actor=acting("cmm-test"), today=today, now=_now()
    )
    if ended:
        assert (report.status, report.problems, report.rows_new) == ("stored", [], 1)
    else:
        assert report.status == "refused"
        assert _located(report) == {("quarter-not-ended", 2, "kvartal")}


def test_the_offending_value_is_given_as_written(demo_store: Store) -> None:
    report = _import(demo_store, "invalid/kpi-text-where-a-number-belongs.csv", "kpi")
    assert [p.value for p in report.problems] == ["tolv"]
    assert "'tolv'" in report.problems[0].message_da


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        (
            "invalid/warning-spending-over-allocation.csv",
            "spending",
            {("over-allocation", 2, "beløb_kr")},
        ),
        ("invalid/warning-kpi-outlier.csv", "kpi", {("outlier", 2, "værdi")}),
        ("invalid/warning-kpi-gap-quarter.csv", "kpi", {("gap-quarter", 3, "kvartal")}),
    ],
)
def test_warnings_hold_the_upload_until_accepted_and_are_recorded(
    demo_store: Store, name: str, kind: str, expected: set[tuple[str, int | None, str | None]]
) -> None:
    before = _counts(demo_store)
    held = _import(demo_store, name, kind)
    assert held.status == "needs-acceptance"
    assert _located(held) == expected
    assert all(p.severity == "warning" for p in held.problems)
    assert _counts(demo_store) == before
    accepted = _import(demo_store, name, kind, accept_warnings=True)
    assert accepted.status == "stored"
    record = ingest.read_upload(demo_store, accepted.upload_id or 0)
    assert record is not None
    assert {(w["code"], w["row"]) for w in record["accepted_warnings"]} == {
        (c, r) for c, r, _ in expected
    }


def test_a_danish_excel_file_is_stored_with_a_receipt(demo_store: Store) -> None:
    path = TEST_DATA / "valid/kpi-danish-excel-cp1252.csv"
    report = _import(demo_store, "valid/kpi-danish-excel-cp1252.csv", "kpi")
    assert report.status == "stored", report.problems
    assert (report.encoding, report.delimiter) == ("cp1252", ";")
    assert (report.rows_read, report.rows_new, report.rows_corrected) == (6, 6, 0)
    record = ingest.read_upload(demo_store, report.upload_id or 0)
    assert record is not None
    assert record["content"] == path.read_bytes()
    assert record["sha256"] == report.sha256 and record["uploaded_by"] == "cmm-test"
    assert record["rows_new"] == 6
    women = reporting.figure(
        demo_store, "victims_assessed", Period(2025, 1), Breakdown(sex="female")
    )
    assert women is not None and women.preferred.value == 15
    assert women.preferred.source.source_id == "cmm-upload"
    note = reporting.figure(demo_store, "assessments", Period(2025, 2))
    assert note is not None and note.preferred.note == "Inkl. sager fra Århus"


def test_the_same_file_again_stores_nothing_and_says_so(demo_store: Store) -> None:
    first = _import(demo_store, "valid/kpi-utf8-bom-english-comma.csv", "kpi")
    assert first.status == "stored"
    before = _counts(demo_store)
    again = _import(demo_store, "valid/kpi-utf8-bom-english-comma.csv", "kpi")
    assert again.status == "nothing-new"
    assert again.rows_unchanged == 3
    assert again.earlier_uploads == [first.upload_id]
    assert "Intet nyt" in again.summary("da")
    assert _counts(demo_store) == before


def test_a_changed_value_is_a_correction_that_needs_a_reason(
    demo_store: Store, tmp_path: Path
) -> None:
    assert _import(demo_store, "valid/kpi-utf8-bom-english-comma.csv", "kpi").status == "stored"
    changed = tmp_path / "changed.csv"
    changed.write_text("indicator,year,quarter,value\nhotline_calls,2025,1,105\n", encoding="utf-8")
    without = ingest.import_file(
        demo_store, changed.read_bytes(), "changed.csv", "kpi", actor=acting("cmm"), today=TODAY
    )
    assert without.status == "refused"
    assert _located(without) == {("correction-needs-reason", 2, "value")}
    assert [(c.old_value, c.new_value) for c in without.corrections] == [
        (Decimal(102), Decimal(105))
    ]
    later = _now() + dt.timedelta(hours=1)
    stored = ingest.import_file(
        demo_store,
        changed.read_bytes(),
        "changed.csv",
        "kpi",
        actor=acting("cmm"),
        reason="late calls registered",
        today=TODAY,
        now=later,
    )
    assert (stored.status, stored.rows_corrected, stored.rows_unchanged) == ("stored", 1, 0)
    approve(demo_store, stored.change_set_id, now=later)
    now = reporting.figure(demo_store, "hotline_calls", Period(2025, 1))
    before = reporting.figure(
        demo_store, "hotline_calls", Period(2025, 1), as_of=later - dt.timedelta(seconds=1)
    )
    assert now is not None and before is not None
    assert (now.preferred.value, before.preferred.value) == (105, 102)
    assert now.preferred.reason == "late calls registered"


def test_a_dry_run_shows_what_would_change_and_stores_nothing(demo_store: Store) -> None:
    before = _counts(demo_store)
    report = _import(demo_store, "valid/spending-danish-excel-cp1252.csv", "spending", dry_run=True)
    assert report.status == "dry-run"
    # Both quarters replace illustrative demo spending: new real figures, not corrections.
    assert (report.rows_new, report.rows_corrected) == (2, 0)
    assert _counts(demo_store) == before


def test_real_spending_replaces_illustrative_demo_spending(demo_store: Store) -> None:
    before = reporting.plan_money(demo_store, "2022-2025")
    report = _import(
        demo_store, "valid/spending-danish-excel-cp1252.csv", "spending", accept_warnings=True
    )
    assert report.status == "stored", report.problems
    after = reporting.plan_money(demo_store, "2022-2025")
    assert after.spent_dkk is not None and before.spent_dkk is not None
    with demo_store.connect(read_only=True) as connection:
        rows = connection.execute(
            "SELECT amount_dkk FROM spending_as_of(TIMESTAMP '9999-12-31') "
            "WHERE initiative_code = 'cmm-styrket' AND year = 2025 AND quarter = 4"
        ).fetchall()
    assert rows == [(Decimal("1234567.50"),)]
    assert after.spent_illustrative, "the other demo quarters are still illustrative"


def _allocations(store: Store) -> list[tuple[object, ...]]:
    with store.connect(read_only=True) as connection:
        return connection.execute(
            "SELECT initiative_code, year, amount_dkk, source_id, recorded_by "
            "FROM allocations_as_of(TIMESTAMP '9999-12-31') ORDER BY initiative_code, year"
        ).fetchall()


def test_allocations_upload_checks_the_initiative_details(
    demo_store: Store, tmp_path: Path
) -> None:
    before = _allocations(demo_store)
    report = _import(demo_store, "valid/allocations-english.csv", "allocations")
    assert report.status == "stored", report.problems
    assert report.problems == [], "the file's name and action area match the initiative's"
    assert (report.rows_read, report.rows_new, report.rows_corrected) == (1, 1, 0)
    # Read back: the file's one row (cmm-styrket, 2025, 9500000) replaced the illustrative
    # 10 mio. of the demo; every other allocation is as it was.
    after = _allocations(demo_store)
    new = ("cmm-styrket", 2025, Decimal("9500000.00"), ingest.BUDGET_SOURCE, "cmm-test")
    replaced = next(row for row in before if row[:2] == ("cmm-styrket", 2025))
    assert replaced[2:4] == (Decimal("10000000.00"), "planwatch-demo")
    assert after == [new if row is replaced else row for row in before]

    # A name or an action area that is not the initiative's is a warning, row and column named;
    # nothing is stored until it is accepted.
    differing = tmp_path / "allocations-differ.csv"
    differing.write_text(
        "initiative,year,amount_dkk,initiative_name,action_area,note\n"
        "cmm-styrket,2024,9000000,Another initiative,IO9,\n",
        encoding="utf-8",
    )
    warned = ingest.import_file(
        demo_store,
        differing.read_bytes(),
        differing.name,
        "allocations",
        actor=acting("cmm-test"),
        today=TODAY,
        now=_now(),
    )
    assert warned.status == "needs-acceptance"
    assert _located(warned) == {
        ("initiative-details-differ", 2, "initiative_name"),
        ("initiative-details-differ", 2, "action_area"),
    }
    assert _allocations(demo_store) == after


def test_an_unknown_kind_is_a_usage_error(demo_store: Store) -> None:
    from planwatch.errors import UsageError

    with pytest.raises(UsageError, match="Unknown kind"):
        _import(demo_store, "valid/allocations-english.csv", "budget")


def test_an_excel_file_is_read_from_the_sheet_the_template_names(demo_store: Store) -> None:
    report = _import(demo_store, "valid/kpi-excel-sheet-named-kpi.xlsx", "kpi")
    assert report.status == "stored", report.problems
    assert (report.file_format, report.sheet, report.rows_read) == ("xlsx", "kpi", 3)
    minors = reporting.figure(
        demo_store, "victims_assessed", Period(2025, 3), Breakdown(age_group="under_18")
    )
    calls = reporting.figure(demo_store, "hotline_calls", Period(2025, 3))
    assert minors is not None and minors.preferred.value == 4
    assert calls is not None and calls.preferred.value == 110


def test_a_problem_in_an_excel_file_names_the_spreadsheet_row(
    demo_store: Store, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["indicator", "year", "quarter", "value"])
    sheet.append([])  # a blank row 2
    sheet.append(["victims_assessed", 2025, 1, -5])
    path = tmp_path / "negative.xlsx"
    workbook.save(path)
    report = ingest.import_file(
        demo_store, path.read_bytes(), path.name, "kpi", actor=acting("x"), today=TODAY
    )
    assert _located(report) == {("negative-value", 3, "value")}


def test_a_file_over_the_configured_size_is_refused_before_reading(demo_store: Store) -> None:
    from planwatch.uploads.raw_tables import ReadLimits

    report = _import(
        demo_store, "valid/kpi-danish-excel-cp1252.csv", "kpi", limits=ReadLimits(max_bytes=100)
    )
    assert report.status == "refused"
    assert [p.code for p in report.problems] == ["file-too-large"]


def test_an_upload_becomes_the_preferred_figure_and_only_one_source_stays_preferred(
    demo_store: Store, tmp_path: Path
) -> None:
    import pandas as pd

    other = pd.DataFrame(
        [
            {
                "indicator_code": "hotline_calls",
                "year": 2025,
                "quarter": 1,
                "sex": "all",
                "age_group": "all",
                "exploitation": "all",
                "source_id": "cmm-tal-2023",
                "value": 99.0,
                "is_preferred": True,
                "note": None,
            }
        ]
    ).astype({"quarter": "Int16"})
    with demo_store.transaction() as connection:
        change_set = repository.insert_change_set(
            connection,
            kind="reference",
            recorded_at=_now() - dt.timedelta(hours=12),
            recorded_by="t",
        )
        repository.insert_new_versions(
            connection,
            "observation_versions",
            other,
            change_set_id=change_set,
            compare_with_kinds=None,
        )
    report = _import(demo_store, "valid/kpi-utf8-bom-english-comma.csv", "kpi")
    assert report.status == "stored"
    answer = reporting.figure(demo_store, "hotline_calls", Period(2025, 1))
    assert answer is not None
    assert (answer.preferred.source.source_id, answer.preferred.value) == ("cmm-upload", 102)
    assert [(a.source.source_id, a.value, a.is_preferred) for a in answer.alternatives] == [
        ("cmm-tal-2023", 99, False)
    ]
    before = reporting.figure(
        demo_store, "hotline_calls", Period(2025, 1), as_of=_now() - dt.timedelta(hours=1)
    )
    assert before is not None and before.preferred.source.source_id == "cmm-tal-2023"

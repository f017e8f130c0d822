"""Issue 18: the upload report a sender reads: "did you mean" for unknown codes and names, one
submission number everywhere."""

from __future__ import annotations

import csv
import io

import pytest

from planwatch.access import approvals, audit
from planwatch.domain.permissions import Role
from planwatch.errors import Problem
from planwatch.storage import Store
from planwatch.uploads import ingest
from planwatch.uploads.workbooks import report_csv
from tests.actors import acting
from tests.paths import TEST_DATA
from tests.uploads.test_ingest import TODAY, _now

CLOSE = "invalid/kpi-unknown-names-close-to-known.csv"


def _check(store: Store, name: str) -> ingest.UploadReport:
    path = TEST_DATA / name
    return ingest.import_file(
        store,
        path.read_bytes(),
        path.name,
        "kpi",
        actor=acting("cmm-test"),
        today=TODAY,
        now=_now(),
        dry_run=True,
    )


def _by_row(report: ingest.UploadReport) -> dict[int, Problem]:
    return {p.row: p for p in report.problems if p.row is not None}


@pytest.mark.parametrize(
    ("language", "words"), [("da", "Mente du '{code}'"), ("en", "Did you mean '{code}'")]
)
def test_an_unknown_code_or_name_gets_the_closest_known_one(
    demo_store: Store, language: str, words: str
) -> None:
    report = _check(demo_store, CLOSE)
    assert report.status == "refused"
    found = _by_row(report)
    expected = {
        2: ("unknown-indicator", "victims_assessed"),  # a code one letter short
        4: ("not-in-vocabulary", "female"),  # "kvinderne": the Danish name, inflected
        5: ("not-in-vocabulary", "forced_labour"),  # "tvangsarbejd": a letter missing
        6: ("not-in-vocabulary", "under_18"),  # "under18"
    }
    for row, (code, suggested) in expected.items():
        assert found[row].code == code
        assert found[row].suggestion(language).startswith(words.format(code=suggested)), row
    # the message itself reads as it always did: the suggestion is a field of its own
    assert "Mente du" not in found[2].message("da") and "Did you" not in found[2].message("en")


@pytest.mark.parametrize("language", ["da", "en"])
def test_no_suggestion_when_nothing_known_is_close(demo_store: Store, language: str) -> None:
    found = _by_row(_check(demo_store, CLOSE))
    assert found[3].code == "unknown-indicator" and found[3].value == "ofre i alt"
    assert found[3].suggestion(language) == ""
    assert found[7].code == "not-in-vocabulary" and found[7].value == "xyzzy"
    assert found[7].suggestion(language) == ""


def test_the_name_in_the_suggestion_is_in_the_readers_language(demo_store: Store) -> None:
    found = _by_row(_check(demo_store, CLOSE))
    assert found[4].suggestion("da") == "Mente du 'female' (Kvinder)?"
    assert found[4].suggestion("en") == "Did you mean 'female' (Women)?"


@pytest.mark.parametrize(("language", "header"), [("da", "forslag"), ("en", "suggestion")])
def test_the_csv_report_has_the_suggestion_in_a_column_of_its_own(
    demo_store: Store, language: str, header: str
) -> None:
    report = _check(demo_store, CLOSE)
    text = report_csv(report.problems, language).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0][-1] == header
    by_row = {r[0]: r for r in rows[1:]}
    assert by_row["2"][-1] == _by_row(report)[2].suggestion(language) != ""
    assert by_row["3"][-1] == ""


def test_the_receipt_names_the_submission_number_the_other_pages_use(demo_store: Store) -> None:
    """The receipt said "indberetning nr. {upload_id}" while Mine indberetninger, Godkendelse and
    the audit log number a submission by its change set: one number everywhere."""
    path = TEST_DATA / "valid/kpi-danish-excel-cp1252.csv"
    uploader = acting("cmm-test")
    report = ingest.import_file(
        demo_store, path.read_bytes(), path.name, "kpi", actor=uploader, today=TODAY, now=_now()
    )
    assert report.status == "stored"
    assert report.change_set_id != report.upload_id  # the demo has change sets of its own
    listed = [s.change_set_id for s in approvals.submissions(demo_store, uploader)]
    assert report.change_set_id in listed and report.upload_id not in listed
    logged = [e.subject for e in audit.entries(demo_store, acting("auditor-test", Role.AUDITOR))]
    assert f"change-set:{report.change_set_id}" in logged
    assert f"indberetning nr. {report.change_set_id}." in report.summary("da")
    assert f"submission no. {report.change_set_id}." in report.summary("en")

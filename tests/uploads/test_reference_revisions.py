"""A release corrects its bundled definitions (issue 19): ``init`` on a database loaded from the
earlier files writes each corrected name, definition, address or total as a new version (a
change set of kind reference, sealed with the load's audit entry), so "as of" before it shows
the earlier text; what no version changes (an indicator's unit, a source's kind) and what was
revised in planwatch since stay as they are and are reported. A rebuild from the archive, which
keeps the files each load read, gives the same database."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import shutil
from pathlib import Path

import pytest

from planwatch.access import audit
from planwatch.domain.permissions import Role
from planwatch.figures import reporting
from planwatch.operations import rebuild
from planwatch.settings import BUNDLED_DATA
from planwatch.storage import Store, definition_history, repository, uploads_archive
from planwatch.uploads import reference
from tests import clock
from tests.actors import make_users
from tests.operations.compare_tables import differences

NEW_NAME = "Opkald til CMM's hotline (rettet navn)"
NEW_URL = "https://example.org/flyttet"


@functools.cache
def _start() -> dt.datetime:
    return clock.from_now(days=1, at=dt.time(8, 0))


def _at(hours: float) -> dt.datetime:
    return _start() + dt.timedelta(hours=hours)


def _edit(path: Path, key: str, value: str, **cells: str) -> None:
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    fields = list(rows[0])
    for row in rows:
        if row[key] == value:
            row.update(cells)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def released(tmp_path: Path) -> tuple[Store, Path, str]:
    """Loaded from the bundled files (hour 0); a release's files correct the hotline's name,
    a source's address and (which no version changes) the assessments' unit, loaded at hour 2.
    Returns the store, the release's data folder and the source corrected."""
    store = Store(tmp_path / "original.duckdb")
    reference.load(store, demo=True, now=_at(0), origin="cli operator@host")
    release = tmp_path / "release"
    shutil.copytree(BUNDLED_DATA, release)
    indicators = release / "reference" / "indicators.csv"
    _edit(indicators, "code", "hotline_calls", name_da=NEW_NAME)
    _edit(indicators, "code", "assessments", unit="cases")
    with (release / "reference" / "sources.csv").open(encoding="utf-8") as file:
        source = next(csv.DictReader(file))["source_id"]
    _edit(release / "reference" / "sources.csv", "source_id", source, url=NEW_URL)
    report = reference.load(
        store, demo=True, now=_at(2), origin="cli operator@host", data_dir=release
    )
    assert report.revised == {"sources": [source], "indicators": ["hotline_calls"]}
    assert [r["code"] for r in report.differing["indicators"]] == ["assessments"]  # its unit
    assert report.inserted["definition_versions"] == 4  # each as it stood, and as corrected
    return store, release, source


def test_the_corrected_definitions_hold_from_the_load_and_the_earlier_before(
    released: tuple[Store, Path, str],
) -> None:
    store, _, source = released
    before = reporting.indicator(store, "hotline_calls", _at(1)).name_da
    assert before != NEW_NAME and reporting.indicator(store, "hotline_calls").name_da == NEW_NAME
    assert reporting.indicator(store, "assessments").unit == "assessments"  # never changes
    urls = {s.source_id: s.url for s in reporting.sources(store, _at(1))}
    assert urls[source] != NEW_URL
    assert {s.source_id: s.url for s in reporting.sources(store)}[source] == NEW_URL


def test_loading_the_same_files_again_changes_nothing_and_still_reports_the_unit(
    released: tuple[Store, Path, str],
) -> None:
    store, release, _ = released
    again = reference.load(
        store, demo=True, now=_at(4), origin="cli operator@host", data_dir=release
    )
    assert again.rows_added == 0 and again.revised == {}
    assert [r["code"] for r in again.differing["indicators"]] == ["assessments"]


def test_the_versions_are_sealed_and_a_rebuild_from_the_archive_equals_the_original(
    released: tuple[Store, Path, str], tmp_path: Path
) -> None:
    store, _, _ = released
    auditor = make_users(store)[Role.AUDITOR]
    assert audit.verify(store, auditor).ok
    report = rebuild.rebuild(tmp_path / "rebuilt.duckdb", uploads_archive.archive_dir(store.path))
    assert differences(store.path, report.database, report.accounts_entry) == []


def test_a_definition_revised_in_planwatch_is_not_overwritten_by_a_release(
    tmp_path: Path,
) -> None:
    """The ministry revised the bundled plan through a workbook; a release's file saying
    otherwise does not undo that: it is reported, not applied."""
    store = Store(tmp_path / "original.duckdb")
    reference.load(store, now=_at(0), origin="cli operator@host")
    with store.transaction() as connection:
        plan = repository.select_all(connection, "plans")[0]
        revision = repository.insert_change_set(
            connection, kind="upload", recorded_at=_at(1), recorded_by="admin1"
        )
        current = definition_history.current(connection, "plans", plan["plan_id"])
        assert current is not None
        definition_history.revise(
            connection, revision, "plans", plan["plan_id"], {**current, "name_da": "Revideret"}
        )
        incoming = {plan["plan_id"]: {**current, "name_da": "Fra en ny udgave"}}
        revised, kept = definition_history.revise_from_files(
            connection, "plans", incoming, lambda: pytest.fail("no change set is needed")
        )
    assert (revised, kept) == ([], [plan["plan_id"]])

"""A rebuild loads the reference files the archive kept at ``init``, not the installed ones."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from planwatch.access import audit
from planwatch.operations import rebuild
from planwatch.storage import Store, uploads_archive
from planwatch.uploads import reference
from tests import clock
from tests.operations.compare_tables import differences


def _moment() -> dt.datetime:
    return clock.from_now(days=1, at=dt.time(9, 0))


def _changed_copy(into: Path) -> Path:
    """The installed reference data as a later version might ship it: one indicator renamed,
    one published figure changed."""
    data = into / "data"
    shutil.copytree(reference.DATA_DIR / "reference", data / "reference")
    shutil.copytree(reference.DATA_DIR / "demo", data / "demo")
    indicators = data / "reference" / "indicators.csv"
    text = indicators.read_text(encoding="utf-8")
    indicators.write_text(text.replace("Vurderede ofre", "Ofre (vurderet)", 1), encoding="utf-8")
    observations = data / "reference" / "observations.csv"
    text = observations.read_text(encoding="utf-8")
    observations.write_text(text.replace(",2008,,,,,28,", ",2008,,,,,29,", 1), encoding="utf-8")
    assert indicators.read_bytes() != (reference.DATA_DIR / "reference/indicators.csv").read_bytes()
    return data


@pytest.fixture
def loaded(tmp_path: Path) -> Store:
    store = Store(tmp_path / "original" / "planwatch.duckdb")
    store.path.parent.mkdir()
    reference.load(store, demo=True, now=_moment(), origin="cli operator@host")
    return store


def _files(store: Store) -> dict[str, str]:
    journal = uploads_archive.read_journal(uploads_archive.archive_dir(store.path))
    assert journal.entries, "no archive"
    entry = next(e for e in journal.entries if e["action"] == "reference-loaded")
    files: dict[str, str] = json.loads(entry["details"])["files"]
    return files


def test_a_rebuild_after_the_installed_reference_files_changed_gives_the_original(
    loaded: Store, tmp_path: Path
) -> None:
    changed = _changed_copy(tmp_path)
    target = tmp_path / "rebuilt.duckdb"
    report = rebuild.rebuild(target, uploads_archive.archive_dir(loaded.path), data_dir=changed)
    assert differences(loaded.path, target, report.accounts_entry) == []
    assert report.reference_files == len(_files(loaded))
    assert report.notes_en == []


def test_an_altered_reference_file_in_the_archive_is_refused_and_nothing_is_left(
    loaded: Store, tmp_path: Path
) -> None:
    archive = uploads_archive.archive_dir(loaded.path)
    sha = _files(loaded)["reference/observations.csv"]
    kept = uploads_archive.object_path(archive, sha)
    altered = kept.read_bytes().replace(b",2008,,,,,28,", b",2008,,,,,29,", 1)
    assert altered != kept.read_bytes()
    kept.write_bytes(altered)
    target = tmp_path / "rebuilt.duckdb"
    with pytest.raises(rebuild.RebuildDivergedError) as raised:
        rebuild.rebuild(target, archive)
    assert "the file reference/observations.csv in the archive was altered" in (
        raised.value.message_en
    )
    assert "filen reference/observations.csv i arkivet er ændret" in raised.value.message_da
    assert f"the entry says {sha[:12]}" in raised.value.message_en
    assert not target.exists()
    assert not uploads_archive.archive_dir(target).exists()


def test_a_missing_reference_file_in_the_archive_is_named(loaded: Store, tmp_path: Path) -> None:
    archive = uploads_archive.archive_dir(loaded.path)
    sha = _files(loaded)["demo/spending.csv"]
    uploads_archive.object_path(archive, sha).unlink()
    target = tmp_path / "rebuilt.duckdb"
    with pytest.raises(rebuild.RebuildDivergedError, match=r"demo/spending\.csv .* is missing"):
        rebuild.rebuild(target, archive)
    assert not target.exists()


def test_an_archive_from_before_reference_files_were_kept_uses_the_installed_ones(
    tmp_path: Path,
) -> None:
    """Its entry names no files (as every entry written before): the installed files are
    loaded, and the report says so; it comes out equal only if they did not change."""
    store = Store(tmp_path / "old" / "planwatch.duckdb")
    store.path.parent.mkdir()
    reference.load(store, demo=True, now=_moment(), keep_files=False)
    archive = uploads_archive.archive_dir(store.path)
    assert not (archive / "objects").exists()
    target = tmp_path / "rebuilt.duckdb"
    report = rebuild.rebuild(target, archive)
    assert differences(store.path, target, report.accounts_entry) == []
    assert report.reference_files == 0
    assert "loaded from the installed files" in report.notes_en[0]
    assert "indlæst fra de installerede filer" in report.notes_da[0]
    with pytest.raises(rebuild.RebuildDivergedError):
        rebuild.rebuild(tmp_path / "other.duckdb", archive, data_dir=_changed_copy(tmp_path))


def test_the_loaded_files_are_named_by_their_sha256(loaded: Store) -> None:
    for name, sha in _files(loaded).items():
        assert hashlib.sha256((reference.DATA_DIR / name).read_bytes()).hexdigest() == sha


def test_a_copy_of_the_database_without_its_archive_gets_the_reference_files_back(
    loaded: Store, tmp_path: Path
) -> None:
    """The files are in the database too: the archive beside a copy made without it (a file
    restored or moved alone) gets them at the next commit, as it gets the uploads' files."""
    copy = tmp_path / "moved" / "planwatch.duckdb"
    copy.parent.mkdir()
    shutil.copy(loaded.path, copy)
    moved = Store(copy)
    audit.record_now(moved, actor="someone", action=audit.AuditAction.SIGN_OUT)
    archive = uploads_archive.archive_dir(copy)
    for sha in _files(loaded).values():
        assert uploads_archive.object_path(archive, sha).exists()
    loaded.path.unlink()
    report = rebuild.rebuild(tmp_path / "rebuilt.duckdb", archive, data_dir=_changed_copy(tmp_path))
    assert report.reference_files == len(_files(moved))

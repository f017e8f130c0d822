"""The synonyms by which texts name an indicator live with the indicator in the database, with
history (issues 15 and 19): ``init`` stores the bundled ``indicator_terms.csv``; a release that
adds or drops a term writes a new version of the indicator's list; the claim check reads the
list as of its own moment, so a check as of before the release does not know the new word. A
rebuild from the archive gives the same database; an archive from before the file existed
rebuilds without it."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import shutil
from pathlib import Path

import pandas as pd
import pytest

from planwatch.access import audit
from planwatch.claims import checking
from planwatch.claims.stored import StoredFigures
from planwatch.claims.terms import load_terms
from planwatch.domain.permissions import PUBLIC_VIEW, Role
from planwatch.exports import auditors
from planwatch.figures import reporting
from planwatch.operations import rebuild
from planwatch.settings import BUNDLED_DATA
from planwatch.storage import Store, uploads_archive
from planwatch.uploads import reference
from tests import clock
from tests.actors import make_users
from tests.operations.compare_tables import differences

NEW_TERM = "opringninger til menneskehandelslinjen"
"""A Danish phrase for the hotline's calls that no bundled term and no name matches."""
DROPPED_TERM = "hotlineopkald"


@functools.cache
def _start() -> dt.datetime:
    return clock.from_now(days=1, at=dt.time(8, 0))


def _at(hours: float) -> dt.datetime:
    return _start() + dt.timedelta(hours=hours)


def _terms_file(folder: Path) -> Path:
    return folder / "reference" / "indicator_terms.csv"


def _write_terms(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=["indicator_code", "language", "term"])
        writer.writeheader()
        writer.writerows(rows)


def _bundled_rows() -> list[dict[str, str]]:
    with _terms_file(BUNDLED_DATA).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _sentence(store: Store, words: str) -> tuple[str, int]:
    """A true Danish sentence naming the hotline's calls of its latest complete year by
    ``words``, and that year."""
    values = StoredFigures(store, "da", None, PUBLIC_VIEW).complete_values("hotline_calls")
    year = max(values)
    return f"I {year} var der {int(values[year])} {words}.", year


def _verdict(store: Store, text: str, as_of: dt.datetime | None = None) -> tuple[str, str | None]:
    report = checking.check(store, text, language="da", as_of=as_of)
    counts = [c for c in report.claims if c.years and c.text not in {str(y) for y in c.years}]
    assert len(counts) == 1, report.claims
    indicator = counts[0].indicator.code if counts[0].indicator else None
    return counts[0].verdict, indicator


@pytest.fixture
def released(tmp_path: Path) -> tuple[Store, Path]:
    """Loaded from the bundled files (hour 0); at hour 2 a release's terms file adds
    :data:`NEW_TERM` to the hotline's Danish synonyms and drops :data:`DROPPED_TERM`."""
    assert any(r["term"] == DROPPED_TERM for r in _bundled_rows()), "pick a bundled term"
    store = Store(tmp_path / "original.duckdb")
    reference.load(store, demo=True, now=_at(0), origin="cli operator@host")
    release = tmp_path / "release"
    shutil.copytree(BUNDLED_DATA, release)
    rows = [r for r in _bundled_rows() if r["term"] != DROPPED_TERM]
    rows.append({"indicator_code": "hotline_calls", "language": "da", "term": NEW_TERM})
    _write_terms(_terms_file(release), rows)
    report = reference.load(
        store, demo=True, now=_at(2), origin="cli operator@host", data_dir=release
    )
    assert report.revised == {"indicator_synonyms": ["hotline_calls"]}
    assert report.differing == {}
    return store, release


def test_init_stores_the_bundled_synonyms_in_the_files_order(tmp_path: Path) -> None:
    store = Store(tmp_path / "p.duckdb")
    reference.load(store, now=_at(0), origin="cli operator@host")
    stored = {i.code: i for i in reporting.indicators(store)}
    for code in {t.indicator_code for t in load_terms()}:
        for language in ("da", "en"):
            declared = [
                t.term for t in load_terms() if t.indicator_code == code and t.language == language
            ]
            assert list(stored[code].synonyms(language)) == list(dict.fromkeys(declared)), code
    assert "vurderet som ofre" in stored["victims_assessed"].synonyms_da


def test_the_claim_check_knows_a_word_from_the_release_on_and_not_before(
    released: tuple[Store, Path],
) -> None:
    store, _ = released
    text, _ = _sentence(store, NEW_TERM)
    assert _verdict(store, text) == ("consistent", "hotline_calls")
    assert _verdict(store, text, as_of=_at(1))[0] != "consistent"  # the word was not known yet
    dropped, _ = _sentence(store, DROPPED_TERM)
    assert _verdict(store, dropped, as_of=_at(1)) == ("consistent", "hotline_calls")
    assert _verdict(store, dropped)[0] != "consistent"
    now = reporting.indicator(store, "hotline_calls")
    then = reporting.indicator(store, "hotline_calls", _at(1))
    assert NEW_TERM in now.synonyms_da and NEW_TERM not in then.synonyms_da
    assert DROPPED_TERM in then.synonyms_da and DROPPED_TERM not in now.synonyms_da


def test_the_same_files_again_change_nothing(released: tuple[Store, Path]) -> None:
    store, release = released
    again = reference.load(
        store, demo=True, now=_at(4), origin="cli operator@host", data_dir=release
    )
    assert again.rows_added == 0 and again.revised == {}


def test_the_versions_are_sealed_and_a_rebuild_equals_the_original(
    released: tuple[Store, Path], tmp_path: Path
) -> None:
    store, _ = released
    auditor = make_users(store)[Role.AUDITOR]
    assert audit.verify(store, auditor).ok
    report = rebuild.rebuild(tmp_path / "rebuilt.duckdb", uploads_archive.archive_dir(store.path))
    assert differences(store.path, report.database, report.accounts_entry) == []


def test_a_changed_synonym_in_the_database_file_fails_the_audit(
    released: tuple[Store, Path],
) -> None:
    """An insider who edits the stored list (outside planwatch) is found by ``audit verify``."""
    store, _ = released
    auditor = make_users(store)[Role.AUDITOR]
    with store.connect() as connection:
        connection.execute(
            "UPDATE indicator_synonyms SET synonyms_en = synonyms_en || '; victims' "
            "WHERE code = 'assessments'"
        )
    assert not audit.verify(store, auditor).ok


def test_a_database_from_before_the_terms_file_gets_them_at_its_next_init(
    tmp_path: Path,
) -> None:
    """An installation loaded by a release without ``indicator_terms.csv`` (as an archive from
    then holds no such file) has no synonyms; the next ``init`` adds them and seals them, and a
    rebuild replays both loads."""
    older = tmp_path / "older"
    shutil.copytree(BUNDLED_DATA, older)
    _terms_file(older).unlink()
    store = Store(tmp_path / "original.duckdb")
    first = reference.load(store, now=_at(0), origin="cli operator@host", data_dir=older)
    assert "indicator_synonyms" not in first.inserted or first.inserted["indicator_synonyms"] == 0
    assert reporting.indicator(store, "victims_assessed").synonyms_da == ()
    text, _ = _sentence(store, DROPPED_TERM)
    assert _verdict(store, text)[0] != "consistent"
    later = reference.load(store, now=_at(2), origin="cli operator@host")
    assert later.inserted["indicator_synonyms"] == len({t.indicator_code for t in load_terms()})
    assert _verdict(store, text) == ("consistent", "hotline_calls")
    auditor = make_users(store)[Role.AUDITOR]
    assert audit.verify(store, auditor).ok
    report = rebuild.rebuild(tmp_path / "rebuilt.duckdb", uploads_archive.archive_dir(store.path))
    assert differences(store.path, report.database, report.accounts_entry) == []


def test_a_term_with_a_semicolon_is_refused_with_its_row(tmp_path: Path) -> None:
    """``;`` separates the terms of a stored list, so a term cannot hold it; the whole load is
    refused, naming the file and the row, and nothing is stored."""
    broken = tmp_path / "broken"
    shutil.copytree(BUNDLED_DATA, broken)
    rows = _bundled_rows()
    rows.insert(2, {"indicator_code": "assessments", "language": "da", "term": "a; b"})
    _write_terms(_terms_file(broken), rows)
    store = Store(tmp_path / "p.duckdb")
    with pytest.raises(reference.DataError) as raised:
        reference.load(store, now=_at(0), origin="cli operator@host", data_dir=broken)
    found = [p for p in raised.value.problems if p.value == "a; b"]
    assert found and found[0].row == 4
    assert reporting.indicators(store) == []


def test_the_auditors_indicators_table_lists_the_words_as_of_its_moment(
    released: tuple[Store, Path],
) -> None:
    store, _ = released
    auditor = make_users(store)[Role.AUDITOR]
    then = auditors.tables(store, auditor, names=["indicators"], as_of=_at(1))["indicators"]
    now = auditors.tables(store, auditor, names=["indicators"])["indicators"]

    def words(frame: pd.DataFrame) -> list[str]:
        row = frame[frame["code"] == "hotline_calls"]
        return str(row["synonyms_da"].iloc[0]).split("; ")

    assert NEW_TERM in words(now) and DROPPED_TERM not in words(now)
    assert DROPPED_TERM in words(then) and NEW_TERM not in words(then)
    no_words = set(now["code"]) - {t.indicator_code for t in load_terms()}
    assert all(now[now["code"].isin(no_words)]["synonyms_en"] == "")


def test_an_indicator_given_its_first_words_by_a_release_has_them_from_that_load_on(
    tmp_path: Path,
) -> None:
    """A release's file lists words for an indicator that had none: they are a version from
    that ``init`` on (the words of an installation's first load hold from the beginning)."""
    first = tmp_path / "first"
    shutil.copytree(BUNDLED_DATA, first)
    _write_terms(
        _terms_file(first), [r for r in _bundled_rows() if r["indicator_code"] != "hotline_calls"]
    )
    store = Store(tmp_path / "p.duckdb")
    reference.load(store, demo=True, now=_at(0), origin="cli operator@host", data_dir=first)
    assert reporting.indicator(store, "hotline_calls").synonyms_da == ()
    report = reference.load(store, demo=True, now=_at(2), origin="cli operator@host")
    assert report.revised == {"indicator_synonyms": ["hotline_calls"]}
    assert DROPPED_TERM in reporting.indicator(store, "hotline_calls").synonyms_da
    assert reporting.indicator(store, "hotline_calls", _at(1)).synonyms_da == ()
    text, _ = _sentence(store, DROPPED_TERM)
    assert _verdict(store, text) == ("consistent", "hotline_calls")
    assert _verdict(store, text, as_of=_at(1))[0] != "consistent"
    assert audit.verify(store, make_users(store)[Role.AUDITOR]).ok

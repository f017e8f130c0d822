"""The largest valid upload (37,440 figures, benchmarks/uploads.py's valid-max.csv) on the
review pages (issue 16): Godkendelse and Mine indberetninger summarise it per indicator and
period (figures, new, changing an approved figure and by how much) and page through its rows,
500 at a time; a submission sent after it stays reachable. Styling every row of it broke both
pages (pandas' Styler refuses more than 262,144 cells: "Der opstod en uventet fejl")."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from benchmarks.uploads import _write_csv, plausible_totals, valid_max_count, valid_max_rows
from streamlit.testing.v1 import AppTest

from planwatch.access import accounts, approvals
from planwatch.domain.permissions import Actor
from planwatch.storage import Store
from planwatch.ui import state
from planwatch.uploads import ingest
from planwatch.uploads.raw_tables import ReadLimits
from tests.paths import PAGES, TEST_DATA

KPI_FILE = TEST_DATA / "valid" / "kpi-danish-excel-cp1252.csv"
LATER = (
    "Indikator;År;Kvartal;Værdi;Køn;Aldersgruppe;Udnyttelsesform;Bemærkning\n"
    "Vurderede ofre for menneskehandel;2026;1;31;;;;Senere\n"
).encode("cp1252")


def _who(store: Store, name: str) -> Actor:
    return accounts.actor_for(store, name, origin="test")


def _submit(store: Store, data: bytes, name: str) -> int:
    report = ingest.import_file(
        store,
        data,
        name,
        "kpi",
        actor=_who(store, "uploader1"),
        reason="CMM's reviderede tal",
        accept_warnings=True,
        limits=ReadLimits(max_rows=100_000),
    )
    assert report.status == "stored", [p.message_en for p in report.problems][:6]
    assert report.change_set_id is not None
    return report.change_set_id


@pytest.fixture(scope="module")
def large(
    users_db_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Store, int, int]:
    """A copy of the users' database with an approved small upload, then the largest valid
    upload (revising some of those figures), then a small one sent after it."""
    folder = tmp_path_factory.mktemp("large-submission")
    path = folder / "planwatch.duckdb"
    path.write_bytes(users_db_template.read_bytes())
    store = Store(path, lock_timeout=5.0)
    first = _submit(store, KPI_FILE.read_bytes(), "kvartal.csv")
    approvals.approve(store, _who(store, "approver1"), first)
    csv = folder / "valid-max.csv"
    totals = plausible_totals(path)
    assert _write_csv(csv, valid_max_rows(totals)) == valid_max_count(len(totals)) == 37_440
    big = _submit(store, csv.read_bytes(), "valid-max.csv")
    later = _submit(store, LATER, "senere.csv")
    return store, big, later


def _page(store: Store, monkeypatch: pytest.MonkeyPatch, page: str, user: str) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(store.path))
    app = AppTest.from_file(str(PAGES / f"{page}.py"), default_timeout=300)
    app.session_state[state.ACTOR_KEY] = _who(store, user)
    app.session_state["language"] = "da"
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _frames(app: AppTest) -> list[pd.DataFrame]:
    return [d.value if isinstance(d.value, pd.DataFrame) else d.value.data for d in app.dataframe]


def _check_large(app: AppTest, big: int) -> None:
    frames = _frames(app)
    summaries = [i for i, f in enumerate(frames) if "Antal tal" in f.columns]
    assert len(summaries) == 1, [list(f.columns) for f in frames]
    summary = frames[summaries[0]]
    assert summary["Antal tal"].sum() == 37_440
    assert len(summary) == 24 * 26 * 4  # one row per indicator and quarter
    assert (summary["Nye"] + summary["Retter godkendte"] + summary["Uændrede"]).sum() == 37_440
    assessed = summary[
        (
            summary["Indikator eller indsats"] == "Vurderede ofre for menneskehandel"
        )  # by name (issue 18)
        & (summary["Periode"] == "1. kvt. 2025")
    ]
    assert len(assessed) == 1 and assessed["Retter godkendte"].iloc[0] >= 1, assessed
    assert assessed["Største ændring"].iloc[0] != ""
    after = summaries[0] + 1
    assert "Indberettet værdi" in frames[after].columns  # the big one's rows follow its summary
    assert len(frames[after]) == 500
    pager = app.number_input(key=f"figures_page_{big}")
    assert pager.max == 75  # 37,440 rows, 500 a page
    pager.set_value(75).run()
    assert not app.exception, [e.value for e in app.exception]
    assert len(_frames(app)[after]) == 37_440 - 74 * 500
    assert any("37.001-37.440 af 37.440" in c.value for c in app.caption)


def test_an_approver_reviews_the_largest_upload_and_reaches_the_next(
    large: tuple[Store, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, big, later = large

    app = _page(store, monkeypatch, "approvals", "approver1")

    headings = [h.value for h in app.subheader]
    assert f"Indberetning {big} · valid-max.csv · afventer godkendelse" in headings
    assert f"Indberetning {later} · senere.csv · afventer godkendelse" in headings
    _check_large(app, big)
    assert app.button(key=f"approve_{later}") is not None
    frames = [f for f in _frames(app) if "Indberettet værdi" in f.columns]
    assert list(frames[-1]["Indberettet værdi"]) == ["31"], "the later submission's figure"


def test_an_uploader_follows_the_largest_upload_and_the_next(
    large: tuple[Store, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, big, later = large

    app = _page(store, monkeypatch, "submissions", "uploader1")

    labels = [e.label for e in app.expander]
    assert any(f"Indberetning {big}" in label for label in labels)
    assert any(f"Indberetning {later}" in label for label in labels)
    _check_large(app, big)

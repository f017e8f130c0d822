"""A running year, as CMM would send it: quarterly figures arriving one by one, each approved by
a second person, on top of the published yearly figures of the demo database.

The figures are made up for the tests (never shown to a user as official): persons assessed as
victims, quarter by quarter for 2024 and the first two quarters of 2025, the total and by sex.
2024 has no published yearly figure, so it becomes a complete year only with its fourth
quarter; 2025 stays partial. ``RunningYear.moments`` names the moment after each step, so a test
can ask what any screen, note or export said "as of" between two uploads.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from planwatch.access import approvals
from planwatch.domain.permissions import Actor, Role
from planwatch.storage import Store, repository
from planwatch.uploads import ingest
from tests import clock
from tests.helpers_access import approve

# (year, quarter): (total, female, male) - persons assessed as victims, made up for the tests.
QUARTERS: dict[tuple[int, int], tuple[int, int, int]] = {
    (2024, 1): (19, 12, 7),
    (2024, 2): (31, 20, 11),
    (2024, 3): (26, 17, 9),
    (2024, 4): (24, 15, 9),
    (2025, 1): (28, 19, 9),
    (2025, 2): (26, 24, 2),  # a small count: 2 men
}

UPLOADER = Actor("uploader1", frozenset({Role.UPLOADER}), origin="test")
APPROVER = Actor("approver1", frozenset({Role.APPROVER}), origin="test")


@dataclass
class RunningYear:
    """The database after every step, and the moment (UTC, naive) right after each."""

    path: Path
    moments: dict[str, dt.datetime] = field(default_factory=dict)
    """``before`` (nothing uploaded yet), then ``2024-Q1`` … ``2025-Q2`` (that quarter
    approved)."""

    def store(self) -> Store:
        return Store(self.path, lock_timeout=5.0)


def kpi_file(year: int, quarter: int) -> bytes:
    """One quarter's figures as Danish Excel writes a CSV: semicolons, Windows-1252."""
    total, female, male = QUARTERS[(year, quarter)]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        ["indikator", "år", "kvartal", "værdi", "køn", "aldersgruppe", "udnyttelsesform"]
    )
    writer.writerow(["victims_assessed", year, quarter, total, "", "", ""])
    writer.writerow(["victims_assessed", year, quarter, female, "female", "", ""])
    writer.writerow(["victims_assessed", year, quarter, male, "male", "", ""])
    return out.getvalue().encode("cp1252")


def sex_quarter_file(year: int, quarter: int, cells: dict[str, int]) -> bytes:
    """One quarter of persons assessed as victims by sex (``""``: the total), as Danish Excel
    writes a CSV: ``{"": 13, "female": 5, "male": 7, "transgender": 1}``."""
    lines = ["indikator;år;kvartal;værdi;køn;aldersgruppe;udnyttelsesform"]
    lines += [f"victims_assessed;{year};{quarter};{n};{sex};;" for sex, n in cells.items()]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def upload_and_approve(
    store: Store, data: bytes, file_name: str, sent: dt.datetime, reason: str | None = None
) -> int:
    """CMM's uploader sends a quarterly file at ``sent`` (a correction of approved figures with
    its ``reason``); the approver approves it an hour later. Returns the change set."""
    report = ingest.import_file(
        store, data, file_name, "kpi", actor=UPLOADER, now=sent, reason=reason
    )
    assert report.status == "stored", [p.message_en for p in report.problems]
    assert report.change_set_id is not None
    approvals.approve(store, APPROVER, report.change_set_id, now=sent + dt.timedelta(hours=1))
    return report.change_set_id


def build(path: Path) -> RunningYear:
    """Upload and approve the quarters one by one, a day apart, after the database was built."""
    store = Store(path, lock_timeout=5.0)
    scenario = RunningYear(path)
    start = clock.latest_moment(path)
    scenario.moments["before"] = start + dt.timedelta(hours=12)
    for step, (year, quarter) in enumerate(QUARTERS, start=1):
        sent = start + dt.timedelta(days=step)
        upload_and_approve(store, kpi_file(year, quarter), f"kvartal-{year}-{quarter}.csv", sent)
        scenario.moments[f"{year}-Q{quarter}"] = sent + dt.timedelta(hours=2)
    return scenario


def store_quarters(
    store: Store,
    indicator: str,
    year: int,
    values: dict[int, int],
    when: dt.datetime,
    source: str = "cmm-tal-2023",
    age_group: str = "all",
) -> None:
    """Store quarterly figures (of an age group, else the total) as an upload, approved when
    it was recorded."""
    frame = pd.DataFrame(
        [
            {
                "indicator_code": indicator,
                "year": year,
                "quarter": quarter,
                "sex": "all",
                "age_group": age_group,
                "exploitation": "all",
                "source_id": source,
                "value": float(value),
                "is_preferred": True,
                "note": None,
            }
            for quarter, value in values.items()
        ]
    ).astype({"quarter": "Int16"})
    with store.transaction() as connection:
        change_set = repository.insert_change_set(
            connection, kind="upload", recorded_at=when, recorded_by="test"
        )
        repository.insert_new_versions(
            connection,
            "observation_versions",
            frame,
            change_set_id=change_set,
            compare_with_kinds=None,
        )
    approve(store, change_set)


def correction_adds_a_person(store: Store) -> tuple[int, dt.datetime, dt.datetime]:
    """Issue 16's last gap: Q1 (two years ago) published as 12 = 5 women + 7 men a day after
    the latest moment, then corrected to 13 = 5 + 7 + 1 transgender person a day later. Returns
    the year and when each upload was sent (each approved an hour later)."""
    start = clock.latest_moment(store.path)
    year = clock.built_at().year - 2
    first = {"": 12, "female": 5, "male": 7}
    one, two = start + dt.timedelta(days=1), start + dt.timedelta(days=2)
    upload_and_approve(store, sex_quarter_file(year, 1, first), "q1.csv", one)
    corrected = sex_quarter_file(year, 1, {**first, "": 13, "transgender": 1})
    upload_and_approve(store, corrected, "rettelse.csv", two, reason="En person mere")
    return year, one, two

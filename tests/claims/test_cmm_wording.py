"""CMM's own standard wording ("vurderet udsat for menneskehandel", without "som") is read as
persons assessed as victims, and a running year's quarter is then flagged, not judged."""

from __future__ import annotations

from planwatch.claims import checking
from tests.scenarios import RunningYear


def test_cmm_wording_of_a_partial_year_is_flagged_with_its_quarter(
    running_year: RunningYear,
) -> None:
    text = "I 2025 er 28 personer vurderet udsat for menneskehandel."
    report = checking.check(
        running_year.store(), text, language="da", as_of=running_year.moments["2025-Q1"]
    )
    (claim,) = report.claims
    assert claim.verdict == "inconsistent"
    assert claim.correct is not None and "1. kvt. 2025" in claim.correct

"""Assessments are not persons (issue 15; round 37's attacking sentences): *I 2023 foretog
Center mod Menneskehandel 290 vurderinger af mulige ofre, hvoraf 112 blev vurderet som ofre*
(true) judged the 290 assessments against the 112 persons assessed as victims - a false alarm.
*Vurderinger* now names what the count counts (assessments, as *udredninger* does), so it is
never compared with a count of persons; it is not made a name of the assessments indicator
(*vurderinger* may be another authority's), so it is not checked against it either.

Stored (demo database): assessments (udredninger) 290 (2023); persons assessed as victims 112
(2023)."""

from __future__ import annotations

import pytest

from planwatch.storage import Store
from tests.claims.checked_texts import checked, claim_of, never_inconsistent, store

__all__ = ["store"]


@pytest.mark.parametrize(
    "text",
    [
        "I 2023 foretog Center mod Menneskehandel 290 vurderinger af mulige ofre, hvoraf 112 "
        "blev vurderet som ofre.",
        "I 2023 foretog Center mod Menneskehandel 250 vurderinger af mulige ofre for "
        "menneskehandel.",
    ],
)
def test_a_count_of_vurderinger_is_never_checked_as_persons(store: Store, text: str) -> None:
    report = checked(store, text, "da")
    never_inconsistent(report)
    claim = claim_of(store, text, "da", "vurderinger")
    assert claim.verdict == "not-checked"
    assert "vurderinger" in claim.explanation and "personer" in claim.explanation


@pytest.mark.parametrize(
    ("text", "language", "figure"),
    [
        ("I 2023 gennemførte CMM 290 udredninger, og 112 personer blev vurderet som ofre for "
         "menneskehandel.", "da", "290 udredninger"),
        ("In 2023, CMM carried out 290 assessments, of which 112 led to the person being "
         "identified as a victim.", "en", "290 assessments"),
    ],
)  # fmt: skip
def test_udredninger_and_assessments_are_still_the_assessments_indicator(
    store: Store, text: str, language: str, figure: str
) -> None:
    claim = claim_of(store, text, language, figure)  # type: ignore[arg-type]
    assert claim.indicator is not None and claim.indicator.code == "assessments"
    assert claim.verdict == "consistent", claim.explanation_en

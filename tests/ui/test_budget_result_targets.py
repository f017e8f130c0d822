"""The Budget page's words for a result indicator's target (issue 19): the target, and the
distance to it only against a complete year; a made-up target marked."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.domain.indicators import Target, TargetDirection, TargetKind
from planwatch.domain.targets import Standing, meets
from planwatch.ui.app_pages.budget import _target_text


def _standing(latest: int | None, *, year: int | None = 2027, made_up: bool = False) -> Standing:
    target = Target(
        "illu-kontakter",
        "p",
        year,
        TargetKind.TARGET,
        Decimal(500),
        "s",
        made_up,
        None,
        TargetDirection.AT_LEAST,
    )
    if latest is None:
        return Standing(target, year or 2029, None, None, None, None)
    value = Decimal(latest)
    met = meets(target.direction, value, target.value)
    return Standing(target, year or 2029, 2026, value, met, value - target.value)


@pytest.mark.parametrize(
    ("latest", "da", "en"),
    [
        (None, "mål 2027: mindst 500", "target 2027: at least 500"),
        (620, "mål 2027: mindst 500, nået", "target 2027: at least 500, met"),
        (
            95,
            "mål 2027: mindst 500, 405 under målet",
            "target 2027: at least 500, 405 below the target",
        ),
    ],
)
def test_a_target_with_the_distance_to_it(latest: int | None, da: str, en: str) -> None:
    assert _target_text(_standing(latest), "da") == da
    assert _target_text(_standing(latest), "en") == en


def test_a_target_for_the_plans_end_and_a_made_up_one() -> None:
    standing = _standing(1200, year=None, made_up=True)
    assert (
        _target_text(standing, "da")
        == "mål ved planens udløb (2029): mindst 500, nået (ILLUSTRATIVT)"
    )
    assert _target_text(standing, "en") == (
        "target for the plan's end (2029): at least 500, met (ILLUSTRATIVE)"
    )

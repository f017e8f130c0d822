"""Every form of exploitation listed after a count (issue 15): *vurderet at være handlet til
prostitution, tvangsarbejde eller kriminalitet* names every victim, so the count is the total,
not the sexual-exploitation part its first form names. A count that is not the total may still
be the sum of just the forms named: it is only called wrong when it is more than the total, or
when planwatch holds each form and their sum is another figure. Danish and English."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.claims.breakdowns import lists_every_form
from planwatch.claims.checking import check
from planwatch.claims.report import Claim
from planwatch.domain.permissions import View
from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import store, stored_values

__all__ = ["store"]

_EXACT = View(exact_small_counts=True)


def _count(store: Store, text: str, language: Language) -> Claim:
    found = [c for c in check(store, text, language=language, view=_EXACT).claims]
    assert len(found) == 1, [(c.kind, c.text, c.verdict) for c in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I 2016 blev 121 personer vurderet at være handlet til prostitution, tvangsarbejde "
         "eller kriminalitet.", "da"),
        ("I 2019 blev 64 personer vurderet handlet til enten seksuel udnyttelse, tvangsarbejde "
         "eller strafbare handlinger.", "da"),
        ("In 2016, 121 persons were assessed as trafficked for sexual exploitation, forced "
         "labour or forced criminality.", "en"),
    ],
)  # fmt: skip
def test_a_count_before_every_form_is_the_total(
    store: Store, text: str, language: Language
) -> None:
    claim = _count(store, text, language)
    assert claim.verdict == "consistent", claim.explanation_en
    year = 2016 if "2016" in text else 2019
    assert ("victims_assessed", year, Decimal(121 if year == 2016 else 64)) in stored_values(claim)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I 2016 blev 131 personer vurderet at være handlet til prostitution, tvangsarbejde "
         "eller kriminalitet.", "da"),
        ("In 2019, 61 persons were assessed as trafficked for sexual exploitation, forced "
         "labour or forced criminality.", "en"),
    ],
)  # fmt: skip
def test_a_wrong_total_before_every_form_is_caught(
    store: Store, text: str, language: Language
) -> None:
    # 131 is more than 2016's total; 61 is neither 2019's total (64) nor its three forms (60)
    assert _count(store, text, language).verdict == "inconsistent"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # 38 + 17 + 5 = 60 in 2019: the sum of just the forms named, not the total (64)
        ("In 2019, 60 persons were assessed as trafficked for sexual exploitation, forced "
         "labour or forced criminality.", "en"),
        ("I 2019 blev 60 personer vurderet handlet til prostitution, tvangsarbejde eller "
         "kriminalitet.", "da"),
        # 2016's forms are not held: a count under the total may be their sum
        ("I 2016 blev 115 personer vurderet at være handlet til prostitution, tvangsarbejde "
         "eller kriminalitet.", "da"),
    ],
)  # fmt: skip
def test_the_sum_of_the_forms_named_is_not_called_wrong(
    store: Store, text: str, language: Language
) -> None:
    claim = _count(store, text, language)
    assert claim.verdict == "not-checked", claim.explanation_en


@pytest.mark.parametrize(
    ("after", "language", "every"),
    [
        (" personer vurderet at være handlet til prostitution, tvangsarbejde eller kriminalitet",
         "da", True),
        (" persons trafficked for sexual exploitation, forced labour or forced criminality",
         "en", True),
        # two forms only: the combined part, not every victim
        (" personer handlet til tvangsarbejde eller kriminalitet", "da", False),
        (" persons trafficked for forced labour or forced criminality", "en", False),
        # a list with a sex in it is not a list of the forms
        (" kvinder, mænd og børn handlet til prostitution", "da", False),
        # another figure before the list: the list is that figure's
        (" personer, heraf 20 handlet til prostitution, tvangsarbejde eller kriminalitet",
         "da", False),
    ],
)  # fmt: skip
def test_which_lists_name_every_form(after: str, language: Language, every: bool) -> None:
    assert lists_every_form(after, language) is every


def test_one_form_stays_the_part(store: Store) -> None:
    text = "I 2019 blev 38 personer vurderet handlet til prostitution."
    claim = _count(store, text, "da")
    assert claim.verdict == "consistent", claim.explanation_en
    assert ("victims_assessed", 2019, Decimal(38)) in stored_values(claim)

"""*53 procent flere end i 2022* (issue 15): a per cent followed right away by *flere / færre /
more / fewer / higher / lower* and *end / than* a year (or *året før / the year before*) is a
change between the two years, checked like *en stigning på 53 pct.* Before, *flere end* was
always read as a qualifier (*mere end 50 procent*), and the per cent was "not a change"
(held-out set 4, five rows). A per cent before *more X than Y* (groups, not years) stays
unchecked. Stored: 73 in 2022, 112 in 2023 (+53.4 %)."""

from __future__ import annotations

import pytest

from planwatch.claims.checking import check
from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import claim_of, never_inconsistent, store

__all__ = ["store"]

DA = (
    "I 2023 blev 112 personer vurderet som ofre for menneskehandel. Det er {p} procent {word} "
    "end i 2022, hvor tallet var 73."
)
EN = (
    "In 2023, 112 people were assessed as victims of trafficking. That is {p} percent {word} than "
    "in 2022, when 73 people were assessed."
)


@pytest.mark.parametrize(
    ("text", "language", "more", "fewer"),
    [(DA, "da", "flere", "færre"), (EN, "en", "more", "fewer")],
)
def test_a_per_cent_more_than_a_year_is_a_change_between_the_years(
    store: Store, text: str, language: Language, more: str, fewer: str
) -> None:
    right = claim_of(store, text.format(p=53, word=more), language, "53", kind="change")
    assert right.verdict == "consistent" and right.years == (2022, 2023)
    wrong_size = claim_of(store, text.format(p=35, word=more), language, "35", kind="change")
    assert wrong_size.verdict == "inconsistent"
    wrong_way = claim_of(store, text.format(p=53, word=fewer), language, "53", kind="change")
    assert wrong_way.verdict == "inconsistent"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I 2023 blev 112 personer vurderet som ofre for menneskehandel, 53 procent flere end "
         "året før.", "da"),
        ("In 2023, 112 people were assessed as victims of trafficking, 53 percent more than the "
         "year before.", "en"),
    ],
)  # fmt: skip
def test_the_year_before_is_a_year_too(store: Store, text: str, language: Language) -> None:
    claim = claim_of(store, text, language, "53", kind="change")
    assert claim.verdict == "consistent" and claim.years == (2022, 2023)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I 2023 var der 20 procent flere kvinder end mænd blandt ofrene for menneskehandel.",
         "da"),
        ("I 2023 blev 112 personer vurderet som ofre for menneskehandel; mere end 50 procent var "
         "kvinder.", "da"),
        ("In 2023 there were 20 percent more women than men among the victims of trafficking.",
         "en"),
    ],
)  # fmt: skip
def test_more_than_between_groups_or_as_a_qualifier_is_no_change_of_years(
    store: Store, text: str, language: Language
) -> None:
    never_inconsistent(check(store, text, language=language))

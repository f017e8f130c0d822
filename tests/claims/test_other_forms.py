"""The forms of exploitation CMM and the TIP report count apart from the named ones (issue 15):
*ikke nærmere fastslået / undetermined*, *ikke oplyst / unspecified*, *andre former for
udnyttelse / other forms of exploitation*, *ikke registreret / not registered* are parts of
the victims, checked against the stored part (never against the total). Danish and English."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.claims.checking import check
from planwatch.claims.report import Claim
from planwatch.domain.permissions import View
from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import store, stored_values

__all__ = ["store"]

DA_2019 = (
    "I 2019 blev 64 personer vurderet som ofre for menneskehandel: 38 til seksuel udnyttelse, "
)
EN_2019 = "In 2019, 64 persons were assessed as victims of trafficking (38 sexual exploitation, "


def _claims(store: Store, text: str, language: Language) -> list[Claim]:
    return list(check(store, text, language=language, view=View(exact_small_counts=True)).claims)


def _at(claims: list[Claim], figure: str, nth: int = 1) -> Claim:
    return [c for c in claims if c.text == figure][nth - 1]


@pytest.mark.parametrize(
    ("text", "language", "figure", "verdict"),
    [
        (DA_2019 + "17 til tvangsarbejde og 4 med ikke nærmere fastslået udnyttelsesform.",
         "da", "4", "consistent"),
        (EN_2019 + "17 forced labour, four undetermined).", "en", "four", "consistent"),
        (DA_2019 + "17 til tvangsarbejde og 6 med ikke nærmere fastslået udnyttelsesform.",
         "da", "6", "inconsistent"),
        (EN_2019 + "17 forced labour, six undetermined).", "en", "six", "inconsistent"),
    ],
)  # fmt: skip
def test_an_undetermined_form_is_its_own_part(
    store: Store, text: str, language: Language, figure: str, verdict: str
) -> None:
    claims = _claims(store, text, language)
    assert [c.verdict for c in claims if c.text != figure] == ["consistent"] * 3
    claim = _at(claims, figure)
    assert claim.verdict == verdict, claim.explanation_en
    assert stored_values(claim) == [("victims_assessed", 2019, Decimal(4))]
    if verdict == "inconsistent":
        assert claim.correct is not None and "4" in claim.correct


@pytest.mark.parametrize(
    ("text", "language", "figures"),
    [
        ("I 2017 blev 98 personer identificeret som ofre. Af dem var 3 handlet til andre former "
         "for udnyttelse, og 3 var ikke registreret.", "da", ("3", "3")),
        ("In 2017, 98 persons were identified as victims. Of these, three were trafficked for "
         "other forms of exploitation and three were not registered.", "en", ("three", "three")),
    ],
)  # fmt: skip
def test_other_and_not_registered_agree_with_the_tip_report(
    store: Store, text: str, language: Language, figures: tuple[str, str]
) -> None:
    claims = _claims(store, text, language)
    assert all(c.verdict == "consistent" for c in claims), [c.explanation_en for c in claims]
    for nth, figure in enumerate(figures, start=1):
        held = stored_values(_at(claims, figure, nth))
        assert ("victims_identified_tip", 2017, Decimal(3)) in held


@pytest.mark.parametrize(
    ("text", "language", "figure", "verdict"),
    [
        ("In 2022, 72 victims were identified according to the TIP report, of whom 12 were "
         "unspecified forms of trafficking.", "en", "12", "inconsistent"),
        ("I 2022 blev 72 ofre identificeret ifølge TIP-rapporten, heraf 21 med ikke oplyst "
         "udnyttelsesform.", "da", "21", "consistent"),
    ],
)  # fmt: skip
def test_unspecified_forms_in_the_tip_series(
    store: Store, text: str, language: Language, figure: str, verdict: str
) -> None:
    claim = _at(_claims(store, text, language), figure)
    assert claim.verdict == verdict, claim.explanation_en
    assert ("victims_identified_tip", 2022, Decimal(21)) in stored_values(claim)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # a registration with the police, a nationality: not a form of exploitation planwatch
        # holds for 2019
        ("In 2019, 64 persons were assessed as victims; 12 were not registered with the police.",
         "en"),
        ("I 2019 blev 64 personer vurderet som ofre; for 12 var nationaliteten ukendt.", "da"),
    ],
)  # fmt: skip
def test_near_misses_are_never_inconsistent(store: Store, text: str, language: Language) -> None:
    claim = _at(_claims(store, text, language), "12")
    assert claim.verdict in ("not-in-data", "not-checked"), claim.explanation_en

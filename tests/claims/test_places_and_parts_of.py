"""Two false alarms found by attacking the claim check with sentences about other places and
other groups (round 35; issue 15: "a false inconsistent on a true sentence is the worst
outcome"):

- **Another country or region**: *Finland identified 195 victims of trafficking in 2023* was
  judged inconsistent against Denmark's 112, *the number of identified victims in the Nordic
  countries rose by 40 percent* against Denmark's change, and *I Sverige blev 112 personer
  identificeret som ofre* consistent by coincidence. planwatch holds Denmark's figures: a figure
  a sentence gives for another country or region is not checked, and says so. A country named as
  where victims come from (*fra Nigeria*) is an origin, and a figure for Denmark in the same
  sentence is still checked.
- **A trade**: *og 15 var udsat for tvangsarbejde i landbruget* compared the 15 with every
  victim of forced labour (23); a trade or sector (*i landbruget*, *in construction*) is a part
  planwatch does not hold.
- **A count followed by *af dem / of them***: *112 personer …, og 40 af dem modtog en
  refleksionsperiode* compared the 40 with all 112; a count followed by these words is a part of
  the count before it, as one after *heraf / of whom* is, and a part it does not name is not
  checked.

Stored: victims assessed 112 (2023), 64 (2019), 98 (2017); women 41 (2019); the plan 2022–2025
118.2 mio. kr."""

from __future__ import annotations

import pytest

from planwatch.storage import Store
from tests.claims.checked_texts import checked, claim_of, never_inconsistent, store

__all__ = ["store"]


@pytest.mark.parametrize(
    ("text", "language", "figure", "place"),
    [
        ("Finland identified 195 victims of trafficking in 2023.", "en", "195", "Finland"),
        ("In 2019, 25 men were identified as victims of trafficking in Norway.", "en", "25",
         "Norway"),  # English *men* ends no clause (Danish *men* is "but")
        ("In 2024, 85 presumed victims were identified in Norway, compared with 73 in 2022.",
         "en", "73", "Norway"),
        ("Between 2015 and 2019, the number of identified victims in the Nordic countries rose "
         "by 40 percent.", "en", "40 percent", "the Nordic countries"),
        ("I Sverige blev 112 personer identificeret som ofre for menneskehandel i 2023.", "da",
         "112", "Sverige"),
        ("Svenske myndigheder identificerede 195 ofre for menneskehandel i 2023.", "da", "195",
         "Svenske myndigheder"),
        ("Ifølge Europol blev 7.155 ofre for menneskehandel registreret i EU i 2021.", "da",
         "7.155", "EU"),
        ("I Sverige har regeringen afsat 120 mio. kr. til handlingsplanen mod menneskehandel "
         "2022-2025.", "da", "120 mio. kr.", "Sverige"),
    ],
)  # fmt: skip
def test_a_figure_for_another_country_or_region_is_not_checked(
    store: Store, text: str, language: str, figure: str, place: str
) -> None:
    claim = claim_of(store, text, language, figure)
    assert claim.verdict == "not-checked", claim.explanation_en
    assert not claim.stored
    assert f"another country or region than Denmark (“{place}”)" in claim.explanation_en
    assert f"andet land eller område end Danmark (»{place}«)" in claim.explanation_da


@pytest.mark.parametrize(
    ("text", "language", "danish", "foreign"),
    [
        ("Denmark identified {d} victims in 2019, compared with 195 in Finland.", "en", "64",
         "195"),
        ("In 2019, {d} victims were identified in Denmark and 195 in Finland.", "en", "64",
         "195"),
        ("I 2023 blev {d} personer vurderet som ofre for menneskehandel i Danmark, mens Sverige "
         "identificerede 195.", "da", "112", "195"),
    ],
)  # fmt: skip
def test_denmarks_figure_beside_another_countrys_is_still_checked(
    store: Store, text: str, language: str, danish: str, foreign: str
) -> None:
    right = claim_of(store, text.format(d=danish), language, danish)
    assert right.verdict == "consistent", right.explanation_en
    wrong = claim_of(store, text.format(d=int(danish) + 5), language, str(int(danish) + 5))
    assert wrong.verdict == "inconsistent", wrong.explanation_en
    other = claim_of(store, text.format(d=danish), language, foreign)
    assert other.verdict == "not-checked"


@pytest.mark.parametrize(
    ("text", "language", "figure", "verdict"),
    [
        ("Af de 64 personer, som er vurderet som ofre for menneskehandel i 2019, er 41 kvinder, "
         "primært fra Nigeria og Thailand.", "da", "41 kvinder", "consistent"),
        ("Af de 64 personer, som er vurderet som ofre for menneskehandel i 2019, er 44 kvinder, "
         "primært fra Nigeria og Thailand.", "da", "44 kvinder", "inconsistent"),
        ("The Council of Europe's GRETA notes that 64 victims were identified in 2019.", "en",
         "64", "consistent"),
        ("Ifølge den amerikanske TIP-rapport blev 64 ofre identificeret i 2019.", "da", "64",
         "consistent"),
        ("According to the US State Department, Denmark identified 98 victims in 2017.", "en",
         "98", "consistent"),
    ],
)  # fmt: skip
def test_an_origin_an_institution_or_the_tip_reports_country_is_no_other_place(
    store: Store, text: str, language: str, figure: str, verdict: str
) -> None:
    claim = claim_of(store, text, language, figure)
    assert claim.verdict == verdict, claim.explanation_en


@pytest.mark.parametrize(
    ("text", "language", "part"),
    [
        ("I 2023 blev 112 personer vurderet som ofre for menneskehandel, og 40 af dem modtog en "
         "refleksionsperiode.", "da", "40"),
        ("In 2017, 98 victims of trafficking were identified, and 70 of them were repatriated.",
         "en", "70"),
        ("In 2019, 64 persons were assessed as victims of trafficking, and 12 among them were "
         "granted a residence permit.", "en", "12"),
    ],
)  # fmt: skip
def test_a_count_followed_by_of_them_is_a_part_of_the_count_before_it(
    store: Store, text: str, language: str, part: str
) -> None:
    report = checked(store, text, language)  # type: ignore[arg-type]
    never_inconsistent(report)
    claim = claim_of(store, text, language, part, at_start=True)
    assert claim.verdict == "not-checked", claim.explanation_en
    whole = next(c for c in report.claims if c.text != claim.text and c.kind == "count")
    assert whole.verdict == "consistent", whole.explanation_en


@pytest.mark.parametrize(
    ("text", "language", "part"),
    [
        ("I 2023 blev 112 personer vurderet som ofre for menneskehandel, og 15 var udsat for "
         "tvangsarbejde i landbruget.", "da", "15"),
        ("In 2023, 112 persons were assessed as victims of trafficking, and 15 were trafficked "
         "for forced labour in construction.", "en", "15"),
    ],
)  # fmt: skip
def test_a_trade_is_a_part_planwatch_does_not_hold(
    store: Store, text: str, language: str, part: str
) -> None:
    claim = claim_of(store, text, language, part, at_start=True)
    assert claim.verdict == "not-checked", claim.explanation_en
    assert "a trade" in claim.explanation_en and "en branche" in claim.explanation_da

"""Three more false alarms found by attacking the claim check (round 35, second batch; issue
15), each a part read as the whole or the whole as a part:

- ***N af de M / N of the M***: *og 41 af de 64 var kvinder* compared 41 with all 64 victims and
  64 with the 41 women (two false alarms in one true sentence). M is the whole and N the part:
  the part named after M is N's, unless it stands right after M (*30 af de 41 kvinder kom fra
  Nigeria*: 41 women, and 30 a part of them; with the origin, neither is checked).
- **A residence status**: *hvoraf 15 var mindreårige asylansøgere* compared 15 with every minor
  (9); asylum seekers, unaccompanied minors, refugees and migrant workers are parts planwatch
  does not hold.
- **Money for part of the plan**: *25 mio. kr. til en ny hotline, som en del af handlingsplanen
  2022-2025* was compared with the plan's 118.2 mio. kr.; an amount said to be part of the plan
  is not its total.

Stored: victims assessed 64 (2019), 77 (2020); women 41 (2019); under 18 9 (2020); the plan
2022–2025 118.2 mio. kr."""

from __future__ import annotations

import pytest

from planwatch.storage import Store
from tests.claims.checked_texts import checked, claim_of, never_inconsistent, store

__all__ = ["store"]

WHOLE_AND_PART = [
    ("I 2019 blev 64 personer vurderet som ofre for menneskehandel, og {n} af de 64 var "
     "kvinder.", "da"),
    ("I 2019 blev 64 personer vurderet som ofre for menneskehandel, og {n} ud af 64 var "
     "kvinder.", "da"),
    ("I 2019 var {n} af de 64 ofre for menneskehandel kvinder.", "da"),
    ("In 2019, 64 victims were identified, and {n} of the 64 were women.", "en"),
    ("In 2019, {n} out of the 64 identified victims of trafficking were women.", "en"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "language"), WHOLE_AND_PART)
def test_in_n_of_the_m_the_part_is_ns_and_m_is_the_whole(
    store: Store, text: str, language: str
) -> None:
    right = checked(store, text.format(n=41), language)  # type: ignore[arg-type]
    never_inconsistent(right)
    part = claim_of(store, text.format(n=41), language, "41", at_start=False)
    assert part.verdict == "consistent", part.explanation_en
    assert "(Women)" in part.explanation_en
    wrong = claim_of(store, text.format(n=44), language, "44")
    assert wrong.verdict == "inconsistent", wrong.explanation_en
    assert "(Women)" in wrong.explanation_en and "holds 41" in wrong.explanation_en


def test_a_part_written_right_after_the_whole_is_the_wholes_own(store: Store) -> None:
    text = (
        "I 2019 blev 64 personer vurderet som ofre for menneskehandel, og 30 af de 41 kvinder "
        "kom fra Nigeria."
    )
    never_inconsistent(checked(store, text, "da"))
    women = claim_of(store, text, "da", "41")  # women from Nigeria: a part planwatch lacks
    assert women.verdict == "not-checked" and "holds 64" not in women.explanation_en
    assert claim_of(store, text, "da", "30", at_start=True).verdict == "not-checked"
    wrong = claim_of(store, text.replace("41", "46"), "da", "46")
    assert wrong.verdict != "consistent"


@pytest.mark.parametrize(
    ("text", "language", "part"),
    [
        ("I 2020 blev 77 personer vurderet som ofre for menneskehandel, hvoraf 15 var "
         "mindreårige asylansøgere.", "da", "15"),
        ("In 2020, 77 persons were assessed as victims of trafficking, including 15 "
         "unaccompanied minors.", "en", "15"),
    ],
)  # fmt: skip
def test_a_residence_status_is_a_part_planwatch_does_not_hold(
    store: Store, text: str, language: str, part: str
) -> None:
    claim = claim_of(store, text, language, part, at_start=True)
    assert claim.verdict == "not-checked", claim.explanation_en


@pytest.mark.parametrize(
    ("text", "language", "figure"),
    [
        ("Regeringen har afsat 25 mio. kr. til en ny hotline, som en del af handlingsplanen "
         "2022-2025.", "da", "25 mio. kr."),
        ("As part of the action plan 2022-2025, the government allocated DKK 25 million to a "
         "new hotline.", "en", "DKK 25 million"),
    ],
)  # fmt: skip
def test_money_for_a_part_of_the_plan_is_not_compared_with_its_total(
    store: Store, text: str, language: str, figure: str
) -> None:
    claim = claim_of(store, text, language, figure)
    assert claim.verdict == "not-checked", claim.explanation_en
    assert "part of the action plan" in claim.explanation_en
    total = "Handlingsplanen 2022-2025 har en samlet ramme på 118,2 mio. kr."
    assert claim_of(store, total, "da", "118,2 mio. kr.").verdict == "consistent"


@pytest.mark.parametrize(
    ("text", "language", "figure"),
    [
        ("Fra 2022 til 2023 steg antallet af vurderede ofre med {p} pct., mens antallet af sager "
         "faldt.", "da", "pct."),
        ("Antallet af sager faldt, mens antallet af vurderede ofre steg med {p} pct. fra 2022 til "
         "2023.", "da", "pct."),
        ("From 2022 to 2023 the number of victims rose by {p} percent, while the number of "
         "cases fell.", "en", "percent"),
    ],
)  # fmt: skip
def test_a_change_word_in_another_clause_is_not_the_per_cents(
    store: Store, text: str, language: str, figure: str
) -> None:
    """*steg med 53 pct., mens antallet af sager faldt* was read as a fall of 53 per cent (the
    nearer word, but in the clause after *mens*) and called wrong."""
    right = claim_of(store, text.format(p=53), language, figure, kind="change")
    assert right.verdict == "consistent", right.explanation_en
    wrong = claim_of(store, text.format(p=35), language, figure, kind="change")
    assert wrong.verdict == "inconsistent", wrong.explanation_en


def test_english_men_is_no_clause_between_a_per_cent_and_its_change_word(store: Store) -> None:
    """Danish *men* is "but" and begins another clause; English *men* is a part of the victims:
    *an increase among men of 76 percent* keeps its change word."""
    text = "The number of men rose from 2020 to 2021, an increase among men of 76 percent."
    claim = claim_of(store, text, "en", "76 percent")
    assert claim.kind == "change", claim.explanation_en

"""A number stated as a target is not a recorded figure (issue 15, issue 19): *Regeringens mål
er, at mindst 150 personer i 2023 vurderes som ofre* must not be compared with the 112 persons
assessed in 2023, which would be a false alarm on a true sentence. Such a number is "not
checked" with the reason. The speaking note's own target sentences (notes/targets.py) are read
the same way. A target word governs only its own clause, whole words only (*målgruppen* is no
target). Danish and English."""

from __future__ import annotations

import pytest

from planwatch.claims.checking import check
from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import store

__all__ = ["store"]


def _verdicts(store: Store, text: str, language: Language) -> dict[str, str]:
    return {c.text: c.verdict for c in check(store, text, language=language).claims}


def _reason(store: Store, text: str, language: Language, figure: str) -> tuple[str, str]:
    (claim,) = [c for c in check(store, text, language=language).claims if figure in c.text]
    return claim.verdict, claim.explanation_en


@pytest.mark.parametrize(
    ("text", "language", "figure"),
    [
        ("Regeringens mål er, at mindst 150 personer i 2023 vurderes som ofre for "
         "menneskehandel.", "da", "150"),
        ("Målsætningen var 150 personer vurderet som ofre for menneskehandel i 2023.", "da", "150"),
        ("Planens mål for 2023 er mindst 150 udredninger.", "da", "150"),
        ("The government's target was 150 persons assessed as victims of trafficking in 2023.",
         "en", "150"),
        ("The plan's goal for 2023 is at least 150 assessments.", "en", "150"),
    ],
)  # fmt: skip
def test_a_target_is_not_checked_against_the_years_figure(
    store: Store, text: str, language: Language, figure: str
) -> None:
    verdict, why = _reason(store, text, language, figure)
    assert verdict == "not-checked"
    assert "target" in why


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # the target word after the count, in its own clause, or part of another word
        ("I 2023 blev 112 personer vurderet som ofre for menneskehandel; målet var 150.", "da"),
        ("Målgruppen er stor: i 2023 blev 112 personer vurderet som ofre for menneskehandel.",
         "da"),
        ("Målet er at hjælpe flere, men i 2023 blev 112 personer vurderet som ofre for "
         "menneskehandel.", "da"),
        ("In 2023, 112 persons were assessed as victims of trafficking; the target was 150.",
         "en"),
    ],
)  # fmt: skip
def test_a_recorded_figure_beside_a_target_is_still_checked(
    store: Store, text: str, language: Language
) -> None:
    verdicts = _verdicts(store, text, language)
    checked = [v for t, v in verdicts.items() if "112" in t]
    assert checked == ["consistent"], verdicts


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_speaking_notes_target_sentence_raises_no_alarm(
    store: Store, language: Language
) -> None:
    text = (
        "Planens mål for 2025 er mindst 300 udredninger; med 290 i 2023 ligger tallet 10 under "
        "målet."
        if language == "da"
        else "The plan's target for 2025 is at least 300 assessments; at 290 in 2023 the "
        "figure is 10 below the target."
    )
    verdicts = _verdicts(store, text, language)
    assert "inconsistent" not in verdicts.values(), verdicts
    assert "consistent" in verdicts.values()  # the 290 of 2023 is read and found right

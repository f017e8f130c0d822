"""Every text of the app exists in Danish and English, once."""

from __future__ import annotations

import string

from planwatch.ui import i18n
from planwatch.ui.texts import about, accounts, budget, cards, exports, frame, notes, plans, review
from planwatch.ui.texts.charts import CHART_TEXTS


def test_no_text_replaces_another_text() -> None:
    tables = [
        i18n.DASHBOARD_TEXTS,
        accounts.ACCESS_TEXTS,
        exports.EXPORT_TEXTS,
        notes.NOTES_TEXTS,
        review.REVIEW_TEXTS,
        about.ABOUT_TEXTS,
        budget.BUDGET_TEXTS,
        frame.FRAME_TEXTS,
        CHART_TEXTS,
        cards.CARDS_TEXTS,
        plans.PLANS_TEXTS,
    ]
    assert sum(len(table) for table in tables) == len(i18n.TEXTS)
    assert set(i18n.TEXTS) == set().union(*tables)


def test_every_text_has_both_languages_with_the_same_placeholders() -> None:
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, texts in i18n.TEXTS.items():
        assert set(texts) == {"da", "en"}, key
        assert fields(texts["da"]) == fields(texts["en"]), key

"""The Indicators page tells an official which words the claim check knows each indicator by
(its synonyms as of the page's moment), folded, in the page's language, as plain text."""

from __future__ import annotations

import pytest

from planwatch.figures import reporting
from planwatch.storage import Store
from tests.ui.test_ui_pages import _run_page

INDICATORS = "src/planwatch/ui/pages/indicators.py"


@pytest.mark.parametrize(
    ("language", "label"), [("da", "Andre ord for indikatoren"), ("en", "Other words for")]
)
def test_each_indicator_with_synonyms_lists_them_folded(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, language: str, label: str
) -> None:
    app = _run_page(demo_store.path, monkeypatch, INDICATORS, language)
    assert not app.exception
    folded = [e for e in app.expander if str(e.label).startswith(label)]
    assert folded, [e.label for e in app.expander]
    shown = " ".join(str(m.value) for e in folded for m in e.markdown)
    victims = reporting.indicator(demo_store, "victims_assessed").synonyms(language)
    assert any(f"({len(victims)})" in str(e.label) for e in folded)
    assert victims[0] in shown.replace("\\", "")

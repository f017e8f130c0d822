"""Issue 18 on a phone (390×844) in a real browser: the Budget page's charts fit the width, the
allocation chart's bars are on the screen and its long initiative names are wrapped, and no
tile title on the overview is cut off; a chart offers its table in words, not Streamlit's raw
plotting frame. Screenshots under test-artifacts/."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .conftest import RunningApp, sign_in

pytestmark = pytest.mark.e2e

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}

_CHART_BOXES = """() => Array.from(
  document.querySelectorAll('[data-testid=stVegaLiteChart] svg.marks, '
    + '[data-testid=stVegaLiteChart] canvas')
).map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.width]; })"""

_BARS = """() => Array.from(
  document.querySelectorAll('[data-testid=stVegaLiteChart] g.mark-rect path')
).map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.width]; })"""

_AXIS_LABEL_LINES = """() => Array.from(
  document.querySelectorAll('[data-testid=stVegaLiteChart] g.role-axis-label text')
).map(e => e.querySelectorAll('tspan').length)"""

_CUT_TEXT = """() => Array.from(
  document.querySelectorAll('[data-testid=stMetricLabel], [data-testid=stMetricLabel] *')
).filter(e => e.scrollWidth > e.clientWidth + 1
  && (getComputedStyle(e).overflowX !== 'visible'
      || getComputedStyle(e).textOverflow === 'ellipsis')).map(e => e.textContent)"""
"""Text that does not fit its box and is hidden or cut with an ellipsis there."""

_ELLIPSES = """() => Array.from(
  document.querySelectorAll('[data-testid=stVegaLiteChart] text')
).map(e => e.textContent).filter(t => t.endsWith('…'))"""


_ALL_FIT = (
    """() => {
  const width = window.innerWidth;
  const boxes = ("""
    + _CHART_BOXES
    + """)();
  return boxes.length > 0 && boxes.every(([left, right, w]) =>
    left >= -1 && right <= width + 1 && w <= width);
}"""
)


def _redrawn(page: Page) -> None:
    """Wait, up to 15 s, until the charts have redrawn for the new width (Vega redraws after a
    resize; on a loaded machine later than the fixed 1.5 s pause this used to take, which
    failed once in CI with a chart still 939 px wide). Whether they fit is then asserted."""
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(_ALL_FIT, timeout=15_000)


def _fits(page: Page) -> dict[str, Any]:
    width = page.evaluate("() => window.innerWidth")
    scroll = page.evaluate("() => document.scrollingElement.scrollWidth")
    assert scroll <= width, f"the page scrolls sideways: {scroll} > {width}"
    boxes = page.evaluate(_CHART_BOXES)
    assert boxes, "charts drawn"
    for left, right, box_width in boxes:
        assert left >= -1 and right <= width + 1 and box_width <= width, (left, right, width)
    return {"width": width}


@pytest.mark.parametrize(("language", "budget"), [("da", "Budget"), ("en", "Budget")])
def test_budget_charts_fit_a_phone_with_bars_on_screen_and_names_wrapped(
    page: Page, shared_app: RunningApp, language: str, budget: str
) -> None:
    sign_in(page, shared_app, "demo-viewer", language=language)
    page.locator("[data-testid=stSidebarNav]").get_by_role("link", name=budget, exact=True).click()
    expect(page.get_by_role("heading", name=budget, exact=True)).to_be_visible()
    page.set_viewport_size(PHONE)
    expect(page.locator("[data-testid=stVegaLiteChart]").nth(1)).to_be_visible()
    _redrawn(page)
    width = _fits(page)["width"]
    bars = page.evaluate(_BARS)
    assert bars, "the allocation chart's bars are drawn"
    assert all(right <= width + 1 and w > 0 for _, right, w in bars), (bars, width)
    assert any(w > 20 for _, _, w in bars), "bars wide enough to see"
    assert max(page.evaluate(_AXIS_LABEL_LINES)) >= 2, "long names wrapped over lines"
    assert not page.evaluate(_ELLIPSES), page.evaluate(_ELLIPSES)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"phone-{language}-budget.png"), full_page=True)
    allocation = page.locator("[data-testid=stVegaLiteChart]").nth(1)
    allocation.screenshot(path=str(ARTIFACTS / f"phone-{language}-budget-allocation.png"))


@pytest.mark.parametrize("size", [{"width": 1440, "height": 900}, PHONE])
def test_no_tile_title_is_cut_off(page: Page, shared_app: RunningApp, size: dict[str, int]) -> None:
    sign_in(page, shared_app, "demo-viewer")
    page.set_viewport_size(size)
    expect(page.locator("[data-testid=stMetricLabel]").first).to_be_visible()
    page.wait_for_timeout(1000)
    cut = page.evaluate(_CUT_TEXT)
    assert not cut, cut
    ARTIFACTS.mkdir(exist_ok=True)
    name = f"tiles-{size['width']}.png"
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


@pytest.mark.parametrize("size", [{"width": 1440, "height": 900}, PHONE])
def test_indicator_charts_fit_and_cut_no_text(
    page: Page, shared_app: RunningApp, size: dict[str, int]
) -> None:
    sign_in(page, shared_app, "demo-viewer")
    page.locator("[data-testid=stSidebarNav]").get_by_role(
        "link", name="Indikatorer", exact=True
    ).click()
    expect(page.get_by_role("heading", name="Indikatorer", exact=True)).to_be_visible()
    page.set_viewport_size(size)
    expect(page.locator("[data-testid=stVegaLiteChart]").nth(2)).to_be_visible()
    _redrawn(page)
    _fits(page)
    assert not page.evaluate(_ELLIPSES), page.evaluate(_ELLIPSES)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"indicators-{size['width']}.png"), full_page=True)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("da", ("Indikatorer", "Tallene bag figuren", "Hent som PNG", "Vis tallene")),
        ("en", ("Indicators", "The figures behind the chart", "Download as PNG", "Show data")),
    ],
)
def test_a_chart_offers_its_table_in_words_not_the_raw_plotting_frame(
    page: Page, shared_app: RunningApp, language: str, words: tuple[str, str, str, str]
) -> None:
    """The text alternative of a chart is the table below it, in the reader's language;
    Streamlit's own "Show data" (the plotting frame, with its codes) is not offered."""
    title, table, png, raw = words
    sign_in(page, shared_app, "demo-viewer", language=language)
    page.locator("[data-testid=stSidebarNav]").get_by_role("link", name=title).click()
    chart = page.locator("[data-testid=stVegaLiteChart]").first
    expect(chart).to_be_visible()
    chart.hover()
    toolbar = page.locator("[data-testid=stElementToolbarButton]")
    expect(toolbar.filter(has=page.get_by_role("button", name=png))).not_to_have_count(0)
    expect(page.get_by_role("button", name=raw, exact=True)).to_have_count(0)
    expander = page.get_by_text(table, exact=True).first
    expect(expander).to_be_visible()
    expander.click()
    expect(page.locator("[data-testid=stTable]").first).to_be_visible()

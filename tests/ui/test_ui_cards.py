"""Issue 18: wide tables as cards on a phone. Every wide table is drawn twice: the data grid for a
desk and a list of cards (one per row, "column: value" a line each) that the frame's CSS shows
instead on a narrow screen. Headless (AppTest): the cards carry the table's labels and values in
the page's language, escape what users typed, and stop at a cap with a line saying so."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from planwatch.access import approvals, audit
from planwatch.access.audit import AuditAction
from planwatch.storage import Store
from planwatch.ui import cards, frame
from tests.paths import PAGES
from tests.ui.test_ui_admin_pages import KPI_FILE, REVISED_Q1, _click, _page, _submit, _who
from tests.ui.test_ui_pages import _run_page

Card = tuple[str, list[tuple[str, str]]]


class _Cards(HTMLParser):
    """The cards of an HTML block: (title, [(label, value), ...]) each, and the text after."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[Card] = []
        self.more: list[str] = []
        self.tags: list[str] = []
        self._in: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        classes = dict(attrs).get("class") or ""
        if tag == "li" and "pw-card" in classes.split():
            self.cards.append(("", []))
        if "pw-card-title" in classes.split() or tag in ("dt", "dd") or "pw-cards-more" in classes:
            self._in, self._text = ("title" if "pw-card-title" in classes else tag), ""
            if "pw-cards-more" in classes:
                self._in = "more"

    def handle_endtag(self, tag: str) -> None:
        if self._in is None:
            return
        if self._in == "title" and tag == "p":
            _, fields = self.cards[-1]
            self.cards[-1] = (self._text, fields)
        elif self._in == "dt" and tag == "dt":
            self.cards[-1][1].append((self._text, ""))
        elif self._in == "dd" and tag == "dd":
            label, _ = self.cards[-1][1][-1]
            self.cards[-1][1][-1] = (label, self._text)
        elif self._in == "more":
            self.more.append(self._text)
        else:
            return
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._text += data


def _parse(markup: str) -> _Cards:
    parser = _Cards()
    parser.feed(markup)
    return parser


def _block_keys(app: AppTest) -> set[str]:
    return {
        str(node.key)
        for node in app.main
        if isinstance(node, Block) and node is not app.main and node.key
    }


def _card_blocks(app: AppTest) -> list[_Cards]:
    return [_parse(h.value) for h in app.html if 'class="pw-cards"' in h.value]


# --- the helper -----------------------------------------------------------------------------


def test_each_row_is_a_card_titled_by_its_first_column_with_a_line_per_other_column() -> None:
    frame = pd.DataFrame(
        {"Indsats": ["Opsøgende arbejde", "Exitprogram"], "Bevilget": ["10,0 mio. kr.", "–"]}
    )
    parsed = _parse(cards.cards_html(frame, "da"))
    assert parsed.cards == [
        ("Opsøgende arbejde", [("Bevilget", "10,0 mio. kr.")]),
        ("Exitprogram", [("Bevilget", "–")]),
    ]
    assert parsed.more == []
    assert parsed.tags[0] == "ul"
    assert {"li", "dl", "dt", "dd"} <= set(parsed.tags)


def test_the_title_column_can_be_chosen_and_empty_cells_are_left_out() -> None:
    frame = pd.DataFrame(
        {"Nr.": [7], "Handling": ["Mislykket login"], "Emne": [""], "Hvorfra": [None]}
    )
    parsed = _parse(cards.cards_html(frame, "da", title="Handling"))
    assert parsed.cards == [("Mislykket login", [("Nr.", "7")])]


def test_a_number_as_title_keeps_its_label() -> None:
    frame = pd.DataFrame({"Nr.": [12], "Status": ["godkendt"]})
    assert _parse(cards.cards_html(frame, "da")).cards == [("Nr. 12", [("Status", "godkendt")])]


def test_text_from_users_and_the_database_is_escaped() -> None:
    evil = '<img src=x onerror="alert(1)">'
    frame = pd.DataFrame({f"Navn {evil}": [evil], "Kommentar": [f"**fed** {evil} & co"]})
    markup = cards.cards_html(frame, "da")
    assert "<img" not in markup
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in markup
    parsed = _parse(markup)
    assert parsed.cards == [(evil, [("Kommentar", f"**fed** {evil} & co")])]


@pytest.mark.parametrize(
    ("language", "line"),
    [
        (
            "da",
            "Her vises de første 50 af 1.234 rækker. De øvrige 1.184 står i tabellen på en "
            "større skærm.",
        ),
        (
            "en",
            "The first 50 of 1,234 rows are shown here. The other 1,184 are in the table on a "
            "larger screen.",
        ),
    ],
)
def test_a_long_table_shows_the_first_rows_as_cards_and_says_how_many_more(
    language: str, line: str
) -> None:
    frame = pd.DataFrame({"Nr.": list(range(1234, 0, -1)), "Bruger": ["a"] * 1234})
    markup = cards.cards_html(frame, language)
    parsed = _parse(markup)
    assert len(parsed.cards) == cards.CARD_LIMIT == 50
    assert parsed.cards[0][0] == "Nr. 1234" and parsed.cards[-1][0] == "Nr. 1185"
    assert parsed.more == [line]
    assert len(markup) < 20_000


def test_the_count_behind_a_capped_table_may_be_larger_than_the_table() -> None:
    frame = pd.DataFrame({"Nr.": [3, 2, 1]})
    parsed = _parse(cards.cards_html(frame, "en", limit=2, total=5000))
    assert [title for title, _ in parsed.cards] == ["Nr. 3", "Nr. 2"]
    assert parsed.more == [
        "The first 2 of 5,000 rows are shown here. The other 4,998 are in the table on a "
        "larger screen."
    ]


# --- the pages ------------------------------------------------------------------------------

BUDGET = "src/planwatch/ui/pages/budget.py"


@pytest.mark.parametrize(
    ("language", "labels", "money"),
    [
        ("da", ("Bevilling", "Forbrug", "Tempo", "Indsatsområde"), "10,0 mio. kr."),
        ("en", ("Allocation", "Spending", "Pace", "Action area"), "DKK 10.0m"),
    ],
)
def test_the_budget_tables_are_cards_too(
    demo_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    labels: tuple[str, ...],
    money: str,
) -> None:
    app = _run_page(demo_store.path, monkeypatch, BUDGET, language)
    grids = [d.value for d in app.dataframe]
    blocks = _card_blocks(app)
    assert len(blocks) == len(grids) >= 3, "a list of cards beside every table"
    for grid, block in zip(grids, blocks, strict=True):
        assert len(block.cards) == min(len(grid), cards.CARD_LIMIT)
    initiatives = set(grids[0].iloc[:, 1])
    assert {title for title, _ in blocks[0].cards} == initiatives, "titled by the initiative"
    lines = {label for block in blocks for _, fields in block.cards for label, _ in fields}
    for label in labels:
        assert label in lines, (label, lines)
    values = {value for block in blocks for _, fields in block.cards for _, value in fields}
    assert money in values
    assert _block_keys(app) >= {"pw-grid-budget-initiatives", "pw-cards-budget-initiatives"}


def test_the_audit_log_cards_stop_at_the_cap_and_escape_what_was_typed(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    evil = "<img src=x onerror=alert(1)>"
    for _ in range(cards.CARD_LIMIT + 5):
        audit.record_now(
            users_store, actor=evil, action=AuditAction.SIGN_IN_FAILED, origin="web <b>1</b>"
        )
    app = _page(users_store, monkeypatch, "audit_log", "auditor1")
    total = len(app.dataframe[0].value)
    [block] = _card_blocks(app)
    assert len(block.cards) == cards.CARD_LIMIT < total
    title, fields = block.cards[0]
    assert title == "Mislykket login"
    assert ("Bruger", evil) in fields and ("Hvorfra", "web <b>1</b>") in fields
    assert [label for label, _ in fields][:2] == ["Nr.", "Tidspunkt (dansk tid, ISO)"]
    assert block.more == [
        f"Her vises de første 50 af {total} rækker. De øvrige {total - 50} står i tabellen "
        "på en større skærm."
    ]
    markup = next(h.value for h in app.html if 'class="pw-cards"' in h.value)
    assert "<img" not in markup and "<b>" not in markup


@pytest.mark.parametrize(("language", "label"), [("da", "Fund"), ("en", "Finding")])
def test_the_audit_chain_findings_are_cards_too(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, language: str, label: str
) -> None:
    with users_store.connect() as connection:
        connection.execute(
            "UPDATE observation_versions SET value = 500 WHERE version_id = "
            "(SELECT min(version_id) FROM observation_versions WHERE value IS NOT NULL)"
        )
    app = _page(users_store, monkeypatch, "audit_log", "auditor1", language)
    _click(app, "Kontrollér kæden" if language == "da" else "Verify chain")
    [findings] = [d.value for d in app.dataframe if list(d.value.columns) == [label]]
    blocks = _card_blocks(app)
    titles = [title for block in blocks for title, _ in block.cards]
    assert list(findings[label]) and set(findings[label]) <= set(titles)


@pytest.mark.parametrize(
    ("page", "user"),
    [("users", "admin1"), ("approvals", "approver1"), ("submissions", "uploader1")],
)
def test_other_wide_tables_are_cards_too(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, page: str, user: str
) -> None:
    first = _submit(users_store, "uploader1", KPI_FILE.read_bytes(), "kvartal.csv")
    approvals.approve(users_store, _who(users_store, "approver1"), first)
    _submit(users_store, "uploader1", REVISED_Q1, "revideret.csv", reason="Revideret")
    assert (PAGES / f"{page}.py").exists()
    app = _page(users_store, monkeypatch, page, user)
    grids = [d.value for d in app.dataframe if len(d.value.columns) > 2]
    assert grids, "the page shows a wide table"
    blocks = _card_blocks(app)
    assert len(blocks) >= len(grids)
    titles = {title for block in blocks for title, _ in block.cards}
    sizes = [len(block.cards) for block in blocks]
    for grid in grids:
        assert min(len(grid), cards.CARD_LIMIT) in sizes
        first = [(str(label), str(value)) for label, value in grid.iloc[0].items()]
        assert any(value in titles or f"{label} {value}" in titles for label, value in first), (
            first,
            titles,
        )


def test_the_frame_style_has_nothing_the_browser_sanitiser_drops() -> None:
    """Streamlit passes ``st.html`` through DOMPurify, which drops a whole ``<style>`` whose text
    holds "<" before a letter, a slash or "!" (as a comment's "pw-grid-<key>" did): the cards'
    CSS, and all of the frame's, would then be missing on every page."""
    css = (Path(frame.__file__).parent / "frame.css").read_text(encoding="utf-8")
    assert not re.search(r"<[/\w!]", css), re.findall(r".{20}<[/\w!].{20}", css)
    for rule in ('[class*="st-key-pw-cards-"]', '[class*="st-key-pw-grid-"]', ".pw-card"):
        assert rule in css, rule

"""Every text a user typed is shown as text (issue 16): a correction reason, a review comment,
a file name, a user's name with Markdown, HTML, math or a shortcode in it shows as those
characters on Overblik, Indikatorer, Godkendelse, Mine indberetninger and Indberet, never as
a link, a remote image, a formula or emphasis.

AppTest gives each element's Markdown source; it is rendered here with markdown-it (CommonMark,
with GitHub's autolinks, strikethrough and tables) to see what a reader's browser would show.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from planwatch.access import accounts, approvals
from planwatch.domain.periods import Period
from planwatch.domain.permissions import Actor, Role
from planwatch.figures import corrections
from planwatch.storage import Store
from planwatch.ui import state
from planwatch.ui.user_text import user_text
from planwatch.uploads import ingest
from tests import clock
from tests.paths import PAGES, TEST_DATA
from tests.ui.running_pages import page_at

KPI_FILE = TEST_DATA / "valid" / "kpi-danish-excel-cp1252.csv"
HOSTILE = (
    "[x](http://evil.example) ![i](http://evil.example/p.png) <img src=x onerror=alert(1)> "
    "**bold** $$x$$ `code` :red[red] ~~gone~~ www.evil.example a@evil.example\n\n# heading"
)
HOSTILE_STRINGS = (
    "[x](http://evil.example)",
    "![i](http://evil.example/p.png)",
    "<img src=x onerror=alert(1)>",
    "**bold**",
    "$$x$$",
    "`code`",
    "- a list\n1. another\n> quote",
    "x\x1b[2Jy\u202eevil",
    HOSTILE,
)
NAME = "eve](http://evil.example)**x**"
WORD_JOINER = "\u2060"

_MARKDOWN = MarkdownIt("commonmark", {"linkify": False}).enable(["strikethrough", "table"])
_TAGS = re.compile(r"<(a|img|strong|em|code|del|h\d|ul|ol|blockquote|table|pre)\b")


def shown(markdown: str) -> str:
    """What a browser shows of ``markdown`` (rendered, then its tags dropped)."""
    html = _MARKDOWN.render(markdown)
    text = re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").strip()
    return text.replace(WORD_JOINER, "")  # invisible: keeps autolinks and shortcodes off


def assert_plain(markdown: str) -> None:
    html = _MARKDOWN.render(markdown)
    assert not _TAGS.search(html), (markdown, html)
    # GitHub's autolinks and Streamlit's shortcodes are found in the parsed text, where the
    # escapes are gone: a word joiner must break them.
    text = markdown.replace("\\", "")
    assert not re.search(r"https?://|www\.|[\w.+-]@\w|:[\w/-]+:", text), markdown
    assert not re.search(r"(?<!\\):[a-z]+\[", markdown), markdown  # :red[...] directives
    assert not re.search(r"(?<!\\)\$", markdown), markdown  # math


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_user_text_shows_exactly_its_characters_on_one_line(text: str) -> None:
    markdown = user_text(text)

    assert_plain(markdown)
    expected = re.sub(r"[\r\n]+", " ", text).replace("\x1b", "\\x1b").replace("\u202e", "\\u202e")
    assert shown(markdown) == expected.strip()


def _markdown_of(app: AppTest) -> list[str]:
    values: list[str] = []
    for kind in (
        "title",
        "subheader",
        "caption",
        "markdown",
        "info",
        "warning",
        "error",
        "success",
    ):
        values += [str(e.value) for e in getattr(app, kind)]
    values += [e.label for e in app.expander]
    return values


def _assert_page_safe(app: AppTest, *expected: str) -> None:
    assert not app.exception, [e.value for e in app.exception]
    values = _markdown_of(app)
    for value in values:
        html = _MARKDOWN.render(value)
        assert "<a " not in html and "<img" not in html, value
        assert "evil.example" not in value or "\\" in value, value
    seen = " ".join(shown(v) for v in values)
    for text in expected:
        assert text in seen, (text, seen)


def _who(store: Store, name: str) -> Actor:
    """The user as the services see them. A name stored straight in the database (below) is
    refused by ``actor_for``'s check at entry, so such a user is made as it is stored."""
    if name == NAME:
        return Actor(name, frozenset({Role.UPLOADER}), origin="test", display_name=name)
    return accounts.actor_for(store, name, origin="test")


def _insert_user(store: Store, name: str, role: Role) -> None:
    """Straight into the database: the names' own checks at entry are another part of
    issue 16; the pages must be safe whatever is stored."""
    with store.transaction() as connection:
        connection.execute(
            "INSERT INTO users (name, display_name, created_at, created_by) VALUES (?, ?, ?, ?)",
            [name, name, clock.built_at(), "admin1"],
        )
        connection.execute(
            "INSERT INTO user_roles (name, role, granted_at, granted_by) VALUES (?, ?, ?, ?)",
            [name, role.value, clock.built_at(), "admin1"],
        )


def _page(store: Store, monkeypatch: pytest.MonkeyPatch, page: str, user: str) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(store.path))
    app = AppTest.from_file(str(PAGES / f"{page}.py"), default_timeout=180)
    app.session_state[state.ACTOR_KEY] = _who(store, user)
    app.session_state["language"] = "da"
    app.run()
    return app


def test_review_pages_show_names_files_reasons_and_comments_as_text(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _insert_user(users_store, NAME, Role.UPLOADER)
    first = ingest.import_file(
        users_store, KPI_FILE.read_bytes(), "kvartal.csv", "kpi", actor=_who(users_store, NAME)
    )
    assert first.change_set_id is not None
    approvals.approve(users_store, _who(users_store, "approver1"), first.change_set_id)
    revised = KPI_FILE.read_bytes().replace(b";24;", b";25;", 1)
    report = ingest.import_file(
        users_store,
        revised,
        "[f](http://evil.example).csv",
        "kpi",
        actor=_who(users_store, NAME),
        reason=HOSTILE,
    )
    assert report.change_set_id is not None, [p.message_en for p in report.problems]

    approver = _page(users_store, monkeypatch, "approvals", "approver1")
    _assert_page_safe(approver, "[f](http://evil.example).csv", "**bold**", NAME)
    approver.text_area(key=f"review_comment_{report.change_set_id}").input(HOSTILE).run()
    [button] = [b for b in approver.button if b.label == "Returnér med kommentar"]
    button.click().run()
    _assert_page_safe(approver, "![i](http://evil.example/p.png)")  # the confirmation
    [yes] = [b for b in approver.button if b.label == "Ja, returnér"]
    yes.click().run()
    _assert_page_safe(approver, NAME)

    # An account whose stored name would be refused at entry cannot use the pages: each
    # refuses it, and says so with the name as text.
    for page in ("submissions", "upload"):
        _assert_page_safe(_page(users_store, monkeypatch, page, NAME), NAME)

    # Mine indberetninger: a valid uploader's hostile file name and reason, shown as text.
    third = ingest.import_file(
        users_store,
        KPI_FILE.read_bytes().replace(b";24;", b";26;", 1),
        "[f](http://evil.example).csv",
        "kpi",
        actor=_who(users_store, "uploader1"),
        reason=HOSTILE,
    )
    assert third.change_set_id is not None, [p.message_en for p in third.problems]
    mine = _page(users_store, monkeypatch, "submissions", "uploader1")
    _assert_page_safe(mine, "$$x$$ `code` :red[red]", "[f](http://evil.example).csv")


def test_a_correction_reason_is_text_on_the_overview_and_the_indicators(
    demo_store: Store,
) -> None:
    receipt = corrections.correct_observation(
        demo_store,
        indicator="victims_assessed",
        period=Period(2023),
        source_id="cmm-tal-2023",
        new_value=Decimal(110),
        reason=HOSTILE,
        actor=Actor("uploader@test", frozenset({Role.UPLOADER})),
        now=clock.later(days=1),
    )
    approvals.approve(
        demo_store,
        Actor("approver@test", frozenset({Role.APPROVER})),
        receipt.change_set_id,
        now=clock.later(days=1, hours=1),
    )
    moment = clock.later(days=2)

    for page in ("overview", "indicators"):
        app = page_at(page, demo_store.path, moment, "da")
        _assert_page_safe(app, "[x](http://evil.example)", "**bold**")

"""The claim-check page, headless (AppTest): a pasted speech with the published "35 pct." is
marked inconsistent with the right figure; a Word file is read; the user's text cannot become
markup; viewers may use it, an admin without the dashboard may not."""

from __future__ import annotations

import html
import io

import docx
import pytest
from streamlit.testing.v1 import AppTest

from planwatch.access import accounts
from planwatch.claims.report import CheckReport
from planwatch.storage import Store
from planwatch.ui import state
from planwatch.ui.app_pages.check_claims import REPORT_KEY, marked_text
from planwatch.ui.user_text import user_text
from tests.paths import PAGES

SPEECH = (
    "I 2023 blev 112 personer vurderet som ofre for menneskehandel mod 73 i 2022. "
    "Det er en stigning på 35 pct.\n<script>alert(1)</script> Der kom 50 nye pladser."
)


def _page(store: Store, monkeypatch: pytest.MonkeyPatch, user: str) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(store.path))
    app = AppTest.from_file(str(PAGES / "check_claims.py"), default_timeout=180)
    app.session_state[state.ACTOR_KEY] = accounts.actor_for(store, user, origin="test")
    app.session_state["language"] = "da"
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_a_pasted_speech_is_checked_claim_by_claim(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _page(users_store, monkeypatch, "viewer1")
    app.text_area(key="claims_text").input(SPEECH).run()
    app.button(key="claims_check").click().run()
    assert not app.exception, [e.value for e in app.exception]
    report = app.session_state[REPORT_KEY]
    assert isinstance(report, CheckReport)
    assert [e.value for e in app.error] == [
        "{c} stemmer, 1 stemmer ikke, 0 er ikke i data, {n} er ikke tjekket.".format(
            c=report.counts["consistent"], n=report.counts["not-checked"]
        )
    ]
    table = app.table[0].value
    wrong = table[table["Vurdering"] == "✗ Stemmer ikke"]
    assert list(wrong["Rigtigt tal"]) == ["53,4 pct."]
    assert "50" in " ".join(table["Teksten siger"]), "the unmatched figure is listed, not dropped"
    # the text as marked (the frame's own style, script and header are html elements too)
    (marked,) = [h for h in app.get("html") if "<mark" in h.proto.body]
    body = marked.proto.body
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert 'background:#ffc9c9" title="Stemmer ikke">en stigning på 35 pct.' in body


def test_on_a_phone_each_claim_is_a_card_with_its_verdict_and_explanation(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The claims table's long explanations are cut off in the data grid on a phone (issue 18):
    there each claim is a card headed by what the text says, every column a line, escaped."""
    app = _page(users_store, monkeypatch, "viewer1")
    app.text_area(key="claims_text").input(SPEECH).run()
    app.button(key="claims_check").click().run()
    report = app.session_state[REPORT_KEY]
    (markup,) = [h.value for h in app.html if 'class="pw-cards"' in h.value]
    assert markup.count('class="pw-card"') == len(report.claims)
    (wrong,) = [c for c in report.claims if c.correct == "53,4 pct."]
    assert html.escape(wrong.text) in markup
    assert wrong.explanation_da and html.escape(wrong.explanation_da) in markup
    assert "<script>" not in markup


def test_at_a_desk_the_claims_table_wraps_its_text_and_shows_it_as_typed(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The explanations are the point of the check: at a desk they wrap in a table
    (``st.table``) instead of being cut at a data grid column's edge, and what the text says is
    shown as typed (Markdown escaped), never as a link or markup."""
    app = _page(users_store, monkeypatch, "viewer1")
    app.text_area(key="claims_text").input(SPEECH + " Se [kilden](http://evil.example) 112.").run()
    app.button(key="claims_check").click().run()
    assert not app.dataframe, "no data grid that cuts the explanations"
    table = app.table[0].value
    report = app.session_state[REPORT_KEY]
    assert len(table) == len(report.claims)
    explanations = " ".join(table["Forklaring og kilde"])
    assert all(user_text(c.explanation_da or "") in explanations for c in report.claims)
    assert "](http" not in " ".join(table["Teksten siger"]) + explanations


def test_a_word_file_is_read(users_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    document = docx.Document()
    document.add_paragraph("In 2023, 112 people were assessed as victims of trafficking.")
    buffer = io.BytesIO()
    document.save(buffer)
    app = _page(users_store, monkeypatch, "viewer1")
    app.get("file_uploader")[0].upload("speech.docx", buffer.getvalue(), "application/docx")
    app.run()
    app.button(key="claims_check").click().run()
    report = app.session_state[REPORT_KEY]
    assert report.language == "en"
    assert [c.verdict for c in report.claims] == ["consistent"]
    assert any("1 stemmer, 0 stemmer ikke" in s.value for s in app.success)


def test_the_marked_text_escapes_everything_but_its_own_marks(demo_store: Store) -> None:
    from planwatch.claims import checking

    report = checking.check(demo_store, 'I 2023 blev 112 "ofre" <b>vurderet</b> & mere.')
    marked = marked_text(report, "da")
    assert "<b>" not in marked and "&lt;b&gt;" in marked and "&amp;" in marked
    assert marked.count("<mark ") == len(report.claims)


def test_an_admin_without_the_dashboard_cannot_open_it(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _page(users_store, monkeypatch, "admin1")
    assert next(e.value for e in app.error).startswith("Du har ikke adgang")
    assert not app.text_area

"""The frame every page shares (issue 18): the theme and fonts served by the app itself,
Streamlit's own texts in Danish, the header with the plan's name and the plan picker's short
name."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planwatch.domain.permissions import Role
from planwatch.domain.plans import Plan, PlanStatus
from planwatch.settings import STATIC_FOLDER, THEME_FILE
from planwatch.storage import Store
from planwatch.ui import frame, streamlit_texts
from planwatch.ui.texts.streamlit import STREAMLIT_PATTERNS, STREAMLIT_TEXTS
from tests.e2e.tour import STREAMLIT_ENGLISH
from tests.helpers_access import add_user, sign_in
from tests.paths import APP, REPO

FONT_FILES = {".woff2"}
LICENCE = "OFL-IBM-Plex-Sans.txt"


def _translated(english: str) -> str | None:
    """What the script makes of one of Streamlit's texts (the same rules, in Python)."""
    words = dict(STREAMLIT_TEXTS)
    if english in words:
        return words[english]
    for pattern, target in STREAMLIT_PATTERNS:
        if re.search(pattern, english):
            return re.sub(pattern, re.sub(r"\$(\d)", r"\\\1", target), english)
    return None


@pytest.mark.parametrize(
    ("english", "danish"),
    [
        ("Upload", "Vælg fil"),
        ("Choose options", "Vælg"),
        ("Select all", "Vælg alle"),
        ("Press Enter to submit form", "Tryk Enter for at sende"),
        ("Press Ctrl+Enter to submit form", "Tryk Ctrl+Enter for at sende"),
        ("20MB per file", "Højst 20MB pr. fil"),
        ("Limit 21MB per file", "Højst 21MB pr. fil"),
        ("Download as CSV", "Hent som CSV"),
        ("Expand sidebar", "Vis menu"),
        ("Skip to main content", "Gå til indhold"),
    ],
)
def test_streamlit_texts_have_a_danish_text(english: str, danish: str) -> None:
    assert _translated(english) == danish


def test_every_english_text_the_browser_tests_look_for_is_translated() -> None:
    """The browser tests' list of Streamlit's English and the table of translations agree."""
    for english in STREAMLIT_ENGLISH:
        candidates = [e for e, _ in STREAMLIT_TEXTS if english in e] + [
            p for p, _ in STREAMLIT_PATTERNS if english.split()[0] in p
        ]
        assert candidates, english


def test_the_script_holds_the_table_and_nothing_else() -> None:
    danish, english = streamlit_texts.script("da"), streamlit_texts.script("en")
    assert '"da"' in danish and '"en"' in english
    assert '["Select all", "Vælg alle"]' in danish
    assert "</script>" not in danish[: -len("</script>")], "one script, not closed early"
    # the table may never carry something that would end the script
    for pair in (*STREAMLIT_TEXTS, *STREAMLIT_PATTERNS):
        assert all("<" not in text for text in pair), pair


def _plan(plan_id: str, first: int, last: int) -> Plan:
    return Plan(
        plan_id,
        f"Handlingsplan til bekæmpelse af menneskehandel {first}–{last}",
        f"Action plan to combat human trafficking {first}–{last}",
        dt.date(first, 1, 1),
        dt.date(last, 12, 31),
        Decimal("118200000"),
        PlanStatus.ADOPTED,
        "source",
    )


def test_the_plan_picker_shows_a_short_name_that_fits() -> None:
    current, before = _plan("p22", 2022, 2025), _plan("p19", 2019, 2021)
    assert frame.plan_label(current, [current, before], "da") == "Handlingsplan 2022–2025"
    assert frame.plan_label(before, [current, before], "en") == "Action plan 2019–2021"
    twin = _plan("p22b", 2022, 2025)
    assert frame.plan_label(current, [current, twin], "da") == current.name_da


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("da", "Handlingsplan til bekæmpelse af menneskehandel 2022–2025"),
        ("en", "2022–2025"),
    ],
)
def test_every_page_has_a_header_with_the_plans_name(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, language: str, name: str
) -> None:
    monkeypatch.setenv("PLANWATCH_DB", str(demo_store.path))
    app = AppTest.from_file(APP, default_timeout=120)
    sign_in(app, add_user(demo_store, "viewer@test", [Role.VIEWER]))
    app.session_state["language"] = language
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    headers = [h.proto.body for h in app.get("html") if 'class="pw-header"' in h.proto.body]
    assert len(headers) == 1 and name in headers[0], headers
    plan_picker = app.selectbox(key=f"plan_id_{language}")
    assert plan_picker.format_func(plan_picker.value).endswith("2022–2025")
    assert len(plan_picker.format_func(plan_picker.value)) <= 25
    scripts = [h for h in app.get("html") if "planwatchTexts" in h.proto.body]
    assert len(scripts) == 1 and f'state.language = "{language}"' in scripts[0].proto.body


def test_the_app_serves_its_fonts_and_nothing_else() -> None:
    """Static serving is on for the fonts alone: the folder holds the font files and their
    licence, and every font the theme names is there."""
    files = {p.relative_to(STATIC_FOLDER) for p in STATIC_FOLDER.rglob("*") if p.is_file()}
    assert files, "the fonts are served by the app"
    for path in files:
        assert path.suffix in FONT_FILES or path.name == LICENCE, path
    theme = tomllib.loads(THEME_FILE.read_text(encoding="utf-8"))["theme"]
    assert theme["font"].startswith("IBM Plex Sans")
    for face in theme["fontFaces"]:
        assert face["url"].startswith("app/static/")
        assert (STATIC_FOLDER / face["url"].removeprefix("app/static/")).is_file(), face
        assert face["family"] == "IBM Plex Sans"


def test_streamlit_run_from_the_source_tree_uses_the_same_theme() -> None:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert (REPO / config["theme"]["base"]).resolve() == THEME_FILE
    assert Path(STATIC_FOLDER).parent == Path(APP).parent, "Streamlit serves static/ beside the app"

"""Issue 18: the upload report on Indberet tal, headless (AppTest), in both languages: counts only
for a stored file; problems described in words (the code only in the downloaded report); every
message shown whole; "Mente du ...?" beside an unknown code or name."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from planwatch.access import accounts
from planwatch.storage import Store
from planwatch.ui import state
from planwatch.uploads import ingest
from planwatch.uploads.problems import CODES, WARNINGS, title
from tests import clock
from tests.paths import PAGES, TEST_DATA
from tests.scenarios import sex_quarter_file, upload_and_approve

REFUSED = TEST_DATA / "invalid" / "kpi-refused-with-a-good-row.csv"
GOOD = TEST_DATA / "valid" / "kpi-danish-excel-cp1252.csv"
WORDS = {
    "da": {
        "new": "Nye tal",
        "negative": "Negativt tal",
        "unknown": "Ukendt indikator",
        "guess": "Mente du 'victims_assessed'",
    },
    "en": {
        "new": "New figures",
        "negative": "Negative value",
        "unknown": "Unknown indicator",
        "guess": "Did you mean 'victims_assessed'",
    },
}


def _checked(store: Store, monkeypatch: pytest.MonkeyPatch, language: str, path: object) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(store.path))
    app = AppTest.from_file(str(PAGES / "upload.py"), default_timeout=180)
    app.session_state[state.ACTOR_KEY] = accounts.actor_for(store, "uploader1", origin="test")
    app.session_state["language"] = language
    app.run()
    data = path.read_bytes()  # type: ignore[attr-defined]
    app.get("file_uploader")[0].upload(path.name, data, "text/csv")  # type: ignore[attr-defined]
    app.run()
    app.button(key="upload_check").click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _shown(app: AppTest) -> str:
    parts = [str(e.value) for kind in ("markdown", "caption", "info") for e in getattr(app, kind)]
    parts += [d.value.to_csv() for d in app.dataframe]
    return "\n".join(parts)


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_refused_file_shows_no_counts(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    app = _checked(users_store, monkeypatch, language, REFUSED)
    assert app.error, "refused"
    assert not app.metric, [(m.label, m.value) for m in app.metric]
    assert WORDS[language]["new"] not in _shown(app)


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_stored_file_shows_its_counts(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    app = _checked(users_store, monkeypatch, language, GOOD)
    assert not app.metric, "a dry run stores nothing: its counts are in its sentence"
    app.button(key="upload_store").click().run()
    metrics = {m.label: m.value for m in app.metric}
    assert metrics[WORDS[language]["new"]] == "6"


@pytest.mark.parametrize("language", ["da", "en"])
def test_problems_are_described_in_words_with_the_whole_message(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    app = _checked(users_store, monkeypatch, language, REFUSED)
    shown = _shown(app)
    assert WORDS[language]["negative"] in shown and WORDS[language]["unknown"] in shown
    assert "negative-value" not in shown and "unknown-indicator" not in shown
    report = ingest.import_file(
        users_store,
        REFUSED.read_bytes(),
        REFUSED.name,
        "kpi",
        actor=accounts.actor_for(users_store, "uploader1", origin="test"),
        dry_run=True,
    )
    plain = shown.replace("\\", "").replace("\u2060", "")  # user_text's escapes undone
    for found in report.problems:  # each message whole, as the page renders text
        assert found.message(language) in plain
    assert not any(
        "Besked" in str(d.value.columns) or "Message" in str(d.value.columns) for d in app.dataframe
    ), "no table cell to cut the message short"


@pytest.mark.parametrize("language", ["da", "en"])
def test_an_unknown_indicator_gets_a_suggestion(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    app = _checked(users_store, monkeypatch, language, REFUSED)
    assert WORDS[language]["guess"] in _shown(app).replace("\\", "")


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_problem_code_has_a_description_that_is_not_the_code(language: str) -> None:
    for code in CODES | WARNINGS | {"wrong-type", "rule-broken"}:
        described = title(code, language)
        assert described and described != code and "-" not in described.split()[0], code
    assert title("negative-value", "da") != title("negative-value", "en")


@pytest.mark.parametrize(
    ("language", "megabytes", "label"),
    [
        ("da", "20", "Fil (CSV eller Excel, højst 20 MB)"),
        ("en", "20", "File (CSV or Excel, at most 20 MB)"),
        ("da", "2.5", "Fil (CSV eller Excel, højst 2,5 MB)"),
    ],
)
def test_the_file_field_states_planwatchs_own_limit(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, language: str, megabytes: str, label: str
) -> None:
    """The limit a user reads is the one planwatch refuses files above (PLANWATCH_MAX_UPLOAD_MB),
    not Streamlit's transport limit, which the page hides (issue 18: "Limit 21MB per file")."""
    monkeypatch.setenv("PLANWATCH_DB", str(users_store.path))
    monkeypatch.setenv("PLANWATCH_MAX_UPLOAD_MB", megabytes)
    app = AppTest.from_file(str(PAGES / "upload.py"), default_timeout=180)
    app.session_state[state.ACTOR_KEY] = accounts.actor_for(users_store, "uploader1", origin="t")
    app.session_state["language"] = language
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.get("file_uploader")[0].proto.label == label


@pytest.mark.parametrize(
    ("language", "total", "women"),
    [
        ("da", "Vurderede ofre for menneskehandel, 1. kvt. {year}", "køn: kvinder"),
        ("en", "Persons assessed as victims of trafficking, Q1 {year}", "sex: women"),
    ],
)
def test_corrections_name_the_figures_they_change_in_words(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, language: str, total: str, women: str
) -> None:
    """A corrected figure is named as a reader says it, not as a key (issue 18: the preview
    showed 'victims_assessed 2025-Q1 sex=female')."""
    year = clock.built_at().year - 2
    sent = clock.latest_moment(users_store.path) + dt.timedelta(days=1)
    upload_and_approve(
        users_store, sex_quarter_file(year, 1, {"": 12, "female": 5, "male": 7}), "q1.csv", sent
    )
    corrected = users_store.path.parent / "rettelse.csv"
    corrected.write_bytes(sex_quarter_file(year, 1, {"": 13, "female": 6, "male": 7}))
    app = _checked(users_store, monkeypatch, language, corrected)
    (table,) = [d.value for d in app.dataframe if len(d.value) == 2]
    figures = sorted(table.iloc[:, 1])
    assert figures == sorted([total.format(year=year), f"{total.format(year=year)}, {women}"])
    assert "victims_assessed" not in " ".join(figures)

"""The app, headless, with Streamlit's AppTest, signed in as a viewer (ministry official)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planwatch.domain.permissions import Actor, Role
from planwatch.storage import Store
from tests import clock
from tests.helpers_access import add_user, approve, sign_in
from tests.paths import APP
from tests.ui.downloads import KeptDownloads

VIEWER = "viewer@test"


def _app(db: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The app on ``db``, signed in as a viewer when the database exists."""
    monkeypatch.setenv("PLANWATCH_DB", str(db))
    app = AppTest.from_file(APP, default_timeout=60)
    if db.exists():
        sign_in(app, add_user(Store(db), VIEWER, [Role.VIEWER]))
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _texts(app: AppTest) -> str:
    parts = [m.label + " " + str(m.value) + " " + str(m.proto.delta) for m in app.metric]
    parts += (
        [c.value for c in app.caption]
        + [w.value for w in app.warning]
        + [e.value for e in app.error]
    )
    parts += [t.value for t in app.title] + [i.value for i in app.info]
    return "\n".join(parts)


def test_overview_in_danish_shows_the_plan_and_the_latest_figures(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _app(demo_store.path, monkeypatch)
    text = _texts(app)
    assert "Overblik" in text
    assert "118,2 mio. kr." in text
    assert "+39 (+53,4 %) i forhold til 73 i 2022" in text
    assert "Vurderede ofre for menneskehandel" in text
    assert "**2023** · højeste siden 2016 · Kilde: Tal og statistik 2023" in text
    assert "ILLUSTRATIVT" in text, "demo money must carry the illustrative mark"
    assert "Tal og statistik 2023" in text, "each tile names its source"


def test_switching_to_english_changes_labels_and_number_formats(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _app(demo_store.path, monkeypatch)
    app.session_state["language"] = "en"
    app.run()
    assert not app.exception
    text = _texts(app)
    assert "Overview" in text
    assert "DKK 118.2m" in text
    assert "+39 (+53.4%) compared with 73 in 2022" in text
    assert "ILLUSTRATIVE" in text


def test_choosing_an_earlier_plan_shows_its_total(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _app(demo_store.path, monkeypatch)
    app.selectbox(key="plan_id_da").set_value("2019-2021").run()
    assert not app.exception
    text = _texts(app)
    assert "63,0 mio. kr." in text
    assert "ILLUSTRATIVT" not in text, "no illustrative money exists for the 2019-2021 plan"


def test_a_missing_database_is_explained_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _app(tmp_path / "missing.duckdb", monkeypatch)
    assert not app.error
    assert any("planwatch init" in i.value for i in app.info)
    assert not (tmp_path / "missing.duckdb").exists(), "looking must not create the database"


def test_a_change_to_the_database_reaches_the_page_at_once(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decimal import Decimal

    from planwatch.domain.periods import Period
    from planwatch.figures import corrections

    app = _app(demo_store.path, monkeypatch)
    assert "+39 (+53,4 %)" in _texts(app)
    receipt = corrections.correct_observation(
        demo_store,
        indicator="victims_assessed",
        period=Period(2023),
        source_id="cmm-tal-2023",
        new_value=Decimal(110),
        reason="test of the cache",
        actor=Actor("uploader@test", frozenset({Role.UPLOADER})),
        now=clock.later(days=1),
    )
    app.run()
    assert "+39 (+53,4 %)" in _texts(app), "a viewer sees a correction only once approved"
    approve(demo_store, receipt.change_set_id)
    app.run()
    text = _texts(app)
    assert "+37 (+50,7 %)" in text, "cached figures must end when the data changes"
    assert "revideret" in text and "test of the cache" in text, "the tile says it was revised"


def _upload_page() -> None:
    from planwatch.ui.app_pages import upload

    upload.render()


TEMPLATE_HEADERS = {
    ("kpi", "da"): [
        "indikator",
        "år",
        "kvartal",
        "værdi",
        "køn",
        "aldersgruppe",
        "udnyttelsesform",
        "bemærkning",
    ],
    ("kpi", "en"): [
        "indicator",
        "year",
        "quarter",
        "value",
        "sex",
        "age_group",
        "exploitation",
        "note",
    ],
    ("spending", "da"): ["indsats", "år", "kvartal", "beløb_kr", "bemærkning"],
    ("spending", "en"): ["initiative", "year", "quarter", "amount_dkk", "note"],
}
TEMPLATE_SHEETS = {
    ("kpi", "da"): ["kpi", "Vejledning", "Koder"],
    ("kpi", "en"): ["kpi", "Help", "Codes"],
    ("spending", "da"): ["forbrug", "Vejledning", "Koder"],
    ("spending", "en"): ["forbrug", "Help", "Codes"],
}


def _check_templates(
    files: dict[str, tuple[str, bytes]], kind: str, language: str, known_code: str
) -> None:
    """The two templates offered for ``kind``: an XLSX with the upload sheet, help and codes,
    and a CSV in the language's own format, both with the kind's headers."""
    import csv
    import io

    from openpyxl import load_workbook

    by_name = dict(files.values())
    assert set(by_name) == {
        f"planwatch-{kind}-{language}.xlsx",
        f"planwatch-{kind}-{language}.csv",
    }, files.keys()
    workbook = load_workbook(io.BytesIO(by_name[f"planwatch-{kind}-{language}.xlsx"]))
    assert workbook.sheetnames == TEMPLATE_SHEETS[(kind, language)]
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == TEMPLATE_HEADERS[(kind, language)]
    assert sheet.max_row >= 2, "the template shows an example row"
    codes = [row[0] for row in workbook.worksheets[2].iter_rows(values_only=True)]
    assert known_code in codes, "the codes sheet lists the codes the database knows"
    data = by_name[f"planwatch-{kind}-{language}.csv"]
    text = data.decode("utf-8-sig" if language == "da" else "utf-8")
    assert data.startswith(b"\xef\xbb\xbf") == (language == "da"), "BOM for Danish Excel"
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if language == "da" else ","))
    assert rows[0] == TEMPLATE_HEADERS[(kind, language)]
    assert len(rows) >= 2 and all(len(row) == len(rows[0]) for row in rows)


@pytest.mark.parametrize(("language", "title"), [("da", "Indberet tal"), ("en", "Upload figures")])
def test_the_upload_page_offers_templates_for_the_chosen_kind(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, language: str, title: str
) -> None:
    monkeypatch.setenv("PLANWATCH_DB", str(demo_store.path))
    media = KeptDownloads(monkeypatch)
    app = AppTest.from_function(_upload_page, default_timeout=60)
    sign_in(app, add_user(demo_store, "uploader@test", [Role.UPLOADER]))
    app.session_state["language"] = language
    app.run()
    assert not app.exception
    assert app.title[0].value == title
    assert [r.value for r in app.radio] == ["kpi"]
    _check_templates(media.offered(app), "kpi", language, "victims_assessed")
    app.radio[0].set_value("spending").run()
    assert not app.exception
    assert app.session_state["upload_kind"] == "spending"
    _check_templates(media.offered(app), "spending", language, "cmm-styrket")


def test_the_chosen_plan_survives_a_change_of_language(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _app(demo_store.path, monkeypatch)
    app.selectbox(key="plan_id_da").set_value("2019-2021").run()
    app.session_state["language"] = "en"
    app.run()
    assert not app.exception
    chosen = app.selectbox(key="plan_id_en")
    assert chosen.value == "2019-2021"
    # the picker's short name; the header says the plan's full name (issue 18)
    assert chosen.format_func("2019-2021") == "Action plan 2019–2021"
    headers = [h.proto.body for h in app.get("html") if 'class="pw-header"' in h.proto.body]
    assert ["National action plan against human trafficking 2019–2021" in h for h in headers] == [
        True
    ]
    assert "DKK 63.0m" in _texts(app)


def _chart_values(app: AppTest, indicator_title: str) -> list[object]:
    """The yearly values a chart on the page was drawn from (its Arrow dataset)."""
    import json

    import pyarrow as pa

    values: list[object] = []
    for chart in app.get("vega_lite_chart"):
        if indicator_title not in json.dumps(json.loads(chart.proto.spec), ensure_ascii=False):
            continue
        for dataset in chart.proto.datasets:
            rows = pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
            values += [(r.get("year"), r.get("value")) for r in rows if r.get("year") == 2023]
    return values


def test_a_chart_is_drawn_again_when_its_figures_change(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Charts are kept between reruns, keyed on their data: an approved correction shows."""
    from decimal import Decimal

    from planwatch.domain.periods import Period
    from planwatch.figures import corrections

    app = _app(demo_store.path, monkeypatch)
    app.switch_page("src/planwatch/ui/pages/indicators.py").run()
    title = "Vurderede ofre for menneskehandel · år for år"  # in its description, whole
    assert (2023, 112) in _chart_values(app, title)
    receipt = corrections.correct_observation(
        demo_store,
        indicator="victims_assessed",
        period=Period(2023),
        source_id="cmm-tal-2023",
        new_value=Decimal(110),
        reason="test of the chart cache",
        actor=Actor("uploader@test", frozenset({Role.UPLOADER})),
        now=clock.later(days=1),
    )
    approve(demo_store, receipt.change_set_id)
    app.run()
    drawn = _chart_values(app, title)
    assert (2023, 110) in drawn and (2023, 112) not in drawn

"""Draw the Overview or the Indicators page headless (AppTest) as of any moment of a running
year (tests/scenarios.py): the sidebar's "Tal pr. dato" picks days up to today only, and the
scenario's uploads come after the test database was built, so the page's controls are made
here, as the sidebar would make them, with the moment given."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
from streamlit.testing.v1 import AppTest


def page_at(
    page: str,
    db: Path,
    moment: dt.datetime | None,
    language: str,
    *,
    include_submitted: bool = False,
    exact_small_counts: bool = False,
    preliminary_days: int = 30,
) -> AppTest:
    """``page`` ("overview" or "indicators") as of ``moment`` (UTC; None = now), in
    ``language``, run once."""
    app = AppTest.from_function(
        _script,
        default_timeout=120,
        kwargs={
            "page": page,
            "db": str(db),
            "moment": None if moment is None else moment.isoformat(),
            "language": language,
            "include_submitted": include_submitted,
            "exact_small_counts": exact_small_counts,
            "preliminary_days": preliminary_days,
        },
    )
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _script(
    page: str,
    db: str,
    moment: str | None,
    language: str,
    include_submitted: bool,
    exact_small_counts: bool,
    preliminary_days: int,
) -> None:
    import datetime as dt
    from pathlib import Path

    from planwatch.domain.clock import to_local, today_in_denmark
    from planwatch.domain.permissions import View
    from planwatch.storage import Store
    from planwatch.ui import data, state
    from planwatch.ui.app_pages import indicators, overview
    from planwatch.ui.controls import Controls

    store = Store(Path(db), 5.0)
    the_db = data.Db(store.path, store.lock_timeout, state.data_version(store))
    plans = data.plans(the_db)
    plan = max(plans, key=lambda p: p.start_date)
    as_of = None if moment is None else dt.datetime.fromisoformat(moment)
    day = today_in_denmark() if as_of is None else to_local(as_of).date()
    view = View(include_submitted=include_submitted, exact_small_counts=exact_small_counts)
    controls = Controls(language, the_db, plan, as_of, day, view, preliminary_days)
    (overview if page == "overview" else indicators).render(controls)


def page_text(app: AppTest) -> str:
    """Every text a reader sees on the page (metrics with their deltas, captions, headings,
    badges, toggles)."""
    parts = [f"{m.label} {m.value} {m.proto.delta}" for m in app.metric]
    for kind in ("title", "subheader", "caption", "warning", "info", "markdown"):
        parts += [str(e.value) for e in getattr(app, kind)]
    parts += [toggle.label for toggle in app.toggle]
    return "\n".join(parts)


def charts(app: AppTest) -> dict[str, tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Every chart on the page by its title: (its Vega-Lite spec, the rows it was drawn from)."""
    found = {}
    for chart in app.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        title = spec["title"]["text"] if isinstance(spec.get("title"), dict) else spec["title"]
        title = " ".join(title) if isinstance(title, list) else title  # a title in lines
        rows: list[dict[str, Any]] = []
        for dataset in chart.proto.datasets:
            rows += pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
        found[title] = (spec, rows)
    return found

"""The app's frame: the shared sidebar, navigation, and errors shown in the user's language.

Each page is a small script under ``planwatch/ui/pages/`` (so that Streamlit and AppTest know it
by its file) that calls :func:`run_page` with the render function of its module in
``planwatch/ui/app_pages/``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from planwatch.errors import PlanwatchError
from planwatch.ui import controls as sidebar
from planwatch.ui.controls import Controls
from planwatch.ui.i18n import t

log = logging.getLogger("planwatch.ui")
PAGES = Path(__file__).resolve().parent / "pages"
_CONTROLS = "_planwatch_controls"


def run_page(render: Callable[[Controls], None]) -> None:
    """Render a page with the controls of this run; errors become messages, never tracebacks."""
    chosen: Controls = st.session_state[_CONTROLS]
    try:
        render(chosen)
    except PlanwatchError as error:
        st.error(error.message(chosen.language))
    except Exception:
        log.exception("unexpected error while rendering a page")
        st.error(t("unexpected_error", chosen.language))


def run() -> None:
    st.set_page_config(page_title="planwatch", layout="wide")
    try:
        chosen = sidebar.sidebar()
    except PlanwatchError as error:
        st.error(error.message(st.session_state.get("language") or "da"))
        return
    st.session_state[_CONTROLS] = chosen
    language = chosen.language
    pages = [
        st.Page(PAGES / "overview.py", title=t("overview", language), default=True),
        st.Page(PAGES / "budget.py", title=t("budget", language), url_path="budget"),
        st.Page(PAGES / "indicators.py", title=t("indicators", language), url_path="indikatorer"),
        st.Page(PAGES / "about.py", title=t("about", language), url_path="om-data"),
        st.Page(PAGES / "upload.py", title=t("upload", language), url_path="indberet"),
    ]
    st.navigation(pages).run()

"""The app's frame: language, navigation, and errors shown in the user's language."""

from __future__ import annotations

import logging

import streamlit as st

from planwatch.errors import PlanwatchError
from planwatch.ui import state
from planwatch.ui.app_pages import overview, upload
from planwatch.ui.i18n import t

log = logging.getLogger("planwatch.ui")


def run() -> None:
    st.set_page_config(page_title="planwatch", layout="wide")
    with st.sidebar:
        st.segmented_control(
            t("language", state.language()),
            options=["da", "en"],
            format_func=lambda code: {"da": "Dansk", "en": "English"}[code],
            default=state.language(),
            key="language",
        )
    language = state.language()
    pages = [
        st.Page(overview.render, title=t("overview", language), url_path="overblik", default=True),
        st.Page(upload.render, title=t("upload", language), url_path="indberet"),
    ]
    page = st.navigation(pages)
    try:
        page.run()
    except PlanwatchError as error:
        st.error(error.message(language))
    except Exception:
        log.exception("unexpected error while rendering a page")
        st.error(t("unexpected_error", language))

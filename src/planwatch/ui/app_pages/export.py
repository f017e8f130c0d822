"""Eksport / Export: auditors (and admins) choose tables, format, plan and the moment the tables
describe, and download them; or make the audit pack with one click.

The file is made when asked for, with a progress bar, by :mod:`planwatch.exports.auditors`,
which checks the ``export`` permission and writes the export to the audit log with the SHA-256
of what is handed over. The file is kept in this session (for its download button) until the
next export or sign-out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final

import streamlit as st

from planwatch.domain.clock import local_moment, today_in_denmark
from planwatch.exports import auditors
from planwatch.exports.auditors import Delivery
from planwatch.exports.formats import ExportFormat
from planwatch.formatting import format_number
from planwatch.ui import data, state
from planwatch.ui.i18n import t

RESULT_KEY: Final = "_export_delivery"
FORMATS: Final = (ExportFormat.CSV_DA, ExportFormat.XLSX, ExportFormat.CSV, ExportFormat.PARQUET)


def size_text(size: int, language: str) -> str:
    """Bytes as kB or MB with the language's decimal mark."""
    if size < 1_000_000:
        return f"{format_number(size / 1000, language, 1)} kB"
    return f"{format_number(size / 1_000_000, language, 1)} MB"


def chosen_moment(day: dt.date, time: dt.time) -> dt.datetime:
    """A Danish local date and time as the UTC moment the services take."""
    return local_moment(day, time)


def render() -> None:
    language = state.language()
    store = state.store()
    st.title(t("export", language))
    st.caption(t("export_intro", language))
    st.info(t("export_exact", language))
    db = data.Db(store.path, store.lock_timeout, state.data_version(store))
    plans = {plan.plan_id: plan for plan in data.plans(db)}
    plan_id = st.selectbox(
        t("export_plan", language),
        options=[None, *plans],
        format_func=lambda p: (
            t("export_all_plans", language) if p is None else plans[p].name(language)
        ),
        key="export_plan",
    )
    as_of = _moment(language)
    names = st.multiselect(
        t("export_tables", language),
        options=list(auditors.TABLES),
        default=list(auditors.TABLES),
        format_func=lambda name: f"{t('export_table_' + name, language)} ({name})",
        key="export_tables",
    )
    file_format = st.radio(
        t("export_format", language),
        options=[f.value for f in FORMATS],
        format_func=lambda value: t(f"format_{value}", language),
        horizontal=True,
        help=t("format_help", language),
        key="export_format",
    )
    make, pack = st.columns(2)
    if make.button(t("export_make", language), type="primary", key="export_make"):
        if not names:
            st.warning(t("export_no_tables", language))
        else:
            _make(
                language,
                lambda progress: auditors.download(
                    store,
                    state.actor(),
                    file_format=file_format,
                    names=names,
                    as_of=as_of,
                    plan_id=plan_id,
                    progress=progress,
                ),
            )
    if pack.button(
        t("export_pack", language), key="export_pack", help=t("export_pack_help", language)
    ):
        _make(
            language,
            lambda progress: auditors.pack_download(
                store, state.actor(), as_of=as_of, plan_id=plan_id, progress=progress
            ),
        )
    delivery = st.session_state.get(RESULT_KEY)
    if isinstance(delivery, Delivery):
        _offer(delivery, language)


def _moment(language: str) -> dt.datetime | None:
    """None for now; else the chosen Danish date and time as UTC."""
    now = st.toggle(
        t("export_now", language), value=True, key="export_now", help=t("export_now_help", language)
    )
    if now:
        return None
    day_column, time_column = st.columns(2)
    today = today_in_denmark()
    day = day_column.date_input(
        t("export_date", language),
        value=today,
        max_value=today,
        format="DD-MM-YYYY" if language == "da" else "YYYY-MM-DD",
        key="export_day",
    )
    time = time_column.time_input(
        t("export_time", language), value=dt.time(12, 0), step=60, key="export_clock"
    )
    if not isinstance(day, dt.date):
        day = today
    moment = f"{day.isoformat()} {time:%H:%M}"
    st.caption(t("export_moment", language, moment=moment))
    return chosen_moment(day, time)


def _make(language: str, build: Callable[[auditors.Progress], Delivery]) -> None:
    """Run one export with a progress bar; keep what it delivered for the download button."""
    st.session_state.pop(RESULT_KEY, None)
    bar = st.progress(0.0, text=t("export_starting", language))

    def progress(share: float, stage: str, table: str) -> None:
        bar.progress(min(1.0, share), text=t(f"export_{stage}", language, table=table))

    st.session_state[RESULT_KEY] = build(progress)
    bar.empty()


def _offer(delivery: Delivery, language: str) -> None:
    st.success(
        t(
            "export_ready",
            language,
            file=delivery.file_name,
            size=size_text(len(delivery.data), language),
        )
    )
    st.caption(t("export_sha", language, sha=delivery.sha256))
    if delivery.rows:
        rows = ", ".join(
            f"{name} {format_number(count, language)}" for name, count in delivery.rows.items()
        )
        st.caption(t("export_rows", language, rows=rows))
    if delivery.illustrative:
        st.warning(
            t(
                "export_illustrative",
                language,
                rows=format_number(sum(delivery.illustrative.values()), language),
            )
        )
    st.download_button(
        t("export_download", language, file=delivery.file_name),
        data=delivery.data,
        file_name=delivery.file_name,
        mime=delivery.mime,
        on_click="ignore",
        key="export_download",
    )

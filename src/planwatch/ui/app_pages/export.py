"""Eksport / Export: auditors (and admins) choose tables, format, plan and the moment the tables
describe, and download them; or make the audit pack with one click.

The moment is chosen once (issue 18): a user who sees the dashboard has the sidebar's "Tal pr.
dato", and the page takes its date from there (no second date on screen) and asks only the time
of day; an administrator, who has no sidebar date, chooses the date here. The page names the
moment in words ("Tabellerne som de så ud 4. december 2026 kl. 12.00") and warns when no figure
had been stored by then. Tables, sheets and columns are named in the user's language.

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

from planwatch.domain.clock import local_moment, to_local, today_in_denmark, utc_now
from planwatch.domain.permissions import Permission
from planwatch.exports import auditors, naming
from planwatch.exports.auditors import Delivery
from planwatch.exports.formats import ExportFormat
from planwatch.formatting import format_date, format_number
from planwatch.ui import data, state
from planwatch.ui.i18n import t

RESULT_KEY: Final = "_export_delivery"
SIDEBAR_DAY: Final = "as_of_date"  # the sidebar's "Tal pr. dato" (ui.controls.sidebar)
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
        format_func=lambda name: t("export_table_" + name, language),
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
                    language=language,
                ),
            )
    if pack.button(
        t("export_pack", language), key="export_pack", help=t("export_pack_help", language)
    ):
        _make(
            language,
            lambda progress: auditors.pack_download(
                store,
                state.actor(),
                as_of=as_of,
                plan_id=plan_id,
                progress=progress,
                language=language,
            ),
        )
    delivery = st.session_state.get(RESULT_KEY)
    if isinstance(delivery, Delivery):
        _offer(delivery, language)


def moment_words(moment: dt.datetime | None, language: str) -> str:
    """The moment the tables describe, in words and Danish time: "Tabellerne som de så ud 4.
    december 2026 kl. 12.00" / "The tables as they were on 4 December 2026 at 12:00"."""
    if moment is None:
        return t("export_as_now", language)
    return t("export_as_then", language, when=_when(moment, language))


def _when(moment: dt.datetime, language: str) -> str:
    """A stored moment in Danish time: "4. december 2026 kl. 12.00" / "4 December 2026 at
    12:00"."""
    local = to_local(moment)
    clock = f"kl. {local:%H.%M}" if language == "da" else f"at {local:%H:%M}"
    return f"{format_date(local.date(), language)} {clock}"


def _moment(language: str) -> dt.datetime | None:
    """None for now; else the chosen Danish date and time as UTC. The date is the sidebar's
    when the user has one, else chosen here; a day before today asks for the time of day."""
    today = today_in_denmark()
    current = state.actor()
    if current is not None and current.can(Permission.VIEW_DASHBOARD):
        chosen = st.session_state.get(SIDEBAR_DAY)
        day = chosen if isinstance(chosen, dt.date) and chosen <= today else today
        st.caption(t("export_day_from_sidebar", language))
    else:
        picked = st.date_input(
            t("export_date", language),
            value=today,
            max_value=today,
            format="DD-MM-YYYY" if language == "da" else "YYYY-MM-DD",
            key="export_day",
        )
        day = picked if isinstance(picked, dt.date) else today
    moment: dt.datetime | None = None
    if day < today or not st.toggle(
        t("export_now", language), value=True, key="export_now", help=t("export_now_help", language)
    ):
        time = st.time_input(
            t("export_time", language), value=dt.time(12, 0), step=60, key="export_clock"
        )
        moment = chosen_moment(day, time)
        if moment > utc_now():  # later today: the tables as they are now
            moment = None
    st.subheader(moment_words(moment, language))
    st.caption(t("export_moment", language))
    _warn_before_figures(moment, language)
    return moment


def _warn_before_figures(moment: dt.datetime | None, language: str) -> None:
    """A warning when no figure had been stored by the moment (only definitions would come)."""
    first = auditors.first_figure_at(state.store())
    if first is None:
        st.warning(t("export_no_figures_yet", language))
    elif moment is not None and moment < first:
        st.warning(t("export_before_figures", language, first=_when(first, language)))


def _make(language: str, build: Callable[[auditors.Progress], Delivery]) -> None:
    """Run one export with a progress bar; keep what it delivered for the download button."""
    st.session_state.pop(RESULT_KEY, None)
    bar = st.progress(0.0, text=t("export_starting", language))

    def progress(share: float, stage: str, table: str) -> None:
        named = naming.table_name(table, language)
        bar.progress(min(1.0, share), text=t(f"export_{stage}", language, table=named))

    st.session_state[RESULT_KEY] = build(progress)
    bar.empty()


def _offer(delivery: Delivery, language: str) -> None:
    size = size_text(len(delivery.data), language)
    if delivery.before_any_figure:  # never a green "ready" on an export without figures
        st.warning(t("export_ready_empty", language, file=delivery.file_name, size=size))
    else:
        st.success(t("export_ready", language, file=delivery.file_name, size=size))
    st.caption(t("export_sha", language, sha=delivery.sha256))
    if delivery.rows:
        rows = ", ".join(
            f"{naming.table_name(name, language)} {format_number(count, language)}"
            for name, count in delivery.rows.items()
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

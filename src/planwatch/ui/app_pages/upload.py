"""Indberet tal / Upload figures: check a file (a dry run), see the report, then store it as a
submission that awaits approval. The sender is the signed-in user."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planwatch.domain.upload_specs import SPECS, UploadKind
from planwatch.domain.vocab import TOTAL
from planwatch.errors import StorageError
from planwatch.figures.names import names
from planwatch.formatting import format_number
from planwatch.settings import upload_limits
from planwatch.storage import Store
from planwatch.ui import cards, signin, state
from planwatch.ui.app_pages import upload_report
from planwatch.ui.app_pages.about import breakdown_words
from planwatch.ui.app_pages.submissions import number_text
from planwatch.ui.i18n import t
from planwatch.ui.user_text import user_text
from planwatch.uploads import ingest
from planwatch.uploads.raw_tables import ReadLimits

_REPORT = "upload_report"  # session key: (sha256, kind, report) of the last check


def render() -> None:
    language = state.language()
    store = state.store()
    sender = state.actor()
    st.title(t("upload", language))
    st.caption(t("upload_intro", language))
    if sender is None:
        st.warning(t("not_signed_in", language))
        return
    st.info(t("upload_as", language, name=user_text(signin.shown_name(sender))))
    kind = st.radio(
        t("upload_kind", language),
        options=[k.value for k in UploadKind],
        format_func=lambda k: (
            SPECS[UploadKind(k)].title_da if language == "da" else SPECS[UploadKind(k)].title_en
        ),
        horizontal=True,
        key="upload_kind",
    )
    _templates(store, kind, language)
    megabytes = state.settings().max_upload_mb
    limit = format_number(megabytes, language, decimals=0 if megabytes.is_integer() else 1)
    uploaded = (
        st.file_uploader(  # planwatch's own limit in the label (ui/frame.css hides Streamlit's)
            t("file", language, mb=limit),
            type=["csv", "txt", "xlsx", "xlsm", "xls"],
            key="upload_file",
        )
    )
    reason = st.text_area(t("reason", language), key="upload_reason", height=80)
    if uploaded is None:
        st.session_state.pop(_REPORT, None)
        return
    data = uploaded.getvalue()
    max_bytes, max_rows = upload_limits(state.settings())
    limits = ReadLimits(max_bytes=max_bytes, max_rows=max_rows)
    if st.button(t("check_file", language), type="primary", key="upload_check"):
        with st.spinner(t("reading_file", language)):
            report = ingest.import_file(
                store,
                data,
                uploaded.name,
                kind,
                actor=sender,
                reason=reason,
                dry_run=True,
                limits=limits,
            )
        st.session_state[_REPORT] = (report.sha256, kind, report)
    checked = st.session_state.get(_REPORT)
    if checked is None or checked[0] != ingest.sha256(data) or checked[1] != kind:
        return
    report = checked[2]
    _show(report, data, language)
    if report.status == "stored":
        st.info(t("awaiting_approval", language))
    if report.status not in ("dry-run", "needs-acceptance"):
        return
    accepted = True
    if report.status == "needs-acceptance":
        accepted = st.checkbox(t("accept_warnings", language), key="upload_accept")
    if st.button(t("store_file", language), disabled=not accepted, key="upload_store"):
        try:
            with st.spinner(t("reading_file", language)):
                stored = ingest.import_file(
                    store,
                    data,
                    uploaded.name,
                    kind,
                    actor=sender,
                    reason=reason,
                    accept_warnings=accepted,
                    limits=limits,
                )
        except StorageError as error:  # busy, or the disk refused: nothing stored, try again
            st.error(user_text(error.message(language)))
            return
        st.session_state[_REPORT] = (stored.sha256, kind, stored)
        st.rerun()


def _templates(store: Store, kind: str, language: str) -> None:
    with st.expander(t("templates", language)):
        left, right = st.columns(2)
        left.download_button(
            t("template_xlsx", language),
            data=ingest.template(store, kind, "xlsx", language),
            file_name=f"planwatch-{kind}-{language}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="template_xlsx",
        )
        right.download_button(
            t("template_csv", language),
            data=ingest.template(store, kind, "csv", language),
            file_name=f"planwatch-{kind}-{language}.csv",
            mime="text/csv",
            key="template_csv",
        )


def _show(report: ingest.UploadReport, data: bytes, language: str) -> None:
    summary = user_text(report.summary(language))
    if report.status == "refused":
        st.error(summary)
    elif report.status == "needs-acceptance":
        st.warning(summary)
    else:
        st.success(summary)
    if report.status in ("stored", "nothing-new"):  # counts of what is stored, nothing else
        new, corrected, unchanged = st.columns(3)
        new.metric(t("rows_new", language), report.rows_new)
        corrected.metric(t("rows_corrected", language), report.rows_corrected)
        unchanged.metric(t("rows_unchanged", language), report.rows_unchanged)
    if report.corrections:
        st.subheader(t("corrections", language))
        cards.wide_table(
            pd.DataFrame(
                {
                    t("col_row", language): [c.row for c in report.corrections],
                    t("col_figure", language): _figures_in_words(report.corrections, language),
                    t("col_old", language): [
                        number_text(c.old_value, language) for c in report.corrections
                    ],
                    t("col_new", language): [
                        number_text(c.new_value, language) for c in report.corrections
                    ],
                }
            ),
            key="corrections",
            language=language,
            title=t("col_figure", language),
            hide_index=True,
        )
    if not report.problems:
        return
    st.subheader(t("problems", language))
    if report.problems_truncated:
        counts = upload_report.counts_text(report.problem_counts, language)
        st.info(
            t(
                "problems_truncated_by_kind",
                language,
                shown=len(report.problems),
                total=sum(report.problem_counts.values()),
                counts=counts,
            )
        )
    st.markdown(upload_report.problem_list(report.problems, language))
    left, right = st.columns(2)
    left.download_button(
        t("download_report_csv", language),
        data=ingest.report_file(report, data, ".csv", language),
        file_name=f"{report.file_name}-rapport.csv",
        mime="text/csv",
        key="download_report_csv",
    )
    right.download_button(
        t("download_annotated", language),
        data=ingest.report_file(report, data, ".xlsx", language),
        file_name=f"{report.file_name}-markeret.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="download_annotated",
    )


def _figures_in_words(previews: list[ingest.CorrectionPreview], language: str) -> list[str]:
    """Which figure each correction changes, in words: "Vurderede ofre for menneskehandel,
    1. kvt. 2025, køn: kvinder" (the code form, ``key``, is for machines)."""
    named = names(state.store())
    words = []
    for preview in previews:
        if preview.period is None:
            words.append(preview.key)  # a table shows its cells as plain text
            continue
        text = f"{named.subject(preview.subject, language)}, {preview.period.label(language)}"
        if preview.breakdown != TOTAL:
            text += f", {breakdown_words(preview.breakdown, language)}"
        words.append(text)
    return words

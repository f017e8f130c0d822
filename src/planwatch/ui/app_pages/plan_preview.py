"""A plan workbook's submission shown before it is approved (issue 19): the plan, its source,
its initiatives with their money per year, and its targets, so that the approver sees what
approving will create (not "0 figures"). Shared by Godkendelse and Mine indberetninger."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import pandas as pd
import streamlit as st

from planwatch.access.approvals import SubmittedPlan
from planwatch.domain.indicators import TargetDirection
from planwatch.domain.plan_revision import Change
from planwatch.figures.names import Names
from planwatch.formatting import format_dkk_millions, format_number
from planwatch.notes.targets import direction_text
from planwatch.notes.wording import upper_first
from planwatch.ui import cards
from planwatch.ui.i18n import t
from planwatch.ui.user_text import user_text


def _amount(text: object) -> Decimal:
    try:
        return Decimal(str(text))
    except (InvalidOperation, ValueError):
        return Decimal(0)


def _number(text: object, language: str) -> str:
    """A target's value with as many decimals as it has."""
    amount = _amount(text)
    exponent = amount.normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_number(amount, language, decimals)


def _money(text: object, language: str) -> str:
    return format_dkk_millions(_amount(text), language)


def plan_name(plan: SubmittedPlan, language: str) -> str:
    head = plan.plan
    return user_text(str(head["name_da" if language == "da" else "name_en"] or head["plan_id"]))


def is_illustrative(plan: SubmittedPlan) -> bool:
    return plan.source.get("kind") == "illustrative"


def summary(plan: SubmittedPlan, language: str) -> str:
    """'Handlingsplan … · 2026–2029 · ramme 100,0 mio. kr. · 1 indsats, 4 bevillinger, 2 mål',
    and ' · 2 resultatindikatorer' when it has any."""
    head = plan.plan
    years = f"{str(head['start_date'])[:4]}–{str(head['end_date'])[:4]}"
    text = t(
        "plan_preview_summary",
        language,
        name=plan_name(plan, language),
        years=years,
        total=_money(head["total_dkk"], language),
        initiatives=len(plan.initiatives),
        allocations=len(plan.allocations),
        targets=len(plan.targets),
    )
    if len(plan.results) == 1:
        text += t("plan_preview_result", language)
    elif plan.results:
        text += t("plan_preview_results", language, count=len(plan.results))
    return text


def show_plan(plan: SubmittedPlan, language: str, key: str, names: Names) -> None:
    """The plan as approving it would create it."""
    st.markdown(f"**{summary(plan, language)}**")
    source = plan.source
    st.caption(
        t(
            "plan_preview_source",
            language,
            title=user_text(str(source["title"])),
            publisher=user_text(str(source["publisher"])),
        )
    )
    if is_illustrative(plan):
        st.warning(t("plan_preview_illustrative", language))
    if plan.changes is not None:
        show_changes(plan, language, key, names)
    allocated = sum((_amount(a["amount_dkk"]) for a in plan.allocations), Decimal(0))
    st.caption(
        t(
            "plan_preview_allocated",
            language,
            allocated=format_dkk_millions(allocated, language),
            total=_money(plan.plan["total_dkk"], language),
        )
    )
    cards.wide_table(
        initiatives_table(plan, language),
        key=f"plan-initiatives-{key}",
        language=language,
        title=t("plan_preview_col_initiative", language),
        hide_index=True,
    )
    if plan.targets:
        cards.wide_table(
            targets_table(plan, language, names),
            key=f"plan-targets-{key}",
            language=language,
            title=t("plan_preview_col_indicator", language),
            hide_index=True,
        )
    if plan.results:
        cards.wide_table(  # wraps: what a new indicator counts is a sentence, cut by a grid
            results_table(plan, language, names),
            key=f"plan-results-{key}",
            language=language,
            title=t("plan_preview_col_initiative", language),
            hide_index=True,
            wrap=True,
        )


def indicator_name(plan: SubmittedPlan, code: str, language: str, names: Names) -> str:
    """A stored indicator's name, or the name the workbook gives one approving it creates."""
    for row in plan.new_indicators:
        if str(row["code"]) == code:
            return str(row["name_da" if language == "da" else "name_en"])
    return names.subject(code, language)


def results_table(plan: SubmittedPlan, language: str, names: Names) -> pd.DataFrame:
    """One row per initiative and result indicator; an indicator approving creates is named as
    the workbook defines it and marked new, with its unit and what it counts."""
    initiatives = {
        str(i["code"]): str(i["name_da" if language == "da" else "name_en"])
        for i in plan.initiatives
    }
    new = {str(i["code"]): i for i in plan.new_indicators}
    suffix = "da" if language == "da" else "en"

    def indicator(code: str) -> str:
        return indicator_name(plan, code, language, names)

    def defined(code: str) -> str:
        if code not in new:
            return ""
        row = new[code]
        text = t(
            "plan_preview_new_indicator",
            language,
            unit=str(row["unit"]),
            definition=str(row[f"definition_{suffix}"]),
        )
        words = row.get(f"synonyms_{suffix}")  # absent in a submission sent before the column
        return t("plan_preview_new_words", language, text=text, words=words) if words else text

    codes = [str(r["indicator"]) for r in plan.results]
    return pd.DataFrame(
        {
            t("plan_preview_col_initiative", language): [
                initiatives.get(str(r["initiative"]), str(r["initiative"])) for r in plan.results
            ],
            t("plan_preview_col_result", language): [indicator(c) for c in codes],
            t("plan_preview_col_new", language): [defined(c) for c in codes],
        }
    )


def initiatives_table(plan: SubmittedPlan, language: str) -> pd.DataFrame:
    """One row per initiative: its action area, who is responsible, and money per year."""
    areas = {
        a["code"]: str(a["name_da" if language == "da" else "name_en"]) for a in plan.action_areas
    }
    years = sorted({int(a["year"]) for a in plan.allocations})
    per: dict[tuple[str, int], Decimal] = {}
    for row in plan.allocations:
        cell = (str(row["initiative"]), int(row["year"]))
        per[cell] = per.get(cell, Decimal(0)) + _amount(row["amount_dkk"])
    # Cells as they were typed: a table shows them as plain text (and its phone cards escape
    # them), so no Markdown escaping here.
    frame: dict[str, list[str]] = {
        t("plan_preview_col_initiative", language): [
            str(i["name_da" if language == "da" else "name_en"]) for i in plan.initiatives
        ],
        t("plan_preview_col_area", language): [
            areas.get(i["action_area"], str(i["action_area"])) for i in plan.initiatives
        ],
        t("plan_preview_col_responsible", language): [
            str(i["responsible_org"] or "") for i in plan.initiatives
        ],
    }
    for year in years:
        frame[str(year)] = [
            format_dkk_millions(per[(str(i["code"]), year)], language)
            if (str(i["code"]), year) in per
            else ""
            for i in plan.initiatives
        ]
    return pd.DataFrame(frame)


def targets_table(plan: SubmittedPlan, language: str, names: Names) -> pd.DataFrame:
    """One row per target or baseline: indicator by name, year, and the value with direction."""

    def value(row: dict[str, object]) -> str:
        direction = row.get("direction")
        words = direction_text(TargetDirection(str(direction)), language) if direction else ""
        return f"{words} {_number(row['value'], language)}".strip()

    return pd.DataFrame(
        {
            t("plan_preview_col_indicator", language): [
                indicator_name(plan, str(r["indicator"]), language, names) for r in plan.targets
            ],
            t("plan_preview_col_year", language): [
                t("plan_preview_plan_end", language) if r["year"] is None else str(r["year"])
                for r in plan.targets
            ],
            t("plan_preview_col_kind", language): [
                t(f"plan_preview_kind_{r['kind']}", language) for r in plan.targets
            ],
            t("plan_preview_col_value", language): [value(r) for r in plan.targets],
        }
    )


def show_changes(plan: SubmittedPlan, language: str, key: str, names: Names) -> None:
    """What a revision changes in the stored plan, before and after."""
    changes = plan.changes or ()
    if not changes:
        st.info(t("plan_revision_none", language))
        return
    st.markdown(f"**{t('plan_revision_heading', language, count=len(changes))}**")
    st.caption(t("plan_revision_caption", language))
    cards.wide_table(
        changes_table(changes, language, names),
        key=f"plan-changes-{key}",
        language=language,
        title=t("plan_revision_col_what", language),
        hide_index=True,
    )


def _changed_value(change: Change, value: str | None, language: str, names: Names) -> str:
    if value is None:
        return ""
    if change.field == "indicator":  # a result indicator, linked or withdrawn
        return names.subject(value, language)
    if change.field in ("total_dkk", "amount_dkk"):
        return _money(value, language)
    if change.field == "direction":
        try:
            return direction_text(TargetDirection(value), language)
        except ValueError:  # a word no reader knows (a stored row's): shown as written
            return value
    if change.field == "value":
        return _number(value, language)
    return value


def _subject(change: Change, language: str, names: Names) -> str:
    part = t(f"plan_revision_part_{change.part}", language)
    field = t(f"plan_revision_field_{change.field}", language)
    if change.part == "plan":
        return f"{part}: {field}"
    if change.part == "target":
        indicator, year, kind = change.key.split("/")
        when = year or t("plan_preview_plan_end", language)
        what = upper_first(t(f"plan_preview_kind_{kind}", language))  # a row's first word
        return f"{what}, {names.subject(indicator, language)} {when}: {field}"
    if change.part == "result":
        initiative = change.key.split("/")[0]
        return f"{part}, {names.subject(initiative, language)}"
    if change.part == "indicator":  # by its code: its name may be what changes
        return f"{part} {change.key}: {field}"
    return f"{part} {change.key.replace('/', ' ')}: {field}"


def changes_table(changes: tuple[Change, ...], language: str, names: Names) -> pd.DataFrame:
    """One row per change: what (the part, its code and the field), before, after."""
    return pd.DataFrame(
        {
            t("plan_revision_col_what", language): [_subject(c, language, names) for c in changes],
            t("plan_revision_col_before", language): [
                _changed_value(c, c.before, language, names) for c in changes
            ],
            t("plan_revision_col_after", language): [
                _changed_value(c, c.after, language, names) for c in changes
            ],
        }
    )

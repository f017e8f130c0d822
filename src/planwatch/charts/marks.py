"""The layers an indicator chart is drawn with: a line, points and an end label per series (a
colour, a shape and a dash each), rings around revised and submitted figures, hollow points for
partial years and asterisks over preliminary figures, the labels that stand in for suppressed
ones, and the rules for targets and baselines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from planwatch.charts import frames, style


def _cycle(options: Sequence[Any], count: int) -> list[Any]:
    return [options[i % len(options)] for i in range(count)]


@dataclass(frozen=True)
class XAxis:
    """How a series chart places its points along x."""

    encoding: alt.X
    label_field: str
    label_title: str
    sort_field: str
    span_field: str | None = None  # what the description's span names (default: label_field)


def _series_scales(series: list[str], title: str) -> dict[str, Any]:
    """Colour, shape and dash per series, merged into one legend (same field and title); no
    legend for a single series (its end label names it)."""
    count = len(series)

    def legend() -> alt.Legend | None:
        return style.legend(title) if count > 1 else None

    return {
        "color": alt.Color(
            "series:N",
            scale=alt.Scale(domain=series, range=_cycle(style.OKABE_ITO, count)),
            legend=legend(),
        ),
        "shape": alt.Shape(
            "series:N",
            scale=alt.Scale(domain=series, range=_cycle(style.SHAPES, count)),
            legend=legend(),
        ),
        "strokeDash": alt.StrokeDash(
            "series:N",
            scale=alt.Scale(domain=series, range=_cycle(style.DASHES, count)),
            legend=legend(),
        ),
    }


def single_year_bars(x_axis: XAxis, unit_label: str, language: str) -> alt.Chart:
    """A bar under each series' point, for a chart with one year only: a lone point on an
    empty line chart reads as a chart that failed to draw."""
    layer: alt.Chart = (
        alt.Chart()
        .mark_bar(size=56, opacity=0.35, aria=False)
        .encode(
            x=x_axis.encoding,
            y=alt.Y("value:Q", axis=style.number_axis(unit_label, language)),
            color=alt.Color("series:N", legend=None),
            xOffset=alt.XOffset("series:N"),
        )
        .transform_filter("!datum.is_suppressed")
    )
    return layer


def _series_tooltip(x_axis: XAxis, unit_label: str, language: str) -> list[alt.Tooltip]:
    return [
        alt.Tooltip(f"{x_axis.label_field}:N", title=x_axis.label_title),
        alt.Tooltip("series:N", title=style.word("series", language)),
        alt.Tooltip("value_text:N", title=unit_label),
        alt.Tooltip("source:N", title=style.word("source", language)),
        alt.Tooltip("basis_text:N", title=style.word("basis", language)),
        alt.Tooltip("corrected_text:N", title=style.word("corrected", language)),
        alt.Tooltip("illustrative_text:N", title=style.word("illustrative_word", language)),
        alt.Tooltip("status_text:N", title=style.word("status", language)),
        alt.Tooltip("preliminary_text:N", title=style.word("preliminary", language)),
    ]


def series_layers(
    prepared: pd.DataFrame, x_axis: XAxis, language: str, unit_label: str
) -> list[alt.Chart]:
    series = frames.ordered_unique(prepared["series"])
    scales = _series_scales(series, style.word("series", language))
    y = alt.Y("value:Q", axis=style.number_axis(unit_label, language), scale=alt.Scale(zero=True))
    tooltip = _series_tooltip(x_axis, unit_label, language)
    base = alt.Chart().encode(x=x_axis.encoding, y=y)
    points = base.encode(
        color=scales["color"],
        shape=scales["shape"],
        tooltip=tooltip,
        description=alt.Description("aria_text:N"),
    )
    layers: list[alt.Chart] = [
        # A line joins complete years only: a partial year is never drawn as a full one.
        base.mark_line(strokeWidth=style.STROKE_WIDTH, aria=False)
        .encode(color=scales["color"], strokeDash=scales["strokeDash"], detail="segment:N")
        .transform_filter("datum.complete"),
        base.mark_text(
            align="left", dx=14, fontSize=style.LABEL_SIZE, fontWeight="bold", limit=260, aria=False
        )
        .encode(text="end_label:N", color=scales["color"])
        .transform_filter("datum.is_last"),
    ]
    # A layer of points is drawn only when it has points: an empty one is an unnamed image
    # to a screen reader (axe: svg-img-alt).
    if (prepared["complete"] & ~prepared["illustrative"]).any():
        layers.insert(
            1,
            points.mark_point(filled=True, size=style.POINT_SIZE, opacity=1)
            .transform_filter("!datum.illustrative")
            .transform_filter("datum.complete"),
        )
    if prepared["illustrative"].any():
        layers.insert(
            2,
            points.mark_point(
                filled=False, fill="white", size=style.POINT_SIZE, strokeWidth=3, opacity=1
            ).transform_filter("datum.illustrative"),
        )
    if not prepared["complete"].all():
        layers.extend(_partial_layers(base, points, x_axis, language))
    if prepared["corrected"].any():
        layers.append(_corrected_layer(base, tooltip, language))
    if prepared["submitted"].any():
        layers.append(_submitted_layer(base, tooltip, language))
    if prepared["preliminary"].any():
        layers.extend(_preliminary_layers(base, tooltip, language))
    if prepared["is_suppressed"].any():
        layers.append(
            alt.Chart()
            .mark_text(baseline="bottom", fontSize=style.LABEL_SIZE, fontWeight="bold")
            .encode(
                x=x_axis.encoding,
                y=alt.Y("suppressed_y:Q", scale=None, axis=None),
                text=alt.Text("value_text:N"),
                color=scales["color"],
                tooltip=tooltip,
                description=alt.Description("aria_text:N"),
            )
            .transform_filter("datum.is_suppressed")
        )
    if prepared["illustrative"].any():
        layers.append(style.illustrative_banner(style.word("illustrative_points", language)))
    return layers


def _legend_entry(base: alt.Chart, field: str, entry: str, only: str, **symbol: Any) -> alt.Chart:
    """A legend entry of its own for a marking (``entry``, drawn as ``symbol``): an invisible
    point per marked row (``only``), so that the entry is shown only when the chart has one."""
    layer: alt.Chart = (
        base.mark_point(size=0, filled=False, color=style.INK, aria=False)
        .encode(
            opacity=alt.Opacity(
                f"{field}:N",
                scale=alt.Scale(domain=[entry], range=[1]),
                legend=style.legend(None, symbolStrokeColor=style.INK, **symbol),
            )
        )
        .transform_filter(only)
    )
    return layer


def _partial_layers(
    base: alt.Chart, points: alt.Chart, x_axis: XAxis, language: str
) -> list[alt.Chart]:
    """A partial year: a hollow point in its series' colour and shape (not joined by the line),
    a legend entry, and its quarters ("1.–2. kvt.") written once under its year on the x axis,
    out of the way of every series' points."""
    hollow: alt.Chart = (
        points.mark_point(
            filled=False, fill="white", size=style.POINT_SIZE, strokeWidth=3, opacity=1
        )
        .transform_filter("!datum.complete")
        .transform_filter("!datum.illustrative")
    )
    label: alt.Chart = (
        alt.Chart()
        .transform_filter("!datum.complete")
        .transform_aggregate(groupby=[x_axis.sort_field, "coverage_label"])
        .mark_text(
            baseline="top",
            fontSize=style.LABEL_SIZE,
            fontWeight="bold",
            color=style.INK,
            aria=False,
        )
        .encode(
            x=x_axis.encoding, y=alt.value(style.HEIGHT + 26), text=alt.Text("coverage_label:N")
        )
    )
    entry = _legend_entry(
        base,
        "partial_marker",
        style.word("partial_year", language),
        "!datum.complete",
        symbolType="circle",
        symbolFillColor="white",
    )
    return [hollow, label, entry]


def _preliminary_layers(
    base: alt.Chart, tooltip: list[alt.Tooltip], language: str
) -> list[alt.Chart]:
    """An asterisk by each preliminary point, like a footnote mark on its value, and a legend
    entry saying what it means. A series' last point says it in its end label ("I alt: 54*")."""
    mark: alt.Chart = (
        base.mark_text(
            text=style.PRELIMINARY_MARK,
            align="left",
            baseline="middle",
            dx=8,
            dy=-12,
            fontSize=28,
            fontWeight="bold",
            color=style.INK,
            aria=False,
        )
        .encode(tooltip=tooltip)
        .transform_filter("datum.preliminary")
        .transform_filter("!datum.is_last")
        .transform_filter("!datum.is_suppressed")
    )
    entry = _legend_entry(
        base,
        "preliminary_marker",
        style.word("preliminary_entry", language),
        "datum.preliminary",
        symbolType=style.ASTERISK,
        symbolFillColor="transparent",
    )
    return [mark, entry]


def _submitted_layer(base: alt.Chart, tooltip: list[alt.Tooltip], language: str) -> alt.Chart:
    """A dashed black square around each point awaiting approval, with its own legend entry."""
    submitted = style.word("submitted", language)
    layer: alt.Chart = (
        base.mark_point(
            shape="square",
            filled=False,
            size=420,
            strokeWidth=2.5,
            strokeDash=[4, 3],
            color=style.INK,
            aria=False,
        )
        .encode(
            opacity=alt.Opacity(
                "submitted_marker:N",
                scale=alt.Scale(domain=[submitted], range=[1]),
                legend=style.legend(
                    style.word("status", language),
                    symbolType="square",
                    symbolStrokeColor=style.INK,
                    symbolFillColor="transparent",
                    symbolDash=[4, 3],
                ),
            ),
            tooltip=tooltip,
        )
        .transform_filter("datum.submitted")
    )
    return layer


def _corrected_layer(base: alt.Chart, tooltip: list[alt.Tooltip], language: str) -> alt.Chart:
    """A black diamond ring around each corrected point, with its own legend entry."""
    corrected = style.word("corrected", language)
    layer: alt.Chart = (
        base.mark_point(
            shape="diamond", filled=False, size=520, strokeWidth=3, color=style.INK, aria=False
        )
        .encode(
            opacity=alt.Opacity(
                "marker:N",
                scale=alt.Scale(domain=[corrected], range=[1]),
                legend=style.legend(
                    style.word("marking", language),
                    symbolType="diamond",
                    symbolStrokeColor=style.INK,
                    symbolFillColor="transparent",
                ),
            ),
            tooltip=tooltip,
        )
        .transform_filter("datum.corrected")
    )
    return layer


def target_layers(rows: pd.DataFrame, language: str, unit_label: str) -> list[alt.Chart]:
    """Rules for targets and baselines: dashed black targets, dotted grey baselines."""
    is_target = "datum.kind !== 'baseline'"
    year = style.word("year", language)
    rule_style = {
        "color": alt.condition(is_target, alt.value(style.INK), alt.value(style.GREY)),
        "strokeDash": alt.condition(is_target, alt.value([10, 5]), alt.value([2, 4])),
        "tooltip": [alt.Tooltip("label:N", title=unit_label)],
        "description": alt.Description("label:N"),
    }
    label = {
        "x": alt.X("x_label:Q", title=year),
        "text": alt.Text("label:N"),
        "color": alt.condition(is_target, alt.value(style.INK), alt.value(style.GREY)),
    }
    label_style: dict[str, Any] = {
        "baseline": "bottom",
        "dy": -6,
        "fontSize": style.LABEL_SIZE,
        "fontWeight": "bold",
        "aria": False,
    }
    base = alt.Chart(frames.inline(rows)).encode(y=alt.Y("value:Q", title=unit_label))
    whole_plan = base.transform_filter("datum.year === null")
    yearly = base.transform_filter("datum.year !== null")
    return [
        whole_plan.mark_rule(strokeWidth=3).encode(**rule_style),
        yearly.mark_rule(strokeWidth=4).encode(
            x=alt.X("x_start:Q", title=year), x2="x_end:Q", **rule_style
        ),
        whole_plan.mark_text(align="left", dx=6, **label_style).encode(**label),
        yearly.mark_text(align="right", **label_style).encode(**label),
    ]

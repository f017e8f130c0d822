"""Money charts: the budget path (cumulative spending against an even pace, with a projection
range ahead) and allocation against spending per initiative and year. Amounts are in millions
of kroner; illustrative (demo) figures are marked in the title, the plot and the description.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping, Sequence
from typing import Final

import altair as alt
import pandas as pd

from planwatch.charts import frames, style, theme
from planwatch.formatting import format_date, format_dkk_millions, format_number, format_percent

MILLION: Final = 1_000_000
BUDGET_COLUMNS: Final = (
    "period_end",
    "cumulative_spent",
    "even_path",
    "projection_low",
    "projection_mid",
    "projection_high",
)
ALLOCATION_COLUMNS: Final = ("initiative", "action_area", "year", "allocated", "spent")

_DESCRIPTIONS: Final[Mapping[str, Mapping[str, str]]] = {
    "budget": {
        "da": "Linjediagram: {title}. Samlet forbrug {spent} pr. {day} mod {even} ved jævn takt.",
        "en": "Line chart: {title}. Total spent {spent} at {day} against {even} at an even pace.",
    },
    "budget_empty": {
        "da": "Linjediagram: {title}. Endnu intet forbrug.",
        "en": "Line chart: {title}. Nothing spent yet.",
    },
    "projection": {
        "da": " Fremskrivning til {day}: {mid} (spænd {low} til {high}).",
        "en": " Projection to {day}: {mid} (range {low} to {high}).",
    },
    "allocation": {
        "da": "Søjlediagram: {title}. Bevilget og forbrugt pr. initiativ i {years}. "
        "I alt: {allocated} bevilget, {spent} forbrugt.",
        "en": "Bar chart: {title}. Allocated and spent per initiative in {years}. "
        "In total: {allocated} allocated, {spent} spent.",
    },
    "illustrative_chart": {
        "da": " ILLUSTRATIVT: opdigtede demotal.",
        "en": " ILLUSTRATIVE: invented demo figures.",
    },
}


LABEL_WIDTH: Final = 22
"""Characters per line of an initiative's name on the allocation chart's axis."""
LABEL_LIMIT: Final = 200
"""Pixels an axis label may take (a narrow phone keeps room for the bars)."""


def _caption(language: str, source: str | None, as_of: dt.date | None) -> list[str]:
    """Under the title: the unit, the source and the date of the figures."""
    return theme.caption_lines(
        language, unit=style.word("dkk_m", language), source=source, as_of=as_of
    )


def wrapped(name: str, width: int = LABEL_WIDTH) -> str:
    """A long name broken into lines of at most ``width`` characters (``\n`` between them)."""
    return "\n".join(textwrap.wrap(name, width=width, break_long_words=True)) or name


def _budget_lines(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    """Long rows (one per line and quarter) for spent, even pace and the projection's middle."""
    measures = {
        "cumulative_spent": style.word("spent", language),
        "even_path": style.word("even_path", language),
        "projection_mid": style.word("projection", language),
    }
    actual = {
        day
        for day, v in zip(frame["period_end"], frame["cumulative_spent"], strict=True)
        if not frames.is_missing(v)
    }
    rows: list[dict[str, object]] = []
    for column, measure in measures.items():
        for day, value in zip(frame["period_end"], frame[column], strict=True):
            if not frames.is_missing(value):
                # the projection's first point sits on the last actual one: no second marker
                anchor = column == "projection_mid" and day in actual
                rows.append(
                    {
                        "period_end": day,
                        "measure": measure,
                        "amount": float(value),
                        "anchor": anchor,
                    }
                )
    lines = pd.DataFrame(rows, columns=["period_end", "measure", "amount", "anchor"])
    lines["value_m"] = lines["amount"] / MILLION
    lines["amount_text"] = [format_dkk_millions(v, language) for v in lines["amount"]]
    lines["day_text"] = [format_date(day, language) for day in lines["period_end"]]
    last = lines.groupby("measure")["period_end"].transform("max")
    lines["is_last"] = lines["period_end"] == last
    lines["end_label"] = lines["measure"]
    lines["aria_text"] = [
        f"{measure}, {day}: {amount}"
        for measure, day, amount in zip(
            lines["measure"], lines["day_text"], lines["amount_text"], strict=True
        )
    ]
    return lines


def _anchor_projection(frame: pd.DataFrame) -> pd.DataFrame:
    """Start the projection at the last actual quarter so the band joins the spent line."""
    anchored = frame.copy()
    actual = anchored["cumulative_spent"].notna()
    projected = anchored["projection_mid"].notna()
    if actual.any() and projected.any():
        last = anchored.index[actual][-1]
        if not projected[last]:
            for column in ("projection_low", "projection_mid", "projection_high"):
                anchored.loc[last, column] = anchored.loc[last, "cumulative_spent"]
    return anchored


def _budget_band(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    band = frame[frame["projection_low"].notna() & frame["projection_high"].notna()]
    band = band[["period_end", "projection_low", "projection_mid", "projection_high"]].copy()
    band["low_m"] = band["projection_low"].astype(float) / MILLION
    band["high_m"] = band["projection_high"].astype(float) / MILLION
    band["range_label"] = style.word("projection_range", language)
    for column, name in (("projection_low", "low"), ("projection_high", "high")):
        band[f"{name}_text"] = [format_dkk_millions(v, language) for v in band[column]]
    band["day_text"] = [format_date(day, language) for day in band["period_end"]]
    label = style.word("projection_range", language)
    band["aria_text"] = [
        f"{label}, {day}: {low} – {high}"
        for day, low, high in zip(
            band["day_text"], band["low_text"], band["high_text"], strict=True
        )
    ]
    return band.drop(columns=["projection_low", "projection_mid", "projection_high"])


def _quarter_x(days: Sequence[dt.date], language: str) -> alt.X:
    ticks = sorted(set(days))
    return alt.X(
        "period_end:T",
        axis=style.axis(
            style.word("quarter_end", language),
            language,
            format=style.QUARTER_AXIS_FORMAT[language],
            formatType="time",
            values=[style.date_time(day) for day in ticks],
            labelOverlap=True,
        ),
        scale=alt.Scale(
            domain=[
                style.date_time(ticks[0] - dt.timedelta(days=20)),
                style.date_time(ticks[-1] + dt.timedelta(days=20)),
            ],
            nice=False,
        ),
    )


def _budget_line_layers(lines: pd.DataFrame, x: alt.X, language: str) -> list[alt.Chart]:
    looks = {
        style.word("spent", language): (style.OKABE_ITO[0], [1, 0], "circle"),
        style.word("even_path", language): (style.INK, [12, 6], "square"),
        style.word("projection", language): (style.OKABE_ITO[1], [3, 5], "triangle-up"),
    }
    drawn = set(lines["measure"])  # a legend only for the lines drawn
    measures = [measure for measure in looks if measure in drawn]
    legend_title = style.word("amount", language)
    color = alt.Color(
        "measure:N",
        scale=alt.Scale(domain=measures, range=[looks[m][0] for m in measures]),
        legend=style.legend(legend_title),
    )
    dash = alt.StrokeDash(
        "measure:N",
        scale=alt.Scale(domain=measures, range=[looks[m][1] for m in measures]),
        legend=style.legend(legend_title),
    )
    shape = alt.Shape(
        "measure:N",
        scale=alt.Scale(domain=measures, range=[looks[m][2] for m in measures]),
        legend=style.legend(legend_title),
    )
    y = alt.Y("value_m:Q", axis=style.number_axis(style.word("dkk_m", language), language))
    base = alt.Chart().encode(x=x, y=y)
    tooltip = [
        alt.Tooltip("day_text:N", title=style.word("quarter_end", language)),
        alt.Tooltip("measure:N", title=legend_title),
        alt.Tooltip("amount_text:N", title=style.word("dkk_m", language)),
    ]
    return [
        base.mark_line(strokeWidth=style.STROKE_WIDTH, aria=False).encode(
            color=color, strokeDash=dash
        ),
        base.mark_point(filled=True, size=style.POINT_SIZE, opacity=1)
        .encode(
            color=color,
            shape=shape,
            tooltip=tooltip,
            description=alt.Description("aria_text:N"),
        )
        .transform_filter("!datum.anchor"),
        base.mark_text(
            align="left", dx=14, fontSize=style.LABEL_SIZE, fontWeight="bold", aria=False
        )
        .encode(text="end_label:N", color=color)
        .transform_filter("datum.is_last"),
    ]


def _budget_band_layer(band: pd.DataFrame, x: alt.X, language: str) -> alt.Chart:
    layer: alt.Chart = (
        alt.Chart(frames.inline(band))
        .mark_area(opacity=0.25, line=False)
        .encode(
            x=x,
            y=alt.Y("low_m:Q", title=style.word("dkk_m", language)),
            y2="high_m:Q",
            description=alt.Description("aria_text:N"),
            fill=alt.Fill(
                "range_label:N",
                scale=alt.Scale(range=[style.OKABE_ITO[1]]),
                legend=style.legend(None, symbolType="square", symbolOpacity=0.4),
            ),
            tooltip=[
                alt.Tooltip("day_text:N", title=style.word("quarter_end", language)),
                alt.Tooltip("low_text:N", title=style.word("low", language)),
                alt.Tooltip("high_text:N", title=style.word("high", language)),
            ],
        )
    )
    return layer


def _describe_budget(lines: pd.DataFrame, band: pd.DataFrame, language: str, title: str) -> str:
    spent = lines[lines["measure"] == style.word("spent", language)]
    even = lines[lines["measure"] == style.word("even_path", language)]
    if spent.empty:
        text = _DESCRIPTIONS["budget_empty"][language].format(title=title)
    else:
        last = spent.iloc[-1]
        even_then = even[even["period_end"] == last["period_end"]]
        text = _DESCRIPTIONS["budget"][language].format(
            title=title,
            spent=last["amount_text"],
            day=last["day_text"],
            even=even_then["amount_text"].iloc[0] if not even_then.empty else "–",
        )
    projection = lines[lines["measure"] == style.word("projection", language)]
    if not projection.empty and not band.empty:
        end = band.iloc[-1]
        text += _DESCRIPTIONS["projection"][language].format(
            day=end["day_text"],
            mid=projection.iloc[-1]["amount_text"],
            low=end["low_text"],
            high=end["high_text"],
        )
    return text


def budget_path_chart(
    frame: pd.DataFrame,
    language: str,
    *,
    title: str,
    illustrative: bool,
    source: str | None = None,
    as_of: dt.date | None = None,
) -> alt.LayerChart:
    """Cumulative spending against an even pace, with a projection range ahead.

    ``frame`` columns: ``period_end`` (date, a quarter's last day), ``cumulative_spent``
    (float DKK; None for future quarters), ``even_path`` (float DKK), ``projection_low``,
    ``projection_mid``, ``projection_high`` (float DKK or None; only for future quarters).
    The y axis is in millions ("Mio. kr."/"DKK m"); under the title the unit, ``source`` and
    ``as_of`` ("Kilde: … · Tal pr. …"). The legend names only the lines drawn. When
    ``illustrative`` is True the plot says so once, in large type (and the description too).
    """
    style.checked_language(language)
    frames.require_columns(frame, BUDGET_COLUMNS, "budget path")
    if frame.empty:
        raise ValueError("budget path frame is empty")
    dated = frame.assign(period_end=frames.days(frame["period_end"])).sort_values("period_end")
    anchored = _anchor_projection(dated.reset_index(drop=True))
    lines = _budget_lines(anchored, language)
    band = _budget_band(anchored, language)
    x = _quarter_x(list(anchored["period_end"]), language)
    layers: list[alt.Chart] = []
    if not band.empty:
        layers.append(_budget_band_layer(band, x, language))
    layers.extend(_budget_line_layers(lines, x, language))
    description = _describe_budget(lines, band, language, title)
    if illustrative:
        layers.append(style.illustrative_banner(style.word("illustrative", language)))
        description += _DESCRIPTIONS["illustrative_chart"][language]
    chart = alt.LayerChart(
        data=frames.inline(lines), layer=layers, width=style.WIDTH, height=style.HEIGHT
    )
    return style.finish(chart, language, title, description, _caption(language, source, as_of))


# --- 4. allocation against spending ------------------------------------------------------------


def _allocation_rows(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    """Long rows: one per initiative, year and measure (allocated, spent), with text labels."""
    allocated, spent = style.word("allocated", language), style.word("spent", language)
    rows: list[dict[str, object]] = []
    for record in frame.to_dict(orient="records"):
        amounts = {allocated: float(record["allocated"]), spent: float(record["spent"])}
        share = amounts[spent] / amounts[allocated] * 100 if amounts[allocated] else None
        share_text = "–" if share is None else format_percent(share, language, 0)
        for measure, amount in amounts.items():
            label = format_number(amount / MILLION, language, 1)
            if measure == spent and share is not None:
                label = f"{label} ({share_text})"
            rows.append(
                {
                    "initiative": record["initiative"],
                    "initiative_label": wrapped(str(record["initiative"])),
                    "action_area": record["action_area"],
                    "year": frames.as_int(record["year"]),
                    "measure": measure,
                    "value_m": amount / MILLION,
                    "amount_text": format_dkk_millions(amount, language),
                    "share_text": share_text,
                    "label": label,
                }
            )
    long = pd.DataFrame(rows)
    long["aria_text"] = [
        f"{r['initiative']} ({r['action_area']}), {r['year']}, {r['measure']}: {r['amount_text']}"
        + (f" ({r['share_text']})" if r["measure"] == spent else "")
        for r in long.to_dict(orient="records")
    ]
    return long


def _allocation_layers(rows: pd.DataFrame, language: str) -> list[alt.Chart]:
    allocated, spent = style.word("allocated", language), style.word("spent", language)
    measures = [allocated, spent]
    legend_title = style.word("amount", language)
    legend = style.legend(legend_title, symbolType="square")
    y = alt.Y(
        "initiative_label:N",
        sort=frames.ordered_unique(rows["initiative_label"]),
        axis=style.axis(
            style.word("initiative", language),
            language,
            labelExpr="split(datum.label, '\\n')",  # one line per piece of the wrapped name
            labelLimit=LABEL_LIMIT,
        ),
    )
    y_offset = alt.YOffset("measure:N", sort=measures, scale=alt.Scale(domain=measures))
    x = alt.X("value_m:Q", axis=style.number_axis(style.word("dkk_m", language), language))
    base = alt.Chart().encode(y=y, yOffset=y_offset, x=x)
    tooltip = [
        alt.Tooltip("initiative:N", title=style.word("initiative", language)),
        alt.Tooltip("action_area:N", title=style.word("action_area", language)),
        alt.Tooltip("year:N", title=style.word("year", language)),
        alt.Tooltip("measure:N", title=legend_title),
        alt.Tooltip("amount_text:N", title=style.word("dkk_m", language)),
        alt.Tooltip("share_text:N", title=style.word("share_spent", language)),
    ]
    bars = base.mark_bar(strokeWidth=3).encode(
        fill=alt.Fill(
            "measure:N",
            scale=alt.Scale(domain=measures, range=["#FFFFFF", style.OKABE_ITO[1]]),
            legend=legend,
        ),
        stroke=alt.Stroke(
            "measure:N",
            scale=alt.Scale(domain=measures, range=[style.OKABE_ITO[0], style.OKABE_ITO[1]]),
            legend=legend,
        ),
        strokeDash=alt.StrokeDash(
            "measure:N", scale=alt.Scale(domain=measures, range=[[6, 3], [1, 0]]), legend=legend
        ),
        tooltip=tooltip,
        description=alt.Description("aria_text:N"),
    )
    labels = base.mark_text(
        align="left", dx=8, fontSize=style.LABEL_SIZE, color=style.INK, aria=False
    ).encode(text="label:N")
    return [bars, labels]


def allocation_vs_spending_chart(
    frame: pd.DataFrame,
    language: str,
    *,
    title: str,
    illustrative: bool,
    source: str | None = None,
    as_of: dt.date | None = None,
) -> alt.LayerChart | alt.FacetChart:
    """Allocated against spent per initiative: for one year a chart as wide as its container
    (the page picks the year), for several one panel per year.

    ``frame`` columns: ``initiative`` (str, a translated label), ``action_area`` (str, a
    translated label), ``year`` (int), ``allocated`` (float DKK), ``spent`` (float DKK).
    Allocated bars are hollow with a dashed blue outline, spent bars solid vermillion, and
    every bar carries its amount in millions (spent also its share of the allocation), so the
    two never rely on colour alone. A long initiative name is wrapped on the axis and whole in
    the tooltip. Caption and illustrative marking as in :func:`budget_path_chart`.
    """
    style.checked_language(language)
    frames.require_columns(frame, ALLOCATION_COLUMNS, "allocation")
    if frame.empty:
        raise ValueError("allocation frame is empty")
    rows = _allocation_rows(frame, language)
    layers = _allocation_layers(rows, language)
    description = _describe_allocation(frame, language, title, illustrative)
    caption = _caption(language, source, as_of)
    if rows["year"].nunique() == 1:
        if illustrative:
            layers.append(style.illustrative_banner(style.word("illustrative", language)))
        lines = max(label.count("\n") + 1 for label in rows["initiative_label"])
        step = alt.Step(max(30, 11 * lines))  # room for a wrapped name beside its two bars
        one = alt.LayerChart(data=frames.inline(rows), layer=layers, width="container", height=step)
        return style.finish(one, language, title, description, caption)
    if illustrative:
        first_year = int(rows["year"].min())
        banner = style.illustrative_banner(
            style.word("illustrative", language), f"datum.year === {first_year}"
        )
        layers.append(banner)
    inner = alt.LayerChart(layer=layers, width=style.WIDTH - 180, height=alt.Step(30))
    header = alt.Header(
        title=style.word("year", language),
        titleFontSize=style.LABEL_SIZE,
        labelFontSize=style.LABEL_SIZE + 2,
        labelFontWeight="bold",
        labelAngle=0,
        labelAlign="left",
    )
    faceted = inner.facet(row=alt.Row("year:O", header=header), data=frames.inline(rows))
    return style.finish(faceted, language, title, description, caption)


def _describe_allocation(frame: pd.DataFrame, language: str, title: str, illustrative: bool) -> str:
    years = [str(y) for y in sorted({frames.as_int(y) for y in frame["year"]})]
    text = _DESCRIPTIONS["allocation"][language].format(
        title=title,
        years=style.join_words(years, language),
        allocated=format_dkk_millions(float(frame["allocated"].sum()), language),
        spent=format_dkk_millions(float(frame["spent"].sum()), language),
    )
    if illustrative:
        text += _DESCRIPTIONS["illustrative_chart"][language]
    return text

"""A speaking note as a file: Markdown, Word (python-docx) and plain JSON values. Every stored
text is written as one line of literal text, so nothing in it can become a link, an image,
HTML, a new block or an XML construct.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from enum import StrEnum
from typing import Any, Final

from planwatch.domain.clock import to_local
from planwatch.domain.coverage import Coverage
from planwatch.domain.periods import Period
from planwatch.formatting import format_moment
from planwatch.notes.note import Bullet, Comparison, TalkingPoints

_XML_UNSAFE: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MARKDOWN_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>#|~$])")
_MARKDOWN_BLOCK_START: Final = re.compile(r"^(\d+)([.)])|^([-+])")


def plain_text(text: str) -> str:
    """One line of text: control characters and line breaks become spaces, so that nothing
    can start a new paragraph, list item or XML construct."""
    cleaned = _XML_UNSAFE.sub(" ", text)
    return " ".join(cleaned.split())


def _md(text: str) -> str:
    """Escaped so that it stays one line of literal text: no link, image, HTML, emphasis or
    LaTeX, and no list or heading where it starts."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", plain_text(text))
    return _MARKDOWN_BLOCK_START.sub(
        lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped, count=1
    )


def _meta_line(points: TalkingPoints) -> str:
    moment = format_moment(to_local(points.as_of), points.language)
    if points.language == "da":
        line = f"Tal pr. {moment}."
        if points.includes_submitted:
            line += " Omfatter indsendte tal, der endnu ikke er godkendt (markeret foreløbige)."
        return line
    line = f"Figures as of {moment}."
    if points.includes_submitted:
        line += " Includes submitted figures not yet approved (marked preliminary)."
    return line


def footer_text(points: TalkingPoints) -> str:
    """'Udarbejdet af planwatch 29. november 2026, kl. 12.24' (Danish time)."""
    moment = format_moment(to_local(points.as_of), points.language)
    if points.language == "da":
        return f"Udarbejdet af planwatch {moment}"
    return f"Prepared by planwatch {moment}"


def to_markdown(points: TalkingPoints) -> str:
    """The note as Markdown: a heading, one list item per bullet with its source in italics
    on the next line, and the footer. Every text is escaped, so nothing in a stored title can
    become a link, an image, HTML or a new block."""
    lines = [f"# {_md(points.title)}", "", f"*{_md(_meta_line(points))}*", ""]
    for bullet in points.bullets:
        lines.append(f"- {_md(bullet.text)}")
        lines.append(f"  *{_md(bullet.source_text)}*")
    lines += ["", f"*{_md(footer_text(points))}*", ""]
    return "\n".join(lines)


def to_docx(points: TalkingPoints) -> bytes:
    """The note as a Word document: a heading, one bullet paragraph per bullet (the source in
    a smaller italic run after a line break) and a footer line. Only plain runs are written."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.title = plain_text(points.title)
    document.core_properties.author = "planwatch"
    document.add_heading(plain_text(points.title), level=1)
    meta = document.add_paragraph().add_run(plain_text(_meta_line(points)))
    meta.italic = True
    for bullet in points.bullets:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(plain_text(bullet.text))
        paragraph.add_run().add_break()
        source = paragraph.add_run(plain_text(bullet.source_text))
        source.italic = True
        source.font.size = Pt(9)
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run(plain_text(footer_text(points))).font.size = Pt(8)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Period):
        return str(value)
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _quarters(covers: Coverage | None) -> list[int] | None:
    """The quarters a partial year's value covers; ``None`` for a whole year or a quarter."""
    return None if covers is None or covers.quarters is None else list(covers.quarters)


def _comparison_dict(numbers: Comparison) -> dict[str, Any]:
    return {
        "period": _json(numbers.period),
        "quarters": _quarters(numbers.covers),
        "value": _json(numbers.value),
        "previous_period": _json(numbers.previous_period),
        "previous_quarters": _quarters(numbers.previous_covers),
        "previous": _json(numbers.previous),
        "change": _json(numbers.change),
        "percent": _json(numbers.percent),
        "percent_rounded": _json(numbers.percent_rounded),
        "multiple": _json(numbers.multiple),
        "highest_since": None if numbers.highest is None else numbers.highest.since,
        "highest_is_record": None if numbers.highest is None else numbers.highest.record,
        "lowest_since": None if numbers.lowest is None else numbers.lowest.since,
        "lowest_is_record": None if numbers.lowest is None else numbers.lowest.record,
    }


def _bullet_dict(bullet: Bullet) -> dict[str, Any]:
    flags = bullet.flags
    return {
        "kind": bullet.kind,
        "indicator_code": bullet.indicator_code,
        "breakdown": None
        if bullet.breakdown is None
        else {
            "sex": bullet.breakdown.sex,
            "age_group": bullet.breakdown.age_group,
            "exploitation": bullet.breakdown.exploitation,
        },
        "text": bullet.text,
        "source_text": bullet.source_text,
        "sources": [
            {
                "source_id": s.source_id,
                "title": s.title,
                "publisher": s.publisher,
                "kind": s.kind.value,
            }
            for s in bullet.sources
        ],
        "flags": {
            "preliminary": flags.preliminary,
            "preliminary_reasons": list(flags.preliminary_reasons),
            "suppressed": flags.suppressed,
            "illustrative": flags.illustrative,
            "revised": flags.revised,
        },
        "numbers": [_comparison_dict(c) for c in bullet.comparisons],
        "money": None
        if bullet.money is None
        else {
            "total_dkk": _json(bullet.money.total_dkk),
            "spent_dkk": _json(bullet.money.spent_dkk),
            "share_spent_percent": _json(bullet.money.share_spent_percent),
        },
    }


def to_dict(points: TalkingPoints) -> dict[str, Any]:
    """The note as plain JSON values (for ``--json``): numbers as numbers, periods as text."""
    return {
        "title": points.title,
        "plan": {
            "plan_id": points.plan.plan_id,
            "name": points.plan.name(points.language),
            "total_dkk": _json(points.plan.total_dkk),
        },
        "year": points.year,
        "quarter": points.quarter,
        "language": points.language,
        "as_of": _json(points.as_of),
        "includes_submitted": points.includes_submitted,
        "footer": footer_text(points),
        "bullets": [_bullet_dict(b) for b in points.bullets],
    }

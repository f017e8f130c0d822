"""A speaking note as Markdown, Word and JSON (issue 7): every bullet with its source, and
nothing in a stored text becomes a link, an image, HTML or a new block."""

from __future__ import annotations

import datetime as dt
import io
import json

import docx

from planwatch.domain.clock import to_local
from planwatch.notes import draft, formats, note
from planwatch.storage import Store
from tests import clock

DANISH_MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def _later() -> dt.datetime:
    """Noon the day after the demo database was built: after everything stored in it, and a
    round time for the footer."""
    return clock.later(days=1, at=dt.time(12, 0))


def test_markdown_and_docx_carry_every_bullet_and_its_source(demo_store: Store) -> None:
    as_of = _later()
    local = to_local(as_of)  # every moment a reader sees is Danish time
    day = f"{local.day}. {DANISH_MONTHS[local.month - 1]} {local.year}"
    made = f"Udarbejdet af planwatch {day}, kl. {local:%H.%M}"
    points = draft.draft(demo_store, year=2023, as_of=as_of)
    markdown = formats.to_markdown(points)
    assert markdown.startswith(f"# {points.title}\n")
    for bullet in points.bullets:
        assert f"- {bullet.text}\n  *{bullet.source_text}*" in markdown
    assert made in markdown

    document = docx.Document(io.BytesIO(formats.to_docx(points)))
    assert document.paragraphs[0].text == points.title
    assert document.paragraphs[0].style.name == "Heading 1"
    items = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert [p.text for p in items] == [f"{b.text}\n{b.source_text}" for b in points.bullets]
    source_run = items[1].runs[-1]
    assert source_run.italic and source_run.text == points.bullets[1].source_text
    assert source_run.font.size is not None and source_run.font.size.pt < 11
    footer = document.sections[0].footer.paragraphs[0].text
    assert footer == made

    data = json.loads(json.dumps(formats.to_dict(points)))
    victims = next(b for b in data["bullets"] if b["indicator_code"] == "victims_assessed")
    assert victims["numbers"][0]["value"] == 112 and victims["numbers"][0]["previous"] == 73
    assert victims["numbers"][0]["percent_rounded"] == 53.4
    assert data["as_of"] == f"{as_of:%Y-%m-%d}T12:00:00"


def test_stored_text_cannot_inject_anything(demo_store: Store) -> None:
    points = draft.draft(demo_store, year=2023, as_of=_later())
    hostile = "x\x00y\x0b <w:p>[link](http://evil.example) ![i](http://e/i.png)\n# Head $x$"
    bullet = note.Bullet("indicator", "victims_assessed", hostile, hostile)
    numbered = note.Bullet("quarter", None, "2. kvartal 2030: 41", "- Kilde")
    tampered = note.TalkingPoints(
        hostile, points.plan, points.period, "da", points.as_of, False, (bullet, numbered)
    )
    document = docx.Document(io.BytesIO(formats.to_docx(tampered)))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "x y <w:p>[link](http://evil.example) ![i](http://e/i.png) # Head $x$"
    assert len([p for p in document.paragraphs if p.style.name == "List Bullet"]) == 2
    markdown = formats.to_markdown(tampered)
    assert "- 2\\. kvartal 2030: 41\n  *\\- Kilde*" in markdown  # not a nested list
    assert "](" not in markdown.replace("\\](", "")  # no live link or image
    assert "<w:p>" not in markdown and "\\<w:p\\>" in markdown
    assert "\x00" not in markdown
    assert [line for line in markdown.splitlines() if line.startswith("#")] == [
        markdown.splitlines()[0]
    ]

"""The images of the docs (issue 19): every image a page of docs/ embeds exists, is a PNG and is
small enough to keep in the repository; every PNG in docs/images/ is embedded by some page (an
image no page shows is an orphan, left behind when a page changed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.paths import REPO

DOCS = REPO / "docs"
IMAGES = DOCS / "images"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
LIMIT = 250_000  # bytes
# Markdown's ![alt](target) and HTML's <img src="target">; a link to a web address is not ours.
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*\bsrc=[\"']([^\"']+)[\"']", re.IGNORECASE)


def referenced_images(docs: Path = DOCS) -> dict[Path, list[str]]:
    """Each local image the pages embed (resolved), with the pages that embed it."""
    found: dict[Path, list[str]] = {}
    for page in sorted(docs.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for target in _MARKDOWN_IMAGE.findall(text) + _HTML_IMAGE.findall(text):
            if re.match(r"^[a-z]+:", target):  # https:, data: …
                continue
            path = (page.parent / target.split("#")[0]).resolve()
            found.setdefault(path, []).append(page.name)
    return found


def test_the_plans_guide_embeds_its_screenshots() -> None:
    embedded = {p for p, pages in referenced_images().items() if "plans.md" in pages}
    assert {p.name for p in embedded} >= {
        "approval-preview.png",
        "budget.png",
        "money-and-results.png",
        "plans-side-by-side.png",
    }


@pytest.mark.parametrize(
    "image", sorted(referenced_images()), ids=lambda p: str(p.relative_to(REPO))
)
def test_every_embedded_image_is_a_small_png(image: Path) -> None:
    assert image.is_file(), f"{image} is embedded but missing"
    assert image.is_relative_to(IMAGES), f"{image}: keep the docs' images under docs/images/"
    assert image.read_bytes()[:8] == PNG_MAGIC, f"{image} is not a PNG"
    assert image.stat().st_size < LIMIT, f"{image}: {image.stat().st_size} bytes"


def test_every_png_in_docs_images_is_embedded() -> None:
    embedded = set(referenced_images())
    orphans = [p for p in sorted(IMAGES.rglob("*.png")) if p.resolve() not in embedded]
    assert orphans == []


def test_the_reader_finds_images_and_orphans(tmp_path: Path) -> None:
    """The check itself: a Markdown and an HTML image are found, a web address is not."""
    (tmp_path / "page.md").write_text(
        '![a](images/a.png) <img alt="b" src="images/b.png"> ![c](https://example.org/c.png)',
        encoding="utf-8",
    )
    found = referenced_images(tmp_path)
    assert sorted(p.name for p in found) == ["a.png", "b.png"]

"""A 30-page Word document is checked in under 2 seconds (issue 15), as the app checks it:
``check_file`` on an open database. ``benchmarks/claims_speed.py`` measures the same and the
whole command-line process, against reading the document alone."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest
from benchmarks.claims_speed import write_document

from planwatch.claims.checking import check_file
from planwatch.storage import Store

pytestmark = pytest.mark.timing  # `make pytest` runs it alone, not beside another worker

TARGET_SECONDS = 2.0


def test_a_30_page_word_document_is_checked_in_under_two_seconds(
    demo_store: Store, tmp_path: Path
) -> None:
    document = tmp_path / "tale.docx"
    words = write_document(document, pages=30)
    assert words >= 30 * 500
    data = document.read_bytes()
    report = check_file(demo_store, data, document.name)  # warm: the first read opens the store
    assert len(report.claims) > 400
    assert sum(c.verdict == "consistent" for c in report.claims) > 200  # read, not skipped
    times = []
    for _ in range(3):
        start = time.perf_counter()
        check_file(demo_store, data, document.name)
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < TARGET_SECONDS, times

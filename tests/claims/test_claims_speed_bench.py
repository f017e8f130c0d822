"""``benchmarks/claims_speed.py`` still measures what it says: its whole-process run of
``planwatch check-claims`` acts as a user the command line accepts and reads the document (it
had stopped at "not mapped to a planwatch user" once the command line proved who runs it, and
nothing noticed)."""

from __future__ import annotations

from benchmarks.claims_speed import measure


def test_the_benchmark_checks_a_document_in_a_whole_process() -> None:
    found = measure(pages=1, repeat=1)
    assert found["claims"] > 5
    assert found["whole_process"] > found["docx_floor"] > 0

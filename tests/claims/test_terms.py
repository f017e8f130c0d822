"""Where a text names an indicator: whole words, case-insensitive, the longest term first."""

from __future__ import annotations

from planwatch.claims.terms import find_terms

TERMS = (
    ("hotline_calls", "hotline"),
    ("hotline_calls", "opkald til hotlinen"),
    ("victims_assessed", "ofre for menneskehandel"),
    ("victims_identified_tip", "TIP-rapporten"),
)


def test_terms_match_whole_words_by_stem_case_insensitively_longest_first() -> None:
    text = "Ifølge TIP-RAPPORTEN var der 72 ofre for menneskehandel og mange Opkald til hotlinen."
    hits = find_terms(text, TERMS)
    assert [(h.code, text[h.start : h.end]) for h in hits] == [
        ("victims_identified_tip", "TIP-RAPPORTEN"),
        ("victims_assessed", "ofre for menneskehandel"),
        ("hotline_calls", "Opkald til hotlinen"),  # not also "hotline" inside it
    ]
    # by stem: inflections match (issue 15), other words do not
    hotline = find_terms("Hotlinens opkald og hotlines.", TERMS, language="da")
    assert [h.code for h in hotline] == ["hotline_calls", "hotline_calls"]
    assert find_terms("Hotellets opkald.", TERMS, language="da") == []

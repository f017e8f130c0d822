"""The table of a revision's changes on Godkendelse (issue 19), as a function of the changes."""

from __future__ import annotations

from planwatch.domain.plan_revision import Change
from planwatch.figures.names import Names
from planwatch.ui.app_pages.plan_preview import changes_table

NAMES = Names({"victims_assessed": ("Vurderede ofre", "Assessed victims")})


def test_each_part_is_worded_with_money_values_and_directions_in_the_language() -> None:
    changes = (
        Change("plan", "plan", "total_dkk", "100000000", "120000000"),
        Change("allocation", "illu-stoette/2027", "amount_dkk", "2500000", None),
        Change("target", "victims_assessed//target", "value", "150", "150.5"),
    )
    rows = [tuple(r) for r in changes_table(changes, "da", NAMES).itertuples(index=False)]
    assert rows == [
        ("Planen: ramme", "100,0 mio. kr.", "120,0 mio. kr."),
        ("Bevilling illu-stoette 2027: beløb", "2,5 mio. kr.", ""),
        ("Mål, Vurderede ofre planens slutning: værdi", "150", "150,5"),
    ]
    english = changes_table(changes, "en", NAMES).iloc[0].tolist()
    assert english == ["The plan: total", "DKK 100.0m", "DKK 120.0m"]


def test_an_unknown_stored_direction_is_shown_as_written_not_a_crash() -> None:
    """A stored target's direction no reader knows (an older row, or an edited file) does not
    break the approval page."""
    change = Change("target", "victims_assessed//target", "direction", "sideways", "at_least")
    table = changes_table((change,), "da", NAMES)
    assert table.iloc[0].tolist()[1:] == ["sideways", "mindst"]

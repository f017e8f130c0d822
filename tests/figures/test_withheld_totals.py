"""A correction that adds a small count to a published total (issue 16's last gap): 1. kvt. is
published as 12 = 5 women + 7 men, then corrected to 13 = 5 + 7 + 1 transgender person. The
women and men did not change, so 13 - 12 would be the new person. From the correction on, a
viewer sees the changed totals as withheld - on the pages' data functions, in speaking notes and
in the claim check - while a reader of exact counts sees 13, and "as of" before the correction
everyone still sees 12. The attacker test proves no cell can be narrowed:
tests/access/test_attacker.py::test_a_correction_that_adds_one_person_does_not_give_them_away.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest

from planwatch.claims.checking import check
from planwatch.domain.periods import Period
from planwatch.domain.permissions import PUBLIC_VIEW, View
from planwatch.domain.suppression import Suppression
from planwatch.domain.vocab import Breakdown
from planwatch.figures import reporting
from planwatch.notes import draft, formats
from planwatch.storage import Store
from tests import scenarios

EXACT = View(exact_small_counts=True)


@dataclass(frozen=True)
class Corrected:
    store: Store
    year: int
    published: dt.datetime  # after the first upload's approval
    corrected: dt.datetime  # after the correction's approval


@pytest.fixture
def corrected(users_store: Store) -> Corrected:
    year, one, two = scenarios.correction_adds_a_person(users_store)
    later = dt.timedelta(hours=2)
    return Corrected(users_store, year, one + later, two + later)


def _quarter(c: Corrected, as_of: dt.datetime, view: View) -> reporting.QuarterValue:
    found = reporting.quarter_series(c.store, "victims_assessed", c.year, as_of=as_of, view=view)
    (q1,) = [q for q in found if q.period == Period(c.year, 1)]
    return q1


def test_the_changed_total_is_withheld_from_the_correction_on(corrected: Corrected) -> None:
    c = corrected
    before = _quarter(c, c.published, PUBLIC_VIEW)
    assert (before.value, before.suppressed) == (Decimal(12), None)
    after = _quarter(c, c.corrected, PUBLIC_VIEW)
    assert after.value is None and after.suppressed is not None
    assert after.suppressed.kind is Suppression.WITHHELD
    assert after.correction_reason is None, "the reason could say what changed"
    assert _quarter(c, c.corrected, EXACT).value == Decimal(13)
    (year,) = reporting.year_series(
        c.store, "victims_assessed", as_of=c.corrected, year=c.year, view=PUBLIC_VIEW
    )
    assert year.value is None and year.suppressed is not None
    answer = reporting.figure(
        c.store, "victims_assessed", Period(c.year, 1), as_of=c.corrected, view=PUBLIC_VIEW
    )
    assert answer is not None and answer.preferred.value is None
    # women and men are still shown: only the totals and the new small cell are withheld
    women = reporting.figure(
        c.store,
        "victims_assessed",
        Period(c.year, 1),
        Breakdown(sex="female"),
        as_of=c.corrected,
        view=PUBLIC_VIEW,
    )
    assert women is not None and women.preferred.value == Decimal(5)


def test_the_history_of_the_total_does_not_show_its_versions(corrected: Corrected) -> None:
    c = corrected
    history = reporting.history(c.store, "victims_assessed", Period(c.year, 1), view=PUBLIC_VIEW)
    assert history, "the total has a history"
    assert all(v.value is None for v in history), history


@pytest.mark.parametrize(("language", "withheld"), [("da", "ikke oplyst"), ("en", "undisclosed")])
def test_a_speaking_note_does_not_state_the_withheld_total(
    corrected: Corrected, language: str, withheld: str
) -> None:
    c = corrected
    points = draft.draft(
        c.store, year=c.year, quarter=1, language=language, as_of=c.corrected, view=PUBLIC_VIEW
    )
    text = formats.to_markdown(points)
    # The points themselves, not the heading's and footer's clock time ("kl. 12.07") or dates.
    said = "\n".join(line for line in text.splitlines() if line.startswith("- "))
    assert not re.search(r"(?<![\d.,])1[23](?![\d.,])", said.replace(str(c.year), "")), text
    assert withheld in said, text
    exact = draft.draft(c.store, year=c.year, quarter=1, language=language, as_of=c.corrected)
    assert " 13 " not in formats.to_markdown(exact), "the public view is the default"


@pytest.mark.parametrize(
    ("language", "template"),
    [
        ("da", "I 1. kvt. {year} blev {n} personer vurderet som ofre for menneskehandel."),
        ("en", "In Q1 {year}, {n} persons were assessed as victims of trafficking."),
    ],
)
def test_the_claim_check_judges_no_claim_on_a_withheld_total(
    corrected: Corrected, language: str, template: str
) -> None:
    """Confirming 13 or rejecting 12 would each give the new person away."""
    c = corrected
    for n in (12, 13, 14):
        text = template.format(year=c.year, n=n)
        report = check(c.store, text, language=language, as_of=c.corrected, view=PUBLIC_VIEW)  # type: ignore[arg-type]
        verdicts = {claim.verdict for claim in report.claims}
        assert verdicts and verdicts.isdisjoint({"consistent", "inconsistent"}), (n, verdicts)
        exact = check(c.store, text, language=language, as_of=c.corrected, view=EXACT)  # type: ignore[arg-type]
        expected = "consistent" if n == 13 else "inconsistent"
        assert expected in {claim.verdict for claim in exact.claims}, (n, exact.claims)


def test_next_year_is_not_compared_with_a_withheld_quarter(corrected: Corrected) -> None:
    """The rest of the year arrives, then the next year's first quarter (15). The complete year
    less the three later quarters would be 13, so one of them is withheld too (the engine takes
    the cheapest: a quarter rather than the year); and the new quarter is not compared with the
    withheld one (15 - 13 would say it)."""
    from planwatch.figures import dashboard

    c = corrected
    rest = {2: (9, 4, 5), 3: (10, 5, 5), 4: (11, 6, 5)}
    for quarter, (total, women, men) in rest.items():
        data = scenarios.sex_quarter_file(
            c.year, quarter, {"": total, "female": women, "male": men}
        )
        sent = c.corrected + dt.timedelta(days=quarter)
        scenarios.upload_and_approve(c.store, data, f"q{quarter}.csv", sent)
    sent = c.corrected + dt.timedelta(days=5)
    data = scenarios.sex_quarter_file(c.year + 1, 1, {"": 15, "female": 8, "male": 7})
    scenarios.upload_and_approve(c.store, data, "q1-next.csv", sent)
    moment = sent + dt.timedelta(hours=2)
    (year,) = reporting.year_series(
        c.store, "victims_assessed", as_of=moment, year=c.year, view=PUBLIC_VIEW
    )
    quarters = reporting.quarter_series(
        c.store, "victims_assessed", c.year, as_of=moment, view=PUBLIC_VIEW
    )
    later = [q.value for q in quarters if q.period.year == c.year and q.period.quarter != 1]
    assert year.complete and len(later) == 3
    assert year.value is None or None in later, (year.value, later)
    (tile,) = [
        t
        for t in dashboard.indicator_tiles(c.store, as_of=moment, view=PUBLIC_VIEW)
        if t.indicator.code == "victims_assessed"
    ]
    ytd = tile.year_to_date
    assert ytd is not None and ytd.current.value == Decimal(15)
    assert ytd.change is None and ytd.change_percent is None, ytd
    exact = next(
        t
        for t in dashboard.indicator_tiles(c.store, as_of=moment, view=EXACT)
        if t.indicator.code == "victims_assessed"
    ).year_to_date
    assert exact is not None and exact.change == Decimal(2)
    points = draft.draft(
        c.store, year=c.year + 1, quarter=1, language="da", as_of=moment, view=PUBLIC_VIEW
    )
    text = formats.to_markdown(points)
    # the figures, not the dates and times the note is stamped with ("13. december 2026",
    # "kl. 13.05"), which hold any digits depending on the day the tests run
    figures = re.sub(r"\d{1,2}\. \w+ \d{4}|kl\. \d{2}\.\d{2}", "", text)
    assert "13" not in figures and "stigning på 2" not in figures, text

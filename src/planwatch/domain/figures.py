"""What identifies a figure, whichever source gives it."""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.domain.periods import Period
from planwatch.domain.vocab import TOTAL, Breakdown


@dataclass(frozen=True, slots=True)
class FigureKey:
    """An indicator, a period (year or quarter) and a breakdown (all ``all`` = the total)."""

    indicator: str
    period: Period
    breakdown: Breakdown = TOTAL

    def as_params(self) -> dict[str, object]:
        """The key as named query parameters."""
        return {
            "indicator": self.indicator,
            "year": self.period.year,
            "quarter": self.period.quarter,
            "sex": self.breakdown.sex,
            "age_group": self.breakdown.age_group,
            "exploitation": self.breakdown.exploitation,
        }

    def __str__(self) -> str:
        parts = [self.indicator, str(self.period)]
        parts += [
            f"{name}={value}"
            for name, value in (
                ("sex", self.breakdown.sex),
                ("age_group", self.breakdown.age_group),
                ("exploitation", self.breakdown.exploitation),
            )
            if value != "all"
        ]
        return " ".join(parts)

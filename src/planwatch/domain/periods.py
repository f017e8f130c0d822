"""Periods: a whole calendar year, or one quarter of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MIN_YEAR = 2000
MAX_YEAR = 2100


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A calendar year (``quarter is None``) or a quarter 1–4 of it."""

    year: int
    quarter: int | None = None

    def __post_init__(self) -> None:
        if not 1900 <= self.year <= MAX_YEAR:
            raise ValueError(f"year {self.year} is out of range")
        if self.quarter is not None and not 1 <= self.quarter <= 4:
            raise ValueError(f"quarter {self.quarter} is not 1-4")

    @property
    def start(self) -> dt.date:
        month = 1 if self.quarter is None else 3 * (self.quarter - 1) + 1
        return dt.date(self.year, month, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        if self.quarter is None or self.quarter == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.quarter + 1, 1) - dt.timedelta(days=1)

    def has_ended(self, today: dt.date) -> bool:
        return self.end < today

    def label(self, language: str = "da") -> str:
        if self.quarter is None:
            return str(self.year)
        return (
            f"{self.quarter}. kvt. {self.year}"
            if language == "da"
            else f"Q{self.quarter} {self.year}"
        )

    def quarters(self) -> tuple[Period, ...]:
        if self.quarter is not None:
            return (self,)
        return tuple(Period(self.year, q) for q in range(1, 5))

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse ``2023`` or ``2023-Q2`` / ``2023Q2``."""
        cleaned = text.strip().upper().replace("-", "")
        try:
            if "Q" in cleaned:
                year, quarter = cleaned.split("Q", 1)
                return cls(int(year), int(quarter))
            return cls(int(cleaned))
        except ValueError:
            raise ValueError(f"{text!r} is not a year (2023) or a quarter (2023-Q2)") from None

    def __str__(self) -> str:
        return str(self.year) if self.quarter is None else f"{self.year}-Q{self.quarter}"

"""Plans: their period, total and phase. Action areas and initiatives are rows read by storage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class PlanStatus(StrEnum):
    DRAFT = "draft"
    ADOPTED = "adopted"


class PlanPhase(StrEnum):
    UPCOMING = "upcoming"
    RUNNING = "running"
    ENDED = "ended"


@dataclass(frozen=True, slots=True)
class Plan:
    plan_id: str
    name_da: str
    name_en: str
    start_date: dt.date
    end_date: dt.date
    total_dkk: Decimal
    status: PlanStatus
    source_id: str

    def phase(self, today: dt.date) -> PlanPhase:
        if today < self.start_date:
            return PlanPhase.UPCOMING
        if today > self.end_date:
            return PlanPhase.ENDED
        return PlanPhase.RUNNING

    def years(self) -> range:
        return range(self.start_date.year, self.end_date.year + 1)

    def share_elapsed(self, today: dt.date) -> float:
        """Share of the plan period that has passed on ``today`` (0.0 to 1.0)."""
        total_days = (self.end_date - self.start_date).days + 1
        elapsed = (min(max(today, self.start_date), self.end_date) - self.start_date).days
        if today > self.end_date:
            elapsed = total_days
        return elapsed / total_days

    def name(self, language: str) -> str:
        return self.name_da if language == "da" else self.name_en

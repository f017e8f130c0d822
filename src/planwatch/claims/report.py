"""The report of a checked text: each claim with its verdict, the figures stated and the
figures stored, and the report's JSON (decimals as strings). Verdicts are explained in
docs/claims.md."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from planwatch.claims.verdicts import VERDICTS, Verdict
from planwatch.formatting import Language


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where a stored figure comes from."""

    source_id: str
    title: str
    publisher: str
    url: str | None = None
    illustrative: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "source_id": self.source_id,
            "title": self.title,
            "publisher": self.publisher,
            "url": self.url,
            "illustrative": self.illustrative,
        }


@dataclass(frozen=True, slots=True)
class StoredFigure:
    """A figure planwatch holds that a claim was checked against. ``value`` is ``None`` when the
    view suppresses it; ``shown`` is then how it is shown (``<3``, ``skjult``), never the value.
    ``quarters``: the quarters of ``year`` it covers (``None``: the whole year); ``period`` says
    so in the text's language (``2024``, ``1.–2. kvt. 2025`` / ``Q1–Q2 2025``)."""

    indicator: str | None
    year: int | None
    value: Decimal | None
    shown: str
    sources: tuple[SourceInfo, ...]
    breakdown: str = ""
    plan_id: str | None = None
    submitted: bool = False
    quarters: tuple[int, ...] | None = None
    period: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "indicator": self.indicator,
            "year": self.year,
            "quarters": None if self.quarters is None else list(self.quarters),
            "period": self.period,
            "plan_id": self.plan_id,
            "breakdown": self.breakdown,
            "value": None if self.value is None else str(self.value),
            "shown": self.shown,
            "submitted": self.submitted,
            "sources": [s.to_dict() for s in self.sources],
        }


@dataclass(frozen=True, slots=True)
class StatedValue:
    """A figure as the text writes it (``text``) and as read (``value``: per cent, kroner or a
    count; ``decimals`` written)."""

    text: str
    value: Decimal
    decimals: int
    kind: str
    qualifier: str = "exact"

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "value": str(self.value),
            "decimals": self.decimals,
            "kind": self.kind,
            "qualifier": self.qualifier,
        }


@dataclass(frozen=True, slots=True)
class IndicatorRef:
    """The indicator a claim was matched to, by which term, and from which sentence."""

    code: str
    name: str
    term: str
    from_previous_sentence: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "term": self.term,
            "from_previous_sentence": self.from_previous_sentence,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim of the text and its verdict.

    ``span`` is where the claim's text stands in the text checked (for a ``.docx``: in its
    extracted text, paragraphs separated by blank lines). ``correct``: for an inconsistent
    claim, the right figure in the text's language. ``explanation_da``/``_en``: why.
    """

    kind: str
    sentence: str
    sentence_span: tuple[int, int]
    span: tuple[int, int]
    text: str
    indicator: IndicatorRef | None
    years: tuple[int, ...]
    stated: tuple[StatedValue, ...]
    verdict: Verdict
    stored: tuple[StoredFigure, ...]
    correct: str | None
    explanation_da: str
    explanation_en: str
    language: Language = "da"

    @property
    def explanation(self) -> str:
        """The explanation in the text's language."""
        return self.explanation_da if self.language == "da" else self.explanation_en

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "verdict": self.verdict,
            "text": self.text,
            "span": list(self.span),
            "sentence": self.sentence,
            "sentence_span": list(self.sentence_span),
            "indicator": None if self.indicator is None else self.indicator.to_dict(),
            "years": list(self.years),
            "stated": [s.to_dict() for s in self.stated],
            "stored": [s.to_dict() for s in self.stored],
            "correct": self.correct,
            "explanation": self.explanation,
            "explanation_da": self.explanation_da,
            "explanation_en": self.explanation_en,
        }


@dataclass(frozen=True, slots=True)
class CheckReport:
    """Every claim found in a text, in order, with its verdict."""

    language: Language
    claims: tuple[Claim, ...]
    text: str = field(repr=False, default="")
    file_name: str | None = None

    @property
    def counts(self) -> dict[Verdict, int]:
        """How many claims got each verdict (every verdict listed, zeros too)."""
        return {v: sum(c.verdict == v for c in self.claims) for v in VERDICTS}

    @property
    def exit_code(self) -> int:
        """0 when every checked claim is consistent; 1 when any is inconsistent."""
        return 1 if any(c.verdict == "inconsistent" for c in self.claims) else 0

    def by_verdict(self, verdict: Verdict) -> list[Claim]:
        return [c for c in self.claims if c.verdict == verdict]

    def to_dict(self) -> dict[str, object]:
        """The report as plain JSON-ready data (decimals as strings)."""
        return {
            "file_name": self.file_name,
            "language": self.language,
            "counts": dict(self.counts),
            "exit_code": self.exit_code,
            "claims": [c.to_dict() for c in self.claims],
        }

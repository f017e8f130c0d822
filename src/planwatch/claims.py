"""Checking the figures in a text against what planwatch holds (issue 7).

A published "increase of 35 pct." from 73 to 112 victims is really +53.4 %. :func:`check` reads
a speech, a press release or an answer to a parliamentary question (:func:`check_file`: a
``.txt``, ``.md`` or ``.docx``), finds its claims (:mod:`planwatch.claim_parsing`) and gives each
one a verdict against the stored figures, read only through :mod:`planwatch.reporting` in the
caller's view (approved figures by default; small breakdown counts of persons suppressed):

* ``consistent``: the stated figure is the stored one, as rounded in the text (below);
* ``inconsistent``: it is not; the claim then carries the right figure, written in the text's
  language (``53,4 pct.`` / ``53.4 per cent``), and an explanation;
* ``not-in-data``: planwatch holds no figure for that indicator and year (or plan);
* ``not-checked``: the figure cannot be checked, with the reason: no indicator or no year named,
  a unit the indicator is not measured in, a part of a year, a share, a range, spending, a value
  the view suppresses (never revealed, not even as "consistent") ...

**Which indicator.** A sentence names an indicator by its Danish or English name, or by a
synonym declared in ``data/reference/indicator_terms.csv`` (:func:`load_terms`), in the text's
language: case-insensitive, whole words, the longest term first. When terms of two indicators
occur, the one nearest the claim's figure wins and the explanation says so. A change,
difference, ratio or highest/lowest claim in a sentence without any term (*Det er en stigning
på 35 pct.*) takes the indicator of the previous sentence and says so; a count never does (a
count the sentence does not tie to an indicator is ``not-checked``). A count of persons for an
indicator measured in calls, cases or assessments is ``not-checked`` too.

**Tolerance.** A stated figure written with *d* decimals is consistent when the stored figure
rounded half up to *d* decimals equals it: ``53 pct.`` and ``53,4 pct.`` match 53.42 %, ``53,5
pct.`` does not; ``118 mio. kr.`` and ``118,2 mio. kr.`` match 118,200,000 kr., ``118,3 mio.
kr.`` does not; a count must be exact. Qualifiers change the test: *mere end / over / more
than*: stored > stated; *mindst / at least*: ≥; *under / færre end / less than*: <; *højst /
op til / at most*: ≤; *ca. / omkring / knap / næsten / about / nearly …*: the stored figure
rounded to the stated figure's last non-zero digit (``ca. 120 mio. kr.`` = 118.2 rounded to
tens: 120). A change in per cent is checked on its size and, when the text says which way
(*stigning* / *fald*, ``+`` / ``-``), on its direction. *Fordoblet / doubled* (and *halveret*,
*tredoblet*) means the ratio rounded to one decimal is 2 (0.5, 3); *mere end fordoblet* means
new > 2 × old; *mere end halveret* new < old / 2; *næsten* / *nearly* with a ratio is vague and
not checked. *Det højeste antal siden <år>* is checked with :func:`planwatch.domain.series.
highest_since`, the rule the dashboard's tiles use, for the year the sentence is about (or the
previous sentence's later year, said in the explanation; else the latest year).

**Budgets.** Money in a sentence that names a plan or a plan period is checked against the
plan's published total (``plans.total_dkk``): the plan of the period named (``2022–2025``), else
the plan running on the reference day (``as_of``, else today), else the latest plan begun.

**Corrections** are written in the text's language, with the text's decimals but at least one
for per cents and millions: ``53,4 pct.``, ``53.4 per cent``, ``118,2 mio. kr.``,
``DKK 118.2m``; with the direction (*en stigning på …*) when the text had it wrong.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Final, Literal

from planwatch import claim_parsing as parsing
from planwatch import reporting
from planwatch.claim_parsing import Candidate, Language, Quantity, TermHit
from planwatch.domain.access import PUBLIC_VIEW, View
from planwatch.domain.clock import today_in_denmark
from planwatch.domain.plans import Plan
from planwatch.domain.series import highest_since, lowest_since
from planwatch.domain.sources import Source, SourceKind
from planwatch.domain.vocab import ALL, BREAKDOWN_DIMENSIONS, TOTAL, Breakdown
from planwatch.errors import DataError, Problem, UsageError
from planwatch.formatting import (
    format_dkk_millions,
    format_number,
    format_percent_words,
    percent_change,
    round_half_up,
)
from planwatch.settings import BUNDLED_DATA
from planwatch.storage import Store

Verdict = Literal["consistent", "inconsistent", "not-in-data", "not-checked"]
VERDICTS: Final[tuple[Verdict, ...]] = ("consistent", "inconsistent", "not-in-data", "not-checked")
DATA_DIR: Final = BUNDLED_DATA  # the bundled data folder, the one reference data comes from
TERMS_FILE: Final = DATA_DIR / "reference" / "indicator_terms.csv"
TERMS_COLUMNS: Final = ("indicator_code", "language", "term")

# --------------------------------------------------------------------------------------------
# Terms
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndicatorTerm:
    """A synonym by which a text may name an indicator, in one language."""

    indicator_code: str
    language: str
    term: str


def load_terms(path: Path = TERMS_FILE) -> tuple[IndicatorTerm, ...]:
    """The declared synonyms (``indicator_code,language,term``, UTF-8 CSV), checked: the header,
    a language ``da`` or ``en`` and a term on every row. Raises :class:`DataError` with every
    problem found."""
    return _load_terms(path.resolve())


@lru_cache(maxsize=4)
def _load_terms(path: Path) -> tuple[IndicatorTerm, ...]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(
            f"Filen {path.name} kan ikke læses: {error}",
            f"The file {path.name} cannot be read: {error}",
            [],
        ) from error
    if not rows or tuple(c.strip() for c in rows[0]) != TERMS_COLUMNS:
        raise DataError(
            f"{path.name} skal have kolonnerne {', '.join(TERMS_COLUMNS)}.",
            f"{path.name} must have the columns {', '.join(TERMS_COLUMNS)}.",
            [],
        )
    terms: list[IndicatorTerm] = []
    problems: list[Problem] = []
    for number, row in enumerate(rows[1:], start=2):
        cells = [c.strip() for c in row] + [""] * (3 - len(row))
        code, language, term = cells[:3]
        if not row or not any(cells):
            continue
        if len(row) != 3 or not code or language not in ("da", "en") or not term:
            problems.append(
                Problem(
                    "invalid-term",
                    "Rækken skal have en indikatorkode, sproget da eller en og et udtryk.",
                    "The row must have an indicator code, the language da or en and a term.",
                    row=number,
                    value=",".join(row),
                )
            )
            continue
        terms.append(IndicatorTerm(code, language, term))
    if problems:
        raise DataError(f"{path.name} indeholder fejl.", f"{path.name} has problems.", problems)
    return tuple(terms)


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------


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
    view suppresses it; ``shown`` is then how it is shown (``<3``, ``skjult``), never the value."""

    indicator: str | None
    year: int | None
    value: Decimal | None
    shown: str
    sources: tuple[SourceInfo, ...]
    breakdown: str = ""
    plan_id: str | None = None
    submitted: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "indicator": self.indicator,
            "year": self.year,
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


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def check(
    store: Store,
    text: str,
    *,
    language: str | None = None,
    as_of: dt.datetime | None = None,
    view: View = PUBLIC_VIEW,
    file_name: str | None = None,
    terms: Sequence[IndicatorTerm] | None = None,
) -> CheckReport:
    """Check every claim in ``text`` against the stored figures as of ``as_of`` in ``view``.
    ``language`` ``da`` or ``en``, or ``None`` to detect it. Raises :class:`UsageError` for an
    empty text or an unknown language."""
    parsing.require_text(text, file_name)
    lang = _language(text, language)
    checker = _Checker(store, lang, as_of, view, load_terms() if terms is None else terms)
    claims = tuple(checker.claims(text))
    return CheckReport(lang, claims, text, file_name)


def check_file(
    store: Store,
    data: bytes,
    file_name: str,
    *,
    language: str | None = None,
    as_of: dt.datetime | None = None,
    view: View = PUBLIC_VIEW,
) -> CheckReport:
    """Check a ``.txt``, ``.md`` or ``.docx`` file's claims (see :func:`check`). Raises
    :class:`UsageError` for an empty, unreadable or unsupported file."""
    text = parsing.read_document(data, file_name)
    return check(store, text, language=language, as_of=as_of, view=view, file_name=file_name)


def _language(text: str, language: str | None) -> Language:
    if language is None:
        return parsing.detect_language(text)
    if language == "da":
        return "da"
    if language == "en":
        return "en"
    raise UsageError(
        f"Ukendt sprog {language!r}: brug da eller en.",
        f"Unknown language {language!r}: use da or en.",
    )


# --------------------------------------------------------------------------------------------
# Tolerance
# --------------------------------------------------------------------------------------------


def agrees(stated: Decimal, decimals: int, actual: Decimal, qualifier: str = "exact") -> bool:
    """Whether ``actual`` (stored or computed) agrees with a figure stated with ``decimals``
    decimals and a qualifier (see the module's rule)."""
    if qualifier == "more":
        return actual > stated
    if qualifier == "at-least":
        return actual >= stated
    if qualifier == "less":
        return actual < stated
    if qualifier == "at-most":
        return actual <= stated
    if qualifier == "approx" and decimals == 0 and stated != 0:
        return round_half_up(actual, -_trailing_zeros(stated)) == stated
    return round_half_up(actual, decimals) == stated


def _trailing_zeros(value: Decimal) -> int:
    digits = str(abs(int(value)))
    return len(digits) - len(digits.rstrip("0"))


# --------------------------------------------------------------------------------------------
# Checking
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Outcome:
    verdict: Verdict
    da: str
    en: str
    stored: tuple[StoredFigure, ...] = ()
    correct: str | None = None
    years: tuple[int, ...] = ()


def _not_checked(da: str, en: str, stored: tuple[StoredFigure, ...] = ()) -> _Outcome:
    return _Outcome("not-checked", da, en, stored)


_OTHER_REASONS: Final[dict[str, tuple[str, str]]] = {
    "share": (
        "En andel i procent kontrolleres ikke; kun ændringer mellem to år.",
        "A share in per cent is not checked; only changes between two years are.",
    ),
    "percent": (
        "En procent uden ord om en ændring (stigning, fald) kontrolleres ikke.",
        "A per cent without a word for a change (increase, fall) is not checked.",
    ),
    "percentage-points": (
        "Procentpoint kontrolleres ikke.",
        "Percentage points are not checked.",
    ),
    "range": ("Et interval kontrolleres ikke.", "A range is not checked."),
    "factor": (
        "Et antal gange kontrolleres ikke (kun fordoblet, halveret …).",
        "A number of times is not checked (only doubled, halved …).",
    ),
    "money": (
        "Et beløb, der ikke er en handlingsplans samlede ramme, kontrolleres ikke.",
        "An amount that is not an action plan's total is not checked.",
    ),
    "spending": (
        "Fordeling og forbrug af midler kontrolleres ikke; kun planens samlede ramme.",
        "Allocations and spending are not checked; only the plan's total is.",
    ),
    "period-total": (
        "Et tal for flere år tilsammen kontrolleres ikke; kun tal for ét år.",
        "A figure for several years together is not checked; only yearly figures are.",
    ),
    "large-number": (
        "Et stort antal (mio.) uden beløb kontrolleres ikke.",
        "A large number (millions) that is not money is not checked.",
    ),
    "breakdown": (
        "Tallet gælder en opdeling, planwatch ikke har (fx en anden aldersgruppe eller "
        "nationalitet).",
        "The figure is for a breakdown planwatch does not hold (e.g. another age band or a "
        "nationality).",
    ),
}


_REFERS_BACK: Final = frozenset({"change", "difference", "ratio", "highest-since", "lowest-since"})
"""Claims that may name their indicator in the previous sentence (*en stigning på 35 pct.*);
a count must name its own."""


class _Checker:
    """Checks candidate claims; caches what it reads (series, sources, indicators, plans)."""

    def __init__(
        self,
        store: Store,
        language: Language,
        as_of: dt.datetime | None,
        view: View,
        terms: Sequence[IndicatorTerm],
    ) -> None:
        self.store = store
        self.language = language
        self.as_of = as_of
        self.view = view
        self.indicators = {i.code: i for i in reporting.indicators(store)}
        self.sources = {s.source_id: s for s in reporting.sources(store)}
        self.terms = self._term_pairs(terms)
        self._series: dict[tuple[str, Breakdown], dict[int, reporting.YearValue]] = {}
        self._plans: list[Plan] | None = None

    def _term_pairs(self, terms: Sequence[IndicatorTerm]) -> tuple[tuple[str, str], ...]:
        """``(code, term)``: each indicator's name and declared synonyms in the text's
        language (synonyms of codes the database does not define are left out)."""
        pairs = [(i.code, i.name(self.language)) for i in self.indicators.values()]
        pairs += [
            (t.indicator_code, t.term)
            for t in terms
            if t.language == self.language and t.indicator_code in self.indicators
        ]
        return tuple(pairs)

    # -- reading --------------------------------------------------------------------------------

    def series(self, code: str, breakdown: Breakdown = TOTAL) -> dict[int, reporting.YearValue]:
        key = (code, breakdown)
        if key not in self._series:
            values = reporting.year_series(
                self.store, code, breakdown, as_of=self.as_of, view=self.view
            )
            self._series[key] = {v.year: v for v in values}
        return self._series[key]

    def values(self, code: str) -> dict[int, Decimal]:
        """The total's yearly values the view shows (suppressed ones left out)."""
        return {y: v.value for y, v in self.series(code).items() if v.value is not None}

    def source_infos(self, source_ids: Iterable[str]) -> tuple[SourceInfo, ...]:
        infos = []
        for source_id in dict.fromkeys(source_ids):
            source = self.sources.get(source_id)
            infos.append(_source_info(source_id, source))
        return tuple(infos)

    def stored(self, code: str, value: reporting.YearValue, breakdown: Breakdown) -> StoredFigure:
        if value.value is not None:
            shown = _n(value.value, self.language)
        else:
            shown = value.suppressed.label(self.language) if value.suppressed else ""
        return StoredFigure(
            code,
            value.year,
            value.value,
            shown,
            self.source_infos(value.source_ids),
            parsing.breakdown_label(breakdown),
            submitted=value.submitted,
        )

    # -- claims ---------------------------------------------------------------------------------

    def claims(self, text: str) -> Iterable[Claim]:
        """Each candidate claim checked, in order. A sentence's terms are looked up once; a
        sentence without any borrows the previous sentence's."""
        previous: list[TermHit] = []
        for sentence, found in parsing.sentence_candidates(text, self.language):
            hits = parsing.find_terms(sentence.text, self.terms, sentence.start)
            for candidate in found:
                yield self.claim(candidate, hits, previous)
            previous = hits

    def claim(
        self, candidate: Candidate, hits: list[TermHit], previous_hits: list[TermHit]
    ) -> Claim:
        indicator, note = self.indicator(candidate, hits, previous_hits)
        outcome = self.outcome(candidate, indicator)
        da, en = outcome.da, outcome.en
        if note is not None and candidate.kind not in ("budget", "other"):
            da, en = f"{da} {note[0]}", f"{en} {note[1]}"
        return Claim(
            kind=candidate.kind,
            sentence=candidate.sentence.text,
            sentence_span=(candidate.sentence.start, candidate.sentence.end),
            span=(candidate.start, candidate.end),
            text=candidate.text,
            indicator=indicator if candidate.kind != "budget" else None,
            years=outcome.years or candidate.years,
            stated=tuple(_stated(q) for q in candidate.stated),
            verdict=outcome.verdict,
            stored=outcome.stored,
            correct=outcome.correct if outcome.verdict == "inconsistent" else None,
            explanation_da=da.strip(),
            explanation_en=en.strip(),
            language=self.language,
        )

    def indicator(
        self, candidate: Candidate, hits: list[TermHit], previous_hits: list[TermHit]
    ) -> tuple[IndicatorRef | None, tuple[str, str] | None]:
        """The indicator the sentence names nearest the claim's figure, or the previous
        sentence's; and a note when there was a choice or a borrowing."""
        if not hits:
            if not previous_hits or candidate.kind not in _REFERS_BACK:
                return None, None
            chosen = previous_hits[-1]
            ref = IndicatorRef(chosen.code, self.name(chosen.code), chosen.term, True)
            return ref, (
                f"Indikatoren ({ref.name}) er taget fra den foregående sætning.",
                f"The indicator ({ref.name}) is taken from the previous sentence.",
            )
        start, end = candidate.anchor
        chosen = min(hits, key=lambda h: (h.distance(start, end), -(h.end - h.start), h.start))
        ref = IndicatorRef(chosen.code, self.name(chosen.code), chosen.term)
        others = sorted({self.name(h.code) for h in hits if h.code != chosen.code})
        if not others:
            return ref, None
        return ref, (
            f"Sætningen nævner også {'; '.join(others)}; {ref.name} står nærmest tallet.",
            f"The sentence also names {'; '.join(others)}; {ref.name} is nearest the figure.",
        )

    def name(self, code: str) -> str:
        return self.indicators[code].name(self.language)

    def outcome(self, candidate: Candidate, indicator: IndicatorRef | None) -> _Outcome:
        if candidate.kind == "other":
            reason = _OTHER_REASONS.get(candidate.note or "", None)
            if reason is None:
                reason = ("Tallet kontrolleres ikke.", "The figure is not checked.")
            return _not_checked(*reason)
        if candidate.kind == "budget":
            return self.budget(candidate)
        if indicator is None:
            return _not_checked(
                "Tallet kunne ikke knyttes til en indikator, planwatch følger.",
                "The figure could not be matched to an indicator planwatch follows.",
            )
        if candidate.part_of_year:
            return _not_checked(
                "Tallet gælder en del af et år (kvartal eller halvår); kun hele år kontrolleres.",
                "The figure is for part of a year (a quarter or half-year); only whole years "
                "are checked.",
            )
        if candidate.note == "breakdown" and candidate.kind in _REFERS_BACK:
            return _not_checked(
                "Ændringer for en del af ofrene (køn, alder, udnyttelsesform) kontrolleres ikke; "
                "kun ændringer i det samlede tal.",
                "Changes for part of the victims (sex, age, form of exploitation) are not "
                "checked; only changes in the total are.",
            )
        code = indicator.code
        checks = {
            "count": self.count,
            "from-to": self.from_to,
            "change": self.change,
            "difference": self.difference,
            "ratio": self.ratio,
            "highest-since": self.extreme,
            "lowest-since": self.extreme,
        }
        return checks[candidate.kind](candidate, code)

    # -- kinds ----------------------------------------------------------------------------------

    def count(self, candidate: Candidate, code: str) -> _Outcome:
        if candidate.note == "breakdown-unclear":
            return _not_checked(
                "Sætningen nævner en del af ofrene (køn, alder, udnyttelsesform), men det fremgår "
                "ikke, om tallet gælder den del eller alle.",
                "The sentence names part of the victims (sex, age, form of exploitation), but not "
                "whether the figure is for that part or for all of them.",
            )
        return self.count_of(candidate.stated[0], candidate.years[:1], code)

    def count_of(self, quantity: Quantity, years: tuple[int, ...], code: str) -> _Outcome:
        indicator = self.indicators[code]
        if quantity.note == "breakdown":
            return _not_checked(*_OTHER_REASONS["breakdown"])
        if quantity.unit is not None and quantity.unit != indicator.unit:
            return _not_checked(
                f"Teksten tæller {_quote(quantity.unit_word or '', 'da')}, men "
                f"{indicator.name_da} måles i {_unit_da(indicator.unit)}.",
                f"The text counts {_quote(quantity.unit_word or '', 'en')} ({quantity.unit}), "
                f"but {indicator.name_en} is measured in {indicator.unit}.",
            )
        if not years:
            return _not_checked(
                "Der står ikke, hvilket år tallet gælder.",
                "The text does not say which year the figure is for.",
            )
        year = years[0]
        breakdown = quantity.breakdown
        value = self.series(code, breakdown).get(year)
        what_da, what_en = self.what(code, year, breakdown)
        if value is None:
            return _Outcome(
                "not-in-data",
                f"{what_da}: planwatch har intet tal.",
                f"{what_en}: planwatch holds no figure.",
                years=(year,),
            )
        stored = (self.stored(code, value, breakdown),)
        if value.value is None:
            return _not_checked(
                f"{what_da}: tallet vises ikke præcist i denne visning (små antal personer "
                f"skjules), så det kontrolleres ikke.",
                f"{what_en}: the figure is not shown exactly in this view (small counts of "
                f"persons are suppressed), so it is not checked.",
                stored,
            )
        actual = value.value
        shown = stored[0].shown
        cited = _cite(stored[0].sources)
        source_da = f"{cited}; afventer godkendelse" if value.submitted else cited
        source_en = f"{cited}; awaiting approval" if value.submitted else cited
        if agrees(quantity.written, quantity.decimals, actual, quantity.qualifier):
            return _Outcome(
                "consistent",
                f"{what_da}: planwatch har {shown} ({source_da}).",
                f"{what_en}: planwatch holds {shown} ({source_en}).",
                stored,
                years=(year,),
            )
        return _Outcome(
            "inconsistent",
            f"{what_da}: teksten siger {_quote(quantity.text, 'da')}, men planwatch har "
            f"{shown} ({source_da}).",
            f"{what_en}: the text says {_quote(quantity.text, 'en')}, but planwatch holds "
            f"{shown} ({source_en}).",
            stored,
            shown,
            years=(year,),
        )

    def what(self, code: str, year: int, breakdown: Breakdown = TOTAL) -> tuple[str, str]:
        """``Vurderede ofre for menneskehandel i 2023 (Kvinder)`` in both languages."""
        indicator = self.indicators[code]
        da, en = _breakdown_text(breakdown, "da"), _breakdown_text(breakdown, "en")
        return (
            f"{indicator.name_da} i {year}{f' ({da})' if da else ''}",
            f"{indicator.name_en} in {year}{f' ({en})' if en else ''}",
        )

    def from_to(self, candidate: Candidate, code: str) -> _Outcome:
        parts = [
            self.count_of(q, (year,), code)
            for q, year in zip(candidate.stated, candidate.years, strict=True)
        ]
        stored = tuple(s for p in parts for s in p.stored)
        da = " ".join(p.da for p in parts)
        en = " ".join(p.en for p in parts)
        for verdict in ("inconsistent", "not-in-data", "not-checked"):
            if any(p.verdict == verdict for p in parts):
                break
        else:
            verdict = "consistent"
        correct = None
        if verdict == "inconsistent" and all(s.value is not None for s in stored):
            first, second = (self.series(code).get(y) for y in candidate.years)
            if first is not None and second is not None:
                correct = self.from_to_text(candidate.years, first, second)
        return _Outcome(_verdict(verdict), da, en, stored, correct)

    def from_to_text(
        self, years: tuple[int, ...], first: reporting.YearValue, second: reporting.YearValue
    ) -> str:
        a = format_number(first.value or 0, self.language)
        b = format_number(second.value or 0, self.language)
        if self.language == "da":
            return f"fra {a} i {years[0]} til {b} i {years[1]}"
        return f"from {a} in {years[0]} to {b} in {years[1]}"

    def pair(
        self, candidate: Candidate, code: str
    ) -> tuple[int, int, Decimal, Decimal, tuple[StoredFigure, ...]] | _Outcome:
        """The two years a change is between and the stored values, or why not."""
        years = candidate.years
        values = self.values(code)
        if candidate.open_end and years and years[0] in values:
            later = [y for y in values if y > years[0]]
            years = (years[0], max(later)) if later else years
        if not years:
            return _not_checked(
                "Der står ikke, hvilke to år ændringen er mellem.",
                "The text does not say which two years the change is between.",
            )
        missing = [y for y in years[:2] if y not in values]
        if missing or len(years) < 2:
            indicator = self.indicators[code]
            names = " og ".join(str(y) for y in missing) or f"årene efter {years[0]}"
            names_en = " and ".join(str(y) for y in missing) or f"the years after {years[0]}"
            return _Outcome(
                "not-in-data",
                f"{indicator.name_da} i {names}: planwatch har intet tal.",
                f"{indicator.name_en} in {names_en}: planwatch holds no figure.",
                years=years,
            )
        old_year, new_year = years[0], years[1]
        series = self.series(code)
        stored = tuple(self.stored(code, series[y], TOTAL) for y in (old_year, new_year))
        return old_year, new_year, values[old_year], values[new_year], stored

    def years_note(self, candidate: Candidate) -> tuple[str, str]:
        if candidate.years_from == "previous":
            return (
                " Årene er taget fra den foregående sætning.",
                " The years are taken from the previous sentence.",
            )
        if candidate.years_from == "year-before":
            return " Sammenlignet med året før.", " Compared with the year before."
        if candidate.years_from == "latest" or candidate.open_end:
            return (
                " Til det seneste år, planwatch har et tal for.",
                " Up to the latest year planwatch holds a figure for.",
            )
        return "", ""

    def change(self, candidate: Candidate, code: str) -> _Outcome:
        pair = self.pair(candidate, code)
        if isinstance(pair, _Outcome):
            return pair
        old_year, new_year, old, new, stored = pair
        change = percent_change(old, new)
        if change is None:
            return _not_checked(
                f"Ændringen i procent er ikke defineret: tallet for {old_year} er 0.",
                f"The change in per cent is undefined: the figure for {old_year} is 0.",
                stored,
            )
        quantity = candidate.stated[0]
        places = max(quantity.decimals, 1)
        size_ok = agrees(abs(quantity.value), quantity.decimals, abs(change), quantity.qualifier)
        direction_ok = (
            candidate.direction == 0
            or round_half_up(change, quantity.decimals) == 0
            or (change > 0) == (candidate.direction > 0)
        )
        right = self.percent_text(change, places, with_direction=not direction_ok)
        facts_da = (
            f"Fra {_n(old, 'da')} i {old_year} til {_n(new, 'da')} i {new_year} er "
            f"{self.percent_text(change, places, True, 'da')}"
        )
        facts_en = (
            f"From {_n(old, 'en')} in {old_year} to {_n(new, 'en')} in {new_year} is "
            f"{self.percent_text(change, places, True, 'en')}"
        )
        note_da, note_en = self.years_note(candidate)
        source_da = f" ({_cite(s.sources[0] for s in stored)})."
        if size_ok and direction_ok:
            return _Outcome(
                "consistent",
                facts_da + source_da + note_da,
                facts_en + source_da + note_en,
                stored,
                years=(old_year, new_year),
            )
        return _Outcome(
            "inconsistent",
            f"Teksten siger {_quote(quantity.text, 'da')}. {facts_da}{source_da}{note_da}",
            f"The text says {_quote(quantity.text, 'en')}. {facts_en}{source_da}{note_en}",
            stored,
            right,
            years=(old_year, new_year),
        )

    def percent_text(
        self,
        change: Decimal,
        places: int,
        with_direction: bool = False,
        language: Language | None = None,
    ) -> str:
        """``53,4 pct.`` / ``53.4 per cent``; with the direction: ``en stigning på 53,4 pct.``."""
        lang = language or self.language
        text = format_percent_words(abs(change), lang, places)
        if not with_direction:
            return text
        up = change > 0
        if lang == "da":
            return f"en stigning på {text}" if up else f"et fald på {text}"
        return f"an increase of {text}" if up else f"a decrease of {text}"

    def difference(self, candidate: Candidate, code: str) -> _Outcome:
        pair = self.pair(candidate, code)
        if isinstance(pair, _Outcome):
            return pair
        old_year, new_year, old, new, stored = pair
        quantity = candidate.stated[0]
        actual = new - old
        size_ok = agrees(abs(quantity.value), quantity.decimals, abs(actual), quantity.qualifier)
        direction_ok = actual == 0 or (actual > 0) == (candidate.direction > 0)
        word_da = "flere" if actual >= 0 else "færre"
        word_en = "more" if actual >= 0 else "fewer"
        right = f"{_n(abs(actual), self.language)} {word_da if self.language == 'da' else word_en}"
        note_da, note_en = self.years_note(candidate)
        da = (
            f"Fra {_n(old, 'da')} i {old_year} til {_n(new, 'da')} i {new_year} er "
            f"{_n(abs(actual), 'da')} {word_da}.{note_da}"
        )
        en = (
            f"From {_n(old, 'en')} in {old_year} to {_n(new, 'en')} in {new_year} is "
            f"{_n(abs(actual), 'en')} {word_en}.{note_en}"
        )
        verdict: Verdict = "consistent" if size_ok and direction_ok else "inconsistent"
        return _Outcome(verdict, da, en, stored, right, (old_year, new_year))

    def ratio(self, candidate: Candidate, code: str) -> _Outcome:
        if candidate.qualifier == "approx":
            return _not_checked(
                "»Næsten« fordoblet/halveret er for vagt til at kontrollere.",
                "'Nearly' doubled/halved is too vague to check.",
            )
        pair = self.pair(candidate, code)
        if isinstance(pair, _Outcome):
            return pair
        old_year, new_year, old, new, stored = pair
        if old == 0:
            return _not_checked(
                f"Forholdet er ikke defineret: tallet for {old_year} er 0.",
                f"The ratio is undefined: the figure for {old_year} is 0.",
                stored,
            )
        factor = candidate.factor or Decimal(2)
        ratio = new / old
        ok = _ratio_agrees(ratio, factor, candidate.qualifier)
        change = percent_change(old, new) or Decimal(0)
        note_da, note_en = self.years_note(candidate)
        change_da = self.percent_text(change, 1, True, "da")
        change_en = self.percent_text(change, 1, True, "en")
        da = (
            f"Fra {_n(old, 'da')} i {old_year} til {_n(new, 'da')} i {new_year} er faktor "
            f"{format_number(ratio, 'da', 2)} ({change_da}).{note_da}"
        )
        en = (
            f"From {_n(old, 'en')} in {old_year} to {_n(new, 'en')} in {new_year} is a factor of "
            f"{format_number(ratio, 'en', 2)} ({change_en}).{note_en}"
        )
        right = self.percent_text(change, 1, with_direction=True)
        return _Outcome(
            "consistent" if ok else "inconsistent", da, en, stored, right, (old_year, new_year)
        )

    def extreme(self, candidate: Candidate, code: str) -> _Outcome:
        values = self.values(code)
        high = candidate.kind == "highest-since"
        years = candidate.years
        since = None if candidate.record else years[0]
        compared = years[-1] if len(years) > (0 if candidate.record else 1) else None
        if compared is None:
            compared = max(values) if values else None
        if compared is None or compared not in values:
            return _Outcome(
                "not-in-data",
                "planwatch har intet tal for det år, der sammenlignes.",
                "planwatch holds no figure for the year compared.",
            )
        found = (highest_since if high else lowest_since)(values, compared)
        series = self.series(code)
        stored: tuple[StoredFigure, ...] = (self.stored(code, series[compared], TOTAL),)
        if found is not None:
            stored += (self.stored(code, series[found.since], TOTAL),)
        ok = found is not None and (found.record if since is None else found.since == since)
        word_da = "højeste" if high else "laveste"
        word_en = "highest" if high else "lowest"
        value = _n(values[compared], "da")
        if found is None:
            da = (
                f"{_n(values[compared], 'da')} i {compared} er ikke det {word_da} tal siden et "
                f"tidligere år med mindst to år imellem (reglen bag »{word_da} siden«)."
            )
            en = (
                f"{_n(values[compared], 'en')} in {compared} is not the {word_en} since an "
                f"earlier year with at least two years in between (the rule behind "
                f"'{word_en} since')."
            )
            right = None
        else:
            da = (
                f"{value} i {compared} er det {word_da} siden {found.since}, da tallet var "
                f"{_n(values[found.since], 'da')}"
                + (" (det første år i serien)." if found.record else ".")
            )
            en = (
                f"{_n(values[compared], 'en')} in {compared} is the {word_en} since "
                f"{found.since}, when the figure was {_n(values[found.since], 'en')}"
                + (" (the first year in the series)." if found.record else ".")
            )
            right = (
                f"det {word_da} antal siden {found.since}"
                if self.language == "da"
                else f"the {word_en} number since {found.since}"
            )
        if candidate.years_from == "previous":
            da += " Året er taget fra den foregående sætning."
            en += " The year is taken from the previous sentence."
        years_used = (since, compared) if since is not None else (compared,)
        return _Outcome("consistent" if ok else "inconsistent", da, en, stored, right, years_used)

    def budget(self, candidate: Candidate) -> _Outcome:
        plan = self.plan(candidate)
        if plan is None:
            period = "–".join(str(y) for y in candidate.plan_years or ())
            return _Outcome(
                "not-in-data",
                f"planwatch har ingen handlingsplan for {period or 'den nævnte periode'}.",
                f"planwatch holds no action plan for {period or 'the period named'}.",
            )
        quantity = candidate.stated[0]
        total = plan.total_dkk
        written_total = total / quantity.scale
        shown = self.money_text(total, quantity.scale, max(quantity.decimals, 1))
        source = self.source_infos([plan.source_id])
        stored = (StoredFigure(None, None, total, shown, source, plan_id=plan.plan_id),)
        places = max(quantity.decimals, 1)
        right_da = self.money_text(total, quantity.scale, places, "da")
        right_en = self.money_text(total, quantity.scale, places, "en")
        cited = _cite(source)
        if agrees(quantity.written, quantity.decimals, written_total, quantity.qualifier):
            return _Outcome(
                "consistent",
                f"{plan.name_da} har en samlet ramme på {right_da} ({cited}).",
                f"{plan.name_en} has a total of {right_en} ({cited}).",
                stored,
            )
        return _Outcome(
            "inconsistent",
            f"Teksten siger {_quote(quantity.text, 'da')}, men {plan.name_da} har en samlet "
            f"ramme på {right_da} ({cited}).",
            f"The text says {_quote(quantity.text, 'en')}, but {plan.name_en} has a total of "
            f"{right_en} ({cited}).",
            stored,
            shown,
        )

    def plan(self, candidate: Candidate) -> Plan | None:
        """The plan of the period named, else the plan running on the reference date, else the
        latest plan."""
        if self._plans is None:
            self._plans = reporting.plans(self.store)
        plans = self._plans
        if candidate.plan_years is not None:
            first, last = candidate.plan_years
            return next(
                (p for p in plans if (p.start_date.year, p.end_date.year) == (first, last)), None
            )
        day = self.as_of.date() if self.as_of is not None else today_in_denmark()
        running = [p for p in plans if p.start_date <= day <= p.end_date]
        if running:
            return running[0]
        started = [p for p in plans if p.start_date <= day]
        return max(started, key=lambda p: p.start_date) if started else None

    def money_text(
        self, total: Decimal, scale: int, places: int, language: Language | None = None
    ) -> str:
        lang = language or self.language
        if scale == 1_000_000:
            return format_dkk_millions(total, lang, places)
        if scale == 1_000_000_000:
            number = format_number(total / scale, lang, places)
            return f"{number} mia. kr." if lang == "da" else f"DKK {number}bn"
        number = format_number(total, lang)
        return f"{number} kr." if lang == "da" else f"DKK {number}"


def _ratio_agrees(ratio: Decimal, factor: Decimal, qualifier: str) -> bool:
    growing = factor > 1
    if qualifier == "more":
        return ratio > factor if growing else ratio < factor
    if qualifier == "at-least":
        return ratio >= factor if growing else ratio <= factor
    return round_half_up(ratio, 1) == factor


def _verdict(text: str) -> Verdict:
    for verdict in VERDICTS:
        if verdict == text:
            return verdict
    raise ValueError(text)  # pragma: no cover


def _stated(quantity: Quantity) -> StatedValue:
    return StatedValue(
        quantity.text, quantity.value, quantity.decimals, quantity.kind, quantity.qualifier
    )


def _source_info(source_id: str, source: Source | None) -> SourceInfo:
    if source is None:
        return SourceInfo(source_id, source_id, "")
    return SourceInfo(
        source.source_id,
        source.title,
        source.publisher,
        source.url,
        source.kind is SourceKind.ILLUSTRATIVE,
    )


def _cite(sources: Iterable[SourceInfo]) -> str:
    """``Publisher: Title`` for each source once."""
    names = (f"{s.publisher}: {s.title}" if s.publisher else s.title for s in sources)
    return "; ".join(dict.fromkeys(names))


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _n(value: Decimal, language: Language) -> str:
    return format_number(value, language, _places(value))


def _breakdown_text(breakdown: Breakdown, language: Language) -> str:
    """``Kvinder, Seksuel udnyttelse``; empty for the total."""
    labels = []
    for dimension, vocabulary in BREAKDOWN_DIMENSIONS.items():
        code = getattr(breakdown, dimension)
        if code != ALL:
            term = vocabulary[code]
            labels.append(term.label_da if language == "da" else term.label_en)
    return ", ".join(labels)


def _quote(text: str, language: Language) -> str:
    """A figure as the text writes it, quoted (»35 pct.« / “35 per cent”)."""
    return f"»{text}«" if language == "da" else f"“{text}”"


def _unit_da(unit: str) -> str:
    return {
        "persons": "personer",
        "assessments": "udredninger",
        "calls": "opkald",
        "cases": "sager",
        "counts": "forhold",
        "investigations": "efterforskninger",
    }.get(unit, unit)


__all__ = [
    "TERMS_FILE",
    "VERDICTS",
    "CheckReport",
    "Claim",
    "IndicatorRef",
    "IndicatorTerm",
    "SourceInfo",
    "StatedValue",
    "StoredFigure",
    "Verdict",
    "agrees",
    "check",
    "check_file",
    "load_terms",
]

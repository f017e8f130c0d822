"""Every candidate claim of a text, sentence by sentence: pure, no database.

A text is split into sentences (:mod:`planwatch.claims.sentences`), each sentence into the
quantities it writes (:mod:`planwatch.claims.quantities`), and each sentence's quantities into
the claims they make, by the finders of each kind (``extract_counts``, ``extract_changes``,
``extract_budgets``), so that no sentence with a figure is dropped. The kinds of claim and the
rules that find them are in docs/claims.md ("Claims", "Breakdowns");
:mod:`planwatch.claims.checking` checks the claims against what is stored.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from planwatch.claims import (
    breakdowns,
    combinations,
    cues,
    each_year_words,
    extract_budgets,
    extract_changes,
    extract_counts,
    extract_shares,
    extract_totals,
)
from planwatch.claims.candidates import Candidate, Context, other_claim
from planwatch.claims.periods import sentence_periods
from planwatch.claims.quantities import Quantity, find_quantities
from planwatch.claims.sentences import Sentence, sentence_language, split_sentences
from planwatch.domain.vocab import ALL, BREAKDOWN_DIMENSIONS, TOTAL, Breakdown
from planwatch.formatting import Language


def sentence_quantities(text: str, language: Language) -> list[tuple[Sentence, list[Quantity]]]:
    """Each sentence with the quantities it writes, read in the sentence's own language
    (:func:`~planwatch.claims.sentences.sentence_language`)."""
    return [
        (s, find_quantities(s.text, sentence_language(s.text, language), s.start))
        for s in split_sentences(text)
    ]


def sentence_candidates(text: str, language: Language) -> list[tuple[Sentence, list[Candidate]]]:
    """Every sentence with its candidate claims (in order; possibly none)."""
    result: list[tuple[Sentence, list[Candidate]]] = []
    previous: Context | None = None
    previous_found: list[Candidate] = []
    for sentence, found_quantities in sentence_quantities(text, language):
        own = sentence_language(sentence.text, language)
        quantities = combinations.within_sentence(
            sentence.text,
            sentence.start,
            extract_shares.outside_fractions(sentence.text, sentence.start, found_quantities, own),
            own,
        )
        years = [q for q in quantities if q.kind == "year"]
        parts = sentence_periods(sentence.text, years, sentence.start)
        context = Context(sentence, quantities, own, parts)
        claims = combinations.carry_from_previous(
            context, _sentence_claims(context, previous), previous_found
        )
        claims = _parts_of_relative(claims, context)
        relative = any(c.relative is not None for c in claims)
        found = sorted(
            (
                _with_periods(
                    c if relative else _year_of_previous(c, context, previous), context, previous
                )
                for c in claims
            ),
            key=lambda c: (c.start, c.end),
        )
        result.append((sentence, found))
        previous, previous_found = context, found
    return result


def candidates(text: str, language: Language) -> list[Candidate]:
    """Every candidate claim in ``text``, sentence by sentence, in order of appearance."""
    return [c for _, found in sentence_candidates(text, language) for c in found]


def _levels_after_changes(
    context: Context,
    counts: list[Quantity],
    years: list[Quantity],
    previous: Context | None,
    changes: list[Candidate],
) -> dict[Quantity, Candidate]:
    """Counts that are the later year's figure after a change (*steg fra 2022 til 2023 med 39
    til i alt 112*, :func:`planwatch.claims.extract_changes.level_after_change`): those that
    would otherwise be read as a figure for the period, and so never as a period's total
    either, or given a year that does not stand right after them (in *… med 39 til 112 og
    faldt derefter til 100 i 2024*, 112 is 2023's, not the sentence's one point year's)."""
    found: dict[Quantity, Candidate] = {}
    for count in counts:
        level = extract_changes.level_after_change(context, count, changes)
        if level is None:  # most counts: no change right before them, nothing more to read
            continue
        alone = extract_counts.count_claim(context, count, years, previous)
        period = alone.kind == "other" and alone.note == "period-total"
        elsewhere = (
            alone.kind == "count"
            and alone.note is None
            and alone.relative is None
            and not extract_counts.names_its_year(context, count, years)
        )
        if period or elsewhere:
            found[count] = level
    return found


def _sentence_claims(context: Context, previous: Context | None) -> list[Candidate]:
    """A sentence's claims of every kind; a sentence that names a part of the victims but ties
    it to none of its counts makes them ``breakdown-unclear`` and its changes ``breakdown``."""
    sentence, quantities = context.sentence, context.quantities
    years = [q for q in quantities if q.kind == "year"]
    counts = [q for q in quantities if q.kind == "count"]
    claims: list[Candidate] = []
    from_to, used = extract_counts.from_to_claims(context, counts, years)
    claims.extend(from_to)
    changes = [
        *extract_changes.percent_claims(context, previous),
        *extract_changes.fraction_change_claims(context, previous),
        *extract_changes.ratio_claims(context, previous),
        *extract_changes.extreme_claims(context, previous),
    ]
    in_changes = {q for c in changes if c.kind != "other" for q in c.stated}
    shares, share_words = extract_shares.share_claims(context, previous, in_changes)
    absolute = {
        c: change
        for c in counts
        if c not in used
        and (change := extract_changes.absolute_change_claim(context, c, previous)) is not None
    }  # "steg med 39": the size of a change, not a level
    levels = _levels_after_changes(
        context, [c for c in counts if c not in used and c not in absolute], years, previous,
        [*claims, *changes, *absolute.values()],
    )  # fmt: skip
    spannable = [c for c in counts if c not in used and c not in absolute and c not in levels]
    periods, spanned = extract_totals.period_claims(context, spannable)
    claims.extend(periods)
    used |= {c for c in counts if c.start in spanned}
    about_part = breakdowns.names_a_part(_masked(sentence.text, share_words), context.language)
    unattached = about_part and all(c.breakdown == TOTAL and c.note is None for c in counts)
    if unattached:  # *… mænd … steg fra 21 i 2020 til 37 i 2021*: whose counts?
        subject = breakdowns.number_of_a_part(sentence.text, context.language)
        claims = [_from_to_of(c, subject) for c in claims]
    for count in counts:
        if count in used:
            continue
        change = absolute.get(count)
        if change is not None:
            claims.append(replace(change, note="breakdown") if about_part else change)
            continue
        claim = levels.get(count) or extract_counts.count_claim(context, count, years, previous)
        if unattached and claim.kind == "count" and claim.note is None:
            claim = replace(claim, note="breakdown-unclear")
        claims.append(claim)
    claims.extend(
        replace(c, note="breakdown") if about_part and c.kind != "other" else c for c in changes
    )
    claims.extend(extract_budgets.money_claims(context, years, previous))
    ratios = [(c.start, c.end) for c in changes if c.kind == "ratio"]
    claims.extend(
        other_claim(context, q, q.note or "other")
        for q in quantities
        if q.kind == "other"
        and q.start not in spanned
        and not any(start <= q.start < end for start, end in ratios)  # *tre gange så mange*
    )
    claims = [_said_of_each_year(_years_of_its_clause(c, claims, context), context) for c in claims]
    return _with_shares(claims, shares)


_CHANGES: Final = frozenset({"change", "difference", "ratio"})


def _years_of_its_clause(claim: Candidate, claims: list[Candidate], context: Context) -> Candidate:
    """Two changes in two clauses (*;, mens, men, while, but*), each clause naming one year:
    each change is between its own clause's year and the year before, not the sentence's two
    years. In *… steg med 39 i 2023, mens det i 2022 faldt med 7* the fall is 2021 → 2022 (it
    was checked 2022 → 2023, against the rise: a false alarm on a true sentence). With one
    change only (*en fordobling …: I 2020 … 18, mens det i 2021 var 37*) the sentence's two
    years stay its years."""
    if claim.kind not in _CHANGES or claim.years_from != "sentence" or len(claim.years) != 2:
        return claim
    text, offset = context.sentence.text, context.sentence.start
    if not cues.CONTRAST[context.language].search(text):
        return claim

    def clause(anchor: tuple[int, int]) -> tuple[int, int]:
        return cues.clause_around(text, anchor[0] - offset, anchor[1] - offset, context.language)

    first, last = clause(claim.anchor)
    others = [c for c in claims if c is not claim and c.kind in _CHANGES]
    if not any(clause(c.anchor) != (first, last) for c in others):
        return claim
    years = [q for q in context.quantities if q.kind == "year" and first <= q.start - offset < last]
    if len(years) != 1 or years[0].role != "point":
        return claim
    year = years[0].year
    if claim.years == (year - 1, year):
        return claim
    return replace(claim, years=(year - 1, year), years_from="year-before")


def _said_of_each_year(claim: Candidate, context: Context) -> Candidate:
    """A change or difference tied to a word for each year (*steget med 12 om året*, *every
    year … by at least 5*) is a change a year (:mod:`planwatch.claims.check_rates`), never the
    change from the first year to the last."""
    if claim.kind not in ("change", "difference") or claim.note is not None or not claim.stated:
        return claim
    reading = each_year_words.each_year_word(context, claim.stated[0])
    return claim if reading is None else replace(claim, note=f"{reading}-year")


def _from_to_of(claim: Candidate, subject: Breakdown | None) -> Candidate:
    """A from-to in a sentence that names a part tied to none of its counts: of that part when
    the sentence's subject is *antallet af / the number of* that one part (*Antallet af mænd …
    steg fra 21 i 2020 til 37 i 2021*), else ``breakdown-unclear``."""
    if claim.kind != "from-to" or claim.note is not None:
        return claim
    if subject is None:
        return replace(claim, note="breakdown-unclear")
    return replace(claim, stated=tuple(replace(q, breakdown=subject) for q in claim.stated))


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the words a share claim read blanked out."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _with_shares(claims: list[Candidate], shares: list[Candidate]) -> list[Candidate]:
    """A per cent that is a share of a part of the victims replaces the ``other`` it was; a per
    cent read as a change stays a change (docs/claims.md, "Shares")."""
    others = {c.stated[0] for c in claims if c.kind == "other" and c.stated}
    taken = {c.stated[0] for c in claims if c.kind != "other" and c.stated}
    kept = [s for s in shares if s.stated[0].note == "fraction" or s.stated[0] in others]
    kept = [s for s in kept if s.stated[0] not in taken]
    replaced = {s.stated[0] for s in kept}
    return [c for c in claims if not (c.kind == "other" and c.stated[0] in replaced)] + kept


def _year_of_previous(
    candidate: Candidate, context: Context, previous: Context | None
) -> Candidate:
    """A count in a sentence that names no year (nor a year relative to one) takes the year of
    the previous sentence of its paragraph when that sentence names exactly one year, as a point
    in time (*2018 adskiller sig … . Ud af 97 handlede personer er 61 mænd*): not a span, a
    *since* or a date; and no count of a part there may hold it (*23 … til tvangsarbejde. 15 er
    mænd*: 15 may be men in forced labour, so it gets no year; *58 over 18 år. De seks
    mindreårige*: another age, so it does). Such a count is marked ``year_of_previous``: the
    year is the likely one, not a certain one, so the count may be found consistent but is never
    called wrong (docs/claims.md, "A year from the previous sentence")."""
    if (
        candidate.kind != "count"
        or candidate.years
        or candidate.years_from != "none"
        or candidate.relative is not None
        or previous is None
        or previous.sentence.paragraph != context.sentence.paragraph
        or any(q.kind == "year" for q in context.quantities)
    ):
        return candidate
    named = [q for q in previous.quantities if q.kind == "year"]
    if len(named) != 1 or named[0].role != "point" or not previous.periods.clear:
        return candidate
    if any(_may_be_within(candidate.breakdown, q.breakdown) for q in previous.quantities):
        return candidate
    return replace(
        candidate, years=(int(named[0].value),), years_from="previous", year_of_previous=True
    )


_PART_OF_BEFORE: Final = re.compile(
    r"(?<![\w])(?:heraf|hvoraf|af\s+dem|af\s+disse|of\s+whom|of\s+these|of\s+them)(?![\w])",
    re.I,
)
"""Words that make a count a part of the count before it in the same sentence (*77 personer –
heraf var 44 …*, *77 victims, of whom 44 …*)."""


def _parts_of_relative(claims: list[Candidate], context: Context) -> list[Candidate]:
    """A count with no year of its own that is a part of a count whose year a relative phrase
    works out (*Året efter var tallet 77 personer – heraf var 44 …*: 44 is of the year after,
    too) takes that year: the words between the two hold *heraf / hvoraf / af dem / of whom /
    of these* and no other figure. Any other count of such a sentence gets no year from the
    previous sentence (:func:`_year_of_previous`): the sentence is about the year the phrase
    names (docs/claims.md, "Relative years")."""
    governed = [c for c in claims if c.kind == "count" and c.relative is not None and c.years]
    if not governed:
        return claims
    offset = context.sentence.start
    text = context.sentence.text
    figures = [q for q in context.quantities if q.kind != "year"]
    result = []
    for claim in claims:
        if claim.kind == "count" and not claim.years and claim.relative is None:
            whole = next(
                (
                    g
                    for g in reversed(governed)
                    if g.anchor[1] <= claim.anchor[0]
                    and _PART_OF_BEFORE.search(
                        text[g.anchor[1] - offset : claim.anchor[0] - offset]
                    )
                    and not any(g.anchor[1] <= q.start < claim.anchor[0] for q in figures)
                ),
                None,
            )
            if whole is not None:
                claim = replace(
                    claim, years=whole.years, years_from=whole.years_from, relative=whole.relative
                )
        result.append(claim)
    return result


def _may_be_within(part: Breakdown, other: Breakdown) -> bool:
    """Whether a count of ``part`` may be counted within a count of the part ``other``: ``other``
    names a part along a dimension (sex, age, form of exploitation) that ``part`` leaves open."""
    return any(
        getattr(other, dimension) != ALL and getattr(part, dimension) == ALL
        for dimension in BREAKDOWN_DIMENSIONS
    )


def _with_periods(candidate: Candidate, context: Context, previous: Context | None) -> Candidate:
    """A claim about indicators with the quarters of the years it names (docs/claims.md, "Parts
    of a year"): from its own sentence, and from the previous one when its years come from
    there. A year the claim works out itself (the year before the one named) covers the same
    quarters as the year named. A claim in a sentence whose parts of years are unclear is
    ``part_of_year``: not checked."""
    if candidate.kind in ("budget", "allocation", "other"):
        return candidate
    sources = [context.periods]
    if candidate.years_from == "previous" and previous is not None:
        sources.append(previous.periods)
    quarters: dict[int, tuple[int, ...]] = {}
    for found in reversed(sources):  # the claim's own sentence last: it wins
        quarters.update(found.quarters)
    written = frozenset().union(*(found.written for found in sources))
    named = {quarters[y] for y in candidate.years if y in quarters}
    for year in candidate.years:
        if year not in written and year not in quarters and len(named) == 1:
            quarters[year] = next(iter(named))
    return replace(
        candidate,
        part_of_year=not all(found.clear for found in sources),
        quarters=tuple(sorted((y, q) for y, q in quarters.items() if y in candidate.years)),
    )

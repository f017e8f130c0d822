"""Every candidate claim of a text, sentence by sentence: pure, no database.

A text is split into sentences (:mod:`planwatch.claims.sentences`), each sentence into the
quantities it writes (:mod:`planwatch.claims.quantities`), and each sentence's quantities into
the claims they make, by the finders of each kind (``extract_counts``, ``extract_changes``,
``extract_budgets``), so that no sentence with a figure is dropped. The kinds of claim and the
rules that find them are in docs/claims.md ("Claims", "Breakdowns");
:mod:`planwatch.claims.checking` checks the claims against what is stored.
"""

from __future__ import annotations

from dataclasses import replace

from planwatch.claims import breakdowns, extract_budgets, extract_changes, extract_counts
from planwatch.claims.candidates import Candidate, Context, other_claim
from planwatch.claims.periods import sentence_periods
from planwatch.claims.quantities import Quantity, find_quantities
from planwatch.claims.sentences import Sentence, split_sentences
from planwatch.domain.vocab import TOTAL
from planwatch.formatting import Language


def sentence_quantities(text: str, language: Language) -> list[tuple[Sentence, list[Quantity]]]:
    """Each sentence with the quantities it writes."""
    return [(s, find_quantities(s.text, language, s.start)) for s in split_sentences(text)]


def sentence_candidates(text: str, language: Language) -> list[tuple[Sentence, list[Candidate]]]:
    """Every sentence with its candidate claims (in order; possibly none)."""
    result: list[tuple[Sentence, list[Candidate]]] = []
    previous: Context | None = None
    for sentence, quantities in sentence_quantities(text, language):
        years = [q for q in quantities if q.kind == "year"]
        parts = sentence_periods(sentence.text, years, sentence.start)
        context = Context(sentence, quantities, language, parts)
        found = sorted(
            (_with_periods(c, context, previous) for c in _sentence_claims(context, previous)),
            key=lambda c: (c.start, c.end),
        )
        result.append((sentence, found))
        previous = context
    return result


def candidates(text: str, language: Language) -> list[Candidate]:
    """Every candidate claim in ``text``, sentence by sentence, in order of appearance."""
    return [c for _, found in sentence_candidates(text, language) for c in found]


def _sentence_claims(context: Context, previous: Context | None) -> list[Candidate]:
    """A sentence's claims of every kind; a sentence that names a part of the victims but ties
    it to none of its counts makes them ``breakdown-unclear`` and its changes ``breakdown``."""
    sentence, quantities = context.sentence, context.quantities
    years = [q for q in quantities if q.kind == "year"]
    counts = [q for q in quantities if q.kind == "count"]
    claims: list[Candidate] = []
    from_to, used = extract_counts.from_to_claims(context, counts, years)
    claims.extend(from_to)
    about_part = breakdowns.names_a_part(sentence.text, context.language)
    unattached = about_part and all(c.breakdown == TOTAL and c.note is None for c in counts)
    for count in counts:
        if count in used:
            continue
        claim = extract_counts.count_claim(context, count, years, previous)
        if unattached and claim.kind == "count" and claim.note is None:
            claim = replace(claim, note="breakdown-unclear")
        claims.append(claim)
    changes = [
        *extract_changes.percent_claims(context, previous),
        *extract_changes.ratio_claims(context, previous),
        *extract_changes.extreme_claims(context, previous),
    ]
    claims.extend(
        replace(c, note="breakdown") if about_part and c.kind != "other" else c for c in changes
    )
    claims.extend(extract_budgets.money_claims(context, years))
    claims.extend(
        other_claim(context, q, q.note or "other") for q in quantities if q.kind == "other"
    )
    return claims


def _with_periods(candidate: Candidate, context: Context, previous: Context | None) -> Candidate:
    """A claim about indicators with the quarters of the years it names (docs/claims.md, "Parts
    of a year"): from its own sentence, and from the previous one when its years come from
    there. A year the claim works out itself (the year before the one named) covers the same
    quarters as the year named. A claim in a sentence whose parts of years are unclear is
    ``part_of_year``: not checked."""
    if candidate.kind in ("budget", "other"):
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

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
from planwatch.claims.candidates import Candidate, Context, about_part_of_year, other_claim
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
        context = Context(sentence, quantities, language)
        found = sorted(_sentence_claims(context, previous), key=lambda c: (c.start, c.end))
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
    part_of_year = about_part_of_year(sentence)
    claims: list[Candidate] = []
    from_to, used = extract_counts.from_to_claims(context, counts, years)
    claims.extend(from_to)
    about_part = breakdowns.names_a_part(sentence.text, context.language)
    unattached = about_part and all(c.breakdown == TOTAL and c.note is None for c in counts)
    for count in counts:
        if count in used:
            continue
        claim = extract_counts.count_claim(context, count, years, previous, part_of_year)
        if unattached and claim.kind == "count" and claim.note is None:
            claim = replace(claim, note="breakdown-unclear")
        claims.append(claim)
    changes = [
        *extract_changes.percent_claims(context, previous, part_of_year),
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

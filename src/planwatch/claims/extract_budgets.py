"""Finding ``budget`` claims: money in a sentence that names a plan or a plan period; other
money is ``other`` (spending, or no plan's total) (docs/claims.md, "Claims" and "Budgets")."""

from __future__ import annotations

import re
from typing import Final

from planwatch.claims.candidates import Candidate, Context, other_claim, with_qualifier
from planwatch.claims.quantities import Quantity

_PLAN_CUE: Final = re.compile(
    r"(?<![\w])(?:handlingsplan\w*|planen\w*|planens|action\s+plans?|the\s+plan|national\s+plan)"
    r"(?![\w])",
    re.I,
)
_SPENDING_CUE: Final = re.compile(
    r"(?<![\w])(?:brugt|anvendt|forbrugt|udbetalt|hvoraf|heraf|spent|used|paid|of which|"
    r"allokeret|fordelt|allocated)(?![\w])",
    re.I,
)


def money_claims(context: Context, years: list[Quantity]) -> list[Candidate]:
    """Each amount of a sentence: spending (``other``) when a word for spending or allocating
    stands near it, else a budget when the sentence names a plan or a period, else ``other``."""
    sentence = context.sentence
    plan_named = bool(_PLAN_CUE.search(sentence.text))
    froms = [y for y in years if y.role == "from"]
    tos = [y for y in years if y.role == "to"]
    plan_years = (froms[0].year, tos[0].year) if froms and tos else None
    claims: list[Candidate] = []
    for quantity in (q for q in context.quantities if q.kind == "money"):
        around = sentence.text[
            max(0, quantity.start - sentence.start - 30) : quantity.end - sentence.start + 30
        ]
        if _SPENDING_CUE.search(around):
            claims.append(other_claim(context, quantity, "spending"))
        elif plan_named or plan_years:
            claims.append(
                Candidate(
                    "budget",
                    sentence,
                    with_qualifier(sentence, quantity.start),
                    quantity.end,
                    (quantity,),
                    plan_years or (),
                    anchor=(quantity.start, quantity.end),
                    qualifier=quantity.qualifier,
                    plan_years=plan_years,
                    plan_named=plan_named,
                )
            )
        else:
            claims.append(other_claim(context, quantity, "money"))
    return claims

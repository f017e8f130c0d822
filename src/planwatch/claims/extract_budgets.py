"""Finding ``budget`` and ``allocation`` claims: money in a sentence that names a plan or a plan
period is the plan's total; money in a clause that names an organisation, initiative or action
area (*CMM får 20 mio. kr.*, *indsatsområde 1*) is an ``allocation``, unless it is tied to the
plan itself (*handlingsplanen på 118,2 mio. kr.*); money for a year (*om året*) or for another
agreement or grant (*aftalen*, *satspuljen*) is ``other``, never a plan's total (docs/claims.md,
"Claims", "Budgets" and "Money for initiatives")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from planwatch.claims import cues, each_year_words
from planwatch.claims.candidates import Candidate, Context, other_claim, with_qualifier
from planwatch.claims.quantities import Quantity
from planwatch.claims.sentences import Sentence

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

RECIPIENTS: Final[dict[str, tuple[str, ...]]] = {
    "Center mod Menneskehandel": (
        "CMM", "CMM's", "Center mod Menneskehandel", "Center mod Menneskehandels",
        "Centre against Human Trafficking", "Center against Human Trafficking",
        "Danish Centre against Human Trafficking",
    ),
    "Reden International": ("Reden International", "Reden Internationals", "Reden"),
    "HopeNow": ("HopeNow", "Hope Now", "HopeNows"),
    "AmiAmi": ("AmiAmi", "AmiAmis"),
    "indkvartering": ("indkvartering", "indkvarteringstilbud", "krisecenterpladser",
                      "shelter places", "shelters", "accommodation"),
    "juridisk rådgivning": ("juridisk rådgivning", "legal counselling", "legal counseling",
                            "legal aid"),
    "opsøgende": ("opsøgende arbejde", "opsøgende indsats", "outreach work", "outreach"),
}  # fmt: skip
"""Who or what an amount can be for, by the words a text names it with: an organisation (found
in an initiative's name or responsible organisation) or an initiative's topic (found in its
name). Action areas are read separately (*indsatsområde 1*, *action area 1*, *IO1*)."""
_RECIPIENT_CUE: Final = re.compile(
    rf"(?<![\w])(?P<cue>{cues.alternation(w for ws in RECIPIENTS.values() for w in ws)})(?![\w])",
    re.I,
)
_CASE_SENSITIVE: Final = frozenset({"CMM", "CMM's", "Reden"})
"""Names that are read only as written (*reden* is also "the nest")."""
_AREA_CUE: Final = re.compile(
    r"(?<![\w])(?:indsatsområde(?:t)?|action\s+area|IO)\s*(?P<n>\d)(?![\d])", re.I
)
_OTHER_MONEY_CUE: Final = re.compile(
    r"(?<![\w])(?:aftale\w*|agreements?|reserve\w*|satspulje\w*|pulje\w*|bevilling\w*|"
    r"bevilget|tilskud\w*|grants?|finanslov\w*|finance\s+act|budget\s+act|ekstra|yderligere|"
    r"additional|extra|ud\s+over|oven\s+i|in\s+addition|on\s+top)(?![\w])",
    re.I,
)
"""Words for money that is not an action plan's total: another agreement, a reserve or pool, a
grant, money on top of the plan."""
_PART_OF_PLAN_CUE: Final = re.compile(
    r"(?<![\w])(?:som\s+(?:en\s+)?del\s+af|as\s+(?:a\s+)?part\s+of|inden\s+for|within)\s+"
    r"(?:(?:den|det|the|this|our|vores|regeringens|the\s+government's|nye|new|nationale|national)"
    r"\s+){0,3}(?:handlingsplan\w*|planen|action\s+plan|plan)(?![\w])",
    re.I,
)
"""Words that make an amount money for a part of the plan (*25 mio. kr. til en ny hotline, som
en del af handlingsplanen*, *as part of the action plan*): not the plan's total."""
_ANNUAL_CUE: Final = re.compile(
    rf"(?<![\w])(?:{cues.alternation((*each_year_words.PER_YEAR_WORDS, 'annual'))})(?![\w])",
    re.I,
)
"""Words that make an amount a year's money, not a plan's total: the words for each year
(:data:`planwatch.claims.each_year_words.PER_YEAR_WORDS`) and *annual*."""
_CLAUSE_END: Final = re.compile(
    r";|,\s+(?:og|and|mens|while|men|but|hvoraf|heraf|of\s+which)\s|"
    r"(?<![\w])(?:mens|while|whereas)(?![\w])",
    re.I,
)
_PLAN_BEFORE: Final = re.compile(
    r"(?:handlingsplan\w*|planen\w*|planens|action\s+plans?|the\s+plan|national\s+plan|"
    r"\d{4}\s*[-–—/]\s*\d{4})\s*(?:på|of|with|worth|til|for|:)?\s*"
    r"(?:(?:en|a|an|the|samlet|samlede|total|budget|ramme|rammen|beløb|i\s+alt|of|på|på\s+i\s+alt)"
    r"\s+){0,4}$",
    re.I,
)
_PLAN_AFTER: Final = re.compile(
    r"^\s*(?:(?:til|to|for|i|in)\s+)?(?:(?:en|den|det|a|an|the|ny|nye|new|national|nationale|"
    r"samlede|hele|whole)\s+){0,3}(?:handlingsplan\w*|planen\w*|action\s+plans?|plan)(?![\w])",
    re.I,
)
_TOTAL_BEFORE: Final = re.compile(
    r"(?<![\w])(?:samlet\s+ramme\s+på|rammen?\s+på|i\s+alt|a\s+total\s+of|a\s+budget\s+of|"
    r"total\s+budget\s+of|worth)\s*$",
    re.I,
)
"""An amount tied to the plan itself: right after the plan (or its period) and words for its
total (*Handlingsplanen 2022–2025 på 118,2 mio. kr.*, *har en samlet ramme på*), right before
it (*118,2 mio. kr. til handlingsplanen*, *a 118.2 million kroner action plan*)."""


@dataclass(frozen=True, slots=True)
class Recipient:
    """An organisation or initiative topic (``match``: found in initiatives' names and
    organisations), or an action area (``area``: ``IO1``), an amount is said to be for."""

    match: str | None
    area: str | None
    text: str


def clause_of(sentence: Sentence, quantity: Quantity) -> tuple[int, int]:
    """The clause an amount stands in (within the sentence): up to *;*, *, og*, *mens* …"""
    text = sentence.text
    start, end = quantity.start - sentence.start, quantity.end - sentence.start
    before = [m.end() for m in _CLAUSE_END.finditer(text[:start])]
    after = _CLAUSE_END.search(text, end)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def recipients(text: str) -> list[tuple[int, int, Recipient]]:
    """Every organisation, initiative topic or action area a text names, with its span."""
    found = []
    for m in _RECIPIENT_CUE.finditer(text):
        cue = m.group("cue")
        if cue not in _CASE_SENSITIVE and cue.lower() in {w.lower() for w in _CASE_SENSITIVE}:
            continue
        word = m.group("cue").lower()
        key = next(k for k, ws in RECIPIENTS.items() if word in (w.lower() for w in ws))
        found.append((m.start(), m.end(), Recipient(key, None, m.group())))
    for m in _AREA_CUE.finditer(text):
        found.append((m.start(), m.end(), Recipient(None, f"IO{m.group('n')}", m.group())))
    return sorted(found, key=lambda f: f[0])


def plan_tied(sentence: Sentence, quantity: Quantity) -> bool:
    """Whether an amount is tied to the plan itself (:data:`_PLAN_BEFORE`, :data:`_PLAN_AFTER`,
    :data:`_TOTAL_BEFORE`)."""
    start, end = quantity.start - sentence.start, quantity.end - sentence.start
    before, after = sentence.text[:start], sentence.text[end:]
    before = re.sub(rf"(?:{'|'.join(p.pattern for _, p in cues.QUALIFIERS)})", "", before)
    return bool(
        _PLAN_BEFORE.search(before)
        or _PLAN_AFTER.match(after)
        or (_TOTAL_BEFORE.search(before) and _PLAN_CUE.search(sentence.text))
    )


_FUNDED_BY: Final = re.compile(
    r"(?<![\w])(?:satspulje\w*|puljeaftale\w*|reserveaftale\w*|finanslov\w*|"
    r"(?:rate\s+adjustment\s+pool|satspulje|reserve|budget|finance\s+act)\s+agreement|"
    r"finance\s+act)\s+(?:for|til|of)\s+(?P<year>(?:19|20)\d\d)(?![\d])"
    r"|(?<![\w])(?P<year2>(?:19|20)\d\d)\s+(?:satspulje|rate\s+adjustment\s+pool|reserve|"
    r"budget|finance\s+act)\s*(?:agreement)?(?![\w])",
    re.I,
)
"""A plan named by the year of the agreement that funded it (*satspuljeaftalen for 2018*, *the
2018 satspulje agreement*): the plan that starts the year after (docs/claims.md, "Budgets")."""
FUNDED_NOTE: Final = "funded-"
"""The note of a budget claim whose plan is named by its funding agreement's year
(``funded-2018``)."""
_CURRENT_PLAN: Final = re.compile(
    r"(?<![\w])(?:nuværende|gældende|igangværende|current|present|ongoing)\s+"
    r"(?:\w+\s+){0,2}?(?:handlingsplan\w*|action\s+plan|plan)(?![\w])",
    re.I,
)
"""Words that name the plan running on the reference date (*den nuværende handlingsplan*)."""
CURRENT_NOTE: Final = "current-plan"


def plan_named_by(
    context: Context, previous: Context | None
) -> tuple[tuple[int, int] | None, str | None]:
    """The plan a plan sentence without its own period names: by its funding agreement's year
    (a note), as the current plan (a note), or by the period the previous sentence of its
    paragraph names with a plan (*handlingsplan … 2019-2021. Handlingsplanen … 63 mio. kr.*)."""
    funded = _FUNDED_BY.search(context.sentence.text)
    if funded:
        return None, f"{FUNDED_NOTE}{funded.group('year') or funded.group('year2')}"
    if _CURRENT_PLAN.search(context.sentence.text):
        return None, CURRENT_NOTE
    if (
        previous is not None
        and previous.sentence.paragraph == context.sentence.paragraph
        and _PLAN_CUE.search(previous.sentence.text)
    ):
        froms = [y for y in previous.quantities if y.kind == "year" and y.role == "from"]
        tos = [y for y in previous.quantities if y.kind == "year" and y.role == "to"]
        if len(froms) == 1 and len(tos) == 1:
            return (froms[0].year, tos[0].year), None
    return None, None


def money_claims(
    context: Context, years: list[Quantity], previous: Context | None = None
) -> list[Candidate]:
    """Each amount of a sentence (docs/claims.md, "Budgets", "Money for initiatives"): a year's
    money (*om året*) is ``other``; an amount tied to the plan is a budget; one in a clause that
    names an organisation, initiative or action area is an ``allocation``; one in a clause that
    names another agreement or grant is ``other``; else spending (``other``) when a word for
    spending stands near it, a budget when the sentence names a plan or a period, else
    ``other``."""
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
        low, high = clause_of(sentence, quantity)
        clause = sentence.text[low:high]
        tied = (plan_named or plan_years is not None) and plan_tied(sentence, quantity)
        if _ANNUAL_CUE.search(clause):
            claims.append(other_claim(context, quantity, "annual-money"))
        elif not tied and recipients(clause):
            point = [y.year for y in years if y.role == "point"]
            spending = "spending" if _SPENDING_CUE.search(around) else None
            claims.append(
                Candidate(
                    "allocation",
                    sentence,
                    with_qualifier(sentence, quantity.start),
                    quantity.end,
                    (quantity,),
                    tuple(point[:1]),
                    years_from="sentence",
                    anchor=(quantity.start, quantity.end),
                    qualifier=quantity.qualifier,
                    plan_years=plan_years,
                    note=spending,
                )
            )
        elif not tied and _OTHER_MONEY_CUE.search(clause):
            claims.append(other_claim(context, quantity, "other-money"))
        elif not tied and _PART_OF_PLAN_CUE.search(sentence.text):
            claims.append(other_claim(context, quantity, "part-of-plan-money"))
        elif _SPENDING_CUE.search(around):
            claims.append(other_claim(context, quantity, "spending"))
        elif plan_named or plan_years:
            named_years, named_note = (
                (plan_years, None) if plan_years else plan_named_by(context, previous)
            )
            claims.append(
                Candidate(
                    "budget",
                    sentence,
                    with_qualifier(sentence, quantity.start),
                    quantity.end,
                    (quantity,),
                    named_years or (),
                    years_from="previous" if named_years and not plan_years else "sentence",
                    anchor=(quantity.start, quantity.end),
                    qualifier=quantity.qualifier,
                    plan_years=named_years,
                    plan_named=plan_named,
                    note=named_note,
                )
            )
        else:
            claims.append(other_claim(context, quantity, "money"))
    return claims

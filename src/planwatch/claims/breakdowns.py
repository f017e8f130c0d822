"""Which part of the victims a figure is about (sex, age group, form of exploitation): read
from the words after a count (docs/claims.md, "Breakdowns"), and written for the report."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Final

from planwatch.claims import cues
from planwatch.domain.vocab import ALL, BREAKDOWN_DIMENSIONS, TOTAL, Breakdown
from planwatch.formatting import Language

_BREAKDOWNS: Final[tuple[tuple[str, str, tuple[str, ...]], ...]] = (
    ("sex", "female", ("kvinder", "kvinde", "kvinderne", "kvindelige", "kvindelig", "piger",
                       "pige", "women", "woman",
                       "girls", "girl", "female", "females")),
    ("sex", "male", ("mænd", "mand", "mændene", "mandlige", "mandlig", "drenge", "dreng", "men",
                     "boys", "boy", "male", "males")),
    ("sex", "transgender", ("transkønnede", "transkønnet", "transpersoner", "transgender")),
    ("age_group", "under_18", ("mindreårige", "mindreårig", "børn", "barn", "under 18",
                               "under 18 år", "minors", "minor", "children", "child",
                               "under the age of 18", "under 18 years")),
    ("age_group", "18_plus", ("voksne", "voksen", "over 18", "over 18 år", "18 år og derover",
                              "adults", "adult", "18 and over", "18 or over")),
    ("exploitation", "sexual", ("seksuel udnyttelse", "seksuelt udnyttet", "udnyttet seksuelt",
                                "prostitution", "sexual exploitation", "sexually exploited",
                                "sex trafficking")),
    ("exploitation", "forced_labour", ("tvangsarbejde", "forced labour", "forced labor",
                                       "labour trafficking", "labor trafficking")),
    ("exploitation", "criminal_activities", ("strafbare handlinger", "tvungen kriminalitet",
                                             "kriminalitet", "criminal activities",
                                             "forced criminality", "forced criminal activity",
                                             "forced to commit crimes",
                                             "forced to commit crime")),
    ("exploitation", "slavery_like", ("slaverilignende forhold", "slaverilignende",
                                      "slavery-like conditions", "slavery-like")),
    # the forms CMM and the TIP report count apart (data/reference/observations.csv): the
    # form could not be determined, was not stated, another form, not registered
    ("exploitation", "undetermined", ("ikke nærmere fastslået", "ikke fastslået",
                                      "ukendt udnyttelsesform", "ukendt udnyttelse",
                                      "undetermined", "unknown forms of exploitation",
                                      "unknown form of exploitation",
                                      "unknown forms of trafficking")),
    ("exploitation", "unspecified", ("ikke oplyst", "uoplyst", "uspecificeret",
                                     "unspecified", "unspecified forms of trafficking",
                                     "unspecified forms of exploitation", "uncategorized",
                                     "uncategorised")),
    ("exploitation", "other", ("andre former for udnyttelse", "anden form for udnyttelse",
                               "other forms of exploitation", "other form of exploitation",
                               "other forms of trafficking")),
    ("exploitation", "not_registered", ("ikke registreret", "ikke registrerede",
                                        "not registered")),
)  # fmt: skip
_YEAR_LIKE: Final = re.compile(r"(?:19|20)\d\d|2100")
_FALSE_FRIENDS: Final[dict[Language, frozenset[str]]] = {
    "da": frozenset({"men"}),  # Danish "men" is "but"
    "en": frozenset(),
}


@lru_cache(maxsize=2)
def _breakdown_cue(language: Language) -> re.Pattern[str]:
    """Any word of :data:`_BREAKDOWNS`, except those that mean something else in the text's
    language."""
    words = (w for _, _, ws in _BREAKDOWNS for w in ws if w not in _FALSE_FRIENDS[language])
    return re.compile(rf"(?<![\w])(?P<cue>{cues.alternation(words)})(?![\w])", re.I)


ORIGIN_STEMS: Final = (
    "nationalitet", "nationalit", "statsborger", "citizen", "udenlandsk", "udlænding",
    "foreign", "tredjeland", "third-countr", "non-eu", "ikke-eu", "oprindelse", "herkomst",
    "origin", "ukrain", "rumæn", "romania", "nigeria", "vietnam", "marokk", "morocc", "thai",
    "kines", "china", "chinese", "uganda", "ghana", "bulgar", "litau", "lithuan", "polsk",
    "polen", "poland", "polish", "ungar", "hungar", "brasil", "brazil", "filippin", "philippin",
    "eritre", "afghan", "syri", "albani", "kenya", "kamerun", "cameroon", "sierra leone",
    "dominikan", "dominican", "colombia", "paraguay", "venezuela", "latvi", "letland",
    "letlandsk", "estland", "eston", "slovak", "tjekk", "czech", "moldov", "serbi", "kosov",
    "tyrk", "turk", "irak", "iraq", "iran", "pakistan", "indisk", "indien", "bangladesh",
    "sri lank",
)  # fmt: skip
"""Stems of words for a nationality or an origin (*nigerianere, fra Marokko, Romanian men,
foreign nationals, non-EU*): a breakdown planwatch does not hold."""
SECTOR_STEMS: Final = (
    "landbrug", "byggeri", "byggebranche", "bygge- og anlæg", "rengøring", "restaurant",
    "hotel", "fiskeri", "gartneri", "skovbrug", "husligt arbejde", "agricultur", "farm",
    "construction", "cleaning", "hospitality", "fishing", "fisheries", "forestry",
    "domestic work", "domestic servitude", "manufacturing",
)  # fmt: skip
"""Stems of words for a trade or sector (*tvangsarbejde i landbruget*, *forced labour in
construction*): a part of a form of exploitation planwatch does not hold."""
STATUS_STEMS: Final = (
    "asylansøg", "asylum", "uledsaged", "unaccompanied", "flygtning", "refugee", "papirløs",
    "undocumented", "irregulær", "irregular migrant", "migrantarbejd", "migrant worker",
)  # fmt: skip
"""Stems of words for a residence status (*mindreårige asylansøgere*, *unaccompanied
minors*, *migrant workers*): a part planwatch does not hold."""
_OTHER_BREAKDOWN_CUE: Final = re.compile(
    r"(?<![\w])(?:under|over)\s+(?!18\b)\d+\s*(?:år|years)|(?<![\w])(?:"
    + "|".join(
        re.escape(s)
        for s in sorted(ORIGIN_STEMS + SECTOR_STEMS + STATUS_STEMS, key=len, reverse=True)
    )
    + r")\w*",
    re.I,
)
_OTHER_VICTIMS: Final = re.compile(
    r"(?<![\w])(?:victims?|ofre|ofrene|offer|offeret)\s+(?:of|for)\s+(?=\w)(?!(?:the\s+|human\s+)*"
    r"(?:traffick|menneskehandel|trafficking|seksuel|sexual|sex\b|forced|tvang|prostitution|"
    r"kriminalitet|criminal|strafbare|labou?r|exploitation|udnyttelse|slaveri|slavery|modern))",
    re.I,
)
"""Victims of something other than trafficking or a form of it (*kvindelige ofre for vold*,
*female victims of domestic violence*): a group planwatch does not hold."""


def _other_victims(window: str, limit: int) -> bool:
    """Whether victims of something other than trafficking are named in ``window``, beginning
    before ``limit``."""
    match = _OTHER_VICTIMS.search(window)
    return match is not None and match.start() < limit


NOT_PERSONS: Final = (
    "lande", "landene", "countries", "nationaliteter", "nationalities", "byer", "cities",
    "regioner", "regions", "sprog", "languages",
)  # fmt: skip
"""Nouns that are not persons (*28 forskellige lande*, *12 cases*): a count of them is no
count of victims or of a part of them."""
_NOT_PERSONS_AFTER: Final = re.compile(
    rf"^\s+(?:\w+\s+)?(?:{cues.alternation(NOT_PERSONS)})(?![\w])", re.I
)
_LIST_JOIN: Final = r"\s*(?:,|&|\bog\b|\band\b|\bsamt\b|\beller\b|\bor\b)\s*"
COVERS: Final[dict[str, frozenset[str]]] = {
    "sex": frozenset({"female", "male"}),
    "age_group": frozenset({"under_18", "18_plus"}),
}
"""Parts that together are every victim: a count whose noun is a list of parts covering one of
these (*64 mænd og kvinder*, *80 men, women and children*) is the total."""


EVERY_FORM: Final = frozenset({"sexual", "forced_labour", "criminal_activities"})
"""The forms of exploitation that, listed together after a count, name every victim rather
than a part (*handlet til prostitution, tvangsarbejde eller kriminalitet*; *trafficked for
sexual exploitation, forced labour or forced criminality*): the count is the total."""
_EVERY_FORM_WORDS: Final = 8
"""How many words after a count the list of every form may begin (*personer vurderet at være
handlet til …*)."""


_EVERY_FORM_CHARS: Final = 200
"""How far after a count the list of every form is looked for: each count's search stays short,
so a long document is read in time."""
_SEXUAL_WORD: Final = re.compile(r"prostitution|seksuel|sexual|sex\s+trafficking", re.I)


@lru_cache(maxsize=2)
def _forms_list(language: Language) -> re.Pattern[str]:
    """Three or more words for parts joined by a comma, *og / and / eller / or*, anywhere."""
    cue = _breakdown_cue(language).pattern.replace("(?P<cue>", "(?:")
    join = _LIST_JOIN + r"(?:enten\s+|either\s+)?"
    return re.compile(
        rf"(?<![\w])(?:enten\s+|either\s+)?(?P<list>{cue}(?:{join}{cue}){{2,}})", re.I
    )


def lists_every_form(after: str, language: Language) -> bool:
    """Whether the words after a count name every form of exploitation in one list
    (:data:`EVERY_FORM`, and no other part of the victims in the list) within the first
    :data:`_EVERY_FORM_WORDS` words, before any other figure or the end of the clause: the
    count is the total, not the part the first form names (docs/claims.md, "Every form of
    exploitation listed")."""
    clause = re.split(r"[;:.()]|\d", after[:_EVERY_FORM_CHARS], maxsplit=1)[0]
    if not _SEXUAL_WORD.search(clause):
        return False  # every list of every form names the sexual one: most counts stop here
    match = _forms_list(language).search(clause)
    if match is None or len(re.findall(r"\S+", clause[: match.start()])) > _EVERY_FORM_WORDS:
        return False
    named, other = parts_named(match.group("list"), language)
    return not other and set(named) == {"exploitation"} and named["exploitation"] >= EVERY_FORM


def names_a_part(text: str, language: Language) -> bool:
    """Whether a text names a part of the victims anywhere, one planwatch holds or not."""
    return bool(_breakdown_cue(language).search(text) or _OTHER_BREAKDOWN_CUE.search(text))


def parts_named(text: str, language: Language) -> tuple[dict[str, set[str]], bool]:
    """Every part of the victims a text names, by dimension (``{"sex": {"female"}}``), and
    whether it names a part planwatch does not hold (another age band, a nationality)."""
    named: dict[str, set[str]] = {}
    for match in _breakdown_cue(language).finditer(text):
        cue = re.sub(r"\s+", " ", match.group("cue").lower())
        for dimension, code, words in _BREAKDOWNS:
            if cue in words:
                named.setdefault(dimension, set()).add(code)
                break
    return named, bool(_OTHER_BREAKDOWN_CUE.search(text))


def cue_spans(text: str, language: Language) -> list[tuple[int, int]]:
    """Where a text names a part of the victims (one planwatch holds or not)."""
    found = [m.span() for m in _breakdown_cue(language).finditer(text)]
    return found + [m.span() for m in _OTHER_BREAKDOWN_CUE.finditer(text)]


_DASH_ASIDE: Final = re.compile(r"\s[–—-]\s[^–—\-\d.;:()]{1,80}?\s[–—-]\s")
"""A remark between two dashes with no figure in it (*38 personer – og hermed størsteparten –
handlet til seksuel udnyttelse*, *38 people - most of them - trafficked for …*)."""


def without_asides(text: str, language: Language) -> str:
    """``text`` with each remark between two dashes (:data:`_DASH_ASIDE`) that names no part
    of the victims left out: what a count is of reads past it. A remark that names a part
    (*38 personer – alle kvinder – …*) stays: it may be what the count is of."""
    return _DASH_ASIDE.sub(lambda m: m.group() if names_a_part(m.group(), language) else " ", text)


@lru_cache(maxsize=2)
def _number_of(language: Language) -> re.Pattern[str]:
    cue = _breakdown_cue(language).pattern
    return re.compile(rf"(?<![\w])(?:antallet|antal|the\s+number)\s+(?:af|of)\s+{cue}", re.I)


def number_of_a_part(sentence: str, language: Language) -> Breakdown | None:
    """The one part a sentence is about when its subject is *antallet af / the number of* it
    (*Antallet af mænd, der blev vurderet handlet, steg …*), and it names no other part; else
    ``None``."""
    match = _number_of(language).search(sentence)
    named, unheld = parts_named(sentence, language)
    if match is None or unheld or len(named) != 1:
        return None
    ((dimension, codes),) = named.items()
    if len(codes) != 1:
        return None
    return Breakdown(**{dimension: next(iter(codes))})


@lru_cache(maxsize=2)
def _of_a_part(language: Language) -> re.Pattern[str]:
    cue = _breakdown_cue(language).pattern
    return re.compile(rf"^\s+(?:af|of)\s+(?:the\s+|de\s+)?{cue}", re.IGNORECASE)


def of_a_part(after: str, language: Language) -> bool:
    """Whether a count is some *of* a sex or age group named right after it (*ti af mændene
    arbejdede i byggebranchen*, *ten of the women*): a group within the part, which planwatch
    does not hold, not the part itself. (*3 af ofrene var under 18 år* is of all the victims;
    *12 of unspecified forms*, *42 of sex trafficking* name a form of exploitation.)"""
    match = _of_a_part(language).match(after)
    if match is None:
        return False
    cue = re.sub(r"\s+", " ", match.group("cue").lower())
    return any(
        cue in words for dimension, _, words in _BREAKDOWNS if dimension in ("sex", "age_group")
    )


def part_beside_aside(after: str, language: Language) -> bool:
    """Whether a remark between dashes right after a count (and its noun) names a part of the
    victims and the words after the remark name one too (*38 persons - most of them women -
    were trafficked for sexual exploitation*): which of the two the count is of is unclear."""
    aside = _DASH_ASIDE.search(after)
    if aside is None or len(after[: aside.start()].split()) > 2:
        return False
    if not names_a_part(aside.group(), language):
        return False
    return breakdown_after(after[aside.end() - 1 :], language)[0] != TOTAL


def breakdown_after(after: str, language: Language) -> tuple[Breakdown, bool]:
    """The breakdown written right after a count (up to a comma, a conjunction or another
    figure that is not a year; a cue that begins within the first eight words, so that *under
    18* counts when *under* is the eighth word; past a remark between dashes), and whether a
    breakdown planwatch does not hold (another age band, a nationality) is written there."""
    after = without_asides(after, language)
    if _NOT_PERSONS_AFTER.match(after):
        return TOTAL, True  # *28 forskellige lande*: no count of persons
    if lists_every_form(after, language):
        return TOTAL, False  # *handlet til prostitution, tvangsarbejde eller kriminalitet*
    listed = _listed_parts(after, language)
    if listed is not None:
        return listed
    window = re.split(r"[,;:.()]|\s(?:og|and|mens|while)\s", after, maxsplit=1)[0]
    word_starts = [m.start() for m in itertools.islice(re.finditer(r"\S+", window), 9)]
    limit = word_starts[8] if len(word_starts) > 8 else len(window)
    # Only what begins before the ninth word matters: reading the whole rest of the sentence
    # for every count made a sentence of many numbers quadratic.
    cue_pattern = _breakdown_cue(language)
    hits = list(itertools.takewhile(lambda m: m.start() < limit, cue_pattern.finditer(window)))
    digits = (
        m.start()
        for m in itertools.takewhile(lambda m: m.start() < limit, re.finditer(r"\d+", window))
        if not _inside(m.start(), hits) and not _YEAR_LIKE.fullmatch(m.group())
    )
    cut = min(limit, next(digits, limit))
    chosen: dict[str, str] = {}
    for match in (m for m in hits if m.start() < cut):
        cue = re.sub(r"\s+", " ", match.group("cue").lower())
        for dimension, code, words in _BREAKDOWNS:
            if cue in words and dimension not in chosen:
                chosen[dimension] = code
    other = bool(_OTHER_BREAKDOWN_CUE.search(window[:cut]) or _other_victims(window, limit))
    return (Breakdown(**chosen) if chosen else TOTAL), other


@lru_cache(maxsize=2)
def _parts_list(language: Language) -> re.Pattern[str]:
    """Two or more words for parts joined by a comma, *og / and / samt / eller / or* right
    after a count (*64 mænd og kvinder*, *80 men, women and children*)."""
    cue = _breakdown_cue(language).pattern.replace("(?P<cue>", "(?:")
    return re.compile(rf"^\s+(?P<list>{cue}(?:{_LIST_JOIN}{cue})+)", re.I)


def _listed_parts(after: str, language: Language) -> tuple[Breakdown, bool] | None:
    """A count whose noun is a list of different parts: the total when they cover every victim
    in one dimension (:data:`COVERS`), else a sum of parts planwatch does not hold; ``None``
    when no such list follows the count."""
    match = _parts_list(language).match(after)
    if match is None:
        return None
    named, _ = parts_named(match.group("list"), language)
    if sum(len(codes) for codes in named.values()) < 2:
        return None  # *kvinder og piger*: one part
    if any(cover <= named.get(dimension, set()) for dimension, cover in COVERS.items()):
        rest, other = breakdown_after(after[match.end() :], language)
        chosen = {d: getattr(rest, d) for d in ("exploitation",) if getattr(rest, d) != ALL}
        return (Breakdown(**chosen) if chosen else TOTAL), other
    return TOTAL, True


def lists_every_part(after: str, language: Language) -> bool:
    """Whether the words right after a count are a list of parts that together are every victim
    (*64 mænd og kvinder*, *80 men, women and children*): the count is the total."""
    match = _parts_list(language).match(after)
    if match is None:
        return False
    named, _ = parts_named(match.group("list"), language)
    return any(cover <= named.get(dimension, set()) for dimension, cover in COVERS.items())


def _inside(position: int, matches: Sequence[re.Match[str]]) -> bool:
    return any(m.start() <= position < m.end() for m in matches)


def breakdown_label(breakdown: Breakdown) -> str:
    """``sex=female exploitation=sexual``; empty for the total."""
    return " ".join(
        f"{name}={getattr(breakdown, name)}"
        for name in ("sex", "age_group", "exploitation")
        if getattr(breakdown, name) != ALL
    )


def breakdown_text(breakdown: Breakdown, language: Language) -> str:
    """``Kvinder, Seksuel udnyttelse``; empty for the total."""
    labels = []
    for dimension, vocabulary in BREAKDOWN_DIMENSIONS.items():
        code = getattr(breakdown, dimension)
        if code != ALL:
            term = vocabulary[code]
            labels.append(term.label_da if language == "da" else term.label_en)
    return ", ".join(labels)

"""Figures about another country or region: planwatch holds Denmark's figures only, so a
figure a sentence gives for Sweden, the EU or the Nordic countries is not compared with them
(*Finland identified 195 victims of trafficking in 2023* is no false "inconsistent" against
Denmark's 112; *I Sverige blev 112 personer identificeret som ofre* is no coincidental
"consistent"). The rule is in docs/claims.md, "Another country or region".

A figure is about another place when the sentence names one before it, with no mention of
Denmark between the two (*In 2024, Norway identified 85 victims, compared with 73 in 2022*:
both), or names one after it within its own clause (*85 presumed victims were identified in
Norway*). A country named as where victims come from (*fra Nigeria*, *from Romania*, *nationals
of Vietnam*) is an origin, not a place: origins are read by :mod:`planwatch.claims.breakdowns`.
The United States is left out: its State Department writes the TIP report on Denmark (*the US
TIP report*), and naming it says nothing about where a figure was counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from planwatch.claims import cues
from planwatch.formatting import Language

COUNTRIES: Final = (
    # the Nordic countries and the Danish realm outside Denmark
    "Sverige", "Sweden", "Norge", "Norway", "Finland", "Island", "Iceland", "Grønland",
    "Greenland", "Færøerne", "Faroe Islands",
    # the rest of Europe
    "Tyskland", "Germany", "Holland", "Nederlandene", "the Netherlands", "Belgien", "Belgium",
    "Frankrig", "France", "Spanien", "Spain", "Portugal", "Italien", "Italy", "Grækenland",
    "Greece", "Østrig", "Austria", "Schweiz", "Switzerland", "Storbritannien", "Great Britain",
    "Britain", "the United Kingdom", "the UK", "England", "Skotland", "Scotland", "Irland",
    "Ireland", "Polen", "Poland", "Estland", "Estonia", "Letland", "Latvia", "Litauen",
    "Lithuania", "Rumænien", "Romania", "Bulgarien", "Bulgaria", "Ungarn", "Hungary",
    "Tjekkiet", "Czechia", "the Czech Republic", "Slovakiet", "Slovakia", "Ukraine",
    "Rusland", "Russia", "Moldova", "Serbien", "Serbia", "Albanien", "Albania", "Tyrkiet",
    "Turkey", "Türkiye",
    # elsewhere, where reports on trafficking count victims
    "Nigeria", "Thailand", "Vietnam", "Kina", "China", "Indien", "India", "Filippinerne",
    "the Philippines", "Brasilien", "Brazil", "Canada", "Australien", "Australia",
)  # fmt: skip
"""Countries by their names, Danish and English, written with a capital letter."""

REGIONS: Final = (
    "EU-landene", "EU-lande", "EU-landenes", "EU's medlemslande", "medlemslandene",
    "the EU", "i EU", "EU countries", "EU member states", "EU Member States",
    "member states", "Member States", "Europa", "Europe", "europæiske lande",
    "European countries", "Norden", "de nordiske lande", "nordiske lande", "the Nordic countries",
    "Nordic countries", "the Nordics", "Baltikum", "the Baltic states", "Østersøregionen",
    "the Baltic Sea region", "verden over", "på verdensplan", "i hele verden", "worldwide",
    "globally", "across the world", "around the world",
)  # fmt: skip
"""Regions and the world."""

_ADJECTIVES: Final = (
    "svenske", "norske", "finske", "islandske", "tyske", "hollandske", "britiske", "polske",
    "Swedish", "Norwegian", "Finnish", "Icelandic", "German", "Dutch", "British", "Polish",
)  # fmt: skip
_AUTHORITIES: Final = (
    "myndigheder", "politi", "regering", "center", "centre", "authorities", "police",
    "government", "officials",
)  # fmt: skip

_COUNTRY: Final = re.compile(
    rf"(?<![\w-])(?:{cues.alternation(COUNTRIES)})(?![\w-])"
    rf"|(?<![\w-])(?i:(?:{cues.alternation(_ADJECTIVES)})\s+(?:{cues.alternation(_AUTHORITIES)}))"
    rf"(?![\w])",
)
"""A country's name as written (with its capital letter), or another country's authorities
(*svenske myndigheder*, *Norwegian police*)."""
_REGION: Final = re.compile(rf"(?<![\w-])(?:{cues.alternation(REGIONS)})(?![\w])", re.IGNORECASE)
_NOT_A_PLACE: Final = re.compile(r"(?:council\s+of|rådet\s+for)\s+$", re.IGNORECASE)
"""What makes a region's name part of an institution's (*the Council of Europe*, GRETA's)."""
_FROM_LIST: Final = r"(?:\w+(?:,\s+|\s+(?:og|and|eller|or)\s+))*$"
_ORIGIN: Final = re.compile(
    rf"(?:\b(?:fra|from)\s+|\b(?:nationals?|citizens?|statsborgere|oprindelse|origin|født|born)"
    rf"\s+(?:of|fra|i|in)\s+){_FROM_LIST}",
    re.IGNORECASE,
)
"""What makes a country named after it an origin (*fra Nigeria*, *from Romania and Bulgaria*,
*nationals of Vietnam*, *født i Polen*)."""
_DENMARK: Final = re.compile(
    r"(?<![\w])(?:Danmark|Denmark|Danmarks|Denmark's|danske\s+myndigheder|Danish\s+authorities|"
    r"her\s+i\s+landet|herhjemme|in\s+this\s+country)(?![\w])",
    re.IGNORECASE,
)
_CLAUSE_END: Final = re.compile(
    r"[,:()]|\s[–—-]\s|(?<![\w])(?:compared\s+(?:with|to)|sammenlignet\s+med|mod|against)"
    r"(?![\w])",
    re.IGNORECASE,
)
"""Where a figure's clause ends, besides another clause (:data:`cues.CONTRAST`)."""


@dataclass(frozen=True, slots=True)
class Place:
    """A place a sentence names, as written, and where (offsets within the sentence)."""

    text: str
    start: int
    end: int


def _places(sentence: str) -> list[Place]:
    """Every other country or region the sentence names as a place, in order (a region
    written with its preposition, *i EU*, by its name alone)."""
    found = [
        Place(m.group(), m.start(), m.end())
        for m in _COUNTRY.finditer(sentence)
        if not _ORIGIN.search(sentence[max(0, m.start() - 60) : m.start()])
    ]
    found += [
        Place(re.sub(r"^[iI]\s+", "", m.group()), m.start(), m.end())
        for m in _REGION.finditer(sentence)
        if not _NOT_A_PLACE.search(sentence[max(0, m.start() - 20) : m.start()])
    ]
    return sorted(found, key=lambda p: p.start)


def another_place(sentence: str, start: int, end: int, language: Language) -> str | None:
    """The other country or region a figure at ``start:end`` of ``sentence`` (in ``language``)
    is about, as the sentence writes it, or ``None`` when it is about Denmark or names no
    place."""
    places = _places(sentence)
    if not places:
        return None
    denmark = [m.start() for m in _DENMARK.finditer(sentence)]
    before = [p for p in places if p.end <= start]
    if before and not any(before[-1].end <= d < start for d in denmark):
        return before[-1].text
    cuts = [
        m.start()
        for m in (_CLAUSE_END.search(sentence, end), cues.CONTRAST[language].search(sentence, end))
        if m
    ]
    clause_end = min(cuts, default=len(sentence))
    after = [p for p in places if end <= p.start < clause_end]
    if after and not any(end <= d < clause_end for d in denmark):
        return after[0].text
    return None

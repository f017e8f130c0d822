"""Fixed vocabularies for breakdowns of an observation. ``ALL`` means "not broken down"."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

ALL: Final = "all"


@dataclass(frozen=True, slots=True)
class Term:
    code: str
    label_da: str
    label_en: str
    synonyms: tuple[str, ...] = ()  # other spellings accepted in uploads


def _terms(*terms: Term) -> MappingProxyType[str, Term]:
    return MappingProxyType({t.code: t for t in terms})


SEX: Final = _terms(
    Term("female", "Kvinder", "Women", ("kvinde", "k", "woman", "f")),
    Term("male", "Mænd", "Men", ("mand", "m", "man")),
    Term("transgender", "Transkønnede", "Transgender persons", ("transkønnet", "transgender")),
)

AGE_GROUP: Final = _terms(
    Term("under_18", "Under 18 år", "Under 18", ("under 18", "mindreårig", "minor", "0-17")),
    Term("18_plus", "18 år og derover", "18 and over", ("18+", "over 18", "voksen", "adult")),
)

EXPLOITATION: Final = _terms(
    Term("sexual", "Seksuel udnyttelse", "Sexual exploitation"),
    Term("forced_labour", "Tvangsarbejde", "Forced labour"),
    Term("criminal_activities", "Strafbare handlinger", "Criminal activities"),
    Term(
        "forced_labour_or_criminal",
        "Tvangsarbejde eller strafbare handlinger (samlet opgjort)",
        "Forced labour or criminal activities (counted together)",
    ),
    Term("slavery_like", "Slaverilignende forhold", "Slavery-like conditions"),
    Term("undetermined", "Ikke nærmere fastslået", "Undetermined"),
    Term("other", "Andet", "Other"),
    Term("not_registered", "Ikke registreret", "Not registered"),
    Term("unspecified", "Ikke oplyst", "Unspecified"),
)

BREAKDOWN_DIMENSIONS: Final = MappingProxyType(
    {"sex": SEX, "age_group": AGE_GROUP, "exploitation": EXPLOITATION}
)


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Which part of the population a figure counts. All ``ALL`` = the total."""

    sex: str = ALL
    age_group: str = ALL
    exploitation: str = ALL

    def __post_init__(self) -> None:
        for dimension, vocabulary in BREAKDOWN_DIMENSIONS.items():
            code = getattr(self, dimension)
            if code != ALL and code not in vocabulary:
                raise ValueError(f"{code!r} is not a known {dimension}")

    @property
    def is_total(self) -> bool:
        return self.sex == ALL and self.age_group == ALL and self.exploitation == ALL


TOTAL: Final = Breakdown()

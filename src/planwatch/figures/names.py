"""What a code stands for, in Danish and English (issue 18): indicators and initiatives by their
names, for pages that list submitted figures by code."""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.storage import Store, repository


@dataclass(frozen=True, slots=True)
class Names:
    """Indicator and initiative codes -> (Danish name, English name)."""

    subjects: dict[str, tuple[str, str]]

    def subject(self, code: str, language: str) -> str:
        """The name of an indicator or initiative in ``language``; the code if it has none."""
        da, en = self.subjects.get(code, (code, code))
        return da if language == "da" else en


def names(store: Store) -> Names:
    """The names of every indicator and initiative."""
    with store.connect(read_only=True) as connection:
        rows = [
            *repository.select_all(connection, "indicators"),
            *repository.select_all(connection, "initiatives"),
        ]
    return Names({r["code"]: (r["name_da"], r["name_en"]) for r in rows})

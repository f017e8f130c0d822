"""Texts of wide tables shown as cards on a phone (issue 18): the line under a capped list."""

from __future__ import annotations

from typing import Final

CARDS_TEXTS: Final[dict[str, dict[str, str]]] = {
    "cards_more": {
        "da": "Her vises de første {shown} af {count} rækker. De øvrige {rest} står i tabellen "
        "på en større skærm.",
        "en": "The first {shown} of {count} rows are shown here. The other {rest} are in the "
        "table on a larger screen.",
    },
}

"""Texts of a large submission's summary and pages of rows on Godkendelse and Mine
indberetninger (issue 16), Danish and English."""

from __future__ import annotations

from typing import Final

REVIEW_TEXTS: Final[dict[str, dict[str, str]]] = {
    "large_submission_intro": {
        "da": "Indberetningen har {count} tal. Først en opgørelse pr. indikator og periode: hvor "
        "mange tal der er nye, hvor mange der retter et godkendt tal og hvor meget. Derunder "
        "tallene selv, {rows} ad gangen.",
        "en": "The submission holds {count} figures. First a summary per indicator and period: "
        "how many figures are new, how many revise an approved figure and by how much. Below "
        "it the figures themselves, {rows} at a time.",
    },
    "col_figure_count": {"da": "Antal tal", "en": "Figures"},
    "col_new_figures": {"da": "Nye", "en": "New"},
    "col_revised_figures": {"da": "Retter godkendte", "en": "Revise approved"},
    "col_unchanged_figures": {"da": "Uændrede", "en": "Unchanged"},
    "col_largest_change": {"da": "Største ændring", "en": "Largest change"},
    "col_total_change": {"da": "Ændringer i alt", "en": "Changes in total"},
    "figures_page": {"da": "Side (af {pages})", "en": "Page (of {pages})"},
    "figures_rows_shown": {
        "da": "Viser tal {first}-{last} af {count}.",
        "en": "Showing figures {first}-{last} of {count}.",
    },
    # -- the upload report (issue 18)
    "problem_at_cell": {
        "da": "række {row}, kolonne '{column}'",
        "en": "row {row}, column '{column}'",
    },
    "problem_at_row": {"da": "række {row}", "en": "row {row}"},
    "problem_at_column": {"da": "kolonne '{column}'", "en": "column '{column}'"},
    "problem_in_file": {"da": "hele filen", "en": "the whole file"},
    "problems_truncated_by_kind": {
        "da": "Kun de første {shown} af {total} problemer vises. Alle problemer efter slags: "
        "{counts}.",
        "en": "Only the first {shown} of {total} problems are shown. All problems by kind: "
        "{counts}.",
    },
    # -- Godkendelse and Mine indberetninger (issue 18): sources by name, short headers
    "source_cmm-upload": {"da": "Kvartalstal fra CMM", "en": "Quarterly figures from CMM"},
    "source_ministry-budget-upload": {
        "da": "Bevillinger og forbrug fra ministeriet",
        "en": "Allocations and spending from the ministry",
    },
    "col_revision_short": {"da": "Rettelse", "en": "Revision"},
    "col_revision_help": {
        "da": "Retter et godkendt tal: markeret med gult.",
        "en": "Revises an approved figure: highlighted in yellow.",
    },
}

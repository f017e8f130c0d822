"""Streamlit's own texts (its widgets, data grid and frame), in Danish.

Streamlit writes these in English whatever the page's language, and has no setting for it.
planwatch translates them in the browser (:mod:`planwatch.ui.streamlit_texts`). Each entry is
(English as Streamlit writes it, Danish). ``STREAMLIT_PATTERNS`` are texts with a number or a
list in them: a regular expression over Streamlit's English and its Danish replacement
(JavaScript's ``$1`` for what the expression caught).
"""

from __future__ import annotations

from typing import Final

STREAMLIT_TEXTS: Final[tuple[tuple[str, str], ...]] = (
    # file uploader
    ("Upload", "Vælg fil"),
    ("Upload directories", "Vælg mapper"),
    ("Browse files", "Vælg fil"),
    ("Drag and drop a file here", "Træk en fil herhen"),
    ("Drag and drop files here", "Træk filer herhen"),
    ("Drag and drop file here", "Træk en fil herhen"),
    ("Remove file", "Fjern filen"),
    ("file upload", "Filvælger"),
    ("Add files", "Tilføj filer"),
    ("Delete", "Slet"),
    # select boxes and multiselects
    ("Choose an option", "Vælg"),
    ("Choose options", "Vælg"),
    ("Select all", "Vælg alle"),
    ("Selected values", "Valgte"),
    ("No results", "Ingen resultater"),
    ("No options to select", "Intet at vælge"),
    ("Clear all", "Ryd alle"),
    ("Clear value", "Ryd"),
    ("Open", "Åbn"),
    ("Close", "Luk"),
    # date input
    ("Choose date", "Vælg dato"),
    ("Previous month", "Forrige måned"),
    ("Next month", "Næste måned"),
    ("day", "dag"),
    ("month", "måned"),
    ("year", "år"),
    # data grid toolbar and menus
    ("Show/hide columns", "Vis/skjul kolonner"),
    ("Download as CSV", "Hent som CSV"),
    ("Search", "Søg"),
    ("Fullscreen", "Fuld skærm"),
    ("Close fullscreen", "Luk fuld skærm"),
    ("Sort ascending", "Sorter stigende"),
    ("Sort descending", "Sorter faldende"),
    ("Autosize", "Tilpas bredde"),
    ("Pin column", "Fastgør kolonne"),
    ("Unpin column", "Frigør kolonne"),
    ("Hide column", "Skjul kolonne"),
    ("Format", "Format"),
    ("Copy column name", "Kopiér kolonnenavn"),
    ("Clear selection", "Ryd valget"),
    ("No data", "Ingen data"),
    ("No content", "Intet indhold"),
    ("Select...", "Vælg …"),
    ("Date range", "Periode"),
    (
        "Use arrow keys to navigate dates. Enter to select. Escape to close.",
        "Brug piletasterne til at gå mellem datoer, Enter for at vælge og Escape for at lukke.",
    ),
    # chart toolbar
    ("Download as PNG", "Hent som PNG"),
    ("Download as SVG", "Hent som SVG"),
    ("Show data", "Vis tallene"),
    ("Show chart", "Vis diagrammet"),
    ("Toggle fullscreen", "Fuld skærm til/fra"),
    ("Copy Vega-Lite spec", "Kopiér diagrammets Vega-Lite"),
    ("Save as PNG", "Gem som PNG"),
    ("Save as SVG", "Gem som SVG"),
    ("View Source", "Vis kilden"),
    ("View Compiled Vega", "Vis kompileret Vega"),
    ("Open in Vega Editor", "Åbn i Vega Editor"),
    # menus and errors
    ("Rerun", "Kør igen"),
    ("Print", "Udskriv"),
    ("Try again", "Prøv igen"),
    ("Cancel", "Annullér"),
    # frame: sidebar, menu, status, headings
    ("Expand sidebar", "Vis menu"),
    ("Collapse sidebar", "Skjul menu"),
    ("Main menu", "Hovedmenu"),
    ("Sidebar", "Menu"),
    ("Running...", "Arbejder …"),
    ("Stop", "Stop"),
    ("Skip to main content", "Gå til indhold"),
    ("Link to heading", "Link til overskriften"),
    ("Show password text", "Vis adgangskoden"),
    ("Hide password text", "Skjul adgangskoden"),
    ("View fullscreen", "Vis i fuld skærm"),
    ("Exit fullscreen", "Luk fuld skærm"),
    ("Copy to clipboard", "Kopiér"),
    ("Show more", "Vis mere"),
    ("Show less", "Vis mindre"),
)

STREAMLIT_PATTERNS: Final[tuple[tuple[str, str], ...]] = (
    (r"^Press Enter to submit form$", "Tryk Enter for at sende"),
    (r"^Press Enter to apply$", "Tryk Enter for at bruge"),
    (r"^Press (⌘|Ctrl)\+Enter to submit form$", "Tryk $1+Enter for at sende"),
    (r"^Press (⌘|Ctrl)\+Enter to apply$", "Tryk $1+Enter for at bruge"),
    (r"^Limit (.+) per file(.*)$", "Højst $1 pr. fil$2"),
    (r"^(\d[\d.,]*\s?[KMG]?B) per file(.*)$", "Højst $1 pr. fil$2"),
    (r"^Select (\d+) matches$", "Vælg de $1 fundne"),
    (r"^Add: (.*)$", "Tilføj: $1"),
    (r"^Remove (.+)$", "Fjern $1"),
    (r"^(\d+) rows?$", "$1 rækker"),
    # what a screen reader reads: a widget's help button, the date field's parts and calendar
    # (the calendar's month and weekday names follow the browser's language, not the page's)
    (r"^Help for (.+)$", "Hjælp til $1"),
    (r"^Choose date, (.+)$", "Vælg dato, $1"),
    (r"^day, (.+)$", "dag, $1"),
    (r"^month, (.+)$", "måned, $1"),
    (r"^year, (.+)$", "år, $1"),
)

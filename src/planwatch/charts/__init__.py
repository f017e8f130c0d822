"""Pure chart builders: a frame -> an Altair chart, in Danish or English, and its
PNG/SVG. No ``st.*``, no database.

``series`` and ``spending`` hold the builders (indicator charts; money charts), ``marks`` the
layers the indicator charts are drawn with, ``style`` the locales, palette, type and words they
share, ``theme`` the page's font and the lines under a title (unit, source, "tal pr." date),
``frames`` the checks of the frames they take and their inline data, ``render`` the PNG and SVG
export (in IBM Plex Sans, from the TTF files in ``fonts/`` with their licence), ``tables``
the table behind each chart in words (its text alternative).

May import the kernel only.
"""

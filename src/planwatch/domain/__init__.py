"""Plain dataclasses and pure rules: plans, indicators, periods, vocabularies, sources, figures,
roles and permissions, small-count suppression, the clock.

May import the kernel only (``planwatch.errors``, ``planwatch.formatting``, ...): no database,
no pandas, no streamlit.
"""

"""The figures pages, notes and exports need, computed in DuckDB through storage:
reporting (one figure, a year's value, series), the dashboard's views, corrections.

May import the kernel, ``planwatch.domain``, ``planwatch.storage`` and ``planwatch.access``.
"""

"""Exports for auditors: pure table formats (CSV, Danish CSV, XLSX, Parquet), tables as
of a moment and the audit pack.

May import the kernel, ``planwatch.domain``, ``planwatch.storage`` and ``planwatch.access``.
"""

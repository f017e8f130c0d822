"""Keeping planwatch's data safe: backups and restore, the rebuild from the archive of
uploads.

May import everything below the edges (``planwatch.cli`` and ``planwatch.ui``).
"""

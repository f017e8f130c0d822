"""Checking the figures a text states: documents, sentences, numbers, claims, verdicts.

Reading a text into candidate claims is pure (``documents``, ``sentences``, ``numbers``,
``quantities``, ``periods``, ``terms``, ``extraction`` and its ``extract_*`` finders); checking
them reads the stored figures (``stored``, ``checking`` and its ``check_*`` checks). The rules,
and which module holds each, are in docs/claims.md.

May import the kernel, ``planwatch.domain``, ``planwatch.storage``, ``planwatch.figures`` and
``planwatch.uploads`` (its safe file readers).
"""

"""Speaking notes (talepapir) drafted from the stored figures: the note as data (``note``), its
sentences in Danish and English (``wording``), the flags and sources of what a point rests on
(``flags``), the drafting (``draft``) and Markdown, Word and JSON (``formats``). How a note is
written: ``docs/notes.md``.

May import the kernel, ``planwatch.domain``, ``planwatch.storage`` and ``planwatch.figures``.
"""

"""Uploaded files, from bytes to stored figures.

Reading: ``readers`` (which reader a file needs, by its content) with ``csv_files`` and
``xlsx_files``, giving the ``raw_tables`` result or one refusal; ``containers`` (the one zip-bomb
guard) and ``text_decoding`` (the one text decoder) serve claim documents too. Then ``parsing``
(headers, Danish numbers, codes), the pandera ``schemas``, ``checks`` against the file and the
database, and ``ingest`` (the whole import in one transaction). ``problems`` is the registry of
every problem code and its Danish and English message, with the sink that collects them.
``templates`` and ``workbooks`` are the files handed back (templates; the problem report and the
annotated workbook), and ``reference`` loads the bundled reference data like an upload.

May import the kernel, ``planwatch.domain``, ``planwatch.storage`` and ``planwatch.access``.
"""

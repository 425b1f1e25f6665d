"""Readers for the formats FOI releases arrive in besides PDF, DOCX, text and e-mail.

Each reader takes a path and returns a ``SourceFile`` (``ingest.models``) or raises
``ReadError`` with one line saying why; ``ingest.pipeline.read_source`` picks the reader by
content. Readers never read what a file holds inside it: an archive's members and a
message's attachments come back as ``Embedded`` entries, which the pipeline reads with
their own readers.

* ``spreadsheet``: ``.xlsx`` (openpyxl) and ``.csv``: one ``Sheet`` per sheet, one line per row,
  black-filled cells as ``xlsx_fill`` redactions, hidden rows, columns and sheets recorded;
* ``html_page``: pages and HTML mail bodies in reading order, tables as rows, black-background
  text as ``html_box`` redactions;
* ``archive``: ``.zip`` members, with limits that refuse a zip bomb;
* ``outlook``: Outlook ``.msg`` (extract-msg): headers, body and attachments as for ``.eml``;
* ``rtf``: ``.rtf`` (striprtf); ``legacy_doc``: Word 97-2003 ``.doc`` through antiword.
"""

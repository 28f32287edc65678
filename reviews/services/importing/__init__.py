"""Order import, by stage: ``reading`` (sniffing, then ``text_files`` / ``html_tables`` /
``workbooks`` into a ``sheet.Sheet``), ``platforms`` (one module of words per platform),
``parsing`` (a row into an order's fields), ``writing`` (classify and upsert a batch), ``passes``
(the dry run and the write over a whole file) and ``lifecycle`` (the ``ImportBatch`` a manager
sees: upload, check, confirm, run). Import each name from the module that defines it."""

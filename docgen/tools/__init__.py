"""Tools for users' own documents: find blanks (:mod:`.blanks`, shapes in :mod:`.shapes`)
and fill them (:mod:`.fill`), clean copied samples (:mod:`.clean`) and make templates of
them (:mod:`.ingest`), check templates (:mod:`.check`), convert scripts (:mod:`.convert`)."""

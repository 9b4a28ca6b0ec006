"""The ``docgen`` command line: a thin click layer over :mod:`docgen.api`. Owns click.

All user-facing text is Chinese: docgen's own, and click's through a gettext catalog used
only while a docgen command runs (:mod:`.i18n`). Errors become messages and exit codes in
one place (:class:`~.group.DocgenGroup`): 2 for bad input, 1 when a document could not be
produced. Commands that generate documents are in :mod:`.generating`; those for users' own
documents in :mod:`.own_documents`.
"""

from . import generating, own_documents  # noqa: F401  (they add their commands to main)
from .group import main

__all__ = ["main"]

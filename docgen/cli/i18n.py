"""Chinese for click's own messages, only while docgen's command runs.

click translates its texts ("Usage:", "Error: {message}", "{value} is not in the
range {range}." ...) with ``gettext.gettext`` / ``gettext.ngettext``, i.e. through
the process-wide default gettext domain, looked up at call time.  So instead of
patching click, :func:`chinese_messages` points that domain at docgen's catalog
(``locale/zh_CN/LC_MESSAGES/messages.mo``, built by ``tools/build_catalog.py``)
and asks for Chinese, then puts everything back: other click programs in the same
process (and docgen's callers) keep their own language.

Strings click resolves when a command is *defined* (``click.Path`` type names,
``version_option``'s help and message) are fixed at that moment and not reached
by this; pass them explicitly in Chinese.
"""

from __future__ import annotations

import contextlib
import gettext
import os
from collections.abc import Iterator
from pathlib import Path

__all__ = ["catalog_dir", "chinese_messages", "DOMAIN", "LANGUAGE"]

# click calls the module-level gettext functions, which use the current default
# domain; unless a program changed it with gettext.textdomain(), that is this one.
DOMAIN = "messages"
LANGUAGE = "zh_CN"


def catalog_dir() -> Path:
    """The folder to bind the domain to (holds zh_CN/LC_MESSAGES/messages.mo)."""
    return Path(__file__).resolve().parent / "locale"


@contextlib.contextmanager
def chinese_messages() -> Iterator[None]:
    """Within the block, click's messages come from docgen's Chinese catalog.

    Restores on exit the LANGUAGE variable (set or absent), the domain's bound
    folder and the default domain, so nesting is harmless.
    """
    saved_language = os.environ.get("LANGUAGE")
    saved_dir = gettext.bindtextdomain(DOMAIN)  # without a dir: only reads it
    saved_domain = gettext.textdomain()
    try:
        gettext.bindtextdomain(DOMAIN, str(catalog_dir()))
        gettext.textdomain(DOMAIN)
        # Python's gettext reads LANGUAGE before LC_ALL, LC_MESSAGES and LANG, so
        # this wins whatever the user's locale is (LANG=C, unset, Windows).
        os.environ["LANGUAGE"] = LANGUAGE
        yield
    finally:
        if saved_language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = saved_language
        gettext.bindtextdomain(DOMAIN, saved_dir)
        gettext.textdomain(saved_domain)

"""Build-context stage: a validated :class:`~docgen.kinds.Pairing` → the template context.

The common part (schools, authority, basis, term) comes first; each kind then adds its
own part (:mod:`docgen.kinds`). The agreement's part (signing date, seals …) is in every
context, as a template of any kind may quote the pairing's own facts.
"""

from __future__ import annotations

from typing import Any, Iterable

from ..kinds import KINDS, Pairing
from ..kinds.common import common_context
from ..pairing.values import DEFAULT_BLANK

BASE_KIND = "agreement"


def build_context(pairing: Pairing, *, blank: str = DEFAULT_BLANK,
                  kinds: Iterable[str] | None = None) -> dict[str, Any]:
    """The template context of one pairing; missing values become blanks.

    ``kinds`` limits the parts built to those kinds' (every kind's by default, as a user's
    template may read any of them)."""
    wanted = set(KINDS) if kinds is None else {BASE_KIND, *kinds}
    context = common_context(pairing, blank)
    for kind in KINDS.values():
        if kind.name in wanted:
            context.update(kind.build(pairing, context, blank))
    return context

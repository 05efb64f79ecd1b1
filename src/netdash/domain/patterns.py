"""Regular expressions compiled when first used, not at import.

Compiling one costs 0.05-0.2 ms; a module holding a grammar (a cadence, an account's syntax) is
also imported for its arithmetic by paths that never parse, and a one-shot command pays for
every pattern compiled on its way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache


def when_used(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function giving ``re.compile(pattern, flags)``, compiled at its first call and kept."""

    @cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return compiled

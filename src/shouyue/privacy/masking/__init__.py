"""Display masks per category (see :mod:`shouyue.privacy.masking.rules`)."""

from __future__ import annotations

from shouyue.privacy.masking.rules import RULES


def mask(rule: str, value: str) -> str:
    """Apply the named mask rule; an unknown rule is a programming error and raises ``KeyError``."""
    return RULES[rule](value)


__all__ = ["RULES", "mask"]

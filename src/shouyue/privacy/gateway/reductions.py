"""What a recipient's declared reduction does to one value before it leaves."""

from __future__ import annotations

import re
from typing import Protocol

from shouyue.privacy.datamap import Reduction
from shouyue.privacy.masking import mask
from shouyue.privacy.masking.rules import address_prefix_length

_SEPARATORS = re.compile(r"[\s\-]")


class KeyedHasher(Protocol):
    """The vault's ``keyed_hash``: a de-identified stand-in for ``value`` within ``category``."""

    def __call__(self, value: str, *, category: str) -> str: ...


def reduce_value(
    reduction: Reduction, value: str, *, category: str, mask_rule: str, keyed_hash: KeyedHasher | None
) -> str:
    """Apply ``reduction``; a keyed hash needs ``keyed_hash`` (the vault's), never a plain digest."""
    if reduction is Reduction.FULL:
        return value
    if reduction is Reduction.LAST4:
        return _SEPARATORS.sub("", value)[-4:]
    if reduction is Reduction.MASK:
        return mask(mask_rule, value)
    if reduction is Reduction.REGION_ONLY:
        return value[: address_prefix_length(value.strip())]
    if keyed_hash is None:
        raise ValueError(f"category {category} is sent as a keyed hash: pass the vault's keyed_hash")
    return keyed_hash(value, category=category)

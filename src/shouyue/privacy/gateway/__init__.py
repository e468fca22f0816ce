"""The disclosure gateway: the only path by which PI reaches a third party."""

from shouyue.privacy.gateway.exceptions import (
    AggregateOnly,
    CrossBorderRefused,
    DisclosureRefused,
    NothingDeclared,
    PurposeNotDeclaredForRecipient,
)
from shouyue.privacy.gateway.models import DisclosureRecord
from shouyue.privacy.gateway.service import DISCLOSED_ACTION, Disclosure, disclose, shared_with

__all__ = [
    "DISCLOSED_ACTION",
    "AggregateOnly",
    "CrossBorderRefused",
    "Disclosure",
    "DisclosureRecord",
    "DisclosureRefused",
    "NothingDeclared",
    "PurposeNotDeclaredForRecipient",
    "disclose",
    "shared_with",
]

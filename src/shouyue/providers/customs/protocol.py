"""The customs-clearance provider's boundary (P17).

It receives a :class:`~shouyue.privacy.gateway.Disclosure` made by the disclosure gateway for the
recipient ``partner.customs`` and purpose ``order.customs_clearance``, never raw values: the
buyer's name and ID number reach customs only this way, and reach nobody else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from shouyue.privacy.gateway import Disclosure

RECIPIENT = "partner.customs"
PURPOSE = "order.customs_clearance"
REQUIRED = ("identity.real_name", "identity.id_number", "order.number")


class CustomsDeclarationFailed(Exception):
    """The clearance service refused or could not take the declaration."""


@dataclass(frozen=True, slots=True)
class CustomsReceipt:
    """The clearance service's acknowledgement: the declaration's reference."""

    reference: str
    accepted_at: datetime


class CustomsDeclarer(Protocol):
    """Files an order's customs declaration with the clearance service."""

    def declare(self, disclosure: Disclosure) -> CustomsReceipt:
        """Declare the order in ``disclosure`` (buyer's name and ID number, goods, amount)."""
        ...


def check_disclosure(disclosure: Disclosure) -> None:
    """Refuse a disclosure not made for customs clearance or lacking what a declaration needs."""
    if disclosure.recipient != RECIPIENT or disclosure.purpose != PURPOSE:
        raise CustomsDeclarationFailed("the disclosure was not made to customs for customs clearance")
    missing = [category for category in REQUIRED if category not in disclosure.fields]
    if missing:
        raise CustomsDeclarationFailed(f"the disclosure does not carry {', '.join(missing)}")

"""The logistics providers' boundary: the carrier that delivers a parcel (``partner.logistics``)
and the tracking service standing for Kuaidi100 (``sdk.kuaidi100``).

Both receive a :class:`~shouyue.privacy.gateway.Disclosure`, never raw values. The carrier gets
the recipient's name, phone, address and postcode (it must deliver); the tracker gets only the
last four digits of the recipient's phone, the reduction the data map declares for it (P41).
The carrier and tracking number are the query key of the parcel, passed beside the disclosure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from shouyue.privacy.gateway import Disclosure

CARRIER_RECIPIENT = "partner.logistics"
TRACKER_RECIPIENT = "sdk.kuaidi100"
FULFILMENT_PURPOSE = "order.fulfilment"
RECIPIENT_NAME = "recipient.name"
RECIPIENT_PHONE = "recipient.phone"
RECIPIENT_ADDRESS = "recipient.address"
RECIPIENT_POSTCODE = "recipient.postcode"
SHIP_FROM = "shop.shipping_address"

# The carriers a seller may choose (code -> name shown).
CARRIERS: dict[str, str] = {
    "SF": "顺丰速运",
    "ZTO": "中通快递",
    "YTO": "圆通速递",
    "YUNDA": "韵达快递",
    "JD": "京东物流",
    "EMS": "邮政EMS",
}


class LogisticsRefused(Exception):
    """The request could not be taken (wrong recipient or purpose, missing fields, unknown carrier)."""


@dataclass(frozen=True, slots=True)
class CarrierReceipt:
    """The carrier's acknowledgement that it has the parcel's delivery details."""

    recipient: str
    reference: str
    accepted_at: datetime


@dataclass(frozen=True, slots=True)
class TrackingEvent:
    """One step of a parcel's journey as the tracker reports it (no PI)."""

    at: datetime
    status: str
    description: str


@dataclass(frozen=True, slots=True)
class TrackingReport:
    """What the tracker answered about one parcel (an inflow, P34)."""

    recipient: str
    carrier: str
    tracking_number: str
    events: tuple[TrackingEvent, ...]


class Carrier(Protocol):
    """Hands a parcel's delivery details to the chosen carrier."""

    def hand_over(
        self, disclosure: Disclosure, *, carrier: str, tracking_number: str, pickup: Disclosure | None = None
    ) -> CarrierReceipt:
        """Hand over the recipient's details; ``pickup`` (the shop's ship-from address, a separate
        disclosure about the seller) books a collection at the shop instead of a drop-off."""
        ...


class Tracker(Protocol):
    """Looks a parcel up by carrier, tracking number and the phone's last four digits."""

    def track(self, disclosure: Disclosure, *, carrier: str, tracking_number: str, now: datetime) -> TrackingReport: ...


def require_disclosure(disclosure: object, *, recipient: str) -> Disclosure:
    """The disclosure if it was made for ``recipient`` and order fulfilment; anything else is refused."""
    if not isinstance(disclosure, Disclosure):
        raise TypeError("a logistics provider accepts only a Disclosure made by the disclosure gateway")
    if disclosure.recipient != recipient or disclosure.purpose != FULFILMENT_PURPOSE:
        raise LogisticsRefused(f"disclosure for {disclosure.recipient}/{disclosure.purpose}, not {recipient}")
    return disclosure


def require_carrier(carrier: str) -> str:
    if carrier not in CARRIERS:
        raise LogisticsRefused(f"unknown carrier {carrier!r}")
    return carrier

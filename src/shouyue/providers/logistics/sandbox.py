"""The sandbox carrier and tracker: a journal instead of lorries.

Each request is written to a JSON-lines journal under ``SHOUYUE_SANDBOX_DIR`` holding exactly
the disclosure's fields (nothing else of the recipient), so tests can check what a provider got.
The sandbox tracker invents a plausible journey from the first time it is asked about a parcel:
collected at once, in transit after 8 hours, out for delivery after 20, delivered after 26.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from shouyue.privacy.gateway import Disclosure
from shouyue.providers.journal import append as _append
from shouyue.providers.journal import read as read_journal
from shouyue.providers.logistics.protocol import (
    CARRIER_RECIPIENT,
    CARRIERS,
    RECIPIENT_ADDRESS,
    RECIPIENT_NAME,
    RECIPIENT_PHONE,
    SHIP_FROM,
    TRACKER_RECIPIENT,
    CarrierReceipt,
    LogisticsRefused,
    TrackingEvent,
    TrackingReport,
    require_carrier,
    require_disclosure,
)

JOURNAL_FILE = "logistics-sandbox.jsonl"
JOURNEY: tuple[tuple[timedelta, str, str], ...] = (
    (timedelta(0), "已揽收", "{carrier}已揽收快件"),
    (timedelta(hours=8), "运输中", "快件已到达转运中心，正发往目的地"),
    (timedelta(hours=20), "派送中", "快件已到达目的地网点，快递员正在派送"),
    (timedelta(hours=26), "已签收", "快件已签收，感谢使用{carrier}"),
)


class SandboxCarrier:
    """A :class:`~shouyue.providers.logistics.protocol.Carrier` that records the hand-over."""

    def __init__(self, *, journal: Path, keep: bool = True) -> None:
        self.journal = journal
        self.keep = keep

    def hand_over(
        self, disclosure: Disclosure, *, carrier: str, tracking_number: str, pickup: Disclosure | None = None
    ) -> CarrierReceipt:
        require_disclosure(disclosure, recipient=CARRIER_RECIPIENT)
        require_carrier(carrier)
        if pickup is not None:
            require_disclosure(pickup, recipient=CARRIER_RECIPIENT)
            if SHIP_FROM not in pickup.fields:
                raise LogisticsRefused("a pickup needs the shop's ship-from address")
        for needed in (RECIPIENT_NAME, RECIPIENT_PHONE, RECIPIENT_ADDRESS):
            if needed not in disclosure.fields:
                raise LogisticsRefused(f"a carrier cannot deliver without {needed}")
        now = datetime.now(UTC)
        receipt = CarrierReceipt(
            recipient=CARRIER_RECIPIENT, reference=f"WB{uuid.uuid4().hex[:16].upper()}", accepted_at=now
        )
        if self.keep:
            _append(
                self.journal,
                {
                    "kind": "hand_over",
                    "recipient": CARRIER_RECIPIENT,
                    "purpose": disclosure.purpose,
                    "disclosure_id": disclosure.id,
                    "fields": dict(disclosure.fields),
                    "carrier": carrier,
                    "tracking_number": tracking_number,
                    "pickup": None if pickup is None else {"disclosure_id": pickup.id, "fields": dict(pickup.fields)},
                    "reference": receipt.reference,
                    "at": now.isoformat(),
                },
            )
        return receipt


class SandboxKuaidi100:
    """A :class:`~shouyue.providers.logistics.protocol.Tracker` standing for Kuaidi100."""

    def __init__(self, *, journal: Path, keep: bool = True) -> None:
        self.journal = journal
        self.keep = keep

    def track(self, disclosure: Disclosure, *, carrier: str, tracking_number: str, now: datetime) -> TrackingReport:
        require_disclosure(disclosure, recipient=TRACKER_RECIPIENT)
        require_carrier(carrier)
        last4 = disclosure.fields.get(RECIPIENT_PHONE, "")
        if len(last4) != 4 or not last4.isdigit():
            raise LogisticsRefused("the tracker queries with the phone's last four digits")
        first = next(
            (
                datetime.fromisoformat(e["at"])
                for e in read_journal(self.journal)
                if e.get("kind") == "track"
                and e.get("carrier") == carrier
                and e.get("tracking_number") == tracking_number
            ),
            now,
        )
        if self.keep:
            _append(
                self.journal,
                {
                    "kind": "track",
                    "recipient": TRACKER_RECIPIENT,
                    "purpose": disclosure.purpose,
                    "disclosure_id": disclosure.id,
                    "fields": dict(disclosure.fields),
                    "carrier": carrier,
                    "tracking_number": tracking_number,
                    "at": now.isoformat(),
                },
            )
        name = CARRIERS[carrier]
        events = tuple(
            TrackingEvent(at=first + offset, status=status, description=text.format(carrier=name))
            for offset, status, text in JOURNEY
            if first + offset <= now
        )
        return TrackingReport(
            recipient=TRACKER_RECIPIENT, carrier=carrier, tracking_number=tracking_number, events=events
        )

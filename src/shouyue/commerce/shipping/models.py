"""Shipments and their tracking events.

A shipment names the carrier and tracking number the seller entered; at most one per order
(unique). Tracking events are what the tracker (Kuaidi100) reported, each stored with the
recipient it came from (P34); they carry no PI of the recipient.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shouyue.commerce.accounts.models import ACCOUNT_ID_LENGTH
from shouyue.db import Base
from shouyue.privacy.columns import pi
from shouyue.privacy.permissions.rows import UtcDateTime


class Shipment(Base):
    """One order's parcel: carrier, tracking number, and who handed it over."""

    __tablename__ = "shipment"
    __pi_subject__ = "buyer_id"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id", ondelete="RESTRICT"), unique=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="RESTRICT"), index=True)
    buyer_id: Mapped[str] = mapped_column(
        String(ACCOUNT_ID_LENGTH), ForeignKey("account.id", ondelete="RESTRICT"), index=True
    )
    carrier: Mapped[str] = pi("logistics.info", plain=True, type_=String(16), nullable=False)
    tracking_number: Mapped[str] = pi("logistics.info", plain=True, type_=String(20), nullable=False)
    shipped_by: Mapped[str] = mapped_column(String(ACCOUNT_ID_LENGTH))
    shipped_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # P34: the carrier's acknowledgement of the hand-over, with the recipient it came from.
    carrier_reference: Mapped[str] = mapped_column(String(64))
    carrier_recipient: Mapped[str] = mapped_column(String(80))
    last_tracked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class TrackingEvent(Base):
    """One step of the parcel's journey as the tracker reported it."""

    __tablename__ = "tracking_event"
    __pi_subject__ = "buyer_id"
    __table_args__ = (UniqueConstraint("shipment_id", "at", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipment.id", ondelete="CASCADE"), index=True)
    buyer_id: Mapped[str] = mapped_column(String(ACCOUNT_ID_LENGTH), ForeignKey("account.id", ondelete="RESTRICT"))
    at: Mapped[datetime] = pi("logistics.info", plain=True, type_=UtcDateTime(), nullable=False)
    status: Mapped[str] = pi("logistics.info", plain=True, type_=String(16), nullable=False)
    description: Mapped[str] = pi("logistics.info", plain=True, type_=String(200), nullable=False)
    # P34: which third party reported this event.
    source_recipient: Mapped[str] = mapped_column(String(80))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())

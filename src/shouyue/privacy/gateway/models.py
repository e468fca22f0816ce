"""The disclosure log: one row per subject per disclosure; the "shared with" list (P77) and
deletion notices to recipients (P58) are built from it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from shouyue.privacy.storage import PrivacyBase


class DisclosureRecord(PrivacyBase):
    """What went to whom and why: category ids and reductions, never the values."""

    __tablename__ = "disclosure"

    # SQLite only auto-increments an INTEGER primary key; PostgreSQL gets a BIGINT identity.
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    subject_id: Mapped[str] = mapped_column(String(64), index=True)
    recipient: Mapped[str] = mapped_column(String(80), index=True)
    purpose: Mapped[str] = mapped_column(String(80))
    region: Mapped[str] = mapped_column(String(2))
    sent: Mapped[dict[str, str]] = mapped_column(JSON)  # category -> reduction applied
    stripped: Mapped[list[str]] = mapped_column(JSON)  # categories offered but not declared
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[str] = mapped_column(String(64))

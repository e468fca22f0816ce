"""The inbox: one row per message to one account. Messages carry no PI, only what the platform
tells the account (a notice update, with its version)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shouyue.db import Base
from shouyue.privacy.permissions.rows import UtcDateTime

# SQLite only auto-numbers an INTEGER primary key; PostgreSQL gets a 64-bit identity.
MessageId = BigInteger().with_variant(Integer(), "sqlite")


class Topic(StrEnum):
    """What a message is about; with ``ref`` it names the event, so an announcement is sent once."""

    NOTICE_VERSION = "notice_version"


class InboxMessage(Base):
    """One in-app message to one account. ``prominent`` messages (a material notice change, P73)
    are shown first and highlighted until read."""

    __tablename__ = "inbox_message"
    __table_args__ = (
        UniqueConstraint("account_id", "topic", "ref", name="uq_inbox_message_account_topic_ref"),
        Index("ix_inbox_message_account_created", "account_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(MessageId, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(String(32), ForeignKey("account.id", ondelete="CASCADE"))
    topic: Mapped[str] = mapped_column(String(32))
    ref: Mapped[str] = mapped_column(String(64))
    prominent: Mapped[bool] = mapped_column(Boolean, default=False)
    title: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    read_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

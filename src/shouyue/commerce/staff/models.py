"""Staff accounts, their console sessions and the reasons they gave for revealing PI.

Staff log in apart from buyers and sellers: their own table, their own sessions (only the
SHA-256 of a session token is stored), their own cookie. A password exists only as its
argon2id hash (P50).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shouyue.db import Base
from shouyue.privacy.columns import not_pi, slow_hash
from shouyue.privacy.permissions.rows import UtcDateTime

STAFF_ID_LENGTH = 32
USERNAME_MAX = 32


def new_staff_id() -> str:
    """A new staff id: uuid4 as 32 hex characters."""
    return uuid.uuid4().hex


class StaffMember(Base):
    """A member of staff who works in the console under one role."""

    __tablename__ = "staff_member"
    # The password hash is the staff member's own; they are its subject.
    __pi_subject__ = "id"

    id: Mapped[str] = mapped_column(String(STAFF_ID_LENGTH), primary_key=True, default=new_staff_id)
    username: Mapped[str] = not_pi(
        "a work login the operator assigns to its staff, not a user's PI", String(USERNAME_MAX), unique=True
    )
    password_hash: Mapped[str] = slow_hash("auth.password", nullable=False)
    role: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    password_changed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    disabled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    @property
    def is_active(self) -> bool:
        return self.disabled_at is None


class StaffSession(Base):
    """A console login: only the SHA-256 of its token is stored, so a database dump opens no session."""

    __tablename__ = "staff_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff_member.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class StaffReveal(Base):
    """Why a staff member revealed a full PI value (P47). The audit log records the reveal itself
    (category, purpose, subject, key, staff id and role); this row keeps the stated reason, with any
    PI it contained masked, so a reviewer can judge each reveal."""

    __tablename__ = "staff_reveal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff_member.id", ondelete="RESTRICT"), index=True)
    subject_id: Mapped[str] = mapped_column(String(64), index=True)
    category: Mapped[str] = mapped_column(String(80))
    purpose: Mapped[str] = mapped_column(String(80))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime())

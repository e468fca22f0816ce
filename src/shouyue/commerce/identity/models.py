"""Real-name verification, the under-14 record and guardian verification codes.

Names and ID numbers are sealed under the account's key; the ID number has a blind index with a
unique constraint, so one person's number cannot verify two accounts (P11). A child's age is
kept only as a sealed flag (the day the protections end), never as a plain birth date (P66).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from shouyue.commerce.accounts.models import ACCOUNT_ID_LENGTH
from shouyue.db import Base
from shouyue.privacy.columns import blind_index_for, pi
from shouyue.privacy.permissions.rows import UtcDateTime
from shouyue.privacy.vault import Sealed


class AgeSource:
    """Where an account's age came from."""

    ID_NUMBER = "id_number"
    DECLARED = "declared"


class RealNameVerification(Base):
    """An account's verified real name and ID number (P11)."""

    __tablename__ = "identity_real_name"
    __pi_subject__ = "account_id"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(
        String(ACCOUNT_ID_LENGTH), ForeignKey("account.id", ondelete="CASCADE"), unique=True
    )
    real_name: Mapped[Sealed] = pi("identity.real_name", nullable=False)
    id_number: Mapped[Sealed] = pi("identity.id_number", lookup=True, nullable=False)
    id_number_index: Mapped[str] = blind_index_for("id_number", nullable=False, index=False, unique=True)
    verified_at: Mapped[datetime] = mapped_column(UtcDateTime())


class MinorRecord(Base):
    """An account found to belong to a child under 14 (P65-P67).

    The row exists only for children: it carries the protections (no transactions until a guardian
    consents, no marketing or personalisation) and the deadline after which PI collected without
    verifiable guardian consent is deleted. ``age_flag`` holds, sealed, the day the child turns 14.
    """

    __tablename__ = "identity_minor"
    __pi_subject__ = "account_id"

    account_id: Mapped[str] = mapped_column(
        String(ACCOUNT_ID_LENGTH), ForeignKey("account.id", ondelete="CASCADE"), primary_key=True
    )
    age_flag: Mapped[Sealed] = pi("minor.age_flag", nullable=False)
    source: Mapped[str] = mapped_column(String(16))
    found_at: Mapped[datetime] = mapped_column(UtcDateTime())
    guardian_deadline: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    guardian_verified_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # The verified guardian's phone, so that the guardian can be reached about the child's PI.
    guardian_contact: Mapped[Sealed | None] = pi("minor.guardian")
    pi_deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class GuardianChallenge(Base):
    """A verification code sent to a guardian's own phone. Only a keyed hash of the code (with a
    per-code salt) is stored; the phone is sealed under the child's account as guardian PI."""

    __tablename__ = "identity_guardian_challenge"
    __pi_subject__ = "account_id"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(
        String(ACCOUNT_ID_LENGTH), ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    guardian_phone: Mapped[Sealed] = pi("minor.guardian", nullable=False)
    salt: Mapped[str] = mapped_column(String(32))
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

"""Accounts: one account for the buyer and seller editions, its sessions, SMS codes and
third-party logins.

The account id (uuid4 hex) is the subject id everywhere: every PI row of the platform names it.
The phone number is sealed with a blind index for lookup; profile fields are optional plain
columns; an external account id exists only as a keyed hash.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shouyue.db import Base
from shouyue.privacy.columns import blind_index_for, keyed_hash, pi
from shouyue.privacy.permissions.rows import UtcDateTime
from shouyue.privacy.vault import Sealed

ACCOUNT_ID_LENGTH = 32


def new_account_id() -> str:
    """A new subject id: uuid4 as 32 hex characters."""
    return uuid.uuid4().hex


class AccountStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    CANCELLED = "cancelled"


class Edition(StrEnum):
    """The app a session was opened in. One account works in both (P03)."""

    BUYER = "buyer"
    SELLER = "seller"


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


class Account(Base):
    """A person's account. Profile fields are optional and clearable (P10)."""

    __tablename__ = "account"
    __pi_subject__ = "id"

    id: Mapped[str] = mapped_column(String(ACCOUNT_ID_LENGTH), primary_key=True, default=new_account_id)
    phone: Mapped[Sealed | None] = pi("contact.phone", lookup=True)
    phone_index: Mapped[str | None] = blind_index_for("phone", unique=True)
    status: Mapped[str] = mapped_column(String(16), default=AccountStatus.ACTIVE.value)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # Set the first time the account opens the seller edition; null for a buyer who never did (P04).
    seller_enabled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # Profile (profile.edit, additional): never required by any buyer function.
    nickname: Mapped[str | None] = pi("profile.nickname", plain=True, type_=String(32))
    avatar: Mapped[str | None] = pi("profile.avatar", plain=True, type_=String(64))  # file name under uploads
    gender: Mapped[str | None] = pi("profile.gender", plain=True, type_=String(16))
    birthday: Mapped[date | None] = pi("profile.birthday", plain=True, type_=Date())
    signature: Mapped[str | None] = pi("profile.signature", plain=True, type_=String(80))

    @property
    def is_active(self) -> bool:
        return self.status == AccountStatus.ACTIVE.value


class SessionKind(StrEnum):
    COOKIE = "cookie"  # pages
    BEARER = "bearer"  # API


class AccountSession(Base):
    """A login: only the SHA-256 of its token is stored, so a database dump opens no session."""

    __tablename__ = "account_session"
    __table_args__ = (Index("ix_account_session_account_active", "account_id", "revoked_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(8))
    edition: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class SmsCodePurpose(StrEnum):
    AUTH = "auth"  # registering, logging in, binding a phone to a third-party login
    STEP_UP = "step_up"  # step-up verification of a risky login (P26)


class SmsCode(Base):
    """One SMS verification code: its keyed hash (never the code), expiry, tries and use (P08).

    ``subject_id`` is the account the code is for; before registration it is the id the new
    account will get, so that the disclosure to the SMS provider names the same subject.
    """

    __tablename__ = "account_sms_code"
    __pi_subject__ = "subject_id"
    __table_args__ = (Index("ix_account_sms_code_lookup", "phone_index", "purpose", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subject_id: Mapped[str] = mapped_column(String(ACCOUNT_ID_LENGTH))
    phone: Mapped[Sealed] = pi("contact.phone", lookup=True, nullable=False)
    phone_index: Mapped[str] = blind_index_for("phone", nullable=False, index=False)
    purpose: Mapped[str] = mapped_column(String(16))
    salt: Mapped[str] = mapped_column(String(32))
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    locked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class OAuthLink(Base):
    """A third-party account linked to an account: its id as a keyed hash and the reduced
    profile (avatar, nickname, region, gender) and nothing else (P09)."""

    __tablename__ = "account_oauth_link"
    __pi_subject__ = "account_id"
    __table_args__ = (
        UniqueConstraint("provider", "external_id_hash", name="uq_account_oauth_link_provider_external"),
        UniqueConstraint("account_id", "provider", name="uq_account_oauth_link_account_provider"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    provider: Mapped[str] = mapped_column(String(16))
    external_id_hash: Mapped[str] = keyed_hash("oauth.account_id", nullable=False)
    nickname: Mapped[str | None] = pi("oauth.profile", plain=True, type_=String(64))
    avatar_url: Mapped[str | None] = pi("oauth.profile", plain=True, type_=String(512))
    region: Mapped[str | None] = pi("oauth.profile", plain=True, type_=String(64))
    gender: Mapped[str | None] = pi("oauth.profile", plain=True, type_=String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class OAuthPending(Base):
    """A third-party login not yet linked to an account: held for a few minutes until the person
    verifies a phone number (and, for a new account, accepts the notice). Same reduced fields."""

    __tablename__ = "account_oauth_pending"
    __pi_subject__ = "subject_id"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_hash: Mapped[str] = mapped_column(String(64), unique=True)
    subject_id: Mapped[str] = mapped_column(String(ACCOUNT_ID_LENGTH))
    provider: Mapped[str] = mapped_column(String(16))
    external_id_hash: Mapped[str] = keyed_hash("oauth.account_id", nullable=False)
    nickname: Mapped[str | None] = pi("oauth.profile", plain=True, type_=String(64))
    avatar_url: Mapped[str | None] = pi("oauth.profile", plain=True, type_=String(512))
    region: Mapped[str | None] = pi("oauth.profile", plain=True, type_=String(64))
    gender: Mapped[str | None] = pi("oauth.profile", plain=True, type_=String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())


__all__ = [
    "ACCOUNT_ID_LENGTH",
    "Account",
    "AccountSession",
    "AccountStatus",
    "Edition",
    "Gender",
    "OAuthLink",
    "OAuthPending",
    "SessionKind",
    "SmsCode",
    "SmsCodePurpose",
    "new_account_id",
]

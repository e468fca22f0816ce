"""Risk control (P26, P27): the devices an account used, each risk decision with its reasons,
and pending step-up verifications.

A device identifier exists here only as a keyed hash; the region is the coarse (province-level)
position derived from the IP address, never a GPS fix.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shouyue.db import Base
from shouyue.privacy.columns import keyed_hash, pi
from shouyue.privacy.permissions.rows import UtcDateTime


class Outcome(StrEnum):
    ALLOW = "allow"
    STEP_UP = "step_up"
    DENY = "deny"


class Reason(StrEnum):
    """Why a decision came out as it did; stored by code, shown in Chinese (``REASON_LABELS``)."""

    REGISTRATION = "registration"
    KNOWN_DEVICE = "known_device"
    NEW_DEVICE = "new_device"
    NO_DEVICE_ID = "no_device_id"
    KNOWN_REGION = "known_region"
    NEW_REGION = "new_region"
    UNKNOWN_REGION = "unknown_region"
    PHONE_VERIFIED = "phone_verified"
    STEP_UP_PASSED = "step_up_passed"


REASON_LABELS: dict[str, str] = {
    Reason.REGISTRATION: "新注册账户",
    Reason.KNOWN_DEVICE: "常用设备",
    Reason.NEW_DEVICE: "新设备",
    Reason.NO_DEVICE_ID: "未提供设备标识",
    Reason.KNOWN_REGION: "常用地区",
    Reason.NEW_REGION: "新地区",
    Reason.UNKNOWN_REGION: "无法识别地区",
    Reason.PHONE_VERIFIED: "本次登录已通过绑定手机号的短信验证",
    Reason.STEP_UP_PASSED: "已通过短信二次验证",
}


class RiskDevice(Base):
    """A device an account logged in from (recognised by the keyed hash of its identifier)."""

    __tablename__ = "risk_device"
    __pi_subject__ = "account_id"
    __table_args__ = (UniqueConstraint("account_id", "device_hash", name="uq_risk_device_account_device"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    device_hash: Mapped[str] = keyed_hash("device.identifier", nullable=False)
    region: Mapped[str | None] = pi("location.coarse", plain=True, type_=String(32))
    first_seen_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime())


class RiskDecision(Base):
    """One risk decision and its reasons, kept for explanation and human review."""

    __tablename__ = "risk_decision"
    __pi_subject__ = "account_id"
    __table_args__ = (Index("ix_risk_decision_account_at", "account_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str] = mapped_column(String(16))
    reasons: Mapped[str] = mapped_column(String(200))  # reason codes, comma-separated
    device_hash: Mapped[str | None] = keyed_hash("device.identifier")
    region: Mapped[str | None] = pi("location.coarse", plain=True, type_=String(32))
    at: Mapped[datetime] = mapped_column(UtcDateTime())

    @property
    def reason_codes(self) -> list[str]:
        return [r for r in self.reasons.split(",") if r]


class RiskChallenge(Base):
    """A login held back until the person passes step-up verification (an SMS code to the
    bound phone). Only the SHA-256 of its token is stored."""

    __tablename__ = "risk_challenge"
    __pi_subject__ = "account_id"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("risk_decision.id", ondelete="CASCADE"))
    edition: Mapped[str] = mapped_column(String(8))
    session_kind: Mapped[str] = mapped_column(String(8))
    device_hash: Mapped[str | None] = keyed_hash("device.identifier")
    region: Mapped[str | None] = pi("location.coarse", plain=True, type_=String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

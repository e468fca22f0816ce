"""Consent tables: the append-only ledger, the current state, notice acceptances, guardian
consents and the uses of legal exceptions. Rows hold ids and codes, never the PI they govern."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Boolean, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from shouyue.privacy.permissions.rows import UtcDateTime
from shouyue.privacy.storage import PrivacyBase

# SQLite only auto-numbers an INTEGER primary key; PostgreSQL gets a 64-bit identity.
LedgerId = BigInteger().with_variant(Integer(), "sqlite")

SUBJECT_MAX = 64
PURPOSE_MAX = 80
VERSION_MAX = 40
CHANNEL_MAX = 16
EVIDENCE_MAX = 200
REF_MAX = 128


class Channel(StrEnum):
    """Where the subject's act was made."""

    WEB = "web"
    API = "api"
    APP = "app"
    SMS = "sms"  # e.g. an unsubscribe by SMS reply (二(一)5)
    STAFF = "staff"  # recorded by customer service on the subject's request


class ConsentAction(StrEnum):
    GRANTED = "granted"
    WITHDRAWN = "withdrawn"


class LegalGround(StrEnum):
    """The notice's 二(六) list: when PI may be used for another purpose without consent."""

    NATIONAL_SECURITY = "national_security"
    PUBLIC_INTEREST = "public_interest"
    CRIMINAL_JUSTICE = "criminal_justice"
    VITAL_INTERESTS = "vital_interests"
    SELF_DISCLOSED = "self_disclosed"
    LAWFULLY_PUBLIC = "lawfully_public"
    CONTRACT = "contract"
    SERVICE_SECURITY = "service_security"
    NEWS_REPORTING = "news_reporting"
    ACADEMIC_RESEARCH = "academic_research"
    OTHER_LAW = "other_law"

    @property
    def label(self) -> str:
        """The notice's own words for this ground."""
        return _GROUND_LABELS[self]

    @property
    def clause(self) -> str:
        """Where the notice lists it, e.g. 二(六)(3)."""
        return f"二(六)({list(LegalGround).index(self) + 1})"


_GROUND_LABELS: dict[LegalGround, str] = {
    LegalGround.NATIONAL_SECURITY: "与国家安全、国防安全有关的",
    LegalGround.PUBLIC_INTEREST: "与公共安全、公共卫生、重大公共利益有关的",
    LegalGround.CRIMINAL_JUSTICE: "与犯罪侦查、起诉、审判和判决执行等有关的",
    LegalGround.VITAL_INTERESTS: "出于维护个人信息主体或其他个人的生命、财产等重大合法权益但又很难得到本人同意的",
    LegalGround.SELF_DISCLOSED: "所收集的个人信息是个人信息主体自行向社会公众公开的",
    LegalGround.LAWFULLY_PUBLIC: "从合法公开披露的信息中收集个人信息的，如合法的新闻报道、政府信息公开等渠道",
    LegalGround.CONTRACT: "根据个人信息主体的要求签订合同所必需的",
    LegalGround.SERVICE_SECURITY: "用于维护所提供的产品或服务的安全稳定运行所必需的，例如发现、处置产品或服务的故障",
    LegalGround.NEWS_REPORTING: "为合法的新闻报道所必需的",
    LegalGround.ACADEMIC_RESEARCH: (
        "学术研究机构基于公共利益开展统计或学术研究所必要，且对外提供学术研究或描述的结果时，"
        "对结果中所包含的个人信息进行去标识化处理的"
    ),
    LegalGround.OTHER_LAW: "法律法规规定的其他情形",
}


class ConsentEvent(PrivacyBase):
    """One grant or withdrawal, as it happened. Never updated or deleted (P35, P60)."""

    __tablename__ = "consent_event"
    __table_args__ = (Index("ix_consent_event_subject_purpose", "subject_id", "purpose"),)

    id: Mapped[int] = mapped_column(LedgerId, primary_key=True, autoincrement=True)
    subject_id: Mapped[str] = mapped_column(String(SUBJECT_MAX))
    purpose: Mapped[str] = mapped_column(String(PURPOSE_MAX))
    action: Mapped[str] = mapped_column(String(16))
    notice_version: Mapped[str | None] = mapped_column(String(VERSION_MAX))
    channel: Mapped[str] = mapped_column(String(CHANNEL_MAX))
    evidence: Mapped[str] = mapped_column(String(EVIDENCE_MAX), default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class ConsentState(PrivacyBase):
    """The latest decision per subject and purpose: what ``require`` reads on every call."""

    __tablename__ = "consent_state"

    subject_id: Mapped[str] = mapped_column(String(SUBJECT_MAX), primary_key=True)
    purpose: Mapped[str] = mapped_column(String(PURPOSE_MAX), primary_key=True)
    granted: Mapped[bool] = mapped_column(Boolean)
    notice_version: Mapped[str | None] = mapped_column(String(VERSION_MAX))
    channel: Mapped[str] = mapped_column(String(CHANNEL_MAX))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class NoticeAcceptance(PrivacyBase):
    """A subject's explicit acceptance of one published notice version (P01, P72)."""

    __tablename__ = "notice_acceptance"

    id: Mapped[int] = mapped_column(LedgerId, primary_key=True, autoincrement=True)
    subject_id: Mapped[str] = mapped_column(String(SUBJECT_MAX), index=True)
    version: Mapped[str] = mapped_column(String(VERSION_MAX), index=True)
    channel: Mapped[str] = mapped_column(String(CHANNEL_MAX))
    evidence: Mapped[str] = mapped_column(String(EVIDENCE_MAX), default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class GuardianConsent(PrivacyBase):
    """A verified guardian's consent for a subject under 14 (P65). The guardian is named by a
    reference (keyed hash or account id), never by a phone number or name."""

    __tablename__ = "guardian_consent"

    id: Mapped[int] = mapped_column(LedgerId, primary_key=True, autoincrement=True)
    subject_id: Mapped[str] = mapped_column(String(SUBJECT_MAX), index=True)
    guardian_ref: Mapped[str] = mapped_column(String(REF_MAX))
    channel: Mapped[str] = mapped_column(String(CHANNEL_MAX))
    evidence: Mapped[str] = mapped_column(String(EVIDENCE_MAX), default="")
    verified_at: Mapped[datetime] = mapped_column(UtcDateTime())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class LegalException(PrivacyBase):
    """One use of PI without consent under a ground of the notice's 二(六) list (P35)."""

    __tablename__ = "consent_exception"

    id: Mapped[int] = mapped_column(LedgerId, primary_key=True, autoincrement=True)
    subject_id: Mapped[str] = mapped_column(String(SUBJECT_MAX), index=True)
    purpose: Mapped[str] = mapped_column(String(PURPOSE_MAX))
    ground: Mapped[str] = mapped_column(String(32))
    reference: Mapped[str] = mapped_column(String(REF_MAX), default="")
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[str] = mapped_column(String(SUBJECT_MAX))
    at: Mapped[datetime] = mapped_column(UtcDateTime())

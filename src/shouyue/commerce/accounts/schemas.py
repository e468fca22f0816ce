"""Request and response bodies of the accounts API. Requests forbid unknown fields, so nothing
can be bundled into a registration (P82); responses show the phone only masked."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from shouyue.commerce.accounts.models import Account, OAuthLink
from shouyue.commerce.risk.models import REASON_LABELS, RiskDecision


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SmsCodeCreate(_In):
    phone: str = Field(max_length=32, description="中国大陆手机号码", examples=["13800138000"])
    accept_notice: bool = Field(
        default=False, description="未注册的手机号须先勾选同意《隐私声明》，否则不发送验证码（默认不勾选）"
    )


class SmsCodeRead(BaseModel):
    masked_phone: str
    expires_in_seconds: int
    resend_after_seconds: int


class RegisterCreate(_In):
    phone: str = Field(max_length=32)
    code: str = Field(max_length=12, description="6位短信验证码")
    accept_notice: bool = Field(default=False, description="是否已阅读并同意《隐私声明》：须明确为 true 才会创建账户")
    notice_version: str | None = Field(default=None, max_length=40, description="用户阅读并同意的声明版本")


class LoginCreate(_In):
    phone: str = Field(max_length=32)
    code: str = Field(max_length=12)


class OAuthLoginCreate(_In):
    code: str = Field(max_length=256, description="第三方返回的授权码")


class OAuthCompleteCreate(_In):
    ticket: str = Field(max_length=128)
    phone: str = Field(max_length=32)
    code: str = Field(max_length=12)
    accept_notice: bool = False
    notice_version: str | None = Field(default=None, max_length=40)


class StepUpCreate(_In):
    challenge: str = Field(max_length=128)
    code: str = Field(max_length=12)


class StepUpResendCreate(_In):
    challenge: str = Field(max_length=128)


class OAuthLinkCreate(_In):
    code: str = Field(max_length=256)


class ProfileUpdate(_In):
    """Only the fields present change; null clears a field."""

    nickname: str | None = Field(default=None, max_length=64)
    gender: Literal["female", "male", "other"] | None = None
    birthday: date | None = None
    signature: str | None = Field(default=None, max_length=160)
    agree_profile_edit: bool = Field(default=False, description="首次填写个人资料时须勾选同意（默认不勾选）")


class ProfileRead(BaseModel):
    nickname: str | None
    gender: str | None
    birthday: date | None
    signature: str | None
    has_avatar: bool


class LinkedAccountRead(BaseModel):
    provider: str
    provider_name: str
    nickname: str | None
    avatar_url: str | None
    region: str | None
    gender: str | None
    linked_at: datetime

    @classmethod
    def of(cls, link: OAuthLink, provider_name: str) -> LinkedAccountRead:
        return cls(
            provider=link.provider,
            provider_name=provider_name,
            nickname=link.nickname,
            avatar_url=link.avatar_url,
            region=link.region,
            gender=link.gender,
            linked_at=link.created_at,
        )


class AccountRead(BaseModel):
    id: str
    masked_phone: str | None
    status: str
    created_at: datetime
    seller_enabled_at: datetime | None
    editions: list[str]
    profile: ProfileRead

    @classmethod
    def of(cls, account: Account) -> AccountRead:
        return cls(
            id=account.id,
            masked_phone=account.phone.mask if account.phone is not None else None,
            status=account.status,
            created_at=account.created_at,
            seller_enabled_at=account.seller_enabled_at,
            editions=["buyer", "seller"] if account.seller_enabled_at is not None else ["buyer"],
            profile=ProfileRead(
                nickname=account.nickname,
                gender=account.gender,
                birthday=account.birthday,
                signature=account.signature,
                has_avatar=account.avatar is not None,
            ),
        )


class SessionRead(BaseModel):
    token: str
    token_type: Literal["bearer"] = "bearer"
    expires_at: datetime
    edition: str


class StepUpRead(BaseModel):
    challenge: str
    masked_phone: str | None
    expires_at: datetime
    message: str = (
        "检测到您在新设备、新地区登录，为保护账户安全，我们已向您绑定的手机号发送验证码，请输入验证码完成登录"
    )


class PhoneRequiredRead(BaseModel):
    ticket: str
    nickname: str | None
    message: str = "请验证手机号码以完成第三方账户登录；新用户还需阅读并同意《隐私声明》"


class LoginOutcomeRead(BaseModel):
    """The result of any login: a session, a step-up to pass, or a phone number to verify."""

    status: Literal["logged_in", "step_up_required", "phone_required"]
    session: SessionRead | None = None
    account: AccountRead | None = None
    step_up: StepUpRead | None = None
    phone_required: PhoneRequiredRead | None = None


class LogoutAllRead(BaseModel):
    revoked_sessions: int


class RiskDecisionRead(BaseModel):
    id: int
    action: str
    outcome: str
    reasons: list[str]
    reason_labels: list[str]
    region: str | None
    at: datetime

    @classmethod
    def of(cls, decision: RiskDecision) -> RiskDecisionRead:
        codes = decision.reason_codes
        return cls(
            id=decision.id,
            action=decision.action,
            outcome=decision.outcome,
            reasons=codes,
            reason_labels=[REASON_LABELS.get(code, code) for code in codes],
            region=decision.region,
            at=decision.at,
        )


class OutboxMessageRead(BaseModel):
    message_id: str
    phone: str
    text: str
    code: str | None
    at: datetime

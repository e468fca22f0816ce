"""API shapes of real-name verification and guardian consent. Responses carry masks only."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from shouyue.commerce.identity.exceptions import IdPhotoNotAccepted
from shouyue.commerce.identity.models import RealNameVerification
from shouyue.commerce.identity.service import MinorStatus


class RealNameCreate(BaseModel):
    """Name and ID number. ID photos are not collected here (P11): sending one is refused."""

    model_config = ConfigDict(extra="forbid")

    real_name: str = Field(min_length=1, max_length=40, description="真实姓名（2到20个汉字，可含间隔号“·”）")
    id_number: str = Field(min_length=1, max_length=32, description="18位居民身份证号码")
    id_photo_front: Any = Field(None, description="不收集：实名认证不需要身份证照片，传入即被拒绝")
    id_photo_back: Any = Field(None, description="不收集：同上")
    id_photo_handheld: Any = Field(None, description="不收集：同上")

    def refuse_photos(self) -> None:
        """Refuse the request if it carries any ID photo."""
        if any(p is not None for p in (self.id_photo_front, self.id_photo_back, self.id_photo_handheld)):
            raise IdPhotoNotAccepted()


class MinorStatusRead(BaseModel):
    is_child: bool = Field(description="是否为不满十四周岁的未成年人")
    guardian: Literal["not_required", "pending", "verified"] = Field(description="监护人同意状态")
    guardian_deadline: datetime | None = Field(description="须在此时间前完成监护人验证，逾期将删除未经同意收集的信息")
    can_transact: bool

    @classmethod
    def of(cls, status: MinorStatus) -> MinorStatusRead:
        return cls(
            is_child=status.is_child,
            guardian=status.guardian,
            guardian_deadline=status.guardian_deadline,
            can_transact=status.can_transact,
        )


class RealNameRead(BaseModel):
    """The verification as shown to its owner: masked values only."""

    verified: bool
    real_name: str | None = Field(description="脱敏后的姓名，如 张*")
    id_number: str | None = Field(description="脱敏后的身份证号码，如 1****************X")
    verified_at: datetime | None

    @classmethod
    def of(cls, verification: RealNameVerification | None) -> RealNameRead:
        if verification is None:
            return cls(verified=False, real_name=None, id_number=None, verified_at=None)
        return cls(
            verified=True,
            real_name=verification.real_name.mask,
            id_number=verification.id_number.mask,
            verified_at=verification.verified_at,
        )


class IdentityStatusRead(BaseModel):
    real_name: RealNameRead
    minor: MinorStatusRead
    may_personalise: bool = Field(description="是否可以提供个性化推荐（仍以本人同意为前提）")
    may_market: bool = Field(description="是否可以发送营销信息（仍以本人同意为前提）")


class GuardianCodeCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    guardian_phone: str = Field(min_length=1, max_length=32, description="监护人本人的手机号码")


class GuardianCodeRead(BaseModel):
    masked_phone: str = Field(description="验证码发送到的号码（脱敏）")
    expires_at: datetime
    valid_minutes: int


class GuardianConfirm(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=1, max_length=12, description="监护人手机收到的6位验证码")


class StaffIdentityRead(BaseModel):
    """What staff see of an account's identity by default: masks only (P47)."""

    account_id: str
    real_name: RealNameRead
    is_child: bool


class StaffRevealCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    field: Literal["real_name", "id_number"] = Field(description="要查看的字段")
    reason: str = Field(min_length=1, max_length=200, description="查看完整信息的理由（会被记录并审计）")


class StaffRevealRead(BaseModel):
    account_id: str
    field: str
    value: str

"""Request and response bodies of the privacy center API. Requests forbid unknown fields, so a
consent cannot be slipped into another act (P82)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


# --- consents ----------------------------------------------------------------------------------


class ConsentRead(_Out):
    purpose: str = Field(description="处理目的标识，如 recommendation.personalised")
    label: str
    description: str
    kind: str = Field(description="additional（附加功能）")
    kind_label: str
    basis: str = Field(description="consent（同意）或 separate_consent（单独同意）")
    basis_label: str = Field(description="法律依据（中文）")
    basis_note: str
    separate: bool = Field(description="是否须单独同意：须单独确认，不能与其他事项一并同意")
    permission: str | None = Field(description="该功能还需要的设备权限")
    permission_label: str | None
    categories: list[str] = Field(description="涉及的个人信息类型")
    notice_clause: str
    state: Literal["granted", "withdrawn", "not_decided", "renewal_required"]
    state_label: str
    granted: bool = Field(description="当前是否可基于该同意处理；默认 false")
    decided_at: datetime | None
    notice_version: str | None = Field(description="作出决定时的隐私政策版本")


class ConsentGrant(_In):
    notice_version: str = Field(max_length=40, description="您阅读的隐私政策版本，须为最新版本")
    confirm_separate: bool = Field(
        default=False, description="单独同意事项须在其单独的确认步骤中明确为 true（默认不勾选）"
    )


class ConsentGrantMany(_In):
    purposes: list[str] = Field(min_length=1, max_length=50, description="仅限普通同意事项；单独同意事项须逐项单独确认")
    notice_version: str = Field(max_length=40)


class ConsentEventRead(_Out):
    purpose: str
    label: str
    action: str
    action_label: str
    notice_version: str | None
    channel: str
    at: datetime


# --- device permissions ------------------------------------------------------------------------


class PermissionRead(_Out):
    permission: str
    label: str
    state: str = Field(description="granted（已允许）、denied（已拒绝）或 not_asked（未询问）")
    state_label: str
    decided_at: datetime | None
    last_prompted_at: datetime | None
    should_prompt: bool = Field(description="App 现在是否可以弹出系统权限询问；拒绝后48小时内不再询问")
    next_prompt_at: datetime | None
    purposes: list[str] = Field(description="需要该权限的功能")


class PermissionReport(_In):
    state: str = Field(max_length=16, description="granted、denied 或 not_asked")


class LocationCreate(_In):
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    accuracy_m: float | None = Field(default=None, ge=0, le=100_000)


class NearbyRead(_Out):
    area: str = Field(description="大致区域（约11公里）；精确位置不保存")
    latitude: float
    longitude: float
    precision_km: int
    stored: bool
    message: str


# --- notice versions ---------------------------------------------------------------------------


class NoticeVersionRead(_Out):
    version: str
    published_at: datetime
    material: bool = Field(description="是否为重大变更")
    material_reasons: list[str]
    is_latest: bool


class DiffLineRead(_Out):
    kind: Literal["added", "removed", "context", "header"]
    text: str


class NoticeVersionDetail(NoticeVersionRead):
    previous_version: str | None
    text: str
    diff: str = Field(description="与上一版本的差异（unified diff）")
    diff_lines: list[DiffLineRead]


class PurposeBriefRead(_Out):
    purpose: str
    label: str


class NoticeStatusRead(_Out):
    accepted_version: str | None
    latest_version: str | None
    latest_published_at: datetime | None
    needs_acceptance: bool
    material: bool = Field(description="自您同意的版本以来是否有重大变更")
    reasons: list[str]
    changed_purposes: list[PurposeBriefRead] = Field(description="新增或变更、在您同意前暂停处理的功能")


class NoticeAcceptanceCreate(_In):
    version: str = Field(max_length=40, description="须为最新发布的版本")


class NoticeAcceptanceRead(_Out):
    version: str
    channel: str
    at: datetime


# --- cookies -----------------------------------------------------------------------------------


class CookieRead(_Out):
    name: str
    purpose: str
    lifetime: str
    necessary: bool
    audience: str

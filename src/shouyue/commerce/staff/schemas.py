"""API shapes of the staff console. No response carries a password or its hash."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from shouyue.commerce.staff.models import USERNAME_MAX, StaffMember
from shouyue.commerce.staff.roles import Permission, Role, permissions_of


class StaffLogin(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=USERNAME_MAX, description="员工用户名")
    password: str = Field(min_length=1, max_length=256, description="密码")


class StaffCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=USERNAME_MAX, description="员工用户名（小写字母开头）")
    role: str = Field(min_length=1, max_length=32, description="角色代码，见角色与权限表")
    password: str = Field(min_length=1, max_length=256, description="初始密码，须满足密码强度要求")


class PermissionRead(BaseModel):
    code: str
    label: str


class StaffRead(BaseModel):
    id: str
    username: str
    role: str
    role_label: str
    permissions: list[PermissionRead]
    created_at: datetime
    last_login_at: datetime | None
    disabled: bool

    @classmethod
    def of(cls, staff: StaffMember) -> StaffRead:
        granted = sorted(permissions_of(staff.role), key=list(Permission).index)
        role = Role(staff.role)
        return cls(
            id=staff.id,
            username=staff.username,
            role=role.value,
            role_label=role.label,
            permissions=[PermissionRead(code=p.value, label=p.label) for p in granted],
            created_at=staff.created_at,
            last_login_at=staff.last_login_at,
            disabled=not staff.is_active,
        )


class StaffSessionRead(BaseModel):
    """A new console session: the bearer token is shown once and stored only as a hash."""

    token: str
    token_type: str = "bearer"
    expires_at: datetime
    staff: StaffRead


class StaffPage(BaseModel):
    items: list[StaffRead]


class RoleRead(BaseModel):
    code: str
    label: str
    permissions: list[PermissionRead]

"""Staff roles and what each may do (P47): least privilege, declared here in code.

A role grants a fixed set of permissions and nothing else; there is no superuser. The
administrator manages staff accounts but reads no personal information; only the compliance
officer may reveal a full value, and then only with a stated reason that is recorded and audited.
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType


class Role(StrEnum):
    CUSTOMER_SERVICE = "customer_service"
    COMPLIANCE_OFFICER = "compliance_officer"
    AUDITOR = "auditor"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


class Permission(StrEnum):
    ACCOUNT_LOOKUP = "account.lookup"
    PI_VIEW_MASKED = "pi.view_masked"
    PI_REVEAL = "pi.reveal"
    RIGHTS_HANDLE = "rights.handle"
    RIGHTS_DECIDE = "rights.decide"
    AUDIT_READ = "audit.read"
    STAFF_MANAGE = "staff.manage"

    @property
    def label(self) -> str:
        return PERMISSION_LABELS[self]


ROLE_LABELS: MappingProxyType[Role, str] = MappingProxyType(
    {
        Role.CUSTOMER_SERVICE: "客服",
        Role.COMPLIANCE_OFFICER: "合规专员",
        Role.AUDITOR: "审计员",
        Role.ADMIN: "系统管理员",
    }
)

PERMISSION_LABELS: MappingProxyType[Permission, str] = MappingProxyType(
    {
        Permission.ACCOUNT_LOOKUP: "按账户编号查询用户",
        Permission.PI_VIEW_MASKED: "查看脱敏后的个人信息",
        Permission.PI_REVEAL: "说明理由后查看完整个人信息（留痕审计）",
        Permission.RIGHTS_HANDLE: "受理个人信息权利请求",
        Permission.RIGHTS_DECIDE: "对权利请求作出决定",
        Permission.AUDIT_READ: "查阅审计日志",
        Permission.STAFF_MANAGE: "管理员工账号（创建、停用）",
    }
)

ROLE_PERMISSIONS: MappingProxyType[Role, frozenset[Permission]] = MappingProxyType(
    {
        Role.CUSTOMER_SERVICE: frozenset(
            {Permission.ACCOUNT_LOOKUP, Permission.PI_VIEW_MASKED, Permission.RIGHTS_HANDLE}
        ),
        Role.COMPLIANCE_OFFICER: frozenset(
            {
                Permission.ACCOUNT_LOOKUP,
                Permission.PI_VIEW_MASKED,
                Permission.PI_REVEAL,
                Permission.RIGHTS_HANDLE,
                Permission.RIGHTS_DECIDE,
                Permission.AUDIT_READ,
            }
        ),
        Role.AUDITOR: frozenset({Permission.AUDIT_READ}),
        Role.ADMIN: frozenset({Permission.STAFF_MANAGE}),
    }
)


def permissions_of(role: Role | str) -> frozenset[Permission]:
    """What ``role`` may do; an unknown role may do nothing."""
    try:
        return ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return frozenset()


def role_allows(role: Role | str, permission: Permission) -> bool:
    """Whether ``role`` grants ``permission``."""
    return permission in permissions_of(role)

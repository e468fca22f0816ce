"""Device permissions (P31): what the subject's apps report, whether an app may ask again, and
the server's refusal of data from a feature whose permission is not granted."""

from shouyue.privacy.permissions.exceptions import PermissionNotGranted, UnknownPermission, UnknownPermissionState
from shouyue.privacy.permissions.models import DevicePermission, Permission, PermissionState
from shouyue.privacy.permissions.service import (
    QUIET_AFTER_REFUSAL,
    PermissionStatus,
    permission_of,
    record_prompt,
    report,
    require_permission,
    should_prompt,
    status,
    statuses,
)

__all__ = [
    "QUIET_AFTER_REFUSAL",
    "DevicePermission",
    "Permission",
    "PermissionNotGranted",
    "PermissionState",
    "PermissionStatus",
    "UnknownPermission",
    "UnknownPermissionState",
    "permission_of",
    "record_prompt",
    "report",
    "require_permission",
    "should_prompt",
    "status",
    "statuses",
]

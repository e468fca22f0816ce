"""Device permission states as the subject's apps report them (P31)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from shouyue.privacy.permissions.rows import UtcDateTime
from shouyue.privacy.storage import PrivacyBase


class Permission(StrEnum):
    """Device permissions a purpose may need: the notice's 二(三) six first, then those its SDK
    table implies (the same names as the data map's ``permission`` field)."""

    LOCATION = "location"
    CAMERA = "camera"
    PHOTOS = "photos"
    MICROPHONE = "microphone"
    CONTACTS = "contacts"
    CALENDAR = "calendar"
    NOTIFICATIONS = "notifications"
    PHONE_STATE = "phone_state"
    APP_LIST = "app_list"
    BLUETOOTH = "bluetooth"
    CLIPBOARD = "clipboard"

    @property
    def label(self) -> str:
        """The name subjects see, e.g. 位置信息."""
        return _LABELS[self]


_LABELS: dict[Permission, str] = {
    Permission.LOCATION: "位置信息",
    Permission.CAMERA: "相机",
    Permission.PHOTOS: "照片",
    Permission.MICROPHONE: "麦克风",
    Permission.CONTACTS: "通讯录",
    Permission.CALENDAR: "日历",
    Permission.NOTIFICATIONS: "通知",
    Permission.PHONE_STATE: "电话状态",
    Permission.APP_LIST: "应用列表",
    Permission.BLUETOOTH: "蓝牙",
    Permission.CLIPBOARD: "剪切板",
}


class PermissionState(StrEnum):
    GRANTED = "granted"
    DENIED = "denied"
    NOT_ASKED = "not_asked"


class DevicePermission(PrivacyBase):
    """One subject's current state for one device permission.

    ``decided_at`` is when the subject last granted or refused; ``last_prompted_at`` when an
    app last showed the system prompt, which also counts when the prompt was dismissed.
    """

    __tablename__ = "device_permission"

    subject_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    permission: Mapped[str] = mapped_column(String(16), primary_key=True)
    state: Mapped[str] = mapped_column(String(16))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_prompted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())

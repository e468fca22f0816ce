"""What the privacy center refuses on its own, each with the HTTP status and the Chinese
sentence the web layer answers with. The engine's refusals (consent required, permission not
granted, notice update required ...) come from ``shouyue.privacy`` and are mapped in
``web.errors``."""

from __future__ import annotations

from typing import ClassVar


class PrivacyCenterError(Exception):
    """Base of the privacy center's errors; ``message`` is the sentence users see."""

    status_code: ClassVar[int] = 400
    message: str = "请求未能完成"

    def __init__(self, message: str | None = None) -> None:
        if message is not None:
            self.message = message
        super().__init__(self.message)


class SeparateConfirmationRequired(PrivacyCenterError):
    """A separate-consent purpose granted without its own confirmation step (P82)."""

    def __init__(self, label: str) -> None:
        super().__init__(f"「{label}」需要您单独同意：请阅读其单独的说明并勾选确认后再开启")
        self.label = label


class NotSeparateConsent(PrivacyCenterError):
    """The separate-consent confirmation page asked for a purpose that does not need it."""

    status_code = 404
    message = "该事项无需单独同意，请在隐私设置中直接开启或关闭"

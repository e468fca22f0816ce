"""What can go wrong with in-app messages, each with the HTTP status and the Chinese sentence
the web layer answers with."""

from __future__ import annotations

from typing import ClassVar


class NotificationsError(Exception):
    """Base of the notifications domain's errors."""

    status_code: ClassVar[int] = 400
    message: ClassVar[str] = "请求未能完成"

    def __init__(self, note: str = "") -> None:
        # The text is the sentence users see; ``note`` says more for logs (English, never PI).
        super().__init__(self.message)
        self.note = note


class MessageNotFound(NotificationsError):
    status_code = 404
    message = "未找到该消息"

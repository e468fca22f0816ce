"""The browsing history's refusals (Simplified Chinese, no PI)."""

from __future__ import annotations

from shouyue.commerce.errors import Invalid, NotFound


class RecordNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("该浏览记录不存在或已删除")


class InvalidPage(Invalid):
    def __init__(self) -> None:
        super().__init__("页码须为1到500之间的整数")

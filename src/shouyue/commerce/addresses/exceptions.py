"""Why an address (or an order's recipient) was refused. Messages name fields, never values."""

from __future__ import annotations

from collections.abc import Sequence

from shouyue.commerce.errors import Conflict, Invalid, NotFound


class AddressNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("未找到该收货地址")


class RecipientInvalid(Invalid):
    """One or more recipient fields are missing or malformed; ``problems`` lists each in Chinese."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("收货信息不完整或有误：" + "；".join(problems) + "。请补全后重新提交")
        self.problems = list(problems)


class TooManyAddresses(Conflict):
    def __init__(self, limit: int) -> None:
        super().__init__(f"最多可保存{limit}个收货地址，请先删除不再使用的地址")

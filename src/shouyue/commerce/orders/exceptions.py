"""Why an order request was refused. Messages are Chinese, say what to do, and hold no PI
(a product's title is catalogue data, not PI)."""

from __future__ import annotations

from shouyue.commerce.errors import Conflict, Invalid, NotFound


class OrderNotFound(NotFound):
    """Missing, another buyer's, or deleted by its buyer: the same answer (reveals nothing)."""

    def __init__(self) -> None:
        super().__init__("未找到该订单")


class NoLines(Invalid):
    def __init__(self) -> None:
        super().__init__("请至少选择一件商品再下单")


class TooManyLines(Invalid):
    def __init__(self, limit: int) -> None:
        super().__init__(f"一次最多结算{limit}种商品，请分开下单")


class OutOfStock(Conflict):
    def __init__(self, title: str) -> None:
        super().__init__(f"库存不足：「{title}」的库存不够本次购买的数量，请减少数量或稍后再试")
        self.title = title


class PriceChanged(Conflict):
    """The client sent a price that is not the catalogue's: refused, never charged."""

    def __init__(self, title: str) -> None:
        super().__init__(f"「{title}」的价格已变化，请刷新页面确认最新价格后再下单")


class RecipientChoiceAmbiguous(Invalid):
    def __init__(self) -> None:
        super().__init__("请选择一个收货地址，或填写收货信息，二者选其一")


class AuthorisationRequired(Invalid):
    """Ordering for someone else without affirming their authorisation (P16)."""

    def __init__(self) -> None:
        super().__init__("为他人下单前，请确认您已取得收货人的授权同意（勾选“已取得收货人授权”）")


class CustomsInfoRequired(Invalid):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("订单含跨境商品，海关清关需要订购人信息：" + "；".join(problems))


class CustomsInfoNotNeeded(Invalid):
    """Refused rather than ignored: an ID number is never taken where it is not needed (P17)."""

    def __init__(self) -> None:
        super().__init__("订单中没有跨境商品，无需填写姓名和身份证号码，请删除后重新提交")


class RemarkTooLong(Invalid):
    def __init__(self, limit: int) -> None:
        super().__init__(f"订单备注不能超过{limit}个字")


class StoreBusy(Conflict):
    """The database could not take the stock change in time (SQLite's single writer)."""

    def __init__(self) -> None:
        super().__init__("下单人数较多，订单未能提交，请稍后重试")


class NotDeletable(Conflict):
    def __init__(self) -> None:
        super().__init__("只有已完成或已取消的订单可以删除")

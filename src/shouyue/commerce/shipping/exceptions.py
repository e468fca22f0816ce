"""Why shipping or tracking was refused; Chinese sentences without PI."""

from __future__ import annotations

from shouyue.commerce.errors import CommerceError, Conflict, Invalid, NotFound


class ShippingError(CommerceError):
    """Base of the shipping domain's refusals."""


class OrderNotFound(ShippingError, NotFound):
    def __init__(self) -> None:
        super().__init__("未找到该订单")


class NoShop(ShippingError, Conflict):
    def __init__(self) -> None:
        super().__init__("请先开店：开通店铺后才能管理订单和发货")


class UnknownCarrier(ShippingError, Invalid):
    def __init__(self) -> None:
        super().__init__("请从列表中选择物流公司：顺丰、中通、圆通、韵达、京东或邮政EMS")


class InvalidTrackingNumber(ShippingError, Invalid):
    def __init__(self) -> None:
        super().__init__("快递单号应为8到20位字母或数字，请核对后重新填写")


class AlreadyShipped(ShippingError, Conflict):
    def __init__(self) -> None:
        super().__init__("该订单已发货，不能重复发货")


class NotAwaitingShipment(ShippingError, Conflict):
    def __init__(self, state_label: str) -> None:
        super().__init__(f"订单当前为「{state_label}」，只有待发货的订单可以发货")


class NotShippedYet(ShippingError, NotFound):
    def __init__(self) -> None:
        super().__init__("该订单尚未发货，暂无物流信息")


class LogisticsUnavailable(ShippingError):
    status_code = 503

    def __init__(self) -> None:
        super().__init__("物流服务暂时无法处理，请稍后重试；订单状态未改变")

"""Why the seller console refused; Chinese sentences without PI."""

from __future__ import annotations

from shouyue.commerce.errors import CommerceError, Conflict, Invalid


class SellerConsoleError(CommerceError):
    """Base of the seller console's refusals."""


class RevealRefused(SellerConsoleError, Conflict):
    def __init__(self, state_label: str) -> None:
        super().__init__(
            f"只有待发货的订单可以查看完整收货信息；该订单当前为「{state_label}」，收货信息仅以脱敏形式显示"
        )


class UnknownState(SellerConsoleError, Invalid):
    def __init__(self) -> None:
        super().__init__(
            "订单状态只能是 awaiting_payment、awaiting_shipment、awaiting_receipt、"
            "awaiting_review、completed 或 cancelled"
        )

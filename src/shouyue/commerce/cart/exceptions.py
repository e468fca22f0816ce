"""Why a cart change was refused (Chinese, no PI)."""

from __future__ import annotations

from shouyue.commerce.cart.models import MAX_QUANTITY, MIN_QUANTITY
from shouyue.commerce.errors import Conflict, Invalid, NotFound


class QuantityOutOfRange(Invalid):
    def __init__(self) -> None:
        super().__init__(f"购买数量须为{MIN_QUANTITY}到{MAX_QUANTITY}之间的整数，请修改数量")


class ProductUnavailable(NotFound):
    """Unknown or off-sale: the same answer either way."""

    def __init__(self) -> None:
        super().__init__("商品不存在或已下架")


class CartItemNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("购物车中没有这件商品")


class CartFull(Conflict):
    def __init__(self, limit: int) -> None:
        super().__init__(f"购物车最多放{limit}种商品，请先结算或删除部分商品")

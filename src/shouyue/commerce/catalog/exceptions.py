"""The catalogue's refusals; each message is what the person reads (Simplified Chinese, no PI)."""

from __future__ import annotations

from shouyue.commerce.errors import CommerceError, Invalid, NotFound


class ProductNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("商品不存在或已下架，请返回首页或搜索其他商品")


class ShopNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("店铺不存在，请检查链接是否正确")


class CategoryNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("商品分类不存在，请从分类列表中选择")


class ImageNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("图片不存在")


class ShopRequired(CommerceError):
    """A seller route used by an account without a shop."""

    status_code = 403

    def __init__(self) -> None:
        super().__init__("您还没有开通店铺，请先在卖家中心开店后再管理商品")


class InvalidProduct(Invalid):
    """A title, price, stock or category out of bounds; the message names which and the limit."""


class InvalidImage(Invalid):
    def __init__(self) -> None:
        super().__init__("商品图片须为不超过2MB的PNG或JPEG图片，请换一张图片后重新上传")


class TooManyImages(Invalid):
    def __init__(self, limit: int) -> None:
        super().__init__(f"每件商品最多上传{limit}张图片，请先删除不需要的图片")


class InvalidPlacement(Invalid):
    """A placement whose product, slot or time window is not acceptable."""


class InvalidSearch(Invalid):
    """A search parameter out of bounds."""

"""Why a review was refused. Each message is the Chinese sentence the person reads; none repeats
the review text or anything else the person typed."""

from __future__ import annotations

from shouyue.commerce.errors import CommerceError, Conflict, Invalid, NotFound


class OrderNotFound(NotFound):
    """Not the caller's order, deleted by the buyer, or no such order: the same answer."""

    def __init__(self) -> None:
        super().__init__("未找到该订单")


class ProductNotInOrder(NotFound):
    def __init__(self) -> None:
        super().__init__("该订单中没有这件商品；只能评价您在此订单中购买的商品")


class ReviewNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("未找到该评价")


class ImageNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("未找到该图片")


class ProductNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("未找到该商品")


class NotYetReceived(Conflict):
    def __init__(self) -> None:
        super().__init__("订单尚未确认收货，确认收货后才能评价")


class OrderClosed(Conflict):
    def __init__(self, label: str) -> None:
        super().__init__(f"订单当前为「{label}」，不能再评价")


class AlreadyReviewed(Conflict):
    def __init__(self) -> None:
        super().__init__("这件商品已经评价过了，每件商品只能评价一次")


class InvalidRating(Invalid):
    def __init__(self) -> None:
        super().__init__("请给出1到5星的评分")


class InvalidText(Invalid):
    def __init__(self, limit: int) -> None:
        super().__init__(f"请填写评价内容，1到{limit}个字")


class TooManyImages(Invalid):
    def __init__(self, limit: int) -> None:
        super().__init__(f"每条评价最多上传{limit}张图片")


class InvalidImage(Invalid):
    def __init__(self, limit_mb: int) -> None:
        super().__init__(f"图片须为PNG或JPEG格式，每张不超过{limit_mb}MB")


class ImagesUnavailable(Invalid):
    def __init__(self) -> None:
        super().__init__("所选图片不存在或已用于其他评价，请重新上传")


class PublishConsentRequired(CommerceError):
    """``review.publish`` rests on separate consent, asked on its own in the review form."""

    status_code = 403

    def __init__(self) -> None:
        super().__init__(
            "发布评价需要您单独同意「评价与晒单」：评价连同您的昵称和头像将公开展示。"
            "请勾选单独同意后再提交；不同意不影响购物和其他功能"
        )

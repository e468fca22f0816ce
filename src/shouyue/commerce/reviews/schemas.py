"""API shapes of reviews. What leaves is the masked text, masked forms and the reviewer's chosen
nickname and avatar link; never the original text, a phone number or an account id."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from shouyue.commerce.orders.states import label
from shouyue.commerce.reviews.images import MAX_IMAGES
from shouyue.commerce.reviews.models import ReviewImage
from shouyue.commerce.reviews.service import MAX_TEXT, OwnReview, PublicReview, Published, ReviewPage
from shouyue.commerce.reviews.text import MaskedItem, summary
from shouyue.commerce.reviews.urls import image_url


class ReviewCreate(BaseModel):
    """One review of one product of the order. Photos are uploaded first (``POST /reviews/images``)."""

    model_config = ConfigDict(extra="forbid")

    product_id: int = Field(description="要评价的商品（须是该订单中购买的商品）")
    rating: int = Field(ge=1, le=5, description="评分，1到5星")
    text: str = Field(min_length=1, max_length=MAX_TEXT, description="评价文字；发布前会识别并遮盖其中的个人信息")
    image_ids: list[int] = Field(default_factory=list, max_length=MAX_IMAGES, description="已上传图片的编号，最多6张")
    agree_publish: bool = Field(
        False,
        description="单独同意「评价与晒单」（评价连同昵称和头像公开展示）；已同意过的无需再传。不与其他事项一并同意",
    )


class MaskedItemRead(BaseModel):
    kind: str = Field(description="个人信息类型代码，如 phone、id_number")
    label: str = Field(description="个人信息类型，如 手机号码")
    masked: str = Field(description="遮盖后的形式，如 138****5678（原文不保存、不返回）")

    @classmethod
    def of(cls, item: MaskedItem) -> MaskedItemRead:
        return cls(kind=item.kind, label=item.label, masked=item.masked)


class ImageRead(BaseModel):
    id: int
    url: str

    @classmethod
    def of(cls, image: ReviewImage) -> ImageRead:
        return cls(id=image.id, url=image_url(image.id))


class ImageUploadRead(ImageRead):
    media_type: str
    size_bytes: int

    @classmethod
    def of(cls, image: ReviewImage) -> ImageUploadRead:
        return cls(id=image.id, url=image_url(image.id), media_type=image.media_type, size_bytes=image.size_bytes)


class ReviewRead(BaseModel):
    """The author's own review: the published (masked) text and what was masked in it."""

    id: int
    order_id: int | None
    product_id: int
    rating: int
    text: str = Field(description="发布的评价文字（已遮盖个人信息）")
    images: list[ImageRead]
    masked: list[MaskedItemRead] = Field(description="发布前遮盖的个人信息")
    created_at: datetime

    @classmethod
    def of(cls, own: OwnReview) -> ReviewRead:
        r = own.review
        return cls(
            id=r.id,
            order_id=r.order_id,
            product_id=r.product_id,
            rating=r.rating,
            text=r.text,
            images=[ImageRead.of(i) for i in own.images],
            masked=[MaskedItemRead.of(m) for m in own.masked],
            created_at=r.created_at,
        )


class ReviewPublishedRead(BaseModel):
    review: ReviewRead
    masked: list[MaskedItemRead] = Field(description="发布前遮盖的个人信息（类型与遮盖后的形式）")
    masked_notice: str = Field(description="告知作者遮盖了哪些个人信息的说明")
    order_state: str
    order_state_label: str

    @classmethod
    def of(cls, published: Published) -> ReviewPublishedRead:
        own = OwnReview(review=published.review, images=published.images, masked=published.masked)
        return cls(
            review=ReviewRead.of(own),
            masked=[MaskedItemRead.of(m) for m in published.masked],
            masked_notice=summary(published.masked),
            order_state=published.order.state,
            order_state_label=label(published.order.state),
        )


class OrderCompletedRead(BaseModel):
    order_id: int
    order_state: str
    order_state_label: str


class ReviewerRead(BaseModel):
    nickname: str = Field(description="评价者昵称；未设置昵称时显示“匿名买家”")
    avatar_url: str | None


class PublicReviewRead(BaseModel):
    id: int
    rating: int
    text: str
    reviewer: ReviewerRead
    images: list[str]
    created_at: datetime

    @classmethod
    def of(cls, review: PublicReview) -> PublicReviewRead:
        return cls(
            id=review.id,
            rating=review.rating,
            text=review.text,
            reviewer=ReviewerRead(nickname=review.reviewer, avatar_url=review.avatar_url),
            images=review.image_urls,
            created_at=review.created_at,
        )


class ReviewPageRead(BaseModel):
    items: list[PublicReviewRead]
    total: int
    limit: int
    offset: int

    @classmethod
    def of(cls, page: ReviewPage) -> ReviewPageRead:
        return cls(
            items=[PublicReviewRead.of(r) for r in page.items], total=page.total, limit=page.limit, offset=page.offset
        )

"""Reviews: a buyer's rating, text and photos of one order line (P21).

Only the masked text is ever stored: the review text passes through ``privacy.detect`` before
the row is written, and ``masked_items`` keeps what was masked (kind and masked form, never the
original) so the author can be told. Photos are files under the upload directory with random
names; an upload not yet attached to a review has ``review_id`` null (media.uploads, 7 days).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shouyue.commerce.accounts.models import ACCOUNT_ID_LENGTH
from shouyue.db import Base
from shouyue.privacy.columns import pi
from shouyue.privacy.permissions.rows import UtcDateTime


class Review(Base):
    """One published review of one order line; the text is already masked."""

    __tablename__ = "review"
    __pi_subject__ = "author_id"
    __table_args__ = (
        CheckConstraint("rating >= 1 AND rating <= 5", name="rating_range"),
        Index("ix_review_product_created", "product_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    author_id: Mapped[str] = mapped_column(
        String(ACCOUNT_ID_LENGTH), ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    # The order and line survive only as long as the transaction record; the review outlives them.
    order_id: Mapped[int | None] = mapped_column(ForeignKey("shop_order.id", ondelete="SET NULL"), index=True)
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("order_line.id", ondelete="SET NULL"), unique=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"))
    rating: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = pi("review.text", plain=True, type_=Text(), nullable=False)
    # JSON list of {"kind", "masked"}: what the detector masked, in the masked form only.
    masked_items: Mapped[str] = pi("review.text", plain=True, type_=Text(), nullable=False, default="[]")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ReviewImage(Base):
    """A photo uploaded for a review; ``review_id`` is null until the review is published."""

    __tablename__ = "review_image"
    __pi_subject__ = "owner_id"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    owner_id: Mapped[str] = mapped_column(
        String(ACCOUNT_ID_LENGTH), ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    review_id: Mapped[int | None] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    file_name: Mapped[str] = pi("review.image", plain=True, type_=String(64), nullable=False, unique=True)
    media_type: Mapped[str] = mapped_column(String(16))
    size_bytes: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)

"""The catalogue: product categories and products. Products hold no PI; prices are integers in
fen (分) so every buyer is charged exactly the listed price (P83)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shouyue.db import Base
from shouyue.privacy.permissions.rows import UtcDateTime


class ProductStatus(StrEnum):
    ON_SALE = "on_sale"
    OFF_SALE = "off_sale"


class ProductCategory(Base):
    """A category of goods (服装, 食品, ...)."""

    __tablename__ = "product_category"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    slug: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(32))


class Product(Base):
    """An item a shop sells. ``stock`` never goes below zero (a check constraint backs the
    conditional decrement); ``cross_border`` items need the buyer's ID number for customs (P17)."""

    __tablename__ = "product"
    __table_args__ = (
        CheckConstraint("stock >= 0", name="stock_not_negative"),
        CheckConstraint("price_fen > 0", name="price_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("product_category.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(60))
    description: Mapped[str] = mapped_column(Text, default="")
    price_fen: Mapped[int] = mapped_column(Integer)
    stock: Mapped[int] = mapped_column(Integer)
    cross_border: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default=ProductStatus.ON_SALE.value, index=True)
    sales_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class ProductImage(Base):
    """A photo of a product uploaded by its seller, stored under a random file name in the upload
    directory; the lowest ``position`` is the cover. Product photos show goods, not people."""

    __tablename__ = "product_image"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(40), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PlacementSlot(StrEnum):
    HOME = "home"
    SEARCH = "search"


class Placement(Base):
    """A paid placement: the product is shown at the top of the home page or of matching search
    results between ``starts_at`` and ``ends_at``, always labelled 广告 (P86)."""

    __tablename__ = "placement"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), index=True)
    slot: Mapped[str] = mapped_column(String(16))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime())
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

"""Products as lists show them (cards): one query for the products with their shop names, one
for their covers, whatever the page size (no N+1). Prices come from the product row alone, never
from who is looking (P83)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from shouyue.commerce.catalog.images import image_url
from shouyue.commerce.catalog.models import Product, ProductImage, ProductStatus
from shouyue.commerce.shops.models import Shop

AD_LABEL = "广告"


@dataclass(frozen=True, slots=True)
class ProductCard:
    """A product in a list. ``sponsored`` marks a paid placement, shown with the 广告 label (P86)."""

    id: int
    title: str
    price_fen: int
    stock: int
    sales_count: int
    cross_border: bool
    category_id: int
    shop_id: int
    shop_name: str
    cover_url: str | None
    created_at: datetime
    sponsored: bool = False

    @property
    def label(self) -> str | None:
        return AD_LABEL if self.sponsored else None

    @property
    def url(self) -> str:
        return product_url(self.id)


def product_url(product_id: int) -> str:
    """Where a page links to a product."""
    return f"/products/{product_id}"


def card_select() -> Select[tuple[Product, str]]:
    """Products on sale with their shop's name; callers add filters, order and limits."""
    return (
        select(Product, Shop.name)
        .join(Shop, Shop.id == Product.shop_id)
        .where(Product.status == ProductStatus.ON_SALE.value)
    )


def covers(*, session: Session, product_ids: Sequence[int]) -> dict[int, str]:
    """The cover (first image) of each product that has one, by product id, in one query."""
    if not product_ids:
        return {}
    rows = session.execute(
        select(ProductImage.product_id, ProductImage.file_name)
        .where(ProductImage.product_id.in_(set(product_ids)))
        .order_by(ProductImage.product_id, ProductImage.position, ProductImage.id)
    )
    found: dict[int, str] = {}
    for product_id, file_name in rows:
        found.setdefault(product_id, image_url(file_name))
    return found


def to_cards(*, session: Session, rows: Sequence[tuple[Product, str]], sponsored: bool = False) -> list[ProductCard]:
    """Cards for ``(product, shop name)`` rows, keeping their order."""
    cover_of = covers(session=session, product_ids=[product.id for product, _ in rows])
    return [
        ProductCard(
            id=product.id,
            title=product.title,
            price_fen=product.price_fen,
            stock=product.stock,
            sales_count=product.sales_count,
            cross_border=product.cross_border,
            category_id=product.category_id,
            shop_id=product.shop_id,
            shop_name=shop_name,
            cover_url=cover_of.get(product.id),
            created_at=product.created_at,
            sponsored=sponsored,
        )
        for product, shop_name in rows
    ]


def as_sponsored(cards: Sequence[ProductCard]) -> list[ProductCard]:
    return [replace(card, sponsored=True) for card in cards]

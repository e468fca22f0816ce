"""Paid placement (P86): a seller buys a time window in which one of their products is shown at
the top of the home page or of matching search results. Wherever a placed product is shown as
such it carries the 广告 label (``ProductCard.sponsored``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from shouyue.commerce.catalog.cards import ProductCard, as_sponsored, card_select, to_cards
from shouyue.commerce.catalog.exceptions import InvalidPlacement, ProductNotFound
from shouyue.commerce.catalog.models import Placement, PlacementSlot, Product, ProductStatus
from shouyue.commerce.shops.models import Shop

MAX_DAYS = 30
START_GRACE = timedelta(minutes=5)  # a window "starting now" typed a moment ago is still fine
SLOT_SIZES = {PlacementSlot.HOME: 4, PlacementSlot.SEARCH: 2}


def buy(
    *,
    session: Session,
    shop: Shop,
    product_id: int,
    slot: str,
    starts_at: datetime,
    ends_at: datetime,
    now: datetime,
) -> Placement:
    """A seller places their own product; another shop's product reads as missing."""
    product = session.scalar(select(Product).where(Product.id == product_id, Product.shop_id == shop.id))
    if product is None:
        raise ProductNotFound()
    return place(session=session, product=product, slot=slot, starts_at=starts_at, ends_at=ends_at, now=now)


def place(
    *, session: Session, product: Product, slot: str, starts_at: datetime, ends_at: datetime, now: datetime
) -> Placement:
    """Place ``product`` (on sale) in ``slot`` from ``starts_at`` to ``ends_at``; staff tooling
    calls this directly, sellers through :func:`buy`."""
    if product.status != ProductStatus.ON_SALE.value:
        raise InvalidPlacement("已下架的商品不能投放广告，请先上架")
    if slot not in {s.value for s in PlacementSlot}:
        raise InvalidPlacement("广告位只能是 home（首页）或 search（搜索结果）")
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise InvalidPlacement("投放时间须带时区，例如 2026-12-01T00:00:00+08:00")
    if starts_at < now - START_GRACE:
        raise InvalidPlacement("投放开始时间不能早于现在")
    if ends_at <= starts_at:
        raise InvalidPlacement("投放结束时间须晚于开始时间")
    if ends_at - starts_at > timedelta(days=MAX_DAYS):
        raise InvalidPlacement(f"一次投放最长{MAX_DAYS}天")
    placement = Placement(product_id=product.id, slot=slot, starts_at=starts_at, ends_at=ends_at, created_at=now)
    session.add(placement)
    session.flush()
    return placement


def of_shop(*, session: Session, shop: Shop) -> list[Placement]:
    """The shop's placements, newest first."""
    return list(
        session.scalars(
            select(Placement)
            .join(Product, Product.id == Placement.product_id)
            .where(Product.shop_id == shop.id)
            .order_by(Placement.id.desc())
        )
    )


def showing(
    *,
    session: Session,
    slot: PlacementSlot,
    now: datetime,
    matching: Sequence[ColumnElement[bool]] = (),
) -> list[ProductCard]:
    """The products placed in ``slot`` now (and matching the search's filters), as sponsored
    cards, first bought first shown. The order depends on the placements, never on the viewer."""
    first_bought = (
        select(Placement.product_id, Placement.id)
        .where(Placement.slot == slot.value, Placement.starts_at <= now, Placement.ends_at > now)
        .subquery()
    )
    rows = session.execute(
        card_select()
        .join(first_bought, first_bought.c.product_id == Product.id)
        .where(*matching)
        .order_by(first_bought.c.id)
        .limit(SLOT_SIZES[slot] * 4)
    ).all()
    seen: set[int] = set()
    unique: list[tuple[Product, str]] = []
    for product, shop_name in rows:
        if product.id not in seen and len(unique) < SLOT_SIZES[slot]:
            seen.add(product.id)
            unique.append((product, shop_name))
    return as_sponsored(to_cards(session=session, rows=unique))

"""What the home page shows: categories, paid placements (labelled 广告, P86), and the newest and
best-selling products. Nothing in it depends on who is looking (P83)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from shouyue.commerce.catalog import placements, search, service
from shouyue.commerce.catalog.cards import ProductCard
from shouyue.commerce.catalog.models import PlacementSlot, ProductCategory

SHELF_SIZE = 8


@dataclass(frozen=True, slots=True)
class HomeShelves:
    categories: list[ProductCategory]
    sponsored: list[ProductCard]
    newest: list[ProductCard]
    best_selling: list[ProductCard]


def shelves(*, session: Session, now: datetime) -> HomeShelves:
    """The home page's product shelves, the same for every visitor."""
    return HomeShelves(
        categories=service.list_categories(session=session),
        sponsored=placements.showing(session=session, slot=PlacementSlot.HOME, now=now),
        newest=search.newest(session=session, limit=SHELF_SIZE),
        best_selling=search.best_selling(session=session, limit=SHELF_SIZE),
    )

"""The browsing history's API shapes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from shouyue.commerce.catalog.cards import product_url
from shouyue.commerce.history.service import HistoryEntry


class HistoryEntryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    product_id: int
    title: str
    price_fen: int
    on_sale: bool = Field(description="商品是否仍在售")
    cover_url: str | None
    url: str
    viewed_at: datetime

    @classmethod
    def of(cls, entry: HistoryEntry) -> HistoryEntryRead:
        return cls(
            id=entry.id,
            product_id=entry.product_id,
            title=entry.title,
            price_fen=entry.price_fen,
            on_sale=entry.on_sale,
            cover_url=entry.cover_url,
            url=product_url(entry.product_id),
            viewed_at=entry.viewed_at,
        )


class HistoryPage(BaseModel):
    enabled: bool = Field(description="是否已开启浏览记录（history.browsing 同意事项）；未开启时不记录")
    items: list[HistoryEntryRead]
    total: int
    page: int
    per_page: int


class HistoryCleared(BaseModel):
    deleted: int

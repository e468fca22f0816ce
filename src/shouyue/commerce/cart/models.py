"""The cart: which products a buyer has put aside, and how many. Prices are never stored here:
the cart always shows, and an order always charges, the catalogue's current price."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shouyue.commerce.accounts.models import ACCOUNT_ID_LENGTH
from shouyue.db import Base
from shouyue.privacy.permissions.rows import UtcDateTime

MIN_QUANTITY = 1
MAX_QUANTITY = 999
MAX_CART_ITEMS = 100


class CartItem(Base):
    """One product in a buyer's cart."""

    __tablename__ = "cart_item"
    __table_args__ = (
        UniqueConstraint("account_id", "product_id"),
        CheckConstraint(f"quantity BETWEEN {MIN_QUANTITY} AND {MAX_QUANTITY}", name="quantity_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(
        String(ACCOUNT_ID_LENGTH), ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(UtcDateTime())

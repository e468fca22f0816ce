"""Shops: a seller's shop, opened only after real-name verification, a bank card, an avatar and a
shop name (P12). The optional shop-management extras (phone, business and shipping address) are
sealed and enable only their own features (P13)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from shouyue.commerce.accounts.models import ACCOUNT_ID_LENGTH
from shouyue.db import Base
from shouyue.privacy.columns import pi
from shouyue.privacy.permissions.rows import UtcDateTime
from shouyue.privacy.vault import Sealed

SHOP_NAME_LENGTH = 30


class ShopKind(StrEnum):
    PERSONAL = "personal"
    ENTERPRISE = "enterprise"


class Shop(Base):
    """One shop per account; the owner's account id is the subject of the shop's PI."""

    __tablename__ = "shop"
    __pi_subject__ = "owner_id"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    owner_id: Mapped[str] = mapped_column(
        String(ACCOUNT_ID_LENGTH), ForeignKey("account.id", ondelete="RESTRICT"), unique=True
    )
    name: Mapped[str] = pi("shop.name", plain=True, type_=String(SHOP_NAME_LENGTH), nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String(16), default=ShopKind.PERSONAL.value)
    description: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # Shop-management extras (seller.shop_management, optional): each enables only its feature.
    phone: Mapped[Sealed | None] = pi("shop.phone")
    business_address: Mapped[Sealed | None] = pi("shop.business_address")
    shipping_address: Mapped[Sealed | None] = pi("shop.shipping_address")

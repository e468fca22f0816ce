"""Orders: what was bought, from which shop, for whom, and where it is in its life.

An order keeps a sealed snapshot of the recipient (name, phone, address) under the buyer's
*held* key: it is a transaction record kept for its legal retention (P18, P55) even after the
buyer edits or deletes the address book entry or cancels the account. A cross-border order also
keeps the buyer's real name and ID number, sealed and held, for customs only (P17).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shouyue.commerce.accounts.models import ACCOUNT_ID_LENGTH
from shouyue.db import Base
from shouyue.privacy.columns import pi
from shouyue.privacy.permissions.rows import UtcDateTime
from shouyue.privacy.vault import Sealed

ORDER_NUMBER_LENGTH = 20


class OrderState(StrEnum):
    """待付款 → 待发货 → 待收货 → 待评价 → 已完成, or 已取消."""

    AWAITING_PAYMENT = "awaiting_payment"
    AWAITING_SHIPMENT = "awaiting_shipment"
    AWAITING_RECEIPT = "awaiting_receipt"
    AWAITING_REVIEW = "awaiting_review"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class Order(Base):
    """One order: one buyer, one shop. The recipient snapshot is sealed under the held key."""

    __tablename__ = "shop_order"
    __pi_subject__ = "buyer_id"
    __table_args__ = (
        CheckConstraint("amount_fen > 0", name="amount_positive"),
        Index("ix_shop_order_buyer_state", "buyer_id", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    number: Mapped[str] = pi("order.number", plain=True, type_=String(ORDER_NUMBER_LENGTH), nullable=False, unique=True)
    buyer_id: Mapped[str] = mapped_column(String(ACCOUNT_ID_LENGTH), ForeignKey("account.id", ondelete="RESTRICT"))
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="RESTRICT"), index=True)
    state: Mapped[str] = mapped_column(String(20), default=OrderState.AWAITING_PAYMENT.value)
    amount_fen: Mapped[int] = pi("order.amount", plain=True, type_=Integer(), nullable=False)
    remark: Mapped[str] = pi("order.remark", plain=True, type_=String(200), nullable=False, default="")
    created_at: Mapped[datetime] = pi("order.created_at", plain=True, type_=UtcDateTime(), nullable=False)
    # Recipient snapshot (order.fulfilment; P15), sealed under the buyer's held key.
    recipient_name: Mapped[Sealed] = pi("recipient.name", held=True, nullable=False)
    recipient_phone: Mapped[Sealed] = pi("recipient.phone", held=True, nullable=False)
    recipient_address: Mapped[Sealed] = pi("recipient.address", held=True, nullable=False)
    recipient_postcode: Mapped[str] = pi("recipient.postcode", plain=True, type_=String(6), nullable=False)
    # Ordering for someone else: when the buyer affirmed that person's authorisation (P16).
    for_others: Mapped[bool] = mapped_column(default=False)
    others_authorised_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # Cross-border goods only (order.customs_clearance; P17).
    customs_name: Mapped[Sealed | None] = pi("identity.real_name", held=True)
    customs_id_number: Mapped[Sealed | None] = pi("identity.id_number", held=True)
    # The clearance service's reference for the declaration, once filed.
    customs_reference: Mapped[str | None] = mapped_column(String(40))
    customs_declared_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    paid_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    shipped_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    received_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # A buyer's deletion hides the order from the buyer and every non-legal use (P55).
    buyer_deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    # Loaded with the order in one extra query for any number of orders (no N+1 in lists).
    lines: Mapped[list[OrderLine]] = relationship(
        order_by="OrderLine.id", cascade="all, delete-orphan", lazy="selectin", passive_deletes=True
    )


class OrderLine(Base):
    """One product in an order, with the title and unit price as they were when ordered."""

    __tablename__ = "order_line"
    __pi_subject__ = "buyer_id"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_price_fen > 0", name="unit_price_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id", ondelete="CASCADE"), index=True)
    buyer_id: Mapped[str] = mapped_column(String(ACCOUNT_ID_LENGTH), ForeignKey("account.id", ondelete="RESTRICT"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = pi("order.goods", plain=True, type_=String(60), nullable=False)
    unit_price_fen: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)
    cross_border: Mapped[bool] = mapped_column(default=False)

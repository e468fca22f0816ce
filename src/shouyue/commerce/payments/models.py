"""Payments and bound bank cards.

A payment row is what a payment institution reported about one attempt (time, amount, channel,
status, its transaction reference), stored with the recipient it came from (P34). At most one
successful payment per order: the service locks the order row, and a partial unique index is
the backstop. A bound card keeps the card number, expiry and reserved phone sealed under the
account's everyday key, shown masked (P19); the name and ID number go to the bank and are not kept.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from shouyue.commerce.accounts.models import ACCOUNT_ID_LENGTH
from shouyue.db import Base
from shouyue.privacy.columns import blind_index_for, not_pi, pi
from shouyue.privacy.permissions.rows import UtcDateTime
from shouyue.privacy.vault import Sealed

SUCCEEDED = "succeeded"


class CardStatus(StrEnum):
    PENDING = "pending"  # the bank sent its SMS code; waiting for the person to enter it
    ACTIVE = "active"


class Payment(Base):
    """One payment attempt on an order, as the institution reported it."""

    __tablename__ = "payment"
    __pi_subject__ = "buyer_id"
    __table_args__ = (
        # Backstop of the order-row lock: never two successful payments of one order.
        Index(
            "uq_payment_order_succeeded",
            "order_id",
            unique=True,
            sqlite_where=text("status = 'succeeded'"),
            postgresql_where=text("status = 'succeeded'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id", ondelete="RESTRICT"), index=True)
    buyer_id: Mapped[str] = mapped_column(
        String(ACCOUNT_ID_LENGTH), ForeignKey("account.id", ondelete="RESTRICT"), index=True
    )
    channel: Mapped[str] = pi("payment.record", plain=True, type_=String(16), nullable=False)
    status: Mapped[str] = pi("payment.record", plain=True, type_=String(16), nullable=False)
    amount_fen: Mapped[int] = pi("payment.record", plain=True, type_=Integer(), nullable=False)
    paid_at: Mapped[datetime | None] = pi("payment.record", plain=True, type_=UtcDateTime())
    reference: Mapped[str] = pi("payment.record", plain=True, type_=String(64), nullable=False)
    failure_reason: Mapped[str] = mapped_column(String(200), default="")
    # P34: the third party this record came from (a data-map recipient id).
    source_recipient: Mapped[str] = mapped_column(String(80))
    disclosure_id: Mapped[int] = mapped_column(BigInteger)
    card_id: Mapped[int | None] = mapped_column(ForeignKey("bank_card.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class BankCard(Base):
    """A bank card bound for payments (payment.card_binding, separate consent; P19)."""

    __tablename__ = "bank_card"
    __pi_subject__ = "account_id"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(
        String(ACCOUNT_ID_LENGTH), ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default=CardStatus.PENDING.value)
    bank_name: Mapped[str] = pi("finance.bank_name", plain=True, type_=String(40), nullable=False)
    card_number: Mapped[Sealed] = pi("finance.bank_card", lookup=True, nullable=False)
    card_number_index: Mapped[str] = blind_index_for("card_number", nullable=False)
    card_expiry: Mapped[Sealed] = pi("finance.card_expiry", nullable=False)
    reserved_phone: Mapped[Sealed] = pi("finance.reserved_phone", nullable=False)
    binding_ref: Mapped[str] = not_pi("the bank's reference of this binding request, naming no person", String(64))
    agreement_ref: Mapped[str | None] = not_pi(
        "the bank's opaque reference for paying with this binding, naming no person", String(64)
    )
    replaces_card_id: Mapped[int | None] = not_pi("the row id of the card this binding replaces", Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    code_expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    bound_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

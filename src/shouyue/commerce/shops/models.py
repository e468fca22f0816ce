"""Shops: a seller's shop, opened only after real-name verification, a bank card, an avatar and a
shop name (P12). The optional shop-management extras (phone, business and shipping address,
licence and industry qualification files) are sealed and enable only their own features (P13).
A shop's withdrawal card is bound after it opens (P20).

Every row here is PI of the shop's owner, so every table names the owner's account as subject
and seals under the owner's key.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shouyue.commerce.accounts.models import ACCOUNT_ID_LENGTH
from shouyue.db import Base
from shouyue.privacy.columns import blind_index_for, pi
from shouyue.privacy.permissions.rows import UtcDateTime
from shouyue.privacy.vault import Sealed

SHOP_NAME_LENGTH = 30
BANK_NAME_LENGTH = 40
BRANCH_NAME_LENGTH = 80


class ShopKind(StrEnum):
    PERSONAL = "personal"
    ENTERPRISE = "enterprise"


class DocumentKind(StrEnum):
    """The uploaded shop documents (P13): a business licence and an industry qualification."""

    LICENCE = "licence"
    QUALIFICATION = "qualification"


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


class SellerBankCard(Base):
    """The bank card an account gives to open a shop (seller.shop_create, P12): the card number
    sealed with a blind index (one card verifies one seller), the bank and, for an enterprise
    shop, the full branch name. It exists before the shop does, so it hangs off the account."""

    __tablename__ = "seller_bank_card"
    __pi_subject__ = "account_id"

    account_id: Mapped[str] = mapped_column(
        String(ACCOUNT_ID_LENGTH), ForeignKey("account.id", ondelete="CASCADE"), primary_key=True
    )
    card_number: Mapped[Sealed] = pi("finance.bank_card", lookup=True, nullable=False)
    card_number_index: Mapped[str] = blind_index_for("card_number", nullable=False, index=False, unique=True)
    bank_name: Mapped[str] = pi("finance.bank_name", plain=True, type_=String(BANK_NAME_LENGTH), nullable=False)
    branch_name: Mapped[str | None] = pi("finance.bank_branch", plain=True, type_=String(BRANCH_NAME_LENGTH))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ShopDocument(Base):
    """An uploaded licence or industry qualification (P13), sealed whole (the file's bytes in
    base64) so it is never plain on disk. The file is loaded only when asked for (deferred): the
    shop's feature checks read the row, not the megabytes."""

    __tablename__ = "shop_document"
    __pi_subject__ = "owner_id"
    __table_args__ = (
        UniqueConstraint("shop_id", "kind"),
        CheckConstraint(
            "(kind = 'licence' AND licence IS NOT NULL AND qualification IS NULL)"
            " OR (kind = 'qualification' AND qualification IS NOT NULL AND licence IS NULL)",
            name="one_file_of_its_kind",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"))
    owner_id: Mapped[str] = mapped_column(String(ACCOUNT_ID_LENGTH), ForeignKey("account.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    media_type: Mapped[str] = mapped_column(String(32))
    size_bytes: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    licence: Mapped[Sealed | None] = pi("shop.licence", deferred=True)
    qualification: Mapped[Sealed | None] = pi("shop.qualification", deferred=True)


class WithdrawalCard(Base):
    """The card a shop's takings are paid out to (seller.withdrawal_card, P20): number sealed,
    bank, and for an enterprise shop the full branch name. ``disclosure_id`` names the gateway's
    record of handing it to the payment institution."""

    __tablename__ = "shop_withdrawal_card"
    __pi_subject__ = "owner_id"

    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"), primary_key=True)
    owner_id: Mapped[str] = mapped_column(String(ACCOUNT_ID_LENGTH), ForeignKey("account.id", ondelete="CASCADE"))
    card_number: Mapped[Sealed] = pi("finance.bank_card", nullable=False)
    bank_name: Mapped[str] = pi("finance.bank_name", plain=True, type_=String(BANK_NAME_LENGTH), nullable=False)
    branch_name: Mapped[str | None] = pi("finance.bank_branch", plain=True, type_=String(BRANCH_NAME_LENGTH))
    bound_at: Mapped[datetime] = mapped_column(UtcDateTime())
    disclosure_id: Mapped[int] = mapped_column(Integer)

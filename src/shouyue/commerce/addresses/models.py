"""The buyer's address book (P54): recipients the buyer ships to.

Name, phone and address are sealed under the buyer's *everyday* key: the address book is not a
transaction record, so cancelling the account makes it unreadable at once. An order copies the
recipient into its own snapshot under the held key (see ``orders.models``). The postcode names
an area, not a person, and stays plain (``recipient.postcode``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from shouyue.commerce.accounts.models import ACCOUNT_ID_LENGTH
from shouyue.db import Base
from shouyue.privacy.columns import pi
from shouyue.privacy.permissions.rows import UtcDateTime
from shouyue.privacy.vault import Sealed

MAX_ADDRESSES = 20


class Address(Base):
    """One entry of a buyer's address book."""

    __tablename__ = "address"
    __pi_subject__ = "account_id"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(
        String(ACCOUNT_ID_LENGTH), ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    recipient_name: Mapped[Sealed] = pi("recipient.name", nullable=False)
    phone: Mapped[Sealed] = pi("recipient.phone", nullable=False)
    # Province, city and district (e.g. 广东省深圳市南山区), and the rest of the address.
    region: Mapped[Sealed] = pi("recipient.address", nullable=False)
    detail: Mapped[Sealed] = pi("recipient.address", nullable=False)
    postcode: Mapped[str] = pi("recipient.postcode", plain=True, type_=String(6), nullable=False)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())

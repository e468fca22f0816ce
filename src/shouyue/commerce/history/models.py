"""Browsing history (P56): which product a signed-in buyer viewed and when, kept only while the
buyer consents to ``history.browsing``; the buyer sees and deletes it, one row or all."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, ForeignKeyConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from shouyue.commerce.accounts.models import ACCOUNT_ID_LENGTH
from shouyue.db import Base
from shouyue.privacy.columns import pi
from shouyue.privacy.permissions.rows import UtcDateTime


class BrowsingRecord(Base):
    """One product in a buyer's browsing history; a new view of it moves ``viewed_at``."""

    __tablename__ = "browsing_record"
    __pi_subject__ = "account_id"
    # The product viewed is the browsing record itself (behaviour.browsing); its foreign key is
    # declared here because ``pi`` builds the column from its type alone.
    __table_args__ = (ForeignKeyConstraint(["product_id"], ["product.id"], ondelete="CASCADE"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(
        String(ACCOUNT_ID_LENGTH), ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    product_id: Mapped[int] = pi("behaviour.browsing", plain=True, type_=Integer(), nullable=False, index=True)
    viewed_at: Mapped[datetime] = pi("behaviour.browsing", plain=True, type_=UtcDateTime(), nullable=False)

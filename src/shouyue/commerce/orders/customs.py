"""Filing a cross-border order's customs declaration, after the order's transaction committed.

The buyer's name and ID number were disclosed in that transaction through the gateway to
``partner.customs`` only (logged per subject); here the :class:`Disclosure` is handed to the
clearance service and its reference is stored on the order. A failed filing leaves the order
without a reference; :func:`pending_declarations` finds such orders for a retry job.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from shouyue.commerce.orders.models import Order
from shouyue.privacy.gateway import Disclosure
from shouyue.providers.customs import CustomsDeclarationFailed, CustomsDeclarer

logger = logging.getLogger("shouyue.orders")


def file_declarations(
    *, session: Session, declarer: CustomsDeclarer, disclosures: dict[int, Disclosure], now: datetime
) -> dict[int, str]:
    """Hand each committed disclosure to the clearance service and store its reference on the
    order (committed here, one small transaction). Returns order id -> reference."""
    filed: dict[int, str] = {}
    for order_id, disclosure in disclosures.items():
        try:
            receipt = declarer.declare(disclosure)
        except CustomsDeclarationFailed:
            logger.warning("customs declaration for order %s failed; it stays pending", order_id)
            continue
        order = session.get(Order, order_id)
        if order is None:
            continue
        order.customs_reference = receipt.reference
        order.customs_declared_at = now
        filed[order_id] = receipt.reference
    if filed:
        session.commit()
    return filed


def pending_declarations(*, session: Session) -> list[int]:
    """Ids of cross-border orders whose declaration was never filed (for a retry job)."""
    stmt = select(Order.id).where(Order.customs_id_number.is_not(None), Order.customs_reference.is_(None))
    return list(session.scalars(stmt))

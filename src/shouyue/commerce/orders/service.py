"""Orders as the rest of the platform reads and moves them (P15-P18, P55).

**A buyer's deletion (P55).** ``buyer_deleted_at`` hides an order from the buyer and from every
*non-legal* use, while the row stays for its legal retention (``transaction.records``, 电子商务法
第三十一条). Which query to use:

* *Non-legal uses* — the buyer's own lists and detail, order history shown anywhere,
  recommendations and preference tags, review prompts, marketing: filter with
  :func:`visible_to_buyer` (or use :func:`buyer_orders`, :func:`get_buyer_order`), so a deleted
  order is gone for them.
* *Legal uses* — the transaction record itself: payment settlement and refunds, shipping of an
  order already paid, the seller's bookkeeping of orders it fulfilled, after-sales disputes,
  retention sweeps, rights requests (access/copy) and lawful requests from authorities: use
  :func:`get_order_for_update` / unfiltered queries; the deletion does not change them.

The caller owns the transaction: these functions flush, the route commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, func, select, update
from sqlalchemy.orm import Session

from shouyue.commerce.catalog.models import Product
from shouyue.commerce.orders.exceptions import NotDeletable, OrderNotFound
from shouyue.commerce.orders.models import Order, OrderState
from shouyue.commerce.orders.placement import (
    LineRequest,
    OrderRequest,
    Placed,
    RecipientDraft,
    new_order_number,
    place_orders,
)
from shouyue.commerce.orders.states import advance
from shouyue.privacy import audit
from shouyue.privacy.actors import Actor
from shouyue.privacy.masking.rules import mask_postcode

DELETE_WARNING = (
    "删除后，您将无法在订单列表中查看该订单，也可能无法再就该订单申请退换货、维权等售后服务。"
    "依照《电子商务法》，交易记录仍将在交易完成后依法保存三年，期间仅用于法定用途。"
)
DELETABLE = frozenset({OrderState.COMPLETED.value, OrderState.CANCELLED.value})
CANCELLABLE = frozenset({OrderState.AWAITING_PAYMENT.value, OrderState.AWAITING_SHIPMENT.value})
PAGE_SIZE = 50

__all__ = [
    "DELETE_WARNING",
    "LineRequest",
    "MaskedRecipient",
    "OrderRequest",
    "Placed",
    "RecipientDraft",
    "buyer_orders",
    "cancel_order",
    "confirm_receipt",
    "count_by_state",
    "delete_order",
    "get_buyer_order",
    "get_buyer_order_for_update",
    "get_order_for_update",
    "list_buyer_orders",
    "masked_recipient",
    "new_order_number",
    "place_orders",
    "unfinished_orders",
    "visible_to_buyer",
]


# --- queries ---------------------------------------------------------------------------------


def visible_to_buyer() -> ColumnElement[bool]:
    """The condition every non-legal use of orders adds: the buyer has not deleted the order."""
    return Order.buyer_deleted_at.is_(None)


def buyer_orders(*, buyer_id: str, state: OrderState | None = None) -> Select[Order]:
    """The buyer's visible orders (newest first), optionally in one state, as a statement."""
    stmt = select(Order).where(Order.buyer_id == buyer_id, visible_to_buyer())
    if state is not None:
        stmt = stmt.where(Order.state == state.value)
    return stmt.order_by(Order.created_at.desc(), Order.id.desc())


def list_buyer_orders(
    *, session: Session, buyer_id: str, state: OrderState | None = None, limit: int = PAGE_SIZE, offset: int = 0
) -> list[Order]:
    """A page of the buyer's visible orders with their lines: two queries, whatever the count."""
    stmt = buyer_orders(buyer_id=buyer_id, state=state).limit(limit).offset(offset)
    return list(session.scalars(stmt))


def count_by_state(*, session: Session, buyer_id: str) -> dict[str, int]:
    """How many visible orders the buyer has in each state (for the tabs)."""
    stmt = select(Order.state, func.count()).where(Order.buyer_id == buyer_id, visible_to_buyer()).group_by(Order.state)
    counts = {state.value: 0 for state in OrderState}
    counts.update({state: count for state, count in session.execute(stmt)})
    return counts


def get_buyer_order(session: Session, buyer_id: str, order_id: int) -> Order:
    """The buyer's own, not deleted, order; anything else raises ``OrderNotFound`` (404)."""
    order = session.scalar(select(Order).where(Order.id == order_id, Order.buyer_id == buyer_id, visible_to_buyer()))
    if order is None:
        raise OrderNotFound()
    return order


def get_buyer_order_for_update(session: Session, buyer_id: str, order_id: int) -> Order:
    """As :func:`get_buyer_order`, holding the row until the transaction ends (paying, cancelling)."""
    order = session.scalar(
        select(Order).where(Order.id == order_id, Order.buyer_id == buyer_id, visible_to_buyer()).with_for_update()
    )
    if order is None:
        raise OrderNotFound()
    return order


def get_order_for_update(session: Session, order_id: int) -> Order:
    """Any order by id, row held until the transaction ends (a legal use: payment results,
    shipping, after-sales). The caller checks who may act on it."""
    order = session.scalar(select(Order).where(Order.id == order_id).with_for_update())
    if order is None:
        raise OrderNotFound()
    return order


def unfinished_orders(*, session: Session, buyer_id: str) -> int:
    """How many of the buyer's orders are not completed or cancelled (account cancellation, P61)."""
    stmt = (
        select(func.count())
        .select_from(Order)
        .where(Order.buyer_id == buyer_id, Order.state.not_in([OrderState.COMPLETED.value, OrderState.CANCELLED.value]))
    )
    return session.scalar(stmt) or 0


@dataclass(frozen=True, slots=True)
class MaskedRecipient:
    name: str
    phone: str
    address: str
    postcode: str


def masked_recipient(order: Order) -> MaskedRecipient:
    """The order's recipient as pages and the API show it by default."""
    return MaskedRecipient(
        name=order.recipient_name.mask,
        phone=order.recipient_phone.mask,
        address=order.recipient_address.mask,
        postcode=mask_postcode(order.recipient_postcode),
    )


# --- the buyer's actions ---------------------------------------------------------------------


def _restore_stock(session: Session, order: Order) -> None:
    for line in sorted(order.lines, key=lambda line: line.product_id):
        session.execute(
            update(Product)
            .where(Product.id == line.product_id)
            .values(stock=Product.stock + line.quantity)
            .execution_options(synchronize_session=False)
        )


def count_sales(session: Session, order: Order, *, sign: int = 1) -> None:
    """Add (or, when a paid order is cancelled, take back) the order's quantities to each
    product's sales count: what the 已售 figure and the best-seller shelf show."""
    for line in sorted(order.lines, key=lambda line: line.product_id):
        session.execute(
            update(Product)
            .where(Product.id == line.product_id)
            .values(sales_count=Product.sales_count + sign * line.quantity)
            .execution_options(synchronize_session=False)
        )


def cancel_order(*, session: Session, buyer_id: str, order_id: int, now: datetime) -> Order:
    """Cancel an order awaiting payment or shipment and put its items back in stock."""
    order = get_buyer_order_for_update(session, buyer_id, order_id)
    was_paid = order.state == OrderState.AWAITING_SHIPMENT.value
    advance(order, OrderState.CANCELLED, now=now)
    _restore_stock(session, order)
    if was_paid:
        count_sales(session, order, sign=-1)
    session.flush()
    return order


def confirm_receipt(*, session: Session, buyer_id: str, order_id: int, now: datetime) -> Order:
    """The buyer received the goods: awaiting receipt → awaiting review."""
    order = get_buyer_order_for_update(session, buyer_id, order_id)
    advance(order, OrderState.AWAITING_REVIEW, now=now)
    session.flush()
    return order


def delete_order(*, session: Session, buyer_id: str, order_id: int, now: datetime) -> Order:
    """Hide a completed or cancelled order from the buyer and every non-legal use (P55); the row
    stays for its legal retention."""
    order = get_buyer_order_for_update(session, buyer_id, order_id)
    if order.state not in DELETABLE:
        raise NotDeletable()
    order.buyer_deleted_at = now
    session.flush()
    audit.append(
        session,
        actor=Actor(kind="subject", id=buyer_id),
        action="order.deleted_by_buyer",
        subject_id=buyer_id,
        purpose="order.management",
        refs={"order_id": order.id},
    )
    return order


def orders_by_ids(*, session: Session, buyer_id: str, order_ids: Sequence[int]) -> list[Order]:
    """The buyer's visible orders among ``order_ids`` (e.g. just placed), in id order."""
    stmt = select(Order).where(Order.id.in_(order_ids), Order.buyer_id == buyer_id, visible_to_buyer())
    return list(session.scalars(stmt.order_by(Order.id)))

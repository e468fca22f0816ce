"""Paying an order through a payment institution (P19, P34).

The order number and amount reach the institution only through the disclosure gateway
(``payment.settle``). The amount charged is the order's own, computed by the server when the
order was placed; the client never names one. The order row is locked while paying, so two
requests cannot both pay it; a partial unique index on successful payments is the backstop.
What the institution answers is stored with the recipient it came from (P34).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from shouyue.commerce.orders import service as orders_service
from shouyue.commerce.orders.models import Order, OrderState
from shouyue.commerce.orders.states import advance, label
from shouyue.commerce.payments import cards
from shouyue.commerce.payments.exceptions import (
    AlreadyPaid,
    CardRequired,
    OrderNotPayable,
    PaymentBusy,
    PaymentDeclined,
    PaymentUnavailable,
    UnknownChannel,
)
from shouyue.commerce.payments.models import SUCCEEDED, Payment
from shouyue.privacy.actors import Actor
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.gateway import disclose
from shouyue.privacy.vault import Vault
from shouyue.providers.payment import (
    CHANNEL_RECIPIENTS,
    SETTLE_PURPOSE,
    Channel,
    PaymentProvider,
    PaymentStatus,
    ProviderRefused,
)
from shouyue.providers.payment.protocol import DEVICE, ORDER_AMOUNT, ORDER_NUMBER

PAID_STATES = frozenset(
    {OrderState.AWAITING_SHIPMENT, OrderState.AWAITING_RECEIPT, OrderState.AWAITING_REVIEW, OrderState.COMPLETED}
)


def get_buyer_order_or_raise(*, session: Session, buyer_id: str, order_id: int, for_update: bool = False) -> Order:
    """The buyer's own, not deleted order (the orders domain decides what "own" means); any other
    id is 404 and reveals nothing."""
    if for_update:
        return orders_service.get_buyer_order_for_update(session, buyer_id, order_id)
    return orders_service.get_buyer_order(session, buyer_id, order_id)


def parse_channel(channel: str) -> Channel:
    """The payment channel named ``channel``, or ``UnknownChannel``."""
    try:
        return Channel(channel)
    except ValueError:
        raise UnknownChannel() from None


def _ensure_payable(session: Session, order: Order) -> None:
    state = OrderState(order.state)
    if state in PAID_STATES or _succeeded(session, order.id) is not None:
        raise AlreadyPaid()
    if state is not OrderState.AWAITING_PAYMENT:
        raise OrderNotPayable(label(state))


def _claim(session: Session, order: Order) -> None:
    """Hold the order for this payment before anything leaves: PostgreSQL already holds the row
    (``FOR UPDATE``); SQLite has no row locks, so this first write takes its single writer lock
    and a concurrent payer re-checks the state only after this one commits."""
    try:
        claimed = session.execute(
            update(Order)
            .where(Order.id == order.id, Order.state == OrderState.AWAITING_PAYMENT.value)
            .values(state=Order.state)
            .execution_options(synchronize_session=False)
        )
    except OperationalError as exc:
        if _waited_too_long(exc):
            raise PaymentBusy() from None
        raise
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(order)
        _ensure_payable(session, order)
        raise AlreadyPaid()


def _waited_too_long(exc: OperationalError) -> bool:
    """SQLite's writer lock past its busy timeout, or PostgreSQL's ``lock_timeout`` (55P03)."""
    if getattr(exc.orig, "sqlstate", None) == "55P03":
        return True
    text = str(exc.orig).lower()
    return "database is locked" in text or "database is busy" in text or "lock timeout" in text


def _succeeded(session: Session, order_id: int) -> Payment | None:
    return session.scalars(select(Payment).where(Payment.order_id == order_id, Payment.status == SUCCEEDED)).first()


def pay(
    *,
    session: Session,
    datamap: DataMap,
    vault: Vault,
    provider: PaymentProvider,
    buyer_id: str,
    order_id: int,
    channel: str,
    card_id: int | None = None,
    device_id: str | None = None,
    now: datetime,
) -> Payment:
    """Pay the buyer's awaiting-payment order with ``channel`` (``bank_card`` needs ``card_id``);
    on success the order awaits shipment. A decline is recorded and raised as ``PaymentDeclined``
    (``keep_changes``: the caller commits the failed attempt); the order still awaits payment."""
    chosen = parse_channel(channel)
    order = get_buyer_order_or_raise(session=session, buyer_id=buyer_id, order_id=order_id, for_update=True)
    _ensure_payable(session, order)
    _claim(session, order)
    card = None
    if chosen is Channel.BANK_CARD:
        if card_id is None:
            raise CardRequired()
        card = cards.get_active_card_or_raise(session=session, account_id=buyer_id, card_id=card_id)
    amount = order.amount_fen
    fields = {ORDER_NUMBER: order.number, ORDER_AMOUNT: str(amount)}
    if device_id:
        fields[DEVICE] = device_id  # the SDKs receive only its keyed hash; the bank is not declared for it
    disclosure = disclose(
        session=session,
        datamap=datamap,
        recipient=CHANNEL_RECIPIENTS[chosen],
        purpose=SETTLE_PURPOSE,
        subject_id=buyer_id,
        fields=fields,
        actor=Actor(kind="subject", id=buyer_id),
        keyed_hash=vault.keyed_hash,
        now=now,
    )
    try:
        result = provider.charge(disclosure, channel=chosen, agreement_ref=card.agreement_ref if card else None)
    except ProviderRefused:
        raise PaymentUnavailable() from None
    succeeded = result.status is PaymentStatus.SUCCEEDED
    payment = Payment(
        order_id=order.id,
        buyer_id=buyer_id,
        channel=chosen.value,
        status=result.status.value,
        amount_fen=result.amount_fen,
        paid_at=result.at if succeeded else None,
        reference=result.reference,
        failure_reason=result.message,
        source_recipient=result.recipient,
        disclosure_id=disclosure.id,
        card_id=card.id if card else None,
        created_at=now,
    )
    session.add(payment)
    if not succeeded:
        session.flush()
        raise PaymentDeclined(result.message or "支付机构拒绝了本次付款")
    advance(order, OrderState.AWAITING_SHIPMENT, now=now)
    try:
        session.flush()
    except IntegrityError:
        raise AlreadyPaid() from None
    orders_service.count_sales(session, order)
    return payment


def payments_for_order(*, session: Session, buyer_id: str, order_id: int) -> list[Payment]:
    """Every payment attempt on the buyer's own order, oldest first."""
    order = get_buyer_order_or_raise(session=session, buyer_id=buyer_id, order_id=order_id)
    return list(session.scalars(select(Payment).where(Payment.order_id == order.id).order_by(Payment.id)))

"""Shipping an order and tracking its parcel (P34, P41).

The seller ships an awaiting-shipment order of their own shop with a carrier and a tracking
number. The recipient's name, phone, address and postcode go to the carrier
(``partner.logistics``) through the disclosure gateway; the tracker standing for Kuaidi100
(``sdk.kuaidi100``) is asked with the phone's last four digits only, the reduction the data map
declares. Tracking events are stored with the recipient they came from (P34).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shouyue.commerce.orders.models import Order, OrderState
from shouyue.commerce.orders.states import advance, label
from shouyue.commerce.shipping.exceptions import (
    AlreadyShipped,
    InvalidTrackingNumber,
    LogisticsUnavailable,
    NoShop,
    NotAwaitingShipment,
    NotShippedYet,
    OrderNotFound,
    UnknownCarrier,
)
from shouyue.commerce.shipping.models import Shipment, TrackingEvent
from shouyue.commerce.shops import service as shops_service
from shouyue.commerce.shops.models import Shop
from shouyue.privacy.actors import Actor
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.gateway import Disclosure, disclose
from shouyue.privacy.vault import reveal
from shouyue.providers.logistics import (
    CARRIER_RECIPIENT,
    CARRIERS,
    FULFILMENT_PURPOSE,
    TRACKER_RECIPIENT,
    Carrier,
    LogisticsRefused,
    Tracker,
)
from shouyue.providers.logistics.protocol import (
    RECIPIENT_ADDRESS,
    RECIPIENT_NAME,
    RECIPIENT_PHONE,
    RECIPIENT_POSTCODE,
    SHIP_FROM,
)

SYSTEM = Actor.system("shipping")
TRACKING_NUMBER = re.compile(r"[A-Za-z0-9]{8,20}")
# A tracking page asks the tracker again only after this long (each query is a disclosure).
REFRESH_AFTER = timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class Tracking:
    """A shipment and the events reported for it, oldest first."""

    shipment: Shipment
    events: list[TrackingEvent]

    @property
    def carrier_name(self) -> str:
        return CARRIERS.get(self.shipment.carrier, self.shipment.carrier)


def shop_of_or_raise(*, session: Session, account_id: str) -> Shop:
    """The account's own shop, or ``NoShop`` ("请先开店")."""
    shop = session.scalars(select(Shop).where(Shop.owner_id == account_id)).first()
    if shop is None:
        raise NoShop()
    return shop


def get_shop_order_or_raise(*, session: Session, shop_id: int, order_id: int, for_update: bool = False) -> Order:
    """An order of the shop; another shop's order is ``OrderNotFound`` (reveals nothing)."""
    statement = select(Order).where(Order.id == order_id, Order.shop_id == shop_id)
    if for_update:
        statement = statement.with_for_update()
    order = session.scalars(statement).first()
    if order is None:
        raise OrderNotFound()
    return order


def parse_tracking_number(value: str) -> str:
    number = value.strip().upper()
    if not TRACKING_NUMBER.fullmatch(number):
        raise InvalidTrackingNumber()
    return number


def ship(
    *,
    session: Session,
    datamap: DataMap,
    carrier_api: Carrier,
    tracker: Tracker,
    seller_id: str,
    order_id: int,
    carrier: str,
    tracking_number: str,
    now: datetime,
    pickup: bool = False,
) -> Shipment:
    """Ship an awaiting-shipment order of the seller's own shop; the order then awaits receipt.

    With ``pickup`` the carrier collects the parcel at the shop: that needs the optional ship-from
    address (shop management, P13) and sends it to the carrier as a disclosure about the seller;
    without it the seller drops the parcel off and the carrier gets no address of the shop."""
    if carrier not in CARRIERS:
        raise UnknownCarrier()
    number = parse_tracking_number(tracking_number)
    shop = shop_of_or_raise(session=session, account_id=seller_id)
    order = get_shop_order_or_raise(session=session, shop_id=shop.id, order_id=order_id, for_update=True)
    state = OrderState(order.state)
    already = session.scalars(select(Shipment.id).where(Shipment.order_id == order.id)).first()
    if already is not None or state in (OrderState.AWAITING_RECEIPT, OrderState.AWAITING_REVIEW, OrderState.COMPLETED):
        raise AlreadyShipped()
    if state is not OrderState.AWAITING_SHIPMENT:
        raise NotAwaitingShipment(label(state))
    merchant = Actor(kind="merchant", id=seller_id)
    # The platform opens the recipient snapshot to hand it to the carrier; the seller does not see it
    # here. The disclosure itself is logged and audited with the seller as the actor.
    recipient = {
        RECIPIENT_NAME: reveal(session, order.recipient_name, purpose=FULFILMENT_PURPOSE, actor=SYSTEM),
        RECIPIENT_PHONE: reveal(session, order.recipient_phone, purpose=FULFILMENT_PURPOSE, actor=SYSTEM),
        RECIPIENT_ADDRESS: reveal(session, order.recipient_address, purpose=FULFILMENT_PURPOSE, actor=SYSTEM),
        RECIPIENT_POSTCODE: order.recipient_postcode,
    }
    to_carrier = disclose(
        session=session,
        datamap=datamap,
        recipient=CARRIER_RECIPIENT,
        purpose=FULFILMENT_PURPOSE,
        subject_id=order.buyer_id,
        fields=recipient,
        actor=merchant,
        now=now,
    )
    ship_from = (
        _pickup_disclosure(session=session, datamap=datamap, shop=shop, actor=merchant, now=now) if pickup else None
    )
    try:
        receipt = carrier_api.hand_over(to_carrier, carrier=carrier, tracking_number=number, pickup=ship_from)
    except LogisticsRefused:
        raise LogisticsUnavailable() from None
    shipment = Shipment(
        order_id=order.id,
        shop_id=shop.id,
        buyer_id=order.buyer_id,
        carrier=carrier,
        tracking_number=number,
        shipped_by=seller_id,
        shipped_at=now,
        carrier_reference=receipt.reference,
        carrier_recipient=receipt.recipient,
    )
    session.add(shipment)
    advance(order, OrderState.AWAITING_RECEIPT, now=now)
    try:
        session.flush()
    except IntegrityError:
        raise AlreadyShipped() from None
    try:
        with session.begin_nested():
            _refresh(
                session=session,
                datamap=datamap,
                tracker=tracker,
                order=order,
                shipment=shipment,
                actor=merchant,
                now=now,
            )
    except LogisticsUnavailable:
        pass  # the parcel is on its way all the same; the tracker is asked again when someone looks
    return shipment


def _pickup_disclosure(*, session: Session, datamap: DataMap, shop: Shop, actor: Actor, now: datetime) -> Disclosure:
    """The shop's ship-from address for a collection, through the gateway; refused with the shop
    domain's message (naming the missing extra) when the seller never gave it or withdrew consent."""
    shops_service.require_feature(session=session, shop=shop, feature=shops_service.Feature.SHIP)
    sealed = shops_service.shipping_address_of(session=session, shop=shop)
    if sealed is None:  # require_feature has refused already; kept for the type checker
        raise shops_service.FeatureUnavailable("上门取件", ["发货地址"])
    address = reveal(session, sealed, purpose=FULFILMENT_PURPOSE, actor=SYSTEM)
    return disclose(
        session=session,
        datamap=datamap,
        recipient=CARRIER_RECIPIENT,
        purpose=FULFILMENT_PURPOSE,
        subject_id=shop.owner_id,
        fields={SHIP_FROM: address},
        actor=actor,
        now=now,
    )


def _refresh(
    *,
    session: Session,
    datamap: DataMap,
    tracker: Tracker,
    order: Order,
    shipment: Shipment,
    actor: Actor,
    now: datetime,
) -> None:
    """Ask the tracker about the parcel with the phone's last four digits; store new events."""
    phone = reveal(session, order.recipient_phone, purpose=FULFILMENT_PURPOSE, actor=SYSTEM)
    to_tracker = disclose(
        session=session,
        datamap=datamap,
        recipient=TRACKER_RECIPIENT,
        purpose=FULFILMENT_PURPOSE,
        subject_id=order.buyer_id,
        fields={RECIPIENT_PHONE: phone},  # reduced by the gateway to the last four digits
        actor=actor,
        now=now,
    )
    try:
        report = tracker.track(to_tracker, carrier=shipment.carrier, tracking_number=shipment.tracking_number, now=now)
    except LogisticsRefused:
        raise LogisticsUnavailable() from None
    known = {(e.at, e.status) for e in events_of(session=session, shipment_id=shipment.id)}
    for event in report.events:
        if (event.at, event.status) in known:
            continue
        session.add(
            TrackingEvent(
                shipment_id=shipment.id,
                buyer_id=order.buyer_id,
                at=event.at,
                status=event.status,
                description=event.description[:200],
                source_recipient=report.recipient,
                received_at=now,
            )
        )
    shipment.last_tracked_at = now
    session.flush()


def events_of(*, session: Session, shipment_id: int) -> list[TrackingEvent]:
    """The stored tracking events of a shipment, oldest first."""
    return list(
        session.scalars(
            select(TrackingEvent)
            .where(TrackingEvent.shipment_id == shipment_id)
            .order_by(TrackingEvent.at, TrackingEvent.id)
        )
    )


def _tracking(
    *, session: Session, datamap: DataMap, tracker: Tracker, order: Order, actor: Actor, now: datetime
) -> Tracking:
    shipment = session.scalars(select(Shipment).where(Shipment.order_id == order.id)).first()
    if shipment is None:
        raise NotShippedYet()
    stale = shipment.last_tracked_at is None or now - shipment.last_tracked_at >= REFRESH_AFTER
    if stale and OrderState(order.state) is OrderState.AWAITING_RECEIPT:
        try:
            with session.begin_nested():
                _refresh(
                    session=session,
                    datamap=datamap,
                    tracker=tracker,
                    order=order,
                    shipment=shipment,
                    actor=actor,
                    now=now,
                )
        except LogisticsUnavailable:
            pass  # the events already stored are shown; the tracker is asked again next time
    return Tracking(shipment=shipment, events=events_of(session=session, shipment_id=shipment.id))


def tracking_for_buyer(
    *, session: Session, datamap: DataMap, tracker: Tracker, buyer_id: str, order_id: int, now: datetime
) -> Tracking:
    """The parcel of the buyer's own order, refreshed from the tracker when stale."""
    order = session.scalars(
        select(Order).where(Order.id == order_id, Order.buyer_id == buyer_id, Order.buyer_deleted_at.is_(None))
    ).first()
    if order is None:
        raise OrderNotFound()
    return _tracking(
        session=session,
        datamap=datamap,
        tracker=tracker,
        order=order,
        actor=Actor(kind="subject", id=buyer_id),
        now=now,
    )


def tracking_for_seller(
    *, session: Session, datamap: DataMap, tracker: Tracker, seller_id: str, order_id: int, now: datetime
) -> Tracking:
    """The parcel of an order of the seller's own shop, refreshed from the tracker when stale."""
    shop = shop_of_or_raise(session=session, account_id=seller_id)
    order = get_shop_order_or_raise(session=session, shop_id=shop.id, order_id=order_id)
    return _tracking(
        session=session,
        datamap=datamap,
        tracker=tracker,
        order=order,
        actor=Actor(kind="merchant", id=seller_id),
        now=now,
    )


def shipment_of(*, session: Session, order_id: int) -> Tracking | None:
    """The order's shipment and stored events, without asking the tracker (None before shipping)."""
    shipment = session.scalars(select(Shipment).where(Shipment.order_id == order_id)).first()
    if shipment is None:
        return None
    return Tracking(shipment=shipment, events=events_of(session=session, shipment_id=shipment.id))

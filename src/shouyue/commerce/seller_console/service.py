"""The seller's order console (P05): orders of the seller's own shop, buyer PI masked by default.

Merchants see only the buyer PI their orders need: the recipient's name, phone and address as
masks from the sealed snapshot. The full details are opened only for an order awaiting shipment,
through ``reveal`` with purpose ``order.fulfilment`` and a merchant actor, so each opening is
written to the audit log. Another shop's order is not found.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from shouyue.commerce.orders.models import Order, OrderLine, OrderState
from shouyue.commerce.orders.states import label
from shouyue.commerce.seller_console.exceptions import RevealRefused, UnknownState
from shouyue.commerce.shipping import service as shipping
from shouyue.commerce.shipping.models import Shipment
from shouyue.commerce.shipping.service import Tracking
from shouyue.commerce.shops.models import Shop
from shouyue.privacy.actors import Actor
from shouyue.privacy.vault import reveal

FULFILMENT_PURPOSE = "order.fulfilment"
# What the console says about the buyer PI it shows (P05; 一.2 of the notice).
MERCHANT_PI_STATEMENT = (
    "平台仅向商家展示履行订单所必需的买家个人信息，并默认脱敏显示；完整收货信息仅在订单待发货时可查看，"
    "每次查看均留痕记录。商家在平台之外直接向买家收集的个人信息不适用本平台的隐私声明，由商家依法自行负责。"
)


@dataclass(frozen=True, slots=True)
class SellerOrderView:
    """An order as its shop sees it: goods, amount, state and the recipient's masks."""

    order: Order
    lines: list[OrderLine]
    shipment: Tracking | None

    @property
    def state_label(self) -> str:
        return label(self.order.state)

    @property
    def recipient_name(self) -> str:
        return self.order.recipient_name.mask

    @property
    def recipient_phone(self) -> str:
        return self.order.recipient_phone.mask

    @property
    def recipient_address(self) -> str:
        return self.order.recipient_address.mask

    @property
    def can_reveal(self) -> bool:
        return OrderState(self.order.state) is OrderState.AWAITING_SHIPMENT

    @property
    def can_ship(self) -> bool:
        return self.can_reveal and self.shipment is None


@dataclass(frozen=True, slots=True)
class RecipientDetails:
    """The full delivery details of one order, opened for shipping (audited)."""

    order_id: int
    name: str
    phone: str
    address: str
    postcode: str

    def __repr__(self) -> str:
        return f"RecipientDetails(order_id={self.order_id}, ***)"


def parse_state(state: str | None) -> OrderState | None:
    if state is None or state == "":
        return None
    try:
        return OrderState(state)
    except ValueError:
        raise UnknownState() from None


def list_orders(*, session: Session, seller_id: str, state: str | None = None) -> tuple[Shop, list[SellerOrderView]]:
    """The seller's shop and its orders, newest first, optionally in one state."""
    shop = shipping.shop_of_or_raise(session=session, account_id=seller_id)
    wanted = parse_state(state)
    statement = select(Order).where(Order.shop_id == shop.id)
    if wanted is not None:
        statement = statement.where(Order.state == wanted.value)
    orders = list(session.scalars(statement.order_by(Order.created_at.desc(), Order.id.desc())))
    ids = [o.id for o in orders]
    lines: dict[int, list[OrderLine]] = defaultdict(list)
    shipments: dict[int, Shipment] = {}
    if ids:
        for line in session.scalars(select(OrderLine).where(OrderLine.order_id.in_(ids)).order_by(OrderLine.id)):
            lines[line.order_id].append(line)
        for shipment in session.scalars(select(Shipment).where(Shipment.order_id.in_(ids))):
            shipments[shipment.order_id] = shipment
    views = [
        SellerOrderView(
            order=o,
            lines=lines[o.id],
            shipment=Tracking(shipment=shipments[o.id], events=[]) if o.id in shipments else None,
        )
        for o in orders
    ]
    return shop, views


def get_order(*, session: Session, seller_id: str, order_id: int) -> SellerOrderView:
    """One order of the seller's shop with its lines and stored tracking; others are not found."""
    shop = shipping.shop_of_or_raise(session=session, account_id=seller_id)
    order = shipping.get_shop_order_or_raise(session=session, shop_id=shop.id, order_id=order_id)
    lines = list(session.scalars(select(OrderLine).where(OrderLine.order_id == order.id).order_by(OrderLine.id)))
    return SellerOrderView(order=order, lines=lines, shipment=shipping.shipment_of(session=session, order_id=order.id))


def reveal_recipient(*, session: Session, seller_id: str, order_id: int) -> RecipientDetails:
    """The full recipient details of an awaiting-shipment order of the seller's shop (audited);
    refused for any other state (``RevealRefused``)."""
    shop = shipping.shop_of_or_raise(session=session, account_id=seller_id)
    order = shipping.get_shop_order_or_raise(session=session, shop_id=shop.id, order_id=order_id)
    state = OrderState(order.state)
    if state is not OrderState.AWAITING_SHIPMENT:
        raise RevealRefused(label(state))
    merchant = Actor(kind="merchant", id=seller_id)
    return RecipientDetails(
        order_id=order.id,
        name=reveal(session, order.recipient_name, purpose=FULFILMENT_PURPOSE, actor=merchant),
        phone=reveal(session, order.recipient_phone, purpose=FULFILMENT_PURPOSE, actor=merchant),
        address=reveal(session, order.recipient_address, purpose=FULFILMENT_PURPOSE, actor=merchant),
        postcode=order.recipient_postcode,
    )

"""Demo orders in every state, each walked through the same services a buyer and a seller use:
placed from the address book (sealed recipient snapshot under the buyer's held key), paid through
a sandbox institution, shipped through the sandbox carrier, received, reviewed or completed, or
cancelled. Only domestic goods are ordered, so no customs declaration is pending."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from shouyue.commerce.accounts.models import Account
from shouyue.commerce.addresses.models import Address
from shouyue.commerce.catalog.models import Product
from shouyue.commerce.orders import service as orders
from shouyue.commerce.orders.models import Order, OrderState
from shouyue.commerce.orders.placement import LineRequest, OrderRequest, place_orders
from shouyue.commerce.payments import service as payments
from shouyue.commerce.reviews import service as reviews
from shouyue.commerce.shipping import service as shipping
from shouyue.demo_data.buyers import BuyerPlan
from shouyue.demo_data.context import Seeding
from shouyue.demo_data.people import People
from shouyue.demo_data.sellers import SellerPlan
from shouyue.privacy.consent import Channel

S = OrderState
# The demo buyer has one order in each state (and a completed one without a review).
DEMO_BUYER_TARGETS = (S.AWAITING_PAYMENT, S.AWAITING_SHIPMENT, S.AWAITING_RECEIPT, S.AWAITING_REVIEW)
DEMO_BUYER_TARGETS += (S.COMPLETED, S.CANCELLED, S.COMPLETED)
OTHER_TARGETS = (S.AWAITING_PAYMENT, S.AWAITING_SHIPMENT, S.AWAITING_RECEIPT, S.AWAITING_REVIEW, S.COMPLETED)
OTHER_TARGETS += (S.COMPLETED, S.COMPLETED, S.CANCELLED)
PAY_CHANNELS = ("alipay", "wechat_pay", "unionpay")
CARRIER_CODES = ("SF", "ZTO", "YTO", "YUNDA", "JD", "EMS")
REVIEWS = (
    (5, "质量很好，做工细致，和描述一致，物流也很快，会回购。"),
    (5, "包装严实，没有磕碰，用了几天感觉不错。"),
    (4, "整体满意，颜色比图片稍深一点，性价比挺高。"),
    (5, "客服回复及时，发货快，推荐给家里人了。"),
    (3, "东西还可以，就是快递慢了两天。"),
    # A review with a phone number in it: published masked, as the platform promises (P21).
    (4, "好用！有想了解的可以打我电话13912340000问我。"),
)
# Days before ``now`` an order in each state was placed, so that every later step is in the past.
AGE_DAYS = {
    S.AWAITING_PAYMENT: (0, 0),
    S.AWAITING_SHIPMENT: (1, 2),
    S.AWAITING_RECEIPT: (2, 3),
    S.AWAITING_REVIEW: (4, 8),
    S.COMPLETED: (6, 40),
    S.CANCELLED: (1, 20),
}


@dataclass(frozen=True, slots=True)
class OrderPlan:
    buyer: int
    seller: int
    picks: tuple[tuple[int, int], ...]  # (index among the shop's domestic products, quantity)
    address: int
    target: OrderState
    age: timedelta
    channel: str
    carrier: str
    tracking_number: str
    reviews: tuple[tuple[int, str], ...]  # (rating, text) per line, empty: completed without review


def domestic_titles(seller: SellerPlan) -> list[str]:
    """The titles of the shop's domestic products, in plan order (orders pick from these)."""
    return [p.title for specs in seller.products.values() for p in specs if not p.cross_border]


def plan_orders(people: People, buyers: list[BuyerPlan], sellers: list[SellerPlan]) -> list[OrderPlan]:
    """The demo orders; the same seed always gives the same plans."""
    rng = people.rng
    plans = []
    for b, buyer in enumerate(buyers):
        targets = DEMO_BUYER_TARGETS if b == 0 else tuple(rng.choice(OTHER_TARGETS) for _ in range(rng.randint(2, 3)))
        for n, target in enumerate(targets):
            s = rng.randrange(len(sellers))
            titles = domestic_titles(sellers[s])
            picked = rng.sample(range(len(titles)), k=rng.choice((1, 1, 2)))
            picks = tuple((i, rng.choice((1, 1, 2))) for i in sorted(picked))
            low, high = AGE_DAYS[target]
            age = timedelta(days=rng.randint(low, high), hours=rng.randint(0, 5), minutes=30)
            carrier = rng.choice(CARRIER_CODES)
            chance = rng.random()
            if b == 0:  # the demo buyer: one completed order reviewed, the last one completed without
                reviewed = target is S.COMPLETED and n != len(targets) - 1
            else:
                reviewed = target is S.COMPLETED and chance < 0.8
            plans.append(
                OrderPlan(
                    buyer=b,
                    seller=s,
                    picks=picks,
                    address=rng.randrange(len(buyer.addresses)),
                    target=target,
                    age=age,
                    channel=rng.choice(PAY_CHANNELS),
                    carrier=carrier,
                    tracking_number=f"{carrier}{rng.randrange(10**12):012d}",
                    reviews=tuple(rng.choice(REVIEWS) for _ in picks) if reviewed else (),
                )
            )
    return plans


def has_orders(ctx: Seeding, buyer: Account) -> bool:
    return bool(ctx.session.scalar(select(func.count()).select_from(Order).where(Order.buyer_id == buyer.id)))


def fulfil(
    ctx: Seeding,
    plan: OrderPlan,
    *,
    buyer: Account,
    seller: Account,
    book: list[Address],
    products: dict[str, Product],
    titles: list[str],
) -> Order:
    """Place the planned order and take it, step by step, to its planned state."""
    session, t0 = ctx.session, ctx.now - plan.age
    lines = [LineRequest(product_id=products[titles[i]].id, quantity=q) for i, q in plan.picks]
    address = sorted(book, key=lambda a: a.id)[plan.address % len(book)]
    request = OrderRequest(lines=lines, address_id=address.id)
    order = place_orders(session=session, vault=ctx.vault, datamap=ctx.datamap, buyer=buyer, request=request, now=t0)
    placed = order.orders[0]
    ctx.added += 1
    if plan.target is S.CANCELLED:
        orders.cancel_order(session=session, buyer_id=buyer.id, order_id=placed.id, now=_at(t0, hours=2))
        return placed
    if plan.target is S.AWAITING_PAYMENT:
        return placed
    payments.pay(
        session=session,
        datamap=ctx.datamap,
        vault=ctx.vault,
        provider=ctx.payments,
        buyer_id=buyer.id,
        order_id=placed.id,
        channel=plan.channel,
        now=_at(t0, minutes=10),
    )
    if plan.target is S.AWAITING_SHIPMENT:
        return placed
    shipping.ship(
        session=session,
        datamap=ctx.datamap,
        carrier_api=ctx.carrier,
        tracker=ctx.tracker,
        seller_id=seller.id,
        order_id=placed.id,
        carrier=plan.carrier,
        tracking_number=plan.tracking_number,
        now=_at(t0, days=1),
    )
    if plan.target is S.AWAITING_RECEIPT:
        return placed
    orders.confirm_receipt(session=session, buyer_id=buyer.id, order_id=placed.id, now=_at(t0, days=3))
    if plan.target is S.AWAITING_REVIEW:
        return placed
    if not plan.reviews:
        reviews.complete_without_review(session=session, buyer_id=buyer.id, order_id=placed.id, now=_at(t0, days=4))
        return placed
    for (i, _q), (rating, text) in zip(plan.picks, plan.reviews, strict=True):
        reviews.publish(
            session=session,
            datamap=ctx.datamap,
            author_id=buyer.id,
            order_id=placed.id,
            product_id=products[titles[i]].id,
            rating=rating,
            text=text,
            image_ids=[],
            agree=True,
            channel=Channel.WEB,
            now=_at(t0, days=4),
        )
    return placed


def _at(start: datetime, **delta: int) -> datetime:
    return start + timedelta(**delta)

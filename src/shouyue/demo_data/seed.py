"""``seed_commerce``: the commerce demo — categories, shops of onboarded sellers, about 200
products, buyers with address books, and orders in every state — made only through the domain
services, deterministically from one seed, and idempotently (a second run adds nothing)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shouyue.commerce.catalog.models import Product
from shouyue.commerce.orders.models import Order, OrderState
from shouyue.commerce.orders.states import label
from shouyue.commerce.reviews.models import Review
from shouyue.demo_data import buyers as buyers_step
from shouyue.demo_data import orders as orders_step
from shouyue.demo_data import sellers as sellers_step
from shouyue.demo_data.context import Seeding
from shouyue.demo_data.people import People
from shouyue.privacy.consent import NoticeAcceptanceRequired
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.notice import versions
from shouyue.privacy.vault import Vault
from shouyue.providers.logistics import Carrier, Tracker, get_carrier, get_tracker
from shouyue.providers.payment import PaymentProvider, get_payment_provider
from shouyue.settings import get_settings

OUTBOX_PAGE = "/dev/outbox"


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What the commerce demo holds after the run, and how to log in to look at it."""

    categories: int
    shops: int
    products: int
    cross_border_products: int
    buyers: int
    orders_by_state: dict[str, int]
    reviews: int
    buyer_phone: str
    seller_phone: str
    seller_shop: str
    added: int
    seeded_phones: tuple[str, ...] = field(repr=False, default=())

    @property
    def orders(self) -> int:
        return sum(self.orders_by_state.values())

    def login_hints(self) -> list[str]:
        """Chinese lines for the console: what was seeded and how to log in."""
        states = "、".join(f"{label(s)}{n}" for s, n in self.orders_by_state.items())
        return [
            f"商品类目 {self.categories} 个，店铺 {self.shops} 家，商品 {self.products} 件"
            f"（其中跨境 {self.cross_border_products} 件），买家 {self.buyers} 位，评价 {self.reviews} 条",
            f"订单 {self.orders} 笔：{states}",
            f"演示买家：手机号 {self.buyer_phone}（各状态的订单都有一笔）",
            f"演示卖家（店长版）：手机号 {self.seller_phone}，店铺「{self.seller_shop}」",
            f"登录时获取短信验证码；开发环境不发真实短信，验证码在 {OUTBOX_PAGE} 查看",
            "本次新增：无（演示数据已存在）" if self.added == 0 else f"本次新增 {self.added} 项",
        ]


def seed_commerce(
    session: Session,
    *,
    vault: Vault,
    datamap: DataMap,
    now: datetime,
    seed: int = 2026,
    upload_dir: Path | None = None,
    payments: PaymentProvider | None = None,
    carrier: Carrier | None = None,
    tracker: Tracker | None = None,
) -> DemoSummary:
    """Seed the commerce demo (the caller commits). Needs a published notice, which the demo
    buyers and sellers accept as registration does; ``NoticeAcceptanceRequired`` otherwise."""
    notice_version = versions.latest_version(session=session)
    if notice_version is None:
        raise NoticeAcceptanceRequired(None, "尚未发布隐私政策：请先发布隐私政策再生成演示数据")
    ctx = Seeding(
        session=session,
        vault=vault,
        datamap=datamap,
        notice_version=notice_version,
        now=now,
        upload_dir=upload_dir or get_settings().upload_dir,
        payments=payments or get_payment_provider(),
        carrier=carrier or get_carrier(),
        tracker=tracker or get_tracker(),
    )
    # Every plan is drawn before the database is looked at, so a rerun draws the same people.
    people = People(seed)
    seller_plans = sellers_step.plan_sellers(people)
    buyer_plans = buyers_step.plan_buyers(people)
    order_plans = orders_step.plan_orders(people, buyer_plans, seller_plans)

    categories = sellers_step.seed_categories(ctx)
    sellers, shops, stock = [], [], []
    for i, plan in enumerate(seller_plans):
        account, shop = sellers_step.onboard(ctx, plan, i)
        products = sellers_step.stock_shop(ctx, shop, plan, categories)
        sellers.append(account)
        shops.append(shop)
        stock.append({p.title: p for p in products})
    buyers = [buyers_step.register(ctx, plan) for plan in buyer_plans]
    fresh = {i for i, (account, _book) in enumerate(buyers) if not orders_step.has_orders(ctx, account)}
    for plan in order_plans:
        if plan.buyer not in fresh:
            continue
        account, book = buyers[plan.buyer]
        orders_step.fulfil(
            ctx,
            plan,
            buyer=account,
            seller=sellers[plan.seller],
            book=book,
            products=stock[plan.seller],
            titles=orders_step.domestic_titles(seller_plans[plan.seller]),
        )
    session.flush()
    return _summary(ctx, seller_plans, buyer_plans, [s.id for s in shops], [b.id for b, _book in buyers])


def _summary(
    ctx: Seeding,
    seller_plans: list[sellers_step.SellerPlan],
    buyer_plans: list[buyers_step.BuyerPlan],
    shop_ids: list[int],
    buyer_ids: list[str],
) -> DemoSummary:
    session = ctx.session
    products = session.execute(
        select(Product.cross_border, func.count()).where(Product.shop_id.in_(shop_ids)).group_by(Product.cross_border)
    ).all()
    by_kind = {bool(cross): n for cross, n in products}
    states = Counter(
        dict(
            session.execute(
                select(Order.state, func.count()).where(Order.buyer_id.in_(buyer_ids)).group_by(Order.state)
            ).all()
        )
    )
    phones = [p.phone for p in seller_plans] + [b.phone for b in buyer_plans]
    phones += [a.phone for b in buyer_plans for a in b.addresses]
    return DemoSummary(
        categories=len(sellers_step.CATEGORIES),
        shops=len(shop_ids),
        products=sum(by_kind.values()),
        cross_border_products=by_kind.get(True, 0),
        buyers=len(buyer_ids),
        orders_by_state={s.value: states.get(s.value, 0) for s in OrderState},
        reviews=session.scalar(select(func.count()).select_from(Review).where(Review.author_id.in_(buyer_ids))) or 0,
        buyer_phone=buyer_plans[0].phone,
        seller_phone=seller_plans[0].phone,
        seller_shop=seller_plans[0].shop_name,
        added=ctx.added,
        seeded_phones=tuple(dict.fromkeys(phones)),
    )

"""Demo sellers and their shops, onboarded exactly as the seller edition onboards them: the seller
edition opened, real-name verification (name and a valid ID number), a Luhn-valid bank card
sealed with its blind index, an avatar, then the shop; then the shop's products."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from shouyue.commerce.accounts import profile
from shouyue.commerce.accounts import service as accounts
from shouyue.commerce.accounts.models import Account
from shouyue.commerce.catalog import service as catalog
from shouyue.commerce.catalog.models import Product, ProductCategory
from shouyue.commerce.catalog.rules import ProductDraft
from shouyue.commerce.identity import service as identity
from shouyue.commerce.shops import service as shops
from shouyue.commerce.shops.models import Shop, ShopKind
from shouyue.demo_data.catalogue import CATEGORIES, ProductSpec, products_for
from shouyue.demo_data.context import Seeding
from shouyue.demo_data.people import Card, People, avatar_png
from shouyue.privacy.consent import Channel

PRODUCT_TOTAL = 200

# (shop name, kind, categories sold, short description)
SHOPS: tuple[tuple[str, ShopKind, tuple[str, ...], str], ...] = (
    ("拾光数码专营店", ShopKind.PERSONAL, ("digital",), "耳机、充电器、键盘等数码配件"),
    ("木槿服饰", ShopKind.PERSONAL, ("apparel",), "舒适百搭的日常服饰"),
    ("青禾美妆小铺", ShopKind.PERSONAL, ("beauty",), "温和护肤与个护好物"),
    ("北辰家居生活馆", ShopKind.ENTERPRISE, ("home", "kitchen"), "家居日用与厨房用具"),
    ("小满母婴书房", ShopKind.PERSONAL, ("baby", "books"), "母婴用品与图书文具"),
    ("森屿户外宠物", ShopKind.PERSONAL, ("sports", "pets"), "运动户外装备与宠物用品"),
)


@dataclass(frozen=True, slots=True)
class SellerPlan:
    """Everything a demo seller gives, drawn in a fixed order from the seeded source."""

    phone: str
    real_name: str
    id_number: str
    card: Card
    shop_name: str
    kind: ShopKind
    description: str
    products: dict[str, list[ProductSpec]]  # category slug -> products

    def __repr__(self) -> str:
        return f"SellerPlan(shop_name={self.shop_name!r}, ...)"


def _quotas() -> dict[str, int]:
    base, extra = divmod(PRODUCT_TOTAL, len(CATEGORIES))
    return {slug: base + (1 if i < extra else 0) for i, (slug, _name) in enumerate(CATEGORIES)}


def plan_sellers(people: People) -> list[SellerPlan]:
    """The demo sellers; the same ``people`` seed always gives the same plans."""
    quotas = _quotas()
    plans = []
    for shop_name, kind, slugs, description in SHOPS:
        plans.append(
            SellerPlan(
                phone=people.phone(),
                real_name=people.name(),
                id_number=people.id_number(),
                card=people.bank_card(),
                shop_name=shop_name,
                kind=kind,
                description=description,
                products={slug: products_for(people.rng, slug, quotas[slug]) for slug in slugs},
            )
        )
    return plans


def seed_categories(ctx: Seeding) -> dict[str, ProductCategory]:
    """The demo's categories by slug; existing ones are kept as they are."""
    existing = {c.slug: c for c in ctx.session.scalars(select(ProductCategory))}
    for slug, name in CATEGORIES:
        if slug not in existing:
            existing[slug] = ProductCategory(slug=slug, name=name)
            ctx.session.add(existing[slug])
            ctx.added += 1
    ctx.session.flush()
    return existing


def _branch(plan: SellerPlan) -> str | None:
    return f"{plan.card.bank}北京朝阳支行" if plan.kind is ShopKind.ENTERPRISE else None


def onboard(ctx: Seeding, plan: SellerPlan, index: int) -> tuple[Account, Shop]:
    """The seller's account and open shop, each missing step done through its service."""
    account, _new = ctx.account(phone=plan.phone)
    session, now = ctx.session, ctx.now
    accounts.open_seller_edition(session=session, account=account, now=now)
    if identity.get_real_name(session=session, account_id=account.id) is None:
        identity.verify_real_name(
            session=session,
            vault=ctx.vault,
            datamap=ctx.datamap,
            account=account,
            real_name=plan.real_name,
            id_number=plan.id_number,
            now=now,
            today=identity.china_today(now),
        )
        ctx.added += 1
    if shops.bank_card_of(session=session, account_id=account.id) is None:
        shops.set_bank_card(
            session=session,
            vault=ctx.vault,
            datamap=ctx.datamap,
            account=account,
            card_number=plan.card.number,
            bank_name=plan.card.bank,
            branch_name=_branch(plan),
            now=now,
        )
        ctx.added += 1
    if account.avatar is None:
        profile.set_avatar(
            session=session,
            datamap=ctx.datamap,
            account=account,
            data=avatar_png(index + 1),
            upload_dir=ctx.upload_dir,
            agree=True,
            channel=Channel.WEB,
            now=now,
        )
    shop = shops.shop_of(session=session, owner_id=account.id)
    if shop is None:
        shop = shops.create_shop(
            session=session, datamap=ctx.datamap, account=account, name=plan.shop_name, kind=plan.kind, now=now
        )
        shop.description = plan.description
        session.flush()
        ctx.added += 1
    return account, shop


def stock_shop(ctx: Seeding, shop: Shop, plan: SellerPlan, categories: dict[str, ProductCategory]) -> list[Product]:
    """The shop's demo products, added through the catalogue service when missing (by title)."""
    have = {p.title: p for p in ctx.session.scalars(select(Product).where(Product.shop_id == shop.id))}
    products = []
    for slug, specs in plan.products.items():
        for spec in specs:
            product = have.get(spec.title)
            if product is None:
                draft = ProductDraft(
                    title=spec.title,
                    price_fen=spec.price_fen,
                    stock=spec.stock,
                    category_id=categories[slug].id,
                    description=spec.description,
                    cross_border=spec.cross_border,
                )
                product = catalog.create_product(session=ctx.session, shop=shop, draft=draft, now=ctx.now)
                ctx.added += 1
            products.append(product)
    return products

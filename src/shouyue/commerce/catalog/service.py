"""The catalogue's business rules: categories, a product's public view, shop pages, and a seller
managing their own products. Prices are whole fen on the product row; nothing here knows or asks
who is looking, so the same item costs the same for everyone (P83)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shouyue.commerce.catalog import images
from shouyue.commerce.catalog.cards import ProductCard, card_select, covers, to_cards
from shouyue.commerce.catalog.exceptions import CategoryNotFound, ProductNotFound, ShopNotFound, ShopRequired
from shouyue.commerce.catalog.models import Product, ProductCategory, ProductImage, ProductStatus
from shouyue.commerce.catalog.rules import ProductChanges, ProductDraft, check_changes, check_draft
from shouyue.commerce.shops import service as shops_service
from shouyue.commerce.shops.models import Shop

SHOP_PAGE_SIZE = 20


@dataclass(frozen=True, slots=True)
class ProductDetail:
    """What a product's page shows: the product, its category, its shop's public name, photos."""

    product: Product
    category: ProductCategory
    shop_id: int
    shop_name: str
    image_urls: list[str]

    @property
    def cover_url(self) -> str | None:
        return self.image_urls[0] if self.image_urls else None


@dataclass(frozen=True, slots=True)
class ShopPage:
    """A shop's public face: its name and description and one page of its products (no owner PI)."""

    id: int
    name: str
    description: str
    products: list[ProductCard]
    total: int
    page: int
    per_page: int


# --- categories ----------------------------------------------------------------------------------


def list_categories(*, session: Session) -> list[ProductCategory]:
    """Every category, in a stable order."""
    return list(session.scalars(select(ProductCategory).order_by(ProductCategory.id)))


def get_category(*, session: Session, slug: str) -> ProductCategory:
    category = session.scalar(select(ProductCategory).where(ProductCategory.slug == slug))
    if category is None:
        raise CategoryNotFound()
    return category


# --- public products and shops -------------------------------------------------------------------


def get_product(session: Session, product_id: int) -> Product:
    """A product on sale; :class:`ProductNotFound` if it does not exist or is off sale."""
    product = session.get(Product, product_id)
    if product is None or product.status != ProductStatus.ON_SALE.value:
        raise ProductNotFound()
    return product


def get_detail(*, session: Session, product_id: int) -> ProductDetail:
    """A product on sale with what its page shows."""
    product = get_product(session, product_id)
    category = session.get(ProductCategory, product.category_id)
    shop_name = session.scalar(select(Shop.name).where(Shop.id == product.shop_id))
    if category is None or shop_name is None:
        raise ProductNotFound()
    urls = [images.image_url(image.file_name) for image in images.images_of(session=session, product_id=product.id)]
    return ProductDetail(
        product=product, category=category, shop_id=product.shop_id, shop_name=shop_name, image_urls=urls
    )


def shop_page(*, session: Session, shop_id: int, page: int = 1, per_page: int = SHOP_PAGE_SIZE) -> ShopPage:
    """A shop's public page: name, description and its products on sale, newest first."""
    shop = session.get(Shop, shop_id)
    if shop is None:
        raise ShopNotFound()
    page = max(page, 1)
    on_sale = card_select().where(Product.shop_id == shop.id)
    total = session.scalar(select(func.count()).select_from(on_sale.subquery())) or 0
    rows = session.execute(
        on_sale.order_by(Product.created_at.desc(), Product.id.desc()).limit(per_page).offset((page - 1) * per_page)
    ).all()
    return ShopPage(
        id=shop.id,
        name=shop.name,
        description=shop.description,
        products=to_cards(session=session, rows=[(p, n) for p, n in rows]),
        total=total,
        page=page,
        per_page=per_page,
    )


# --- the seller's own products -------------------------------------------------------------------


def shop_of_owner(*, session: Session, account_id: str) -> Shop:
    """The shop ``account_id`` owns; :class:`ShopRequired` if none."""
    shop = session.scalar(select(Shop).where(Shop.owner_id == account_id))
    if shop is None:
        raise ShopRequired()
    return shop


def seller_products(*, session: Session, shop: Shop) -> list[Product]:
    """All of the shop's products, on sale or not, newest first."""
    return list(session.scalars(select(Product).where(Product.shop_id == shop.id).order_by(Product.id.desc())))


def seller_covers(*, session: Session, products: list[Product]) -> dict[int, str]:
    """The cover of each of the seller's products (one query)."""
    return covers(session=session, product_ids=[p.id for p in products])


def get_own_product(*, session: Session, shop: Shop, product_id: int) -> Product:
    """One of the shop's products; another shop's product reads as missing (reveals nothing)."""
    product = session.scalar(select(Product).where(Product.id == product_id, Product.shop_id == shop.id))
    if product is None:
        raise ProductNotFound()
    return product


def own_images(*, session: Session, product: Product) -> list[ProductImage]:
    return images.images_of(session=session, product_id=product.id)


def create_product(*, session: Session, shop: Shop, draft: ProductDraft, now: datetime) -> Product:
    """Put a new product of ``shop`` on sale after checking every field."""
    checked = check_draft(draft)
    _require_category(session, checked.category_id, shop=shop)
    product = Product(
        shop_id=shop.id,
        category_id=checked.category_id,
        title=checked.title,
        description=checked.description,
        price_fen=checked.price_fen,
        stock=checked.stock,
        cross_border=checked.cross_border,
        status=ProductStatus.ON_SALE.value if checked.on_sale else ProductStatus.OFF_SALE.value,
        sales_count=0,
        created_at=now,
    )
    session.add(product)
    session.flush()
    return product


def update_product(*, session: Session, product: Product, changes: ProductChanges) -> Product:
    """Change the given fields of the seller's product (all checked before any is applied)."""
    checked = check_changes(changes)
    if checked.category_id is not None or checked.on_sale:
        shop = session.get(Shop, product.shop_id)
        if shop is not None:
            _require_category(session, checked.category_id or product.category_id, shop=shop)
    for field in ("title", "description", "price_fen", "stock", "category_id", "cross_border"):
        value = getattr(checked, field)
        if value is not None:
            setattr(product, field, value)
    if checked.on_sale is not None:
        product.status = ProductStatus.ON_SALE.value if checked.on_sale else ProductStatus.OFF_SALE.value
    session.flush()
    return product


def _require_category(session: Session, category_id: int, *, shop: Shop) -> None:
    """The category exists, and a regulated one (food, medicine) only with the shop's licence and
    qualification on file (P13: without them only regulated listing is off)."""
    category = session.get(ProductCategory, category_id)
    if category is None:
        raise CategoryNotFound()
    shops_service.ensure_may_list_in(session=session, shop=shop, category_slug=category.slug)

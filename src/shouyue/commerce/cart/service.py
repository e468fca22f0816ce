"""The cart: add, change, remove, list with the catalogue's current price and stock.

The caller owns the transaction: these functions flush, the route commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from shouyue.commerce.cart.exceptions import CartFull, CartItemNotFound, ProductUnavailable, QuantityOutOfRange
from shouyue.commerce.cart.models import MAX_CART_ITEMS, MAX_QUANTITY, MIN_QUANTITY, CartItem
from shouyue.commerce.catalog.models import Product, ProductStatus


def check_quantity(quantity: int) -> int:
    """``quantity`` if it is a whole number from 1 to 999; else ``QuantityOutOfRange``."""
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not MIN_QUANTITY <= quantity <= MAX_QUANTITY:
        raise QuantityOutOfRange()
    return quantity


def get_on_sale_product(*, session: Session, product_id: int) -> Product:
    """The product if it exists and is on sale; else ``ProductUnavailable`` (404)."""
    product = session.get(Product, product_id)
    if product is None or product.status != ProductStatus.ON_SALE.value:
        raise ProductUnavailable()
    return product


@dataclass(frozen=True, slots=True)
class CartLine:
    """A cart item with the product as the catalogue has it now."""

    item: CartItem
    product: Product

    @property
    def available(self) -> bool:
        return self.product.status == ProductStatus.ON_SALE.value and self.product.stock >= self.item.quantity

    @property
    def subtotal_fen(self) -> int:
        return self.product.price_fen * self.item.quantity


def list_cart(*, session: Session, account_id: str) -> list[CartLine]:
    """The buyer's cart, oldest first, each line with its product (one query)."""
    stmt = (
        select(CartItem, Product)
        .join(Product, Product.id == CartItem.product_id)
        .where(CartItem.account_id == account_id)
        .order_by(CartItem.id)
    )
    return [CartLine(item=item, product=product) for item, product in session.execute(stmt)]


def _item(session: Session, account_id: str, product_id: int) -> CartItem | None:
    return session.scalar(select(CartItem).where(CartItem.account_id == account_id, CartItem.product_id == product_id))


def add_item(*, session: Session, account_id: str, product_id: int, quantity: int, now: datetime) -> CartItem:
    """Put ``quantity`` of a product in the cart (added to what is there, up to 999)."""
    check_quantity(quantity)
    get_on_sale_product(session=session, product_id=product_id)
    item = _item(session, account_id, product_id)
    if item is None:
        count = session.scalar(select(func.count()).select_from(CartItem).where(CartItem.account_id == account_id))
        if (count or 0) >= MAX_CART_ITEMS:
            raise CartFull(MAX_CART_ITEMS)
        item = CartItem(account_id=account_id, product_id=product_id, quantity=quantity, added_at=now)
        session.add(item)
    else:
        item.quantity = check_quantity(item.quantity + quantity)
    session.flush()
    return item


def set_quantity(*, session: Session, account_id: str, product_id: int, quantity: int) -> CartItem:
    """Change the quantity of a product already in the cart."""
    check_quantity(quantity)
    item = _item(session, account_id, product_id)
    if item is None:
        raise CartItemNotFound()
    item.quantity = quantity
    session.flush()
    return item


def remove_item(*, session: Session, account_id: str, product_id: int) -> None:
    """Take a product out of the cart."""
    item = _item(session, account_id, product_id)
    if item is None:
        raise CartItemNotFound()
    session.delete(item)
    session.flush()


def remove_products(*, session: Session, account_id: str, product_ids: Iterable[int]) -> None:
    """Take the given products out of the cart (after they were ordered)."""
    ids = list(product_ids)
    if ids:
        session.execute(delete(CartItem).where(CartItem.account_id == account_id, CartItem.product_id.in_(ids)))

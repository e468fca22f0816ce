"""The cart API: ``/api/v1/cart``."""

from __future__ import annotations

from fastapi import APIRouter, status

from shouyue.commerce.accounts.dependencies import CurrentAccount, NowDep
from shouyue.commerce.cart import service
from shouyue.commerce.cart.schemas import CartItemCreate, CartItemUpdate, CartRead
from shouyue.commerce.orders.transactions import unit_of_work
from shouyue.web.deps import SessionDep

router = APIRouter(prefix="/cart", tags=["购物车"])


def _cart(session: SessionDep, account_id: str) -> CartRead:
    return CartRead.of(service.list_cart(session=session, account_id=account_id))


@router.get("", response_model=CartRead, summary="我的购物车（当前价格与库存）")
def get_cart(account: CurrentAccount, session: SessionDep) -> CartRead:
    return _cart(session, account.id)


@router.post("/items", response_model=CartRead, status_code=status.HTTP_201_CREATED, summary="加入购物车")
def add_item(item_in: CartItemCreate, account: CurrentAccount, session: SessionDep, now: NowDep) -> CartRead:
    with unit_of_work(session):
        service.add_item(
            session=session, account_id=account.id, product_id=item_in.product_id, quantity=item_in.quantity, now=now
        )
    return _cart(session, account.id)


@router.put("/items/{product_id}", response_model=CartRead, summary="修改数量")
def set_quantity(product_id: int, item_in: CartItemUpdate, account: CurrentAccount, session: SessionDep) -> CartRead:
    with unit_of_work(session):
        service.set_quantity(session=session, account_id=account.id, product_id=product_id, quantity=item_in.quantity)
    return _cart(session, account.id)


@router.delete("/items/{product_id}", response_model=CartRead, summary="从购物车删除")
def remove_item(product_id: int, account: CurrentAccount, session: SessionDep) -> CartRead:
    with unit_of_work(session):
        service.remove_item(session=session, account_id=account.id, product_id=product_id)
    return _cart(session, account.id)

"""The seller's order console API (P05)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from shouyue.commerce.accounts.dependencies import SellerAccount
from shouyue.commerce.seller_console import service
from shouyue.commerce.seller_console.schemas import RecipientRead, SellerOrderPage, SellerOrderRead
from shouyue.commerce.shipping.transactions import unit_of_work
from shouyue.web.deps import SessionDep

router = APIRouter(prefix="/seller/orders", tags=["卖家订单管理"])

NO_STORE = {"Cache-Control": "no-store"}


@router.get("", response_model=SellerOrderPage, summary="本店订单（买家信息脱敏）")
def list_orders(
    account: SellerAccount,
    session: SessionDep,
    state: Annotated[str | None, Query(max_length=20, description="按订单状态筛选")] = None,
) -> SellerOrderPage:
    shop, views = service.list_orders(session=session, seller_id=account.id, state=state)
    return SellerOrderPage(shop_id=shop.id, orders=[SellerOrderRead.of(v) for v in views])


@router.get("/{order_id}", response_model=SellerOrderRead, summary="本店订单详情（买家信息脱敏）")
def get_order(order_id: int, account: SellerAccount, session: SessionDep) -> SellerOrderRead:
    return SellerOrderRead.of(service.get_order(session=session, seller_id=account.id, order_id=order_id))


@router.post(
    "/{order_id}/recipient",
    response_model=RecipientRead,
    summary="查看完整收货信息（仅待发货订单，留痕审计）",
)
def reveal_recipient(order_id: int, account: SellerAccount, session: SessionDep, response: Response) -> RecipientRead:
    with unit_of_work(session):
        details = service.reveal_recipient(session=session, seller_id=account.id, order_id=order_id)
    response.headers.update(NO_STORE)
    return RecipientRead.of(details)

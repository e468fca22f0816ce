"""The orders API (P15-P18, P55): ``/api/v1/orders``. Another buyer's order answers 404."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from shouyue.commerce.accounts.dependencies import CurrentAccount, NowDep, VaultDep
from shouyue.commerce.orders import customs, service
from shouyue.commerce.orders.dependencies import CustomsDep
from shouyue.commerce.orders.models import OrderState
from shouyue.commerce.orders.schemas import OrderCreate, OrderDeletedRead, OrderPage, OrderRead, OrdersPlacedRead
from shouyue.commerce.orders.transactions import unit_of_work
from shouyue.web.deps import DataMapDep, SessionDep

router = APIRouter(prefix="/orders", tags=["订单"])


@router.post(
    "", response_model=OrdersPlacedRead, status_code=status.HTTP_201_CREATED, summary="下单（每个店铺一个订单）"
)
def place_orders(
    order_in: OrderCreate,
    account: CurrentAccount,
    session: SessionDep,
    vault: VaultDep,
    datamap: DataMapDep,
    declarer: CustomsDep,
    now: NowDep,
) -> OrdersPlacedRead:
    """收货人姓名、地址、邮政编码和联系电话必填；价格由服务器按商品目录计算；库存不足时整单不提交。"""
    with unit_of_work(session):
        placed = service.place_orders(
            session=session, vault=vault, datamap=datamap, buyer=account, request=order_in.to_request(), now=now
        )
    customs.file_declarations(session=session, declarer=declarer, disclosures=placed.customs, now=now)
    orders = [OrderRead.of(order) for order in placed.orders]
    return OrdersPlacedRead(orders=orders, total_fen=sum(order.amount_fen for order in orders))


@router.get("", response_model=OrderPage, summary="我的订单（可按状态筛选）")
def list_orders(
    account: CurrentAccount,
    session: SessionDep,
    state: Annotated[OrderState | None, Query(description="待付款、待发货、待收货、待评价、已完成、已取消")] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> OrderPage:
    orders = service.list_buyer_orders(session=session, buyer_id=account.id, state=state, offset=offset)
    return OrderPage(
        items=[OrderRead.of(order) for order in orders],
        counts=service.count_by_state(session=session, buyer_id=account.id),
    )


@router.get("/{order_id}", response_model=OrderRead, summary="订单详情（收货信息脱敏）")
def get_order(order_id: int, account: CurrentAccount, session: SessionDep) -> OrderRead:
    return OrderRead.of(service.get_buyer_order(session, account.id, order_id))


@router.post("/{order_id}/cancel", response_model=OrderRead, summary="取消订单（待付款、待发货）")
def cancel_order(order_id: int, account: CurrentAccount, session: SessionDep, now: NowDep) -> OrderRead:
    with unit_of_work(session):
        order = service.cancel_order(session=session, buyer_id=account.id, order_id=order_id, now=now)
    return OrderRead.of(order)


@router.post("/{order_id}/confirm-receipt", response_model=OrderRead, summary="确认收货")
def confirm_receipt(order_id: int, account: CurrentAccount, session: SessionDep, now: NowDep) -> OrderRead:
    with unit_of_work(session):
        order = service.confirm_receipt(session=session, buyer_id=account.id, order_id=order_id, now=now)
    return OrderRead.of(order)


@router.delete(
    "/{order_id}",
    response_model=OrderDeletedRead,
    summary="删除已完成或已取消的订单",
    description=service.DELETE_WARNING,
)
def delete_order(order_id: int, account: CurrentAccount, session: SessionDep, now: NowDep) -> OrderDeletedRead:
    with unit_of_work(session):
        order = service.delete_order(session=session, buyer_id=account.id, order_id=order_id, now=now)
    return OrderDeletedRead(id=order.id, deleted=True, warning=service.DELETE_WARNING)

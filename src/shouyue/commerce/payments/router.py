"""Payments and bound bank cards API (P19, P34)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response, status

from shouyue.commerce.accounts.dependencies import CurrentAccount, NowDep, VaultDep
from shouyue.commerce.payments import cards, service
from shouyue.commerce.payments.dependencies import PaymentsDep
from shouyue.commerce.payments.schemas import (
    CardBindingRead,
    CardConfirm,
    CardCreate,
    CardRead,
    PaymentCreate,
    PaymentRead,
)
from shouyue.commerce.payments.transactions import unit_of_work
from shouyue.privacy.consent import Channel as ConsentChannel
from shouyue.web.deps import DataMapDep, SessionDep

router = APIRouter(tags=["支付与银行卡"])


@router.post(
    "/orders/{order_id}/payments",
    response_model=PaymentRead,
    status_code=status.HTTP_201_CREATED,
    summary="支付订单",
    description="金额以订单金额为准，由服务器计算；同一订单只能成功支付一次。支付机构拒绝时返回402，订单仍为待付款。",
)
def pay(
    order_id: int,
    payment_in: PaymentCreate,
    account: CurrentAccount,
    session: SessionDep,
    vault: VaultDep,
    datamap: DataMapDep,
    provider: PaymentsDep,
    now: NowDep,
    x_device_id: Annotated[
        str | None, Header(max_length=128, description="设备标识，仅以密钥哈希提供给支付SDK")
    ] = None,
) -> PaymentRead:
    with unit_of_work(session):
        payment = service.pay(
            session=session,
            datamap=datamap,
            vault=vault,
            provider=provider,
            buyer_id=account.id,
            order_id=order_id,
            channel=payment_in.channel.value,
            card_id=payment_in.card_id,
            device_id=x_device_id,
            now=now,
        )
    return PaymentRead.of(payment)


@router.get("/orders/{order_id}/payments", response_model=list[PaymentRead], summary="订单的支付记录")
def list_payments(order_id: int, account: CurrentAccount, session: SessionDep) -> list[PaymentRead]:
    return [
        PaymentRead.of(p) for p in service.payments_for_order(session=session, buyer_id=account.id, order_id=order_id)
    ]


@router.get("/cards", response_model=list[CardRead], summary="已绑定的银行卡（脱敏）")
def list_cards(account: CurrentAccount, session: SessionDep) -> list[CardRead]:
    return [CardRead.of(c) for c in cards.list_cards(session=session, account_id=account.id)]


@router.post(
    "/cards",
    response_model=CardBindingRead,
    status_code=status.HTTP_202_ACCEPTED,
    summary="绑定银行卡：提交卡信息，银行向预留手机发送验证码",
    description=(
        "需单独同意（separate_consent=true 并注明隐私声明版本）"
        "将卡号、有效期、姓名、身份证号码和预留手机号提供给所选银行。"
    ),
)
def start_binding(
    card_in: CardCreate,
    account: CurrentAccount,
    session: SessionDep,
    vault: VaultDep,
    datamap: DataMapDep,
    provider: PaymentsDep,
    now: NowDep,
) -> CardBindingRead:
    with unit_of_work(session):
        started = cards.start_binding(
            session=session,
            datamap=datamap,
            vault=vault,
            provider=provider,
            account_id=account.id,
            card_number=card_in.card_number,
            expiry=card_in.expiry,
            holder_name=card_in.holder_name,
            id_number=card_in.id_number,
            reserved_phone=card_in.reserved_phone,
            separate_consent=card_in.separate_consent,
            notice_version=card_in.notice_version,
            channel=ConsentChannel.API,
            replaces_card_id=card_in.replaces_card_id,
            now=now,
        )
    return CardBindingRead.of(started)


@router.post("/cards/{card_id}/confirm", response_model=CardRead, summary="输入银行发送的验证码，完成绑卡")
def confirm_binding(
    card_id: int,
    confirm_in: CardConfirm,
    account: CurrentAccount,
    session: SessionDep,
    datamap: DataMapDep,
    provider: PaymentsDep,
    now: NowDep,
) -> CardRead:
    with unit_of_work(session):
        card = cards.confirm_binding(
            session=session,
            datamap=datamap,
            provider=provider,
            account_id=account.id,
            card_id=card_id,
            code=confirm_in.code,
            now=now,
        )
    return CardRead.of(card)


@router.delete("/cards/{card_id}", status_code=status.HTTP_204_NO_CONTENT, summary="删除银行卡")
def remove_card(card_id: int, account: CurrentAccount, session: SessionDep) -> Response:
    with unit_of_work(session):
        cards.remove_card(session=session, account_id=account.id, card_id=card_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)

"""The seller's shop API (seller edition): onboarding status, the bank card for opening a shop,
opening it (P12), the optional shop-management extras (P13) and the withdrawal card (P20).

Every route acts on the caller's own shop only: there is no shop id in any path, so another
account's shop can be neither seen nor changed.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Query, Response, UploadFile, status

from shouyue.commerce.accounts.dependencies import NowDep, SellerAccount, VaultDep
from shouyue.commerce.shops import extras, service, withdrawal
from shouyue.commerce.shops.models import DocumentKind, ShopKind
from shouyue.commerce.shops.schemas import (
    BankCardCreate,
    BankCardRead,
    ExtrasUpdate,
    OnboardingRead,
    ShopCreate,
    ShopRead,
    WithdrawalCardRead,
    WithdrawalCardUpdate,
)
from shouyue.commerce.shops.transactions import unit_of_work
from shouyue.privacy.consent import Channel
from shouyue.web.deps import DataMapDep, SessionDep

router = APIRouter(prefix="/seller", tags=["卖家开店与店铺管理"])

NO_STORE = {"Cache-Control": "no-store"}


@router.get("/onboarding", response_model=OnboardingRead, summary="开店进度：已完成与尚缺事项")
def get_onboarding(
    account: SellerAccount,
    session: SessionDep,
    kind: Annotated[ShopKind, Query(description="personal（个人店铺）或 enterprise（企业店铺）")] = ShopKind.PERSONAL,
) -> OnboardingRead:
    return OnboardingRead.of(service.onboarding(session=session, account=account, kind=kind))


@router.put("/onboarding/bank-card", response_model=BankCardRead, summary="提交开店所需的银行卡（加密保存，脱敏显示）")
def put_bank_card(
    card_in: BankCardCreate,
    account: SellerAccount,
    session: SessionDep,
    vault: VaultDep,
    datamap: DataMapDep,
    now: NowDep,
    response: Response,
) -> BankCardRead:
    with unit_of_work(session):
        card = service.set_bank_card(
            session=session,
            vault=vault,
            datamap=datamap,
            account=account,
            card_number=card_in.card_number,
            bank_name=card_in.bank_name,
            branch_name=card_in.branch_name,
            now=now,
        )
    response.headers.update(NO_STORE)
    return BankCardRead.of(card)


@router.post(
    "/shop",
    response_model=ShopRead,
    status_code=status.HTTP_201_CREATED,
    summary="开店",
    description="实名认证、银行卡、头像和店铺名称缺一不可；缺少时返回409并列出全部尚缺事项。",
)
def create_shop(
    shop_in: ShopCreate, account: SellerAccount, session: SessionDep, datamap: DataMapDep, now: NowDep
) -> ShopRead:
    with unit_of_work(session):
        shop = service.create_shop(
            session=session, datamap=datamap, account=account, name=shop_in.name, kind=shop_in.kind, now=now
        )
    return ShopRead.of(service.overview(session=session, shop=shop))


@router.get("/shop", response_model=ShopRead, summary="我的店铺（店铺管理信息脱敏显示）")
def get_shop(account: SellerAccount, session: SessionDep) -> ShopRead:
    shop = service.get_own_or_raise(session=session, owner_id=account.id)
    return ShopRead.of(service.overview(session=session, shop=shop))


@router.patch(
    "/shop/extras",
    response_model=ShopRead,
    summary="填写或清除店铺联系电话、经营场所地址、发货地址（均为选填）",
)
def patch_extras(
    extras_in: ExtrasUpdate,
    account: SellerAccount,
    session: SessionDep,
    vault: VaultDep,
    datamap: DataMapDep,
) -> ShopRead:
    shop = service.get_own_or_raise(session=session, owner_id=account.id)
    changes = extras_in.model_dump(exclude_unset=True, exclude={"agree_shop_management"})
    with unit_of_work(session):
        extras.update_text_extras(
            session=session,
            vault=vault,
            datamap=datamap,
            shop=shop,
            changes=changes,
            agree=extras_in.agree_shop_management,
            channel=Channel.API,
        )
    return ShopRead.of(service.overview(session=session, shop=shop))


@router.put("/shop/documents/{kind}", response_model=ShopRead, summary="上传营业执照或特殊行业经营资质（选填）")
def put_document(
    kind: DocumentKind,
    account: SellerAccount,
    session: SessionDep,
    vault: VaultDep,
    datamap: DataMapDep,
    now: NowDep,
    file: Annotated[UploadFile, File(description="PNG、JPEG或PDF，不超过2MB")],
    agree_shop_management: Annotated[bool, Query()] = False,
) -> ShopRead:
    shop = service.get_own_or_raise(session=session, owner_id=account.id)
    data = file.file.read(extras.MAX_DOCUMENT_BYTES + 1)
    with unit_of_work(session):
        extras.set_document(
            session=session,
            vault=vault,
            datamap=datamap,
            shop=shop,
            kind=kind,
            data=data,
            agree=agree_shop_management,
            channel=Channel.API,
            now=now,
        )
    return ShopRead.of(service.overview(session=session, shop=shop))


@router.get("/shop/documents/{kind}", response_class=Response, summary="查看本店上传的证照文件")
def get_document(kind: DocumentKind, account: SellerAccount, session: SessionDep) -> Response:
    shop = service.get_own_or_raise(session=session, owner_id=account.id)
    data, media_type = extras.read_document(session=session, shop=shop, kind=kind)
    return Response(content=data, media_type=media_type, headers=NO_STORE)


@router.delete("/shop/documents/{kind}", response_model=ShopRead, summary="删除已上传的证照文件")
def delete_document(kind: DocumentKind, account: SellerAccount, session: SessionDep) -> ShopRead:
    shop = service.get_own_or_raise(session=session, owner_id=account.id)
    with unit_of_work(session):
        extras.remove_document(session=session, shop=shop, kind=kind)
    return ShopRead.of(service.overview(session=session, shop=shop))


@router.get("/withdrawal-card", response_model=WithdrawalCardRead, summary="提现银行卡（脱敏显示）")
def get_withdrawal_card(account: SellerAccount, session: SessionDep) -> WithdrawalCardRead:
    shop = service.get_own_or_raise(session=session, owner_id=account.id)
    return WithdrawalCardRead.of(withdrawal.card_of(session=session, shop=shop))


@router.put(
    "/withdrawal-card",
    response_model=WithdrawalCardRead,
    summary="绑定或更换提现银行卡",
    description="个人店铺填写卡号和开户银行；企业店铺还须填写开户支行全称。卡号经支付机构处理，仅通过披露网关传递。",
)
def put_withdrawal_card(
    card_in: WithdrawalCardUpdate,
    account: SellerAccount,
    session: SessionDep,
    vault: VaultDep,
    datamap: DataMapDep,
    now: NowDep,
    response: Response,
) -> WithdrawalCardRead:
    shop = service.get_own_or_raise(session=session, owner_id=account.id)
    with unit_of_work(session):
        bound = withdrawal.bind(
            session=session,
            vault=vault,
            datamap=datamap,
            shop=shop,
            card_number=card_in.card_number,
            bank_name=card_in.bank_name,
            branch_name=card_in.branch_name,
            now=now,
        )
    response.headers.update(NO_STORE)
    return WithdrawalCardRead.of(bound.card)


@router.delete("/withdrawal-card", status_code=status.HTTP_204_NO_CONTENT, summary="解绑提现银行卡")
def delete_withdrawal_card(account: SellerAccount, session: SessionDep) -> Response:
    shop = service.get_own_or_raise(session=session, owner_id=account.id)
    with unit_of_work(session):
        withdrawal.remove(session=session, shop=shop)
    return Response(status_code=status.HTTP_204_NO_CONTENT)

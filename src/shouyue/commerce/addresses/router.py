"""The address book API (P54): ``/api/v1/addresses``. Another's address answers 404."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from shouyue.commerce.accounts.dependencies import CurrentAccount, NowDep, VaultDep
from shouyue.commerce.addresses import service
from shouyue.commerce.addresses.schemas import AddressCreate, AddressFullRead, AddressRead, AddressUpdate
from shouyue.commerce.orders.transactions import unit_of_work
from shouyue.web.deps import SessionDep

router = APIRouter(prefix="/addresses", tags=["收货地址"])

NO_STORE = {"Cache-Control": "no-store"}


@router.get("", response_model=list[AddressRead], summary="我的收货地址（脱敏）")
def list_addresses(account: CurrentAccount, session: SessionDep) -> list[AddressRead]:
    rows = service.list_addresses(session=session, account_id=account.id)
    return [AddressRead.of(service.masked(row)) for row in rows]


@router.post("", response_model=AddressRead, status_code=status.HTTP_201_CREATED, summary="新增收货地址")
def create_address(
    address_in: AddressCreate, account: CurrentAccount, session: SessionDep, vault: VaultDep, now: NowDep
) -> AddressRead:
    recipient = address_in.parse()
    with unit_of_work(session):
        row = service.create_address(
            session=session,
            vault=vault,
            account_id=account.id,
            recipient=recipient,
            make_default=address_in.is_default,
            now=now,
        )
    return AddressRead.of(service.masked(row))


@router.get("/{address_id}", response_model=AddressFullRead, summary="查看本人的一个收货地址（用于修改）")
def get_address(
    address_id: int, account: CurrentAccount, session: SessionDep, vault: VaultDep, response: Response
) -> AddressFullRead:
    row = service.get_address_or_raise(session=session, account_id=account.id, address_id=address_id)
    recipient = service.reveal_recipient(session=session, address=row, vault=vault)
    response.headers.update(NO_STORE)
    return AddressFullRead(
        id=row.id,
        recipient_name=recipient.name,
        phone=recipient.phone,
        region=recipient.region,
        detail=recipient.detail,
        postcode=recipient.postcode,
        is_default=row.is_default,
    )


@router.put("/{address_id}", response_model=AddressRead, summary="修改收货地址")
def update_address(
    address_id: int,
    address_in: AddressUpdate,
    account: CurrentAccount,
    session: SessionDep,
    vault: VaultDep,
    now: NowDep,
) -> AddressRead:
    row = service.get_address_or_raise(session=session, account_id=account.id, address_id=address_id)
    recipient = address_in.parse()
    with unit_of_work(session):
        service.update_address(session=session, vault=vault, address=row, recipient=recipient, now=now)
    return AddressRead.of(service.masked(row))


@router.delete("/{address_id}", status_code=status.HTTP_204_NO_CONTENT, summary="删除收货地址")
def delete_address(address_id: int, account: CurrentAccount, session: SessionDep) -> Response:
    row = service.get_address_or_raise(session=session, account_id=account.id, address_id=address_id)
    with unit_of_work(session):
        service.delete_address(session=session, address=row)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{address_id}/default", response_model=AddressRead, summary="设为默认收货地址")
def set_default(address_id: int, account: CurrentAccount, session: SessionDep) -> AddressRead:
    row = service.get_address_or_raise(session=session, account_id=account.id, address_id=address_id)
    with unit_of_work(session):
        service.set_default(session=session, address=row)
    return AddressRead.of(service.masked(row))

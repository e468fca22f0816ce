"""The browsing history API (P56): the signed-in buyer's own records, deleted one by one or all."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from shouyue.commerce.accounts.dependencies import CurrentAccount
from shouyue.commerce.catalog.transactions import unit_of_work
from shouyue.commerce.history import service
from shouyue.commerce.history.schemas import HistoryCleared, HistoryEntryRead, HistoryPage
from shouyue.web.deps import DataMapDep, SessionDep

router = APIRouter(prefix="/history", tags=["浏览记录"])


@router.get("", response_model=HistoryPage, summary="我的浏览记录")
def list_history(
    account: CurrentAccount,
    session: SessionDep,
    datamap: DataMapDep,
    page: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 1,
) -> HistoryPage:
    entries, total = service.list_entries(session=session, account_id=account.id, page=page)
    return HistoryPage(
        enabled=service.enabled(session=session, account_id=account.id, datamap=datamap),
        items=[HistoryEntryRead.of(e) for e in entries],
        total=total,
        page=page,
        per_page=service.PER_PAGE,
    )


@router.delete("/{record_id}", status_code=status.HTTP_204_NO_CONTENT, summary="删除一条浏览记录")
def delete_record(record_id: int, account: CurrentAccount, session: SessionDep) -> None:
    with unit_of_work(session):
        service.delete_one(session=session, account_id=account.id, record_id=record_id)


@router.delete("", response_model=HistoryCleared, summary="清空浏览记录")
def clear_history(account: CurrentAccount, session: SessionDep) -> HistoryCleared:
    with unit_of_work(session):
        deleted = service.clear(session=session, account_id=account.id)
    return HistoryCleared(deleted=deleted)

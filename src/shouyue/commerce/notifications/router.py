"""The inbox API under ``/api/v1/me/messages``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from shouyue.commerce.accounts.dependencies import CurrentAccount, NowDep
from shouyue.commerce.notifications import service
from shouyue.commerce.notifications.schemas import InboxRead, MessageRead
from shouyue.web.deps import SessionDep

router = APIRouter(prefix="/me/messages", tags=["站内消息"])


@router.get("", response_model=InboxRead, summary="我的站内消息")
def list_messages(
    account: CurrentAccount, session: SessionDep, limit: Annotated[int, Query(ge=1, le=200)] = 50
) -> InboxRead:
    """未读的重要消息（如隐私政策重大变更）排在最前，其余按时间倒序。"""
    messages = service.list_for(session=session, account_id=account.id, limit=limit)
    return InboxRead(
        unread=service.unread_count(session=session, account_id=account.id),
        messages=[MessageRead.model_validate(m) for m in messages],
    )


@router.post("/{message_id}/read", response_model=MessageRead, summary="标记为已读")
def read_message(message_id: int, account: CurrentAccount, session: SessionDep, now: NowDep) -> MessageRead:
    message = service.get_or_raise(session=session, account_id=account.id, message_id=message_id)
    service.mark_read(session=session, message=message, now=now)
    session.commit()
    return MessageRead.model_validate(message)

"""The inbox: list, count and mark messages, and write one announcement to every active
account in bounded batches (P71). Services flush; the caller commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.models import Account, AccountStatus
from shouyue.commerce.notifications.exceptions import MessageNotFound
from shouyue.commerce.notifications.models import InboxMessage, Topic
from shouyue.privacy.notice.models import NoticeVersion

BATCH_SIZE = 500
# Where a notice message leads: the page that shows what changed and asks for the click (P72).
NOTICE_UPDATE_PATH = "/me/privacy/notice"
_REASONS_SHOWN = 8


@dataclass(frozen=True, slots=True)
class Draft:
    """A message before it is addressed: the same text goes to every account."""

    topic: Topic
    ref: str
    prominent: bool
    title: str
    body: str
    link: str


def notice_draft(version: NoticeVersion) -> Draft:
    """The message announcing a published notice version; a material one is prominent (P73)."""
    date = f"{version.published_at:%Y年%m月%d日}"
    if version.material and version.seq > 1:
        reasons = version.material_reasons[:_REASONS_SHOWN]
        more = f"等{len(version.material_reasons)}项" if len(version.material_reasons) > _REASONS_SHOWN else ""
        body = (
            f"我们于{date}发布了《隐私政策》版本 {version.version}，本次为重大变更，涉及："
            f"{'；'.join(reasons)}{more}。"
            "新增或变更的功能需要您阅读并点击同意后才会处理您的个人信息；未变更的功能不受影响。"
        )
        return Draft(Topic.NOTICE_VERSION, version.version, True, "【重要】隐私政策重大更新", body, NOTICE_UPDATE_PATH)
    if version.seq == 1:
        body = f"我们于{date}发布了《隐私政策》版本 {version.version}，欢迎随时阅读。"
        return Draft(Topic.NOTICE_VERSION, version.version, False, "隐私政策已发布", body, NOTICE_UPDATE_PATH)
    body = (
        f"我们于{date}更新了《隐私政策》至版本 {version.version}。"
        "本次更新不涉及处理目的、个人信息类型、共享对象或保存期限的变更，您可以查看与上一版本的差异。"
    )
    return Draft(Topic.NOTICE_VERSION, version.version, False, "隐私政策已更新", body, NOTICE_UPDATE_PATH)


@dataclass(frozen=True, slots=True)
class Batch:
    """What one batch did: the last account id it looked at (None: no accounts were left) and
    how many messages it wrote."""

    last_id: str | None
    written: int


def address_batch(
    *, session: Session, draft: Draft, now: datetime, after: str | None, limit: int = BATCH_SIZE
) -> Batch:
    """Write ``draft`` to the next ``limit`` active accounts (by id, after ``after``) that do not
    have it yet."""
    statement = select(Account.id).where(Account.status == AccountStatus.ACTIVE.value).order_by(Account.id).limit(limit)
    if after is not None:
        statement = statement.where(Account.id > after)
    ids = list(session.scalars(statement))
    if not ids:
        return Batch(last_id=None, written=0)
    # Running the announcement again (a failed run retried) must not send anything twice.
    have = set(
        session.scalars(
            select(InboxMessage.account_id).where(
                InboxMessage.account_id.in_(ids), InboxMessage.topic == draft.topic.value, InboxMessage.ref == draft.ref
            )
        )
    )
    messages = [
        InboxMessage(
            account_id=account_id,
            topic=draft.topic.value,
            ref=draft.ref,
            prominent=draft.prominent,
            title=draft.title,
            body=draft.body,
            link=draft.link,
            created_at=now,
        )
        for account_id in ids
        if account_id not in have
    ]
    session.add_all(messages)
    session.flush()
    return Batch(last_id=ids[-1], written=len(messages))


def list_for(*, session: Session, account_id: str, limit: int = 50) -> list[InboxMessage]:
    """The account's messages: unread prominent ones first, then newest first."""
    unread_prominent = InboxMessage.prominent.is_(True) & InboxMessage.read_at.is_(None)
    return list(
        session.scalars(
            select(InboxMessage)
            .where(InboxMessage.account_id == account_id)
            .order_by(unread_prominent.desc(), InboxMessage.created_at.desc(), InboxMessage.id.desc())
            .limit(limit)
        )
    )


def unread_count(*, session: Session, account_id: str) -> int:
    """How many of the account's messages are unread."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(InboxMessage)
            .where(InboxMessage.account_id == account_id, InboxMessage.read_at.is_(None))
        )
        or 0
    )


def get_or_raise(*, session: Session, account_id: str, message_id: int) -> InboxMessage:
    """One of the account's messages, or :class:`MessageNotFound` (also for another account's)."""
    message = session.scalar(
        select(InboxMessage).where(InboxMessage.id == message_id, InboxMessage.account_id == account_id)
    )
    if message is None:
        raise MessageNotFound(f"message {message_id}")
    return message


def mark_read(*, session: Session, message: InboxMessage, now: datetime) -> InboxMessage:
    """Mark a message read (reading it again keeps the first time)."""
    if message.read_at is None:
        message.read_at = now
    session.flush()
    return message

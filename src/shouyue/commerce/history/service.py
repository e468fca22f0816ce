"""Browsing history (P56, purpose ``history.browsing``): a product view is recorded only while the
buyer consents, so with every optional consent refused nothing is kept (basic mode, P81). The
buyer lists their own records and deletes one or all; another's record reads as missing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from shouyue.commerce.catalog.cards import covers
from shouyue.commerce.catalog.models import Product, ProductStatus
from shouyue.commerce.history.exceptions import InvalidPage, RecordNotFound
from shouyue.commerce.history.models import BrowsingRecord
from shouyue.privacy import consent
from shouyue.privacy.consent import ConsentRequired, NoticeAcceptanceRequired, PurposeNotInNotice
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.notice.versions import NoticeNotPublished

PURPOSE = "history.browsing"
RETENTION = "behaviour.browsing"
PER_PAGE = 20
MAX_PAGE = 500


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """A record as the buyer sees it: the product as it is now, and when they last viewed it."""

    id: int
    product_id: int
    title: str
    price_fen: int
    on_sale: bool
    cover_url: str | None
    viewed_at: datetime


def enabled(*, session: Session, account_id: str, datamap: DataMap) -> bool:
    """Whether ``history.browsing`` may be processed for the account now."""
    try:
        consent.require(session=session, subject_id=account_id, purpose=PURPOSE, datamap=datamap)
    except (ConsentRequired, NoticeAcceptanceRequired, PurposeNotInNotice, NoticeNotPublished):
        return False
    return True


def record_view(
    *, session: Session, datamap: DataMap, account_id: str, product_id: int, now: datetime
) -> BrowsingRecord | None:
    """Record that the account viewed the product, if and only if it consents; a product already
    in the history moves to the top instead of appearing twice."""
    if not enabled(session=session, account_id=account_id, datamap=datamap):
        return None
    record = session.scalar(
        select(BrowsingRecord)
        .where(BrowsingRecord.account_id == account_id, BrowsingRecord.product_id == product_id)
        .order_by(BrowsingRecord.id.desc())
        .limit(1)
    )
    if record is None:
        record = BrowsingRecord(account_id=account_id, product_id=product_id, viewed_at=now)
        session.add(record)
    else:
        record.viewed_at = now
    session.flush()
    return record


def list_entries(
    *, session: Session, account_id: str, page: int = 1, per_page: int = PER_PAGE
) -> tuple[list[HistoryEntry], int]:
    """One page of the account's history, most recent first, and the total number of records."""
    if not 1 <= page <= MAX_PAGE:
        raise InvalidPage()
    total = session.scalar(select(func.count(BrowsingRecord.id)).where(BrowsingRecord.account_id == account_id)) or 0
    rows = session.execute(
        select(BrowsingRecord, Product)
        .join(Product, Product.id == BrowsingRecord.product_id)
        .where(BrowsingRecord.account_id == account_id)
        .order_by(BrowsingRecord.viewed_at.desc(), BrowsingRecord.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    cover_of = covers(session=session, product_ids=[product.id for _, product in rows])
    entries = [
        HistoryEntry(
            id=record.id,
            product_id=product.id,
            title=product.title,
            price_fen=product.price_fen,
            on_sale=product.status == ProductStatus.ON_SALE.value,
            cover_url=cover_of.get(product.id),
            viewed_at=record.viewed_at,
        )
        for record, product in rows
    ]
    return entries, total


def delete_one(*, session: Session, account_id: str, record_id: int) -> None:
    """Delete one of the account's records; someone else's reads as missing."""
    record = session.scalar(
        select(BrowsingRecord).where(BrowsingRecord.id == record_id, BrowsingRecord.account_id == account_id)
    )
    if record is None:
        raise RecordNotFound()
    session.delete(record)
    session.flush()


def clear(*, session: Session, account_id: str) -> int:
    """Delete all of the account's records; returns how many there were."""
    result = session.execute(delete(BrowsingRecord).where(BrowsingRecord.account_id == account_id))
    session.flush()
    return int(getattr(result, "rowcount", 0) or 0)


def delete_expired(*, session: Session, datamap: DataMap, now: datetime, batch: int = 1000) -> int:
    """Delete up to ``batch`` records older than the data map's retention for browsing history
    (180 days from collection); returns how many went. Idempotent: call again until it returns 0."""
    days = datamap.retention_rule(RETENTION).days
    if days is None:
        return 0
    expired = select(BrowsingRecord.id).where(BrowsingRecord.viewed_at < now - timedelta(days=days)).limit(batch)
    ids = list(session.scalars(expired))
    if ids:
        session.execute(delete(BrowsingRecord).where(BrowsingRecord.id.in_(ids)))
        session.flush()
    return len(ids)

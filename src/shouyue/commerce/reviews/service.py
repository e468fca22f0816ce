"""Reviews (P21): only a buyer of the item reviews it, once per order line, after receipt; the
text is masked before it is stored; publishing rests on the ``review.publish`` separate consent.

The caller owns the transaction: these functions flush; the route commits (``transactions``).
Photo files written during a refused action are removed by the caller after the rollback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from shouyue.commerce.accounts.models import Account, AccountStatus
from shouyue.commerce.catalog.models import Product
from shouyue.commerce.orders import service as orders_service
from shouyue.commerce.orders.models import Order, OrderLine, OrderState
from shouyue.commerce.orders.states import advance, label
from shouyue.commerce.reviews import images, urls
from shouyue.commerce.reviews.exceptions import (
    AlreadyReviewed,
    ImageNotFound,
    InvalidRating,
    InvalidText,
    NotYetReceived,
    OrderClosed,
    ProductNotFound,
    ProductNotInOrder,
    PublishConsentRequired,
    ReviewNotFound,
    TooManyImages,
)
from shouyue.commerce.reviews.models import Review, ReviewImage
from shouyue.commerce.reviews.text import MaskedItem, dump_items, load_items, mask_review
from shouyue.privacy import consent
from shouyue.privacy.consent import Channel, ConsentState
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.notice import versions

PUBLISH_PURPOSE = "review.publish"
MAX_TEXT = 500
ANONYMOUS = "匿名买家"
_BEFORE_RECEIPT = frozenset({OrderState.AWAITING_PAYMENT, OrderState.AWAITING_SHIPMENT, OrderState.AWAITING_RECEIPT})


# --- consent --------------------------------------------------------------------------------------


def has_publish_consent(*, session: Session, account_id: str) -> bool:
    """Whether the person currently gives the ``review.publish`` separate consent."""
    current = consent.state(session=session, subject_id=account_id, purpose=PUBLISH_PURPOSE)
    return current is not None and current.granted


def ensure_publish_consent(
    *, session: Session, datamap: DataMap, account_id: str, agree: bool, channel: Channel, now: datetime
) -> None:
    """Pass when ``review.publish`` is granted; otherwise record the separate consent the person
    just gave on its own checkbox (``agree``), or refuse with ``PublishConsentRequired`` (403)."""
    try:
        consent.require(session=session, subject_id=account_id, purpose=PUBLISH_PURPOSE, datamap=datamap)
        return
    except consent.ConsentRequired:
        if not agree:
            raise PublishConsentRequired() from None
    latest = versions.latest_version(session=session)
    if latest is None:
        raise consent.NoticeAcceptanceRequired(PUBLISH_PURPOSE)
    # One purpose, one act: consent.grant is the engine's only path for a separate consent (P82).
    consent.grant(
        session=session,
        subject_id=account_id,
        purpose=PUBLISH_PURPOSE,
        notice_version=latest,
        channel=channel,
        datamap=datamap,
        evidence="review-form:separate-checkbox",
        at=now,
    )


# --- the buyer's order ----------------------------------------------------------------------------


def own_order_or_raise(*, session: Session, order_id: int, buyer_id: str, for_update: bool = False) -> Order:
    """The buyer's own, undeleted order (as the orders domain defines it); 404 for anyone else's."""
    if for_update:
        return orders_service.get_buyer_order_for_update(session, buyer_id, order_id)
    return orders_service.get_buyer_order(session, buyer_id, order_id)


def _ensure_reviewable(order: Order) -> None:
    state = OrderState(order.state)
    if state in _BEFORE_RECEIPT:
        raise NotYetReceived()
    if state is not OrderState.AWAITING_REVIEW:
        raise OrderClosed(label(order.state))


@dataclass(frozen=True, slots=True)
class LineStatus:
    """One line of an order as the review page shows it: reviewed (with the review) or not."""

    line: OrderLine
    review: Review | None


def order_lines(*, session: Session, order: Order) -> list[LineStatus]:
    """The order's lines, each with its review if it has one."""
    lines = list(session.scalars(select(OrderLine).where(OrderLine.order_id == order.id).order_by(OrderLine.id)))
    reviews = {
        r.order_line_id: r
        for r in session.scalars(select(Review).where(Review.order_line_id.in_([x.id for x in lines])))
    }
    return [LineStatus(line=line, review=reviews.get(line.id)) for line in lines]


# --- publishing -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewPhotos:
    """Photos sent with the review itself (the page's form): stored only once every check has
    passed; ``written`` collects the file names so that a rollback can remove them."""

    data: Sequence[bytes]
    upload_dir: Path
    written: list[str]


@dataclass(frozen=True, slots=True)
class Published:
    """A review just stored: what was masked in it, and whether the order is now completed."""

    review: Review
    images: list[ReviewImage]
    masked: tuple[MaskedItem, ...]
    order: Order


def clean_text(text: str) -> str:
    cleaned = text.strip()
    if not 1 <= len(cleaned) <= MAX_TEXT:
        raise InvalidText(MAX_TEXT)
    return cleaned


def publish(
    *,
    session: Session,
    datamap: DataMap,
    author_id: str,
    order_id: int,
    product_id: int,
    rating: int,
    text: str,
    image_ids: Sequence[int],
    agree: bool,
    channel: Channel,
    now: datetime,
    new_photos: NewPhotos | None = None,
) -> Published:
    """Review one product of the author's own order awaiting review (P21).

    The text is masked by ``privacy.detect`` before it is stored; only the masked text exists
    afterwards. When every line of the order has its review, the order becomes completed."""
    order = own_order_or_raise(session=session, order_id=order_id, buyer_id=author_id, for_update=True)
    _ensure_reviewable(order)
    statuses = order_lines(session=session, order=order)
    candidates = [s for s in statuses if s.line.product_id == product_id]
    if not candidates:
        raise ProductNotInOrder()
    open_lines = [s.line for s in candidates if s.review is None]
    if not open_lines:
        raise AlreadyReviewed()
    if isinstance(rating, bool) or not 1 <= rating <= 5:
        raise InvalidRating()
    cleaned = clean_text(text)
    claimed = images.claim(session=session, owner_id=author_id, image_ids=list(image_ids))
    fresh = list(new_photos.data) if new_photos is not None else []
    if len(claimed) + len(fresh) > images.MAX_IMAGES:
        raise TooManyImages(images.MAX_IMAGES)
    for data in fresh:
        images.check(data)
    ensure_publish_consent(
        session=session, datamap=datamap, account_id=author_id, agree=agree, channel=channel, now=now
    )
    if new_photos is not None:
        for data in fresh:
            stored = images.store(
                session=session, owner_id=author_id, data=data, upload_dir=new_photos.upload_dir, now=now
            )
            new_photos.written.append(stored.file_name)
            claimed.append(stored)
    masked = mask_review(cleaned)
    review = Review(
        author_id=author_id,
        order_id=order.id,
        order_line_id=open_lines[0].id,
        product_id=product_id,
        rating=rating,
        text=masked.text,
        masked_items=dump_items(masked.items),
        created_at=now,
    )
    session.add(review)
    session.flush()
    for position, image in enumerate(claimed):
        image.review_id = review.id
        image.position = position
    if len(open_lines) == 1 and all(s.review is not None for s in statuses if s.line.id != open_lines[0].id):
        advance(order, OrderState.COMPLETED, now=now)
    session.flush()
    return Published(review=review, images=claimed, masked=masked.items, order=order)


def upload_image(
    *,
    session: Session,
    datamap: DataMap,
    owner_id: str,
    data: bytes,
    upload_dir: Path,
    agree: bool,
    channel: Channel,
    now: datetime,
) -> ReviewImage:
    """Store one review photo for a review about to be written; photos are collected only for
    publishing, so the separate consent comes first."""
    ensure_publish_consent(session=session, datamap=datamap, account_id=owner_id, agree=agree, channel=channel, now=now)
    return images.store(session=session, owner_id=owner_id, data=data, upload_dir=upload_dir, now=now)


def complete_without_review(*, session: Session, buyer_id: str, order_id: int, now: datetime) -> Order:
    """The buyer confirms the order complete without reviewing what is left (跳过评价)."""
    order = own_order_or_raise(session=session, order_id=order_id, buyer_id=buyer_id, for_update=True)
    _ensure_reviewable(order)
    advance(order, OrderState.COMPLETED, now=now)
    session.flush()
    return order


# --- the author's own reviews ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OwnReview:
    review: Review
    images: list[ReviewImage]
    masked: tuple[MaskedItem, ...]


def _images_of(session: Session, review_ids: list[int]) -> dict[int, list[ReviewImage]]:
    found: dict[int, list[ReviewImage]] = {i: [] for i in review_ids}
    if review_ids:
        query = select(ReviewImage).where(ReviewImage.review_id.in_(review_ids)).order_by(ReviewImage.position)
        for image in session.scalars(query):
            found[image.review_id or 0].append(image)
    return found


def own_review_or_raise(*, session: Session, author_id: str, review_id: int) -> OwnReview:
    review = session.scalar(select(Review).where(Review.id == review_id, Review.author_id == author_id))
    if review is None:
        raise ReviewNotFound()
    return OwnReview(
        review=review, images=_images_of(session, [review.id])[review.id], masked=load_items(review.masked_items)
    )


def mine(*, session: Session, author_id: str) -> list[OwnReview]:
    """The author's reviews, newest first."""
    reviews = list(
        session.scalars(
            select(Review).where(Review.author_id == author_id).order_by(Review.created_at.desc(), Review.id.desc())
        )
    )
    pictures = _images_of(session, [r.id for r in reviews])
    return [OwnReview(review=r, images=pictures[r.id], masked=load_items(r.masked_items)) for r in reviews]


def delete(*, session: Session, author_id: str, review_id: int) -> list[str]:
    """Delete the author's own review and its photos; returns the files to remove after commit."""
    own = own_review_or_raise(session=session, author_id=author_id, review_id=review_id)
    names = [i.file_name for i in own.images]
    for image in own.images:
        session.delete(image)
    session.flush()  # photos first: the review's delete would otherwise cascade under the ORM's feet
    session.delete(own.review)
    session.flush()
    return names


# --- public ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PublicReview:
    """A review as anyone sees it: masked text, the reviewer's nickname and avatar, never a phone."""

    id: int
    rating: int
    text: str
    created_at: datetime
    reviewer: str
    has_avatar: bool
    image_ids: list[int]

    @property
    def avatar_url(self) -> str | None:
        return urls.avatar_url(self.id) if self.has_avatar else None

    @property
    def image_urls(self) -> list[str]:
        return [urls.image_url(i) for i in self.image_ids]

    @property
    def stars(self) -> str:
        return "★" * self.rating + "☆" * (5 - self.rating)


@dataclass(frozen=True, slots=True)
class ReviewPage:
    items: list[PublicReview]
    total: int
    limit: int
    offset: int


def _public_filter() -> ColumnElement[bool]:
    """Reviews whose author still consents to publishing (a withdrawal stops display at once)."""
    return and_(
        ConsentState.subject_id == Review.author_id,
        ConsentState.purpose == PUBLISH_PURPOSE,
        ConsentState.granted.is_(True),
    )


def for_product(*, session: Session, product_id: int, limit: int = 20, offset: int = 0) -> ReviewPage:
    """The product's published reviews, newest first, in two queries plus one for photos."""
    if session.get(Product, product_id) is None:
        raise ProductNotFound()
    limit = max(1, min(limit, 100))
    offset = max(0, offset)
    base = select(Review).join(ConsentState, _public_filter()).where(Review.product_id == product_id)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    rows = session.execute(
        select(Review, Account.nickname, Account.avatar, Account.status)
        .join(ConsentState, _public_filter())
        .join(Account, Account.id == Review.author_id)
        .where(Review.product_id == product_id)
        .order_by(Review.created_at.desc(), Review.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    pictures = _images_of(session, [row.Review.id for row in rows])
    items = []
    for review, nickname, avatar, status in rows:
        active = status == AccountStatus.ACTIVE.value
        items.append(
            PublicReview(
                id=review.id,
                rating=review.rating,
                text=review.text,
                created_at=review.created_at,
                reviewer=nickname if active and nickname else ANONYMOUS,
                has_avatar=active and avatar is not None,
                image_ids=[i.id for i in pictures[review.id]],
            )
        )
    return ReviewPage(items=items, total=total, limit=limit, offset=offset)


def _public_review(session: Session, review_id: int) -> tuple[Review, Account] | None:
    row = session.execute(
        select(Review, Account)
        .join(ConsentState, _public_filter())
        .join(Account, Account.id == Review.author_id)
        .where(Review.id == review_id)
    ).one_or_none()
    return None if row is None else (row[0], row[1])


def public_image(*, session: Session, image_id: int, viewer_id: str | None, upload_dir: Path) -> tuple[Path, str]:
    """A photo's file: anyone's once its review is published, an unattached upload only its owner's."""
    image = session.get(ReviewImage, image_id)
    if image is None:
        raise ImageNotFound()
    if image.owner_id != viewer_id and (image.review_id is None or _public_review(session, image.review_id) is None):
        raise ImageNotFound()
    return images.file_of(image=image, upload_dir=upload_dir)


def public_avatar(*, session: Session, review_id: int) -> str:
    """The file name of the avatar shown with a published review (the purpose shows it publicly)."""
    found = _public_review(session, review_id)
    if found is None:
        raise ReviewNotFound()
    _review, author = found
    if author.avatar is None or author.status != AccountStatus.ACTIVE.value:
        raise ImageNotFound()
    return author.avatar

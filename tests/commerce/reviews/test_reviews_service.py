"""Review service pieces other domains call: the public list (no N+1 queries), the partial the
product page includes, and the purge of photos no review uses (media.uploads retention)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from shouyue.commerce.catalog.models import Product
from shouyue.commerce.reviews import images, service
from shouyue.commerce.reviews.models import ReviewImage
from shouyue.engine import get_datamap
from shouyue.privacy.consent import Channel
from shouyue.settings import get_settings
from shouyue.web.templating import templates
from tests.commerce.reviews.builders import order_of, png
from tests.commerce.support.world import World

NOW = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)


@contextmanager
def counting(session: Session) -> Iterator[list[str]]:
    statements: list[str] = []
    connection = session.connection()

    def record(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(connection, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(connection, "before_cursor_execute", record)


def reviewed_product(world: World, reviewers: int, *, text: str = "很好用") -> Product:
    _owner, shop = world.shop()
    product = world.product(shop)
    for _ in range(reviewers):
        buyer = world.person()
        bought = order_of(world, buyer, [product])
        upload = images.store(
            session=world.session, owner_id=buyer.account_id, data=png(), upload_dir=get_settings().upload_dir, now=NOW
        )
        service.publish(
            session=world.session,
            datamap=get_datamap(),
            author_id=buyer.account_id,
            order_id=bought.order.id,
            product_id=product.id,
            rating=4,
            text=text,
            image_ids=[upload.id],
            agree=True,
            channel=Channel.API,
            now=NOW,
        )
        world.session.commit()
    return product


@pytest.mark.promise("P21")
def test_the_public_list_costs_the_same_queries_for_one_review_or_many(world: World) -> None:
    # given a product with one review and one with four, each with a photo
    one, four = reviewed_product(world, 1), reviewed_product(world, 4)
    session = world.session
    session.expire_all()
    # when each list is read
    with counting(session) as few:
        assert len(service.for_product(session=session, product_id=one.id).items) == 1
    session.expire_all()
    with counting(session) as many:
        page = service.for_product(session=session, product_id=four.id)
    # then the number of queries does not grow with the number of reviews (no N+1)
    assert len(page.items) == 4 and all(len(r.image_urls) == 1 for r in page.items)
    assert len(many) == len(few) <= 5


@pytest.mark.promise("P21")
def test_the_partial_shows_masked_text_and_nickname_never_the_phone(world: World) -> None:
    # given a product reviewed with a phone number in the text
    product = reviewed_product(world, 1, text="有事打13812345678")
    page = service.for_product(session=world.session, product_id=product.id)
    # when the product page's partial is rendered with it
    html = templates.env.get_template("reviews/_list.html").render(reviews=page)
    # then it shows the masked text and the anonymous nickname, never the phone
    assert "138****5678" in html and "13812345678" not in html
    assert "匿名买家" in html and "商品评价（1）" in html
    assert page.items[0].image_urls[0] in html


def test_uploads_no_review_uses_are_purged_after_seven_days(world: World, db_session: Session) -> None:
    # given an old unused upload, a fresh unused upload and an old upload used by a review
    upload_dir = get_settings().upload_dir
    reviewed_product(world, 1)
    buyer = world.person()
    old = images.store(session=db_session, owner_id=buyer.account_id, data=png(), upload_dir=upload_dir, now=NOW)
    fresh = images.store(session=db_session, owner_id=buyer.account_id, data=png(), upload_dir=upload_dir, now=NOW)
    old.uploaded_at = NOW - timedelta(days=8)
    db_session.commit()
    # when the purge runs
    removed = images.purge_unused(session=db_session, upload_dir=upload_dir, now=NOW + timedelta(days=1))
    db_session.commit()
    images.remove_files(upload_dir=upload_dir, names=removed)
    # then only the old unused upload is gone, row and file; the fresh one and the used one stay
    assert removed == [old.file_name]
    assert not (images.directory(upload_dir) / old.file_name).exists()
    assert (images.directory(upload_dir) / fresh.file_name).exists()
    assert db_session.scalar(select(func.count()).select_from(ReviewImage)) == 2
    # and a second run finds nothing more to do
    assert images.purge_unused(session=db_session, upload_dir=upload_dir, now=NOW + timedelta(days=1)) == []

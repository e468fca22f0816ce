"""The review page (P21): one form per product with the notice's PI warning and the separate
consent on its own unticked checkbox; after publishing, the author reads what was masked."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shouyue.commerce.orders.models import Order, OrderState
from shouyue.commerce.reviews.models import Review, ReviewImage
from shouyue.privacy.consent import ConsentEvent
from shouyue.settings import get_settings
from tests.commerce.reviews.builders import Bought, order_of, png, sign_in_page
from tests.commerce.support.world import Person, World
from tests.web.html import read_page

PHONE = "13812345678"


def bought(world: World, *, state: OrderState = OrderState.AWAITING_REVIEW) -> tuple[Person, Bought]:
    _owner, shop = world.shop()
    product = world.product(shop, title="手冲咖啡壶")
    buyer = world.person()
    return buyer, order_of(world, buyer, [product], state=state)


def form_data(csrf: str, product_id: int, **extra: str) -> dict[str, str]:
    return {"csrf_token": csrf, "product_id": str(product_id), "rating": "4", "text": "很好用", **extra}


def test_the_review_page_asks_to_log_in_first(world: World) -> None:
    _buyer, order = bought(world)
    response = world.api.client.get(f"/orders/{order.order.id}/review", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/accounts/login?next=")


@pytest.mark.promise("P21")
def test_the_form_warns_about_pi_and_asks_the_separate_consent_on_its_own(world: World) -> None:
    # given a signed-in buyer whose order awaits review
    buyer, order = bought(world)
    sign_in_page(world, buyer)
    # when the buyer opens the review page
    page = world.api.client.get(f"/orders/{order.order.id}/review")
    # then it shows the notice's warning, one form for the product, and an unticked separate consent
    assert page.status_code == 200
    words = read_page(page.text).text
    assert "公开发布的评价信息中可能会涉及您或他人的个人信息" in words
    assert "手冲咖啡壶" in words
    assert "单独同意：评价与晒单" in words
    box = re.search(r'<input id="agree-\d+" name="agree_publish" type="checkbox" value="true"[^>]*>', page.text)
    assert box is not None and "checked" not in box.group(0)
    assert 'enctype="multipart/form-data"' in page.text and 'name="csrf_token"' in page.text
    assert "跳过评价，确认完成" in words


@pytest.mark.promise("P21")
def test_publishing_without_the_separate_consent_is_refused_and_nothing_is_stored(
    world: World, db_session: Session
) -> None:
    # given a signed-in buyer whose order awaits review
    buyer, order = bought(world)
    csrf = sign_in_page(world, buyer)
    # when the buyer submits a review with a photo without ticking the separate consent
    response = world.api.client.post(
        f"/orders/{order.order.id}/review",
        data=form_data(csrf, order.lines[0].product_id, text="不想公开"),
        files=[("photos", ("a.png", png(), "image/png"))],
    )
    # then the form comes back with 403 and the reason, keeping the text; nothing is stored
    assert response.status_code == 403
    assert "单独同意「评价与晒单」" in read_page(response.text).text
    assert "不想公开" in response.text
    assert db_session.scalar(select(func.count()).select_from(Review)) == 0
    assert db_session.scalar(select(func.count()).select_from(ReviewImage)) == 0
    assert db_session.scalar(select(func.count()).where(ConsentEvent.subject_id == buyer.account_id)) == 0
    uploads = get_settings().upload_dir / "reviews"
    assert not uploads.exists() or not any(uploads.iterdir())


@pytest.mark.promise("P21")
def test_after_publishing_the_page_tells_the_author_what_was_masked(world: World, db_session: Session) -> None:
    # given a signed-in buyer whose order awaits review
    buyer, order = bought(world)
    csrf = sign_in_page(world, buyer)
    product_id = order.lines[0].product_id
    # when the buyer publishes a review with a phone number and a photo, ticking the separate consent
    response = world.api.client.post(
        f"/orders/{order.order.id}/review",
        data=form_data(csrf, product_id, text=f"有问题打{PHONE}", agree_publish="true"),
        files=[("photos", ("a.png", png(), "image/png"))],
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    page = world.api.client.get(response.headers["location"])
    # then the page names the masked kind and the masked form, never the original
    assert page.status_code == 200
    words = read_page(page.text).text
    assert "评价已发布" in words
    assert "手机号码" in words and "138****5678" in words
    assert PHONE not in page.text
    # and the review and its photo are stored, the order is completed (its only line is reviewed)
    review = db_session.scalars(select(Review)).one()
    assert review.text == "有问题打138****5678"
    assert db_session.scalar(select(func.count()).where(ReviewImage.review_id == review.id)) == 1
    db_session.expire_all()
    assert db_session.get(Order, order.order.id).state == "completed"  # type: ignore[union-attr]
    # and the product's public reviews show it
    public = world.api.client.get(f"/api/v1/products/{product_id}/reviews").json()
    assert public["items"][0]["text"] == "有问题打138****5678"


@pytest.mark.promise("P21")
def test_a_form_without_its_csrf_token_is_refused(world: World, db_session: Session) -> None:
    buyer, order = bought(world)
    sign_in_page(world, buyer)
    response = world.api.client.post(
        f"/orders/{order.order.id}/review",
        data=form_data("forged", order.lines[0].product_id, agree_publish="true"),
    )
    assert response.status_code in (400, 403)
    assert db_session.scalar(select(func.count()).select_from(Review)) == 0


@pytest.mark.promise("P21")
def test_someone_elses_order_page_is_not_found(world: World) -> None:
    _buyer, order = bought(world)
    stranger = world.person()
    csrf = sign_in_page(world, stranger)
    page = world.api.client.get(f"/orders/{order.order.id}/review")
    posted = world.api.client.post(
        f"/orders/{order.order.id}/review",
        data=form_data(csrf, order.lines[0].product_id, agree_publish="true"),
    )
    assert page.status_code == posted.status_code == 404
    assert "手冲咖啡壶" not in page.text and "手冲咖啡壶" not in posted.text


@pytest.mark.promise("P21")
def test_an_order_not_yet_received_shows_no_form_and_a_post_is_refused(world: World, db_session: Session) -> None:
    buyer, order = bought(world, state=OrderState.AWAITING_RECEIPT)
    csrf = sign_in_page(world, buyer)
    page = world.api.client.get(f"/orders/{order.order.id}/review")
    assert page.status_code == 200 and "发布评价" not in page.text
    posted = world.api.client.post(
        f"/orders/{order.order.id}/review",
        data=form_data(csrf, order.lines[0].product_id, agree_publish="true"),
    )
    assert posted.status_code == 409
    assert "确认收货后才能评价" in read_page(posted.text).text
    assert db_session.scalar(select(func.count()).select_from(Review)) == 0


def test_skip_review_and_my_reviews_pages(world: World, db_session: Session) -> None:
    # given a buyer with one reviewed order and one awaiting review
    buyer, reviewed = bought(world)
    csrf = sign_in_page(world, buyer)
    product_id = reviewed.lines[0].product_id
    world.api.client.post(
        f"/orders/{reviewed.order.id}/review", data=form_data(csrf, product_id, text="不错", agree_publish="true")
    )
    _owner, shop = world.shop()
    waiting = order_of(world, buyer, [world.product(shop)])
    # when the buyer skips the review of the second order
    skipped = world.api.client.post(
        f"/orders/{waiting.order.id}/review/skip", data={"csrf_token": csrf}, follow_redirects=False
    )
    # then it is completed
    assert skipped.status_code == 303
    db_session.expire_all()
    assert db_session.get(Order, waiting.order.id).state == "completed"  # type: ignore[union-attr]
    # when the buyer opens their reviews and deletes the one they wrote
    mine = world.api.client.get("/me/reviews")
    assert mine.status_code == 200 and "不错" in mine.text
    review_id = db_session.scalars(select(Review.id)).one()
    deleted = world.api.client.post(
        f"/me/reviews/{review_id}/delete", data={"csrf_token": csrf}, follow_redirects=False
    )
    # then it is gone
    assert deleted.status_code == 303
    assert db_session.scalar(select(func.count()).select_from(Review)) == 0


@pytest.mark.promise("P21")
def test_after_a_withdrawal_the_author_still_sees_their_photo_and_nobody_else_does(
    world: World, db_session: Session
) -> None:
    # given a published review with a photo, whose author then withdraws review.publish
    buyer, order = bought(world)
    csrf = sign_in_page(world, buyer)
    world.api.client.post(
        f"/orders/{order.order.id}/review",
        data=form_data(csrf, order.lines[0].product_id, agree_publish="true"),
        files=[("photos", ("a.png", png(), "image/png"))],
    )
    image_id = db_session.scalars(select(ReviewImage.id)).one()
    assert buyer.delete("/me/consents/review.publish").status_code == 200
    # then the public photo address answers 404, while the author's own page still shows it
    assert world.api.client.get(f"/api/v1/reviews/images/{image_id}").status_code == 404
    mine = world.api.client.get("/me/reviews")
    assert f"/me/reviews/images/{image_id}" in mine.text and "不会公开展示" in mine.text
    own = world.api.client.get(f"/me/reviews/images/{image_id}")
    assert own.status_code == 200 and own.content == png()
    # and another signed-in buyer cannot open it
    sign_in_page(world, world.person())
    assert world.api.client.get(f"/me/reviews/images/{image_id}").status_code == 404

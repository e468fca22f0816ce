"""Reviews through the API (P21): only a buyer of the item, after receipt, once per line; PI in
the text masked before it is stored and the author told what; publishing only with the separate
consent; photos checked by their bytes."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from shouyue.commerce.identity.id_numbers import check_character
from shouyue.commerce.orders.models import Order, OrderState
from shouyue.commerce.reviews.models import Review, ReviewImage
from shouyue.privacy.consent import ConsentEvent
from shouyue.settings import get_settings
from tests.commerce.reviews.builders import Bought, jpeg, order_of, png
from tests.commerce.support.world import Person, World

PHONE = "13812345678"
EMAIL = "zhangwei@example.com"
ID_17 = "11010519491231002"
ID_NUMBER = ID_17 + check_character(ID_17)
ADDRESS = "北京市朝阳区建国路88号"


def luhn_card(prefix: str = "622202123456789012") -> str:
    digits = [int(d) for d in prefix]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return prefix + str((10 - total % 10) % 10)


CARD = luhn_card()
PI_TEXT = (
    f"张伟推荐的，质量很好！有问题打我电话{PHONE}，或发邮件到 {EMAIL}。"
    f"身份证{ID_NUMBER}，退款打到卡{CARD}，寄到{ADDRESS}。"
)
ORIGINALS = [PHONE, EMAIL, ID_NUMBER, CARD, "建国路88号", "张伟"]


def review_body(product_id: int, **overrides: Any) -> dict[str, Any]:
    return {"product_id": product_id, "rating": 5, "text": "质量不错，物流很快", "agree_publish": True, **overrides}


def reviews_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Review)) or 0


def consent_events(session: Session, account_id: str) -> int:
    query = select(func.count()).where(ConsentEvent.subject_id == account_id, ConsentEvent.purpose == "review.publish")
    return session.scalar(query) or 0


def bought(world: World, *, products: int = 1, state: OrderState = OrderState.AWAITING_REVIEW) -> tuple[Person, Bought]:
    _owner, shop = world.shop()
    items = [world.product(shop, title=f"好用的保温杯{i}") for i in range(products)]
    buyer = world.person()
    return buyer, order_of(world, buyer, items, state=state)


@pytest.mark.promise("P21")
def test_pi_in_the_text_is_masked_before_it_is_stored_and_the_author_is_told_what(
    world: World, db_session: Session
) -> None:
    # given a buyer whose order awaits review
    buyer, order = bought(world)
    product_id = order.lines[0].product_id
    # when the buyer reviews with a phone, ID number, bank card, e-mail, address and name in the text
    response = buyer.post(f"/orders/{order.order.id}/reviews", json=review_body(product_id, text=PI_TEXT))
    # then the review is published with every piece masked, and the author is told kind and masked form
    assert response.status_code == 201, response.text
    body = response.json()
    labels = {item["label"] for item in body["masked"]}
    assert {"手机号码", "身份证号码", "银行卡号", "电子邮箱", "地址", "姓名"} <= labels
    masked_forms = {item["masked"] for item in body["masked"]}
    assert "138****5678" in masked_forms and "****" + CARD[-4:] in masked_forms
    assert "手机号码（已显示为 138****5678）" in body["masked_notice"]
    for original in ORIGINALS:
        assert original not in response.text, original
    # and only the masked text exists in the database (raw column, not through the model)
    stored = db_session.execute(text("SELECT text, masked_items FROM review")).all()
    assert len(stored) == 1
    for original in ORIGINALS:
        assert original not in stored[0][0] and original not in stored[0][1], original
    assert "138****5678" in stored[0][0]
    # and the public list shows the masked text too
    public = world.api.client.get(f"/api/v1/products/{product_id}/reviews")
    assert public.status_code == 200
    assert public.json()["items"][0]["text"] == body["review"]["text"]
    for original in ORIGINALS:
        assert original not in public.text


@pytest.mark.promise("P21")
def test_a_review_without_pi_is_published_as_written(world: World) -> None:
    # given a buyer whose order awaits review
    buyer, order = bought(world)
    # when the text holds no PI
    response = buyer.post(
        f"/orders/{order.order.id}/reviews", json=review_body(order.lines[0].product_id, text="质量不错，物流很快")
    )
    # then it is published as written, and nothing is reported masked
    assert response.status_code == 201, response.text
    assert response.json()["review"]["text"] == "质量不错，物流很快"
    assert response.json()["masked"] == []


@pytest.mark.promise("P21")
def test_someone_elses_order_is_not_found_and_reveals_nothing(world: World, db_session: Session) -> None:
    # given an order of one buyer awaiting review, and another buyer
    _buyer, order = bought(world)
    stranger = world.person()
    # when the stranger reviews it, and reviews an order id that does not exist
    theirs = stranger.post(f"/orders/{order.order.id}/reviews", json=review_body(order.lines[0].product_id))
    missing = stranger.post("/orders/999999/reviews", json=review_body(order.lines[0].product_id))
    # then both answers are the same 404, and nothing is stored
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json() == {"detail": "未找到该订单"}
    assert reviews_count(db_session) == 0
    assert consent_events(db_session, stranger.account_id) == 0


@pytest.mark.promise("P21")
def test_an_order_the_buyer_deleted_cannot_be_reviewed(world: World, db_session: Session) -> None:
    # given an order the buyer deleted
    _owner, shop = world.shop()
    product = world.product(shop)
    buyer = world.person()
    order = order_of(world, buyer, [product], deleted=True)
    # when the buyer reviews it
    response = buyer.post(f"/orders/{order.order.id}/reviews", json=review_body(product.id))
    # then it is not found
    assert response.status_code == 404
    assert reviews_count(db_session) == 0


@pytest.mark.promise("P21")
@pytest.mark.parametrize(
    "state", [OrderState.AWAITING_PAYMENT, OrderState.AWAITING_SHIPMENT, OrderState.AWAITING_RECEIPT]
)
def test_an_order_not_yet_received_is_refused_with_a_clear_message(
    world: World, db_session: Session, state: OrderState
) -> None:
    # given an order not yet received
    buyer, order = bought(world, state=state)
    # when the buyer reviews it
    response = buyer.post(f"/orders/{order.order.id}/reviews", json=review_body(order.lines[0].product_id))
    # then 409 says to confirm receipt first, and nothing is stored
    assert response.status_code == 409
    assert response.json()["detail"] == "订单尚未确认收货，确认收货后才能评价"
    assert reviews_count(db_session) == 0


@pytest.mark.promise("P21")
@pytest.mark.parametrize("state", [OrderState.CANCELLED, OrderState.COMPLETED])
def test_a_closed_order_cannot_be_reviewed(world: World, db_session: Session, state: OrderState) -> None:
    buyer, order = bought(world, state=state)
    response = buyer.post(f"/orders/{order.order.id}/reviews", json=review_body(order.lines[0].product_id))
    assert response.status_code == 409
    assert "不能再评价" in response.json()["detail"]
    assert reviews_count(db_session) == 0


@pytest.mark.promise("P21")
def test_only_a_product_of_the_order_can_be_reviewed(world: World, db_session: Session) -> None:
    # given an order and a product the buyer did not buy in it
    buyer, order = bought(world)
    _owner, other_shop = world.shop()
    other = world.product(other_shop)
    # when the buyer reviews that other product through this order
    response = buyer.post(f"/orders/{order.order.id}/reviews", json=review_body(other.id))
    # then it is refused and nothing is stored
    assert response.status_code == 404
    assert "只能评价您在此订单中购买的商品" in response.json()["detail"]
    assert reviews_count(db_session) == 0


@pytest.mark.promise("P21")
def test_one_review_per_line_and_the_order_completes_when_every_line_is_reviewed(
    world: World, db_session: Session
) -> None:
    # given an order of two products awaiting review
    buyer, order = bought(world, products=2)
    first, second = (line.product_id for line in order.lines)
    path = f"/orders/{order.order.id}/reviews"
    # when the buyer reviews the first product
    one = buyer.post(path, json=review_body(first))
    # then the order still awaits review
    assert one.status_code == 201, one.text
    assert one.json()["order_state"] == "awaiting_review"
    # when the buyer reviews the first product again
    again = buyer.post(path, json=review_body(first, text="再评一次"))
    # then it is refused: one review per line
    assert again.status_code == 409
    assert again.json()["detail"] == "这件商品已经评价过了，每件商品只能评价一次"
    # when the buyer reviews the second product
    two = buyer.post(path, json=review_body(second))
    # then the order is completed
    assert two.status_code == 201, two.text
    assert (two.json()["order_state"], two.json()["order_state_label"]) == ("completed", "已完成")
    db_session.expire_all()
    row = db_session.get(Order, order.order.id)
    assert row is not None and row.state == "completed" and row.completed_at is not None
    assert reviews_count(db_session) == 2


@pytest.mark.promise("P21")
def test_without_the_separate_consent_nothing_is_stored(world: World, db_session: Session) -> None:
    # given a buyer who never consented to review.publish
    buyer, order = bought(world)
    product_id = order.lines[0].product_id
    # when the buyer publishes without ticking the separate consent, and uploads a photo the same way
    response = buyer.post(f"/orders/{order.order.id}/reviews", json=review_body(product_id, agree_publish=False))
    upload = buyer.post("/reviews/images", files={"file": ("a.png", png(), "image/png")})
    # then both are refused with 403 and a sentence naming the separate consent; nothing is stored
    assert response.status_code == upload.status_code == 403
    assert "单独同意「评价与晒单」" in response.json()["detail"]
    assert reviews_count(db_session) == 0
    assert db_session.scalar(select(func.count()).select_from(ReviewImage)) == 0
    assert consent_events(db_session, buyer.account_id) == 0
    uploads = get_settings().upload_dir / "reviews"
    assert not uploads.exists() or not any(uploads.iterdir())
    db_session.expire_all()
    assert db_session.get(Order, order.order.id).state == "awaiting_review"  # type: ignore[union-attr]


@pytest.mark.promise("P21")
def test_the_separate_consent_is_recorded_by_the_engine_once(world: World, db_session: Session) -> None:
    # given a buyer with two products to review
    buyer, order = bought(world, products=2)
    first, second = (line.product_id for line in order.lines)
    # when the buyer ticks the separate consent with the first review, and not with the second
    assert buyer.post(f"/orders/{order.order.id}/reviews", json=review_body(first)).status_code == 201
    later = buyer.post(f"/orders/{order.order.id}/reviews", json=review_body(second, agree_publish=False))
    # then one grant of review.publish is on the ledger and it covers the second review
    assert later.status_code == 201, later.text
    event = db_session.scalars(
        select(ConsentEvent).where(
            ConsentEvent.subject_id == buyer.account_id, ConsentEvent.purpose == "review.publish"
        )
    ).one()
    assert event.action == "granted" and event.evidence == "review-form:separate-checkbox"
    listed = buyer.get("/me/consents/review.publish")
    assert listed.status_code == 200 and listed.json()["granted"] is True


@pytest.mark.promise("P21")
@pytest.mark.parametrize(
    ("overrides", "status"),
    [
        ({"text": ""}, 422),
        ({"text": "   "}, 422),
        ({"text": "好" * 501}, 422),
        ({"rating": 0}, 422),
        ({"rating": 6}, 422),
        ({"image_ids": list(range(1, 8))}, 422),
        ({"price_fen": 1}, 422),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(
    world: World, db_session: Session, overrides: dict[str, Any], status: int
) -> None:
    buyer, order = bought(world)
    response = buyer.post(f"/orders/{order.order.id}/reviews", json=review_body(order.lines[0].product_id, **overrides))
    assert response.status_code == status, response.text
    assert response.json()["detail"]
    assert reviews_count(db_session) == 0
    assert consent_events(db_session, buyer.account_id) == 0


@pytest.mark.promise("P21")
def test_photos_are_checked_by_their_bytes_stored_with_random_names_and_shown_with_the_review(
    world: World, db_session: Session
) -> None:
    # given a buyer whose order awaits review
    buyer, order = bought(world)
    # when the buyer uploads a PNG and a JPEG (with the separate consent)
    first = buyer.post(
        "/reviews/images", files={"file": ("我的身份证.png", png(), "image/png")}, data={"agree_publish": "true"}
    )
    second = buyer.post("/reviews/images", files={"file": ("x.jpg", jpeg(), "image/jpeg")})
    # then each is stored under the upload directory with a random name, not the uploaded one
    assert first.status_code == second.status_code == 201, first.text
    names = list(db_session.scalars(select(ReviewImage.file_name)))
    assert len(names) == 2 and all(len(n.split(".")[0]) == 32 for n in names)
    assert all((get_settings().upload_dir / "reviews" / n).is_file() for n in names)
    # when the review is published with both
    ids = [first.json()["id"], second.json()["id"]]
    published = buyer.post(
        f"/orders/{order.order.id}/reviews", json=review_body(order.lines[0].product_id, image_ids=ids)
    )
    assert published.status_code == 201, published.text
    # then anyone can see them with the review
    listed = world.api.client.get(f"/api/v1/products/{order.lines[0].product_id}/reviews").json()
    urls = listed["items"][0]["images"]
    assert len(urls) == 2
    picture = world.api.client.get(urls[0])
    assert picture.status_code == 200 and picture.content == png()


@pytest.mark.promise("P21")
@pytest.mark.parametrize(
    "data",
    [b"GIF89a not a png at all", b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"", png(2 * 1024 * 1024 + 10)],
)
def test_a_photo_that_is_not_a_small_png_or_jpeg_is_refused(world: World, db_session: Session, data: bytes) -> None:
    buyer = world.person()
    response = buyer.post(
        "/reviews/images", files={"file": ("photo.png", data, "image/png")}, data={"agree_publish": "true"}
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "图片须为PNG或JPEG格式，每张不超过2MB"
    assert db_session.scalar(select(func.count()).select_from(ReviewImage)) == 0
    assert consent_events(db_session, buyer.account_id) == 0


@pytest.mark.promise("P21")
def test_an_unpublished_photo_is_not_public_and_another_buyers_photo_cannot_be_used(
    world: World, db_session: Session
) -> None:
    # given a photo uploaded by someone else
    other = world.person()
    theirs = other.post(
        "/reviews/images", files={"file": ("a.png", png(), "image/png")}, data={"agree_publish": "true"}
    )
    assert theirs.status_code == 201
    # then it is not served while it belongs to no published review
    assert world.api.client.get(theirs.json()["url"]).status_code == 404
    # when a buyer attaches it to their own review
    buyer, order = bought(world)
    response = buyer.post(
        f"/orders/{order.order.id}/reviews",
        json=review_body(order.lines[0].product_id, image_ids=[theirs.json()["id"]]),
    )
    # then it is refused and nothing is stored
    assert response.status_code == 422
    assert reviews_count(db_session) == 0


@pytest.mark.promise("P21")
def test_the_public_list_shows_nickname_or_anonymous_never_the_phone(world: World) -> None:
    # given two buyers who reviewed the same product, one with a nickname
    _owner, shop = world.shop()
    product = world.product(shop)
    named, anonymous = world.person(), world.person()
    assert (
        named.patch("/accounts/me/profile", json={"nickname": "爱喝茶", "agree_profile_edit": True}).status_code == 200
    )
    avatar = named.put("/accounts/me/avatar", files={"file": ("me.png", png(), "image/png")})
    assert avatar.status_code == 200, avatar.text
    for buyer in (named, anonymous):
        order = order_of(world, buyer, [product])
        assert buyer.post(f"/orders/{order.order.id}/reviews", json=review_body(product.id)).status_code == 201
    # when anyone reads the product's reviews
    response = world.api.client.get(f"/api/v1/products/{product.id}/reviews", params={"limit": 10})
    # then the reviewers are shown by nickname or as 匿名买家, never by phone or account id
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 2
    reviewers = {i["reviewer"]["nickname"]: i["reviewer"]["avatar_url"] for i in body["items"]}
    assert set(reviewers) == {"爱喝茶", "匿名买家"}
    # and the avatar is shown with the nickname as the purpose says (昵称和头像公开展示)
    assert reviewers["匿名买家"] is None
    picture = world.api.client.get(reviewers["爱喝茶"])
    assert picture.status_code == 200 and picture.content == png()
    for buyer in (named, anonymous):
        assert buyer.phone not in response.text and buyer.phone[-4:] not in response.text
        assert buyer.account_id not in response.text


@pytest.mark.promise("P21")
def test_withdrawing_the_consent_stops_publication(world: World) -> None:
    # given a published review
    buyer, order = bought(world)
    product_id = order.lines[0].product_id
    assert buyer.post(f"/orders/{order.order.id}/reviews", json=review_body(product_id)).status_code == 201
    # when the author withdraws review.publish in the privacy center
    assert buyer.delete("/me/consents/review.publish").status_code == 200
    # then the review is no longer shown publicly, yet the author still has it
    assert world.api.client.get(f"/api/v1/products/{product_id}/reviews").json()["items"] == []
    assert len(buyer.get("/reviews/mine").json()) == 1


@pytest.mark.promise("P21")
def test_the_author_lists_and_deletes_their_own_reviews_only(world: World, db_session: Session) -> None:
    # given a published review with a photo
    buyer, order = bought(world)
    upload = buyer.post(
        "/reviews/images", files={"file": ("a.png", png(), "image/png")}, data={"agree_publish": "true"}
    )
    body = review_body(order.lines[0].product_id, text=f"电话{PHONE}", image_ids=[upload.json()["id"]])
    published = buyer.post(f"/orders/{order.order.id}/reviews", json=body).json()
    review_id = published["review"]["id"]
    # when the author lists their reviews
    mine = buyer.get("/reviews/mine")
    # then the review is there with what was masked
    assert mine.status_code == 200
    assert [r["id"] for r in mine.json()] == [review_id]
    assert mine.json()[0]["masked"] == [{"kind": "phone", "label": "手机号码", "masked": "138****5678"}]
    # when someone else deletes it
    stranger = world.person()
    assert stranger.delete(f"/reviews/{review_id}").status_code == 404
    assert reviews_count(db_session) == 1
    # when the author deletes it
    assert buyer.delete(f"/reviews/{review_id}").status_code == 204
    # then the review, its photo row and its file are gone
    assert reviews_count(db_session) == 0
    assert db_session.scalar(select(func.count()).select_from(ReviewImage)) == 0
    assert not any((get_settings().upload_dir / "reviews").iterdir())
    assert buyer.get("/reviews/mine").json() == []


def test_skipping_the_review_completes_the_order(world: World, db_session: Session) -> None:
    # given an order awaiting review, and one not yet received
    buyer, order = bought(world)
    _buyer2, early = bought(world, state=OrderState.AWAITING_RECEIPT)
    # when the buyer confirms completion without reviewing
    response = buyer.post(f"/orders/{order.order.id}/reviews/skip")
    # then the order is completed; someone else's order is not found
    assert response.status_code == 200, response.text
    assert response.json()["order_state_label"] == "已完成"
    assert buyer.post(f"/orders/{early.order.id}/reviews/skip").status_code == 404
    # and a completed order cannot be reviewed any more
    late = buyer.post(f"/orders/{order.order.id}/reviews", json=review_body(order.lines[0].product_id))
    assert late.status_code == 409


def test_reviews_of_an_unknown_product_are_not_found(world: World) -> None:
    assert world.api.client.get("/api/v1/products/999999/reviews").status_code == 404

"""Placing orders through the API (P15-P18): required recipient fields, ordering for others,
customs only for cross-border goods and only to customs, what an order records, server-side
prices, stock; every refusal leaves nothing half-written."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from shouyue.commerce.orders.models import Order
from shouyue.privacy.audit.models import AuditEntry
from shouyue.privacy.gateway import shared_with
from shouyue.providers.customs import declarations_path, read_declarations
from tests.commerce.orders.builders import ADULT_ID, buy, recipient, row_counts, stock_of
from tests.commerce.support.world import World


@pytest.mark.promise("P15")
@pytest.mark.parametrize(
    ("missing", "named"),
    [
        ("recipient_name", "收货人姓名"),
        ("phone", "联系电话"),
        ("region", "所在地区"),
        ("detail", "详细地址"),
        ("postcode", "邮政编码"),
    ],
)
def test_each_missing_recipient_field_is_named_and_no_order_is_stored(
    world: World, db_session: Session, missing: str, named: str
) -> None:
    # given a product and a buyer
    _owner, shop = world.shop()
    product = world.product(shop, stock=5)
    buyer = world.person()
    # when the buyer orders with one recipient field left out
    response = buyer.post(
        "/orders",
        json={"lines": [{"product_id": product.id, "quantity": 2}], "recipient": recipient(**{missing: None})},
    )
    # then the refusal names that field in Chinese, and no order, line or stock change remains
    assert response.status_code == 422, response.text
    assert f"请填写{named}" in response.json()["detail"]
    assert row_counts(db_session, buyer.account_id) == (0, 0)
    assert stock_of(db_session, product) == 5


@pytest.mark.promise("P15")
def test_an_order_with_no_recipient_at_all_names_every_field(world: World, db_session: Session) -> None:
    _owner, shop = world.shop()
    product = world.product(shop)
    buyer = world.person()
    response = buyer.post("/orders", json={"lines": [{"product_id": product.id, "quantity": 1}]})
    assert response.status_code == 422
    assert "请填写收货人姓名、联系电话、所在地区、详细地址、邮政编码" in response.json()["detail"]
    assert row_counts(db_session, buyer.account_id) == (0, 0)


@pytest.mark.promise("P15")
@pytest.mark.promise("P18")
def test_an_order_records_goods_number_time_amount_remark_and_a_held_recipient_snapshot(
    world: World, db_session: Session
) -> None:
    # given two products of one shop and a saved address
    _owner, shop = world.shop()
    tea = world.product(shop, title="龙井茶", price_fen=8800, stock=10)
    cup = world.product(shop, title="茶杯", price_fen=1500, stock=10)
    buyer = world.person()
    address_id = buyer.post("/addresses", json=recipient()).json()["id"]
    # when the buyer orders with that address and a remark
    response = buyer.post(
        "/orders",
        json={
            "lines": [{"product_id": tea.id, "quantity": 2}, {"product_id": cup.id, "quantity": 3}],
            "address_id": address_id,
            "remark": "请周末送货",
        },
    )
    # then one order records the goods, a 20-digit number, the time, the amount and the remark
    assert response.status_code == 201, response.text
    (order,) = response.json()["orders"]
    assert re.fullmatch(r"[0-9]{20}", order["number"])
    assert order["amount_fen"] == 2 * 8800 + 3 * 1500
    assert order["remark"] == "请周末送货"
    assert order["created_at"]
    assert [(line["title"], line["quantity"]) for line in order["lines"]] == [("龙井茶", 2), ("茶杯", 3)]
    assert order["state"] == "awaiting_payment" and order["state_label"] == "待付款"
    # and the recipient is shown masked, and stored sealed under the buyer's held key
    assert order["recipient"] == {
        "name": "李**",
        "phone": "139****5678",
        "address": "广东省深圳市南山区****",
        "postcode": "51****",
    }
    row = db_session.get(Order, order["id"])
    assert row is not None and row.recipient_name.scope == "held" and row.recipient_address.scope == "held"
    raw = db_session.execute(text("SELECT recipient_phone FROM shop_order WHERE id = :i"), {"i": order["id"]}).scalar()
    assert "13912345678" not in raw
    # and the stock was taken
    assert (stock_of(db_session, tea), stock_of(db_session, cup)) == (8, 7)


@pytest.mark.promise("P18")
def test_one_order_per_shop_and_the_cart_empties(world: World) -> None:
    # given products of two shops in the cart
    _a, shop_a = world.shop()
    _b, shop_b = world.shop()
    one, two = world.product(shop_a, price_fen=100), world.product(shop_b, price_fen=200)
    buyer = world.person()
    for product in (one, two):
        buyer.post("/cart/items", json={"product_id": product.id, "quantity": 2})
    # when the buyer checks out the whole cart
    response = buyer.post("/orders", json={"from_cart": True, "recipient": recipient()})
    # then there is one order per shop, with different numbers, and the cart is empty
    assert response.status_code == 201, response.text
    orders = response.json()["orders"]
    assert sorted((o["shop_id"], o["amount_fen"]) for o in orders) == sorted([(shop_a.id, 200), (shop_b.id, 400)])
    assert len({o["number"] for o in orders}) == 2
    assert response.json()["total_fen"] == 600
    assert buyer.get("/cart").json()["lines"] == []


@pytest.mark.promise("P18")
def test_an_altered_price_is_refused_and_never_charged(world: World, db_session: Session) -> None:
    # given a product at 99.00 yuan
    _owner, shop = world.shop()
    product = world.product(shop, price_fen=9900, stock=3)
    buyer = world.person()
    # when the request claims it costs 1 fen
    altered = buyer.post(
        "/orders",
        json={"lines": [{"product_id": product.id, "quantity": 1, "unit_price_fen": 1}], "recipient": recipient()},
    )
    # then the order is refused and nothing is written
    assert altered.status_code == 409
    assert "价格已变化" in altered.json()["detail"]
    assert row_counts(db_session, buyer.account_id) == (0, 0)
    assert stock_of(db_session, product) == 3
    # and an amount field is not accepted at all
    forged = buyer.post(
        "/orders",
        json={
            "lines": [{"product_id": product.id, "quantity": 1}],
            "recipient": recipient(),
            "amount_fen": 1,
        },
    )
    assert forged.status_code == 422
    # while the catalogue's price is what an order charges
    order = buy(buyer, product, 2)
    assert order["amount_fen"] == 2 * 9900


def test_not_enough_stock_refuses_the_whole_order_naming_the_product(world: World, db_session: Session) -> None:
    # given one product with plenty and another with one left
    _owner, shop = world.shop()
    plenty = world.product(shop, title="充足商品", stock=50)
    scarce = world.product(shop, title="紧俏商品", stock=1)
    buyer = world.person()
    # when the buyer orders both, two of the scarce one
    response = buyer.post(
        "/orders",
        json={
            "lines": [{"product_id": plenty.id, "quantity": 5}, {"product_id": scarce.id, "quantity": 2}],
            "recipient": recipient(),
        },
    )
    # then 409 names the product, and neither stock nor orders changed
    assert response.status_code == 409
    assert response.json()["detail"].startswith("库存不足：「紧俏商品」")
    assert (stock_of(db_session, plenty), stock_of(db_session, scarce)) == (50, 1)
    assert row_counts(db_session, buyer.account_id) == (0, 0)


@pytest.mark.parametrize("quantity", [0, -3, 1000, 10**12])
def test_bad_quantities_are_refused_and_nothing_is_written(world: World, db_session: Session, quantity: int) -> None:
    _owner, shop = world.shop()
    product = world.product(shop, stock=5)
    buyer = world.person()
    response = buyer.post(
        "/orders", json={"lines": [{"product_id": product.id, "quantity": quantity}], "recipient": recipient()}
    )
    assert response.status_code == 422
    assert "购买数量须为1到999之间的整数" in response.json()["detail"]
    assert row_counts(db_session, buyer.account_id) == (0, 0)
    assert stock_of(db_session, product) == 5


def test_an_unknown_product_or_another_buyers_address_is_not_found(world: World, db_session: Session) -> None:
    _owner, shop = world.shop()
    product = world.product(shop)
    owner, buyer = world.person(), world.person()
    theirs = owner.post("/addresses", json=recipient()).json()["id"]
    unknown = buyer.post("/orders", json={"lines": [{"product_id": 10**8, "quantity": 1}], "recipient": recipient()})
    borrowed = buyer.post("/orders", json={"lines": [{"product_id": product.id, "quantity": 1}], "address_id": theirs})
    assert (unknown.status_code, borrowed.status_code) == (404, 404)
    assert row_counts(db_session, buyer.account_id) == (0, 0)


@pytest.mark.promise("P16")
def test_ordering_for_someone_else_needs_the_affirmed_authorisation_which_is_recorded(
    world: World, db_session: Session
) -> None:
    # given a product and a buyer ordering for a friend
    _owner, shop = world.shop()
    product = world.product(shop, stock=4)
    buyer = world.person()
    body = {
        "lines": [{"product_id": product.id, "quantity": 1}],
        "recipient": recipient(recipient_name="赵朋友"),
        "for_others": True,
    }
    # when the authorisation is not affirmed
    refused = buyer.post("/orders", json=body)
    # then the order is refused saying so, and nothing is written
    assert refused.status_code == 422
    assert "已取得收货人的授权同意" in refused.json()["detail"]
    assert row_counts(db_session, buyer.account_id) == (0, 0)
    # when it is affirmed
    placed = buyer.post("/orders", json={**body, "others_authorised": True})
    # then the order records the affirmation with its time, and the audit log holds it
    assert placed.status_code == 201, placed.text
    order = placed.json()["orders"][0]
    assert order["for_others"] is True and order["others_authorised_at"]
    entry = db_session.scalar(
        select(AuditEntry).where(
            AuditEntry.action == "order.others_authorisation_affirmed", AuditEntry.subject_id == buyer.account_id
        )
    )
    assert entry is not None and entry.purpose == "order.for_others"


@pytest.mark.promise("P17")
def test_cross_border_goods_need_a_valid_id_number_shared_only_with_customs(world: World, db_session: Session) -> None:
    # given a cross-border product
    _owner, shop = world.shop()
    product = world.product(shop, title="进口奶粉", price_fen=25800, stock=5, cross_border=True)
    buyer = world.person()
    line = {"product_id": product.id, "quantity": 1}
    # when the buyer orders without name and ID number, or with a wrong check digit
    missing = buyer.post("/orders", json={"lines": [line], "recipient": recipient()})
    bad_digit = ADULT_ID[:-1] + ("0" if ADULT_ID[-1] != "0" else "1")
    wrong = buyer.post(
        "/orders",
        json={"lines": [line], "recipient": recipient(), "customs_name": "王小明", "customs_id_number": bad_digit},
    )
    # then both are refused naming what customs needs, and nothing is written
    assert missing.status_code == 422 and "海关清关" in missing.json()["detail"]
    assert "身份证号码" in missing.json()["detail"]
    assert wrong.status_code == 422 and "校验位" in wrong.json()["detail"]
    assert bad_digit not in wrong.text
    assert row_counts(db_session, buyer.account_id) == (0, 0)
    # when the buyer gives a valid name and number
    placed = buyer.post(
        "/orders",
        json={"lines": [line], "recipient": recipient(), "customs_name": "王小明", "customs_id_number": ADULT_ID},
    )
    # then the order is placed, declared to customs, and the number never comes back
    assert placed.status_code == 201, placed.text
    order = placed.json()["orders"][0]
    assert order["cross_border"] is True and order["customs_declared"] is True
    assert ADULT_ID not in placed.text
    row = db_session.get(Order, order["id"])
    assert row is not None and row.customs_id_number is not None and row.customs_id_number.scope == "held"
    assert row.customs_reference is not None
    # and the sandbox clearance service got the declaration under that reference
    (declaration,) = read_declarations(declarations_path())
    assert declaration["reference"] == row.customs_reference
    assert declaration["fields"]["identity.id_number"] == ADULT_ID  # type: ignore[index]
    # and customs is the only recipient that ever got the ID number
    disclosures = shared_with(session=db_session, subject_id=buyer.account_id)
    with_id = [d for d in disclosures if "identity.id_number" in d.sent]
    assert [(d.recipient, d.purpose) for d in with_id] == [("partner.customs", "order.customs_clearance")]


@pytest.mark.promise("P17")
def test_an_id_number_is_refused_when_no_item_is_cross_border(world: World, db_session: Session) -> None:
    # given a domestic product
    _owner, shop = world.shop()
    product = world.product(shop, stock=2)
    buyer = world.person()
    # when the buyer sends an ID number anyway
    response = buyer.post(
        "/orders",
        json={
            "lines": [{"product_id": product.id, "quantity": 1}],
            "recipient": recipient(),
            "customs_name": "王小明",
            "customs_id_number": ADULT_ID,
        },
    )
    # then it is refused (never silently kept), nothing is written and nothing is disclosed
    assert response.status_code == 422
    assert "无需填写姓名和身份证号码" in response.json()["detail"]
    assert row_counts(db_session, buyer.account_id) == (0, 0)
    disclosures = shared_with(session=db_session, subject_id=buyer.account_id)
    assert [d for d in disclosures if d.recipient == "partner.customs" or "identity.id_number" in d.sent] == []


def test_a_remark_over_200_characters_is_refused(world: World, db_session: Session) -> None:
    _owner, shop = world.shop()
    product = world.product(shop)
    buyer = world.person()
    response = buyer.post(
        "/orders",
        json={"lines": [{"product_id": product.id, "quantity": 1}], "recipient": recipient(), "remark": "好" * 201},
    )
    assert response.status_code == 422 and "200" in response.json()["detail"]
    assert row_counts(db_session, buyer.account_id) == (0, 0)

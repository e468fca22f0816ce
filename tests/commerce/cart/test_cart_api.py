"""The cart through the API: current prices and stock, quantities 1..999, unknown or off-sale
products not found; a refused change leaves the cart as it was."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from shouyue.commerce.catalog.models import ProductStatus
from tests.commerce.support.world import World


def test_add_change_list_and_remove_with_current_prices(world: World, db_session: Session) -> None:
    # given a product in a shop and a buyer
    _owner, shop = world.shop()
    product = world.product(shop, price_fen=2590, stock=7)
    buyer = world.person()
    # when the buyer adds 2, then 1 more, then sets 4
    assert buyer.post("/cart/items", json={"product_id": product.id, "quantity": 2}).status_code == 201
    added = buyer.post("/cart/items", json={"product_id": product.id, "quantity": 1}).json()
    assert added["lines"][0]["quantity"] == 3
    changed = buyer.put(f"/cart/items/{product.id}", json={"quantity": 4}).json()
    # then the cart shows the quantity, the current price, the stock and the total
    line = changed["lines"][0]
    assert (line["quantity"], line["unit_price_fen"], line["stock"], line["available"]) == (4, 2590, 7, True)
    assert changed["total_fen"] == 4 * 2590
    # when the seller changes the price, the cart shows the new price
    product.price_fen = 1990
    db_session.commit()
    assert buyer.get("/cart").json()["lines"][0]["unit_price_fen"] == 1990
    # when the buyer removes it, the cart is empty
    assert buyer.delete(f"/cart/items/{product.id}").json() == {"lines": [], "total_fen": 0}


@pytest.mark.parametrize("quantity", [0, -1, -999, 1000, 10**9, 2**63])
def test_negative_zero_and_absurd_quantities_are_refused_in_chinese(world: World, quantity: int) -> None:
    # given a product already in the cart
    _owner, shop = world.shop()
    product = world.product(shop)
    buyer = world.person()
    buyer.post("/cart/items", json={"product_id": product.id, "quantity": 2})
    # when the buyer adds or sets an impossible quantity
    added = buyer.post("/cart/items", json={"product_id": product.id, "quantity": quantity})
    changed = buyer.put(f"/cart/items/{product.id}", json={"quantity": quantity})
    # then both are refused with a Chinese message, and the cart still holds 2
    for response in (added, changed):
        assert response.status_code == 422, response.text
        assert "购买数量须为1到999之间的整数" in response.json()["detail"]
    assert buyer.get("/cart").json()["lines"][0]["quantity"] == 2


def test_a_quantity_that_is_not_a_whole_number_is_refused(world: World) -> None:
    _owner, shop = world.shop()
    product = world.product(shop)
    buyer = world.person()
    for quantity in ("abc", 1.5, None):
        response = buyer.post("/cart/items", json={"product_id": product.id, "quantity": quantity})
        assert response.status_code == 422
        assert response.json()["detail"].startswith("请求参数不正确")


def test_adding_past_999_in_total_is_refused(world: World) -> None:
    _owner, shop = world.shop()
    product = world.product(shop, stock=5000)
    buyer = world.person()
    buyer.post("/cart/items", json={"product_id": product.id, "quantity": 999})
    response = buyer.post("/cart/items", json={"product_id": product.id, "quantity": 1})
    assert response.status_code == 422
    assert buyer.get("/cart").json()["lines"][0]["quantity"] == 999


def test_unknown_and_off_sale_products_are_not_found(world: World, db_session: Session) -> None:
    # given an off-sale product
    _owner, shop = world.shop()
    product = world.product(shop)
    product.status = ProductStatus.OFF_SALE.value
    db_session.commit()
    buyer = world.person()
    # when the buyer adds it, or a product that does not exist
    answers = [
        buyer.post("/cart/items", json={"product_id": product.id, "quantity": 1}),
        buyer.post("/cart/items", json={"product_id": 987654321, "quantity": 1}),
    ]
    # then both are 404 with the same message, and the cart stays empty
    assert [a.status_code for a in answers] == [404, 404]
    assert {a.json()["detail"] for a in answers} == {"商品不存在或已下架"}
    assert buyer.get("/cart").json()["lines"] == []


def test_another_buyers_cart_is_not_touched(world: World) -> None:
    _owner, shop = world.shop()
    product = world.product(shop)
    owner, other = world.person(), world.person()
    owner.post("/cart/items", json={"product_id": product.id, "quantity": 3})
    assert other.put(f"/cart/items/{product.id}", json={"quantity": 1}).status_code == 404
    assert other.delete(f"/cart/items/{product.id}").status_code == 404
    assert owner.get("/cart").json()["lines"][0]["quantity"] == 3

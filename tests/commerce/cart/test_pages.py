"""The cart page: lines with current prices, a bad quantity refused in Chinese."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.commerce.orders.builders import log_in_page
from tests.commerce.support.world import World
from tests.web.html import read_page


def test_the_cart_page_adds_changes_and_refuses_a_bad_quantity(
    world: World, client: TestClient, db_session: Session
) -> None:
    # given a signed-in buyer and a product
    _owner, shop = world.shop()
    product = world.product(shop, title="保温杯", price_fen=4500, stock=9)
    buyer = world.person()
    csrf = log_in_page(client, db_session, buyer)
    # when they add 2 from the product page and open the cart
    added = client.post("/cart/items", data={"csrf_token": csrf, "product_id": product.id, "quantity": "2"})
    # then the cart shows the line at the current price and the total
    assert added.status_code == 200
    table = read_page(added.text).table("cart-lines")
    assert table.rows[0][0] == "保温杯" and table.rows[0][1] == "¥45.00" and table.rows[0][3] == "¥90.00"
    # when they set a negative quantity
    refused = client.post(f"/cart/items/{product.id}", data={"csrf_token": csrf, "quantity": "-5"})
    # then the page says why in Chinese and the cart keeps 2
    assert refused.status_code == 422
    assert "购买数量须为1到999之间的整数" in read_page(refused.text).text
    assert buyer.get("/cart").json()["lines"][0]["quantity"] == 2
    # when they remove it, the cart is empty
    client.post(f"/cart/items/{product.id}/delete", data={"csrf_token": csrf})
    assert "购物车是空的" in read_page(client.get("/cart").text).text


def test_the_cart_page_asks_to_log_in_first(client: TestClient) -> None:
    response = client.get("/cart", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/accounts/login?next=%2Fcart"

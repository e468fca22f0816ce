"""What 已售 shows: paid quantities, taken back when a paid order is cancelled; unpaid orders
count for nothing."""

from __future__ import annotations

from tests.commerce.orders.builders import recipient
from tests.commerce.support.world import World


def test_paid_quantities_count_as_sold_and_a_cancelled_payment_is_taken_back(world: World) -> None:
    # given a product and a buyer's order of three, not yet paid
    _owner, shop = world.shop()
    product = world.product(shop, price_fen=1500, stock=10)
    buyer = world.person()
    placed = buyer.post(
        "/orders", json={"lines": [{"product_id": product.id, "quantity": 3}], "recipient": recipient()}
    )
    assert placed.status_code == 201, placed.text
    order_id = placed.json()["orders"][0]["id"]

    def sold() -> int:
        world.session.expire_all()  # the test shares one session with the app; a request would not
        return int(world.api.client.get(f"/api/v1/products/{product.id}").json()["sales_count"])

    # then nothing is sold yet
    assert sold() == 0
    # when it is paid, three are sold
    assert buyer.post(f"/orders/{order_id}/payments", json={"channel": "wechat_pay"}).status_code == 201
    assert sold() == 3
    # when the paid order is cancelled before shipping, they are taken back
    assert buyer.post(f"/orders/{order_id}/cancel").status_code == 200
    assert sold() == 0

"""The buyer's tracking page (P34): the tracker's events, each naming its source."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shouyue.commerce.orders.models import OrderState
from tests.commerce.payments.builders import shop_with_order, sign_in_pages
from tests.commerce.support.world import World
from tests.web.html import read_page


def test_the_tracking_page_asks_to_log_in_first(client: TestClient) -> None:
    response = client.get("/orders/3/tracking", follow_redirects=False)
    assert (
        response.status_code == 303 and response.headers["location"] == "/accounts/login?next=%2Forders%2F3%2Ftracking"
    )


@pytest.mark.promise("P34")
def test_the_buyer_tracking_page_names_the_source(world: World, client: TestClient, db_session: Session) -> None:
    seller, _shop, buyer, order = shop_with_order(world, state=OrderState.AWAITING_SHIPMENT)
    assert (
        seller.post(
            f"/seller/orders/{order.id}/shipment", json={"carrier": "EMS", "tracking_number": "EM12345678"}
        ).status_code
        == 201
    )
    sign_in_pages(client, db_session, buyer)
    page = read_page(client.get(f"/orders/{order.id}/tracking").text)
    [event] = page.table("table-tracking").rows
    assert event[1] == "已揽收" and event[3] == "快递100"
    assert "仅向其提供收货人手机号码后四位" in page.text

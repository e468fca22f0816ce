"""The address book page (P54): signed-out visitors are sent to log in; adding names each missing
field in Chinese; entries are listed masked; editing and choosing a default work."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.commerce.orders.builders import RECIPIENT, log_in_page, recipient
from tests.commerce.support.world import World
from tests.web.html import read_page

pytestmark = pytest.mark.promise("P54")


def test_the_address_page_asks_to_log_in_first(client: TestClient) -> None:
    response = client.get("/addresses", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/accounts/login?next=%2Faddresses"


def test_adding_an_address_on_the_page_lists_it_masked(world: World, client: TestClient, db_session: Session) -> None:
    # given a signed-in buyer on the address page
    buyer = world.person()
    csrf = log_in_page(client, db_session, buyer)
    form = client.get("/addresses")
    assert '<label for="recipient_name">收货人姓名</label>' in form.text
    # when they submit the form without a postcode
    missing = client.post("/addresses", data={"csrf_token": csrf, **recipient(postcode="")})
    # then the page names the missing field, keeps what was typed, and nothing is saved
    assert missing.status_code == 422
    assert "请填写邮政编码" in read_page(missing.text).text
    assert buyer.get("/addresses").json() == []
    # when they submit it complete
    saved = client.post("/addresses", data={"csrf_token": csrf, **recipient()}, follow_redirects=False)
    # then the list shows it masked only
    assert saved.status_code == 303
    page = client.get("/addresses")
    table = read_page(page.text).table("address-list")
    assert table.rows[0][:4] == ["李** 默认", "139****5678", "广东省深圳市南山区****", "51****"]
    for field in ("recipient_name", "phone", "detail"):
        assert RECIPIENT[field] not in page.text


def test_editing_an_address_and_making_another_the_default(
    world: World, client: TestClient, db_session: Session
) -> None:
    # given two addresses
    buyer = world.person()
    csrf = log_in_page(client, db_session, buyer)
    first = buyer.post("/addresses", json=recipient()).json()["id"]
    second = buyer.post("/addresses", json=recipient(recipient_name="王大锤")).json()["id"]
    # when the owner opens the first for editing and changes the street
    edit = client.get(f"/addresses/{first}/edit")
    assert RECIPIENT["detail"] in edit.text  # the owner sees their own address in full to edit it
    changed = client.post(
        f"/addresses/{first}/edit",
        data={"csrf_token": csrf, **recipient(detail="海天一路19号")},
        follow_redirects=False,
    )
    assert changed.status_code == 303
    # and makes the second the default, then deletes the first
    client.post(f"/addresses/{second}/default", data={"csrf_token": csrf})
    assert [a["id"] for a in buyer.get("/addresses").json() if a["is_default"]] == [second]
    assert buyer.get(f"/addresses/{first}").json()["detail"] == "海天一路19号"
    client.post(f"/addresses/{first}/delete", data={"csrf_token": csrf})
    assert [a["id"] for a in buyer.get("/addresses").json()] == [second]


def test_another_buyers_address_edit_page_is_not_found(world: World, client: TestClient, db_session: Session) -> None:
    owner, other = world.person(), world.person()
    address_id = owner.post("/addresses", json=recipient()).json()["id"]
    log_in_page(client, db_session, other)
    response = client.get(f"/addresses/{address_id}/edit")
    assert response.status_code == 404
    assert RECIPIENT["detail"] not in response.text

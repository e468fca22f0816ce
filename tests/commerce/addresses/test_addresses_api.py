"""The address book through the API (P54): add, change, delete, choose a default; sealed at rest,
masked in lists; another's address is not found."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from shouyue.commerce.addresses.models import Address
from tests.commerce.orders.builders import RECIPIENT, recipient
from tests.commerce.support.world import World

pytestmark = pytest.mark.promise("P54")


def test_an_address_is_added_listed_masked_and_stored_sealed(world: World, db_session: Session) -> None:
    # given a buyer
    buyer = world.person()
    # when they add an address
    created = buyer.post("/addresses", json=recipient())
    # then it is the default and every field is shown masked
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["is_default"] is True
    assert body["recipient_name"] == "李**"
    assert body["phone"] == "139****5678"
    assert body["address"] == "广东省深圳市南山区****"
    assert body["postcode"] == "51****"
    listed = buyer.get("/addresses").json()
    assert [a["id"] for a in listed] == [body["id"]]
    for field in ("recipient_name", "phone", "detail", "postcode"):
        assert RECIPIENT[field] not in str(listed)
    # and the database holds no plaintext name, phone or street (the stored mask keeps the district)
    raw = db_session.execute(text("SELECT recipient_name, phone, detail, postcode FROM address")).one()
    for column, value in zip(raw[:3], ("李小红", "13912345678", "科技园南路88号"), strict=True):
        assert value not in column
    assert raw[3] == "518057"


def test_the_owner_reads_the_full_address_to_edit_it_and_changes_it(world: World) -> None:
    # given an address
    buyer = world.person()
    address_id = buyer.post("/addresses", json=recipient()).json()["id"]
    # when the owner opens it and changes the phone to a landline
    full = buyer.get(f"/addresses/{address_id}")
    changed = buyer.put(f"/addresses/{address_id}", json=recipient(phone="0755-86013388"))
    # then the full values were shown to the owner, and the change is kept
    assert full.status_code == 200 and full.json()["detail"] == RECIPIENT["detail"]
    assert full.headers["cache-control"] == "no-store"
    assert changed.status_code == 200, changed.text
    assert buyer.get(f"/addresses/{address_id}").json()["phone"] == "0755-86013388"


def test_choosing_another_default_and_deleting_the_default(world: World) -> None:
    # given two addresses, the first the default
    buyer = world.person()
    first = buyer.post("/addresses", json=recipient()).json()["id"]
    second = buyer.post("/addresses", json=recipient(recipient_name="王大锤")).json()["id"]
    # when the second is made the default
    chosen = buyer.post(f"/addresses/{second}/default")
    # then only the second is the default, listed first
    assert chosen.status_code == 200
    listed = buyer.get("/addresses").json()
    assert [(a["id"], a["is_default"]) for a in listed] == [(second, True), (first, False)]
    # when the default is deleted, the remaining one becomes the default
    assert buyer.delete(f"/addresses/{second}").status_code == 204
    assert [(a["id"], a["is_default"]) for a in buyer.get("/addresses").json()] == [(first, True)]


def test_missing_and_malformed_fields_are_each_named_and_nothing_is_stored(world: World, db_session: Session) -> None:
    # given a buyer
    buyer = world.person()
    # when they send an address without a name and postcode and with a bad phone and region
    response = buyer.post("/addresses", json=recipient(recipient_name=None, postcode="", phone="98765", region="火星"))
    # then each problem is named in Chinese and nothing was stored
    assert response.status_code == 422
    detail = response.json()["detail"]
    for words in ("收货人姓名", "邮政编码", "联系电话须为", "所在地区须写明"):
        assert words in detail
    assert "98765" not in detail
    count = db_session.scalars(select(Address).where(Address.account_id == buyer.account_id)).all()
    assert count == []


def test_another_buyers_address_is_not_found(world: World) -> None:
    # given someone else's address
    owner, other = world.person(), world.person()
    address_id = owner.post("/addresses", json=recipient()).json()["id"]
    # when another buyer reads, changes, deletes or chooses it
    answers = [
        other.get(f"/addresses/{address_id}"),
        other.put(f"/addresses/{address_id}", json=recipient()),
        other.delete(f"/addresses/{address_id}"),
        other.post(f"/addresses/{address_id}/default"),
    ]
    # then every answer is 404 revealing nothing, and the owner's address is untouched
    assert [a.status_code for a in answers] == [404, 404, 404, 404]
    assert all(a.json()["detail"] == "未找到该收货地址" for a in answers)
    assert owner.get(f"/addresses/{address_id}").json()["recipient_name"] == "李小红"

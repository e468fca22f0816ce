"""Basic mode (P81): with every optional consent refused, a whole purchase works on the PI the
national rule deems necessary for online shopping (registered phone; recipient name, address,
phone; payment time, amount, channel), and nothing optional is collected or shared."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shouyue.db import Base
from shouyue.engine import get_datamap
from shouyue.privacy.columns import PI, SUBJECT_ATTRIBUTE
from shouyue.privacy.gateway import shared_with
from tests.commerce.orders.builders import recipient
from tests.commerce.support.world import World

# Recipients a purchase may need: the SMS carrier (registration code), payment channels and
# institutions (payment.settle), logistics and tracking (order.fulfilment).
PURCHASE_RECIPIENTS = frozenset(
    {
        "partner.sms_carrier",
        "partner.payment_institution",
        "sdk.unionpay",
        "sdk.alipay",
        "sdk.wechat_pay",
        "partner.logistics",
        "sdk.kuaidi100",
    }
)


def _rows_of_optional_categories(session: Session, subject_id: str) -> dict[str, int]:
    """Rows holding behaviour or preference PI (browsing, search, tags …) about the subject,
    per table, across every model that declares such a column."""
    found: dict[str, int] = {}
    for mapper in Base.registry.mappers:
        cls: Any = mapper.class_
        subject = getattr(cls, SUBJECT_ATTRIBUTE, None)
        columns = [c for c in mapper.columns if str(c.info.get(PI, "")).startswith("behaviour.")]
        if subject is None or not columns:
            continue
        count = session.scalar(select(func.count()).select_from(cls).where(getattr(cls, subject) == subject_id))
        if count:
            found[mapper.local_table.name] = int(count)
    return found


@pytest.mark.promise("P81")
def test_a_whole_purchase_works_with_every_optional_consent_refused(world: World, db_session: Session) -> None:
    # given a buyer who registered with a phone only and refused every optional consent in the
    # privacy centre, the way a user does
    owner, shop = world.shop()
    product = world.product(shop, title="大米5kg", price_fen=5990, stock=10)
    buyer = world.person()
    consents = buyer.get("/me/consents")
    assert consents.status_code == 200, consents.text
    listed = {c["purpose"] for c in consents.json()}
    datamap = get_datamap()
    optional = {
        p.id
        for p in datamap.purposes
        if p.kind.value == "additional" and p.basis.value in ("consent", "separate_consent") and p.edition != "seller"
    }
    assert optional <= listed, optional - listed
    for purpose in sorted(listed):
        refused = buyer.delete(f"/me/consents/{purpose}")
        assert refused.status_code == 200, (purpose, refused.text)
    assert [c["purpose"] for c in buyer.get("/me/consents").json() if c["granted"]] == []

    # when they look at the product, put it in the cart and order it with the necessary recipient fields
    assert buyer.get(f"/products/{product.id}").status_code == 200
    assert buyer.post("/cart/items", json={"product_id": product.id, "quantity": 2}).status_code == 201
    placed = buyer.post("/orders", json={"from_cart": True, "recipient": recipient()})
    assert placed.status_code == 201, placed.text
    order_id = placed.json()["orders"][0]["id"]
    # and pay it with a third-party channel (no card bound, no consent asked)
    paid = buyer.post(f"/orders/{order_id}/payments", json={"channel": "alipay"})
    assert paid.status_code == 201, paid.text
    # and the seller ships it
    shipped = owner.post(
        f"/seller/orders/{order_id}/shipment", json={"carrier": "ZTO", "tracking_number": "ZT12345678"}
    )
    assert shipped.status_code == 201, shipped.text
    # and the buyer confirms receipt
    received = buyer.post(f"/orders/{order_id}/confirm-receipt")

    # then the purchase went through to the end
    assert received.status_code == 200, received.text
    order = received.json()
    assert order["state"] == "awaiting_review"
    assert order["amount_fen"] == 2 * 5990 and order["paid_at"] and order["received_at"]
    # and the payment is kept as the rule allows: time, amount, channel (and its status)
    [payment] = buyer.get(f"/orders/{order_id}/payments").json()
    assert (payment["amount_fen"], payment["channel"], payment["status"]) == (2 * 5990, "alipay", "succeeded")
    # and no browsing, search or preference PI was recorded about the buyer
    assert _rows_of_optional_categories(db_session, buyer.account_id) == {}
    # and nothing was disclosed for an optional purpose or to a recipient a purchase does not need
    disclosures = shared_with(session=db_session, subject_id=buyer.account_id)
    core = {p.id for p in datamap.purposes if p.kind.value == "core"}
    assert {d.purpose for d in disclosures} <= core
    assert {d.recipient for d in disclosures} <= PURCHASE_RECIPIENTS

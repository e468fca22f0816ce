"""Every piece of PI that leaves the platform leaves through the disclosure gateway (P38, P41).

A whole cross-border purchase is driven through the API: registration (SMS carrier), customs
declaration, payment (Alipay), shipping with a pickup (carrier) and tracking (Kuaidi100). Then
every message each sandbox third party received is read back from its journal: each names a
disclosure of the log, to the same recipient, and carries no field the gateway did not send.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from shouyue.privacy.gateway import DisclosureRecord
from shouyue.settings import get_settings
from tests.commerce.orders.builders import recipient
from tests.commerce.shops.builders import adult_id_number
from tests.commerce.support.world import World


def _received() -> list[dict[str, Any]]:
    """Every message the sandbox third parties recorded (nested pickups included)."""
    messages: list[dict[str, Any]] = []
    for journal in sorted(Path(get_settings().sandbox_dir).rglob("*.jsonl")):
        for line in journal.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            entry["journal"] = journal.name
            messages.append(entry)
            if isinstance(entry.get("pickup"), dict):
                messages.append({**entry["pickup"], "recipient": entry.get("recipient"), "journal": journal.name})
    return messages


@pytest.mark.promise("P38", "P41")
def test_every_message_a_third_party_received_is_a_logged_disclosure(world: World, db_session: Session) -> None:
    # given a seller with a ship-from address and a cross-border product
    seller, shop = world.shop()
    given = seller.patch(
        "/seller/shop/extras", json={"shipping_address": "浙江省宁波市北仑区保税港区1号", "agree_shop_management": True}
    )
    assert given.status_code == 200, given.text
    product = world.product(shop, title="澳洲奶粉", price_fen=23900, cross_border=True)
    # when a buyer orders it (with the customs details), pays, and the seller ships with a pickup
    buyer = world.person()
    placed = buyer.post(
        "/orders",
        json={
            "lines": [{"product_id": product.id, "quantity": 1}],
            "recipient": recipient(),
            "customs_name": "王小明",
            "customs_id_number": adult_id_number(),
        },
    )
    assert placed.status_code == 201, placed.text
    order_id = placed.json()["orders"][0]["id"]
    assert buyer.post(f"/orders/{order_id}/payments", json={"channel": "alipay"}).status_code == 201
    shipped = seller.post(
        f"/seller/orders/{order_id}/shipment", json={"carrier": "SF", "tracking_number": "SF1234567890", "pickup": True}
    )
    assert shipped.status_code == 201, shipped.text
    assert buyer.get(f"/orders/{order_id}/tracking").status_code == 200

    # then every third party heard from the platform, and each message is a logged disclosure
    messages = _received()
    journals = {m["journal"] for m in messages}
    assert {"sms-outbox.jsonl", "customs-declarations.jsonl", "payment-sandbox.jsonl"} <= journals
    assert "logistics-sandbox.jsonl" in journals
    log = {r.id: r for r in db_session.scalars(select(DisclosureRecord))}
    for message in messages:
        assert "disclosure_id" in message, message["journal"]
        record = log.get(int(message["disclosure_id"]))
        assert record is not None, f"{message['journal']} received something the disclosure log does not hold"
        if "recipient" in message and message["recipient"] is not None:
            assert message["recipient"] == record.recipient
        # and it holds no category the gateway did not send to that recipient
        fields = message.get("fields")
        if isinstance(fields, dict):
            assert set(fields) <= set(record.sent), (message["journal"], set(fields) - set(record.sent))
    # and the ID number went to the customs recipient only
    id_number_to = {r.recipient for r in log.values() if "identity.id_number" in r.sent}
    assert id_number_to == {"partner.customs"}

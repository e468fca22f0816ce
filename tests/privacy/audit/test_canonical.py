"""The hash format is pinned: changing it would make every chain already written fail to verify."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone

import pytest

from shouyue.privacy.audit import GENESIS_HASH
from shouyue.privacy.audit.canonical import canonical_json, chain_hash, format_at

EXPECTED_JSON = (
    '{"action":"pi.revealed","actor_id":"staff_7","actor_kind":"staff","actor_role":"customer_service",'
    '"at":"2026-11-28T12:00:00.000000Z","categories":["contact.phone"],"purpose":"order.fulfilment",'
    '"refs":{"none":null,"order_id":"ord_9","ticket":12},"seq":1,"subject_id":"acct_1"}'
)
# Computed outside Python: printf '%s\n%s' "$(64 zeros)" "$EXPECTED_JSON" | sha256sum
EXPECTED_HASH = "669e52cf79ef45c3bfa5ac1664d0b1c8ca28e138413428f45619291c57fe8e8f"


@pytest.mark.promise("P79")
def test_canonical_json_and_hash_match_the_documented_format() -> None:
    # given one entry's content, refs written out of order
    canonical = canonical_json(
        seq=1,
        at=datetime(2026, 11, 28, 20, 0, tzinfo=timezone(timedelta(hours=8))),
        actor_kind="staff",
        actor_id="staff_7",
        actor_role="customer_service",
        action="pi.revealed",
        subject_id="acct_1",
        purpose="order.fulfilment",
        categories=["contact.phone"],
        refs={"ticket": 12, "order_id": "ord_9", "none": None},
    )
    # when hashed onto the genesis hash
    digest = chain_hash(prev_hash=GENESIS_HASH, canonical=canonical)
    # then the bytes and the hash are exactly the documented ones
    assert canonical.decode("utf-8") == EXPECTED_JSON
    assert digest == EXPECTED_HASH
    assert digest == hashlib.sha256(f"{GENESIS_HASH}\n{EXPECTED_JSON}".encode()).hexdigest()


@pytest.mark.promise("P79")
@pytest.mark.parametrize(
    "at",
    [
        datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
        datetime(2026, 1, 2, 11, 4, 5, 6, tzinfo=timezone(timedelta(hours=8))),
        datetime(2026, 1, 2, 3, 4, 5, 6),  # naive, as SQLite returns it: taken as UTC
    ],
)
def test_timestamps_are_written_in_utc_with_six_fractional_digits(at: datetime) -> None:
    assert format_at(at) == "2026-01-02T03:04:05.000006Z"

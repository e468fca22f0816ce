"""``append``: each entry is chained onto the one before, holds ids and codes only, and leaves
the transaction to its caller."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from shouyue.db import make_engine
from shouyue.migrate import upgrade
from shouyue.privacy.actors import Actor
from shouyue.privacy.audit import (
    GENESIS_HASH,
    AuditEntryRefused,
    append,
    entries_for_subject,
)
from shouyue.privacy.audit.canonical import canonical_json, chain_hash
from shouyue.privacy.audit.guards import check_entry
from tests.privacy.audit.builders import ENTRY, HEAD, STAFF, append_some, head_seq


@pytest.mark.promise("P79")
def test_each_entry_is_chained_onto_the_previous_one(db_session: Session) -> None:
    # given the chain as it stands
    base = head_seq(db_session)
    # when three entries are appended
    entries = append_some(db_session, 3)
    # then their seqs follow the head, each links to the one before, and each hash is recomputable
    assert [entry.seq for entry in entries] == [base + 1, base + 2, base + 3]
    assert entries[1].prev_hash == entries[0].hash
    assert entries[2].prev_hash == entries[1].hash
    if base == 0:
        assert entries[0].prev_hash == GENESIS_HASH
    for entry in entries:
        canonical = canonical_json(
            seq=entry.seq,
            at=entry.at,
            actor_kind=entry.actor_kind,
            actor_id=entry.actor_id,
            actor_role=entry.actor_role,
            action=entry.action,
            subject_id=entry.subject_id,
            purpose=entry.purpose,
            categories=entry.categories,
            refs=entry.refs,
        )
        assert entry.hash == chain_hash(prev_hash=entry.prev_hash, canonical=canonical)
    # and the head names the last entry
    head = db_session.execute(select(HEAD.c.seq, HEAD.c.hash)).one()
    assert tuple(head) == (base + 3, entries[-1].hash)


@pytest.mark.promise("P79")
def test_the_stored_row_is_the_entry_returned(db_session: Session) -> None:
    # when an entry is appended
    entry = append_some(db_session, 1, subject_id="acct_42")[0]
    # then the row read back holds the same values, timestamp to the microsecond
    row = db_session.execute(select(ENTRY).where(ENTRY.c.seq == entry.seq)).one()
    assert row.hash == entry.hash
    assert row.prev_hash == entry.prev_hash
    assert (row.actor_kind, row.actor_id, row.actor_role) == ("staff", "staff_7", "customer_service")
    assert (row.action, row.subject_id, row.purpose) == ("pi.revealed", "acct_42", "order.fulfilment")
    assert row.categories == ["contact.phone"]
    assert row.refs == {"order_id": "ord_0", "ticket_id": 0, "note": None}
    assert row.at.replace(tzinfo=None) == entry.at.replace(tzinfo=None)


@pytest.mark.promise("P79")
def test_the_caller_owns_the_transaction(fresh_database: Callable[[], str]) -> None:
    # given a new migrated database
    url = fresh_database()
    upgrade(url)
    engine = make_engine(url)
    try:
        # when one append is rolled back and another committed
        with Session(engine) as session:
            append(session, actor=Actor.system(), action="notice.published", refs={"notice_version": "v2"})
            session.rollback()
            append(session, actor=Actor.system(), action="notice.published", refs={"notice_version": "v3"})
            session.commit()
        # then only the committed one is there, as entry #1
        with Session(engine) as session:
            rows = session.execute(select(ENTRY.c.seq, ENTRY.c.refs)).all()
            assert [(row.seq, row.refs) for row in rows] == [(1, {"notice_version": "v3"})]
            assert head_seq(session) == 1
    finally:
        engine.dispose()


@pytest.mark.promise("P79", "P77")
def test_entries_for_subject_lists_one_subjects_entries_oldest_first(db_session: Session) -> None:
    # given entries about two subjects, interleaved
    append_some(db_session, 1, subject_id="acct_a")
    append_some(db_session, 1, subject_id="acct_b")
    append_some(db_session, 1, subject_id="acct_a")
    # when one subject's entries are asked for
    entries = entries_for_subject(db_session, subject_id="acct_a")
    # then only theirs come back, in chain order
    assert [entry.subject_id for entry in entries] == ["acct_a", "acct_a"]
    assert entries[0].seq < entries[1].seq


# What the log refuses: PI where an id belongs, and anything that is not an id or a code.
REFUSED: list[tuple[str, dict[str, Any]]] = [
    ("mobile number in refs", {"refs": {"phone": "13812345678"}}),
    ("mobile number as an integer", {"refs": {"contact": 13812345678}}),
    ("mobile number with country code", {"refs": {"contact": "8613812345678"}}),
    ("resident id number as subject", {"subject_id": "11010519491231002X"}),
    ("resident id number in refs", {"refs": {"person": "440305199003071236"}}),
    ("e-mail address", {"refs": {"email": "zhang.san@example.com"}}),
    ("a name", {"refs": {"buyer": "张三"}}),
    ("an address", {"refs": {"to": "广东省深圳市南山区科苑路15号"}}),
    ("free text", {"refs": {"reason": "customer asked twice"}}),
    ("a flag", {"refs": {"urgent": True}}),
    ("a nested value", {"refs": {"order": {"id": 1}}}),
    ("a key that is not an identifier", {"refs": {"Order Id": "ord_1"}}),
    ("categories as one string", {"categories": "contact.phone"}),
    ("a category that is not an id", {"categories": ["Contact Phone"]}),
    ("an action that is not a code", {"action": "Revealed the phone"}),
    ("a purpose that is not a code", {"purpose": "order fulfilment"}),
    ("an over-long id", {"subject_id": "a" * 65}),
    ("a phone as the actor's id", {"actor": Actor(kind="subject", id="13912345678")}),
]


@pytest.mark.promise("P79")
@pytest.mark.parametrize(("case", "fields"), REFUSED, ids=[case for case, _ in REFUSED])
def test_entries_take_ids_and_codes_never_pi(db_session: Session, case: str, fields: dict[str, Any]) -> None:
    # given the chain as it stands
    base = head_seq(db_session)
    arguments: dict[str, Any] = {"actor": STAFF, "action": "pi.revealed", "subject_id": "acct_1", **fields}
    # when an entry carrying PI (or something that is not an id) is appended
    with pytest.raises(AuditEntryRefused) as refused:
        append(db_session, **arguments)
    # then it is refused, nothing is written, and the message does not repeat the value
    assert head_seq(db_session) == base
    for value in ("13812345678", "11010519491231002X", "zhang.san@example.com", "张三", "customer asked"):
        assert value not in str(refused.value)


ACCEPTED: list[dict[str, Any]] = [
    {"refs": {"order_id": "3f2b9c1e-8a4d-4b7e-9a51-2c6d0e7f1a23"}},
    {"refs": {"order_id": 42, "ticket_id": None, "key_id": "k:3", "notice_version": "2026-11-28"}},
    {"refs": {"payment_id": 1864713093264363520}},  # a 19-digit snowflake id
    {"refs": {"recipient": "sf_express"}, "categories": ["contact.phone", "contact.address"]},
    {"subject_id": None, "purpose": None, "categories": (), "refs": {}},
]


@pytest.mark.promise("P79")
@pytest.mark.parametrize("fields", ACCEPTED)
def test_ids_of_the_usual_shapes_are_accepted(db_session: Session, fields: dict[str, Any]) -> None:
    arguments: dict[str, Any] = {"actor": STAFF, "action": "pi.disclosed", "subject_id": "acct_1", **fields}
    entry = append(db_session, **arguments)
    assert entry.seq == head_seq(db_session)


mobile_numbers = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)


@pytest.mark.promise("P79")
@given(number=mobile_numbers, as_int=st.booleans())
def test_no_mobile_number_is_accepted_as_a_ref(number: str, as_int: bool) -> None:
    value: str | int = int(number) if as_int else number
    with pytest.raises(AuditEntryRefused):
        check_entry(actor=STAFF, action="pi.revealed", subject_id=None, purpose=None, categories=(), refs={"x": value})

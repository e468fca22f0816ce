"""``verify`` walks the chain and names the first entry that was edited, removed or moved (P79).

Each test appends seven entries inside the rolled-back test transaction and then tampers with
the log through raw SQL, as someone with database access could. Seqs are relative to the head
found at the start, so the tests hold whatever the worker database already contains.
"""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from shouyue.privacy.audit import AuditChainBroken, ChainReport, verify, verify_or_raise
from shouyue.privacy.audit.canonical import canonical_json, chain_hash
from tests.privacy.audit.builders import (
    ENTRY,
    append_some,
    dangerously_renumber_after,
    dangerously_run,
    dangerously_swap,
    head_seq,
)

# Small batches, so every break is found across batch boundaries too.
BATCH = 3


@pytest.fixture
def base(db_session: Session) -> int:
    """The head before the test's seven entries (#base+1 .. #base+7)."""
    seq = head_seq(db_session)
    append_some(db_session, 7)
    return seq


def broken(report: ChainReport) -> tuple[int | None, str]:
    assert not report.ok
    assert report.problem
    return report.first_bad_seq, report.problem


@pytest.mark.promise("P79")
def test_an_untouched_chain_verifies(db_session: Session, base: int) -> None:
    report = verify(db_session, batch_size=BATCH)
    assert report == ChainReport(ok=True, checked=base + 7)
    assert verify_or_raise(db_session).checked == base + 7


@pytest.mark.promise("P79")
@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("purpose", "marketing.push"),
        ("subject_id", "acct_2"),
        ("actor_role", None),
        ("categories", '["contact.address"]'),
        ("refs", '{"order_id": "ord_999", "ticket_id": 2, "note": null}'),
        ("at", "2020-01-01 00:00:00"),
        ("hash", "f" * 64),
    ],
)
def test_an_edited_entry_is_named(db_session: Session, base: int, column: str, value: str | None) -> None:
    # when one column of entry #base+3 is changed behind the log's back
    dangerously_run(db_session, f"UPDATE audit_entry SET {column} = :value WHERE seq = :seq", value=value, seq=base + 3)
    # then verification stops at that entry and says it was edited
    seq, problem = broken(verify(db_session, batch_size=BATCH))
    assert seq == base + 3
    assert "edited" in problem


@pytest.mark.promise("P79")
def test_an_entry_deleted_in_the_middle_is_named(db_session: Session, base: int) -> None:
    dangerously_run(db_session, "DELETE FROM audit_entry WHERE seq = :seq", seq=base + 4)
    seq, problem = broken(verify(db_session, batch_size=BATCH))
    assert seq == base + 4
    assert problem == f"the entry is missing: the log jumps from #{base + 3} to #{base + 5} (deleted)"


@pytest.mark.promise("P79")
def test_several_deleted_entries_are_named_from_the_first(db_session: Session, base: int) -> None:
    dangerously_run(db_session, "DELETE FROM audit_entry WHERE seq IN (:a, :b)", a=base + 2, b=base + 3)
    seq, problem = broken(verify(db_session, batch_size=BATCH))
    assert seq == base + 2
    assert problem.startswith(f"entries #{base + 2} to #{base + 3} are missing")


@pytest.mark.promise("P79")
def test_a_deleted_entry_is_named_even_when_the_rest_are_renumbered(db_session: Session, base: int) -> None:
    # when entry #base+4 is deleted and the later ones and the head are moved down to close the gap
    dangerously_renumber_after(db_session, base + 4)
    # then the entry now at #base+4 does not follow #base+3
    seq, problem = broken(verify(db_session, batch_size=BATCH))
    assert seq == base + 4
    assert problem.startswith(f"the entry does not follow entry #{base + 3}: the entry it was chained after is no")


@pytest.mark.promise("P79")
def test_swapped_entries_are_named(db_session: Session, base: int) -> None:
    # when two entries trade places
    dangerously_swap(db_session, base + 2, base + 5)
    # then the first of them is out of order
    seq, problem = broken(verify(db_session, batch_size=BATCH))
    assert seq == base + 2
    assert "out of order" in problem


@pytest.mark.promise("P79")
def test_adjacent_swapped_entries_are_named(db_session: Session, base: int) -> None:
    dangerously_swap(db_session, base + 6, base + 7)
    seq, problem = broken(verify(db_session, batch_size=BATCH))
    assert seq == base + 6
    assert "out of order" in problem


@pytest.mark.promise("P79")
def test_entries_deleted_from_the_tail_are_detected_through_the_head(db_session: Session, base: int) -> None:
    # when the last two entries are deleted: what is left is a perfectly linked chain
    dangerously_run(db_session, "DELETE FROM audit_entry WHERE seq > :seq", seq=base + 5)
    # then the head still records seven more entries than the log holds
    seq, problem = broken(verify(db_session, batch_size=BATCH))
    assert seq == base + 6
    assert f"entries #{base + 6} to #{base + 7} are missing at the end of the log" in problem


@pytest.mark.promise("P79")
def test_a_rewritten_last_entry_is_detected_through_the_head(db_session: Session, base: int) -> None:
    # when the last entry is rewritten with a correctly recomputed hash (the algorithm is public)
    last = db_session.execute(select(ENTRY).where(ENTRY.c.seq == base + 7)).one()
    canonical = canonical_json(
        seq=last.seq,
        at=last.at,
        actor_kind=last.actor_kind,
        actor_id=last.actor_id,
        actor_role=last.actor_role,
        action="consent.granted",
        subject_id=last.subject_id,
        purpose=last.purpose,
        categories=last.categories,
        refs=last.refs,
    )
    forged = chain_hash(prev_hash=last.prev_hash, canonical=canonical)
    dangerously_run(
        db_session,
        "UPDATE audit_entry SET action = 'consent.granted', hash = :h WHERE seq = :seq",
        h=forged,
        seq=base + 7,
    )
    # then the entry itself links, but the head no longer matches it
    seq, problem = broken(verify(db_session, batch_size=BATCH))
    assert seq == base + 7
    assert "does not match the chain head" in problem


@pytest.mark.promise("P79")
def test_an_entry_written_around_the_chain_is_named(db_session: Session, base: int) -> None:
    # when a row is inserted past the head without going through append
    row = db_session.execute(select(ENTRY).where(ENTRY.c.seq == base + 7)).one()._asdict()
    db_session.execute(insert(ENTRY), {**row, "seq": base + 8, "hash": "e" * 64})
    # then it is named as lying beyond the head
    seq, problem = broken(verify(db_session, batch_size=BATCH))
    assert seq == base + 8
    assert "beyond the chain head" in problem


@pytest.mark.promise("P79")
def test_a_missing_head_is_reported(db_session: Session, base: int) -> None:
    dangerously_run(db_session, "DELETE FROM audit_head")
    report = verify(db_session)
    assert not report.ok
    assert report.problem == "the chain head (audit_head id 1) is missing"
    with pytest.raises(AuditChainBroken, match="audit chain broken: the chain head"):
        verify_or_raise(db_session)


@pytest.mark.promise("P79")
def test_verify_or_raise_names_the_entry(db_session: Session, base: int) -> None:
    dangerously_run(db_session, "UPDATE audit_entry SET purpose = 'marketing.push' WHERE seq = :seq", seq=base + 1)
    with pytest.raises(AuditChainBroken, match=rf"audit chain broken at entry #{base + 1}: the entry was edited"):
        verify_or_raise(db_session, batch_size=BATCH)

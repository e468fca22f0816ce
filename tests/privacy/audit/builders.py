"""Small builders for audit tests, and the raw-SQL tampering they need (``dangerously_*``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from shouyue.privacy.actors import Actor
from shouyue.privacy.audit import AuditEntry, AuditHead, append

STAFF = Actor(kind="staff", id="staff_7", role="customer_service")
ENTRY = AuditEntry.__table__
HEAD = AuditHead.__table__


def head_seq(session: Session) -> int:
    """The chain head's seq: the number of entries the chain records."""
    return int(session.execute(select(HEAD.c.seq).where(HEAD.c.id == 1)).scalar_one())


def append_some(session: Session, count: int, *, subject_id: str = "acct_1") -> list[AuditEntry]:
    """Append ``count`` typical entries (a staff reveal of a phone for an order)."""
    return [
        append(
            session,
            actor=STAFF,
            action="pi.revealed",
            subject_id=subject_id,
            purpose="order.fulfilment",
            categories=["contact.phone"],
            refs={"order_id": f"ord_{n}", "ticket_id": n, "note": None},
        )
        for n in range(count)
    ]


def stored_seqs(session: Session) -> list[int]:
    return list(session.execute(select(ENTRY.c.seq).order_by(ENTRY.c.seq)).scalars())


def dangerously_run(session: Session, sql: str, **params: Any) -> None:
    """Tamper with the log through raw SQL, as someone with database access could."""
    session.execute(text(sql), params)


def dangerously_swap(session: Session, first: int, second: int) -> None:
    """Swap everything but the seq of two entries (their order in the chain is swapped)."""
    rows = {row.seq: row._asdict() for row in session.execute(select(ENTRY).where(ENTRY.c.seq.in_([first, second])))}
    session.execute(delete(ENTRY).where(ENTRY.c.seq.in_([first, second])))
    session.execute(insert(ENTRY), [{**rows[second], "seq": first}, {**rows[first], "seq": second}])


def dangerously_renumber_after(session: Session, seq: int) -> None:
    """Delete entry ``seq`` and close the gap: later entries move down one, the head too."""
    session.execute(delete(ENTRY).where(ENTRY.c.seq == seq))
    last = session.execute(select(func.max(ENTRY.c.seq))).scalar_one()
    # One row at a time, in order, so the primary key never collides on the way down.
    for old in range(seq + 1, last + 1):
        session.execute(update(ENTRY).where(ENTRY.c.seq == old).values(seq=old - 1))
    session.execute(update(HEAD).where(HEAD.c.id == 1).values(seq=HEAD.c.seq - 1))

"""Append to the hash-chained audit log, verify it, and read a subject's entries.

Appends are serialised through the one-row ``audit_head``: the first statement of an append
is an UPDATE of that row, which takes its row lock (PostgreSQL) or the database write lock
(SQLite) before it reads the previous hash, so two writers can never chain onto the same
entry. The lock is held until the caller's transaction ends: append last in the unit of work
(which also keeps lock order the same everywhere) and commit promptly.

On PostgreSQL, under the default READ COMMITTED, a waiting appender reads the head as the
previous appender committed it. Under REPEATABLE READ or SERIALIZABLE it fails with a
serialization error instead, and the caller retries the unit of work. On SQLite the waiting
is done by the busy timeout that ``shouyue.db.make_engine`` sets.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, Dialect, String, Table, Text, cast, func, select, type_coerce
from sqlalchemy.orm import Session, configure_mappers
from sqlalchemy.orm.instrumentation import manager_of_class

from shouyue.privacy.actors import Actor
from shouyue.privacy.audit.canonical import canonical_json, chain_hash
from shouyue.privacy.audit.guards import check_entry, check_id
from shouyue.privacy.audit.models import GENESIS_HASH, AuditEntry, AuditHead
from shouyue.privacy.errors import AuditChainBroken
from shouyue.privacy.storage import PrivacyBase

HEAD_ID = 1
DEFAULT_BATCH_SIZE = 1000

_entry: Table = PrivacyBase.metadata.tables[AuditEntry.__tablename__]
_head: Table = PrivacyBase.metadata.tables[AuditHead.__tablename__]

_entry_mapper = AuditEntry.__mapper__
_new_entry = manager_of_class(AuditEntry).new_instance
_json = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode
# SQLAlchemy's own text form of a DATETIME on SQLite, so the ORM reads these rows back as usual.
_SQLITE_AT = "%Y-%m-%d %H:%M:%S.%f"


class _AppendSql(NamedTuple):
    """The append's statements in one driver's SQL: the hot path runs them with
    ``exec_driver_sql``, skipping SQLAlchemy's per-execution compile lookup and parameter
    processing, which cost about a third of an append on SQLite."""

    lock_head: str
    insert_entry: str
    move_head: str | None  # None where ``insert_entry`` moves the head itself


def _append_sql(dialect: Dialect) -> _AppendSql:
    columns = ", ".join(column.name for column in _entry.c)
    # The first statement both takes the lock and reads the previous hash: an UPDATE locks
    # before it reads, where a SELECT could read a head another appender is about to move.
    lock_head = f"UPDATE {_head.name} SET seq = seq + 1 WHERE id = {HEAD_ID} RETURNING seq, hash"
    if dialect.name == "sqlite" and dialect.paramstyle == "qmark":
        marks = ", ".join("?" for _ in _entry.c)
        return _AppendSql(
            lock_head=lock_head,
            insert_entry=f"INSERT INTO {_entry.name} ({columns}) VALUES ({marks})",
            move_head=f"UPDATE {_head.name} SET hash = ? WHERE id = {HEAD_ID}",
        )
    if dialect.name == "postgresql" and dialect.paramstyle == "pyformat":
        # One statement inserts the entry and moves the head (a data-modifying CTE): one
        # network round trip fewer per append.
        marks = ", ".join(f"%({column.name})s" for column in _entry.c)
        return _AppendSql(
            lock_head=lock_head,
            insert_entry=(
                f"WITH moved_head AS (UPDATE {_head.name} SET hash = %(hash)s WHERE id = {HEAD_ID}) "
                f"INSERT INTO {_entry.name} ({columns}) VALUES ({marks})"
            ),
            move_head=None,
        )
    raise NotImplementedError(
        f"the audit log runs on SQLite (pysqlite) and PostgreSQL (psycopg), not {dialect.name}+{dialect.driver}"
    )


_sql_by_dialect: dict[tuple[str, str], _AppendSql] = {}


_READ_HEAD = select(_head.c.seq, _head.c.hash).where(_head.c.id == HEAD_ID)
# JSON and the timestamp are read as text where the backend allows, so that a tampered value
# that no longer parses is reported as an edited entry instead of crashing the walk.
_VERIFY_COLUMNS = (
    _entry.c.seq,
    type_coerce(_entry.c.at, String).label("at"),
    _entry.c.actor_kind,
    _entry.c.actor_id,
    _entry.c.actor_role,
    _entry.c.action,
    _entry.c.subject_id,
    _entry.c.purpose,
    cast(_entry.c.categories, Text).label("categories"),
    cast(_entry.c.refs, Text).label("refs"),
    _entry.c.prev_hash,
    _entry.c.hash,
)


def append(
    session: Session,
    *,
    actor: Actor,
    action: str,
    subject_id: str | None = None,
    purpose: str | None = None,
    categories: Sequence[str] = (),
    refs: Mapping[str, str | int | None] = {},  # read only: never mutated
) -> AuditEntry:
    """Chain one entry onto the audit log (ids and codes only, never PI); the caller commits."""
    check_entry(actor=actor, action=action, subject_id=subject_id, purpose=purpose, categories=categories, refs=refs)
    categories = list(categories)
    refs = dict(refs)
    connection = session.connection()
    dialect = connection.dialect
    sql = _sql_by_dialect.get((dialect.name, dialect.driver))
    if sql is None:
        sql = _sql_by_dialect[(dialect.name, dialect.driver)] = _append_sql(dialect)
    head = connection.exec_driver_sql(sql.lock_head).first()
    if head is None:
        raise AuditChainBroken("the audit chain head (audit_head id 1) is missing: is the database migrated?")
    seq, prev_hash = head
    # Stamped after the lock is taken, so timestamps follow the chain's order on one clock.
    at = datetime.now(UTC)
    canonical = canonical_json(
        seq=seq,
        at=at,
        actor_kind=actor.kind,
        actor_id=actor.id,
        actor_role=actor.role,
        action=action,
        subject_id=subject_id,
        purpose=purpose,
        categories=categories,
        refs=refs,
    )
    entry_hash = chain_hash(prev_hash=prev_hash, canonical=canonical)
    if sql.move_head is None:
        connection.exec_driver_sql(
            sql.insert_entry,
            {
                "seq": seq,
                "at": at,
                "actor_kind": actor.kind,
                "actor_id": actor.id,
                "actor_role": actor.role,
                "action": action,
                "subject_id": subject_id,
                "purpose": purpose,
                "categories": _json(categories),
                "refs": _json(refs),
                "prev_hash": prev_hash,
                "hash": entry_hash,
            },
        )
    else:
        connection.exec_driver_sql(
            sql.insert_entry,
            (
                seq,
                at.strftime(_SQLITE_AT),
                actor.kind,
                actor.id,
                actor.role,
                action,
                subject_id,
                purpose,
                _json(categories),
                _json(refs),
                prev_hash,
                entry_hash,
            ),
        )
        connection.exec_driver_sql(sql.move_head, (entry_hash,))
    # A transient snapshot of the row just written, not added to the session (adding it would
    # insert it twice). Its attributes are set the way the ORM's loader sets them, skipping
    # the per-attribute events of ``AuditEntry(**values)``, which cost as much as a statement.
    if not _entry_mapper.configured:
        configure_mappers()
    entry = _new_entry()
    entry.__dict__.update(
        seq=seq,
        at=at,
        actor_kind=actor.kind,
        actor_id=actor.id,
        actor_role=actor.role,
        action=action,
        subject_id=subject_id,
        purpose=purpose,
        categories=categories,
        refs=refs,
        prev_hash=prev_hash,
        hash=entry_hash,
    )
    return entry


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The outcome of :func:`verify`: ``problem`` says in plain English what is wrong at ``first_bad_seq``."""

    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str | None = None


def verify(session: Session, *, batch_size: int = DEFAULT_BATCH_SIZE) -> ChainReport:
    """Walk the whole chain in seq order, in batches, and report the first broken link."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    connection = session.connection()
    head = connection.execute(_READ_HEAD).first()
    if head is None:
        return ChainReport(ok=False, checked=0, problem="the chain head (audit_head id 1) is missing")
    head_seq, head_hash = head
    stray = connection.execute(select(func.max(_entry.c.seq)).where(_entry.c.seq < 1)).scalar()
    if stray is not None:
        return _broken(0, stray, "the entry lies before the start of the chain (numbers start at #1)")

    # Only entries up to the head read above are walked: every one of them was committed
    # together with a head at least that far, so appends running meanwhile cannot make the
    # walk report a false break. Entries beyond the head are looked at once the walk is done.
    prev_seq, prev_hash, checked = 0, GENESIS_HASH, 0
    while True:
        rows = connection.execute(
            select(*_VERIFY_COLUMNS)
            .where(_entry.c.seq > prev_seq, _entry.c.seq <= head_seq)
            .order_by(_entry.c.seq)
            .limit(batch_size)
        ).all()
        for row in rows:
            broken = _check_link(connection, row, prev_seq=prev_seq, prev_hash=prev_hash)
            if broken is not None:
                return _broken(checked, *broken)
            prev_seq, prev_hash = row.seq, row.hash
            checked += 1
        if len(rows) < batch_size:
            break

    if prev_seq < head_seq:
        missing = "the entry is" if prev_seq + 1 == head_seq else f"entries #{prev_seq + 1} to #{head_seq} are"
        return _broken(
            checked,
            prev_seq + 1,
            f"{missing} missing at the end of the log: the chain head records {head_seq} entries "
            f"but the log ends at #{prev_seq} (deleted from the tail)",
        )
    if prev_hash != head_hash:
        return _broken(
            checked,
            head_seq,
            "the last entry does not match the chain head: the entry was replaced or the head was edited",
        )
    beyond = connection.execute(select(func.min(_entry.c.seq)).where(_entry.c.seq > head_seq)).scalar()
    if beyond is not None:
        # A newer head covers it when an append committed during the walk; otherwise the row
        # was written around the chain (or the head was moved back).
        current = connection.execute(_READ_HEAD).first()
        if current is None or current.seq < beyond:
            return _broken(
                checked,
                beyond,
                f"the entry lies beyond the chain head (#{head_seq}): it was written outside the audit log's "
                "append, or the head was moved back",
            )
    return ChainReport(ok=True, checked=checked)


def verify_or_raise(session: Session, *, batch_size: int = DEFAULT_BATCH_SIZE) -> ChainReport:
    """Like :func:`verify`, but raise :class:`AuditChainBroken` naming the first broken entry."""
    report = verify(session, batch_size=batch_size)
    if not report.ok:
        where = f" at entry #{report.first_bad_seq}" if report.first_bad_seq is not None else ""
        raise AuditChainBroken(f"audit chain broken{where}: {report.problem}")
    return report


def entries_for_subject(session: Session, *, subject_id: str) -> list[AuditEntry]:
    """Every entry about one subject, oldest first (for access and copy requests)."""
    check_id("subject_id", subject_id)
    statement = select(AuditEntry).where(AuditEntry.subject_id == subject_id).order_by(AuditEntry.seq)
    return list(session.scalars(statement))


def _broken(checked: int, seq: int, problem: str) -> ChainReport:
    return ChainReport(ok=False, checked=checked, first_bad_seq=seq, problem=problem)


def _check_link(connection: Connection, row: Any, *, prev_seq: int, prev_hash: str) -> tuple[int, str] | None:
    """The first problem of ``row`` given the entry before it, as (seq, plain-English problem)."""
    expected = prev_seq + 1
    if row.seq != expected:
        after = f"jumps from #{prev_seq} to #{row.seq}" if prev_seq else f"starts at #{row.seq}"
        if row.seq == expected + 1:
            return expected, f"the entry is missing: the log {after} (deleted)"
        return expected, f"entries #{expected} to #{row.seq - 1} are missing: the log {after} (deleted)"
    if row.prev_hash != prev_hash:
        before = f"entry #{prev_seq}" if prev_seq else "the start of the chain"
        if row.prev_hash == GENESIS_HASH:
            return row.seq, f"the entry is out of order: it was written as the first entry, not after {before}"
        moved_from = connection.execute(select(_entry.c.seq).where(_entry.c.hash == row.prev_hash)).scalar()
        if moved_from is not None:
            return row.seq, (
                f"the entry is out of order: it was chained after the entry now at #{moved_from}, "
                f"not after {before} (entries were moved or swapped)"
            )
        return row.seq, (
            f"the entry does not follow {before}: the entry it was chained after is no longer in the log "
            "(an entry was deleted and the rest renumbered, or this entry's link was edited)"
        )
    if _recompute(row) != row.hash:
        return row.seq, "the entry was edited after it was written: its content no longer matches its hash"
    return None


def _recompute(row: Any) -> str | None:
    """The hash the row's stored content should carry, or None when the content no longer parses."""
    try:
        at = row.at if isinstance(row.at, datetime) else datetime.fromisoformat(row.at)
        categories, refs = json.loads(row.categories), json.loads(row.refs)
        if not isinstance(categories, list) or not isinstance(refs, dict):
            return None
        canonical = canonical_json(
            seq=row.seq,
            at=at,
            actor_kind=row.actor_kind,
            actor_id=row.actor_id,
            actor_role=row.actor_role,
            action=row.action,
            subject_id=row.subject_id,
            purpose=row.purpose,
            categories=categories,
            refs=refs,
        )
        return chain_hash(prev_hash=row.prev_hash, canonical=canonical)
    except (TypeError, ValueError):
        return None

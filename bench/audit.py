"""Benchmark: an audit ``append`` + commit against a plain INSERT of the same row + commit.

Both run side by side in one process, on SQLite (a temporary file) and on PostgreSQL (a
throw-away database created next to ``--postgres`` and dropped afterwards). The plain INSERT
goes to its own table of the audit entry's shape (same columns, same indexes and unique hash)
through the same Core execution path, with the same values, so the ratio is the price of the
chain: locking the head, hashing, and moving the head. Target: at most 2x.

    python bench/audit.py [--rows 2000] [--runs 5] [--postgres URL | --sqlite-only]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    Engine,
    Index,
    MetaData,
    String,
    Table,
    create_engine,
    insert,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from shouyue.db import make_engine
from shouyue.migrate import upgrade
from shouyue.privacy.actors import Actor
from shouyue.privacy.audit import GENESIS_HASH, append

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TARGET = 2.0

ACTOR = Actor(kind="staff", id="staff_0042", role="customer_service")
FIELDS: dict[str, Any] = {
    "action": "pi.revealed",
    "subject_id": "acct_01HZX3K9Q7M2",
    "purpose": "order.fulfilment",
    "categories": ["contact.phone", "contact.address"],
    "refs": {"order_id": "ord_7F3K2", "ticket_id": 88123},
}

plain_metadata = MetaData()
plain_entry = Table(
    "bench_plain_entry",
    plain_metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor_kind", String(16), nullable=False),
    Column("actor_id", String(64), nullable=False),
    Column("actor_role", String(32)),
    Column("action", String(64), nullable=False),
    Column("subject_id", String(64)),
    Column("purpose", String(80)),
    Column("categories", JSON, nullable=False),
    Column("refs", JSON, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
    Index("ix_bench_plain_entry_action", "action"),
    Index("ix_bench_plain_entry_subject_id", "subject_id"),
)


def run_append(engine: Engine, rows: int) -> float:
    """Seconds for ``rows`` audit appends, each committed on its own."""
    with Session(engine) as session:
        started = time.perf_counter()
        for _ in range(rows):
            append(session, actor=ACTOR, **FIELDS)
            session.commit()
        return time.perf_counter() - started


def run_plain(engine: Engine, rows: int) -> float:
    """Seconds for ``rows`` plain INSERTs of the same row shape and values, each committed on its own."""
    # Hash values are made up front: the baseline is a plain insert, not a hash chain.
    hashes = [uuid.uuid4().hex + uuid.uuid4().hex for _ in range(rows + 1)]
    statement = insert(plain_entry)
    with Session(engine) as session:
        started = time.perf_counter()
        for seq in range(1, rows + 1):
            session.connection().execute(
                statement,
                {
                    "seq": seq,
                    "at": datetime.now(UTC),
                    "actor_kind": ACTOR.kind,
                    "actor_id": ACTOR.id,
                    "actor_role": ACTOR.role,
                    **FIELDS,
                    "prev_hash": hashes[seq - 1],
                    "hash": hashes[seq],
                },
            )
            session.commit()
        return time.perf_counter() - started


def reset(engine: Engine) -> None:
    """Empty both tables between runs so every run starts from the same size."""
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_entry"))
        connection.execute(text("UPDATE audit_head SET seq = 0, hash = :h WHERE id = 1"), {"h": GENESIS_HASH})
        connection.execute(text("DELETE FROM bench_plain_entry"))


def measure(label: str, url: str, *, rows: int, runs: int) -> float:
    """Migrate ``url``, run both loads ``runs`` times alternately, print the medians; return the ratio."""
    upgrade(url)
    engine = make_engine(url)
    try:
        plain_metadata.create_all(engine)
        run_append(engine, min(rows, 200))  # warm-up: caches, pool, statement compilation
        run_plain(engine, min(rows, 200))
        appends: list[float] = []
        plains: list[float] = []
        for _ in range(runs):
            reset(engine)
            appends.append(run_append(engine, rows))
            plains.append(run_plain(engine, rows))
    finally:
        engine.dispose()
    append_s, plain_s = statistics.median(appends), statistics.median(plains)
    ratio = append_s / plain_s
    verdict = "within" if ratio <= TARGET else "MISSES"
    print(
        f"{label:<11} append+commit {append_s / rows * 1e6:8.1f} µs/op   plain INSERT+commit "
        f"{plain_s / rows * 1e6:8.1f} µs/op   ratio {ratio:4.2f}x  ({verdict} the {TARGET:.0f}x target)"
    )
    return ratio


def with_postgres(url: str, work: Callable[[str], float]) -> float:
    """Run ``work`` against a throw-away database on the server of ``url``; always drop it."""
    base = make_url(url)
    name = f"shouyue_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            return work(base.set(database=name).render_as_string(hide_password=False))
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=2000, help="appends per run (default 2000)")
    parser.add_argument("--runs", type=int, default=5, help="runs; the median is reported (default 5)")
    parser.add_argument(
        "--postgres", default=DEFAULT_POSTGRES, help=f"PostgreSQL server URL (default {DEFAULT_POSTGRES})"
    )
    parser.add_argument("--sqlite-only", action="store_true", help="do not run the PostgreSQL half")
    args = parser.parse_args(argv)

    print(f"audit append + commit vs plain INSERT + commit: {args.rows} rows, median of {args.runs} runs")
    ratios = []
    with tempfile.TemporaryDirectory(prefix="shouyue-bench-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'audit.db'}"
        ratios.append(measure("sqlite", url, rows=args.rows, runs=args.runs))
    if not args.sqlite_only:
        ratios.append(
            with_postgres(args.postgres, lambda url: measure("postgresql", url, rows=args.rows, runs=args.runs))
        )
    return 0 if all(ratio <= TARGET for ratio in ratios) else 1


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: an audit ``append`` + commit against a plain INSERT of the same row + commit.

All run side by side in one process, on SQLite (a temporary file) and on PostgreSQL (a
throw-away database created next to ``--postgres`` and dropped afterwards). A run is
``--rows`` operations of each kind, done in alternating chunks of ``--chunk`` so that load
from other processes on the machine falls on all kinds alike; the median of ``--runs`` runs
is reported. Each plain INSERT goes to its own table of the audit entry's shape (same
columns, same indexes, unique hash) with the same values, in two forms:

* ``core``: a SQLAlchemy Core ``insert()``, the way the rest of the application writes rows;
* ``driver``: driver SQL through ``exec_driver_sql``, the execution layer ``append`` itself
  uses, with the same JSON and timestamp encoding: the like-for-like baseline.

The ratios are the price of the chain: locking the head, hashing, moving the head. The
target (at most 2x) is judged against the stricter ``driver`` baseline.

    python bench/audit.py [--rows 2000] [--runs 5] [--chunk 100] [--postgres URL | --sqlite-only]
"""

from __future__ import annotations

import argparse
import json
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


def plain_table(name: str) -> Table:
    """A table of the audit entry's shape: same columns, same indexes, unique hash."""
    return Table(
        name,
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
        Index(f"ix_{name}_action", "action"),
        Index(f"ix_{name}_subject_id", "subject_id"),
    )


plain_core = plain_table("bench_plain_core")
plain_driver = plain_table("bench_plain_driver")
encode_json = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


class Load:
    """One kind of write, done ``count`` at a time on its own session, each row committed on its own."""

    def __init__(self, engine: Engine) -> None:
        self.session = Session(engine)
        self.seq = 0
        self.sqlite = engine.dialect.name == "sqlite"

    def step(self, count: int) -> float:
        """Seconds for the next ``count`` writes."""
        # Hash values are made up front: the baselines are plain inserts, not a hash chain.
        hashes = [uuid.uuid4().hex + uuid.uuid4().hex for _ in range(count)]
        started = time.perf_counter()
        for made in hashes:
            self.seq += 1
            self.write(self.seq, made)
            self.session.commit()
        return time.perf_counter() - started

    def write(self, seq: int, made: str) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.session.close()


class AuditAppend(Load):
    def write(self, seq: int, made: str) -> None:
        append(self.session, actor=ACTOR, **FIELDS)


class PlainCore(Load):
    statement = insert(plain_core)

    def write(self, seq: int, made: str) -> None:
        self.session.connection().execute(
            self.statement,
            {
                "seq": seq,
                "at": datetime.now(UTC),
                "actor_kind": ACTOR.kind,
                "actor_id": ACTOR.id,
                "actor_role": ACTOR.role,
                **FIELDS,
                "prev_hash": self.previous,
                "hash": made,
            },
        )
        self.previous = made

    previous = GENESIS_HASH


class PlainDriver(Load):
    previous = GENESIS_HASH

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        columns = [column.name for column in plain_driver.c]
        marks = ", ".join("?" if self.sqlite else f"%({name})s" for name in columns)
        self.statement = f"INSERT INTO {plain_driver.name} ({', '.join(columns)}) VALUES ({marks})"

    def write(self, seq: int, made: str) -> None:
        # Encoded the way ``append`` encodes its row for the driver.
        at = datetime.now(UTC)
        row = {
            "seq": seq,
            "at": at.strftime("%Y-%m-%d %H:%M:%S.%f") if self.sqlite else at,
            "actor_kind": ACTOR.kind,
            "actor_id": ACTOR.id,
            "actor_role": ACTOR.role,
            "action": FIELDS["action"],
            "subject_id": FIELDS["subject_id"],
            "purpose": FIELDS["purpose"],
            "categories": encode_json(FIELDS["categories"]),
            "refs": encode_json(FIELDS["refs"]),
            "prev_hash": self.previous,
            "hash": made,
        }
        self.session.connection().exec_driver_sql(self.statement, tuple(row.values()) if self.sqlite else row)
        self.previous = made


LOADS: dict[str, type[Load]] = {"append": AuditAppend, "core": PlainCore, "driver": PlainDriver}


def reset(engine: Engine) -> None:
    """Empty the tables so that every run starts from the same size."""
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_entry"))
        connection.execute(text("UPDATE audit_head SET seq = 0, hash = :h WHERE id = 1"), {"h": GENESIS_HASH})
        for table in (plain_core, plain_driver):
            connection.execute(table.delete())


def one_run(engine: Engine, *, rows: int, chunk: int) -> dict[str, float]:
    """Seconds per kind for ``rows`` writes of each kind, in alternating chunks (order rotated each round)."""
    reset(engine)
    loads = {name: kind(engine) for name, kind in LOADS.items()}
    spent = dict.fromkeys(loads, 0.0)
    try:
        names = list(loads)
        done, turn = 0, 0
        while done < rows:
            count = min(chunk, rows - done)
            for name in names[turn:] + names[:turn]:
                spent[name] += loads[name].step(count)
            done += count
            turn = (turn + 1) % len(names)
    finally:
        for load in loads.values():
            load.close()
    return spent


def measure(label: str, url: str, *, rows: int, runs: int, chunk: int) -> float:
    """Migrate ``url``, time ``runs`` runs, print the medians; return the ratio to the driver baseline."""
    upgrade(url)
    engine = make_engine(url)
    try:
        plain_metadata.create_all(engine)
        one_run(engine, rows=min(rows, 200), chunk=chunk)  # warm-up: pool, caches, compiled statements
        runs_spent = [one_run(engine, rows=rows, chunk=chunk) for _ in range(runs)]
    finally:
        engine.dispose()
    append_s, core_s, driver_s = (statistics.median(spent[name] for spent in runs_spent) for name in LOADS)
    strict, usual = append_s / driver_s, append_s / core_s
    verdict = "within" if strict <= TARGET else "MISSES"
    print(
        f"{label:<11} append+commit {append_s / rows * 1e6:7.1f} µs/op | plain INSERT+commit: "
        f"driver {driver_s / rows * 1e6:7.1f} µs/op, core {core_s / rows * 1e6:7.1f} µs/op | "
        f"ratio {strict:4.2f}x vs driver ({verdict} the {TARGET:.0f}x target), {usual:4.2f}x vs core"
    )
    return strict


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
    parser.add_argument("--rows", type=int, default=2000, help="writes of each kind per run (default 2000)")
    parser.add_argument("--runs", type=int, default=5, help="runs; the median is reported (default 5)")
    parser.add_argument("--chunk", type=int, default=100, help="writes per turn when alternating (default 100)")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help=f"PostgreSQL server (default {DEFAULT_POSTGRES})")
    parser.add_argument("--sqlite-only", action="store_true", help="do not run the PostgreSQL half")
    args = parser.parse_args(argv)
    options = {"rows": args.rows, "runs": args.runs, "chunk": args.chunk}

    print(f"audit append + commit vs plain INSERT + commit: {args.rows} rows of each, median of {args.runs} runs")
    ratios = []
    with tempfile.TemporaryDirectory(prefix="shouyue-bench-") as tmp:
        ratios.append(measure("sqlite", f"sqlite:///{Path(tmp) / 'audit.db'}", **options))
    if not args.sqlite_only:
        ratios.append(with_postgres(args.postgres, lambda url: measure("postgresql", url, **options)))
    return 0 if all(ratio <= TARGET for ratio in ratios) else 1


if __name__ == "__main__":
    sys.exit(main())

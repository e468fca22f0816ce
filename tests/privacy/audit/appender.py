"""One appending process of the concurrency test (run as ``python -m tests.privacy.audit.appender``).

Arguments: database URL, number of entries, a name. It connects, prints ``ready``, waits for a
line on stdin so that every process starts appending at the same moment, then appends and
commits one entry at a time and prints the seqs it was given, space-separated.
"""

from __future__ import annotations

import sys

from sqlalchemy import text
from sqlalchemy.orm import Session

from shouyue.db import make_engine
from shouyue.privacy.actors import Actor
from shouyue.privacy.audit import append


def main(url: str, count: int, name: str) -> None:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))  # connect (and warm the pool) before the start line
        print("ready", flush=True)
        sys.stdin.readline()
        seqs: list[int] = []
        with Session(engine) as session:
            for n in range(count):
                entry = append(session, actor=Actor.system(name), action="test.appended", refs={"n": n})
                session.commit()
                seqs.append(entry.seq)
        print(" ".join(map(str, seqs)), flush=True)
    finally:
        engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])

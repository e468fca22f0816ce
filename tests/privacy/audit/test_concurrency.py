"""Several OS processes appending to one database at the same moment never fork the chain (P79).

Runs on whichever backend the suite runs on: SQLite serialises the appends with its database
write lock (and a busy timeout), PostgreSQL with the row lock on ``audit_head``.
"""

from __future__ import annotations

import itertools
import os
import selectors
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from shouyue.db import make_engine
from shouyue.migrate import upgrade
from shouyue.privacy.audit import verify
from tests.privacy.audit.builders import head_seq, stored_seqs

PROCESSES = 3
EACH = 100
DEADLINE_S = 120
ROOT = Path(__file__).resolve().parents[3]


def _start(url: str, name: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.privacy.audit.appender", url, str(EACH), name],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_ready(processes: list[subprocess.Popen[str]], deadline: float) -> None:
    """Block until every process has connected and printed ``ready``."""
    with selectors.DefaultSelector() as selector:
        for process in processes:
            assert process.stdout is not None
            selector.register(process.stdout, selectors.EVENT_READ, process)
        waiting = len(processes)
        while waiting:
            events = selector.select(timeout=max(0.0, deadline - time.monotonic()))
            assert events, "an appender did not get ready in time"
            for key, _ in events:
                line = key.fileobj.readline()  # type: ignore[union-attr]
                assert line.strip() == "ready", f"appender failed to start: {key.data.stderr.read()}"
                selector.unregister(key.fileobj)
                waiting -= 1


@pytest.mark.promise("P79")
def test_processes_appending_at_once_keep_one_unbroken_chain(fresh_database: Callable[[], str]) -> None:
    # given a new migrated database and appenders, each in its own OS process, connected and waiting
    url = fresh_database()
    upgrade(url)
    deadline = time.monotonic() + DEADLINE_S
    processes = [_start(url, f"appender_{n}") for n in range(PROCESSES)]
    try:
        _wait_ready(processes, deadline)
        # when they are all told to start at once and each appends and commits its entries
        for process in processes:
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()
        outputs = []
        for process in processes:
            out, err = process.communicate(timeout=max(1.0, deadline - time.monotonic()))
            assert process.returncode == 0, err
            outputs.append([int(seq) for seq in out.split()])
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()

    # then every append got its own seq, the seqs are contiguous and the chain verifies
    total = PROCESSES * EACH
    given = sorted(seq for seqs in outputs for seq in seqs)
    assert given == list(range(1, total + 1))
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            assert stored_seqs(session) == list(range(1, total + 1))
            assert head_seq(session) == total
            report = verify(session, batch_size=64)
            assert report.ok, report.problem
            assert report.checked == total
    finally:
        engine.dispose()
    # and the appenders really ran side by side: their seq ranges overlap
    spans = sorted((min(seqs), max(seqs)) for seqs in outputs)
    assert any(later[0] < earlier[1] for earlier, later in itertools.pairwise(spans)), spans

"""The sandboxes' journals: one JSON line per request a sandbox third party received.

One lock for every journal of the process, so two sandboxes writing the same file (the card bank's
codes land in the SMS outbox) never interleave their lines.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_lock = threading.Lock()


def append(path: Path, entry: dict[str, Any]) -> None:
    """Add ``entry`` as one line at the end of the journal at ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with _lock, path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(entry, ensure_ascii=False) + "\n")


def read(path: Path) -> Iterator[dict[str, Any]]:
    """Every entry of the journal, oldest first (torn lines skipped; none if there is no file)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict):
            yield entry

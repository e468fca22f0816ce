"""Shouyue's own detector, ``shouyue.privacy.detect.find_pi``: all kinds, and structured kinds only."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .base import PI_KINDS, STRUCTURED, NotAvailable, Span, System, package_version


def _source_state() -> dict[str, str]:
    """Where the detector was imported from, and its git commit with a "+dirty" mark if edited."""
    import shouyue.privacy.detect as detect

    folder = Path(detect.__file__).resolve().parent
    state = {"detect_path": str(folder)}
    try:
        commit = subprocess.run(
            ["git", "-C", str(folder), "log", "-1", "--format=%h", "--", "."],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(folder), "status", "--porcelain", "--", "."],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        state["detect_commit"] = (commit or "untracked") + ("+dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        state["detect_commit"] = "unknown (not a git checkout)"
    return state


def load() -> list[System]:
    try:
        from shouyue.privacy.detect import find_pi
    except Exception as exc:  # an unfinished module may fail in any way on import
        raise NotAvailable(f"import shouyue.privacy.detect.find_pi failed: {type(exc).__name__}: {exc}") from exc

    structured = set(STRUCTURED)

    def detect_all(text: str) -> list[Span]:
        return [Span(s.start, s.end, s.kind, float(s.score)) for s in find_pi(text)]

    def detect_structured(text: str) -> list[Span]:
        return [Span(s.start, s.end, s.kind, float(s.score)) for s in find_pi(text, structured)]

    versions = {"shouyue": package_version("shouyue"), **_source_state()}
    return [
        System("ours", frozenset(PI_KINDS), detect_all, "find_pi(text) - all kinds", versions),
        System(
            "ours-structured",
            frozenset(STRUCTURED),
            detect_structured,
            "find_pi(text, kinds=all but person_name/address)",
            versions,
        ),
    ]

"""The span type every detector returns, and the choice among overlapping candidates."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from operator import itemgetter
from typing import NamedTuple

_set = object.__setattr__


@dataclass(frozen=True, slots=True)
class PiSpan:
    """One piece of PI found in a text: ``text[start:end] == span.text`` (Python str offsets)."""

    kind: str
    start: int
    end: int
    text: str
    score: float

    def __init__(self, kind: str, start: int, end: int, text: str, score: float) -> None:
        # The generated __init__ of a frozen dataclass looks object.__setattr__ up once per field;
        # every span the detector returns is built here, so the look-up is bound once.
        _set(self, "kind", kind)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "text", text)
        _set(self, "score", score)


class Candidate(NamedTuple):
    """A detector's proposal; ``rank`` breaks ties between kinds (higher wins).

    A named tuple rather than a dataclass: detectors make one per match, and tuples are cheap.
    """

    kind: str
    start: int
    end: int
    score: float
    rank: int = 0


_POSITION = itemgetter(1, 2)  # (start, end) of a Candidate


def resolve(candidates: list[Candidate], text: str) -> list[PiSpan]:
    """Keep the best non-overlapping candidates: higher score first, then higher rank, then longer.

    Candidates are grouped into clusters of mutually overlapping intervals (one sweep after a sort);
    the greedy choice runs inside each cluster, which is small, so the whole stays O(n log n).
    """
    if len(candidates) < 2:  # the usual case for a short text: nothing to choose
        return [PiSpan(c.kind, c.start, c.end, text[c.start : c.end], c.score) for c in candidates if c.end > c.start]
    ordered = sorted([c for c in candidates if c.end > c.start], key=_POSITION)
    if all(a.end <= b.start for a, b in pairwise(ordered)):
        return [PiSpan(c.kind, c.start, c.end, text[c.start : c.end], c.score) for c in ordered]
    chosen: list[Candidate] = []
    cluster: list[Candidate] = []
    cluster_end = -1
    for cand in ordered:
        if cluster and cand.start >= cluster_end:
            chosen.extend(_pick(cluster))
            cluster = []
        cluster.append(cand)
        cluster_end = max(cluster_end, cand.end) if len(cluster) > 1 else cand.end
    if cluster:
        chosen.extend(_pick(cluster))
    return [PiSpan(c.kind, c.start, c.end, text[c.start : c.end], c.score) for c in chosen]


def _pick(cluster: list[Candidate]) -> list[Candidate]:
    """Greedy choice inside one cluster of overlapping candidates, returned sorted by start."""
    if len(cluster) == 1:
        return cluster
    kept: list[Candidate] = []
    for cand in sorted(cluster, key=lambda c: (-c.score, -c.rank, c.start - c.end, c.start)):
        if all(cand.end <= k.start or cand.start >= k.end for k in kept):
            kept.append(cand)
    kept.sort(key=lambda c: c.start)
    return kept

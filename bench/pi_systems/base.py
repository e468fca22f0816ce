"""What every adapter returns: spans with the project's kind names."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

PI_KINDS: tuple[str, ...] = (
    "phone",
    "landline",
    "id_number",
    "bank_card",
    "email",
    "ipv4",
    "ipv6",
    "plate",
    "passport",
    "qq",
    "wechat_id",
    "person_name",
    "address",
)
UNSTRUCTURED: frozenset[str] = frozenset({"person_name", "address"})
STRUCTURED: tuple[str, ...] = tuple(k for k in PI_KINDS if k not in UNSTRUCTURED)


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    kind: str
    score: float = field(default=1.0, compare=False)


class NotAvailable(Exception):
    """The system cannot run on this machine; the message says exactly why."""


@dataclass
class System:
    name: str
    kinds: frozenset[str]  # the kinds this system claims to detect
    detect: Callable[[str], list[Span]]
    description: str = ""
    versions: dict[str, str] = field(default_factory=dict)
    # events the adapter counted while detecting (e.g. a library call that raised), reported as-is
    notes: dict[str, int] = field(default_factory=dict)


def resolve_overlaps(spans: Iterable[Span]) -> list[Span]:
    """Keep a non-overlapping subset: higher score first, then longer, then the kind listed first.

    The project's detector promises non-overlapping spans; baselines that report nested or
    competing matches (a phone inside an e-mail, one number read as both QQ and phone) are
    reduced the same way before scoring, so no system is charged twice for one match.
    """
    order = {k: i for i, k in enumerate(PI_KINDS)}
    ranked = sorted(spans, key=lambda s: (-s.score, -(s.end - s.start), order.get(s.kind, 99), s.start))
    kept: list[Span] = []
    for s in ranked:
        if s.end <= s.start:
            continue
        if all(s.end <= k.start or s.start >= k.end for k in kept):
            kept.append(s)
    return sorted(kept)


def package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def pos_tag_spans(text: str, tokens: Iterable[tuple[str, str]], is_name: Callable[[str], bool]) -> list[Span]:
    """Turn (word, POS tag) tokens into person_name spans (``is_name(tag)``) and address spans.

    An address is a run of ``ns`` tokens; whitespace between two ``ns`` tokens does not break the
    run (Taobao writes "广东省 深圳市 南山区"), but nothing else joins them.
    """
    found: list[Span] = []
    pos = 0
    run: tuple[int, int] | None = None
    for word, tag in tokens:
        found_at = text.find(word, pos)
        start = pos if found_at < 0 else found_at
        end = start + len(word)
        pos = end
        if tag == "ns":
            run = (run[0] if run else start, end)
            continue
        if run and word.isspace():
            continue
        if run:
            found.append(Span(run[0], run[1], "address"))
            run = None
        if is_name(tag):
            found.append(Span(start, end, "person_name"))
    if run:
        found.append(Span(run[0], run[1], "address"))
    return found

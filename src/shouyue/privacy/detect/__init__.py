"""Find personal information in free text: reviews, chat messages, log lines.

    find_pi(text, kinds=None) -> list[PiSpan]        typed, non-overlapping spans sorted by start
    mask_text(text, kinds=None) -> (masked, spans)    each span replaced by its category's mask

Kinds (:data:`KINDS`): phone, landline, id_number, bank_card, email, ipv4, ipv6, plate, passport,
qq, wechat_id (the *structured* kinds, found by regular expressions and checks, fast) and
person_name, address (found with a surname list, jieba's dictionary and a division gazetteer;
loaded lazily on the first call that asks for them).

Offsets are Python ``str`` indices into the caller's text, end exclusive. Full-width digits and
letters (１３８…, ＱＱ) are detected like their ASCII forms; offsets still point into the original
text. Any ``str`` is accepted — empty, megabytes long, binary junk decoded with ``surrogateescape``,
unpaired surrogates — and the time taken grows linearly with its length.

Order numbers, tracking numbers (运单号, SF/YT/JD …), timestamps, prices and product codes are not
PI and are not reported, even when their digits pass a checksum: a cue word just before a number
decides, then the length, prefix and digit-boundary rules of each kind. A number written as an
amount (¥13812345678, 13812345678元, 13812345678.50) is a price, not a phone number.

Context is read generically rather than from lists of exact strings: a field key before a value
(``recvMobileNo=``, ``"qq_account": "``, ``寄件人手机：``) is split into tokens and stems that name a
kind or a record (:mod:`.keys`); QQ numbers and WeChat ids follow a cue lexicon with the slang that
dodges filters (企鹅, 扣扣, 绿泡泡, V信, vx, 加V …; :mod:`.social`); a name follows a role word
(签收人, 配送员, 店长 …, read from the word's shape) or precedes a title. A URL path segment such as
``/orders/`` is no cue: a valid 18-digit ID number in a path is reported unless a key or cue word
says it is an order number.

Scores are the detector's confidence (0–1): checksums and cue words raise it, a bare name in
running text gets the lowest. Structured kinds cost a few microseconds per short text (two regex
scans plus checks per match); names and addresses add jieba's dictionary, loaded once (about a
second) on the first call that asks for them — :func:`warm_up` does it ahead of time.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from typing import cast

from shouyue.privacy.detect.normalize import fold
from shouyue.privacy.detect.spans import Candidate, PiSpan, resolve
from shouyue.privacy.detect.structured import STRUCTURED_KINDS, find_structured
from shouyue.privacy.errors import PrivacyError
from shouyue.privacy.masking import mask

TEXT_KINDS = frozenset({"person_name", "address"})
KINDS: frozenset[str] = STRUCTURED_KINDS | TEXT_KINDS
"""Every kind :func:`find_pi` can report."""

MASK_RULES: dict[str, str] = {
    "phone": "phone",
    "landline": "landline",
    "id_number": "id_number",
    "bank_card": "bank_card",
    "email": "email",
    "ipv4": "ip",
    "ipv6": "ip",
    "plate": "plate",
    "passport": "passport",
    "qq": "qq",
    "wechat_id": "wechat_id",
    "person_name": "name",
    "address": "address",
}
"""The :mod:`shouyue.privacy.masking` rule applied to each kind by :func:`mask_text`."""


class UnknownKind(PrivacyError, ValueError):
    """A kind name that :data:`KINDS` does not contain."""

    def __init__(self, kinds: Iterable[str]) -> None:
        names = ", ".join(sorted(kinds))
        super().__init__(f"unknown PI kind(s): {names}; known kinds: {', '.join(sorted(KINDS))}")
        self.kinds = frozenset(kinds)


def _wanted(kinds: Iterable[str] | None) -> AbstractSet[str]:
    if kinds is None:
        return KINDS
    wanted: AbstractSet[str]
    # set and frozenset first: an ABC isinstance check costs more than the rest of a short call
    if type(kinds) in (set, frozenset) or isinstance(kinds, AbstractSet):
        wanted = cast(AbstractSet[str], kinds)
    else:
        wanted = frozenset(kinds)
    if not wanted <= KINDS:
        raise UnknownKind(set(wanted) - KINDS)
    return wanted


def find_pi(text: str, kinds: set[str] | None = None) -> list[PiSpan]:
    """Typed PI spans in ``text``: non-overlapping, sorted by start; ``kinds=None`` means all kinds.

    Raises :class:`UnknownKind` (a ``ValueError``) for a kind not in :data:`KINDS`.
    """
    wanted = _wanted(kinds)
    if not text or not wanted:
        return []
    folded = fold(text)
    want_address = "address" in wanted
    want_names = "person_name" in wanted
    # wanted is a subset of KINDS: without the two text kinds it is all structured
    structured = wanted & STRUCTURED_KINDS if want_address or want_names else wanted
    candidates: list[Candidate] = find_structured(folded, structured)
    if want_address:
        from shouyue.privacy.detect.address import addresses

        candidates.extend(addresses(folded))
    if want_names:
        from shouyue.privacy.detect.names import person_names

        candidates.extend(person_names(folded))
    return resolve(candidates, text) if candidates else []


def mask_text(text: str, kinds: set[str] | None = None) -> tuple[str, list[PiSpan]]:
    """``text`` with every PI span replaced by its mask (see :data:`MASK_RULES`), and the spans."""
    spans = find_pi(text, kinds)
    if not spans:
        return text, spans
    parts: list[str] = []
    last = 0
    for span in spans:
        parts.append(text[last : span.start])
        parts.append(mask(MASK_RULES[span.kind], fold(span.text)))
        last = span.end
    parts.append(text[last:])
    return "".join(parts), spans


def warm_up(kinds: set[str] | None = None) -> None:
    """Load the name and address data now (a second or two) instead of on the first request."""
    wanted = _wanted(kinds)
    if "address" in wanted:
        from shouyue.privacy.detect.gazetteer import gazetteer

        gazetteer()
    if "person_name" in wanted:
        from shouyue.privacy.detect.names import warm_up as names_warm_up

        names_warm_up()


__all__ = [
    "KINDS",
    "MASK_RULES",
    "STRUCTURED_KINDS",
    "TEXT_KINDS",
    "PiSpan",
    "UnknownKind",
    "find_pi",
    "mask_text",
    "warm_up",
]

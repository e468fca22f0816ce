"""Checks on what callers hand the consent records: channels, legal grounds, and the short
texts kept as evidence of the act, guardian and case references.

The texts are meant to be ids and codes such as ``click:face-dialog`` or ``req_01HX...``;
the checks catch the usual slips of writing PI there instead.

Only standalone tokens are refused, so a hex digest that happens to contain eleven digits in
a row is not mistaken for a phone number.
"""

from __future__ import annotations

import re

from shouyue.privacy.consent.exceptions import EvidenceRefused, UnknownChannel, UnknownLegalGround
from shouyue.privacy.consent.models import Channel, LegalGround

_EDGE_BEFORE = r"(?<![0-9A-Za-z])"
_EDGE_AFTER = r"(?![0-9A-Za-z])"
_MOBILE = re.compile(_EDGE_BEFORE + r"(?:\+?86[- ]?)?1[3-9][0-9]{9}" + _EDGE_AFTER)
_RESIDENT_ID = re.compile(_EDGE_BEFORE + r"[1-9][0-9]{16}[0-9Xx]" + _EDGE_AFTER)
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[A-Za-z]{2,}")
_REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]*")


def check_text(field: str, value: str, *, max_length: int) -> str:
    """``value`` unchanged when it is short and holds no phone, ID number or e-mail address."""
    if not isinstance(value, str):
        raise EvidenceRefused(field, "must be a string")
    if len(value) > max_length:
        raise EvidenceRefused(field, f"is longer than {max_length} characters")
    if _MOBILE.search(value):
        raise EvidenceRefused(field, "contains what looks like a mobile phone number")
    if _RESIDENT_ID.search(value):
        raise EvidenceRefused(field, "contains what looks like a resident identity card number")
    if _EMAIL.search(value):
        raise EvidenceRefused(field, "contains what looks like an e-mail address")
    return value


def check_reference(field: str, value: str, *, max_length: int) -> str:
    """``value`` unchanged when it is an id (letters, digits, ``_.:-``) that is not PI."""
    check_text(field, value, max_length=max_length)
    if not _REFERENCE.fullmatch(value):
        raise EvidenceRefused(field, "is not an id (letters, digits and '_.:-' only)")
    return value


def channel_of(channel: Channel | str) -> Channel:
    """The channel, or :class:`UnknownChannel`."""
    try:
        return Channel(channel)
    except ValueError:
        raise UnknownChannel(str(channel), [c.value for c in Channel]) from None


def ground_of(ground: LegalGround | str) -> LegalGround:
    """The legal ground, or :class:`UnknownLegalGround`."""
    try:
        return LegalGround(ground)
    except ValueError:
        raise UnknownLegalGround(str(ground), [g.value for g in LegalGround]) from None

"""Shape checks on what an audit entry may hold: ids and codes, never personal information.

The contract is that callers pass ids (account, order, request, key ids) and codes (actions,
purposes, category ids), never the PI they are about. These checks enforce the shapes and
catch the usual slips: free text, names and addresses (spaces, Chinese characters), e-mail
addresses (``@``), mainland mobile numbers and resident identity card numbers. They are a
guard rail, not a PI detector: bank card numbers are not refused because 16-19 digit
snowflake ids would collide with them, so ids should not be bare digit strings where a
prefixed or UUID form is available.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from shouyue.privacy.actors import Actor
from shouyue.privacy.audit.exceptions import AuditEntryRefused

ACTOR_KINDS = frozenset({"subject", "staff", "merchant", "system", "recipient"})

# Ids: letters, digits and a few separators (UUID, ULID, "ord_123", "2026-11-28", "k:3").
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]*")
# Codes: the data map's id shape (contact.phone, order.fulfilment) and dotted action names.
_CODE = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*")
_KEY = re.compile(r"[a-z][a-z0-9_]*")
_MOBILE = re.compile(r"(?:0?86)?1[3-9][0-9]{9}")
_RESIDENT_ID = re.compile(r"[1-9][0-9]{5}((?:19|20)[0-9]{2})(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]")
_RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)

# Column widths of ``AuditEntry``: checked here so that SQLite (which does not enforce them)
# and PostgreSQL refuse the same entries, and nothing is ever truncated under its hash.
ACTION_MAX, ID_MAX, ROLE_MAX, PURPOSE_MAX, CATEGORY_MAX, REF_MAX, KEY_MAX = 64, 64, 32, 80, 80, 128, 40


def _looks_like_pi(text: str) -> str | None:
    """Why an id-shaped text looks like PI (a mobile or resident id number), or None."""
    if _MOBILE.fullmatch(text):
        return "looks like a mobile phone number"
    match = _RESIDENT_ID.fullmatch(text)
    if match is not None and _valid_resident_id(text, match):
        return "looks like a resident identity card number"
    return None


def _valid_resident_id(text: str, match: re.Match[str]) -> bool:
    """True when the birth date is a real date and the check character is right (GB 11643)."""
    try:
        date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return False
    total = sum(int(digit) * weight for digit, weight in zip(text[:17], _RESIDENT_ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == text[17].upper()


def check_id(field: str, value: str, *, max_length: int = ID_MAX) -> None:
    """Refuse a value that is not an id of the expected shape or that looks like PI."""
    if not isinstance(value, str):
        raise AuditEntryRefused(field, "must be a string id")
    if not value or len(value) > max_length or not _ID.fullmatch(value):
        raise AuditEntryRefused(field, f"is not an id (letters, digits, '_.:-', at most {max_length})")
    reason = _looks_like_pi(value)
    if reason is not None:
        raise AuditEntryRefused(field, f"{reason}: the audit log takes ids, never PI")


def check_code(field: str, value: str, *, max_length: int) -> None:
    """Refuse a value that is not a lower-case dotted code such as ``consent.granted``."""
    if not isinstance(value, str) or len(value) > max_length or not _CODE.fullmatch(value):
        raise AuditEntryRefused(field, f"is not a dotted lower-case code of at most {max_length} characters")


def check_entry(
    *,
    actor: Actor,
    action: str,
    subject_id: str | None,
    purpose: str | None,
    categories: Sequence[str],
    refs: Mapping[str, str | int | None],
) -> None:
    """Refuse an entry with a field of the wrong type or shape; see the module's docstring."""
    if actor.kind not in ACTOR_KINDS:
        raise AuditEntryRefused("actor.kind", f"must be one of {sorted(ACTOR_KINDS)}")
    check_id("actor.id", actor.id)
    if actor.role is not None and (
        not isinstance(actor.role, str) or len(actor.role) > ROLE_MAX or not _KEY.fullmatch(actor.role)
    ):
        raise AuditEntryRefused("actor.role", f"is not a lower-case role name of at most {ROLE_MAX} characters")
    check_code("action", action, max_length=ACTION_MAX)
    if subject_id is not None:
        check_id("subject_id", subject_id)
    if purpose is not None:
        check_code("purpose", purpose, max_length=PURPOSE_MAX)
    if isinstance(categories, str):
        raise AuditEntryRefused("categories", "must be a sequence of category ids, not one string")
    for category in categories:
        check_code("categories", category, max_length=CATEGORY_MAX)
    for key, value in refs.items():
        if not isinstance(key, str) or len(key) > KEY_MAX or not _KEY.fullmatch(key):
            raise AuditEntryRefused("a refs key", f"is not a lower-case identifier of at most {KEY_MAX} characters")
        field = f"refs[{key!r}]"
        if value is None:
            continue
        # bool is an int subclass; a flag is not an id.
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise AuditEntryRefused(field, "must be a string id, an integer id or None")
        if isinstance(value, int):
            reason = _looks_like_pi(str(value))
            if reason is not None:
                raise AuditEntryRefused(field, f"{reason}: the audit log takes ids, never PI")
        else:
            check_id(field, value, max_length=REF_MAX)

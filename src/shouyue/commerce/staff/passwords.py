"""Passwords (P50): a strength rule whose reasons name what is missing, and argon2id hashing.

Usable for any password of the platform (staff now, sellers next): ``password_problems`` is pure,
``hash_password`` / ``verify_password`` wrap argon2-cffi with its recommended parameters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 12
MAX_LENGTH = 128  # argon2 takes any length; a bound keeps one request from costing too much
MIN_CLASSES = 3

# Character classes the rule counts, with the words a message names them by.
_CLASSES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("小写字母", re.compile(r"[a-z]")),
    ("大写字母", re.compile(r"[A-Z]")),
    ("数字", re.compile(r"[0-9]")),
    ("符号", re.compile(r"[^A-Za-z0-9\s]")),
)

# A small list of passwords and base words that guessing tools try first. Checked after
# lower-casing, undoing common letter substitutions and stripping leading/trailing digits and
# symbols, so "P@ssw0rd2024!" counts as "password".
COMMON_WORDS = frozenset(
    (  # noqa: SIM905
        "password passw0rd passwd admin administrator root qwerty qwertyuiop asdfgh asdfghjkl zxcvbn "
        "zxcvbnm letmein welcome iloveyou woaini woaini1314 monkey dragon master sunshine princess "
        "football baseball shadow superman trustno abc abcd abcdef abcdefg abcdefgh "
        "changeme default secret login shouyue qazwsx qwe qweasd qweasdzxc aa aaa aaaa aaaaaa"
    ).split()
)
COMMON_PASSWORDS = frozenset(
    (  # noqa: SIM905
        "123456789012 1234567890ab 1qaz2wsx3edc 1q2w3e4r5t6y qwerty123456 password1234 password123456 "
        "aa123456789 aa1234567890 abc123456789 abcd12345678 woaini520131 5201314woaini 1314520woaini "
        "qwer1234asdf zaq12wsxcde3 admin1234567 admin123456 p@ssw0rd1234 iloveyou1234 88888888abc"
    ).split()
)
_LEET = str.maketrans({"@": "a", "4": "a", "0": "o", "1": "l", "3": "e", "$": "s", "5": "s", "7": "t", "!": "i"})
_EDGES = re.compile(r"^[\d\W_]+|[\d\W_]+$")


def _is_common(password: str) -> bool:
    lowered = unicodedata.normalize("NFKC", password).lower()
    compact = re.sub(r"[\W_]", "", lowered)
    if lowered in COMMON_PASSWORDS or compact in COMMON_PASSWORDS:
        return True
    core = _EDGES.sub("", lowered)
    return bool(core) and (core in COMMON_WORDS or core.translate(_LEET) in COMMON_WORDS)


def password_problems(password: str, *, username: str = "") -> list[str]:
    """Why ``password`` is too weak, one Chinese sentence per rule it breaks (empty: strong enough)."""
    problems: list[str] = []
    if len(password) < MIN_LENGTH:
        problems.append(f"密码长度至少{MIN_LENGTH}位，当前只有{len(password)}位")
    if len(password) > MAX_LENGTH:
        problems.append(f"密码长度不能超过{MAX_LENGTH}位")
    missing = [word for word, pattern in _CLASSES if not pattern.search(password)]
    if len(_CLASSES) - len(missing) < MIN_CLASSES:
        problems.append(
            f"密码须包含小写字母、大写字母、数字、符号中的至少{MIN_CLASSES}类，目前缺少：{'、'.join(missing)}"
        )
    name = username.strip().lower()
    if len(name) >= 3 and name in password.lower():
        problems.append("密码不能包含用户名")
    if _is_common(password):
        problems.append("密码过于常见，容易被猜中，请换一个")
    return problems


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id with the library's recommended (RFC 9106 low-memory) parameters


def hash_password(password: str) -> str:
    """The argon2id hash of ``password`` in PHC form (salted; never the same twice)."""
    return _hasher().hash(password)


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """A hash of a random-looking password, checked when no account matches a login so that an
    unknown name costs as long as a wrong password and the timing tells an attacker nothing."""
    return hash_password("shouyue-dummy-password-never-matches")


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``password_hash`` (False for a mismatch or a malformed hash)."""
    try:
        return _hasher().verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with weaker parameters than today's (rehash on next login)."""
    return _hasher().check_needs_rehash(password_hash)

"""One-to-one character folding so detectors see ASCII digits and letters.

Full-width forms (``１３８``, ``ＱＱ``, ``＠``) are folded to ASCII and the ideographic space to a
space. Every character maps to exactly one character, so an offset into the folded text is the
same offset into the original: spans are always reported against the caller's string.
"""

from __future__ import annotations

import re

_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20  # ideographic space
_FOLD[0x2014] = 0x2D  # em dash, as typed between digit groups
_FOLD[0x2013] = 0x2D  # en dash
_FOLD[0x2212] = 0x2D  # minus sign
_FOLD[0xFF0E] = 0x2E  # full-width full stop (also in the block above; kept explicit)
# Only the characters detectors look at are folded, run by run: full-width punctuation such as
# ，and ：is everywhere in Chinese text and folding it would cost time for nothing (detectors
# accept both forms where they matter).
_NEEDS_FOLD = re.compile(
    "[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff20\uff0b\uff0d\uff0e\uff3f\u3000\u2013\u2014\u2212]+"
)


def _fold_run(match: re.Match[str]) -> str:
    return match.group(0).translate(_FOLD)


def fold(text: str) -> str:
    """Return ``text`` with full-width digits, letters and ``@+-._`` folded; same length."""
    if text.isascii() or _NEEDS_FOLD.search(text) is None:
        return text
    return _NEEDS_FOLD.sub(_fold_run, text)

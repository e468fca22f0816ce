"""A logging filter that masks PI in every record before any handler writes it (P28).

``install_log_filter()`` attaches :class:`PiMaskingFilter` to the root logger's handlers and to
uvicorn's loggers and handlers, so records from any library are masked too. By default only the
structured kinds (phones, ID numbers, bank cards, e-mail, IP addresses, …) are masked: they are
found by regular expressions and cost microseconds per line; names and addresses can be asked for
with ``kinds=`` at a higher cost.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from shouyue.privacy.detect import STRUCTURED_KINDS, mask_text

DEFAULT_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "fastapi")


class PiMaskingFilter(logging.Filter):
    """Replace PI in the formatted message and the exception text of each record with its mask.

    The record is rewritten in place (``msg`` becomes the masked, fully formatted message and
    ``args`` is emptied), so every handler and formatter after it sees only masked text. It never
    drops a record and never raises: a failure to mask leaves a redaction notice instead.
    """

    def __init__(self, kinds: Iterable[str] | None = None, name: str = "") -> None:
        super().__init__(name)
        self.kinds = set(kinds) if kinds is not None else set(STRUCTURED_KINDS)

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_shouyue_pi_masked", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not let raw args through
            message = f"{record.msg!s} {record.args!r}"
        record.msg = self._mask(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._mask(record.exc_text)
        if record.stack_info:
            record.stack_info = self._mask(record.stack_info)
        setattr(record, "_shouyue_pi_masked", True)  # noqa: B010 - LogRecord has no such declared field
        return True

    def _mask(self, text: str) -> str:
        try:
            return mask_text(text, self.kinds)[0]
        except Exception:
            return "[log message withheld: PI masking failed]"


def install_log_filter(kinds: Iterable[str] | None = None, loggers: Iterable[str] = DEFAULT_LOGGERS) -> PiMaskingFilter:
    """Attach one :class:`PiMaskingFilter` to the root handlers and to ``loggers`` (idempotent).

    Filters on handlers see records propagated from every logger; filters on the named loggers
    cover records those loggers hand to their own handlers. Call it after logging is configured
    (handlers added later are not covered: call it again).
    """
    pi_filter = PiMaskingFilter(kinds)
    targets: list[logging.Filterer] = []
    root = logging.getLogger()
    targets.extend(root.handlers)
    for name in loggers:
        logger = logging.getLogger(name)
        targets.append(logger)
        targets.extend(logger.handlers)
    for target in targets:
        if not any(isinstance(f, PiMaskingFilter) for f in target.filters):
            target.addFilter(pi_filter)
    return pi_filter


__all__ = ["PiMaskingFilter", "install_log_filter"]

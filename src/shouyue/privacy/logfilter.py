"""A logging filter that masks PI in every record before any handler writes it (P28).

``install_log_filter()`` attaches :class:`PiMaskingFilter` to the root logger's handlers and to
uvicorn's loggers and handlers, so records from any library are masked too. By default only the
structured kinds (phones, ID numbers, bank cards, e-mail, IP addresses, …) are masked: they are
found by regular expressions and cost microseconds per line; names and addresses can be asked for
with ``kinds=`` at a higher cost.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from shouyue.privacy.detect import STRUCTURED_KINDS, find_pi, mask_text

DEFAULT_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "fastapi")
_MASKED = "_shouyue_pi_masked"
_WITHHELD = "[log message withheld: PI masking failed]"


class PiMaskingFilter(logging.Filter):
    """Replace PI in each record's message, arguments, exception and stack text with its mask.

    String arguments are masked one by one, so formatters that read ``record.args`` themselves
    (uvicorn's access log unpacks them) keep working. If PI still shows in the formatted message
    (a number passed as an int, PI split across arguments), the record is flattened instead:
    ``msg`` becomes the masked formatted message and ``args`` is emptied. The filter never drops a
    record and never raises: a failure to mask leaves a notice instead of the text.
    """

    def __init__(self, kinds: Iterable[str] | None = None, name: str = "") -> None:
        super().__init__(name)
        self.kinds = set(kinds) if kinds is not None else set(STRUCTURED_KINDS)

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, _MASKED, False):
            return True
        try:
            self._mask_record(record)
        except Exception:  # never let logging fail, never let PI through
            record.msg, record.args = _WITHHELD, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._mask(record.exc_text)
        if record.stack_info:
            record.stack_info = self._mask(record.stack_info)
        setattr(record, _MASKED, True)
        return True

    def _mask_record(self, record: logging.LogRecord) -> None:
        args = record.args
        if isinstance(record.msg, str):
            record.msg = self._mask(record.msg)
        if not args:
            if not isinstance(record.msg, str):
                record.msg = self._mask(str(record.msg))
            return
        if isinstance(args, Mapping):
            record.args = {key: self._mask_arg(value) for key, value in args.items()}
        else:
            record.args = tuple(self._mask_arg(value) for value in args)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what can be shown, masked
            message = f"{record.msg!s} {record.args!r}"
            record.msg, record.args = self._mask(message), None
            return
        if find_pi(message, self.kinds):
            record.msg, record.args = self._mask(message), None

    def _mask_arg(self, value: Any) -> Any:
        return self._mask(value) if isinstance(value, str) else value

    def _mask(self, text: str) -> str:
        try:
            return mask_text(text, self.kinds)[0]
        except Exception:
            return _WITHHELD


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

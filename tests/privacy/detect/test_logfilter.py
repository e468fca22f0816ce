"""Logs never contain plaintext sensitive PI (P28): the masking filter on every record."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest
from stdnum import luhn

from shouyue.privacy.logfilter import PiMaskingFilter, install_log_filter

pytestmark = pytest.mark.promise("P28")

PHONE = "13812345678"
ID_NUMBER = "11010519491231002X"
CARD = "622848001234567890" + luhn.calc_check_digit("622848001234567890")


@pytest.fixture
def logger() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    log = logging.getLogger("tests.pi.logfilter")
    log.propagate = False
    log.setLevel(logging.DEBUG)
    log.addHandler(handler)
    handler.addFilter(PiMaskingFilter())
    yield log, stream
    log.removeHandler(handler)


def test_phone_id_and_card_never_reach_the_log(logger: tuple[logging.Logger, io.StringIO]) -> None:
    # given a logger whose handler carries the filter
    log, stream = logger
    # when a record carries the PI in its message and in its arguments
    log.info("user phone %s id %s", PHONE, ID_NUMBER)
    log.warning("refund to card " + CARD)
    # then none of it is written, and the masks are
    output = stream.getvalue()
    for secret in (PHONE, ID_NUMBER, CARD):
        assert secret not in output
    assert "138****5678" in output
    assert "1****************X" in output
    assert "****" + CARD[-4:] in output


def test_exception_text_is_masked(logger: tuple[logging.Logger, io.StringIO]) -> None:
    log, stream = logger
    try:
        raise ValueError(f"bad id {ID_NUMBER} for {PHONE}")
    except ValueError:
        log.exception("lookup failed for %s", CARD)
    output = stream.getvalue()
    assert "Traceback" in output and "ValueError" in output
    for secret in (PHONE, ID_NUMBER, CARD):
        assert secret not in output


def test_a_broken_format_string_does_not_leak_its_arguments(logger: tuple[logging.Logger, io.StringIO]) -> None:
    log, stream = logger
    log.info("two placeholders %s %s", PHONE)
    assert PHONE not in stream.getvalue()


def test_install_log_filter_covers_root_handlers(caplog: pytest.LogCaptureFixture) -> None:
    # given the filter installed on the root logger's handlers (caplog's handler among them)
    root = logging.getLogger()
    installed = install_log_filter()
    try:
        # when any module logs PI
        with caplog.at_level(logging.INFO):
            logging.getLogger("shouyue.somewhere").info("phone=%s id=%s card=%s", PHONE, ID_NUMBER, CARD)
        # then the captured text holds masks only
        assert caplog.text
        for secret in (PHONE, ID_NUMBER, CARD):
            assert secret not in caplog.text
        install_log_filter()  # idempotent: a second call adds no second filter
        assert installed.kinds
        assert sum(isinstance(f, PiMaskingFilter) for f in caplog.handler.filters) == 1
    finally:
        for handler in root.handlers:
            for f in list(handler.filters):
                if isinstance(f, PiMaskingFilter):
                    handler.removeFilter(f)
        for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "fastapi"):
            for f in list(logging.getLogger(name).filters):
                if isinstance(f, PiMaskingFilter):
                    logging.getLogger(name).removeFilter(f)


def test_uvicorn_loggers_get_the_filter() -> None:
    install_log_filter()
    try:
        assert any(isinstance(f, PiMaskingFilter) for f in logging.getLogger("uvicorn.access").filters)
    finally:
        for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "fastapi"):
            for f in list(logging.getLogger(name).filters):
                if isinstance(f, PiMaskingFilter):
                    logging.getLogger(name).removeFilter(f)
        for handler in logging.getLogger().handlers:
            for f in list(handler.filters):
                if isinstance(f, PiMaskingFilter):
                    handler.removeFilter(f)


def test_args_stay_a_tuple_for_formatters_that_unpack_them() -> None:
    # given uvicorn's access formatter, which unpacks record.args itself
    from uvicorn.logging import AccessFormatter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(AccessFormatter('%(client_addr)s - "%(request_line)s" %(status_code)s', use_colors=False))
    handler.addFilter(PiMaskingFilter())
    log = logging.getLogger("tests.pi.access")
    log.propagate = False
    log.setLevel(logging.INFO)
    log.addHandler(handler)
    try:
        # when a request line carries a phone number and the client address an IP
        log.info('%s - "%s %s HTTP/%s" %d', "203.0.113.9:51000", "GET", f"/api/v1/users?phone={PHONE}", "1.1", 200)
    finally:
        log.removeHandler(handler)
    # then the line is written, with both masked
    output = stream.getvalue()
    assert "GET /api/v1/users?phone=138****5678 HTTP/1.1" in output
    assert "203.0.*.*" in output and "203.0.113.9" not in output
    assert PHONE not in output


def test_pi_passed_as_a_number_or_split_over_arguments_is_still_masked(
    logger: tuple[logging.Logger, io.StringIO],
) -> None:
    log, stream = logger
    log.info("phone %d", int(PHONE))
    log.info("id %s%s", ID_NUMBER[:9], ID_NUMBER[9:])
    output = stream.getvalue()
    assert PHONE not in output and ID_NUMBER not in output

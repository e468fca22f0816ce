"""The served application masks PI in every log line (P28): run the real server, send requests
that carry a phone, an ID number and a card number in their URLs (the access log writes request
lines), and read what the process wrote."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from shouyue.migrate import upgrade

PHONE = "13812345678"
ID_NUMBER = "11010519491231002X"


def _luhn_card(prefix: str = "622202123456789012") -> str:
    digits = [int(d) for d in prefix]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return prefix + str((10 - total % 10) % 10)


CARD = _luhn_card()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.promise("P28")
def test_the_served_logs_hold_no_plaintext_phone_id_number_or_card(
    fresh_database: Callable[[], str], tmp_path: Path
) -> None:
    # given the real server on a migrated database, logging at DEBUG
    url = fresh_database()
    upgrade(url)
    port = _free_port()
    env = {
        **os.environ,
        "SHOUYUE_ENV": "development",
        "SHOUYUE_DATABASE_URL": url,
        "SHOUYUE_KEY_DIR": str(tmp_path / "keys"),
        "SHOUYUE_LOG_LEVEL": "DEBUG",
        "SHOUYUE_SANDBOX_DIR": str(tmp_path / "sandbox"),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "shouyue.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.3)
        # when requests carry PI where the access log writes it
        httpx.get(f"{base}/privacy?phone={PHONE}", timeout=10)
        httpx.get(f"{base}/accounts/login?id_number={ID_NUMBER}", timeout=10)
        httpx.get(f"{base}/api/v1/health?card={CARD}", timeout=10)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    # then the request lines were logged, masked: no plaintext, and the masks are there
    assert "/privacy?phone=" in output and "/accounts/login?id_number=" in output, output[-2000:]
    for secret in (PHONE, ID_NUMBER, CARD):
        assert secret not in output
    assert "138****5678" in output

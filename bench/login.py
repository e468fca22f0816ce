"""Logins per second through the HTTP API, and the share of request time spent in the privacy engine.

    python bench/login.py [--accounts 200] [--backends sqlite,postgresql] [--pg-url URL]

One login is what a client app does: ``POST /api/v1/auth/sms-codes`` (the code is sealed, hashed,
disclosed to the SMS carrier through the gateway and audited; the sandbox carrier writes it to
its outbox), ``GET /api/v1/dev/outbox`` to read the code, ``POST /api/v1/auth/login`` (code check,
risk decision, session). The accounts are registered first through the API (also timed). Each
backend runs in its own process on a fresh database: a SQLite file, or a throw-away PostgreSQL
database created and dropped here. Requests go through FastAPI's TestClient (in-process ASGI, no
network), one after another; rate limits are lifted for the run (one client, one address).

How the engine's share is measured: see ``harness.EngineClock`` (the engine's entry points are
wrapped with ``perf_counter`` accumulators, outermost calls only).
The share is that total over the wall time of the same requests. The logins/s figure comes from a
separate run without the wrappers. Target: engine share <= 15 %.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

TARGET_SHARE = 0.15

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import (  # noqa: E402
    EngineClock,
    bench_arguments,
    child_run,
    on_fresh_database,
    published_app,
    register,
    sms_code,
)

# --- one backend, in its own process ---------------------------------------------------------


def _run(backend: str, accounts: int, url: str, measure_engine: bool) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    app, notice = published_app(url)
    clock = EngineClock()
    if measure_engine:
        clock.install()
    phones = [f"139{n:08d}" for n in range(accounts)]
    with TestClient(app) as client:
        start = time.perf_counter()
        for phone in phones:
            register(client, phone, notice)
        register_seconds = time.perf_counter() - start
        engine_before = clock.total

        latencies = []
        start = time.perf_counter()
        for phone in phones:
            began = time.perf_counter()
            response = client.post(
                "/api/v1/auth/login", json={"phone": phone, "code": sms_code(client, phone, accept_notice=False)}
            )
            assert response.status_code == 200 and response.json()["status"] == "logged_in", response.text
            latencies.append(time.perf_counter() - began)
        login_seconds = time.perf_counter() - start
    return {
        "backend": backend,
        "accounts": accounts,
        "registrations_per_second": accounts / register_seconds,
        "logins_per_second": accounts / login_seconds,
        "login_median_ms": statistics.median(latencies) * 1000,
        "login_p95_ms": sorted(latencies)[int(len(latencies) * 0.95) - 1] * 1000,
        "engine_share": (clock.total - engine_before) / login_seconds if measure_engine else None,
        "engine_calls_per_login": clock.calls / (2 * accounts) if measure_engine else None,
    }


# --- driver ----------------------------------------------------------------------------------


def main() -> None:
    args = bench_arguments(__doc__.split("\n\n")[0], count="accounts", default=200, help="accounts per backend")
    if args.child:
        print(
            json.dumps(
                on_fresh_database(
                    args.child, args.pg_url, lambda url: _run(args.child, args.accounts, url, args.measure_engine)
                )
            )
        )
        return
    print(f"login bench: {args.accounts} accounts per backend, one login = request code + read outbox + verify")
    failed = False
    for backend in args.backends.split(","):
        plain = child_run(__file__, backend, args, count="accounts", measure=False)
        timed = child_run(__file__, backend, args, count="accounts", measure=True)
        share = timed["engine_share"]
        failed |= share > TARGET_SHARE
        print(
            f"{backend:>10}: {plain['logins_per_second']:7.1f} logins/s "
            f"(median {plain['login_median_ms']:.1f} ms, p95 {plain['login_p95_ms']:.1f} ms), "
            f"{plain['registrations_per_second']:6.1f} registrations/s; "
            f"privacy engine {share:.1%} of login request time "
            f"({timed['engine_calls_per_login']:.0f} engine calls per login) "
            f"[target <= {TARGET_SHARE:.0%}: {'ok' if share <= TARGET_SHARE else 'MISSED'}]"
        )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

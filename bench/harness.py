"""What the HTTP benchmarks share: a fresh database per backend, and a clock for the privacy engine.

``EngineClock.install()`` wraps the engine's entry points (the vault's seal/open/blind index/keyed
hash, the sealed and keyed-hash column types, the flush listener that checks sealed columns,
``reveal``, ``disclose``, ``audit.append``, consent and notice look-ups) with ``perf_counter``
accumulators. Call it *after* the application is imported: it rebinds every name in a loaded
``shouyue`` module that refers to one of those functions, so ``from ... import disclose`` in a
service module is timed too. Only the outermost call is timed (a re-entrancy counter), so an
engine call made inside another is not counted twice; the time includes the statements the
engine issues itself (disclosure row, audit entry).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"

# (module, attribute) of every engine function a request can reach from outside the engine.
ENGINE_FUNCTIONS = (
    ("shouyue.privacy.vault.service", "reveal"),
    ("shouyue.privacy.gateway.service", "disclose"),
    ("shouyue.privacy.gateway.service", "shared_with"),
    ("shouyue.privacy.audit.service", "append"),
    ("shouyue.privacy.consent.service", "require"),
    ("shouyue.privacy.consent.service", "state"),
    ("shouyue.privacy.consent.service", "grant"),
    ("shouyue.privacy.consent.service", "granted_purposes"),
    ("shouyue.privacy.consent.service", "accept_notice"),
    ("shouyue.privacy.notice.versions", "latest_version"),
    ("shouyue.privacy.detect", "mask_text"),
    ("shouyue.privacy.detect", "find_pi"),
)


class EngineClock:
    """Accumulates wall time spent inside the privacy engine's entry points (outermost calls only)."""

    def __init__(self) -> None:
        self.total = 0.0
        self.calls = 0
        self._depth = 0

    def wrap(self, function: Callable[..., Any]) -> Callable[..., Any]:
        clock = self

        def timed(*args: Any, **kwargs: Any) -> Any:
            if clock._depth:
                return function(*args, **kwargs)
            clock._depth = 1
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                clock.total += time.perf_counter() - start
                clock.calls += 1
                clock._depth = 0

        timed.__wrapped__ = function  # type: ignore[attr-defined]
        return timed

    def install(self) -> None:
        """Wrap the engine's entry points wherever a loaded ``shouyue`` module refers to them."""
        import importlib

        from sqlalchemy import event
        from sqlalchemy.orm import Session

        from shouyue.privacy import columns
        from shouyue.privacy.vault import Vault

        for name in ("seal", "open", "blind_index", "keyed_hash"):
            setattr(Vault, name, self.wrap(getattr(Vault, name)))
        for column_type in (columns.SealedText, columns.KeyedHashText):
            for name in ("process_bind_param", "process_result_value"):
                if name in column_type.__dict__:
                    setattr(column_type, name, self.wrap(column_type.__dict__[name]))
        event.remove(Session, "before_flush", columns._before_flush)
        event.listen(Session, "before_flush", self.wrap(columns._before_flush))

        wrapped: dict[int, Callable[..., Any]] = {}
        for module_name, attribute in ENGINE_FUNCTIONS:
            original = getattr(importlib.import_module(module_name), attribute)
            wrapped[id(original)] = self.wrap(original)
        for module in list(sys.modules.values()):
            if not getattr(module, "__name__", "").startswith("shouyue."):
                continue
            for name, value in list(vars(module).items()):
                replacement = wrapped.get(id(value))
                if replacement is not None:
                    setattr(module, name, replacement)


def prepare_environment(backend: str, pg_url: str, work: Path) -> str:
    """Point the settings at a fresh database and private key/sandbox directories."""
    if backend == "sqlite":
        url = f"sqlite:///{work / 'bench.db'}"
    else:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        name = f"shouyue_bench_{uuid.uuid4().hex[:10]}"
        admin = create_engine(make_url(pg_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        url = make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    os.environ.update(
        {
            "SHOUYUE_ENV": "development",
            "SHOUYUE_DATABASE_URL": url,
            "SHOUYUE_KEY_DIR": str(work / "keys"),
            "SHOUYUE_SANDBOX_DIR": str(work / "sandbox"),
            "SHOUYUE_UPLOAD_DIR": str(work / "uploads"),
        }
    )
    os.environ.pop("SHOUYUE_MASTER_KEY", None)
    os.environ.pop("SHOUYUE_KEYSTORE_URL", None)
    return url


def drop_pg(url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :d AND pid <> pg_backend_pid()"
            ),
            {"d": parsed.database},
        )
        conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}"'))
    admin.dispose()


# --- the driver: one process per backend and measurement -------------------------------------


def bench_arguments(description: str, *, count: str, default: int, help: str) -> argparse.Namespace:
    """The common command line: ``--<count>``, ``--backends``, ``--pg-url`` (and the child flags)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(f"--{count}", type=int, default=default, help=help)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--pg-url", default=os.environ.get("SHOUYUE_BENCH_PG_URL", DEFAULT_PG))
    parser.add_argument("--child", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    parser.add_argument("--measure-engine", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def on_fresh_database(backend: str, pg_url: str, run: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    """``run(url)`` against a fresh database of ``backend`` in a temporary work directory."""
    with tempfile.TemporaryDirectory(prefix="shouyue-bench-") as tmp:
        url = prepare_environment(backend, pg_url, Path(tmp))
        try:
            return run(url)
        finally:
            from shouyue.db import get_engine

            get_engine().dispose()
            if backend == "postgresql":
                drop_pg(url)


def child_run(script: str, backend: str, args: argparse.Namespace, *, count: str, measure: bool) -> dict[str, Any]:
    """Run ``script`` for one backend in its own process; its last output line is the JSON result."""
    command = [sys.executable, script, "--child", backend, f"--{count}", str(getattr(args, count)), "--pg-url"]
    command.append(args.pg_url)
    if measure:
        command.append("--measure-engine")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"the {backend} run failed")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- the application under test -------------------------------------------------------------


def published_app(url: str) -> tuple[Any, str]:
    """Migrate ``url``, publish the notice (version "bench") and build the app with the rate
    limits lifted (one client, one address); returns the app and the notice version."""
    from datetime import UTC, datetime

    from shouyue.commerce.accounts.dependencies import get_rate_limits
    from shouyue.commerce.accounts.ratelimit import RateLimits
    from shouyue.db import session_scope
    from shouyue.engine import get_datamap, get_notice_prose
    from shouyue.migrate import upgrade
    from shouyue.privacy.actors import Actor
    from shouyue.privacy.notice import versions
    from shouyue.web.app import create_app

    upgrade(url)
    with session_scope() as session:
        notice = versions.publish(
            session=session,
            datamap=get_datamap(),
            prose=get_notice_prose(),
            version="bench",
            actor=Actor.system(),
            now=datetime.now(UTC),
        ).version
    app = create_app()
    unlimited = RateLimits(per_phone="100000/minute", send_per_ip="100000/minute", verify_per_ip="100000/minute")
    app.dependency_overrides[get_rate_limits] = lambda: unlimited
    return app, notice


def sms_code(client: Any, phone: str, *, accept_notice: bool) -> str:
    """Ask for a code for ``phone`` and read it from the sandbox outbox, as a client app does."""
    sent = client.post("/api/v1/auth/sms-codes", json={"phone": phone, "accept_notice": accept_notice})
    assert sent.status_code == 202, sent.text
    box = client.get("/api/v1/dev/outbox", params={"phone": phone, "limit": 1})
    return str(box.json()[0]["code"])


def register(client: Any, phone: str, notice: str) -> str:
    """Register ``phone`` through the API accepting ``notice``; returns the bearer token."""
    body = {"phone": phone, "code": sms_code(client, phone, accept_notice=True), "accept_notice": True}
    registered = client.post("/api/v1/auth/register", json={**body, "notice_version": notice})
    assert registered.status_code == 201, registered.text
    return str(registered.json()["session"]["token"])

"""Builders for account tests: publish a notice, and drive the accounts API like a client app."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy.orm import Session

API = "/api/v1"
_used_phones: set[str] = set()


def publish_notice(session: Session, version: str = "2026-11-29.test") -> str:
    """The notice version in force, publishing the live data map's notice first if none is
    (setup, not under test)."""
    from shouyue.engine import NOTICE_PROSE, get_datamap
    from shouyue.privacy.actors import Actor
    from shouyue.privacy.notice import load_prose, versions

    latest = versions.latest_version(session=session)
    if latest is not None:
        return latest
    row = versions.publish(
        session=session,
        datamap=get_datamap(),
        prose=load_prose(NOTICE_PROSE),
        version=version,
        actor=Actor.system(),
        now=datetime.now(UTC),
    )
    # Committed (a savepoint of the test's transaction): a refused request's rollback keeps it.
    session.commit()
    return row.version


def new_phone() -> str:
    """A mainland mobile number no other test in this process used."""
    while True:
        phone = f"13{random.choice('5789')}{random.randrange(10**8):08d}"
        if phone not in _used_phones:
            _used_phones.add(phone)
            return phone


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@dataclass
class AccountsApi:
    """The accounts API as a client app uses it."""

    client: TestClient
    app: FastAPI
    notice_version: str
    headers: dict[str, str] = field(default_factory=dict)

    def relax_limits(self, **limits: str) -> None:
        """Use a limiter that lets a test send several codes to one phone (real time does not pass)."""
        from shouyue.commerce.accounts.dependencies import get_rate_limits
        from shouyue.commerce.accounts.ratelimit import RateLimits

        relaxed = RateLimits(**{"per_phone": "1000/minute", "send_per_ip": "1000/minute", **limits})
        self.app.dependency_overrides[get_rate_limits] = lambda: relaxed

    def request_code(
        self, phone: str, *, accept_notice: bool = True, headers: dict[str, str] | None = None
    ) -> Response:
        return self.client.post(
            f"{API}/auth/sms-codes",
            json={"phone": phone, "accept_notice": accept_notice},
            headers={**self.headers, **(headers or {})},
        )

    def outbox(self, phone: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"limit": limit}
        if phone is not None:
            params["phone"] = phone
        response = self.client.get(f"{API}/dev/outbox", params=params)
        assert response.status_code == 200, response.text
        return list(response.json())

    def last_code(self, phone: str) -> str:
        messages = self.outbox(phone, limit=1)
        assert messages, f"no SMS in the sandbox outbox for {phone}"
        return str(messages[0]["code"])

    def send_code(self, phone: str, *, headers: dict[str, str] | None = None) -> str:
        response = self.request_code(phone, headers=headers)
        assert response.status_code == 202, response.text
        return self.last_code(phone)

    def register(
        self, phone: str | None = None, *, headers: dict[str, str] | None = None, edition: str | None = None
    ) -> tuple[str, dict[str, Any]]:
        phone = phone or new_phone()
        code = self.send_code(phone, headers=headers)
        response = self.client.post(
            f"{API}/auth/register",
            json={"phone": phone, "code": code, "accept_notice": True, "notice_version": self.notice_version},
            params={"edition": edition} if edition else None,
            headers={**self.headers, **(headers or {})},
        )
        assert response.status_code == 201, response.text
        return phone, dict(response.json())

    def login(self, phone: str, *, headers: dict[str, str] | None = None, edition: str | None = None) -> Response:
        code = self.send_code(phone, headers=headers)
        return self.client.post(
            f"{API}/auth/login",
            json={"phone": phone, "code": code},
            params={"edition": edition} if edition else None,
            headers={**self.headers, **(headers or {})},
        )

    def token(self, body: dict[str, Any]) -> str:
        return str(body["session"]["token"])

    def me(self, token: str) -> Response:
        return self.client.get(f"{API}/accounts/me", headers=bearer(token))

"""Small builders for staff tests: a staff member of a role, and a logged-in API client's headers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shouyue.commerce.staff import service
from shouyue.commerce.staff.models import StaffMember
from shouyue.privacy.actors import Actor

STRONG_PASSWORD = "Lantern-Harbor-2026!"


def make_staff(session: Session, *, username: str, role: str, password: str = STRONG_PASSWORD) -> StaffMember:
    """A staff member created the way ``shouyue staff create`` does it."""
    staff = service.create(
        session=session,
        username=username,
        role=role,
        password=password,
        actor=Actor.system("test"),
        now=datetime.now(UTC),
    )
    session.commit()  # given state, like the CLI: a refused request's rollback keeps it
    return staff


def staff_headers(client: TestClient, *, username: str, password: str = STRONG_PASSWORD) -> dict[str, str]:
    """Log in through the API and return the bearer header of the new console session."""
    response = client.post("/api/v1/staff/session", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


def staff_form_login(client: Any, username: str, password: str = STRONG_PASSWORD, **kw: Any) -> Any:
    """Log in through the console form as a browser would: the login page first, for its CSRF token."""
    import re

    page = client.get("/staff").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    data = {"username": username, "password": password, "csrf_token": token.group(1) if token else ""}
    return client.post("/staff/login", data=data, **kw)

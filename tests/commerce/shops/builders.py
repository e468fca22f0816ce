"""Builders for shops tests: valid bank-card and ID numbers, and the steps of seller onboarding
driven through the real APIs (identity, profile, shops), plus a page session for a person."""

from __future__ import annotations

import base64
import itertools
from datetime import UTC, date, datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from shouyue.commerce.accounts import sessions
from shouyue.commerce.accounts.dependencies import SESSION_COOKIE
from shouyue.commerce.accounts.models import Account, Edition, SessionKind
from shouyue.commerce.accounts.sessions import csrf_token_for
from tests.commerce.identity.builders import id_number_for
from tests.commerce.support.world import Person, World

# A 1x1 transparent PNG.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
BANK = "中国工商银行"
BRANCH = "中国工商银行股份有限公司北京朝阳支行"

_serial = itertools.count(100)


def luhn_digit(body: str) -> str:
    """The Luhn check digit that completes ``body``."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def card_number() -> str:
    """A fresh 19-digit UnionPay-style card number with a valid Luhn digit."""
    body = f"622202{next(_serial):012d}"
    return body + luhn_digit(body)


def bad_luhn(number: str) -> str:
    """``number`` with its last digit changed, so the Luhn check fails."""
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def adult_id_number() -> str:
    """A valid ID number of an adult, different on every call."""
    return id_number_for(date(1988, 5, 17), sequence=f"{next(_serial) % 1000:03d}")


def verify_real_name(person: Person, *, name: str = "李小红") -> None:
    response = person.post("/identity/real-name", json={"real_name": name, "id_number": adult_id_number()})
    assert response.status_code == 201, response.text


def set_avatar(person: Person) -> None:
    response = person.client.put(
        "/api/v1/accounts/me/avatar",
        params={"agree_profile_edit": "true"},
        files={"file": ("me.png", PNG, "image/png")},
        headers=person.headers,
    )
    assert response.status_code == 200, response.text


def put_bank_card(person: Person, *, number: str | None = None, branch: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"card_number": number or card_number(), "bank_name": BANK}
    if branch is not None:
        body["branch_name"] = branch
    response = person.put("/seller/onboarding/bank-card", json=body)
    assert response.status_code == 200, response.text
    return dict(response.json())


def open_shop(world: World, *, name: str | None = None, kind: str = "personal") -> tuple[Person, dict[str, Any]]:
    """A seller who went through onboarding through the APIs, and the shop as the API returned it."""
    person = world.person(edition="seller")
    verify_real_name(person)
    set_avatar(person)
    put_bank_card(person, branch=BRANCH if kind == "enterprise" else None)
    response = person.post("/seller/shop", json={"name": name or f"好物小店{next(_serial)}", "kind": kind})
    assert response.status_code == 201, response.text
    return person, dict(response.json())


def log_in_pages(client: TestClient, session: Session, person: Person) -> str:
    """Give the test client a page session of ``person``; returns the CSRF token of its forms."""
    account = session.get(Account, person.account_id)
    assert account is not None
    issued = sessions.issue(
        session=session, account=account, kind=SessionKind.COOKIE, edition=Edition.SELLER, now=datetime.now(UTC)
    )
    session.commit()
    client.cookies.set(SESSION_COOKIE, issued.token)
    return csrf_token_for(issued.token)

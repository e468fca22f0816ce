"""Builders for privacy-center tests: a registered account driving the API like an app, edited
copies of the live data map, and a publication of the notice (setup, not under test)."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import yaml
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from shouyue.engine import DEFAULT_DATAMAP, NOTICE_PROSE
from shouyue.privacy.actors import Actor
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.notice import load_prose, versions
from shouyue.web.deps import get_live_datamap
from tests.commerce.accounts.builders import API, AccountsApi, bearer, new_phone

_RAW: dict[str, Any] = yaml.safe_load(DEFAULT_DATAMAP.read_text(encoding="utf-8"))


def edited_datamap(edit: Callable[[dict[str, Any]], None]) -> DataMap:
    """The shipped data map with ``edit`` applied to a deep copy of its YAML."""
    raw = copy.deepcopy(_RAW)
    edit(raw)
    return DataMap.model_validate(raw)


def purpose_entry(raw: dict[str, Any], purpose_id: str) -> dict[str, Any]:
    return next(p for p in raw["purposes"] if p["id"] == purpose_id)


def publish(session: Session, datamap: DataMap, version: str) -> str:
    """Publish ``datamap`` as ``version`` and commit (what ``shouyue notice publish`` does)."""
    row = versions.publish(
        session=session,
        datamap=datamap,
        prose=load_prose(NOTICE_PROSE),
        version=version,
        actor=Actor.system(),
        now=datetime.now(UTC),
    )
    session.commit()
    return row.version


def serve_datamap(app: FastAPI, datamap: DataMap) -> None:
    """Make the app enforce ``datamap`` (as a redeployed process would)."""
    app.dependency_overrides[get_live_datamap] = lambda: datamap


@dataclass
class Me:
    """One registered account using the privacy-center API with its bearer token."""

    api: AccountsApi
    account_id: str
    token: str

    @property
    def client(self) -> TestClient:
        return self.api.client

    @property
    def headers(self) -> dict[str, str]:
        return bearer(self.token)

    def get(self, path: str, **kwargs: Any) -> Response:
        return self.client.get(f"{API}{path}", headers=self.headers, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Response:
        return self.client.post(f"{API}{path}", headers=self.headers, **kwargs)

    def put(self, path: str, **kwargs: Any) -> Response:
        return self.client.put(f"{API}{path}", headers=self.headers, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Response:
        return self.client.delete(f"{API}{path}", headers=self.headers, **kwargs)

    def consents(self) -> dict[str, dict[str, Any]]:
        response = self.get("/me/consents")
        assert response.status_code == 200, response.text
        return {c["purpose"]: c for c in response.json()}

    def grant(self, purpose: str, *, version: str | None = None, confirm_separate: bool = False) -> Response:
        body = {"notice_version": version or self.api.notice_version, "confirm_separate": confirm_separate}
        return self.put(f"/me/consents/{purpose}", json=body)

    def withdraw(self, purpose: str) -> Response:
        return self.delete(f"/me/consents/{purpose}")

    def report(self, permission: str, state: str) -> Response:
        return self.put(f"/me/permissions/{permission}", json={"state": state})

    def locate(self, latitude: float = 31.230416, longitude: float = 121.473701) -> Response:
        return self.post("/me/location", json={"latitude": latitude, "longitude": longitude})


def register(api: AccountsApi) -> Me:
    """A new account registered through the accounts API with the notice accepted."""
    _, body = api.register()
    return Me(api=api, account_id=body["account"]["id"], token=api.token(body))


def rows_containing(session: Session, needle: str) -> list[str]:
    """Every table whose rows contain ``needle`` in any column (a crude but complete search)."""
    found = []
    bind = session.connection()
    for table in inspect(bind).get_table_names():
        for row in session.execute(text(f'SELECT * FROM "{table}"')):
            if any(needle in str(value) for value in row):
                found.append(table)
                break
    return found


_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    """The CSRF token a page's forms carry."""
    found = _CSRF.search(html)
    assert found, "the page has no form token"
    return found.group(1)


def web_register(api: AccountsApi) -> str:
    """Register through the pages like a person in a browser (the client keeps the cookies);
    returns the phone number."""
    phone = new_phone()
    page = api.client.get("/accounts/register")
    token = csrf_of(page.text)
    form = {"csrf_token": token, "phone": phone, "accept_notice": "true", "notice_version": api.notice_version}
    sent = api.client.post("/accounts/register", data={**form, "action": "send_code"})
    assert sent.status_code == 200, sent.text
    code = api.last_code(phone)
    done = api.client.post(
        "/accounts/register", data={**form, "code": code, "action": "register"}, follow_redirects=False
    )
    assert done.status_code == 303, done.text
    return phone

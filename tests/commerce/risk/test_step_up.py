"""Risk control (P26, P27): device identifiers only as keyed hashes; a login from a new device in
a new region is held for step-up verification by SMS to the bound phone; every decision is
stored with its reasons and can be read back."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from shouyue.commerce.risk.geo import region_for_ip
from shouyue.commerce.risk.models import RiskDecision
from shouyue.engine import get_vault
from shouyue.privacy.audit.models import AuditEntry
from tests.commerce.accounts.builders import API, AccountsApi, bearer, new_phone

HOME = {"X-Device-Id": "phone-of-alice-0001", "X-Sandbox-Client-IP": "114.114.114.114"}
NEW_DEVICE_SAME_PLACE = {"X-Device-Id": "tablet-of-alice-0002", "X-Sandbox-Client-IP": "114.114.114.114"}
NEW_DEVICE_ELSEWHERE = {"X-Device-Id": "unknown-device-0003", "X-Sandbox-Client-IP": "8.8.8.8"}


def _wechat_account(api: AccountsApi, code: str) -> dict[str, Any]:
    """An account registered through WeChat from HOME (its device and region become known)."""
    pending = api.client.post(f"{API}/auth/oauth/wechat/login", json={"code": code}, headers=HOME).json()
    phone = new_phone()
    sms = api.send_code(phone, headers=HOME)
    response = api.client.post(
        f"{API}/auth/oauth/complete",
        json={"ticket": pending["phone_required"]["ticket"], "phone": phone, "code": sms, "accept_notice": True},
        headers=HOME,
    )
    assert response.status_code == 200, response.text
    return {"phone": phone, **response.json()}


def _oauth(api: AccountsApi, code: str, headers: dict[str, str]) -> dict[str, Any]:
    response = api.client.post(f"{API}/auth/oauth/wechat/login", json={"code": code}, headers=headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_the_sandbox_regions_differ() -> None:
    assert region_for_ip("114.114.114.114") != region_for_ip("8.8.8.8")
    assert region_for_ip("127.0.0.1") is None


@pytest.mark.promise("P27")
def test_device_identifiers_are_stored_only_as_keyed_hashes(api: AccountsApi, db_session: Session) -> None:
    # given a registration from a device that names itself
    _, body = api.register(headers=HOME)
    # when the risk tables are read raw
    rows = db_session.execute(
        text("SELECT device_hash FROM risk_device WHERE account_id = :a"), {"a": body["account"]["id"]}
    ).all()
    decisions = db_session.execute(
        text("SELECT * FROM risk_decision WHERE account_id = :a"), {"a": body["account"]["id"]}
    ).all()
    # then the identifier appears nowhere; its keyed hash stands in for it
    expected = get_vault().keyed_hash(HOME["X-Device-Id"], category="device.identifier")
    assert [r.device_hash for r in rows] == [expected]
    assert HOME["X-Device-Id"] not in " ".join(str(v) for row in decisions for v in row)


@pytest.mark.promise("P26")
def test_a_new_device_in_a_new_region_needs_step_up_by_sms(api: AccountsApi, db_session: Session) -> None:
    # given an account known on its home device and region
    account = _wechat_account(api, "sandbox-risk-alice")
    account_id = account["account"]["id"]
    api.relax_limits()
    # when it logs in through WeChat from an unknown device in another region
    held = _oauth(api, "sandbox-risk-alice", NEW_DEVICE_ELSEWHERE)
    # then no session is issued; a code went to the bound phone
    assert held["status"] == "step_up_required"
    assert held["session"] is None
    phone = account["phone"]
    assert held["step_up"]["masked_phone"] == f"{phone[:3]}****{phone[-4:]}"
    code = api.last_code(phone)
    # and a wrong code does not pass, the right one does and issues the session
    wrong = api.client.post(
        f"{API}/auth/step-up",
        json={"challenge": held["step_up"]["challenge"], "code": f"{(int(code) + 1) % 10**6:06d}"},
        headers=NEW_DEVICE_ELSEWHERE,
    )
    assert wrong.status_code == 400
    passed = api.client.post(
        f"{API}/auth/step-up",
        json={"challenge": held["step_up"]["challenge"], "code": code},
        headers=NEW_DEVICE_ELSEWHERE,
    )
    assert passed.status_code == 200, passed.text
    assert passed.json()["status"] == "logged_in"
    assert passed.json()["account"]["id"] == account_id
    # and the challenge cannot be used twice
    replay = api.client.post(
        f"{API}/auth/step-up",
        json={"challenge": held["step_up"]["challenge"], "code": code},
        headers=NEW_DEVICE_ELSEWHERE,
    )
    assert (replay.status_code, replay.json()["detail"]) == (400, "安全验证已失效，请重新登录")
    # and the decisions are recorded with their reasons, and audited
    decisions = db_session.scalars(
        select(RiskDecision).where(RiskDecision.account_id == account_id).order_by(RiskDecision.id)
    ).all()
    assert [(d.action, d.outcome) for d in decisions][-2:] == [("login", "step_up"), ("step_up", "allow")]
    assert decisions[-2].reason_codes == ["new_device", "new_region"]
    assert decisions[-2].region == region_for_ip(NEW_DEVICE_ELSEWHERE["X-Sandbox-Client-IP"])
    actions = db_session.scalars(select(AuditEntry.action).where(AuditEntry.subject_id == account_id)).all()
    assert {"risk.login.step_up", "risk.step_up.allow"} <= set(actions)
    # and the device is known from now on: the next login from it goes straight through
    assert _oauth(api, "sandbox-risk-alice", NEW_DEVICE_ELSEWHERE)["status"] == "logged_in"


@pytest.mark.promise("P26")
def test_a_new_device_in_a_known_region_or_a_known_device_passes(api: AccountsApi) -> None:
    _wechat_account(api, "sandbox-risk-bob")
    assert _oauth(api, "sandbox-risk-bob", HOME)["status"] == "logged_in"
    assert _oauth(api, "sandbox-risk-bob", NEW_DEVICE_SAME_PLACE)["status"] == "logged_in"


@pytest.mark.promise("P26")
def test_an_sms_login_from_a_new_device_and_region_is_verified_by_its_code(api: AccountsApi) -> None:
    # given a phone account registered at home
    phone, _ = api.register(headers=HOME)
    api.relax_limits()
    # when it logs in with an SMS code from elsewhere on a new device
    response = api.login(phone, headers=NEW_DEVICE_ELSEWHERE)
    # then the code to the bound phone is the step-up: logged in, and the reasons say so
    assert response.json()["status"] == "logged_in"
    decisions = api.client.get(
        f"{API}/accounts/me/risk-decisions", headers=bearer(response.json()["session"]["token"])
    ).json()
    assert decisions[0]["reasons"] == ["new_device", "new_region", "phone_verified"]
    assert decisions[0]["reason_labels"] == ["新设备", "新地区", "本次登录已通过绑定手机号的短信验证"]
    assert decisions[-1]["reasons"] == ["registration"]


def test_step_up_code_can_be_sent_again(api: AccountsApi) -> None:
    account = _wechat_account(api, "sandbox-risk-carol")
    api.relax_limits()
    held = _oauth(api, "sandbox-risk-carol", NEW_DEVICE_ELSEWHERE)
    resent = api.client.post(
        f"{API}/auth/step-up/resend", json={"challenge": held["step_up"]["challenge"]}, headers=NEW_DEVICE_ELSEWHERE
    )
    assert resent.status_code == 202
    assert len(api.outbox(account["phone"])) == 3  # registration, step-up, step-up again

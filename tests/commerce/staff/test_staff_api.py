"""Staff accounts through the API: strong passwords stored as argon2id (P50), login apart from
buyers, and least-privilege roles (P47)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from shouyue.commerce.staff import passwords
from shouyue.commerce.staff.models import StaffMember
from shouyue.commerce.staff.service import MAX_FAILED_LOGINS
from tests.commerce.staff.builders import STRONG_PASSWORD, make_staff, staff_headers


@pytest.mark.promise("P50")
def test_admin_creates_staff_whose_password_is_stored_as_argon2id(client: TestClient, db_session: Session) -> None:
    # given an administrator
    make_staff(db_session, username="root.admin", role="admin")
    headers = staff_headers(client, username="root.admin")
    # when they create a customer-service account with a strong password
    response = client.post(
        "/api/v1/staff/members",
        json={"username": "cs.li", "role": "customer_service", "password": "Quiet-River-Lamp-88"},
        headers=headers,
    )
    # then it exists with its role, and only an argon2id hash of the password is stored
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["role"] == "customer_service" and body["role_label"] == "客服"
    assert "password" not in response.text
    stored = db_session.execute(text("SELECT password_hash FROM staff_member WHERE username = 'cs.li'")).scalar_one()
    assert stored.startswith("$argon2id$") and "Quiet-River-Lamp-88" not in stored
    assert passwords.verify_password(stored, "Quiet-River-Lamp-88")


@pytest.mark.promise("P50")
@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Short-1a", "密码长度至少12位，当前只有8位"),
        ("alllowercaseletters", "目前缺少：大写字母、数字、符号"),
        ("Password123!", "密码过于常见"),
        ("P@ssw0rd2026!!", "密码过于常见"),
        ("Xcs.wang-2026-ok", "密码不能包含用户名"),
    ],
)
def test_a_weak_password_is_refused_with_what_is_missing(
    client: TestClient, db_session: Session, password: str, reason: str
) -> None:
    # given an administrator
    make_staff(db_session, username="root.admin", role="admin")
    headers = staff_headers(client, username="root.admin")
    # when they create an account with a weak password
    response = client.post(
        "/api/v1/staff/members",
        json={"username": "cs.wang", "role": "customer_service", "password": password},
        headers=headers,
    )
    # then it is refused in Chinese, naming the rule, and nothing was created
    assert response.status_code == 422
    assert response.json()["detail"].startswith("密码强度不足：")
    assert reason in response.json()["detail"]
    assert db_session.scalar(select(StaffMember).where(StaffMember.username == "cs.wang")) is None


def test_an_unknown_role_is_refused(client: TestClient, db_session: Session) -> None:
    make_staff(db_session, username="root.admin", role="admin")
    response = client.post(
        "/api/v1/staff/members",
        json={"username": "cs.zhao", "role": "superuser", "password": "Quiet-River-Lamp-88"},
        headers=staff_headers(client, username="root.admin"),
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("角色不存在，可选角色：")
    assert db_session.scalar(select(StaffMember).where(StaffMember.username == "cs.zhao")) is None


@pytest.mark.promise("P47")
@pytest.mark.parametrize("role", ["customer_service", "compliance_officer", "auditor"])
def test_only_the_administrator_manages_staff(client: TestClient, db_session: Session, role: str) -> None:
    # given a staff member of a role without staff management
    make_staff(db_session, username="someone", role=role)
    headers = staff_headers(client, username="someone")
    # when they try to create an account or list staff
    created = client.post(
        "/api/v1/staff/members",
        json={"username": "cs.new", "role": "admin", "password": "Quiet-River-Lamp-88"},
        headers=headers,
    )
    listed = client.get("/api/v1/staff/members", headers=headers)
    # then both are refused, naming the missing permission
    assert created.status_code == 403 and listed.status_code == 403
    assert created.json()["detail"] == "您的角色没有“管理员工账号（创建、停用）”的权限"
    assert db_session.scalar(select(StaffMember).where(StaffMember.username == "cs.new")) is None


@pytest.mark.promise("P47")
def test_me_shows_the_role_and_exactly_its_permissions(client: TestClient, db_session: Session) -> None:
    make_staff(db_session, username="cs.li", role="customer_service")
    me = client.get("/api/v1/staff/me", headers=staff_headers(client, username="cs.li")).json()
    assert me["role_label"] == "客服"
    assert {p["code"] for p in me["permissions"]} == {"account.lookup", "pi.view_masked", "rights.handle"}


@pytest.mark.promise("P47")
def test_no_role_is_a_superuser(client: TestClient, db_session: Session) -> None:
    make_staff(db_session, username="cs.li", role="customer_service")
    roles = client.get("/api/v1/staff/roles", headers=staff_headers(client, username="cs.li")).json()
    granted = {r["code"]: {p["code"] for p in r["permissions"]} for r in roles}
    assert set(granted) == {"customer_service", "compliance_officer", "auditor", "admin"}
    # only the compliance officer reveals full values; the administrator reads no PI at all
    assert [role for role, perms in granted.items() if "pi.reveal" in perms] == ["compliance_officer"]
    assert not any(p.startswith("pi.") for p in granted["admin"])
    assert granted["auditor"] == {"audit.read"}


def test_login_refuses_unknown_names_and_wrong_passwords_alike(
    client: TestClient, db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given one staff member, and a count of password checks
    make_staff(db_session, username="cs.li", role="customer_service")
    checked: list[str] = []
    real_verify = passwords.verify_password

    def counting_verify(password_hash: str, password: str) -> bool:
        checked.append(password_hash)
        return real_verify(password_hash, password)

    monkeypatch.setattr(passwords, "verify_password", counting_verify)
    # when an unknown name and a wrong password try to log in
    unknown = client.post("/api/v1/staff/session", json={"username": "nobody", "password": STRONG_PASSWORD})
    wrong = client.post("/api/v1/staff/session", json={"username": "cs.li", "password": "Wrong-Password-99"})
    # then both get the same answer, and both cost an argon2 verification (no timing oracle)
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.json()["detail"] == wrong.json()["detail"] == "用户名或密码不正确"
    assert len(checked) == 2 and all(h.startswith("$argon2id$") for h in checked)


def test_repeated_failures_lock_the_login_for_a_while(client: TestClient, db_session: Session) -> None:
    make_staff(db_session, username="cs.li", role="customer_service")
    for _ in range(MAX_FAILED_LOGINS):
        client.post("/api/v1/staff/session", json={"username": "cs.li", "password": "Wrong-Password-99"})
    # even the right password is refused until the lock ends
    locked = client.post("/api/v1/staff/session", json={"username": "cs.li", "password": STRONG_PASSWORD})
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.json()["detail"]


def test_staff_and_buyer_sessions_do_not_open_each_other(client: TestClient, db_session: Session) -> None:
    # given a staff session
    make_staff(db_session, username="cs.li", role="customer_service")
    headers = staff_headers(client, username="cs.li")
    # then it opens the console API but is no buyer session
    assert client.get("/api/v1/staff/me", headers=headers).status_code == 200
    assert client.get("/api/v1/identity", headers=headers).status_code == 401
    # and a buyer-looking or forged token is no staff session
    assert client.get("/api/v1/staff/me", headers={"Authorization": "Bearer abc"}).status_code == 401
    assert client.get("/api/v1/staff/me").json()["detail"] == "请先登录员工工作台"


def test_session_tokens_are_stored_hashed_and_logout_ends_them(client: TestClient, db_session: Session) -> None:
    make_staff(db_session, username="cs.li", role="customer_service")
    headers = staff_headers(client, username="cs.li")
    token = headers["Authorization"].removeprefix("Bearer ")
    stored = db_session.execute(text("SELECT token_hash FROM staff_session")).scalars().all()
    assert token not in stored and all(len(h) == 64 for h in stored)
    assert client.delete("/api/v1/staff/session", headers=headers).status_code == 204
    assert client.get("/api/v1/staff/me", headers=headers).status_code == 401


@pytest.mark.promise("P47")
def test_disabling_a_staff_member_ends_their_sessions(client: TestClient, db_session: Session) -> None:
    make_staff(db_session, username="root.admin", role="admin")
    target = make_staff(db_session, username="cs.li", role="customer_service")
    admin = staff_headers(client, username="root.admin")
    cs = staff_headers(client, username="cs.li")
    response = client.post(f"/api/v1/staff/members/{target.id}/disable", headers=admin)
    assert response.status_code == 200 and response.json()["disabled"] is True
    assert client.get("/api/v1/staff/me", headers=cs).status_code == 401
    relogin = client.post("/api/v1/staff/session", json={"username": "cs.li", "password": STRONG_PASSWORD})
    assert relogin.status_code == 401

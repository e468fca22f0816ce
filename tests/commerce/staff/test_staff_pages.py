"""The staff console pages: a real login form, a dashboard showing the role and what it may do."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.commerce.staff.builders import STRONG_PASSWORD, make_staff, staff_form_login
from tests.web.html import read_page


def test_the_console_offers_a_labelled_login_form(client: TestClient) -> None:
    response = client.get("/staff")
    assert response.status_code == 200
    html = response.text
    assert '<form class="form" method="post" action="/staff/login">' in html
    assert 'name="csrf_token"' in html
    assert '<label for="staff-username">用户名</label>' in html
    assert '<label for="staff-password">密码</label>' in html
    assert 'autocomplete="current-password"' in html
    assert "员工工作台登录" in read_page(html).text
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.promise("P47")
def test_login_opens_a_dashboard_that_shows_the_role_and_its_permissions(
    client: TestClient, db_session: Session
) -> None:
    # given a customer-service member
    make_staff(db_session, username="cs.li", role="customer_service")
    # when they log in through the form
    response = staff_form_login(client, "cs.li", STRONG_PASSWORD, follow_redirects=False)
    # then a console cookie of their own is set (HttpOnly, SameSite=Strict) ...
    assert response.status_code == 303 and response.headers["location"] == "/staff"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("shouyue_staff=sy_staff_") and "HttpOnly" in cookie and "SameSite=strict" in cookie
    # ... and the dashboard names the role, what it may do and what it may not
    text = read_page(client.get("/staff").text).text
    assert "客服" in text and "cs.li" in text
    granted, withheld = text.split("您的角色不能", 1)
    assert "查看脱敏后的个人信息" in granted and "受理个人信息权利请求" in granted
    assert "说明理由后查看完整个人信息（留痕审计）" in withheld and "管理员工账号（创建、停用）" in withheld
    # and a customer-service member may look an account up (masked)
    assert "查询用户实名信息" in text


@pytest.mark.promise("P47")
def test_an_auditor_sees_no_personal_information_tools(client: TestClient, db_session: Session) -> None:
    make_staff(db_session, username="audit.zhou", role="auditor")
    staff_form_login(client, "audit.zhou", STRONG_PASSWORD)
    text = read_page(client.get("/staff").text).text
    assert "审计员" in text and "查阅审计日志" in text
    assert "查询用户实名信息" not in text


def test_a_wrong_password_shows_the_form_again_with_a_chinese_message(client: TestClient, db_session: Session) -> None:
    make_staff(db_session, username="cs.li", role="customer_service")
    response = staff_form_login(client, "cs.li", "Wrong-Password-99")
    assert response.status_code == 401
    assert "用户名或密码不正确" in read_page(response.text).text
    assert "shouyue_staff" not in response.headers.get("set-cookie", "")


def test_logout_ends_the_console_session(client: TestClient, db_session: Session) -> None:
    make_staff(db_session, username="cs.li", role="customer_service")
    staff_form_login(client, "cs.li", STRONG_PASSWORD)
    stale = client.cookies.get("shouyue_staff")
    assert stale is not None
    client.post("/staff/logout")
    assert "员工工作台登录" in read_page(client.get("/staff").text).text
    # the old token opens nothing any more
    assert client.get("/api/v1/staff/me", headers={"Authorization": f"Bearer {stale}"}).status_code == 401


def test_a_login_posted_without_the_form_token_is_refused(client: TestClient, db_session: Session) -> None:
    # given a member, and a post that did not come from our login form (login CSRF)
    make_staff(db_session, username="cs.li", role="customer_service")
    response = client.post(
        "/staff/login", data={"username": "cs.li", "password": STRONG_PASSWORD}, follow_redirects=False
    )
    # then no console session is opened
    assert response.status_code in (400, 403)
    assert "shouyue_staff=" not in response.headers.get("set-cookie", "")

"""Staff see masked PI by default; revealing a full value needs a role that allows it and a stated
reason, and is audited (P47)."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from shouyue.commerce.staff.models import StaffReveal
from shouyue.privacy.audit import AuditEntry
from shouyue.privacy.vault import REVEAL_ACTION
from tests.commerce.identity.builders import Person, id_number_for, make_person
from tests.commerce.staff.builders import STRONG_PASSWORD, make_staff, staff_form_login, staff_headers
from tests.web.html import read_page

ID_NUMBER = id_number_for(date(1988, 8, 8), sequence="321")


def _verified(client: TestClient, db_session: Session) -> Person:
    person = make_person(db_session)
    response = client.post(
        "/api/v1/identity/real-name", json={"real_name": "周杰明", "id_number": ID_NUMBER}, headers=person.headers
    )
    assert response.status_code == 201
    return person


def _reveals(session: Session) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.action == REVEAL_ACTION)))


@pytest.mark.promise("P47")
def test_customer_service_sees_masks_and_cannot_reveal(client: TestClient, db_session: Session) -> None:
    # given a verified account and a customer-service member
    person = _verified(client, db_session)
    make_staff(db_session, username="cs.li", role="customer_service")
    headers = staff_headers(client, username="cs.li")
    # when they look the account up
    view = client.get(f"/api/v1/staff/identity/{person.id}", headers=headers)
    # then they see masks only
    assert view.status_code == 200
    assert view.json()["real_name"]["real_name"] == "周**"
    assert ID_NUMBER not in view.text and "周杰明" not in view.text
    # and asking for the full value is refused, whatever the reason, and nothing is revealed
    refused = client.post(
        f"/api/v1/staff/identity/{person.id}/reveal",
        json={"field": "id_number", "reason": "用户来电要求核对身份"},
        headers=headers,
    )
    assert refused.status_code == 403
    assert refused.json()["detail"] == "您的角色没有“说明理由后查看完整个人信息（留痕审计）”的权限"
    assert _reveals(db_session) == []


@pytest.mark.promise("P47")
@pytest.mark.parametrize("role", ["auditor", "admin"])
def test_roles_without_pi_access_see_nothing(client: TestClient, db_session: Session, role: str) -> None:
    person = _verified(client, db_session)
    make_staff(db_session, username="someone", role=role)
    view = client.get(f"/api/v1/staff/identity/{person.id}", headers=staff_headers(client, username="someone"))
    assert view.status_code == 403 and "查看脱敏后的个人信息" in view.json()["detail"]


@pytest.mark.promise("P47")
def test_a_compliance_officer_reveals_with_a_reason_and_it_is_audited(client: TestClient, db_session: Session) -> None:
    # given a verified account and a compliance officer
    person = _verified(client, db_session)
    officer = make_staff(db_session, username="co.chen", role="compliance_officer")
    headers = staff_headers(client, username="co.chen")
    # when they reveal without a real reason, it is refused
    no_reason = client.post(
        f"/api/v1/staff/identity/{person.id}/reveal", json={"field": "id_number", "reason": " 看 "}, headers=headers
    )
    assert no_reason.status_code == 422 and no_reason.json()["detail"] == "查看完整信息前，请说明理由（至少4个字）"
    assert _reveals(db_session) == []
    # when they state a reason (which happens to contain a phone number)
    revealed = client.post(
        f"/api/v1/staff/identity/{person.id}/reveal",
        json={"field": "id_number", "reason": "处理删除请求，用户回拨电话13912345678核对"},
        headers=headers,
    )
    # then they see the full value, not cached
    assert revealed.status_code == 200, revealed.text
    assert revealed.json()["value"] == ID_NUMBER
    assert revealed.headers["cache-control"] == "no-store"
    # and the reveal is audited: who, which role, whose, which category, which purpose; never the value
    [entry] = _reveals(db_session)
    assert (entry.actor_kind, entry.actor_id, entry.actor_role) == ("staff", officer.id, "compliance_officer")
    assert entry.subject_id == person.id and entry.categories == ["identity.id_number"]
    assert entry.purpose == "identity.real_name_verification"
    assert ID_NUMBER not in str(entry.refs)
    # and the reason is kept, with the PI in it masked
    [reason] = db_session.scalars(select(StaffReveal)).all()
    assert reason.staff_id == officer.id and reason.subject_id == person.id
    assert "13912345678" not in reason.reason and "处理删除请求" in reason.reason


@pytest.mark.promise("P47")
def test_the_console_page_shows_masks_and_reveals_with_a_reason(client: TestClient, db_session: Session) -> None:
    person = _verified(client, db_session)
    make_staff(db_session, username="co.chen", role="compliance_officer")
    staff_form_login(client, "co.chen", STRONG_PASSWORD)
    # the masked view
    page = client.get("/staff/identity", params={"account_id": person.id})
    assert page.status_code == 200
    text = read_page(page.text).text
    assert "周**" in text and ID_NUMBER not in page.text
    assert '<label for="reveal-reason">查看理由</label>' in page.text
    # the reveal, with a reason
    shown = client.post(
        "/staff/identity/reveal",
        data={"account_id": person.id, "field": "real_name", "reason": "核对权利请求申请人身份"},
    )
    assert shown.status_code == 200
    assert "真实姓名（完整）： 周杰明" in read_page(shown.text).text
    assert shown.headers["cache-control"] == "no-store"
    assert len(_reveals(db_session)) == 1


@pytest.mark.promise("P47")
def test_the_console_page_offers_no_reveal_to_customer_service(client: TestClient, db_session: Session) -> None:
    person = _verified(client, db_session)
    make_staff(db_session, username="cs.li", role="customer_service")
    staff_form_login(client, "cs.li", STRONG_PASSWORD)
    page = client.get("/staff/identity", params={"account_id": person.id})
    assert "您的角色只能查看脱敏后的信息" in read_page(page.text).text
    forced = client.post(
        "/staff/identity/reveal", data={"account_id": person.id, "field": "real_name", "reason": "想看看完整姓名"}
    )
    assert forced.status_code == 403 and "周杰明" not in forced.text
    assert _reveals(db_session) == []

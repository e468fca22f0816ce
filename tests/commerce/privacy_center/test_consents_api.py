"""The subject's consents through the API: every optional purpose listed and off by default,
granted and withdrawn one by one, separate consents never bundled (P35, P60, P82, P07, P23)."""

from __future__ import annotations

import pytest

from shouyue.engine import get_datamap
from shouyue.privacy.datamap import LegalBasis
from tests.commerce.accounts.builders import API
from tests.commerce.privacy_center.builders import Me

ORDINARY = ("recommendation.personalised", "marketing.push", "marketing.sms")


@pytest.mark.promise("P35", "P82")
def test_every_consent_purpose_is_listed_with_its_basis_and_none_is_on(me: Me) -> None:
    # given a freshly registered account that accepted only the notice
    datamap = get_datamap()
    # when it lists its consents
    consents = me.consents()
    # then every consent-based purpose of the data map is there, in Chinese, and none is on
    expected = {p.id for p in datamap.purposes if p.basis in (LegalBasis.CONSENT, LegalBasis.SEPARATE_CONSENT)}
    assert set(consents) == expected
    assert all(c["state"] == "not_decided" and c["granted"] is False for c in consents.values())
    location = consents["feature.location"]
    assert location["label"] == "位置服务" and location["separate"] is True
    assert location["basis_label"] == "单独同意" and location["permission_label"] == "位置信息"
    assert consents["recommendation.personalised"]["basis_label"] == "征得同意"
    # and no core purpose is offered for consent
    assert not {p.id for p in datamap.purposes if p.kind.value == "core"} & set(consents)


@pytest.mark.promise("P60", "P23")
def test_grant_and_withdraw_one_purpose_leaves_the_others_alone(me: Me) -> None:
    # given three ordinary consents granted one by one
    for purpose in ORDINARY:
        response = me.grant(purpose)
        assert response.status_code == 200, response.text
        assert response.json()["state"] == "granted"
    # when the subject switches off push notifications
    response = me.withdraw("marketing.push")
    # then push is off, at once, and recommendation and SMS marketing are untouched
    assert response.status_code == 200 and response.json()["state"] == "withdrawn"
    consents = me.consents()
    assert consents["marketing.push"]["granted"] is False
    assert consents["recommendation.personalised"]["granted"] is True
    assert consents["marketing.sms"]["granted"] is True
    # and the history shows each act, newest first
    history = me.get("/me/consents/history").json()
    assert [(e["purpose"], e["action"]) for e in history[:2]] == [
        ("marketing.push", "withdrawn"),
        ("marketing.sms", "granted"),
    ]
    assert history[0]["label"] == "推送通知与商业广告" and history[0]["action_label"] == "撤回"


@pytest.mark.promise("P82")
def test_separate_consent_needs_its_own_confirmation(me: Me) -> None:
    # when a separate-consent purpose is switched on without its own confirmation step
    refused = me.grant("feature.location")
    # then it is refused with a Chinese explanation and stays off
    assert refused.status_code == 400
    assert refused.json()["detail"] == "「位置服务」需要您单独同意：请阅读其单独的说明并勾选确认后再开启"
    assert me.consents()["feature.location"]["granted"] is False
    # and with the confirmation it is on
    granted = me.grant("feature.location", confirm_separate=True)
    assert granted.status_code == 200 and granted.json()["state"] == "granted"


@pytest.mark.promise("P82")
def test_separate_consents_cannot_be_bundled(me: Me) -> None:
    # when several purposes including separate-consent ones are granted in one act
    response = me.post(
        "/me/consents",
        json={
            "purposes": ["marketing.push", "feature.location", "review.publish"],
            "notice_version": me.api.notice_version,
        },
    )
    # then the whole act is refused, naming the separate ones, and nothing is granted
    assert response.status_code == 400
    assert response.json()["detail"] == "「位置服务」、「评价与晒单」需要您单独同意，不能与其他事项一并同意"
    assert not any(c["granted"] for c in me.consents().values())
    # while ordinary consents may be given together
    together = me.post(
        "/me/consents", json={"purposes": ["marketing.push", "marketing.sms"], "notice_version": me.api.notice_version}
    )
    assert together.status_code == 200 and all(c["granted"] for c in together.json())


@pytest.mark.promise("P82")
def test_nothing_can_be_consented_to_together_with_the_notice(me: Me) -> None:
    # when the notice is accepted with a consent slipped into the same request
    response = me.post(
        "/me/notice/acceptances", json={"version": me.api.notice_version, "purposes": ["feature.location"]}
    )
    # then the request is refused as malformed and nothing is granted
    assert response.status_code == 422
    assert response.json()["detail"].startswith("请求参数不正确")
    assert me.consents()["feature.location"]["granted"] is False


@pytest.mark.promise("P07", "P35")
@pytest.mark.parametrize(
    ("purpose", "status", "detail"),
    [
        ("no.such_purpose", 404, "未找到该处理目的"),
        ("order.fulfilment", 400, "「下单与履约」是提供服务或履行法定义务所必需的处理，不适用单独同意或撤回"),
        ("logs.network", 400, "「网络日志」是提供服务或履行法定义务所必需的处理，不适用单独同意或撤回"),
    ],
)
def test_unknown_and_core_purposes_are_refused(me: Me, purpose: str, status: int, detail: str) -> None:
    # when a purpose that is not consent-based is granted, withdrawn or read
    for response in (me.grant(purpose), me.withdraw(purpose), me.get(f"/me/consents/{purpose}")):
        # then each answer is a 4xx with the Chinese reason
        assert response.status_code == status, response.text
        assert response.json()["detail"] == detail


def test_a_grant_on_an_old_or_unknown_notice_version_is_refused(me: Me) -> None:
    # when the version the app showed is not the one in force
    unknown = me.grant("marketing.push", version="1999-01-01")
    # then the grant is refused with a Chinese message
    assert unknown.status_code == 404
    assert unknown.json()["detail"] == "隐私政策版本「1999-01-01」不存在"
    assert me.consents()["marketing.push"]["granted"] is False


def test_consents_need_a_login(client: object) -> None:
    from fastapi.testclient import TestClient

    assert isinstance(client, TestClient)
    response = client.get(f"{API}/me/consents")
    assert response.status_code == 401 and response.json()["detail"] == "请先登录"


@pytest.mark.promise("P07", "P60")
def test_refusing_everything_leaves_every_core_function_working(me: Me) -> None:
    # given a subject who granted some consents, then withdrew every optional purpose
    me.grant("marketing.push")
    me.grant("feature.location", confirm_separate=True)
    for purpose in me.consents():
        assert me.withdraw(purpose).status_code == 200
    assert not any(c["granted"] for c in me.consents().values())
    # when they use the core functions
    answers = [
        me.get("/accounts/me"),
        me.get("/me/notice"),
        me.get("/me/permissions"),
        me.get("/me/messages"),
        me.get("/notice/versions"),
        me.client.patch(f"{API}/accounts/me/profile", json={"nickname": None}, headers=me.headers),
    ]
    # then every one answers normally
    assert [r.status_code for r in answers] == [200] * len(answers), [r.text for r in answers]
    for path in ("/", "/privacy", "/privacy/third-parties", "/privacy/versions", "/privacy/cookies"):
        assert me.client.get(path).status_code == 200, path
    # and only the additional function is refused, with the reason in Chinese
    refused = me.locate()
    assert refused.status_code == 403
    assert refused.json()["detail"] == "您尚未同意「位置服务」，此功能暂不可用"

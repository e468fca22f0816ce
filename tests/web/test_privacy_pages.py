"""``/privacy`` and ``/privacy/third-parties`` (and their API forms) are generated from the data map."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from shouyue.engine import get_datamap
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.notice.words import BASIS, region_words, retention_words
from shouyue.web.deps import get_live_datamap
from shouyue.web.public.service import notice_document
from tests.web.html import read_page

# The notice's own column names for its SDK table, in its order (四(一)4(1)).
SDK_COLUMNS = ["第三方SDK名称", "使用场景", "共享个人信息类型", "第三方SDK所属公司", "第三方SDK隐私协议地址"]
# The notice's fifteen SDKs, in its order.
NOTICE_SDKS = [
    "七鱼",
    "个推",
    "极光",
    "高德",
    "快递100",
    "腾讯定位",
    "QQ",
    "新浪微博",
    "银联云闪付",
    "支付宝",
    "微信",
    "腾讯云智慧眼",
    "腾讯Bugly",
    "旷视",
    "腾讯浏览服务(x5内核)tbs sdk",
]
SECTIONS = [
    "一、适用范围",
    "二、我们如何收集和使用您的个人信息",
    "三、我们如何使用Cookie和同类技术",
    "四、我们如何共享、转让、公开披露您的个人信息",
    "五、我们如何保护您的个人信息",
    "六、如何管理您的个人信息",
    "七、我们对未成年人的保护",
    "八、我们对去世的人的保护",
    "九、您的个人信息如何在全球范围转移",
    "十、本声明如何更新",
    "十一、如何联系我们",
]


@pytest.fixture
def datamap() -> DataMap:
    return get_datamap()


@pytest.mark.promise("P02", "P40")
def test_privacy_page_lists_every_purpose_and_category_of_the_data_map(client: TestClient, datamap: DataMap) -> None:
    response = client.get("/privacy")

    assert response.status_code == 200
    text = read_page(response.text).text
    missing = [p.label for p in datamap.purposes if p.label not in text]
    missing += [c.label for c in datamap.categories if c.label not in text]
    assert not missing, f"not on /privacy: {missing}"


@pytest.mark.promise("P02")
def test_privacy_page_gives_each_purpose_its_basis_retention_and_sensitive_marks(
    client: TestClient, datamap: DataMap
) -> None:
    text = read_page(client.get("/privacy").text).text

    for purpose in datamap.purposes:
        assert BASIS[purpose.basis] in text
        assert retention_words(datamap.retention_rule(purpose.retention)) in text
        for category_id in purpose.categories:
            category = datamap.category(category_id)
            if category.sensitive:
                assert f"{category.label} 敏感个人信息" in text, category.label
    for rule in datamap.retention:
        assert rule.label in text


def test_privacy_page_has_the_notices_sections_in_order(client: TestClient) -> None:
    text = read_page(client.get("/privacy").text).text

    positions = [text.find(title) for title in SECTIONS]
    assert -1 not in positions, [t for t, p in zip(SECTIONS, positions, strict=True) if p == -1]
    body = positions[0]  # the table of contents lists them first; check the order in the body
    assert [text.find(title, body) for title in SECTIONS] == sorted(text.find(title, body) for title in SECTIONS)
    assert "（一）核心功能" not in text  # core functions are a subsection of 二 with its own number
    assert "核心功能" in text and "附加功能" in text


@pytest.mark.promise("P75")
def test_privacy_page_names_the_controller_and_how_to_reach_it(client: TestClient, datamap: DataMap) -> None:
    text = read_page(client.get("/privacy").text).text

    controller = datamap.controller
    for value in (controller.name, controller.address, controller.phone, controller.email, controller.officer):
        assert value in text
    assert "十五天内回复" in text or f"{controller.response_days}天内" in text


def test_privacy_page_is_about_this_platform_not_the_reference_company(client: TestClient) -> None:
    text = read_page(client.get("/privacy").text).text

    assert "微店" not in text and "口袋时尚" not in text
    assert get_datamap().controller.product in text


@pytest.mark.promise("P70")
def test_privacy_page_states_where_each_third_party_processes(client: TestClient, datamap: DataMap) -> None:
    text = read_page(client.get("/privacy").text).text

    assert "仅在中华人民共和国境内收集您的个人信息" in text
    abroad = [r for r in datamap.recipients if r.region != "CN"]
    if not abroad:
        assert f"全部{len(datamap.recipients)}个第三方" in text
    for recipient in abroad:
        assert region_words(recipient.region) in text


@pytest.mark.promise("P40")
def test_third_party_page_has_the_notices_sdk_columns_and_rows(client: TestClient, datamap: DataMap) -> None:
    response = client.get("/privacy/third-parties")

    assert response.status_code == 200
    table = read_page(response.text).table("table-sdk")
    assert table.headers == SDK_COLUMNS
    assert table.rows == [[r.name, r.scenario, r.pi_types, r.company, r.policy_url] for r in datamap.sdks()]
    assert [row[0] for row in table.rows] == NOTICE_SDKS


@pytest.mark.promise("P40")
def test_third_party_page_lists_every_partner_with_its_region(client: TestClient, datamap: DataMap) -> None:
    table = read_page(client.get("/privacy/third-parties").text).table("table-partners")

    partners = [r for r in datamap.recipients if r.kind != "sdk"]
    assert table.headers == ["合作方名称", "合作场景", "共享个人信息类型", "合作方所属公司", "处理地区"]
    expected = sorted([r.name, r.scenario, r.pi_types, r.company, region_words(r.region)] for r in partners)
    # A promotion client's PI types carry the tag 仅统计数据 after them.
    assert sorted([row[0], row[1], row[2].removesuffix("仅统计数据"), row[3], row[4]] for row in table.rows) == expected


@pytest.mark.promise("P40")
def test_privacy_notice_carries_the_same_sdk_table(client: TestClient, datamap: DataMap) -> None:
    table = read_page(client.get("/privacy").text).table("table-sdk")

    assert table.headers == SDK_COLUMNS
    assert table.rows == [[r.name, r.scenario, r.pi_types, r.company, r.policy_url] for r in datamap.sdks()]


@pytest.mark.promise("P40")
def test_third_party_api_returns_the_same_list(client: TestClient, datamap: DataMap) -> None:
    response = client.get("/api/v1/privacy/third-parties")

    assert response.status_code == 200
    body = response.json()
    assert body["sdk_columns"] == SDK_COLUMNS
    assert [[s["name"], s["scenario"], s["pi_types"], s["company"], s["policy_url"]] for s in body["sdks"]] == [
        [r.name, r.scenario, r.pi_types, r.company, r.policy_url] for r in datamap.sdks()
    ]
    assert sorted(p["name"] for p in body["partners"]) == sorted(r.name for r in datamap.recipients if r.kind != "sdk")


def test_notice_api_serves_the_document_and_its_canonical_text(client: TestClient, datamap: DataMap) -> None:
    document = notice_document(datamap=datamap)

    structured = client.get("/api/v1/privacy/notice")
    text = client.get("/api/v1/privacy/notice.txt")

    assert structured.status_code == 200
    assert [s["heading"] for s in structured.json()["sections"]] == [s.heading for s in document.sections]
    assert text.status_code == 200
    assert text.headers["content-type"].startswith("text/plain")
    assert text.text == document.as_text()


def _extended(datamap: DataMap) -> DataMap:
    """The data map plus a new category, purpose, SDK and partner (validated like the real one)."""
    raw: dict[str, Any] = datamap.model_dump(mode="json")
    raw["version"] = "2099-01-01"
    raw["categories"].append(
        {
            "id": "test.pet_name",
            "label": "宠物昵称（测试）",
            "sensitive": False,
            "protection": "plain",
            "mask": "none",
            "group": "测试信息",
        }
    )
    raw["purposes"].append(
        {
            "id": "test.pet_greeting",
            "label": "宠物生日祝福（测试）",
            "description": "在宠物生日时发送祝福",
            "kind": "additional",
            "basis": "consent",
            "categories": ["test.pet_name"],
            "retention": datamap.retention[0].id,
        }
    )
    raw["recipients"].append(
        {
            "id": "sdk.test_petcare",
            "kind": "sdk",
            "name": "宠物关怀SDK（测试）",
            "scenario": "发送宠物生日祝福",
            "pi_types": "宠物昵称",
            "company": "测试宠物科技有限公司",
            "policy_url": "https://petcare.example/privacy",
            "region": "CN",
            "purposes": ["test.pet_greeting"],
            "fields": {"test.pet_name": "full"},
            "order": len(datamap.sdks()) + 1,
        }
    )
    raw["recipients"].append(
        {
            "id": "partner.test_vet",
            "kind": "partner",
            "name": "宠物医院（测试）",
            "scenario": "预约宠物体检",
            "pi_types": "宠物昵称",
            "company": "测试宠物医院",
            "region": "HK",
            "purposes": ["test.pet_greeting"],
            "fields": {"test.pet_name": "full"},
        }
    )
    return DataMap.model_validate(raw)


@pytest.mark.promise("P40")
def test_pages_follow_a_changed_data_map(app: FastAPI) -> None:
    # given: the app serving a data map with one more category, purpose, SDK and partner
    changed = _extended(get_datamap())
    app.dependency_overrides[get_live_datamap] = lambda: changed

    # when
    with TestClient(app) as client:
        third_parties = read_page(client.get("/privacy/third-parties").text)
        notice_html = client.get("/privacy").text
        notice = read_page(notice_html)
        api = client.get("/api/v1/privacy/third-parties").json()
        health = client.get("/api/v1/health").json()

    # then: the new SDK is the table's last row, verbatim, on both pages and in the API
    new_row = [
        "宠物关怀SDK（测试）",
        "发送宠物生日祝福",
        "宠物昵称",
        "测试宠物科技有限公司",
        "https://petcare.example/privacy",
    ]
    assert third_parties.table("table-sdk").rows[-1] == new_row
    assert notice.table("table-sdk").rows[-1] == new_row
    assert api["sdks"][-1]["name"] == "宠物关怀SDK（测试）"
    # the partner with its region, the purpose under 附加功能 and the category with its group
    assert [
        "宠物医院（测试）",
        "预约宠物体检",
        "宠物昵称",
        "测试宠物医院",
        "中国香港特别行政区",
    ] in third_parties.table("table-partners").rows
    assert "宠物生日祝福（测试）" in notice.text and "宠物昵称（测试）" in notice.text
    assert "征得同意" in notice.text
    assert notice_html.index('id="additional"') < notice_html.index('id="purpose-test-pet-greeting"')
    assert notice_html.index('id="purpose-test-pet-greeting"') < notice_html.index('id="device-and-logs"')
    assert "中国香港特别行政区" in notice.table("table-abroad").rows[0]
    assert health["datamap_version"] == "2099-01-01"

"""The notice rendered from a data map: structure, determinism, and everything declared shown."""

from __future__ import annotations

from typing import Any

import pytest

from shouyue.engine import get_datamap
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.notice import (
    SDK_COLUMNS,
    Entry,
    NoticeDocument,
    Paragraph,
    Prose,
    Table,
    render_notice,
)

TOP_SECTIONS = [
    ("scope", "一", "适用范围"),
    ("collection", "二", "我们如何收集和使用您的个人信息"),
    ("cookies", "三", "我们如何使用Cookie和同类技术"),
    ("sharing", "四", "我们如何共享、转让、公开披露您的个人信息"),
    ("protection", "五", "我们如何保护您的个人信息"),
    ("rights", "六", "如何管理您的个人信息"),
    ("minors", "七", "我们对未成年人的保护"),
    ("deceased", "八", "我们对去世的人的保护"),
    ("cross-border", "九", "您的个人信息如何在全球范围转移"),
    ("updates", "十", "本声明如何更新"),
    ("contact", "十一", "如何联系我们"),
]


def _entries(document: NoticeDocument, section_id: str) -> list[Entry]:
    return [b for b in document.section(section_id).blocks if isinstance(b, Entry)]


def _table(document: NoticeDocument, table_id: str) -> Table:
    tables = [
        b
        for top in document.sections
        for s in top.walk()
        for b in s.blocks
        if isinstance(b, Table) and b.id == table_id
    ]
    assert len(tables) == 1, table_id
    return tables[0]


def test_the_eleven_sections_of_the_notice_in_order(sample: DataMap, prose: Prose) -> None:
    document = render_notice(sample, prose)

    assert [(s.id, s.number, s.heading) for s in document.sections] == TOP_SECTIONS
    assert document.sections[0].title == "一、适用范围"
    core = document.section("core")
    assert core.number.startswith("（") and core.title == f"{core.number}核心功能"


def test_as_text_is_deterministic(sample: DataMap, prose: Prose) -> None:
    first = render_notice(sample, prose).as_text()
    again = render_notice(sample.model_copy(), prose).as_text()

    assert first == again
    assert render_notice(sample, prose).fingerprint == render_notice(sample, prose).fingerprint
    assert first.endswith("\n") and not first.endswith("\n\n")
    assert all(line == line.rstrip() for line in first.splitlines())


def test_as_text_starts_with_title_date_and_version(sample: DataMap, prose: Prose) -> None:
    lines = render_notice(sample, prose).as_text().splitlines()

    assert lines[:3] == ["测试平台隐私声明", "更新日期：2026年12月1日", "版本：2026-12-01"]


def test_a_change_in_the_data_map_changes_the_text_and_fingerprint(sample: DataMap, prose: Prose) -> None:
    raw: dict[str, Any] = sample.model_dump(mode="json")
    raw["purposes"][0]["label"] = "注册并登录"
    changed = DataMap.model_validate(raw)

    before = render_notice(sample, prose)
    after = render_notice(changed, prose)

    assert "注册并登录" in after.as_text() and "注册并登录" not in before.as_text()
    assert before.fingerprint != after.fingerprint


def test_purposes_split_into_core_and_additional(sample: DataMap, prose: Prose) -> None:
    document = render_notice(sample, prose)

    assert [e.title for e in _entries(document, "core")] == ["注册成为用户", "下单与配送"]
    assert [e.title for e in _entries(document, "additional")] == ["附近的优惠"]
    assert [e.number for e in _entries(document, "core")] == ["1", "2"]


def test_a_purpose_entry_lists_categories_basis_retention_permission_and_receivers(
    sample: DataMap, prose: Prose
) -> None:
    entry = _entries(render_notice(sample, prose), "additional")[0]

    facts = {f.term: f.as_text() for f in entry.facts}
    assert facts == {
        "功能说明": "功能说明：根据您的位置推荐附近的优惠活动",
        "收集的个人信息": "收集的个人信息：精确位置信息（敏感个人信息）",
        "处理依据": "处理依据：单独同意",
        "保存期限": "保存期限：自收集之日起30天，期满后删除",
        "适用于": "适用于：买家端和卖家端（店长版）",
        "所需设备权限": "所需设备权限：位置",
        "可能接收信息的第三方": "可能接收信息的第三方：腾讯定位",
    }


def test_promotion_clients_are_not_named_as_receivers_of_a_purpose(sample: DataMap, prose: Prose) -> None:
    order = _entries(render_notice(sample, prose), "core")[1]

    receivers = next(f for f in order.facts if f.term == "可能接收信息的第三方")
    assert [v.text for v in receivers.values] == ["快递100", "物流公司", "海关"]


def test_the_sdk_table_has_the_notices_columns_and_order(sample: DataMap, prose: Prose) -> None:
    table = _table(render_notice(sample, prose), "sdk")

    assert (
        table.columns
        == SDK_COLUMNS
        == (
            "第三方SDK名称",
            "使用场景",
            "共享个人信息类型",
            "第三方SDK所属公司",
            "第三方SDK隐私协议地址",
        )
    )
    assert [row[0] for row in table.rows] == ["腾讯定位", "快递100"]  # by order, not by position in the file
    assert table.rows[1] == (
        "快递100",
        "查询物流信息",
        "手机尾号后四位",
        "深圳前海百递网络有限公司",
        "https://m.kuaidi100.com/about/private.jsp",
    )
    assert table.url_columns == (4,)


def test_each_kind_of_partner_has_its_table(sample: DataMap, prose: Prose) -> None:
    document = render_notice(sample, prose)

    assert [r[0] for r in _table(document, "partner").rows] == ["物流公司"]
    assert _table(document, "affiliate").rows == (
        ("测试集团", "统一客服", "手机号码", "测试集团有限公司", "中国香港特别行政区"),
    )
    assert [r[0] for r in _table(document, "promotion").rows] == ["推广委托方"]
    assert [r[0] for r in _table(document, "authority").rows] == ["海关"]


def test_regions_name_every_third_party_outside_mainland_china(sample: DataMap, prose: Prose) -> None:
    document = render_notice(sample, prose)

    assert _table(document, "abroad").rows == (("测试集团", "中国香港特别行政区", "手机号码"),)
    summary = [b for b in document.section("cross-border").blocks if isinstance(b, Paragraph)][1]
    assert summary.text == "本声明列明的6个第三方的处理地区为：中华人民共和国境内5个、中国香港特别行政区1个。"


def test_the_category_table_marks_sensitive_ones_and_their_uses(sample: DataMap, prose: Prose) -> None:
    table = _table(render_notice(sample, prose), "categories")

    rows = {row[1]: row for row in table.rows}
    assert set(rows) == {c.label for c in sample.categories}
    assert rows["身份证号码"] == ("身份信息", "身份证号码", "是", "下单与配送")
    assert rows["手机号码"][2] == "否"
    # grouped: both 账户信息 rows come before 身份信息 although the file lists them apart
    assert [row[0] for row in table.rows][:2] == ["账户信息", "账户信息"]


def test_the_retention_table_states_each_period_in_words(sample: DataMap, prose: Prose) -> None:
    rows = {row[0]: row for row in _table(render_notice(sample, prose), "retention").rows}

    assert rows["交易记录"][2] == "自交易完成之日起三年（1095天），期满后匿名化处理"
    assert rows["交易记录"][3] == "依法继续保存至期满，期间仅用于存储和依法查询"
    assert rows["交易记录"][4] == "《中华人民共和国电子商务法》第三十一条"
    assert rows["账户信息"][2] == "您的账户存续期间，注销账户后删除"
    assert rows["验证码"][2] == "处理完成后立即删除，不予保存"
    assert rows["验证码"][1] == "—"  # no purpose keeps anything under it


def test_controller_and_contact_come_from_the_data_map(sample: DataMap, prose: Prose) -> None:
    text = render_notice(sample, prose).as_text()

    assert "个人信息处理者：测试运营有限公司" in text
    assert "客服电话：010-11111111（工作时间：周一至周五，早九点至晚五点）" in text
    assert "答复期限：一般情况下，我们将在十五天内答复" in text
    assert "发送书面请求至privacy@test.example" in text
    assert "守约" not in text  # nothing of the packaged data map leaks into another one


@pytest.mark.promise("P40")
def test_the_live_data_map_renders_with_every_declaration(prose: Prose) -> None:
    datamap = get_datamap()

    text = render_notice(datamap, prose).as_text()

    expected = [p.label for p in datamap.purposes] + [c.label for c in datamap.categories]
    expected += [r.name for r in datamap.recipients] + [r.label for r in datamap.retention]
    expected += [r.policy_url for r in datamap.sdks()]
    assert [label for label in expected if label not in text] == []
    assert "微店" not in text and "口袋时尚" not in text

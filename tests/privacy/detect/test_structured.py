"""Structured kinds: each found in its written forms, and look-alikes (order, tracking and product
numbers, timestamps, prices) left alone even when their digits pass a checksum."""

from __future__ import annotations

import pytest
from stdnum import luhn
from stdnum.cn import ric

from shouyue.privacy.detect import KINDS, UnknownKind, find_pi, mask_text

pytestmark = pytest.mark.promise("P21")


def _card(prefix: str) -> str:
    return prefix + luhn.calc_check_digit(prefix)


def _id(first17: str) -> str:
    return first17 + ric.calc_check_digit(first17 + "0")


ID_1990 = _id("44030519900307123")
CARD_16 = _card("439225001234567")
CARD_19 = _card("622848001234567890")
TRACKING_19 = _card("731234567890123456")


def found(text: str, kinds: set[str] | None = None) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in find_pi(text, kinds)]


def test_kinds_are_exactly_the_documented_names() -> None:
    assert {
        "phone", "landline", "id_number", "bank_card", "email", "ipv4", "ipv6", "plate", "passport",
        "qq", "wechat_id", "person_name", "address",
    } == KINDS  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("手机13812345678", "13812345678"),
        ("电话：+86 138-1234-5678，谢谢", "+86 138-1234-5678"),
        ("call 86 13912345678 now", "86 13912345678"),
        ("(+86)15012345678", "(+86)15012345678"),
        ("我的号码是 188 1234 5678。", "188 1234 5678"),
        ("tel:19912345678", "19912345678"),
        ("全角１３８１２３４５６７８也算", "１３８１２３４５６７８"),
    ],
)
def test_phone_spans_cover_the_whole_written_form(text: str, expected: str) -> None:
    assert found(text) == [("phone", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "订单号：13812345678",  # an 11-digit order number
        "时间戳1701158400123",  # 13-digit epoch milliseconds
        "¥13812345678",  # a price, however unlikely
        "库存13812345678件",
        "编号 SF13812345678",
        "12345678901234567890",  # part of a longer digit run
        "金额13812345678.50",
    ],
)
def test_phone_look_alikes_are_not_reported(text: str) -> None:
    assert [k for k, _ in found(text)] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("座机010-56161966", "010-56161966"),
        ("电话(0755)8888 6666", "(0755)8888 6666"),
        ("办公室 021 6235 1234", "021 6235 1234"),
        ("总机0571-87654321", "0571-87654321"),
        ("（020）82345678", "（020）82345678"),
        ("打我座机+86-771-37679298，白天都在", "+86-771-37679298"),
        ("landline=+86-28-44782788", "+86-28-44782788"),
        ("电话01054452692", "01054452692"),
    ],
)
def test_landline_with_area_code(text: str, expected: str) -> None:
    assert found(text) == [("landline", expected)]


def test_landline_needs_a_real_area_code() -> None:
    assert found("编号0012-3456789") == []


def test_id_number_after_cue() -> None:
    assert found("身份证 11010519491231002X") == [("id_number", "11010519491231002X")]


def test_id_number_checksum_and_date_without_cue() -> None:
    assert found(f"他的是{ID_1990}吧") == [("id_number", ID_1990)]
    wrong = next(ID_1990[:-1] + d for d in "0123456789" if d != ID_1990[-1] and not luhn.is_valid(ID_1990[:-1] + d))
    assert found(wrong) == []  # wrong check digit


@pytest.mark.parametrize(
    "text",
    [
        "订单号：202311281234567890",
        "11010520991231002X",  # born in the future
        "11010519491331002X",  # month 13
        "99010519491231002X",  # no such province
        "20231128153000",  # a timestamp
        "单号 11010519491231002X",  # the cue says it is a waybill number
    ],
)
def test_id_number_look_alikes(text: str) -> None:
    assert found(text) == []


def test_legacy_15_digit_id_with_plausible_date() -> None:
    assert found("身份证号：110105491231002") == [("id_number", "110105491231002")]
    assert found("身份证号：110105491331002") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"卡号{CARD_19}", CARD_19),
        (f"银行卡：{CARD_16[:4]} {CARD_16[4:8]} {CARD_16[8:12]} {CARD_16[12:]}", None),
        (f"card {CARD_16[:4]}-{CARD_16[4:8]}-{CARD_16[8:12]}-{CARD_16[12:]} ok", None),
        (f"退款到{CARD_16}", CARD_16),
    ],
)
def test_bank_card(text: str, expected: str | None) -> None:
    spans = find_pi(text)
    assert [s.kind for s in spans] == ["bank_card"]
    if expected is not None:
        assert spans[0].text == expected
    else:
        assert spans[0].text.replace(" ", "").replace("-", "") == CARD_16


@pytest.mark.parametrize(
    "text",
    [
        f"运单号：{TRACKING_19}",  # Luhn-valid 19-digit tracking number
        f"快递单号 {TRACKING_19}",
        f"订单号{_card('20231128123456789')}",
        f"{CARD_16[:-1]}{(int(CARD_16[-1]) + 1) % 10}",  # Luhn fails
        f"SF{TRACKING_19}",
    ],
)
def test_bank_card_look_alikes(text: str) -> None:
    assert found(text) == []


def test_card_cue_beats_id_reading_of_18_digits() -> None:
    text = f"银行卡号 {ID_1990}"
    if luhn.is_valid(ID_1990):
        assert found(text) == [("bank_card", ID_1990)]
    else:
        assert found(text) == [("id_number", ID_1990)]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("邮箱zhang.san@qq.com，谢谢", "email", "zhang.san@qq.com"),
        ("mail: li_si+shop@mail.example.com.cn.", "email", "li_si+shop@mail.example.com.cn"),
        ("ip=192.168.1.20 port=80", "ipv4", "192.168.1.20"),
        ("来自 8.8.8.8。", "ipv4", "8.8.8.8"),
        ("client 2001:db8::8a2e:370:7334 connected", "ipv6", "2001:db8::8a2e:370:7334"),
        ("地址：fe80::1ff:fe23:4567:890a", "ipv6", "fe80::1ff:fe23:4567:890a"),
        ("车牌京A·12345", "plate", "京A·12345"),
        ("粤B D12345 停在门口", "plate", "粤B D12345"),
        ("新能源沪AD12345", "plate", "沪AD12345"),
        ("大车苏E12345D", "plate", "苏E12345D"),
        ("护照号E12345678", "passport", "E12345678"),
        ("passport EA1234567", "passport", "EA1234567"),
        ("QQ：123456789", "qq", "123456789"),
        ("扣扣 87654321", "qq", "87654321"),
        ("加我微信：zhang_san88", "wechat_id", "zhang_san88"),
        ("vx wxid_abc12345", "wechat_id", "wxid_abc12345"),
        ("wx:LiSi-2024", "wechat_id", "LiSi-2024"),
        ("wechat_id=zhangxinyi_2008 ok", "wechat_id", "zhangxinyi_2008"),
        ("卖家让我加V：guoyuxuan返现", "wechat_id", "guoyuxuan"),
        ("登录提示异地IP219.131.178.96，不是我", "ipv4", "219.131.178.96"),
        ("plate_no=鲁j9218n amount=1", "plate", "鲁j9218n"),
        ("停在津hff5890旁边", "plate", "津hff5890"),
    ],
)
def test_other_structured_kinds(text: str, kind: str, expected: str) -> None:
    assert found(text) == [(kind, expected)]


@pytest.mark.parametrize(
    "text",
    [
        "版本 1.2.3.4 已发布",
        "v1.2.3.4",
        "256.1.1.1",
        "时间 15:30:00",
        "MAC 00:1A:2B:3C:4D:5E",
        "型号E12345678",
        "QQ群123456789",
        "微信支付成功",
        "ISBN 9787111213826",
        "价格 ¥199.00，满300减50",
        "2023-11-28 15:30:00",
        "app_version=7.8.7.38 build=1",
        "固件升级到4.1.14.187之后信号稳定多了",
        "这个11.0.4.173的版本能用吗",
        "GET /api/v1/orders/4931997168045682012 HTTP/1.1",
        "out_trade_no=4970513578418745399",
        "加V可以吗",
    ],
)
def test_structured_look_alikes(text: str) -> None:
    assert found(text) == []


def test_qq_number_in_an_email_is_the_email() -> None:
    assert found("QQ邮箱 123456789@qq.com") == [("email", "123456789@qq.com")]


def test_kinds_restrict_the_search() -> None:
    text = "手机13812345678，邮箱a@b.cn"
    assert found(text, {"email"}) == [("email", "a@b.cn")]
    assert found(text, set()) == []


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(UnknownKind, match="nickname"):
        find_pi("x", {"phone", "nickname"})


def test_mask_text_uses_category_masks() -> None:
    text = f"手机+86 138-1234-5678，身份证11010519491231002X，卡号{CARD_19}，邮箱zhang.san@qq.com"
    masked, spans = mask_text(text)
    assert [s.kind for s in spans] == ["phone", "id_number", "bank_card", "email"]
    assert masked == f"手机138****5678，身份证1****************X，卡号****{CARD_19[-4:]}，邮箱z***@qq.com"


def test_mask_text_masks_plates_passports_qq_wechat_and_landlines() -> None:
    masked, _ = mask_text("车牌粤B D12345，护照E12345678，QQ：123456789，微信号：zhang_san88，座机(0755)8888 6666")
    assert masked == "车牌粤B*****，护照E******78，QQ：1*****9，微信号：z*****，座机0755-****6666"

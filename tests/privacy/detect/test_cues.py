"""Generic cues: field keys read by their tokens, the QQ/WeChat slang lexicon, role words before
names, and what a URL path says (and does not say) about the number in it."""

from __future__ import annotations

import pytest
from stdnum.cn import ric

from shouyue.privacy.detect import find_pi
from shouyue.privacy.detect.keys import key_before, key_kind, tokens

pytestmark = pytest.mark.promise("P21")

ID_1949 = "11010519491231002X"  # Beijing Chaoyang, born 1949-12-31, valid check character


def found(text: str, kinds: set[str] | None = None) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in find_pi(text, kinds)]


# ---------------------------------------------------------------------------------------------
# key tokens


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("recvMobileNo", ["recv", "mobile", "no"]),
        ("BUYER_WX_ACCOUNT", ["buyer", "wx", "account"]),
        ("contact-qq-num", ["contact", "qq", "num"]),
        ("holder.vehicle.plate", ["holder", "vehicle", "plate"]),
        ("userphone", ["user", "phone"]),
        ("QQNum", ["qq", "num"]),
        ("hotel", ["hotel"]),  # not segmented into stems it does not consist of
    ],
)
def test_keys_split_into_stems_in_any_case_style(key: str, expected: list[str]) -> None:
    assert tokens(key) == expected


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        # the last kind stem names the value, whatever the prefix and the case style
        ("qq_account", "qq"),
        ("wx_account", "wechat_id"),
        ("buyerWxNo", "wechat_id"),
        ("patient_wxh_no", "wechat_id"),  # wxh: pinyin initials of 微信号
        ("koukou", "qq"),
        ("recv_tel", "phone"),
        ("shouji", "phone"),
        ("Sfzh", "id_number"),
        ("id_no", "id_number"),
        ("idCardNumber", "id_number"),
        ("settleCardNo", "bank_card"),
        ("carNo", "plate"),
        ("passport_no", "passport"),
        ("cert_no", "document"),  # an ID number or a passport
        # weak heads: name and addr, unless they belong to something else
        ("real_name", "person_name"),
        ("consignee", "person_name"),
        ("card_holder_name", "person_name"),
        ("shippingAddress", "address"),
        ("id_card_addr", "address"),
        ("email_addr", "email"),
        ("remote_addr", None),
        ("shop_name", "not_pi"),
        # records: what follows is an identifier, not PI
        ("out_trade_no", "not_pi"),
        ("orderCode", "not_pi"),
        ("LogisticsNo", "not_pi"),
        ("user_id", "not_pi"),
        ("device_ip", "ip"),  # a device's IP address is still an IP address
        # Chinese keys are read from their last word
        ("寄件人手机", "phone"),
        ("企鹅号", "qq"),
        ("签收人", "person_name"),
        ("订单号", "not_pi"),
    ],
)
def test_key_kind_from_tokens(key: str, kind: str | None) -> None:
    assert key_kind(key) == kind


@pytest.mark.parametrize(
    "text",
    ["qq_account=12345", "qq_account: 12345", '"qq_account":"12345', "'qq_account': '12345", "qq_account=>12345"],
)
def test_key_before_reads_every_field_syntax(text: str) -> None:
    assert key_before(text, text.index("12345")) == "qq"


def test_key_before_needs_a_separator() -> None:
    text = "qq_account 12345"
    assert key_before(text, text.index("12345")) is None


# ---------------------------------------------------------------------------------------------
# log keys and JSON keys


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-01 INFO [im] bind qq_account=123456789", [("qq", "123456789")]),
        ("bind wx_account=zhang_wei88 ok", [("wechat_id", "zhang_wei88")]),
        ("contact-qq-num: 2948969833 | status=1", [("qq", "2948969833")]),
        ("BUYER_QQ_NO=31415926", [("qq", "31415926")]),
        ("patient_wxh_no=mincoco1990", [("wechat_id", "mincoco1990")]),
        ("sellerWechatId: lily_2020x", [("wechat_id", "lily_2020x")]),
        ("wx_account=13812345678", [("phone", "13812345678")]),  # 微信同手机号
        # id + no after a QQ or WeChat stem is that account's id, not a resident ID number
        ("buyerQqIdNo=42602304&x=1", [("qq", "42602304")]),
        ('"consignee.wechat.id.num": "lily_2020x"', [("wechat_id", "lily_2020x")]),
        ("WECHAT_ID_NO: lily_2020x", [("wechat_id", "lily_2020x")]),
    ],
)
def test_log_keys_name_qq_and_wechat_values(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_record_keys_are_not_read_as_qq() -> None:
    assert found("msg_id=123456789 qq_group_size=500") == []


def test_json_keys_name_phone_name_and_address() -> None:
    text = '{"recvMobileNo":"13812345678","consignee":"黄琰","shippingAddress":"浙江省绍兴市柯桥区临江大道592号"}'
    assert found(text) == [
        ("phone", "13812345678"),
        ("person_name", "黄琰"),
        ("address", "浙江省绍兴市柯桥区临江大道592号"),
    ]


def test_json_qq_written_as_a_number() -> None:
    assert found('{"ts":1715301017,"buyerQq":87654321}') == [("qq", "87654321")]


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("qq_id_no", "qq"),
        ("sellerWechatIdNum", "wechat_id"),
        ("holder_id_no", "id_number"),
        ("order_id_no", "not_pi"),  # a record owns an id + no
        ("shop.idcard", "id_number"),  # but not an id card spelt out
        ("shopIdCardNum", "id_number"),
    ],
)
def test_id_after_an_account_stem_and_id_cards_under_records(key: str, kind: str) -> None:
    assert key_kind(key) == kind


def test_key_cue_on_numbers_overrides_the_shape() -> None:
    # given: an 18-digit number that is a valid ID number
    # when / then: an order key says it is an order number, an ID key says it is an ID number
    assert found(f"orderNo={ID_1949}") == []
    assert found(f"holder_id_no={ID_1949}") == [("id_number", ID_1949)]
    assert found("cert_no=EA3437382 real_name=刘素梅") == [("passport", "EA3437382"), ("person_name", "刘素梅")]


# ---------------------------------------------------------------------------------------------
# QQ and WeChat slang


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("说是好评截图发到企鹅3319424794返五块", ("qq", "3319424794")),
        ("企鹅号：12345678，晚上在线", ("qq", "12345678")),
        ("有事加我扣扣87654321", ("qq", "87654321")),
        ("抠抠 55667788", ("qq", "55667788")),
        ("q号：29489698334，通过一下", ("qq", "29489698334")),
        ("加我Q：123456789", ("qq", "123456789")),
        ("加了客服绿泡泡lily_2020，拉我进群", ("wechat_id", "lily_2020")),
        ("扫不了码直接搜绿泡泡号 coco_lin99", ("wechat_id", "coco_lin99")),
        ("V信：abc_12345", ("wechat_id", "abc_12345")),
        ("vx: coco_lin", ("wechat_id", "coco_lin")),
        ("薇信 zhangsan_88", ("wechat_id", "zhangsan_88")),
        ("私聊加V：lucky_girl7", ("wechat_id", "lucky_girl7")),
        ("+v lucky_girl7 备注下单", ("wechat_id", "lucky_girl7")),
        ("微❤：momo_1314", ("wechat_id", "momo_1314")),
        ("卫星号：tony_wang8", ("wechat_id", "tony_wang8")),
        ("我的V号是 sunny_88x", ("wechat_id", "sunny_88x")),
        ("V：sunny_88x", ("wechat_id", "sunny_88x")),
        ("有问题找我球球 20561937，晚上在", ("qq", "20561937")),  # QQ said aloud: qiu qiu
        ("丘丘：987654321", ("qq", "987654321")),
        ("店长Q号 id:20940667559，拉你进群", ("qq", "20940667559")),  # two trailers: 号, then id
        ("微信账号ID：momo_1314", ("wechat_id", "momo_1314")),
    ],
)
def test_slang_cues_for_qq_and_wechat(text: str, expected: tuple[str, str]) -> None:
    assert found(text, {"qq", "wechat_id"}) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "QQ群123456789",
        "微信支付成功",
        "绿泡泡的包装很好看",
        "企鹅很可爱",
        "维信金科2023年报",
        "wxyz123456",
        "Q3 营收 123456789 元",  # a bare Q is a cue only before a colon
        "型号Q12345678",
        "V: 1.2.3 released",
        "ABV: high_alcohol",
    ],
)
def test_slang_cue_words_without_an_id_after_them(text: str) -> None:
    assert found(text, {"qq", "wechat_id"}) == []


# ---------------------------------------------------------------------------------------------
# names after role words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("签收人：郁晓婉，电话13812345678", "郁晓婉"),  # 签收人 is not in jieba's dictionary: 签收 + 人
        ("代收人是谢雨涵", "谢雨涵"),
        ("对接人 孟子健 明天到", "孟子健"),
        ("配送员杨若琳很准时", "杨若琳"),
        ("店长钟嘉豪主动打电话道歉", "钟嘉豪"),
        ("车主：韩梓航", "韩梓航"),
        ("房东叶文博说可以", "叶文博"),
        ("麻烦转交苏启明先生", "苏启明"),
    ],
)
def test_names_after_role_words_and_before_titles(text: str, expected: str) -> None:
    assert [t for k, t in found(text, {"person_name"})] == [expected]


@pytest.mark.parametrize("text", ["大家都说好用", "这个人很好说话", "国家规定七天无理由"])
def test_words_with_role_endings_that_name_no_one(text: str) -> None:
    assert found(text, {"person_name"}) == []


# ---------------------------------------------------------------------------------------------
# URL paths


def test_id_number_in_a_url_path_is_masked_even_under_orders() -> None:
    # given: a valid ID number (real division code, plausible birth date, check character)
    line = f'1.2.3.4 - - [01/Jan/2024:00:00:00 +0800] "GET /api/v1/orders/{ID_1949}/invoice HTTP/1.1" 200 5'
    # when / then: the route's collection name is no cue, so the ID number is reported
    assert ("id_number", ID_1949) in found(line)
    assert found(f"/api/v2/users/{ID_1949}?from=app") == [("id_number", ID_1949)]


def test_order_number_in_a_url_path_is_left_alone() -> None:
    # given: 18 digits with a valid GB 11643 check digit but no plausible birth date
    body = "31234519990231123"  # February 31st
    number = body + ric.calc_check_digit(body + "0")
    # when / then
    assert found(f"GET /api/v1/orders/{number} HTTP/1.1") == []
    assert found("GET /api/v1/orders/4931997168045682012 HTTP/1.1") == []


def test_order_key_in_a_query_string_still_wins_over_an_id_shape() -> None:
    assert found(f"GET /api/v1/order?order_id={ID_1949}") == []
    assert found(f"GET /api/v1/order?out_trade_no={ID_1949}&x=1") == []


def test_a_name_key_takes_its_whole_value_even_when_it_is_also_a_word() -> None:
    # given: a field named for a person's name whose value is also an ordinary word (陆军: army)
    assert found('{"receiverName":"陆军","receiverPhone":"17331655445"}', {"person_name"}) == [("person_name", "陆军")]
    # then: a value longer than a name is left to the usual evidence
    assert found("name=高兴的事情", {"person_name"}) == []


@pytest.mark.parametrize("prefix", [[], ["buyer"], ["kf"], ["guest"]])
@pytest.mark.parametrize("head", [["qq"], ["qq", "acct"], ["qqnum"]])
@pytest.mark.parametrize("style", ["snake", "camel", "kebab", "pascal", "upper", "dotted", "flat"])
def test_qq_keys_in_every_case_style(prefix: list[str], head: list[str], style: str) -> None:
    # given: a key composed from a prefix and a QQ head, written in one case style
    parts = prefix + head
    key = {
        "snake": "_".join(parts),
        "camel": parts[0] + "".join(p.title() for p in parts[1:]),
        "kebab": "-".join(parts),
        "pascal": "".join(p.title() for p in parts),
        "upper": "_".join(parts).upper(),
        "dotted": ".".join(parts),
        "flat": "".join(parts),
    }[style]
    # when / then: the value is a QQ number in log and JSON syntax alike
    assert found(f"INFO bind {key}=123456789 status=1") == [("qq", "123456789")]
    assert found(f'{{"{key}": "123456789"}}') == [("qq", "123456789")]

"""Person names and postal addresses: cue words, titles, surnames, the division gazetteer."""

from __future__ import annotations

import pytest

from shouyue.privacy.detect import find_pi, mask_text

pytestmark = pytest.mark.promise("P21")


def found(text: str, kind: str) -> list[str]:
    return [s.text for s in find_pi(text, {kind})]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("收件人张三，电话13812345678", ["张三"]),
        ("收货人：欧阳娜娜 13812345678", ["欧阳娜娜"]),
        ("我叫李明，下次还会再来买。", ["李明"]),
        ("联系人：刘洋", ["刘洋"]),
        ("姓名：司马懿", ["司马懿"]),
        ("朱小红女士的包裹到了", ["朱小红"]),
        ("李大伟先生您好", ["李大伟"]),
        ("请联系诸葛明亮", ["诸葛明亮"]),
        ("今天和张伟一起去逛街", ["张伟"]),
        ("感谢陈静的帮助", ["陈静"]),
        ("黄晓明在上海", ["黄晓明"]),
        ("黎凤，+86 185 7571 6302", ["黎凤"]),
        ("2024-04-11 INFO receiver=邵萍 tel=+8619287460879", ["邵萍"]),
        ("用我老公赵伟的卡付的款", ["赵伟"]),
        ("已经是第三次在这家买了，缪秀梅客服每次都很耐心。", ["缪秀梅"]),
        ("帮同事周波代收的快递", ["周波"]),
        ("安国强说他明天去成都", ["安国强"]),
        ("地址改一下，黄泽宇收，18380586944", ["黄泽宇"]),
        ("我爸叫成小红，证件号在这里", ["成小红"]),
        ("客服万雪态度很好", ["万雪"]),
        ("收件人写和永红？", ["和永红"]),
    ],
)
def test_names_are_found_without_cue_or_title(text: str, expected: list[str]) -> None:
    assert found(text, "person_name") == expected


@pytest.mark.parametrize(
    "text",
    [
        "这个商品质量很高，包装也方便，马上就到了",
        "王者荣耀很好玩",
        "黄金周去了王府井",
        "于是我就买了",
        "方便面很好吃",
        "周末愉快",
        "温馨提示：请及时收货",
        "叶子很绿",
        "王先生说物流很快",  # a surname and a title is not a name on its own
        "客服小王很耐心",
        "张家港市杨舍镇",
        "关于退货的问题，客服解释得很清楚。",
        "充电宝容量足，王守义的品质靠谱。",  # a brand named like a person
        "周生生旗舰店买的，包装完好。",
        "高速公路上堵车了",
        "康师傅方便面是童年的回忆",
        "客户和广大用户都懵了，什么情况",  # 和 and 都 as words, after a cue
        "妥妥的小学生吵架水平，连班主任的威风都拿不出来",
        "这种对痛苦的依赖有点斯德哥尔摩综合征的意思",
        "评测要公正，高中生也能看懂",
    ],
)
def test_ordinary_words_are_not_names(text: str) -> None:
    assert found(text, "person_name") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "收货地址：广东省深圳市南山区科技园科苑路15号讯美科技广场3栋1201室",
            "广东省深圳市南山区科技园科苑路15号讯美科技广场3栋1201室",
        ),
        ("我住在北京市朝阳区酒仙桥中路10号院3号楼2单元301，谢谢", "北京市朝阳区酒仙桥中路10号院3号楼2单元301"),
        ("寄到广东深圳南山区科苑路15号", "广东深圳南山区科苑路15号"),
        ("浙江省杭州市余杭区五常街道文一西路969号", "浙江省杭州市余杭区五常街道文一西路969号"),
        ("上海市浦东新区张江镇祖冲之路887弄72号", "上海市浦东新区张江镇祖冲之路887弄72号"),
        ("四川省成都市武侯区人民南路四段11号附近", "四川省成都市武侯区人民南路四段11号"),
        ("江苏省苏州市张家港市杨舍镇人民路8号", "江苏省苏州市张家港市杨舍镇人民路8号"),
        ("地址：科苑路15号讯美科技广场3栋1201室", "科苑路15号讯美科技广场3栋1201室"),
        ("新疆维吾尔自治区乌鲁木齐市天山区解放北路88号", "新疆维吾尔自治区乌鲁木齐市天山区解放北路88号"),
        ("收货地址：北京市海淀区中关村大街27号中关村大厦8层", "北京市海淀区中关村大街27号中关村大厦8层"),
        (
            "海南省海口市美兰区南环路444号电力宿舍16号楼5单元604房",
            "海南省海口市美兰区南环路444号电力宿舍16号楼5单元604房",
        ),
        ("湖南省 长沙市 天心区 府前街523号软件园2楼3006室", "湖南省 长沙市 天心区 府前街523号软件园2楼3006室"),
        ("重庆市渝北区北环路809号恒大名都24-3-1804，有问题打我", "重庆市渝北区北环路809号恒大名都24-3-1804"),
        (
            "我住吉林省长春市朝阳区发展大道94号锦绣江南17号楼3206，车就停楼下",
            "吉林省长春市朝阳区发展大道94号锦绣江南17号楼3206",
        ),
        (
            "浙江省杭州市西湖区余杭塘路866号浙江大学紫金港校区蓝田4舍611",
            "浙江省杭州市西湖区余杭塘路866号浙江大学紫金港校区蓝田4舍611",
        ),
    ],
)
def test_address_is_one_span_from_first_division_to_room(text: str, expected: str) -> None:
    assert found(text, "address") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "我在北京市朝阳区工作",  # a place, not a postal address
        "深圳市的天气很好",
        "广东省今年GDP增长",
        "丝绸之路很有名",
        "住在医院里，窗户开着",
        "阿里拍卖数据，一样是位于一环路东三段附近",
        "是什么宽窄巷子和锦里，是成都市肛肠专科医院！",
    ],
)
def test_places_that_are_not_addresses(text: str) -> None:
    assert found(text, "address") == []


def test_name_address_and_phone_in_one_line() -> None:
    text = "收件人：王芳，手机：13912345678，地址：湖南省长沙市岳麓区麓山南路932号"
    spans = find_pi(text)
    assert [(s.kind, s.text) for s in spans] == [
        ("person_name", "王芳"),
        ("phone", "13912345678"),
        ("address", "湖南省长沙市岳麓区麓山南路932号"),
    ]
    masked, _ = mask_text(text)
    assert masked == "收件人：王*，手机：139****5678，地址：湖南省长沙市岳麓区****"

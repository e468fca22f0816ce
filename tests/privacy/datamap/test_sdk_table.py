"""The recipients registry carries the notice's SDK table exactly (P40).

The fifteen rows below are transcribed, character for character, from the notice's
section 四(一)4(1) as laid out in ``shared/spec/SDK-TABLE.md``; the test does not read
that file, so the expectation cannot move with it.
"""

from __future__ import annotations

import pytest

from shouyue.privacy.datamap import DataMap

# (row, 第三方SDK名称, 使用场景, 共享个人信息类型, 第三方SDK所属公司, 第三方SDK隐私协议地址)
SDK_TABLE: tuple[tuple[int, str, str, str, str, str], ...] = (
    (
        1,
        "七鱼",
        "完善客服系统的支持",
        "网络日志信息、设备信息（IMEI、MAC地址、操作系统及版本、ANDROID_ID）、位置信息（IP地址、GPS位置）",
        "网易（杭州）网络有限公司",
        "https://reg.163.com/agreement_mobile_ysbh_wap.shtml?v=20171127",
    ),
    (
        2,
        "个推",
        "支持安卓系统的通知推送",
        "设备信息（品牌、厂商）、位置信息（GPS）、应用列表信息",
        "浙江每日互动网络科技股份有限公司",
        "https://www.getui.com/privacy",
    ),
    (
        3,
        "极光",
        "用于实现App一键登录，号码认证的功能",
        "设备信息（IMEI、IDFA、Android ID、OAID、MAC地址）、位置信息、网络信息、SDK认证相关请求结果、手机号码、应用列表信息",  # noqa: E501
        "深圳市和讯华谷信息技术有限公司",
        "https://www.jiguang.cn/license/privacy",
    ),
    (
        4,
        "高德",
        "帮助卖家及买家查找所对应的GPS信息，识别用户所设定位置到目的地的距离",
        "发货地址、收货地址",
        "高德软件有限公司",
        "https://lbs.amap.com/home/privacy/",
    ),
    (
        5,
        "快递100",
        "查询物流信息",
        "手机尾号后四位",
        "深圳前海百递网络有限公司",
        "https://m.kuaidi100.com/about/private.jsp",
    ),
    (
        6,
        "腾讯定位",
        "参加部分地区营销活动",
        "位置信息（GPS）",
        "深圳市腾讯计算机系统有限公司",
        "https://ugc.map.qq.com/AppBox/Landlord/serveagreement.html",
    ),
    (
        7,
        "QQ",
        "用于用户自主分享商品、店铺、店长笔记",
        "设备信息（IMEI、IMSI、SIM卡序列号、手机号）",
        "深圳市腾讯计算机系统有限公司",
        "https://privacy.qq.com/",
    ),
    (
        8,
        "新浪微博",
        "用于用户自主分享商品、店铺、店长笔记",
        "设备信息（IMEI、MAC地址、IMSI、手机号、GPS）",
        "北京微梦创科网络技术有限公司",
        "https://open.weibo.com/wiki/%E5%BC%80%E5%8F%91%E8%80%85%E5%8D%8F%E8%AE%AE",
    ),
    (
        9,
        "银联云闪付",
        "用户付款支付",
        "设备信息（IMEI、MAC地址、IMSI、手机号、GPS）",
        "银联商务股份有限公司",
        "https://www.chinaums.com/chinaums/dsfdy/qmfapplb/201708/t20170828_25547.shtml",
    ),
    (
        10,
        "支付宝",
        "用户付款支付",
        "设备信息（IMEI、MAC地址、IMSI、SIM卡序列号、ANDROID_ID、SSID）",
        "蚂蚁科技集团股份有限公司",
        "https://render.alipay.com/p/c/k2cx0tg8",
    ),
    (
        11,
        "微信",
        "用户付款支付",
        "设备信息（IMEI、MAC地址、IMSI、SIM卡序列号、ANDROID_ID、SSID）",
        "深圳市腾讯计算机系统有限公司",
        "https://www.tenpay.com/v3/helpcenter/low/privacy.shtml",
    ),
    (
        12,
        "腾讯云智慧眼",
        "用户在使用金融服务场景时用户核验用户本人身份",
        "用户身份证号、用户姓名、设备信息（品牌、IP地址）",
        "深圳市腾讯计算机系统有限公司",
        "https://cloud.tencent.com/document/product/301/11470",
    ),
    (
        13,
        "腾讯Bugly",
        "用于软件出现崩溃时，收集崩溃时内存信息和设备信息。",
        "设备信息（IMEI、MAC地址、IMSI）",
        "深圳市腾讯计算机系统有限公司",
        "https://bugly.qq.com/v2/contract",
    ),
    (
        14,
        "旷视",
        "用户在使用金融服务场景及其他认证场景时用于核验用户本人身份",
        "用户身份证号、用户姓名、用户身份证照片、用户照片、用户视频、银行卡号、设备信息（品牌、IP地址）",
        "北京旷视科技有限公司",
        "https://www.megvii.com/privacy_policy",
    ),
    (
        15,
        "腾讯浏览服务(x5内核)tbs sdk",
        "用于网页浏览场景下的网页访问登录服务、联网优化、复制粘帖功能、信息存储服务以及蓝牙服务",
        "登录账户信息、移动手机信号强度、SIM卡制造商、设备wifi地址、位置信息、剪切板信息、外部存储目录、设备蓝牙地址",
        "深圳市腾讯计算机系统有限公司",
        "https://x5.tencent.com/docs/privacy.html",
    ),
)


@pytest.mark.promise("P40")
def test_recipients_carry_exactly_the_fifteen_sdk_rows(datamap: DataMap) -> None:
    # given / when
    rows = tuple((r.order, r.name, r.scenario, r.pi_types, r.company, r.policy_url) for r in datamap.sdks())

    # then: same rows, same order, same characters
    assert rows == SDK_TABLE


@pytest.mark.promise("P40")
@pytest.mark.parametrize("row", SDK_TABLE, ids=[row[1] for row in SDK_TABLE])
def test_each_sdk_row_field_for_field(datamap: DataMap, row: tuple[int, str, str, str, str, str]) -> None:
    # Field by field, so a failure names the SDK and the column that drifted.
    order, name, scenario, pi_types, company, policy_url = row
    [sdk] = [r for r in datamap.sdks() if r.order == order]
    assert (sdk.kind, sdk.name) == ("sdk", name)
    assert sdk.scenario == scenario
    assert sdk.pi_types == pi_types
    assert sdk.company == company
    assert sdk.policy_url == policy_url


@pytest.mark.promise("P40")
def test_every_sdk_processes_in_china_for_fitting_purposes(datamap: DataMap) -> None:
    for sdk in datamap.sdks():
        assert sdk.region == "CN", sdk.id
        assert sdk.purposes, sdk.id
        assert sdk.fields, f"{sdk.id} is declared but may receive nothing"


def test_only_the_table_rows_are_sdks(datamap: DataMap) -> None:
    # Partners, affiliates, promotion clients and authorities are not rows of the SDK table.
    assert len(datamap.sdks()) == len(SDK_TABLE)
    for r in datamap.recipients:
        if r.kind != "sdk":
            assert r.order == 0, r.id

"""How the data map's codes read in the notice: legal bases, periods, regions, permissions."""

from __future__ import annotations

from datetime import date

from shouyue.privacy.datamap import ExpiryAction, LegalBasis, Retention

BASIS: dict[LegalBasis, str] = {
    LegalBasis.CONTRACT: "履行合同所必需",
    LegalBasis.CONSENT: "征得同意",
    LegalBasis.SEPARATE_CONSENT: "单独同意",
    LegalBasis.LEGAL_OBLIGATION: "履行法定义务",
}

KIND = {"core": "核心功能", "additional": "附加功能"}

EDITION = {
    "buyer": "买家端",
    "seller": "卖家端（店长版）",
    "both": "买家端和卖家端（店长版）",
    "staff": "平台工作人员处理",
}

# Where a period starts, for a rule with a length ("自交易完成之日起三年") ...
_STARTS = {
    "collection": "自收集之日起",
    "transaction_completed": "自交易完成之日起",
    "account_closed": "自账户注销之日起",
    "last_activity": "自最后一次使用之日起",
    "withdrawal": "自您撤回同意之日起",
    "event": "自相关事件发生之日起",
}
# ... and for a rule without one (kept until the event itself).
_UNTIL = {
    "collection": "实现处理目的所必需的期间",
    "transaction_completed": "至交易完成",
    "account_closed": "您的账户存续期间",
    "last_activity": "您持续使用该功能期间",
    "withdrawal": "至您撤回同意",
    "event": "至相关事件发生",
}

_ACTION = {ExpiryAction.DELETE: "删除", ExpiryAction.ANONYMISE: "匿名化处理"}

# Every device permission a purpose may name (a test checks the schema has no other).
PERMISSIONS: dict[str, str] = {
    "location": "位置",
    "camera": "相机",
    "photos": "照片（外部存储）",
    "microphone": "麦克风",
    "contacts": "通讯录",
    "calendar": "日历",
    "notifications": "通知",
    "phone_state": "电话状态（设备信息）",
    "app_list": "应用列表",
    "bluetooth": "蓝牙",
    "clipboard": "剪切板",
}

REGIONS = {
    "CN": "中华人民共和国境内",
    "HK": "中国香港特别行政区",
    "MO": "中国澳门特别行政区",
    "TW": "中国台湾地区",
}

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """0 <= n < 10000 in Chinese numerals: 3 -> 三, 15 -> 十五, 105 -> 一百零五."""
    if not 0 <= n < 10000:
        raise ValueError(f"{n} is outside 0..9999")
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if zero and out:
                out += "零"
            out += _DIGITS[digit] + unit
            zero = False
        else:
            zero = True
    return out


def period_words(days: int) -> str:
    """Whole years in words with the days beside them (三年（1095天）), otherwise days (180天)."""
    if days % 365 == 0:
        return f"{chinese_number(days // 365)}年（{days}天）"
    return f"{days}天"


def retention_words(rule: Retention) -> str:
    """The rule as a sentence: ``自交易完成之日起三年（1095天），期满后匿名化处理``."""
    if rule.minutes is not None:
        if rule.minutes == 0:
            return f"处理完成后立即{_ACTION[rule.action]}，不予保存"
        return f"{_STARTS[rule.starts]}{rule.minutes}分钟，期满后{_ACTION[rule.action]}"
    if rule.days is None:
        if rule.starts == "account_closed":
            return f"您的账户存续期间，注销账户后{_ACTION[rule.action]}"
        return f"{_UNTIL[rule.starts]}，此后{_ACTION[rule.action]}"
    return f"{_STARTS[rule.starts]}{period_words(rule.days)}，期满后{_ACTION[rule.action]}"


def hold_words(rule: Retention) -> str:
    """What happens to this store when the subject closes the account."""
    if rule.legal_hold:
        return "依法继续保存至期满，期间仅用于存储和依法查询"
    return f"随账户注销一并{_ACTION[rule.action]}"


def permission_words(permission: str) -> str:
    """The device permission's Chinese name."""
    return PERMISSIONS.get(permission, "相应的设备权限")


def region_words(region: str) -> str:
    """Where a recipient processes PI, in the notice's words."""
    return REGIONS.get(region, f"境外（{region}）")


def date_words(value: str) -> str:
    """An ISO date as the notice prints it (2026年11月28日); any other version string as is."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day.year}年{day.month}月{day.day}日"

"""A small valid data map to break on purpose, and helpers to read the errors it then gives."""

from __future__ import annotations

import re

# A small data map that validates; tests break one thing in it and read the message.
MINIMAL = """\
version: "2026-11-28"
controller:
  name: 测试运营有限公司
  product: 测试平台
  address: 北京市海淀区测试路2号
  phone: 010-11111111
  phone_hours: 周一至周五，早九点至晚五点
  email: privacy@test.example
  officer: 个人信息保护负责人
  response_days: 15
categories:
  - {id: contact.phone, label: 手机号码, sensitive: false, protection: sealed, mask: phone, group: 账户信息}
  - {id: identity.id_number, label: 身份证号码, sensitive: true, protection: sealed, mask: id_number, group: 身份信息}
  - {id: recipient.name, label: 收货人姓名, sensitive: false, protection: sealed, mask: name, group: 收货信息}
  - {id: recipient.phone, label: 收货人联系电话, sensitive: false, protection: sealed, mask: phone, group: 收货信息}
  - {id: device.identifier, label: 设备标识符, sensitive: false, protection: keyed_hash, mask: redact, group: 设备信息}
retention:
  - {id: account.lifetime, label: 账户存续期间, days: null, starts: account_closed, action: delete, legal_hold: false}
  - id: transaction.records
    label: 交易记录
    days: 1095
    starts: transaction_completed
    action: anonymise
    legal_hold: true
purposes:
  - id: account.register
    label: 注册成为用户
    description: 通过手机号码和短信验证码注册、登录
    kind: core
    basis: contract
    categories: [contact.phone, device.identifier]
    retention: account.lifetime
  - id: order.fulfilment
    label: 下单与履约
    description: 填写收货信息完成下单
    kind: core
    basis: contract
    categories: [recipient.name, recipient.phone]
    retention: transaction.records
  - id: order.customs_clearance
    label: 跨境商品清关
    description: 跨境商品清关
    kind: core
    basis: contract
    categories: [identity.id_number]
    retention: transaction.records
recipients:
  - id: sdk.kuaidi100
    kind: sdk
    name: 快递100
    scenario: 查询物流信息
    pi_types: 手机尾号后四位
    company: 深圳前海百递网络有限公司
    policy_url: https://m.kuaidi100.com/about/private.jsp
    region: CN
    purposes: [order.fulfilment]
    fields: {recipient.phone: last4}
    order: 1
  - id: partner.customs
    kind: partner
    name: 跨境清关服务方
    scenario: 清关
    pi_types: 身份证号码
    company: 海关
    region: CN
    purposes: [order.customs_clearance]
    fields: {identity.id_number: full}
"""

_WHERE = re.compile(r"^(?P<source>[^\n]*?):(?P<line>\d+): ", re.MULTILINE)


def broken(text: str, old: str, new: str) -> str:
    """``text`` with its one occurrence of ``old`` replaced (fails loudly if the fixture moved on)."""
    assert text.count(old) == 1, f"expected exactly one {old!r} in the fixture"
    return text.replace(old, new)


def reported_lines(message: str) -> list[int]:
    """The line numbers a data-map error message points at, in order."""
    return [int(m.group("line")) for m in _WHERE.finditer(message)]


def line_text(text: str, line: int) -> str:
    return text.splitlines()[line - 1]

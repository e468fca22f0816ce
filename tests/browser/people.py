"""What a person does in the browser again and again: register, read the SMS code."""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Page

from tests.commerce.accounts.builders import new_phone


@dataclass(frozen=True)
class Person:
    phone: str


def read_code(page: Page, phone: str) -> str:
    """The last SMS code sent to ``phone``, read from the sandbox outbox page in another tab."""
    outbox = page.context.new_page()
    try:
        outbox.goto(f"/dev/outbox?phone={phone}")
        cell = outbox.locator("#table-outbox tbody tr").first.locator("td").nth(3)
        code = cell.inner_text().strip()
    finally:
        outbox.close()
    assert re.fullmatch(r"\d{6}", code), f"no code in the outbox for {phone}: {code!r}"
    return code


def register(page: Page) -> Person:
    """Register a new person through the register page, ticking the notice."""
    phone = new_phone()
    page.goto("/accounts/register")
    page.get_by_label("手机号码").fill(phone)
    page.locator("#accept_notice").check()
    page.get_by_role("button", name="获取验证码").click()
    page.get_by_text("验证码已发送").wait_for()
    code = read_code(page, phone)
    page.get_by_label("短信验证码").fill(code)
    page.locator("#accept_notice").check()
    page.get_by_role("button", name="同意并注册").click()
    page.wait_for_url("**/accounts/profile")
    return Person(phone=phone)

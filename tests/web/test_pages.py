"""The home page, the layout every page shares, and the security headers on every response."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.html import read_page

PAGES = ["/", "/privacy", "/privacy/third-parties"]


def test_home_page_says_what_shouyue_is(client: TestClient) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = read_page(response.text)
    assert "守约" in page.text
    assert "每一项承诺，都由平台的代码执行" in page.text
    assert {"/privacy", "/privacy/third-parties"} <= set(page.links)


@pytest.mark.promise("P40")
@pytest.mark.parametrize("path", [*PAGES, "/no-such-page"])
def test_every_page_links_the_notice_and_the_third_party_list_in_its_footer(client: TestClient, path: str) -> None:
    page = read_page(client.get(path).text)

    assert "/privacy" in page.footer_links
    assert "/privacy/third-parties" in page.footer_links


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_chinese_and_use_no_inline_code(client: TestClient, path: str) -> None:
    response = client.get(path)

    assert '<html lang="zh-CN">' in response.text
    page = read_page(response.text)
    assert all(script.get("src") for script in page.scripts)
    assert page.inline_styles == 0


@pytest.mark.parametrize(
    "path",
    [*PAGES, "/api/v1/health", "/api/v1/privacy/third-parties", "/static/css/site.css", "/no-such-page", "/api/v1/x"],
)
def test_every_response_carries_the_security_headers_and_sets_no_cookie(client: TestClient, path: str) -> None:
    response = client.get(path)

    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "same-origin"
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "set-cookie" not in response.headers


def test_static_files_are_served(client: TestClient) -> None:
    response = client.get("/static/css/site.css")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")


@pytest.mark.parametrize("path", PAGES)
def test_pages_answer_head_requests(client: TestClient, path: str) -> None:
    response = client.head(path)

    assert response.status_code == 200
    assert response.content == b""

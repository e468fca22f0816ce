"""Publishing a notice version tells every account in its inbox, a material one prominently
(P71, P73): ``shouyue notice publish`` against a database of its own, read back through the
inbox API and page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session
from typer.testing import CliRunner

import shouyue.db
import shouyue.engine
import shouyue.settings
from shouyue.cli import app as cli
from shouyue.commerce.accounts.models import Account, AccountStatus
from shouyue.commerce.notifications import flows
from shouyue.commerce.notifications.models import InboxMessage
from shouyue.engine import DEFAULT_DATAMAP
from shouyue.migrate import upgrade
from shouyue.web.app import create_app
from tests.commerce.accounts.builders import API, AccountsApi, bearer
from tests.commerce.privacy_center.builders import csrf_of, register, web_register

runner = CliRunner()


def _clear_caches() -> None:
    shouyue.settings.get_settings.cache_clear()
    shouyue.db.get_engine.cache_clear()
    shouyue.db.get_sessionmaker.cache_clear()
    shouyue.engine.get_datamap.cache_clear()


@pytest.fixture
def platform(
    fresh_database: Callable[[], str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sandbox_dirs: None
) -> Iterator[Callable[[], TestClient]]:
    """The CLI and a web app both pointed at a new migrated database; restored afterwards."""
    url = fresh_database()
    upgrade(url)
    monkeypatch.setenv("SHOUYUE_DATABASE_URL", url)
    _clear_caches()
    clients: list[TestClient] = []

    def web() -> TestClient:
        client = TestClient(create_app())
        clients.append(client)
        return client

    yield web
    for client in clients:
        client.close()
    shouyue.db.get_engine().dispose()
    monkeypatch.undo()
    _clear_caches()


def _publish(version: str) -> None:
    result = runner.invoke(cli, ["notice", "publish", "--version", version])
    assert result.exit_code == 0, result.output


def _serve_changed_datamap(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Deploy a data map in which 个性化推荐 uses one more kind of PI (a material change)."""
    raw = yaml.safe_load(DEFAULT_DATAMAP.read_text(encoding="utf-8"))
    entry = next(p for p in raw["purposes"] if p["id"] == "recommendation.personalised")
    entry["categories"].append("device.model")
    changed = tmp_path / "datamap.yaml"
    changed.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("SHOUYUE_DATAMAP_PATH", str(changed))
    shouyue.settings.get_settings.cache_clear()
    shouyue.engine.get_datamap.cache_clear()


def _messages(token: str, client: TestClient) -> dict[str, object]:
    response = client.get(f"{API}/me/messages", headers=bearer(token))
    assert response.status_code == 200, response.text
    return dict(response.json())


@pytest.mark.promise("P71", "P73")
def test_publishing_a_material_version_messages_every_account_prominently(
    platform: Callable[[], TestClient], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # given a published notice and three accounts registered under it, one of them cancelled since
    _publish("2026-11-29")
    client = platform()
    api = AccountsApi(client=client, app=client.app, notice_version="2026-11-29")  # type: ignore[arg-type]
    api.relax_limits()
    accounts = [register(api) for _ in range(3)]
    with Session(shouyue.db.get_engine()) as db:
        db.execute(
            update(Account).where(Account.id == accounts[2].account_id).values(status=AccountStatus.CANCELLED.value)
        )
        db.commit()
    # when the operator publishes a version that changes a purpose
    _serve_changed_datamap(monkeypatch, tmp_path)
    result = runner.invoke(cli, ["notice", "publish", "--version", "2026-12-01"])
    # then the publication succeeds, marked material
    assert result.exit_code == 0, result.output
    assert "material: yes" in result.output
    # and each active account has exactly one prominent message about it, the cancelled one none
    for me in accounts[:2]:
        inbox = _messages(me.token, client)
        assert inbox["unread"] == 1
        (message,) = inbox["messages"]  # type: ignore[misc]
        assert message["title"] == "【重要】隐私政策重大更新" and message["prominent"] is True
        assert message["ref"] == "2026-12-01" and message["link"] == "/me/privacy/notice"
        assert "变更处理目的：个性化推荐" in message["body"]
        assert "点击同意" in message["body"]
    with Session(shouyue.db.get_engine()) as db:
        cancelled = db.scalars(select(InboxMessage).where(InboxMessage.account_id == accounts[2].account_id)).all()
    assert cancelled == []
    # and reading a message marks it read, while another account's message cannot be touched
    mine = _messages(accounts[0].token, client)["messages"][0]  # type: ignore[index]
    theirs = _messages(accounts[1].token, client)["messages"][0]  # type: ignore[index]
    read = client.post(f"{API}/me/messages/{mine['id']}/read", headers=bearer(accounts[0].token))
    assert read.status_code == 200 and read.json()["read_at"] is not None
    assert _messages(accounts[0].token, client)["unread"] == 0
    other = client.post(f"{API}/me/messages/{theirs['id']}/read", headers=bearer(accounts[0].token))
    assert other.status_code == 404 and other.json()["detail"] == "未找到该消息"


@pytest.mark.promise("P71")
def test_the_announcement_goes_out_in_batches_once_per_account(platform: Callable[[], TestClient]) -> None:
    # given a version published before any account existed, and five accounts registered since
    _publish("2026-11-29")
    client = platform()
    api = AccountsApi(client=client, app=client.app, notice_version="2026-11-29")  # type: ignore[arg-type]
    api.relax_limits()
    accounts = [register(api) for _ in range(5)]
    # when the announcement runs in batches of two, and then again (a retried run)
    first = flows.announce("2026-11-29", batch_size=2)
    again = flows.announce("2026-11-29", batch_size=2)
    # then every account got one message, and the retry wrote nothing
    assert (first, again) == (5, 0)
    for me in accounts:
        inbox = _messages(me.token, client)
        assert [m["title"] for m in inbox["messages"]] == ["隐私政策已发布"]  # type: ignore[union-attr]


@pytest.mark.promise("P71", "P72")
def test_the_inbox_page_and_the_banner_lead_to_the_click_to_agree(
    platform: Callable[[], TestClient], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # given a person logged in on the web under the first version, then a material update
    _publish("2026-11-29")
    client = platform()
    api = AccountsApi(client=client, app=client.app, notice_version="2026-11-29")  # type: ignore[arg-type]
    api.relax_limits()
    web_register(api)
    _serve_changed_datamap(monkeypatch, tmp_path)
    _publish("2026-12-01")
    # when they open their inbox and their privacy settings
    inbox = client.get("/me/messages")
    settings = client.get("/me/privacy")
    # then the message is there, marked important, and the settings page shows the banner
    assert inbox.status_code == 200
    assert "【重要】隐私政策重大更新" in inbox.text and "查看并同意" in inbox.text
    assert "隐私政策已更新" in settings.text and "「个性化推荐」" in settings.text
    # when they open the update page and click to agree
    page = client.get("/me/privacy/notice")
    assert page.status_code == 200 and "变更处理目的：个性化推荐" in page.text
    agreed = client.post(
        "/me/privacy/notice", data={"csrf_token": csrf_of(page.text), "version": "2026-12-01"}, follow_redirects=True
    )
    # then the agreement is recorded and the banner is gone
    assert agreed.status_code == 200 and "您已同意最新的隐私政策。" in agreed.text
    assert 'id="notice-banner-title"' not in client.get("/me/privacy").text

from tests.commerce.support.fixtures import api, app, client, notice_version, sandbox_dirs, world

__all__ = ["api", "app", "client", "notice_version", "sandbox_dirs", "world"]

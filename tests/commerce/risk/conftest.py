"""Risk tests drive logins through the accounts API: reuse its fixtures."""

from tests.commerce.accounts.conftest import api, notice_version, sandbox_dirs  # noqa: F401
from tests.web.conftest import app, client  # noqa: F401

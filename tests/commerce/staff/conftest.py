"""Staff tests: the shared app, client and isolating session fixtures."""

from tests.commerce.staff.support import app, cheap_password_hashing, client

__all__ = ["app", "cheap_password_hashing", "client"]

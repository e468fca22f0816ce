"""The commerce slice's refusals: one base the web layer maps to a Chinese message and a status.

Each domain (shops, catalog, orders, ...) subclasses :class:`CommerceError` in its own
``exceptions.py`` and sets ``status_code``; the text of the exception is what the person reads,
so it is Simplified Chinese and never contains PI.
"""

from __future__ import annotations


class CommerceError(Exception):
    """Base of every commerce refusal; ``status_code`` is the HTTP status the web layer uses."""

    status_code = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(CommerceError):
    """The thing does not exist or is not the caller's: the same answer either way (reveals nothing)."""

    status_code = 404


class Conflict(CommerceError):
    """The request contradicts the current state (paying twice, the last item already sold)."""

    status_code = 409


class Invalid(CommerceError):
    """A value is malformed or absurd."""

    status_code = 422

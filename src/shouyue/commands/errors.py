"""Turn the engine's deliberate errors into one readable line and a non-zero exit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from shouyue.privacy.errors import PrivacyError


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Print ``error: <message>`` on stderr and exit 2 for any :class:`PrivacyError`."""
    try:
        yield
    except PrivacyError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from None

"""``shouyue dev ...``: development-only tools (the sandbox SMS outbox). Refused in production."""

from __future__ import annotations

import typer

from shouyue.providers.sms import outbox_path, read_outbox
from shouyue.settings import get_settings

app = typer.Typer(help="Development tools (sandboxes); not available in production.", no_args_is_help=True)


def _development_only() -> None:
    if get_settings().is_production:
        typer.echo("error: the sandbox tools are not available when SHOUYUE_ENV=production", err=True)
        raise typer.Exit(code=1)


@app.command("outbox")
def outbox(
    phone: str | None = typer.Option(None, "--phone", help="only messages to this phone number"),
    limit: int = typer.Option(20, "--limit", min=1, max=500, help="how many messages, newest first"),
) -> None:
    """Print the messages the sandbox SMS carrier 'sent', newest first."""
    _development_only()
    messages = read_outbox(outbox_path(), limit=limit, phone=phone)
    if not messages:
        typer.echo("the sandbox outbox is empty")
        return
    for message in messages:
        code = f"  code {message.code}" if message.code else ""
        typer.echo(f"{message.at:%Y-%m-%d %H:%M:%S}  {message.phone}{code}  {message.text}")

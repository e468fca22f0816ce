"""``shouyue keys ...``: the key store and its master key.

``rotate`` with a key file (``<key_dir>/master.key``) replaces the file in place; with
``SHOUYUE_MASTER_KEY`` the new key is written to ``--new-key-file`` and the operator sets the
variable to it before restarting. Stop the other processes first: one still holding the old key
refuses to wrap new keys and asks to be restarted.
"""

from __future__ import annotations

from pathlib import Path

import typer

from shouyue.commands.errors import friendly_errors
from shouyue.engine import open_configured_keystore, reset_vault
from shouyue.privacy.vault import generate_master_key, rotate_master_key
from shouyue.settings import get_settings

app = typer.Typer(help="The key store and its master key.", no_args_is_help=True)


@app.command("status")
def status() -> None:
    """Show the master key id, key counts, and warn about a development key."""
    settings = get_settings()
    with friendly_errors():
        store = open_configured_keystore(settings)
        try:
            report = store.status()
        finally:
            store.dispose()
    typer.echo(f"key store:        {report.location}")
    typer.echo(f"master key id:    {report.master_kid} (from {store.master.source})")
    typer.echo(f"retired masters:  {report.retired_masters}")
    typer.echo(f"subjects:         {report.subjects}")
    typer.echo(f"everyday keys:    {report.everyday}")
    typer.echo(f"held keys:        {report.held}")
    typer.echo(f"destroyed keys:   {report.destroyed}")
    typer.echo(f"index key:        {'yes' if report.index_key else 'not yet created'}")
    if report.development:
        typer.echo(
            "warning: the master key is a generated development key; it is refused in production "
            "(set SHOUYUE_MASTER_KEY or run `shouyue keys rotate`)",
            err=True,
        )


@app.command("init")
def init() -> None:
    """Create the key store and record the master key (production creates nothing implicitly)."""
    settings = get_settings()
    with friendly_errors():
        store = open_configured_keystore(settings, create=True)
        store.dispose()
    typer.echo(f"key store ready: {store.location} (master key id {store.master.kid})")


@app.command("rotate")
def rotate(
    new_key_file: Path | None = typer.Option(
        None, "--new-key-file", help="where to write the new key when SHOUYUE_MASTER_KEY holds the current one"
    ),
) -> None:
    """Generate a new master key, re-wrap every data key and the index key under it, retire the old one."""
    settings = get_settings()
    configured = settings.master_key.get_secret_value() if settings.master_key else None
    with friendly_errors():
        store = open_configured_keystore(settings, for_rotation=True)
        try:
            done = rotate_master_key(
                keystore=store,
                key_dir=settings.key_dir,
                configured_master=configured,
                development=not settings.is_production,
                new_key_file=new_key_file,
            )
        finally:
            store.dispose()
    reset_vault()
    typer.echo(f"rotated: {done.rewrapped} keys re-wrapped under master key {done.new_kid}; {done.old_kid} retired")
    if done.new_key_file is not None:
        typer.echo(f"the new master key is in {done.new_key_file}: set SHOUYUE_MASTER_KEY to it, then restart")


@app.command("generate")
def generate() -> None:
    """Print a new random master key (base64) for SHOUYUE_MASTER_KEY; touches no key store."""
    typer.echo(generate_master_key(development=False).encoded())

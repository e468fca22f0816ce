"""``shouyue migrate``, ``shouyue serve`` and ``shouyue demo``."""

from __future__ import annotations

import typer

from shouyue.commands.errors import friendly_errors
from shouyue.settings import get_settings


def migrate() -> None:
    """Migrate the database in SHOUYUE_DATABASE_URL to the newest schema."""
    from shouyue.db import get_engine
    from shouyue.migrate import upgrade

    settings = get_settings()
    get_engine()  # creates the SQLite directory when needed
    upgrade(settings.database_url)
    typer.echo("database migrated")


def serve(
    host: str = typer.Option(None, help="address to bind (default SHOUYUE_HOST)"),
    port: int = typer.Option(None, help="port (default SHOUYUE_PORT)"),
) -> None:
    """Serve the web app and API."""
    import uvicorn

    from shouyue.web.app import create_app

    settings = get_settings()
    with friendly_errors():
        application = create_app()
    host = host or settings.host
    port = port or settings.port
    typer.echo(f"Shouyue is serving on http://{host}:{port}")
    uvicorn.run(application, host=host, port=port, log_level=settings.log_level.lower())


def demo(
    host: str = typer.Option(None, help="address to bind (default SHOUYUE_HOST)"),
    port: int = typer.Option(None, help="port (default SHOUYUE_PORT)"),
) -> None:
    """Migrate the database, then serve: everything a first look needs."""
    migrate()
    serve(host=host, port=port)


def register(app: typer.Typer) -> None:
    app.command("migrate")(migrate)
    app.command("serve")(serve)
    app.command("demo")(demo)

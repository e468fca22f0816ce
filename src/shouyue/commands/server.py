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
    from shouyue.logging_config import log_config

    uvicorn.run(
        application,
        host=host,
        port=port,
        log_level=settings.log_level.lower(),
        log_config=log_config(settings.log_level),  # every handler masks PI (P28)
    )


def demo(
    host: str = typer.Option(None, help="address to bind (default SHOUYUE_HOST)"),
    port: int = typer.Option(None, help="port (default SHOUYUE_PORT)"),
) -> None:
    """Migrate, seed the demo data, print the login hints, then serve (development only)."""
    settings = get_settings()
    if settings.env != "development":
        typer.echo("error: shouyue demo seeds demo accounts and runs only with SHOUYUE_ENV=development", err=True)
        raise typer.Exit(code=2)
    migrate()
    from shouyue.db import session_scope
    from shouyue.demo import seed

    with friendly_errors(), session_scope() as session:
        report = seed(session=session)
    host = host or settings.host
    port = port or settings.port
    typer.echo(report.notice)
    typer.echo(f"买家：在 http://{host}:{port}/ 用任意大陆手机号注册，短信验证码见 http://{host}:{port}/dev/outbox")
    for username, role, password in report.staff:
        typer.echo(f"员工后台 http://{host}:{port}/staff ：{username} / {password}（{role}）")
    for line in report.commerce.login_hints():
        typer.echo(line)
    serve(host=host, port=port)


def register(app: typer.Typer) -> None:
    app.command("migrate")(migrate)
    app.command("serve")(serve)
    app.command("demo")(demo)

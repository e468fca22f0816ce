"""``shouyue notice ...``: publish a version of the privacy notice and read the archive (P71-P74)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import typer

from shouyue.commands.errors import friendly_errors
from shouyue.db import session_scope
from shouyue.engine import get_datamap, get_notice_prose
from shouyue.privacy.actors import Actor
from shouyue.privacy.notice import versions
from shouyue.privacy.notice.models import NoticeVersion

# Run after the publication has committed, with the new version string: the accounts work
# registers the in-app message to every account here (P71). A failing hook does not undo the
# publication, which is already archived; it is reported and the command exits non-zero.
PublishedHook = Callable[[str], None]
on_published: list[PublishedHook] = []

app = typer.Typer(help="The privacy notice: publish versions and read the archive.", no_args_is_help=True)


@app.command("publish")
def publish(
    version: str | None = typer.Option(None, "--version", help="version to publish (default: the data map's version)"),
    by: str = typer.Option("cli", "--by", help="staff id of who publishes (recorded in the audit log)"),
) -> None:
    """Render the notice from the live data map, compare it with the latest version, archive it."""
    actor = Actor.system() if by == "cli" else Actor(kind="staff", id=by, role="privacy_officer")
    with friendly_errors():
        datamap = get_datamap()
        prose = get_notice_prose()
        with session_scope() as session:
            row = versions.publish(
                session=session,
                datamap=datamap,
                prose=prose,
                version=version or datamap.version,
                actor=actor,
                now=datetime.now(UTC),
            )
    typer.echo(f"published notice version {row.version}")
    typer.echo(f"material: {'yes' if row.material else 'no'}")
    for reason in row.material_reasons:
        typer.echo(f"  - {reason}")
    failed = False
    for hook in on_published:
        try:
            hook(row.version)
        except Exception as exc:  # one failing notifier must not keep the others from running
            typer.echo(f"error: after publishing, {getattr(hook, '__name__', 'a hook')} failed: {exc}", err=True)
            failed = True
    if failed:
        raise typer.Exit(code=1)


@app.command("list")
def list_versions() -> None:
    """Every published version, oldest first, with whether it was material and why."""
    with friendly_errors(), session_scope() as session:
        rows = [_summary(row) for row in versions.all_versions(session=session)]
    if not rows:
        typer.echo("no notice version has been published yet")
    for lines in rows:
        for line in lines:
            typer.echo(line)


@app.command("show")
def show(
    version: str = typer.Argument(..., help="a published version"),
    diff: bool = typer.Option(False, "--diff", help="print the diff to the previous version instead of the text"),
) -> None:
    """Print an archived version's text, or its diff to its predecessor (P74)."""
    with friendly_errors(), session_scope() as session:
        row = versions.get_or_raise(session=session, version=version)
        output = row.diff if diff else row.text
    typer.echo(output, nl=False)


def _summary(row: NoticeVersion) -> list[str]:
    material = "yes" if row.material else "no"
    head = f"{row.version}  published {row.published_at:%Y-%m-%d %H:%M} UTC  material: {material}"
    return [head, *(f"  - {reason}" for reason in row.material_reasons)]

"""``shouyue audit verify``: walk the hash-chained audit log and name the first broken entry (P79)."""

from __future__ import annotations

import typer
from sqlalchemy.exc import DBAPIError

from shouyue.commands.errors import friendly_errors
from shouyue.db import session_scope
from shouyue.privacy.audit import verify as verify_chain
from shouyue.privacy.audit.service import DEFAULT_BATCH_SIZE

app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)


@app.command("verify")
def verify(
    batch_size: int = typer.Option(DEFAULT_BATCH_SIZE, min=1, help="entries read per query (memory stays constant)"),
) -> None:
    """Check every entry of the audit chain; exit 1 naming the first edited, removed or reordered entry."""
    with friendly_errors():
        try:
            with session_scope() as session:
                report = verify_chain(session, batch_size=batch_size)
        except DBAPIError as exc:
            # A database that cannot be read is not a broken chain: say so, and exit 2 like other errors.
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else type(exc).__name__
            typer.echo(f"error: cannot read the audit log (is the database migrated?): {reason}", err=True)
            raise typer.Exit(code=2) from None
    if report.ok:
        typer.echo(f"audit chain intact: {report.checked} entries")
        return
    where = f" at entry #{report.first_bad_seq}" if report.first_bad_seq is not None else ""
    typer.echo(f"audit chain broken{where}: {report.problem}")
    raise typer.Exit(code=1)

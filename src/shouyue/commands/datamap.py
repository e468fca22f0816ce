"""``shouyue datamap check``: validate the data map and print what it declares."""

from __future__ import annotations

from pathlib import Path

import typer

from shouyue.commands.errors import friendly_errors
from shouyue.engine import DEFAULT_DATAMAP
from shouyue.privacy.datamap import load_datamap

app = typer.Typer(help="The data map (notice/datamap.yaml).", no_args_is_help=True)


@app.command("check")
def check(path: Path = typer.Argument(DEFAULT_DATAMAP, help="data map file to validate")) -> None:
    """Validate a data map file; exit 2 with the entry and line of the first problems."""
    with friendly_errors():
        datamap = load_datamap(path)
    typer.echo(
        f"ok: {len(datamap.categories)} categories, {len(datamap.purposes)} purposes, "
        f"{len(datamap.recipients)} recipients, {len(datamap.retention)} retention rules"
    )

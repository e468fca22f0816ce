"""``shouyue pi ...`` (filled in by its owner)."""

from __future__ import annotations

import typer

app = typer.Typer(help="pi", no_args_is_help=True)

"""``shouyue pi scan FILE|-``: find (or mask) personal information in a text file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from shouyue.commands.errors import friendly_errors
from shouyue.privacy.detect import KINDS, find_pi, mask_text

app = typer.Typer(help="Find personal information (PI) in free text.", no_args_is_help=True)


def _read(source: str) -> str:
    """The text of ``source`` (``-`` is standard input); undecodable bytes are kept as surrogates."""
    if source == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
    else:
        path = Path(source)
        if not path.is_file():
            typer.echo(f"error: no such file: {source}", err=True)
            raise typer.Exit(code=2)
        try:
            data = path.read_bytes()
        except OSError as exc:
            typer.echo(f"error: cannot read {source}: {exc.strerror}", err=True)
            raise typer.Exit(code=2) from None
    return data.decode("utf-8", errors="surrogateescape")


def _parse_kinds(kinds: str | None) -> set[str] | None:
    if kinds is None:
        return None
    wanted = {k.strip() for k in kinds.split(",") if k.strip()}
    unknown = wanted - KINDS
    if unknown or not wanted:
        names = ", ".join(sorted(unknown)) or "(none given)"
        typer.echo(f"error: unknown kind(s): {names}; known kinds: {', '.join(sorted(KINDS))}", err=True)
        raise typer.Exit(code=2)
    return wanted


def _safe(text: str) -> str:
    """Text printable as UTF-8: stray surrogates (from undecodable input) become U+FFFD."""
    return text.encode("utf-8", errors="replace").decode("utf-8") if not text.isascii() else text


@app.command()
def scan(
    source: Annotated[str, typer.Argument(metavar="FILE|-", help="A UTF-8 text file, or - for standard input.")],
    mask: Annotated[bool, typer.Option("--mask", help="Print the text with every span masked instead.")] = False,
    kinds: Annotated[
        str | None, typer.Option("--kinds", help="Comma-separated kinds to look for (default: all).")
    ] = None,
) -> None:
    """Print one JSON line per PI span ({"kind","start","end","text","score"}), or the masked text.

    Offsets are Python string indices (code points) into the decoded text.
    """
    wanted = _parse_kinds(kinds)
    text = _read(source)
    with friendly_errors():
        if mask:
            masked, _ = mask_text(text, wanted)
            typer.echo(_safe(masked), nl=False)
            return
        for span in find_pi(text, wanted):
            line = {"kind": span.kind, "start": span.start, "end": span.end, "text": span.text, "score": span.score}
            typer.echo(_safe(json.dumps(line, ensure_ascii=False)))

"""The Jinja2 environment for every page (autoescaped; templates in ``web/templates``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates

from shouyue.engine import get_datamap

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"


def _site(_request: Request) -> dict[str, Any]:
    """What the layout's header and footer show on every page."""
    return {"site": get_datamap().controller}


def yuan(fen: int) -> str:
    """A price in fen as the page shows it: ``¥12.30``."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}¥{whole:,}.{cents:02d}"


templates = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,  # every template is HTML; data-map text is never trusted as markup
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    ),
    context_processors=[_site],
)
templates.env.filters["yuan"] = yuan

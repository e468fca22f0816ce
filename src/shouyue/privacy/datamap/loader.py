"""Load ``datamap.yaml`` and turn every problem into one message that names the entry and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from shouyue.privacy.datamap.schema import DataMap
from shouyue.privacy.errors import DataMapError


def load_datamap(path: Path) -> DataMap:
    """Parse and validate the data map at ``path``; raise :class:`DataMapError` on any problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataMapError(f"cannot read the data map {path}: {exc.strerror or exc}") from exc
    return parse_datamap(text, source=str(path))


def parse_datamap(text: str, *, source: str = "<datamap>") -> DataMap:
    """Validate data-map YAML text; errors name the entry id and the line in ``source``."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataMapError(f"{source}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise DataMapError(f"{source}: the data map must be a mapping with categories, purposes, ...")
    try:
        return DataMap.model_validate(raw)
    except ValidationError as exc:
        lines = [_describe(err, raw, root, source) for err in exc.errors(include_url=False)]
        raise DataMapError("invalid data map:\n  " + "\n  ".join(lines)) from None


def _describe(err: Any, raw: Any, root: yaml.Node | None, source: str) -> str:
    loc = tuple(err.get("loc", ()))
    entry = _entry_name(raw, loc)
    line = _line_of(root, loc)
    where = f"{source}:{line}" if line else source
    field = ".".join(str(p) for p in loc) or "(top level)"
    message = str(err.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{where}: {entry}{field}: {message}"


def _entry_name(raw: Any, loc: tuple[Any, ...]) -> str:
    if len(loc) >= 2 and isinstance(loc[1], int) and isinstance(raw, dict):
        section = raw.get(loc[0])
        if isinstance(section, list) and loc[1] < len(section) and isinstance(section[loc[1]], dict):
            ident = section[loc[1]].get("id")
            if ident is not None:
                return f"entry {ident!r} "
    return ""


def _line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the deepest YAML node on the path ``loc``."""
    best = node
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            break
        if node is None:
            break
        best = node
    return None if best is None else best.start_mark.line + 1

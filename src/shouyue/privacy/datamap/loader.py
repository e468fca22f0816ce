"""Load ``datamap.yaml`` and turn every problem into one message that names the entry and line.

Three passes, each reporting ``<file>:<line>: <entry>: <what is wrong>``:

1. YAML syntax, and mapping keys given twice (PyYAML would silently keep the last one);
2. the shape of each entry (Pydantic);
3. the references between entries (:meth:`DataMap.reference_problems`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from shouyue.privacy.datamap.schema import DEFER_REFERENCES, DataMap, Problem
from shouyue.privacy.errors import DataMapError

# Singular names of the sections whose entries carry an ``id``.
_KINDS = {
    "categories": "category",
    "purposes": "purpose",
    "recipients": "recipient",
    "retention": "retention rule",
}


def load_datamap(path: Path) -> DataMap:
    """Parse and validate the data map at ``path``; raise :class:`DataMapError` on any problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataMapError(f"cannot read the data map {path}: {exc.strerror or exc}") from exc
    return parse_datamap(text, source=str(path))


def parse_datamap(text: str, *, source: str = "<datamap>") -> DataMap:
    """Validate data-map YAML text; errors name the entry id and the line in ``source``."""
    root, raw = _parse_yaml(text, source)
    if not isinstance(raw, dict):
        raise DataMapError(f"{source}:1: the data map must be a mapping with categories, purposes, ...")
    try:
        datamap = DataMap.model_validate(raw, context={DEFER_REFERENCES: True})
    except ValidationError as exc:
        raise _error([_describe(tuple(e["loc"]), str(e["msg"]), raw, root, source) for e in exc.errors()]) from None
    problems = [_describe(p.loc, _with_first(p, root), raw, root, source) for p in datamap.reference_problems()]
    if problems:
        raise _error(problems)
    return datamap


# libyaml's parser when PyYAML was built with it: several times faster on a map this size.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_yaml(text: str, source: str) -> tuple[yaml.Node | None, Any]:
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is not None:
            _refuse_duplicate_keys(root, source)
        raw = None if root is None else loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}:{mark.line + 1}" if mark else source
        problem = " ".join(part for part in (exc.context, exc.problem) if part)
        raise DataMapError(f"{where}: not valid YAML: {problem or exc}") from None
    except yaml.YAMLError as exc:
        raise DataMapError(f"{source}: not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    return root, raw


def _refuse_duplicate_keys(node: yaml.Node, source: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key, value in node.value:
            name = getattr(key, "value", None)
            if isinstance(name, str):
                if name in seen:
                    raise DataMapError(
                        f"{source}:{key.start_mark.line + 1}: key {name!r} given twice (first on line {seen[name]})"
                    )
                seen[name] = key.start_mark.line + 1
            _refuse_duplicate_keys(value, source)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _refuse_duplicate_keys(item, source)


def _with_first(problem: Problem, root: yaml.Node | None) -> str:
    line = None if problem.first is None else _line_of(root, problem.first)
    return problem.text() if line is None else f"{problem.message} (first on line {line})"


def _error(lines: list[str]) -> DataMapError:
    if len(lines) == 1:
        return DataMapError(lines[0])
    return DataMapError(f"invalid data map ({len(lines)} problems):\n  " + "\n  ".join(lines))


def _describe(loc: tuple[Any, ...], message: str, raw: Any, root: yaml.Node | None, source: str) -> str:
    line = _line_of(root, loc)
    where = f"{source}:{line}" if line else source
    message = message.removeprefix("Value error, ")
    entry = _entry_name(raw, loc)
    if entry and entry in message:
        return f"{where}: {message}"  # it names the entry: "purpose 'x' uses unknown category 'y'"
    parts = [p for p in (entry, _field_path(loc[2:] if entry else loc)) if p]
    return f"{where}: {': '.join([*parts, message])}"


def _entry_name(raw: Any, loc: tuple[Any, ...]) -> str:
    """``purpose 'order.fulfilment'`` for a path inside that entry, or ``purposes[3]`` without an id."""
    if len(loc) < 2 or not isinstance(loc[1], int) or not isinstance(raw, dict) or loc[0] not in _KINDS:
        return ""
    section = raw.get(loc[0])
    if isinstance(section, list) and loc[1] < len(section) and isinstance(section[loc[1]], dict):
        ident = section[loc[1]].get("id")
        if isinstance(ident, str):
            return f"{_KINDS[loc[0]]} {ident!r}"
    return f"{loc[0]}[{loc[1]}]"


def _field_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif "." in str(part):
            out += f"[{str(part)!r}]"  # an id used as a key, e.g. fields['recipient.phone']
        else:
            out += f".{part}" if out else str(part)
    return out


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

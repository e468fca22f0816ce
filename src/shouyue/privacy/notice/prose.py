"""The notice's fixed wording: a YAML file of sections, paragraphs and lists, with slots
(``generate: purposes.core``) where the renderer puts what the data map declares.

Paragraphs may name the controller with placeholders such as ``{product}`` or ``{email}``;
an unknown placeholder or slot is an error at load time, not a hole in the published text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from shouyue.privacy.errors import PrivacyError

Slot = Literal[
    "controller",
    "toc",
    "categories",
    "purposes.core",
    "purposes.additional",
    "recipients.sdk",
    "recipients.partner",
    "recipients.affiliate",
    "recipients.promotion",
    "recipients.authority",
    "retention",
    "regions",
    "contact",
]

# A notice that leaves one of these out would hide something the data map declares.
REQUIRED_SLOTS: frozenset[str] = frozenset(
    {
        "controller",
        "categories",
        "purposes.core",
        "purposes.additional",
        "recipients.sdk",
        "recipients.partner",
        "recipients.affiliate",
        "recipients.promotion",
        "recipients.authority",
        "retention",
        "regions",
        "contact",
    }
)

PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "product",
        "controller",
        "address",
        "phone",
        "phone_hours",
        "email",
        "officer",
        "response_days",
        "response_days_words",
        "version",
        "updated",
    }
)

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class NoticeTemplateError(PrivacyError):
    """The notice's prose file is missing, malformed, or names an unknown slot or placeholder."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProseBlock(_Strict):
    """Exactly one of: a paragraph, an ordered list, an unordered list, or a data-map slot."""

    p: str | None = None
    ol: tuple[str, ...] | None = None
    ul: tuple[str, ...] | None = None
    generate: Slot | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> ProseBlock:
        given = [name for name in ("p", "ol", "ul", "generate") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"a block needs exactly one of p, ol, ul, generate (got {given or 'none'})")
        return self

    def texts(self) -> tuple[str, ...]:
        if self.p is not None:
            return (self.p,)
        return self.ol or self.ul or ()


class ProseSection(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    heading: str = Field(min_length=1)
    blocks: tuple[ProseBlock, ...] = ()
    sections: tuple[ProseSection, ...] = ()

    def walk(self) -> list[ProseSection]:
        found = [self]
        for sub in self.sections:
            found += sub.walk()
        return found


class Prose(_Strict):
    """The whole prose file."""

    title: str = Field(min_length=1)
    preamble: tuple[ProseBlock, ...]
    sections: tuple[ProseSection, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> Prose:
        problems: list[str] = []
        ids = [s.id for top in self.sections for s in top.walk()]
        problems += [f"section id {i!r} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
        blocks = list(self.preamble) + [b for top in self.sections for s in top.walk() for b in s.blocks]
        used = {b.generate for b in blocks if b.generate is not None}
        problems += [f"the slot {slot!r} is missing" for slot in sorted(REQUIRED_SLOTS - used)]
        texts = [self.title] + [t for b in blocks for t in b.texts()] + [s.heading for s in _all_sections(self)]
        unknown = {name for text in texts for name in _PLACEHOLDER.findall(text)} - PLACEHOLDERS
        problems += [f"unknown placeholder {{{name}}}" for name in sorted(unknown)]
        if problems:
            raise ValueError("; ".join(problems))
        return self


def _all_sections(prose: Prose) -> list[ProseSection]:
    return [s for top in prose.sections for s in top.walk()]


def parse_prose(text: str, *, source: str = "<notice prose>") -> Prose:
    """Validate prose YAML; raise :class:`NoticeTemplateError` naming the problem."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise NoticeTemplateError(f"{source}: not valid YAML: {exc}") from exc
    try:
        return Prose.model_validate(raw)
    except ValidationError as exc:
        problems = [
            f"{'.'.join(str(p) for p in err['loc']) or '(top level)'}: {str(err['msg']).removeprefix('Value error, ')}"
            for err in exc.errors(include_url=False)
        ]
        raise NoticeTemplateError(f"{source}: invalid notice prose:\n  " + "\n  ".join(problems)) from None


def load_prose(path: Path) -> Prose:
    """Read and validate the prose file at ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise NoticeTemplateError(f"cannot read the notice prose {path}: {exc.strerror or exc}") from exc
    return parse_prose(text, source=str(path))


def fill(text: str, values: dict[str, str]) -> str:
    """Replace ``{name}`` placeholders (names were checked when the prose was loaded)."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], text)

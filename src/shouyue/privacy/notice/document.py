"""The rendered notice as a structured document, and its canonical plain text.

The document is plain data (frozen Pydantic models), so the web layer can render it as HTML,
the API can return it as JSON, and :meth:`NoticeDocument.as_text` gives one canonical text
form that later versions are diffed against. Nothing here reads the clock or the environment:
the same data map and prose always give the same document.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(Frozen):
    """A piece of text with an optional mark (for instance ``敏感个人信息``)."""

    text: str
    mark: str | None = None

    def as_text(self) -> str:
        return f"{self.text}（{self.mark}）" if self.mark else self.text


class Fact(Frozen):
    """One term and its values: ``收集的个人信息：手机号码、身份证号码（敏感个人信息）``."""

    term: str
    values: tuple[Span, ...]

    def as_text(self) -> str:
        return f"{self.term}：" + "、".join(v.as_text() for v in self.values)


class Paragraph(Frozen):
    kind: Literal["paragraph"] = "paragraph"
    text: str


class ItemList(Frozen):
    """A list; ``targets`` optionally names, item by item, the section each item refers to."""

    kind: Literal["list"] = "list"
    items: tuple[str, ...]
    ordered: bool = True
    targets: tuple[str, ...] = ()


class Table(Frozen):
    """A table; ``url_columns`` names the columns whose cells are web addresses."""

    kind: Literal["table"] = "table"
    id: str
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    url_columns: tuple[int, ...] = ()
    empty: str = "无"

    @model_validator(mode="after")
    def _rows_fit(self) -> Table:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"table {self.id!r}: a row has {len(row)} cells for {len(self.columns)} columns")
        return self


class Facts(Frozen):
    kind: Literal["facts"] = "facts"
    items: tuple[Fact, ...]


class Entry(Frozen):
    """A numbered, titled entry such as one processing purpose."""

    kind: Literal["entry"] = "entry"
    id: str
    number: str
    title: str
    facts: tuple[Fact, ...]


Block = Annotated[Paragraph | ItemList | Table | Facts | Entry, Field(discriminator="kind")]


class Section(Frozen):
    """A numbered section (一、) or subsection (（一）) with its blocks and subsections."""

    id: str
    number: str
    heading: str
    blocks: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()

    @property
    def title(self) -> str:
        """The heading as the notice prints it: ``一、适用范围`` or ``（一）核心功能``."""
        if self.number.startswith("（"):
            return f"{self.number}{self.heading}"
        return f"{self.number}、{self.heading}"

    def walk(self) -> list[Section]:
        """This section and every subsection below it, in reading order."""
        found = [self]
        for sub in self.subsections:
            found += sub.walk()
        return found


class NoticeDocument(Frozen):
    """The whole notice: title, dates, preamble and the numbered sections."""

    title: str
    version: str = Field(description="the data map version this notice was rendered from")
    updated: str = Field(description="更新日期 as printed")
    preamble: tuple[Block, ...]
    sections: tuple[Section, ...]

    def section(self, section_id: str) -> Section:
        """The section or subsection with this id (``KeyError`` if there is none)."""
        for top in self.sections:
            for found in top.walk():
                if found.id == section_id:
                    return found
        raise KeyError(section_id)

    def as_text(self) -> str:
        """Canonical plain text: one line per paragraph, list item, fact and table cell.

        Stable across runs and platforms, so two versions can be diffed line by line.
        """
        lines: list[str] = [self.title, f"更新日期：{self.updated}", f"版本：{self.version}", ""]
        for block in self.preamble:
            lines += _block_lines(block)
        for section in self.sections:
            lines += _section_lines(section)
        while lines and lines[-1] == "":
            lines.pop()
        return "\n".join(line.rstrip() for line in lines) + "\n"

    @property
    def fingerprint(self) -> str:
        """SHA-256 of :meth:`as_text`: changes exactly when the notice's wording changes."""
        return hashlib.sha256(self.as_text().encode("utf-8")).hexdigest()


def _section_lines(section: Section) -> list[str]:
    lines = [section.title, ""]
    for block in section.blocks:
        lines += _block_lines(block)
    for sub in section.subsections:
        lines += _section_lines(sub)
    return lines


def _block_lines(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [block.text, ""]
    if isinstance(block, ItemList):
        if block.ordered:
            return [f"{n}. {item}" for n, item in enumerate(block.items, start=1)] + [""]
        return [f"- {item}" for item in block.items] + [""]
    if isinstance(block, Facts):
        return [fact.as_text() for fact in block.items] + [""]
    if isinstance(block, Entry):
        return [f"{block.number}、{block.title}"] + [f"  {fact.as_text()}" for fact in block.facts] + [""]
    lines = [f"【表】{block.caption}"]
    if not block.rows:
        lines.append(f"  {block.empty}")
    for n, row in enumerate(block.rows, start=1):
        lines.append(f"  第{n}行")
        lines += [f"    {column}：{cell}" for column, cell in zip(block.columns, row, strict=True)]
    return [*lines, ""]

"""Read server-rendered pages the way a person does: visible text, links and tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class HtmlTable:
    id: str
    caption: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Page:
    text: str
    links: list[str]
    footer_links: list[str]
    tables: list[HtmlTable]
    scripts: list[dict[str, str | None]]
    inline_styles: int

    def table(self, table_id: str) -> HtmlTable:
        found = [t for t in self.tables if t.id == table_id]
        assert found, f"no table {table_id!r}; tables: {[t.id for t in self.tables]}"
        return found[0]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.links: list[str] = []
        self.footer_links: list[str] = []
        self.tables: list[HtmlTable] = []
        self.scripts: list[dict[str, str | None]] = []
        self.inline_styles = 0
        self._footer = 0
        self._skip = 0
        self._table: HtmlTable | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_caption = False
        self._in_head = False
        self._row_kind = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if "style" in attributes:
            self.inline_styles += 1
        if tag in ("script", "style"):
            self._skip += 1
            if tag == "script":
                self.scripts.append(attributes)
            else:
                self.inline_styles += 1
        elif tag == "footer":
            self._footer += 1
        elif tag == "a" and attributes.get("href"):
            href = attributes["href"] or ""
            self.links.append(href)
            if self._footer:
                self.footer_links.append(href)
        elif tag == "table":
            self._table = HtmlTable(id=attributes.get("id") or "")
        elif tag == "caption":
            self._in_caption = True
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []
            self._row_kind = attributes.get("class") or ""
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        elif tag == "footer":
            self._footer -= 1
        elif tag == "caption" and self._table is not None:
            self._in_caption = False
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "thead":
            self._in_head = False
        elif tag == "tr" and self._table is not None and self._row is not None:
            if self._in_head:
                self._table.headers = self._row
            elif self._row_kind not in ("group", "empty"):  # data rows only
                self._table.rows.append(self._row)
            self._row = None
        elif tag == "table" and self._table is not None:
            self.tables.append(self._table)
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.chunks.append(data)
        if self._cell is not None:
            self._cell.append(data)
        elif self._in_caption and self._table is not None:
            self._table.caption += data.strip()


def read_page(html: str) -> Page:
    """Parse ``html``; ``text`` is every visible string joined, whitespace collapsed to single spaces."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    text = " ".join(" ".join(reader.chunks).split())
    return Page(
        text=text,
        links=reader.links,
        footer_links=reader.footer_links,
        tables=reader.tables,
        scripts=reader.scripts,
        inline_styles=reader.inline_styles,
    )

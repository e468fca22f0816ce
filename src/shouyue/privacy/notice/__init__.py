"""The privacy notice rendered from the data map: a structured document and its canonical text."""

from shouyue.privacy.notice.document import (
    Block,
    Entry,
    Fact,
    Facts,
    ItemList,
    NoticeDocument,
    Paragraph,
    Section,
    Span,
    Table,
)
from shouyue.privacy.notice.prose import NoticeTemplateError, Prose, load_prose, parse_prose
from shouyue.privacy.notice.render import (
    PARTNER_COLUMNS,
    PARTNER_KINDS,
    SDK_COLUMNS,
    partner_table,
    partners,
    render_notice,
    sdk_table,
)

__all__ = [
    "PARTNER_COLUMNS",
    "PARTNER_KINDS",
    "SDK_COLUMNS",
    "Block",
    "Entry",
    "Fact",
    "Facts",
    "ItemList",
    "NoticeDocument",
    "NoticeTemplateError",
    "Paragraph",
    "Prose",
    "Section",
    "Span",
    "Table",
    "load_prose",
    "parse_prose",
    "partner_table",
    "partners",
    "render_notice",
    "sdk_table",
]

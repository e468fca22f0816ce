"""JioNLP's rule extractors, plus its own segmenter's POS tags (jiojio) for names and places.

JioNLP (GPLv3) is a benchmark-only dependency: nothing under ``src/`` imports it.  It has
extractors for phones (mobile and landline), ID cards, e-mail, IPv4, QQ, WeChat IDs and vehicle
plates; it has none for bank cards, passports or IPv6.  For person names and addresses it has no
offline extractor (``parse_location`` parses one address it is given, ``recognize_location``
returns no offsets), so this adapter uses the POS tagger JioNLP ships with, jiojio: ``nr`` tokens
are person names and runs of adjacent ``ns`` tokens are addresses.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from typing import Any

from .base import NotAvailable, Span, System, package_version, pos_tag_spans, resolve_overlaps

KINDS = frozenset(
    {"phone", "landline", "id_number", "email", "ipv4", "qq", "wechat_id", "plate", "person_name", "address"}
)


def _is_name(tag: str) -> bool:
    return tag == "nr"


def load() -> list[System]:
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # both packages print a banner on import
            import jiojio
            import jionlp as jio

            jiojio.init(pos=True)
    except Exception as exc:
        raise NotAvailable(f"import jionlp/jiojio failed: {type(exc).__name__}: {exc}") from exc

    def spans_of(results: list[dict[str, Any]], kind: str, text: str) -> list[Span]:
        out = []
        for r in results:
            start, end = r["offset"]  # type: ignore[misc]
            if text[start:end] == r["text"]:
                out.append(Span(start, end, kind))
        return out

    notes: dict[str, int] = {}

    def call(extractor: Callable[..., list[dict[str, Any]]], text: str) -> list[dict[str, Any]]:
        # a jionlp extractor that raises on one sentence (extract_email does, on hyphenated domains)
        # finds nothing in it; the count is reported beside the results
        try:
            return extractor(text, detail=True)
        except Exception as exc:
            key = f"jionlp.{extractor.__name__} raised {type(exc).__name__} (counted as no match)"
            notes[key] = notes.get(key, 0) + 1
            return []

    def detect(text: str) -> list[Span]:
        found: list[Span] = []
        for r in call(jio.extract_phone_number, text):
            start, end = r["offset"]
            found.append(Span(start, end, "phone" if r["type"] == "cell_phone" else "landline"))
        found += spans_of(call(jio.extract_id_card, text), "id_number", text)
        found += spans_of(call(jio.extract_email, text), "email", text)
        found += spans_of(call(jio.extract_ip_address, text), "ipv4", text)
        found += [Span(s.start, s.end, s.kind, 0.9) for s in spans_of(call(jio.extract_qq, text), "qq", text)]
        found += spans_of(call(jio.extract_wechat_id, text), "wechat_id", text)
        found += spans_of(call(jio.extract_motor_vehicle_licence_plate, text), "plate", text)
        found += [Span(s.start, s.end, s.kind, 0.5) for s in pos_tag_spans(text, jiojio.cut(text), _is_name)]
        return resolve_overlaps(found)

    return [
        System(
            "jionlp",
            KINDS,
            detect,
            "jionlp.extract_* rules + jiojio POS (nr -> person_name, merged ns -> address)",
            {"jionlp": package_version("jionlp"), "jiojio": package_version("jiojio")},
            notes,
        )
    ]

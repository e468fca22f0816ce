"""jieba's POS tagger: ``nr*`` tokens are person names, runs of adjacent ``ns`` tokens addresses."""

from __future__ import annotations

import logging

from .base import NotAvailable, Span, System, package_version, pos_tag_spans


def _is_name(tag: str) -> bool:
    return tag.startswith("nr")


def load() -> list[System]:
    try:
        import jieba
        import jieba.posseg as pseg
    except Exception as exc:
        raise NotAvailable(f"import jieba failed: {type(exc).__name__}: {exc}") from exc

    jieba.setLogLevel(logging.ERROR)
    pseg.dt.initialize()  # load the bundled dictionary now, not inside the first timed call

    def detect(text: str) -> list[Span]:
        return pos_tag_spans(text, ((p.word, p.flag) for p in pseg.cut(text)), _is_name)

    return [
        System(
            "jieba",
            frozenset({"person_name", "address"}),
            detect,
            "jieba.posseg (HMM on): nr/nrfg/nrt -> person_name, merged ns -> address",
            {"jieba": package_version("jieba")},
        )
    ]

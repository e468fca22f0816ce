"""Microsoft Presidio with hand-written Chinese ``PatternRecognizer``s and the ``no_op`` NLP engine.

No spaCy model is downloaded or loaded: the analyzer is built from
``NlpEngineProvider(nlp_configuration={"nlp_engine_name": "no_op", "models": [{"lang_code": "zh",
"model_name": "no_op"}]})``, which returns empty NLP artifacts, and a ``RecognizerRegistry`` that
holds only the pattern recognizers below (so no predefined or spaCy NER recognizer is
registered).  Cues for QQ and WeChat are written into the regexes as variable-width look-behinds
(Presidio matches with the ``regex`` package), because the no-op engine yields no tokens for
Presidio's context enhancer.  Checksums run in ``validate_result``: a failed check drops the
match.  Full-width digits are mapped to ASCII before analysis (a length-preserving step, so
offsets are unchanged).

The regexes are this benchmark's own, written from the public formats, not copied from Shouyue's
detector.  Presidio detects no person names or addresses here (that needs an NER model).
"""

from __future__ import annotations

import ipaddress
import logging

from .base import STRUCTURED, NotAvailable, Span, System, package_version, resolve_overlaps

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
FW = str.maketrans("０１２３４５６７８９", "0123456789")


def _digits(s: str) -> str:
    return "".join(c for c in s.translate(FW) if c.isdigit() or c in "Xx")


def id_ok(s: str) -> bool:
    d = _digits(s).upper()
    if len(d) == 15:
        return True  # legacy numbers have no check digit; the regex already checked the date
    if len(d) != 18 or not d[:17].isdigit():
        return False
    return "10X98765432"[sum(int(c) * w for c, w in zip(d[:17], ID_WEIGHTS, strict=True)) % 11] == d[17]


def luhn_ok(s: str) -> bool:
    d = _digits(s)
    if not 16 <= len(d) <= 19 or not d.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(d)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def ipv6_ok(s: str) -> bool:
    try:
        ipaddress.IPv6Address(s)
    except ValueError:
        return False
    return True


D = r"\d"
DATE8 = r"(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
PLATE_PROV = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PL = "A-HJ-NP-Z"

# kind -> [(pattern name, regex, score)]
PATTERNS: dict[str, list[tuple[str, str, float]]] = {
    "phone": [
        ("cn_mobile", rf"(?<!{D})(?:\+86[- ]?)?1[3-9]{D}[- ]?{D}{{4}}[- ]?{D}{{4}}(?!{D})", 0.7),
    ],
    "landline": [
        (
            "cn_landline",
            r"(?<!\d)(?:\+86[- ]?[1-9]\d{1,2}[- ]|[(（]0[1-9]\d{1,2}[)）] ?|0[1-9]\d{1,2}[- ]?)"
            r"[2-8]\d{2,3}[- ]?\d{4}(?!\d)",
            0.6,
        ),
    ],
    "id_number": [
        ("cn_id18", rf"(?<![0-9A-Za-z]){D}{{6}} ?{DATE8} ?{D}{{3}}[0-9Xx](?![0-9A-Za-z])", 0.5),
        ("cn_id15", r"(?<!\d)\d{6}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?!\d)", 0.3),
    ],
    "bank_card": [
        ("cn_bank_card", r"(?<![\d-])[3-6]\d{3}(?:[ -]?\d{4}){2}[ -]?\d{4}(?:[ -]?\d{1,3})?(?![\d-])", 0.4),
    ],
    "email": [
        ("email", r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", 0.9),
    ],
    "ipv4": [
        ("ipv4", rf"(?<![\d.]){OCTET}(?:\.{OCTET}){{3}}(?!\.?\d)", 0.6),
    ],
    "ipv6": [
        ("ipv6", r"(?<![0-9A-Za-z:])(?=[0-9A-Fa-f:]*:[0-9A-Fa-f]*:)[0-9A-Fa-f:]{2,39}(?![0-9A-Za-z:])", 0.6),
    ],
    "plate": [
        (
            "cn_plate",
            rf"[{PLATE_PROV}][{PL}][·•\s]?(?:[DF][{PL}0-9]\d{{4}}|\d{{5}}[DF]|[{PL}0-9]{{5}})(?![A-Za-z0-9])",
            0.6,
        ),
    ],
    "passport": [
        ("cn_passport", rf"(?<![A-Za-z0-9])(?:E[{PL}0-9]\d{{7}}|G\d{{8}}|[DSP]E?\d{{7}})(?![A-Za-z0-9])", 0.4),
    ],
    "qq": [
        (
            "qq_with_cue",
            rf"(?<=(?:(?<![A-Za-z0-9_])(?:QQ|Q)|扣扣|企鹅)(?:号码|号)?\s*(?:[:：=]|是|为)?\s*)[1-9]{D}{{4,10}}(?!{D})",
            0.6,
        ),
    ],
    "wechat_id": [
        (
            "wechat_with_cue",
            r"(?<=(?:微信|薇信|威信|V信|(?<![A-Za-z0-9_])(?:wechat|weixin|vx|wx|v))(?:_?id|号)?\s*(?:[:：=]|是|为)?\s*)"
            r"[A-Za-z][A-Za-z0-9_-]{5,19}(?![A-Za-z0-9_-])",
            0.6,
        ),
    ],
}


def load() -> list[System]:
    try:
        from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NlpEngineProvider
    except Exception as exc:
        raise NotAvailable(f"import presidio_analyzer failed: {type(exc).__name__}: {exc}") from exc

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)

    validators = {"id_number": id_ok, "bank_card": luhn_ok, "ipv6": ipv6_ok}

    class ZhPatternRecognizer(PatternRecognizer):  # type: ignore[misc]
        def __init__(self, kind: str) -> None:
            self.kind = kind
            patterns = [Pattern(name=n, regex=rx, score=score) for n, rx, score in PATTERNS[kind]]
            super().__init__(
                supported_entity=kind.upper(),
                name=f"Zh{kind.title().replace('_', '')}Recognizer",
                supported_language="zh",
                patterns=patterns,
            )

        def validate_result(self, pattern_text: str) -> bool | None:
            check = validators.get(self.kind)
            return None if check is None else check(pattern_text)

    try:
        provider = NlpEngineProvider(
            nlp_configuration={"nlp_engine_name": "no_op", "models": [{"lang_code": "zh", "model_name": "no_op"}]}
        )
        nlp_engine = provider.create_engine()
        registry = RecognizerRegistry(
            recognizers=[ZhPatternRecognizer(k) for k in PATTERNS], supported_languages=["zh"]
        )
        analyzer = AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["zh"])
    except Exception as exc:
        raise NotAvailable(f"building the no_op Presidio analyzer failed: {type(exc).__name__}: {exc}") from exc

    entities = [k.upper() for k in PATTERNS]

    def detect(text: str) -> list[Span]:
        # full-width digits -> ASCII: same length, so offsets still index the original text
        results = analyzer.analyze(text=text.translate(FW), language="zh", entities=entities)
        return resolve_overlaps(Span(r.start, r.end, r.entity_type.lower(), float(r.score)) for r in results)

    return [
        System(
            "presidio",
            frozenset(STRUCTURED),
            detect,
            f"presidio-analyzer, no_op NLP engine ({type(nlp_engine).__name__}), {len(PATTERNS)} zh PatternRecognizers",
            {"presidio-analyzer": package_version("presidio-analyzer")},
        )
    ]

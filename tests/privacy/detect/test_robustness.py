"""Any text at all: spans are well-formed, nothing raises, and big inputs finish."""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shouyue.privacy.detect import KINDS, find_pi, mask_text

pytestmark = pytest.mark.promise("P21")

# Characters that make detectors fire, mixed with anything (surrogates included).
_PI_ALPHABET = "0123456789０１２３４５６７８９ -+()（）.:@Xx省市区县路号栋室收件人张王欧阳李先生QQ微信京A·EG"
pi_like = st.text(alphabet=_PI_ALPHABET, max_size=120)
anything = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=120)
mixed = st.lists(st.one_of(pi_like, anything, st.sampled_from(["13812345678", "11010519491231002X", "收件人张三"])))


def _check(text: str) -> None:
    spans = find_pi(text)
    last_end = 0
    for span in spans:
        assert span.kind in KINDS
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
        assert span.start >= last_end, "spans overlap or are out of order"
        assert 0.0 <= span.score <= 1.0
        last_end = span.end
    masked, again = mask_text(text)
    assert again == spans
    assert isinstance(masked, str)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(anything, pi_like, mixed.map("".join)))
def test_spans_are_well_formed_for_any_text(text: str) -> None:
    _check(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\ud800",
        "手机\udfff13812345678\ud800",
        "\x00\x01\x02\xff" * 100,
        bytes(range(256)).decode("latin-1"),
        bytes(range(256)).decode("utf-8", errors="surrogateescape"),
        "１３８１２３４５６７８",
        "Ｔｅｌ：１３８－１２３４－５６７８，ＱＱ：１２３４５６７８９",
        "مرحبا 13812345678 Привет 张三 こんにちは",
        "1" * 10_000,
        "省" * 5_000 + "路1号" * 2_000,
        "张" * 10_000,
        ":" * 10_000 + "::1",
        "a" * 5_000 + "@" + "b" * 5_000 + ".com",
    ],
)
def test_odd_inputs_do_not_raise(text: str) -> None:
    _check(text)


def test_full_width_digits_are_detected_with_offsets_into_the_original() -> None:
    text = "手机：１３８１２３４５６７８。"
    (span,) = find_pi(text)
    assert (span.kind, span.start, span.end, span.text) == ("phone", 3, 14, "１３８１２３４５６７８")
    assert mask_text(text)[0] == "手机：138****5678。"


def test_five_megabytes_of_text_finish() -> None:
    rng = random.Random(7)
    pieces = [
        "这个商品质量很好，包装也很用心，物流很快。",
        "订单号：202311281234567890，已发货。",
        "收件人张三，电话13812345678，地址广东省深圳市南山区科技园科苑路15号讯美科技广场3栋1201室。",
        "2023-11-28 15:30:00 INFO login ip=192.168.1.20 ua=Mozilla/5.0 ",
        "邮箱zhang.san@qq.com，QQ：123456789。",
        "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(200)),
    ]
    text = "".join(rng.choice(pieces) for _ in range(60_000))
    text = (text * (5_000_000 // len(text) + 1))[:5_000_000]
    started = time.perf_counter()
    spans = find_pi(text)
    assert time.perf_counter() - started < 600  # generous: it must finish, not be fast
    assert spans and all(text[s.start : s.end] == s.text for s in spans[:1000])

"""The notice's prose file: a wrong slot or placeholder is refused when it is loaded."""

from __future__ import annotations

import pytest
import yaml

from shouyue.privacy.errors import PrivacyError
from shouyue.privacy.notice import NoticeTemplateError, Prose, parse_prose
from shouyue.privacy.notice.prose import REQUIRED_SLOTS


def _minimal(**changes: object) -> str:
    raw: dict[str, object] = {
        "title": "{product}隐私声明",
        "preamble": [{"p": "欢迎使用{product}。"}, {"generate": "controller"}],
        "sections": [
            {
                "id": "all",
                "heading": "全部",
                "blocks": [{"generate": slot} for slot in sorted(REQUIRED_SLOTS - {"controller"})],
            }
        ],
    }
    raw.update(changes)
    return yaml.safe_dump(raw, allow_unicode=True)


def test_a_complete_prose_file_loads() -> None:
    assert isinstance(parse_prose(_minimal()), Prose)


def test_the_packaged_prose_loads(prose: Prose) -> None:
    assert prose.title == "{product}隐私声明"


def test_a_missing_slot_is_refused() -> None:
    text = _minimal(sections=[{"id": "all", "heading": "全部", "blocks": [{"generate": "purposes.core"}]}])

    with pytest.raises(NoticeTemplateError, match=r"the slot 'recipients\.sdk' is missing"):
        parse_prose(text)


def test_an_unknown_placeholder_is_refused() -> None:
    with pytest.raises(NoticeTemplateError, match=r"unknown placeholder \{company\}"):
        parse_prose(_minimal(title="{company}隐私声明"))


def test_an_unknown_slot_is_refused() -> None:
    with pytest.raises(NoticeTemplateError, match="generate"):
        parse_prose(_minimal(preamble=[{"generate": "controller"}, {"generate": "everything"}]))


def test_a_block_with_two_kinds_is_refused() -> None:
    with pytest.raises(NoticeTemplateError, match="exactly one of p, ol, ul, generate"):
        parse_prose(_minimal(preamble=[{"generate": "controller", "p": "又是段落"}]))


def test_notice_template_errors_are_privacy_errors() -> None:
    # so `shouyue serve` reports them in one line instead of a traceback
    assert issubclass(NoticeTemplateError, PrivacyError)

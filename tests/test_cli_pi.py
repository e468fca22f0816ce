"""``shouyue pi scan``: JSON lines, masked text, kind restriction, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shouyue.cli import app

pytestmark = pytest.mark.promise("P21")
runner = CliRunner()
TEXT = "收件人张三，手机13812345678，邮箱zhang.san@qq.com\n身份证 11010519491231002X\n"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "review.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_scan_prints_one_json_line_per_span(sample: Path) -> None:
    result = runner.invoke(app, ["pi", "scan", str(sample)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["kind"] for r in rows] == ["person_name", "phone", "email", "id_number"]
    assert set(rows[0]) == {"kind", "start", "end", "text", "score"}
    for row in rows:
        assert TEXT[row["start"] : row["end"]] == row["text"]


def test_scan_reads_standard_input() -> None:
    result = runner.invoke(app, ["pi", "scan", "-"], input="电话13812345678")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"kind": "phone", "start": 2, "end": 13, "text": "13812345678", "score": 0.99}


def test_mask_prints_the_masked_text(sample: Path) -> None:
    result = runner.invoke(app, ["pi", "scan", "--mask", str(sample)])
    assert result.exit_code == 0
    assert result.stdout == "收件人张*，手机138****5678，邮箱z***@qq.com\n身份证 1****************X\n"


def test_kinds_restrict_the_scan(sample: Path) -> None:
    result = runner.invoke(app, ["pi", "scan", "--kinds", "phone,email", str(sample)])
    assert result.exit_code == 0
    assert [json.loads(line)["kind"] for line in result.stdout.splitlines()] == ["phone", "email"]


def test_unknown_kind_is_an_error(sample: Path) -> None:
    result = runner.invoke(app, ["pi", "scan", "--kinds", "phone,nickname", str(sample)])
    assert result.exit_code != 0
    assert "nickname" in result.stderr
    assert result.stdout == ""


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["pi", "scan", str(tmp_path / "nope.txt")])
    assert result.exit_code != 0
    assert "no such file" in result.stderr


def test_undecodable_bytes_do_not_crash(tmp_path: Path) -> None:
    path = tmp_path / "junk.bin"
    path.write_bytes(b"\xff\xfe\x00phone 13812345678 \xc3\x28")
    result = runner.invoke(app, ["pi", "scan", str(path)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["text"] == "13812345678"

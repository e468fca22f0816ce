"""``shouyue datamap check``: ok on the shipped map, a non-zero exit naming entry and line otherwise."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from shouyue.cli import app
from tests.privacy.datamap.samples import MINIMAL, broken

runner = CliRunner()


def test_check_accepts_the_shipped_map() -> None:
    # when
    result = runner.invoke(app, ["datamap", "check"])

    # then
    assert result.exit_code == 0, result.output
    assert re.search(r"^ok: \d+ categories, \d+ purposes, \d+ recipients, \d+ retention rules$", result.stdout, re.M)


def test_check_accepts_a_valid_file(tmp_path: Path) -> None:
    path = tmp_path / "datamap.yaml"
    path.write_text(MINIMAL, encoding="utf-8")

    result = runner.invoke(app, ["datamap", "check", str(path)])

    assert result.exit_code == 0, result.output
    assert "ok: 5 categories, 3 purposes, 2 recipients, 2 retention rules" in result.stdout


def test_check_refuses_a_broken_copy_and_names_entry_and_line(tmp_path: Path) -> None:
    # given: a purpose refers to a category the map does not declare
    text = broken(
        MINIMAL, "categories: [recipient.name, recipient.phone]", "categories: [recipient.nam, recipient.phone]"
    )
    path = tmp_path / "datamap.yaml"
    path.write_text(text, encoding="utf-8")
    line = 1 + text.splitlines().index("    categories: [recipient.nam, recipient.phone]")

    # when
    result = runner.invoke(app, ["datamap", "check", str(path)])

    # then
    assert result.exit_code == 2
    assert f"error: {path}:{line}: purpose 'order.fulfilment' uses unknown category 'recipient.nam'" in result.stderr
    assert "ok:" not in result.stdout


def test_check_refuses_malformed_yaml(tmp_path: Path) -> None:
    path = tmp_path / "datamap.yaml"
    path.write_text(MINIMAL + "  - {id: broken\n", encoding="utf-8")

    result = runner.invoke(app, ["datamap", "check", str(path)])

    assert result.exit_code == 2
    assert f"error: {path}:" in result.stderr
    assert "not valid YAML" in result.stderr


def test_check_refuses_a_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["datamap", "check", str(tmp_path / "absent.yaml")])

    assert result.exit_code == 2
    assert "cannot read the data map" in result.stderr

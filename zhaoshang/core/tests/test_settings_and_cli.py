"""Settings are declared once and documented; start-up errors are one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from zhaoshang.conf.settings import SETTINGS_DOC
from zhaoshang.core.money import format_wan, format_yi, to_wan

ROOT = Path(__file__).resolve().parents[3]


def test_every_setting_is_documented():
    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS_DOC if f"`{s.name}`" not in doc]
    assert missing == []


def test_env_example_lists_every_setting():
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert [s.name for s in SETTINGS_DOC if f"{s.name}=" not in example] == []


@pytest.mark.parametrize("url, expected", [
    ("mysql2://nowhere/db", "配置错误：DATABASE_URL 无法识别"),
    ("postgres://nobody@127.0.0.1:1/none", "无法连接数据库（请检查 DATABASE_URL）"),
])
def test_a_bad_database_url_gives_one_clear_line(url, expected, tmp_path):
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "zhaoshang.conf.settings"}
    result = subprocess.run([sys.executable, "-m", "zhaoshang", "migrate", "--check"], env=env,
                            capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(expected)


def test_money_is_parsed_exactly():
    assert to_wan("1,234.5678万元") == Decimal("1234.5678")
    assert to_wan(0.1) == Decimal("0.1")
    assert format_wan(Decimal("1234567.5000")) == "1,234,567.5"
    assert format_yi(Decimal("123456")) == "12.35"
    with pytest.raises(ValueError, match="金额格式不正确"):
        to_wan("十万")

"""Compile every .po under zhaoshang/locale to .mo with polib (no GNU gettext on a fresh machine)."""

from __future__ import annotations

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "把 locale 下的 .po 编译为 .mo（不依赖 gettext 工具）"

    def handle(self, *args, **options) -> None:
        count = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in Path(locale_dir).rglob("*.po"):
                polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
                count += 1
        self.stdout.write(f"已编译 {count} 个翻译文件")

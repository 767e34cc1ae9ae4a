"""`zhaoshang demo`: build the 连云港 demo and serve it with gunicorn at http://127.0.0.1:8000."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from zhaoshang.accounts.enums import Role
from zhaoshang.demo import lianyungang
from zhaoshang.demo.builder import build_demo
from zhaoshang.demo.generator import SCALES


class Command(BaseCommand):
    help = "生成连云港演示数据并启动平台（--load-only 只生成不启动）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--load-only", action="store_true", help="只生成数据，不启动服务")
        parser.add_argument("--scale", choices=sorted(SCALES), default="demo",
                            help="数据规模：demo（默认，约 240 个项目）、city（约 2,000 个项目、20,000 条跟踪）、"
                                 "province（约 100,000 个项目、2,000,000 条跟踪）")
        parser.add_argument("--seed", type=int, default=2026, help="随机种子：相同种子生成相同数据")
        parser.add_argument("--bind", default="127.0.0.1:8000", help="服务地址")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn 工作进程数")
        parser.add_argument("--database-url", help="数据库地址（也可用环境变量 DATABASE_URL）")

    def handle(self, *args, **opts) -> None:
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        self.stdout.write(f"数据库：{engine} {settings.DATABASES['default'].get('NAME')}")
        call_command("migrate", interactive=False, verbosity=0)
        started = time.perf_counter()
        report = build_demo(scale=opts["scale"], seed=opts["seed"],
                            progress=lambda line: self.stdout.write(f"  {line}"))
        self.stdout.write(self.style.SUCCESS(
            f"演示数据就绪（{time.perf_counter() - started:.1f} 秒）：单位 {report.units} 个，"
            f"新建项目 {report.projects_created:,} 个、跟踪记录 {report.follow_ups_created:,} 条、"
            f"线索 {report.leads_created:,} 条（已存在的不重复生成）"))
        for _app, created in report.extensions.items():
            if any(created.values()):
                self.stdout.write("  " + "，".join(f"{k} {v:,}" for k, v in created.items()))
        self._print_accounts()
        if opts["load_only"]:
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        self._serve(opts["bind"], opts["workers"])

    def _print_accounts(self) -> None:
        self.stdout.write(f"\n演示账号（密码均为 {lianyungang.DEMO_PASSWORD}）：")
        for username, full_name, role, unit_code, _title in lianyungang.DEMO_USERS:
            unit = next((u[2] for u in lianyungang.DISTRICTS if u[0] == unit_code), None) or \
                next((d[2] for d in lianyungang.DEPARTMENTS if d[0] == unit_code), "连云港市")
            self.stdout.write(f"  {username:<14} {full_name:<6} {Role(role).label:<12} {unit}")

    def _serve(self, bind: str, workers: int) -> None:
        """gunicorn for the pages and the huey consumer for the background work (export jobs, document
        queues, duplicate-pursuit checks, nightly health checks) — both stop together on Ctrl+C."""
        gunicorn = shutil.which("gunicorn") or str(Path(sys.executable).with_name("gunicorn"))
        if not Path(gunicorn).exists():
            raise CommandError("找不到 gunicorn，请先运行 scripts/setup.sh")
        self.stdout.write(self.style.SUCCESS(f"\n平台已启动：http://{bind}/  （Ctrl+C 停止）"))
        sys.stdout.flush()
        consumer = subprocess.Popen([sys.executable, "-m", "zhaoshang", "run_huey", "--quiet"])
        server = subprocess.Popen([gunicorn, "zhaoshang.conf.wsgi:application", "--bind", bind,
                                   "--workers", str(workers), "--access-logfile", "-", "--timeout", "120"])
        signal.signal(signal.SIGTERM, lambda *_: server.terminate())
        try:
            server.wait()
        except KeyboardInterrupt:  # Ctrl+C, or SIGINT sent to this process alone
            server.terminate()
            server.wait()
        finally:
            consumer.terminate()
            try:
                consumer.wait(timeout=10)
            except subprocess.TimeoutExpired:
                consumer.kill()

"""`zhaoshang init`: prepare an empty production database for 连云港 — real data only, no demo records."""

from __future__ import annotations

import getpass
import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from zhaoshang.accounts.enums import Role
from zhaoshang.accounts.models import User
from zhaoshang.accounts.services import user_create
from zhaoshang.core.errors import BusinessError

#: The first accounts (三员分立 plus the city admin, who creates everyone else on the accounts pages).
INITIAL_ACCOUNTS = [
    ("city_admin", "市级招商管理员", Role.CITY_ADMIN),
    ("sysadmin", "系统管理员", Role.SYSTEM_ADMIN),
    ("secadmin", "安全管理员", Role.SECURITY_ADMIN),
    ("auditor", "审计管理员", Role.AUDIT_ADMIN),
]
PASSWORD_ENV = "ZHAOSHANG_INIT_PASSWORD"


class Command(BaseCommand):
    help = ("初始化生产数据库：迁移数据库，加载连云港的单位、园区和部门、链主企业、三条产业链、项目评分规则、"
            "要素保障路由和节假日，并创建市级招商管理员和三员账号（不生成任何演示数据，可重复执行）")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-migrate", action="store_true", help="不执行数据库迁移")

    def handle(self, *args, **opts) -> None:
        from zhaoshang.chains.models import Chain
        from zhaoshang.chains.services import chains_load_reference
        from zhaoshang.demo.builder import chain_leaders_ensure, units_ensure
        from zhaoshang.factors.demo import calendar_ensure, routing_ensure
        from zhaoshang.projects.services.scoring import project_rules_ensure_defaults

        if not opts["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        missing = [a for a in INITIAL_ACCOUNTS if not User.objects.filter(username=a[0]).exists()]
        password = self._password() if missing else ""
        try:
            with transaction.atomic():
                units = units_ensure()
                leaders = chain_leaders_ensure(units)
                for username, full_name, role in missing:
                    user_create(username=username, full_name=full_name, role=role, unit=units["lyg"],
                                password=password, title=full_name)
                admin = User.objects.get(username="city_admin")
                chains_load_reference(user=admin)
                chains = Chain.objects.count()
                project_rules_ensure_defaults()
                days = calendar_ensure(admin)
                routes = routing_ensure(admin, units)
        except BusinessError as exc:
            raise CommandError(exc.message) from exc
        say = self.stdout.write
        say(self.style.SUCCESS(f"初始化完成：单位 {len(units)} 个，链主企业 {leaders} 家，产业链 {chains} 条，"
                               f"要素保障路由新增 {routes} 条，节假日新增 {days} 天"))
        for username, full_name, _role in INITIAL_ACCOUNTS:
            state = "新建" if any(a[0] == username for a in missing) else "已存在，未改动"
            say(f"  {username:<12} {full_name}（{state}）")
        if missing:
            say("请各账号首次登录后立即修改密码；其他单位和人员由市级招商管理员在“账号管理”中创建。")

    def _password(self) -> str:
        """The first accounts' initial password: from the environment (unattended installs) or typed twice."""
        value = os.environ.get(PASSWORD_ENV, "")
        if value:
            return value
        if not sys.stdin.isatty():
            raise CommandError(f"请设置环境变量 {PASSWORD_ENV} 作为初始密码，或在终端中运行以输入密码")
        first = getpass.getpass("初始密码（至少 10 位，含大小写字母、数字、符号中的三类）：")
        if first != getpass.getpass("再次输入："):
            raise CommandError("两次输入的密码不一致")
        return first

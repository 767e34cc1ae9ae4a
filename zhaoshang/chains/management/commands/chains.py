"""`zhaoshang chains …`: the chain jobs on the command line (large imports, rescoring, snapshots)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from zhaoshang.accounts.models import User


class Command(BaseCommand):
    help = "产业链：加载内置产业链、导入企业库、重新识别企业节点、计算目标企业、生成集群快照"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True,
                                    metavar="{load-reference,import-firms,classify,rescore,snapshot,restore-indexes}")
        sub.add_parser("load-reference", help="加载内置的石化、生物医药、新材料三条产业链（可重复执行）")
        imp = sub.add_parser("import-firms", help="导入企业库文件（.csv、.parquet、.xlsx 或 Parquet 文件夹）")
        imp.add_argument("file")
        imp.add_argument("--workers", type=int, default=2, help="识别节点的并行进程数（默认 2）")
        imp.add_argument("--initial", action="store_true",
                         help="首次大批量导入（PostgreSQL）：导入完成后一次性重建索引，速度更快")
        imp.add_argument("--no-history", action="store_true", help="不为新增、更新的企业写审计历史（不建议）")
        imp.add_argument("--user", default="city_admin", help="记为导入人的用户名")
        sub.add_parser("classify", help="按当前节点关键词和人工修正重新识别全部企业（人工修正过的企业不变）")
        sub.add_parser("rescore", help="重新计算全部目标企业得分和缺口")
        snap = sub.add_parser("snapshot", help="生成产业集群快照")
        snap.add_argument("--date", help="快照日期 YYYY-MM-DD（默认今天；历史日期按企业成立日期回溯）")
        sub.add_parser("restore-indexes", help="重建首次导入时暂缓的索引（导入中断后使用）")

    def handle(self, *args, **opts) -> None:
        from zhaoshang.chains import services
        from zhaoshang.chains.services.universe import indexes_restore
        from zhaoshang.chains.universe import UniverseFileError, read_batches

        action = opts["action"]
        say = self.stdout.write
        if action == "load-reference":
            stats = services.chains_load_reference(user=None)
            say("，".join(f"{k} {v}" for k, v in stats.items()))
        elif action == "import-firms":
            path = Path(opts["file"])
            if not path.exists():
                raise CommandError(f"找不到文件：{path}")
            user = User.objects.filter(username=opts["user"]).first()
            try:
                result = services.firms_import_universe(
                    batches=read_batches(path), user=user, workers=opts["workers"], initial=opts["initial"],
                    history=not opts["no_history"], progress=lambda line: say(f"  {line}"))
            except UniverseFileError as exc:
                raise CommandError(str(exc)) from exc
            say(self.style.SUCCESS(
                f"读取 {result.total:,} 行：新增 {result.inserted:,}，更新 {result.updated:,}，未变化 {result.unchanged:,}，"
                f"拒绝 {result.rejected:,}，放到节点 {result.placed:,}（{result.seconds:.0f} 秒）"))
            for e in result.errors[:20]:
                say(f"  第 {e['row']} 行：{e['errors']}")
        elif action == "classify":
            say(str(services.firms_classify(progress=lambda line: say(f"  {line}"))))
        elif action == "rescore":
            run = services.targets_rescore(progress=lambda line: say(f"  {line}"))
            say(self.style.SUCCESS(f"目标企业 {run.targets:,} 个，缺口 {run.gaps} 个（{run.seconds:.0f} 秒）"))
        elif action == "snapshot":
            day = date.fromisoformat(opts["date"]) if opts["date"] else timezone.localdate()
            say(f"集群快照 {services.cluster_snapshots_take(taken_on=day, as_of=day)} 条")
        else:
            say(f"重建索引 {indexes_restore()} 个")

"""Load the demo cluster of the fictional city 示例市 (see govportal/demo/)."""

from __future__ import annotations

import logging

from django.core.management.base import BaseCommand, CommandError

from govportal.core.errors import Conflict
from govportal.demo.loader import SEED, load_demo


class Command(BaseCommand):
    help = (
        "生成虚构城市“示例市”的演示网站群（门户、部门、乡镇、村/社区网站，600余篇文章，图片，"
        "同步发布，审核待办，演示账号），全部本地生成，不需联网。只能在没有网站的新数据库上运行一次："
        "演示数据已存在时拒绝运行（不是幂等操作）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="文章数量倍数（测试可用 0.05）")
        parser.add_argument("--seed", type=int, default=SEED, help="随机种子（同一种子生成相同内容）")

    def handle(self, *args, **options):
        if options["scale"] <= 0:
            raise CommandError("--scale 必须大于 0")
        verbose = options["verbosity"] >= 1
        # Wagtail logs every page created at INFO: 700 lines that hide the progress.
        wagtail_logger = logging.getLogger("wagtail")
        level = wagtail_logger.level
        if options["verbosity"] < 2:
            wagtail_logger.setLevel(logging.WARNING)
        try:
            summary = load_demo(
                scale=options["scale"],
                seed=options["seed"],
                log=(lambda msg: self.stdout.write(f"  {msg}")) if verbose else (lambda msg: None),
            )
        except Conflict as exc:
            raise CommandError(exc.message) from exc
        finally:
            wagtail_logger.setLevel(level)
        if verbose:
            offers = summary.offers
            self.stdout.write(
                self.style.SUCCESS(
                    f"示例市演示数据已生成（用时 {summary.seconds:.1f} 秒）：单位 {summary.agencies} 个，"
                    f"网站 {summary.sites} 个，文章 {summary.articles} 篇，图片 {summary.images} 张，"
                    f"同步发布 已采用 {offers.get('accepted', 0)} / 待审核 {offers.get('offered', 0)} / "
                    f"未采用 {offers.get('declined', 0)}，审核待办 {summary.workflow_tasks} 件，"
                    f"定时发布 {summary.scheduled} 篇，演示账号 {summary.staff} 个，"
                    f"站内搜索已索引 {summary.indexed} 条。"
                )
            )

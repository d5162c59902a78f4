"""Print the demo staff logins as a table, plus the admin URL."""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.core.management.base import BaseCommand

from wagtail.models import Site

from govportal.core import access
from govportal.core.models import Role, User
from govportal.demo import registry
from govportal.demo.loader import demo_password


def _width(value: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in value)


def _pad(value: str, width: int) -> str:
    return value + " " * (width - _width(value))


def format_table(rows: list[list[str]]) -> str:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


class Command(BaseCommand):
    help = "列出演示账号（用户名、密码、单位、角色）和管理后台地址。"

    def handle(self, *args, **options):
        usernames = [registry.ADMIN_USERNAME] + [s.username for s in registry.demo_staff()]
        users = {u.username: u for u in User.objects.filter(username__in=usernames).select_related("agency")}
        if not users:
            self.stdout.write("没有演示账号：请先运行 manage.py load_demo。")
            return
        roles = {s.username: str(Role(s.role).label) for s in registry.demo_staff()}
        password = demo_password()
        rows = [["用户名", "密码", "姓名", "单位", "角色"]]
        for username in usernames:
            user = users.get(username)
            if user is None:
                continue
            role = "超级管理员（市信息办）" if access.is_demo_superuser(user) else roles.get(username, "")
            agency = user.agency.name if user.agency else ""
            rows.append([username, password, str(user), agency, role])
        site = Site.objects.filter(is_default_site=True).first()
        base = site.root_url if site else "http://localhost:8000"
        self.stdout.write("演示账号（所有账号密码相同）：")
        self.stdout.write(format_table(rows))
        # Accounts the area demos add (网上办事 window clerks, the 督查 supervisor …): they are
        # given the demo admin's password hash, which is how they are told from real staff.
        admin = users.get(registry.ADMIN_USERNAME)
        others = (
            User.objects.exclude(username__in=usernames).filter(is_active=True, password=admin.password)
            if admin is not None
            else User.objects.none()
        ).select_related("agency")
        if others.exists():
            other_rows = [["用户名", "密码", "姓名", "单位"]]
            for user in others.order_by("agency__sort_order", "username"):
                other_rows.append([user.username, password, str(user), user.agency.name if user.agency else ""])
            self.stdout.write("各业务演示账号（密码相同）：")
            self.stdout.write(format_table(other_rows))
        self.stdout.write(f"管理后台：{base}/admin/")
        if settings.GOVPORTAL_STAFF_2FA_REQUIRED:
            self.stdout.write("已开启工作人员双因素认证：首次登录后按页面提示用手机身份验证器扫码绑定。")

"""年度报表 in the admin (网站监管 → 年度报表): the list, generating, editing (a computed
figure needs a reason: 400 in Chinese), 核对, publishing refused with an unexplained
difference, the xlsx; another agency's report is a 404."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

from django.test import Client
from django.urls import reverse

import pytest
import time_machine

from govportal.core.models import Role, User
from govportal.monitor.yearly import actions
from govportal.monitor.yearly.models import ReportStatus, YearlyReport
from tests.conftest import column, publish_article

TZ = ZoneInfo("Asia/Shanghai")
Y = 2027


def travel(*args):
    return time_machine.travel(datetime(*args, 10, tzinfo=TZ), tick=False)


@pytest.fixture
def people(cluster, make_staff):
    office = User.objects.create_superuser("nb_admin_office", password=None)
    return {
        "office": office,
        "edu": make_staff(cluster["agencies"]["edu"], Role.EDITOR, username="nb_admin_edu"),
        "town": make_staff(cluster["agencies"]["town"], Role.EDITOR, username="nb_admin_town"),
        "homes": cluster["homes"],
    }


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_generates_edits_checks_and_publishes_their_sites_report(people):
    home = people["homes"]["edu"]
    with travel(Y, 3, 2):
        publish_article(column(home, "gzdt"), "全市中小学春季开学")
    with travel(Y + 1, 1, 10):
        edu = login(people["edu"])
        index = edu.get(reverse("monitor_yearly_admin:index"))
        assert index.status_code == 200
        assert "示例市教育局" in index.content.decode() and "青山镇" not in index.content.decode()
        response = edu.post(reverse("monitor_yearly_admin:generate"), {"year": Y, "site": home.pk})
        report = YearlyReport.objects.get(site=home, year=Y)
        assert response.status_code == 302 and response["Location"].endswith(f"/{report.pk}/")
        page = edu.get(reverse("monitor_yearly_admin:report", args=[report.pk])).content.decode()
        assert "政务动态信息更新量" in page and "本网站动态要闻类、通知公告类栏目当年发布的文章" in page
    edit = reverse("monitor_yearly_admin:edit", args=[report.pk])
    with travel(Y + 1, 1, 11):
        edu = login(people["edu"])
        refused = edu.post(edit, {"info_news": "9", "unique_visitors": "100"})
        assert refused.status_code == 400
        assert "须填写理由" in refused.content.decode()
        assert report.values.get(key="unique_visitors").value == ""  # nothing saved
        bad = edu.post(edit, {"unique_visitors": "一百"})
        assert bad.status_code == 400 and "须为不小于0的整数" in bad.content.decode()
        ok = edu.post(
            edit, {"info_news": "9", "reason_info_news": "另有8条动态发布在微信公众号", "unique_visitors": "100"}
        )
        assert ok.status_code == 302
        checked = edu.post(reverse("monitor_yearly_admin:check", args=[report.pk])).content.decode()
        assert "另有8条动态发布在微信公众号" in checked and "核对结果" in checked
    with travel(Y, 12, 31):
        publish_article(column(home, "tzgg"), "年末通知")  # the records move after generation
    with travel(Y + 1, 1, 12):
        edu = login(people["edu"])
        refused = edu.post(reverse("monitor_yearly_admin:publish", args=[report.pk]))
        assert refused.status_code == 409
        body = refused.content.decode()
        assert "未说明理由" in body and "信息发布（条） · 总数" in body
        assert YearlyReport.objects.get(pk=report.pk).status == ReportStatus.DRAFT
        edu.post(reverse("monitor_yearly_admin:generate"), {"year": Y, "site": home.pk})
        assert edu.post(reverse("monitor_yearly_admin:publish", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    edu = login(people["edu"])
    assert report.status == ReportStatus.PUBLISHED
    assert report.values.get(key="info_news").value == "9"
    xlsx = edu.get(reverse("monitor_yearly_admin:xlsx", args=[report.pk]))
    from openpyxl import load_workbook

    assert load_workbook(BytesIO(xlsx.content)).active["A1"].value == f"政府网站工作年度报表（{Y}年度）"
    # Published: the screen shows no form, edits are refused.
    page = edu.get(reverse("monitor_yearly_admin:report", args=[report.pk])).content.decode()
    assert "核对并发布" not in page
    assert edu.post(edit, {"unique_visitors": "5"}).status_code == 409


def test_another_agencys_report_is_a_404(people):
    with travel(Y + 1, 1, 10):
        login(people["office"]).post(
            reverse("monitor_yearly_admin:generate"), {"year": Y, "site": people["homes"]["edu"].pk}
        )
    report = YearlyReport.objects.get(site=people["homes"]["edu"], year=Y)
    town = login(people["town"])
    for name in ("report", "edit", "check", "publish", "xlsx"):
        url = reverse(f"monitor_yearly_admin:{name}", args=[report.pk])
        assert town.get(url).status_code == 404, name
        assert town.post(url).status_code == 404, name
    with travel(Y + 1, 1, 10):
        town = login(people["town"])
        # Generating for another agency's site: 404 too.
        assert (
            town.post(reverse("monitor_yearly_admin:generate"), {"year": Y, "site": report.site_id}).status_code == 404
        )
    town = login(people["town"])
    assert "示例市教育局" not in town.get(reverse("monitor_yearly_admin:index")).content.decode()


def test_office_generates_every_site_and_bad_years_are_refused(people):
    with travel(Y + 1, 1, 10):
        office = login(people["office"])
        assert office.post(reverse("monitor_yearly_admin:generate"), {"year": Y}).status_code == 302
        assert YearlyReport.objects.filter(year=Y).count() == 4  # portal, 教育局, 青山镇, 东坪村
        # Regenerated by the system (no actor, as the demo does): its history says 系统.
        report = actions.yearly_report_generate(actor=None, site=people["homes"]["town"], year=Y)
        page = office.get(reverse("monitor_yearly_admin:report", args=[report.pk]))
        assert page.status_code == 200 and "系统" in page.content.decode()
        for bad in ("", "abc", "2016", str(Y + 2), "２０２７"):
            response = office.post(reverse("monitor_yearly_admin:generate"), {"year": bad})
            assert response.status_code == 400, bad
            assert "年度" in response.content.decode()
        assert office.get(reverse("monitor_yearly_admin:generate")).status_code == 405


def test_anonymous_and_agencyless_users_are_turned_away(people):
    assert Client().get(reverse("monitor_yearly_admin:index")).status_code in (302, 403)
    nobody = User.objects.create_user("nb_nobody", password=None, is_staff=False)
    assert login(nobody).get(reverse("monitor_yearly_admin:index")).status_code in (302, 403, 404)

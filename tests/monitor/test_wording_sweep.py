"""The 错敏词 sweep of published pages (frozen time), its admin list scoped by agency, the
accept-with-reason there, the xlsx export, the command, the periodic job, and the
dictionaries' screens (the information office edits, staff read)."""

from __future__ import annotations

from io import BytesIO, StringIO

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from govportal.core.models import AgencyKind, Role, User
from govportal.core.scheduler import registered_jobs
from govportal.monitor.wording_actions import wording_sweep
from govportal.monitor.wording_models import WordingAcceptance, WordingEntry, WordingFinding, WordKind
from tests.conftest import column, publish_article

NOW = "2026-04-01 02:00:00+08:00"


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def published(cluster):
    edu = publish_article(
        column(cluster["homes"]["edu"], "gzdt"), "教育局召开会议", body="<p>会议要求再接再励，做为重点。</p>"
    )
    city = publish_article(column(cluster["homes"]["city"], "zwyw"), "市政府最佳实践", body="<p>正文。</p>")
    clean = publish_article(column(cluster["homes"]["edu"], "gzdt"), "教育局工作简报", body="<p>正文内容。</p>")
    return {"edu": edu, "city": city, "clean": clean}


def test_the_sweep_records_each_published_hit_with_its_agency_and_time(cluster, published):
    with time_machine.travel(NOW, tick=False):
        result = wording_sweep(now=timezone.now())
    assert result["findings"] == 3
    edu = {(f.word, f.field, f.offset) for f in WordingFinding.objects.filter(page=published["edu"])}
    assert edu == {("再接再励", "body", 4), ("做为", "body", 9)}
    finding = WordingFinding.objects.get(page=published["city"])
    assert finding.agency == cluster["agencies"]["city"] and finding.kind == WordKind.BANNED
    assert finding.found_at.strftime("%Y-%m-%d %H:%M") == "2026-03-31 18:00"
    assert not WordingFinding.objects.filter(page=published["clean"]).exists()


def test_a_second_sweep_replaces_the_findings_and_skips_accepted_words(cluster, published, make_staff):
    wording_sweep(now=timezone.now())
    WordingAcceptance.objects.create(
        page=published["edu"],
        kind=WordKind.TYPO,
        word="做为",
        reason="引文",
        accepted_by=make_staff(cluster["agencies"]["edu"], Role.REVIEWER),
    )
    wording_sweep(now=timezone.now())
    assert sorted(WordingFinding.objects.values_list("word", flat=True)) == ["再接再励", "最佳"]


def test_the_command_runs_the_sweep(cluster, published):
    out = StringIO()
    call_command("wording_sweep", stdout=out)
    assert "发现 3 处" in out.getvalue()


def test_the_sweep_is_a_periodic_job():
    assert "monitor_wording_sweep" in {job.name for job in registered_jobs()}


def test_staff_see_their_own_agencys_findings_only(cluster, published, make_staff):
    wording_sweep(now=timezone.now())
    editor = login(make_staff(cluster["agencies"]["edu"], Role.EDITOR))
    body = editor.get(reverse("monitor_wording:sweep")).content.decode()
    assert "教育局召开会议" in body and "再接再励" in body
    assert "市政府最佳实践" not in body
    # Another agency's page: its check is a 404.
    assert editor.get(reverse("monitor_wording:page", args=[published["city"].pk])).status_code == 404


def test_the_information_office_sees_every_agency_and_exports(cluster, published):
    from openpyxl import load_workbook

    wording_sweep(now=timezone.now())
    office = login(User.objects.create_superuser("xxb_wording", password=None))
    body = office.get(reverse("monitor_wording:sweep")).content.decode()
    assert "教育局召开会议" in body and "市政府最佳实践" in body
    response = office.get(reverse("monitor_wording:sweep_export") + "?kind=banned")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][:5] == ("单位", "页面", "位置", "类别", "词语")
    assert [r[4] for r in rows[2:]] == ["最佳"]


def test_a_reviewer_accepts_from_the_sweep_list_with_a_reason(cluster, published, make_staff):
    wording_sweep(now=timezone.now())
    reviewer = make_staff(cluster["agencies"]["edu"], Role.REVIEWER)
    back = reverse("monitor_wording:sweep")
    response = login(reviewer).post(
        reverse("monitor_wording:accept", args=[published["edu"].pk]),
        {"live": "1", "reason": "会议原话", "back": back},
    )
    assert response.status_code == 302 and response["Location"] == back
    assert not WordingFinding.objects.filter(page=published["edu"]).exists()
    assert WordingAcceptance.objects.filter(page=published["edu"], accepted_by=reviewer).count() == 2


def test_staff_read_the_dictionaries_and_only_the_information_office_edits(cluster, make_staff):
    editor = login(make_staff(cluster["agencies"]["edu"], Role.EDITOR))
    index = reverse("monitor_wording_dictionary:index")
    assert "国土资源局" in editor.get(index).content.decode()
    assert editor.get(reverse("monitor_wording_dictionary:add")).status_code in (302, 403)
    entry = WordingEntry.objects.get(word="按装")
    assert editor.get(reverse("monitor_wording_dictionary:edit", args=[entry.pk])).status_code in (302, 403)

    office_user = User.objects.create_superuser("xxb_dict", password=None)
    office = login(office_user)
    response = office.post(
        reverse("monitor_wording_dictionary:add"),
        {"word": "示列", "suggestion": "示例", "kind": WordKind.TYPO, "note": "", "active": "on"},
    )
    assert response.status_code == 302
    added = WordingEntry.objects.get(word="示列")
    assert added.updated_by == office_user
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(object_id=str(added.pk), action="wagtail.create", user=office_user).exists()


def test_another_agency_cannot_see_the_sweep_of_others(cluster, published, make_agency, make_staff):
    wording_sweep(now=timezone.now())
    other = make_agency(AgencyKind.DEPARTMENT, name="示例市财政局", short_name="财政局")
    body = login(make_staff(other, Role.EDITOR)).get(reverse("monitor_wording:sweep")).content.decode()
    assert "教育局召开会议" not in body and "市政府最佳实践" not in body


def test_the_sweep_reads_every_page_type_not_only_articles(cluster):
    page = column(cluster["homes"]["edu"], "jgzn")
    page.intro = "本局其它职能"
    page.body = "<p>负责全市中小学<b>按</b>装工作。</p>"
    page.save_revision().publish()
    wording_sweep(now=timezone.now())
    found = {(f.field, f.word) for f in WordingFinding.objects.filter(page=page)}
    assert found == {("intro", "其它"), ("body", "按装")}


def test_the_dictionary_exports_as_xlsx_for_the_information_office(db):
    from openpyxl import load_workbook

    office = login(User.objects.create_superuser("xxb_export", password=None))
    response = office.get(reverse("monitor_wording_dictionary:index") + "?export=xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True))
    assert ("按装", "安装") in {(r[0], r[1]) for r in rows}

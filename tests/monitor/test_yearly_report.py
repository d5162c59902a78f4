"""政府网站工作年度报表: generation from the system's own records, each declared figure, edit
with reason, 核对, publish, the public page, the xlsx, the reminder, access (ADR 0025).

Data is built through the real actions at frozen times in 2027 (a year the working-day
calendar knows); the reports of 2027 are generated in January 2028."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

from django.test import Client

import pytest
import time_machine

from govportal.cluster import supervision
from govportal.core.errors import Conflict, InvalidInput, NotAllowed
from govportal.core.models import Role, User
from govportal.core.outbox.models import OutboxMessage
from govportal.monitor.yearly import actions, sources
from govportal.monitor.yearly.form import BY_KEY, ROWS
from govportal.monitor.yearly.models import ReportStatus, YearlyReport
from tests.conftest import column, publish_article

Y = 2027
TZ = ZoneInfo("Asia/Shanghai")


def at(year, month, day, hour=10):
    return datetime(year, month, day, hour, tzinfo=TZ)


def travel(when):
    return time_machine.travel(when, tick=False)


def _staff(agency, role, username):
    from govportal.cluster.permissions import agency_groups

    user = User(username=username, agency=agency, last_name=agency.short_name, first_name=str(Role(role).label))
    user.set_unusable_password()
    user.save()
    user.groups.add(agency_groups(agency)[role])
    return user


@pytest.fixture
def office(db):
    return User.objects.create_superuser("nb_office", password=None, email="xxb@example.gov.cn")


@pytest.fixture
def world(cluster, office, file_roots):
    """The education bureau's site with a year of work in 2027 (and some outside it)."""
    from govportal.disclosure.models import DisclosureDocumentPage, DisclosureIndexPage
    from govportal.interaction import actions as letters
    from govportal.interaction.models import Category, Mailbox, MailboxCategory, MailboxKind
    from govportal.interviews import actions as interviews
    from govportal.participation import actions as participation
    from govportal.servicehall.models import Audience
    from tests.interviews.conftest import make_interview
    from tests.participation.conftest import answers, make_survey
    from tests.servicehall.conftest import direct_submit, make_form, make_item

    homes, ag = cluster["homes"], cluster["agencies"]
    edu, home = ag["edu"], homes["edu"]
    edu.email = "jyj@example.gov.cn"
    edu.save()
    clerk = _staff(edu, Role.EDITOR, "nb_edu_clerk")
    reviewer = _staff(edu, Role.REVIEWER, "nb_edu_reviewer")
    with travel(at(Y - 1, 6, 1)):
        publish_article(column(home, "gzdt"), "去年的工作动态")  # another year
    with travel(at(Y, 3, 2)):
        publish_article(column(home, "gzdt"), "全市中小学春季开学")
        publish_article(column(home, "gzdt"), "教师培训启动")
        publish_article(column(home, "tzgg"), "关于寒假安全的通知")
        publish_article(column(home, "zcwj"), "学生资助办法")
        column(home, "jgzn").save_revision().publish()  # 机构职能 updated once
        publish_article(column(homes["town"], "xzdt"), "青山镇动态")  # a sub-site of the portal
        index = DisclosureIndexPage.objects.child_of(home).get()
        doc = DisclosureDocumentPage(
            title="示例市学生资助管理办法",
            summary="资助办法。",
            date_made=at(Y, 3, 1).date(),
            category="a20_01",
            body="<p>正文。</p>",
        )
        index.add_child(instance=doc)
        doc.save_revision().publish()
        reading = DisclosureDocumentPage(
            title="《示例市学生资助管理办法》解读",
            summary="解读。",
            date_made=at(Y, 3, 1).date(),
            category="a20_01",
            body="<p>解读。</p>",
            interprets=doc,
        )
        index.add_child(instance=reading)
        reading.save_revision().publish()
        box = Mailbox.objects.create(
            kind=MailboxKind.AGENCY, name="教育局信箱", slug="nbjyj", agency=edu, triage_agency=edu
        )
        MailboxCategory.objects.create(mailbox=box, category=Category.CONSULT, reply_days=5)
        sent = []
        for title in ("入学咨询", "校车咨询", "学费咨询"):
            sent.append(
                letters.letter_submit(
                    mailbox=box,
                    category=Category.CONSULT,
                    title=title,
                    may_publish=True,
                    content="请问孩子入学需要准备什么材料？",
                    name="张三",
                    phone="13812345678",
                    email="",
                )[0]
            )
    with travel(at(Y, 3, 4)):  # two working days later
        for letter in sent[:2]:
            letters.letter_accept(letter=letter, actor=clerk, assign_to=edu)
            letters.letter_submit_reply(letter=letter, actor=clerk, text="您好，材料见入学专栏。")
            letters.letter_approve_reply(letter=letter, actor=reviewer, publish=letter is sent[0])
    with travel(at(Y, 4, 1)):
        item = make_item(edu, code="NB-EDU-1", name="教师资格认定", audience=Audience.CITIZEN)
        make_form(item, actor=office)
        make_item(edu, code="NB-EDU-2", name="民办学校设立", visits=1)  # not fully online
        make_item(edu, code="NB-EDU-3", name="未公开事项", published=False)
        direct_submit(item)
        survey = make_survey(edu, days=10)
        participation.survey_answer(survey=survey, voter="anon:nb-1", data=answers(survey))
        participation.survey_answer(survey=survey, voter="anon:nb-2", data=answers(survey))
        talk = make_interview(edu, actor=office, days=1)
    with travel(at(Y, 4, 2, 9)):
        question = interviews.question_submit(
            interview=talk, name="李四", phone="13900001111", content="新学期什么时候开学？"
        )
        interviews.question_submit(interview=talk, name="王五", phone="13900002222", content="校车怎么报名？")
        interviews.question_approve(question=question, actor=office)
    with travel(at(Y, 4, 2, 11)):
        interviews.interview_start(interview=talk, actor=office)
    with travel(at(Y, 4, 2, 12)):
        interviews.interview_end(interview=talk, actor=office)
        interviews.question_answer_written(question=question, actor=office, answer="9月1日开学。")
    with travel(at(Y + 1, 1, 5)):
        publish_article(column(home, "gzdt"), "新年动态")  # the next year
    return {"home": home, "edu": edu, "clerk": clerk, "reviewer": reviewer, "office": office, "cluster": cluster}


def generate(world, site=None, who=None):
    with travel(at(Y + 1, 1, 10)):
        return actions.yearly_report_generate(actor=who or world["office"], site=site or world["home"], year=Y)


def values(report) -> dict[str, str]:
    return {v.key: v.value for v in report.values.all()}


def test_generation_counts_the_sites_records_of_the_year(world):
    report = generate(world)
    v = values(report)
    assert set(v) == {r.key for r in ROWS}
    assert v["site_name"] == "示例市教育局"
    assert v["site_code"] == "4301000002"
    assert v["site_type"] == "部门网站"
    assert v["host_unit"] == "示例市教育局"
    assert v["info_news"] == "3"  # 2 动态 + 1 通知公告; last year's and next year's not counted
    assert v["info_catalogue"] == "2"
    # 4 articles + 机构职能's publication(s) in the year + 2 catalogue entries
    assert int(v["info_total"]) == 4 + int(v["info_overview"]) + 2
    assert int(v["info_overview"]) >= 1
    assert v["interp_materials"] == "1"
    assert v["interp_total"] == "1"
    assert v["letters_received"] == "3"
    assert v["letters_closed"] == "2"
    assert v["letters_avg_days"] == "2.0"
    assert v["letters_published"] == "1"
    assert v["service_catalogue"] == "是"
    assert v["service_items"] == "2"
    assert v["service_items_online"] == "1"
    assert (v["apps_total"], v["apps_natural"], v["apps_legal"]) == ("1", "1", "0")
    assert (v["surveys_held"], v["surveys_opinions"], v["surveys_results"]) == ("1", "2", "1")
    assert (v["interviews_held"], v["interviews_questions"], v["interviews_answered"]) == ("1", "2", "1")
    assert v["unique_visitors"] == "" and v["innov_accessible"] == "是"  # entered rows: defaults only
    assert report.status == ReportStatus.DRAFT


def test_portal_counts_city_level_agencies_and_its_own_pages_only(world):
    portal = world["cluster"]["homes"]["city"]
    report = generate(world, site=portal)
    v = values(report)
    assert v["site_type"] == "政府门户网站"
    assert v["letters_received"] == "3"  # the education bureau is a city-level agency
    assert v["info_news"] == "0"  # 青山镇's article belongs to the township's own report
    town = generate(world, site=world["cluster"]["homes"]["town"])
    assert values(town)["info_news"] == "1"
    assert values(town)["site_code"] == "4301000001"  # a sub-site shows the portal's registry


def test_every_area_declares_its_figures(world):
    keys = {f.key for f in supervision.yearly_figures()}
    wanted = {row.source.split(":", 1)[1] for row in ROWS if row.source.startswith(("figure:", "any:"))}
    assert wanted <= keys
    assert "interaction.letters_close_days" in keys
    edu = world["edu"].pk
    counts = {f.key: f.count([edu], Y).get(edu, 0) for f in supervision.yearly_figures()}
    assert counts == {
        "disclosure.catalogue_entries": 2,
        "disclosure.interpretations": 1,
        "interaction.letters_received": 3,
        "interaction.letters_closed": 2,
        "interaction.letters_close_days": 4,
        "interaction.letters_published": 1,
        "interviews.held": 1,
        "interviews.questions": 2,
        "interviews.answered": 1,
        "participation.held": 1,
        "participation.opinions": 2,
        "participation.results_published": 1,
        "servicehall.items": 2,
        "servicehall.items_fully_online": 1,
        "servicehall.applications": 1,
        "servicehall.applications_natural": 1,
        "servicehall.applications_legal": 0,
    } | {
        k: v
        for k, v in counts.items()
        if not k.startswith(("disclosure", "interaction", "interviews", "participation", "servicehall"))
    }
    assert all(
        f.count([edu], Y - 1).get(edu, 0) == 0 for f in supervision.yearly_figures() if f.key != "servicehall.items"
    )


def test_editing_a_computed_figure_needs_a_reason_and_is_logged(world):
    report = generate(world)
    with travel(at(Y + 1, 1, 12)):
        with pytest.raises(InvalidInput) as err:
            actions.yearly_report_edit(actor=world["clerk"], report=report, values={"letters_received": "4"})
        assert "理由" in err.value.message
        actions.yearly_report_edit(
            actor=world["clerk"],
            report=report,
            values={"letters_received": "4", "unique_visitors": "12,345", "interp_products": "2"},
            reasons={"letters_received": "一封来信通过电话转入，未在系统登记"},
        )
    v = values(report)
    assert (v["letters_received"], v["unique_visitors"], v["interp_total"]) == ("4", "12345", "3")
    stored = report.values.get(key="letters_received")
    assert stored.computed == "3" and stored.overridden and stored.edited_by == world["clerk"]
    log = report.edits.filter(kind="edit", key="letters_received").get()
    assert (log.old, log.new, log.actor, log.reason) == ("3", "4", world["clerk"], "一封来信通过电话转入，未在系统登记")
    # Regenerating keeps the person's figure and reason.
    generate(world)
    assert report.values.get(key="letters_received").value == "4"
    # Set back to the count: the override and its reason go.
    with travel(at(Y + 1, 1, 13)):
        actions.yearly_report_edit(actor=world["clerk"], report=report, values={"letters_received": "3"})
    assert not report.values.get(key="letters_received").overridden


BAD = [
    ("unique_visitors", "-1"),
    ("unique_visitors", "abc"),
    ("smart_qa", "也许"),
    ("filled_on", "2028-13-40"),
    ("letters_avg_days", "x"),
    ("filler", "长" * 201),
    ("nonexistent", "1"),
    ("interp_total", "5"),
]


def test_bad_values_are_refused_in_chinese(world):
    report = generate(world)
    for key, raw in BAD:
        with pytest.raises(InvalidInput) as err:
            actions.yearly_report_edit(actor=world["clerk"], report=report, values={key: raw}, reasons={key: "理由"})
        assert any("\u4e00" <= ch <= "\u9fff" for ch in err.value.message), key
    # Full-width digits are read as digits; control characters (NUL) are dropped.
    actions.yearly_report_edit(actor=world["clerk"], report=report, values={"unique_visitors": "１２３\x00"})
    assert values(report)["unique_visitors"] == "123"


def test_check_lists_differences_and_publish_refuses_unexplained_ones(world):
    from govportal.servicehall.models import Audience
    from tests.servicehall.conftest import direct_submit, make_form, make_item

    report = generate(world)
    with travel(at(Y + 1, 1, 12)):
        actions.yearly_report_edit(
            actor=world["clerk"],
            report=report,
            values={"letters_published": "5"},
            reasons={"letters_published": "另有4封在政务新媒体公开"},
        )
        assert [d.key for d in actions.yearly_report_check(actor=world["clerk"], report=report)] == [
            "letters_published"
        ]
    # The records change after generation: an application of 2027 comes in late (imported).
    with travel(at(Y, 12, 30)):
        item = make_item(world["edu"], code="NB-EDU-9", name="学籍证明", audience=Audience.ENTERPRISE)
        make_form(item, actor=world["office"])
        direct_submit(item)
    with travel(at(Y + 1, 1, 14)):
        diffs = actions.yearly_report_check(actor=world["clerk"], report=report)
        by_key = {d.key: d for d in diffs}
        assert by_key["letters_published"].explained and by_key["letters_published"].reason == "另有4封在政务新媒体公开"
        assert (
            by_key["apps_total"].value == "1"
            and by_key["apps_total"].fresh == "2"
            and not by_key["apps_total"].explained
        )
        assert not by_key["service_items"].explained
        with pytest.raises(Conflict) as err:
            actions.yearly_report_publish(actor=world["clerk"], report=report)
        assert "未说明理由" in err.value.message
    assert YearlyReport.objects.get(pk=report.pk).status == ReportStatus.DRAFT
    generate(world)  # take the fresh counts (the override stays)
    with travel(at(Y + 1, 1, 15)):
        published = actions.yearly_report_publish(actor=world["clerk"], report=report)
    assert published.status == ReportStatus.PUBLISHED and values(published)["apps_total"] == "2"
    assert values(published)["letters_published"] == "5"
    with pytest.raises(Conflict):
        actions.yearly_report_edit(actor=world["clerk"], report=published, values={"filler": "张三"})
    with pytest.raises(Conflict):
        generate(world)


def test_one_report_per_site_and_year(world):
    first = generate(world)
    again = generate(world)
    assert first.pk == again.pk
    assert YearlyReport.objects.filter(site=world["home"], year=Y).count() == 1


def test_other_agency_may_not_work_on_the_report(world, make_staff):
    report = generate(world)
    town_clerk = make_staff(world["cluster"]["agencies"]["town"], Role.EDITOR, username="nb_town")
    with pytest.raises(NotAllowed):
        actions.yearly_report_edit(actor=town_clerk, report=report, values={"filler": "张三"})
    with pytest.raises(NotAllowed):
        actions.yearly_report_generate(actor=town_clerk, site=world["home"], year=Y)


def _publish(world):
    report = generate(world)
    with travel(at(Y + 1, 1, 20)):
        actions.yearly_report_edit(
            actor=world["clerk"],
            report=report,
            values={
                "unique_visitors": "52013",
                "total_visits": "310456",
                "filler": "王小明",
                "filled_on": "2028-01-20",
            },
        )
        return actions.yearly_report_publish(actor=world["clerk"], report=report)


def test_public_page_reached_from_the_footer_shows_the_published_report(world):
    report = _publish(world)
    client = Client()
    home = client.get("/", HTTP_HOST="jyj.localhost")
    assert home.status_code == 200
    link = f"/nianbao/{world['home'].pk}/"
    assert f'href="{link}"' in home.content.decode()
    listing = client.get(link, HTTP_HOST="jyj.localhost")
    body = listing.content.decode()
    assert listing.status_code == 200
    assert "2027年度政府网站工作年度报表" in body and "<caption>" in body
    assert '<th scope="row" colspan="2">独立用户访问总量（个）</th><td>52013</td>' in body
    assert '<th scope="rowgroup" rowspan="4">信息发布（条）</th>' in body
    detail = client.get(f"/nianbao/{world['home'].pk}/{Y}/", HTTP_HOST="jyj.localhost")
    assert detail.status_code == 200 and "王小明" in detail.content.decode()
    assert report.is_published


def test_a_draft_is_not_public(world):
    generate(world)
    client = Client()
    assert client.get(f"/nianbao/{world['home'].pk}/{Y}/").status_code == 404
    assert client.get(f"/nianbao/{world['home'].pk}/{Y}/xlsx/").status_code == 404
    body = client.get(f"/nianbao/{world['home'].pk}/").content.decode()
    assert "暂无已发布的年度报表" in body
    assert client.get("/nianbao/999999/").status_code == 404


def test_xlsx_reads_back_in_the_national_layout(world):
    from openpyxl import load_workbook

    _publish(world)
    response = Client().get(f"/nianbao/{world['home'].pk}/{Y}/xlsx/")
    assert response.status_code == 200
    ws = load_workbook(BytesIO(response.content)).active
    assert ws["A1"].value == "政府网站工作年度报表（2027年度）"
    cells, heading = {}, None
    for r in range(3, ws.max_row + 1):
        if ws.cell(r, 2).value is None or ws.cell(r, 1).value is not None:
            heading = ws.cell(r, 1).value  # a merged heading holds its text in its first cell
        cells[(heading, ws.cell(r, 2).value)] = ws.cell(r, 3).value
    assert cells[("网站名称", None)] == "示例市教育局"
    assert cells[("信息发布（条）", "政务动态信息更新量")] == "3"
    assert cells[("独立用户访问总量（个）", None)] == "52013"
    assert ws.max_row == 2 + len(ROWS)
    merged = {str(m) for m in ws.merged_cells.ranges}
    first_info = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == "信息发布（条）")
    assert f"A{first_info}:A{first_info + 3}" in merged


def test_reminder_once_per_site_before_the_deadline_and_a_last_call(world, settings):
    settings.GOVPORTAL_MONITOR_REPORT_REMIND_DAYS = 15
    settings.GOVPORTAL_MONITOR_REPORT_LAST_CALL_DAYS = 3
    homes, agencies = world["cluster"]["homes"], world["cluster"]["agencies"]
    for name in ("town", "village"):
        agencies[name].email = f"{name}@example.gov.cn"
        agencies[name].save()
    _publish(world)  # the education bureau's report is out: no reminder for it
    with travel(at(Y + 1, 1, 10)):
        assert actions.yearly_report_remind() == 0  # 21 days before: too early

    def keys():
        return set(OutboxMessage.objects.filter(key__startswith="monitor:yearly-remind:").values_list("key", flat=True))

    with travel(at(Y + 1, 1, 16)):
        actions.yearly_report_remind()
        first = keys()
        actions.yearly_report_remind()  # the same day again (a second worker): nothing new
        assert keys() == first
    assert first == {
        f"monitor:yearly-remind:{homes['town'].pk}:{Y}:first:town@example.gov.cn",
        f"monitor:yearly-remind:office:{Y}:first:xxb@example.gov.cn",
    }  # not the education bureau (published), not the village page, not the portal (no e-mail)
    with travel(at(Y + 1, 1, 17)):
        actions.yearly_report_remind()
        assert keys() == first  # once per site and year
    with travel(at(Y + 1, 1, 29)):
        actions.yearly_report_remind()
        last = keys() - first
        assert len(last) == 2 and all(f":{Y}:last:" in k for k in last)
    with travel(at(Y + 1, 2, 1)):
        assert actions.yearly_report_remind() == 0
        assert keys() == first | last
    town = OutboxMessage.objects.get(key=f"monitor:yearly-remind:{homes['town'].pk}:{Y}:first:town@example.gov.cn")
    assert "2028-01-31" in town.body and "青山镇" in town.subject
    office = OutboxMessage.objects.get(key=f"monitor:yearly-remind:office:{Y}:first:xxb@example.gov.cn")
    assert "示例市人民政府" in office.body and "青山镇" in office.body and "示例市教育局" not in office.body


def test_the_reminder_is_a_daily_periodic_job():
    from datetime import timedelta

    from govportal.core.scheduler import registered_jobs

    job = next(j for j in registered_jobs() if j.name == "monitor_yearly_report_remind")
    assert job.every == timedelta(days=1)


def test_every_row_of_the_form_has_a_computation_or_is_entered(world):
    computed = sources.compute(world["home"], Y)
    assert {r.key for r in ROWS if r.computed} == set(computed)
    assert BY_KEY["unique_visitors"].entered and BY_KEY["letters_received"].computed

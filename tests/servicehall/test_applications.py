"""Applications through the public pages and the admin: submit, drafts, validation,
acceptance by the lead window, parallel department tasks with their own limits, supplement
pauses, refusal, the result PDF, and who may see what."""

from __future__ import annotations

import re
from datetime import date

import pytest

from govportal.core.cases.models import Case, OverdueLevel
from govportal.core.errors import Conflict, InvalidInput, NotFound
from govportal.core.outbox.models import OutboxMessage
from govportal.servicehall import actions, selectors
from govportal.servicehall.models import Application, Decision, DepartmentTask, TaskRole
from govportal.servicehall.workflow import State
from tests.servicehall.conftest import direct_submit, form_post, pdf_upload, submit
from tests.submission import guard_fields

pytestmark = pytest.mark.django_db


def _codes(response) -> tuple[str, str]:
    html = response.content.decode()
    number = re.search(r'id="tracking-number">([^<]+)<', html).group(1)
    code = re.search(r'id="query-code">([^<]+)<', html).group(1)
    return number, code


def test_guide_page_shows_every_element_and_the_apply_link(client, hall):
    item = hall["item"]
    html = client.get(f"/banshi/shixiang/{item.code}/").content.decode()
    for text in [
        "食品经营许可",
        item.code,
        "设定依据",
        "《中华人民共和国食品安全法》第三十五条",
        "申请条件",
        "食品经营许可申请书",
        "原件",
        "电子件",
        "办理流程",
        "消防安全审查",
        "法定办结时限",
        "20 个工作日",
        "承诺办结时限",
        "10 个工作日",
        "不收费",
        "到办事现场次数",
        "需要现场核查吗？",
        "12345 政务服务便民热线",
        f"/banshi/shixiang/{item.code}/shenqing/",
    ]:
        assert text in html, text


def test_unpublished_item_is_404(client, hall):
    item = hall["item"]
    item.is_published = False
    item.save()
    assert client.get(f"/banshi/shixiang/{item.code}/").status_code == 404


def test_index_filters_by_department_theme_and_audience(client, hall):
    from govportal.servicehall.models import Audience
    from tests.servicehall.conftest import make_item

    make_item(hall["agencies"]["other"], code="EDU-1", name="教师资格认定", audience=Audience.CITIZEN)
    everything = client.get("/banshi/").content.decode()
    assert "食品经营许可" in everything and "教师资格认定" in everything
    by_dept = client.get(f"/banshi/?dept={hall['agencies']['other'].pk}").content.decode()
    assert "教师资格认定" in by_dept and "食品经营许可</a>" not in by_dept
    by_audience = client.get("/banshi/?audience=enterprise").content.decode()
    assert "食品经营许可</a>" in by_audience and "教师资格认定</a>" not in by_audience
    assert "食品经营许可</a>" in client.get("/banshi/?theme=kbqy").content.decode()


def test_submit_gives_tracking_number_and_query_code_and_is_persisted(client, hall):
    response = submit(client, hall["item"])
    assert response.status_code == 200
    number, code = _codes(response)
    assert number.startswith("BS")
    app = Application.objects.get(case__tracking_number=number)
    assert app.form == hall["form"] and app.form.version == 1
    assert app.data["id_number"] == "11010519491231002X"
    assert app.files.get().extension == "pdf"
    assert app.case.state == State.SUBMITTED
    assert OutboxMessage.objects.filter(case=app.case, channel="sms", recipient="13800138000").exists()
    status = client.post("/banshi/jindu/", {"tracking_number": number, "query_code": code}, follow=True)
    assert "待受理" in status.content.decode()


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"id_number": "110105194912310021"}, "身份证号不正确"),
        ({"mobile": "12345"}, "应为11位手机号码"),
        ({"company": ""}, "请填写“企业名称”"),
        ({"applicant_phone": "123"}, "联系电话应为11位手机号码"),
    ],
)
def test_bad_input_is_a_400_with_a_chinese_message_and_nothing_submitted(client, hall, over, message):
    response = submit(client, hall["item"], **over)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Case.objects.exists()


def test_missing_required_file_and_disguised_file_are_refused(client, hall):
    url = f"/banshi/shixiang/{hall['item'].code}/shenqing/"
    data = {**form_post(), **guard_fields(client.get(url).content.decode())}
    response = client.post(url, data)
    assert response.status_code == 400 and "营业执照" in response.content.decode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("licence.pdf", b"<html>not a pdf</html>")
    response = client.post(f"/banshi/shixiang/{hall['item'].code}/shenqing/", {**data, "licence": fake})
    assert response.status_code == 400 and "不是允许的类型" in response.content.decode()
    assert not Case.objects.exists()


def test_draft_is_saved_without_required_fields_and_resumed_by_its_link(client, hall):
    response = client.post(
        f"/banshi/shixiang/{hall['item'].code}/shenqing/",
        {"applicant_name": "张三", "applicant_phone": "", "company": "好味", "action": "draft"},
    )
    assert response.status_code == 302
    draft = Application.objects.get()
    assert draft.is_draft and draft.data == {"company": "好味"}
    assert response["Location"].startswith(f"/banshi/caogao/{draft.draft_key}/")
    page = client.get(response["Location"]).content.decode()
    assert 'value="好味"' in page and "草稿已保存" in page
    guard = guard_fields(page)
    done = client.post(f"/banshi/caogao/{draft.draft_key}/", {**form_post(), **guard, "licence": pdf_upload()})
    assert done.status_code == 200
    draft.refresh_from_db()
    assert draft.case is not None
    assert client.get(f"/banshi/caogao/{draft.draft_key}/").status_code == 404


def test_signed_in_citizen_sees_all_their_applications(client, hall):
    client.post("/banshi/zhuce/", {"phone": "13700137000", "name": "李雪梅", "password": "secret-pass-1"})
    submit(client, hall["item"])
    client.post(f"/banshi/shixiang/{hall['item'].code}/shenqing/", {"company": "草稿公司", "action": "draft"})
    page = client.get("/banshi/wode/").content.decode()
    assert "继续填写草稿" in page and "BS" in page and "待受理" in page
    client.post("/banshi/tuichu/")
    assert client.get("/banshi/wode/").status_code == 302
    other = Application.objects.filter(applicant__username="13700137000")
    assert other.count() == 2


def test_sign_in_with_wrong_password_is_400(client, hall):
    client.post("/banshi/zhuce/", {"phone": "13700137000", "name": "李雪梅", "password": "secret-pass-1"})
    client.post("/banshi/tuichu/")
    assert client.post("/banshi/denglu/", {"username": "13700137000", "password": "wrong"}).status_code == 400
    assert client.post("/banshi/denglu/", {"username": "13700137000", "password": "secret-pass-1"}).status_code == 302


def test_parallel_approval_completes_when_every_department_has_decided(client, hall, time_machine):
    time_machine.move_to("2026-12-07 09:00 +0800")  # Monday
    app, code = direct_submit(hall["item"])
    staff = hall["staff"]
    time_machine.move_to("2026-12-08 10:00 +0800")
    actions.application_accept(application=app, actor=staff["lead"])
    tasks = {t.agency.short_name: t for t in app.tasks.all()}
    assert set(tasks) == {"市场监管局", "消防支队", "生态环境局"}
    assert tasks["市场监管局"].role == TaskRole.LEAD
    assert tasks["消防支队"].due_date == date(2026, 12, 11)  # 3 WD from acceptance
    assert tasks["生态环境局"].due_date == date(2026, 12, 15)  # 5 WD
    assert tasks["市场监管局"].due_date == date(2026, 12, 22)  # 10 WD
    actions.task_decide(task=tasks["生态环境局"], actor=staff["env"], decision=Decision.APPROVED)
    time_machine.move_to("2026-12-14 10:00 +0800")  # fire brigade is late
    progress = selectors.progress(app)
    fire = next(s for s in progress.steps if s.agency == "示例市消防救援支队")
    assert fire.level == OverdueLevel.YELLOW
    actions.task_decide(task=tasks["消防支队"], actor=staff["fire"], decision=Decision.APPROVED)
    app.case.refresh_from_db()
    assert app.case.state == State.PROCESSING  # the lead has not decided yet
    actions.task_decide(task=tasks["市场监管局"], actor=staff["lead"], decision=Decision.APPROVED, opinion="符合条件")
    app.refresh_from_db()
    assert app.case.state == State.APPROVED
    assert app.result_number == "市场监管局许〔2026〕1号"
    labels = [e.label for e in app.case.events.filter(is_public=True)]
    assert "生态环境局协办意见：同意" in labels and labels[-1] == "办结：准予许可"
    # The citizen's status page shows each department's step, and the result downloads.
    page = client.post("/banshi/jindu/", {"tracking_number": app.case.tracking_number, "query_code": code}, follow=True)
    html = page.content.decode()
    assert "示例市消防救援支队（协办）" in html and "黄牌" in html and "已办结（准予）" in html
    pdf = client.get(f"/banshi/jindu/{app.case.tracking_number}/jieguo.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_one_denial_makes_the_case_denied_with_the_reason(hall):
    app, _ = direct_submit(hall["item"])
    staff = hall["staff"]
    actions.application_accept(application=app, actor=staff["lead"])
    tasks = {t.agency_id: t for t in app.tasks.all()}
    with pytest.raises(InvalidInput, match="不同意时请填写理由"):
        actions.task_decide(task=tasks[hall["agencies"]["fire"].pk], actor=staff["fire"], decision=Decision.DENIED)
    actions.task_decide(
        task=tasks[hall["agencies"]["fire"].pk], actor=staff["fire"], decision=Decision.DENIED, opinion="疏散通道不足"
    )
    with pytest.raises(Conflict):
        actions.task_decide(task=tasks[hall["agencies"]["fire"].pk], actor=staff["fire"], decision=Decision.APPROVED)
    for key in ("env", "lead"):
        actions.task_decide(task=tasks[hall["agencies"][key].pk], actor=staff[key], decision=Decision.APPROVED)
    app.refresh_from_db()
    assert app.case.state == State.DENIED and "疏散通道不足" in app.decision_reason


def test_supplement_pauses_the_clock_of_the_whole_case(client, hall, time_machine):
    time_machine.move_to("2026-12-07 09:00 +0800")
    app, code = direct_submit(hall["item"])
    assert app.case.due_date == date(2026, 12, 21)
    time_machine.move_to("2026-12-08 09:00 +0800")
    actions.application_request_supplement(application=app, actor=hall["staff"]["lead"], reason="请补充营业执照副本")
    app.case.refresh_from_db()
    assert app.case.due_date is None and "补正自 2026-12-08 起暂停计时" in app.case.due_explanation
    time_machine.move_to("2026-12-14 09:00 +0800")
    client.get("/banshi/jindu/", {"tracking_number": app.case.tracking_number, "query_code": code})
    response = client.post(
        f"/banshi/jindu/{app.case.tracking_number}/buzheng/", {"company": "好味食品", "licence": pdf_upload()}
    )
    assert response.status_code == 302
    app.refresh_from_db()
    app.case.refresh_from_db()
    assert app.case.state == State.SUBMITTED and app.data["company"] == "好味食品"
    assert app.case.due_date == date(2026, 12, 25)  # 10 WD + 4 WD paused (8 Dec → 14 Dec)
    assert "补正暂停 4 个工作日" in app.case.due_explanation


def test_special_procedure_pauses_every_department_clock(hall, time_machine):
    time_machine.move_to("2026-12-07 09:00 +0800")
    app, _ = direct_submit(hall["item"])
    actions.application_accept(application=app, actor=hall["staff"]["lead"])
    time_machine.move_to("2026-12-09 09:00 +0800")
    actions.application_suspend(application=app, actor=hall["staff"]["lead"], reason="专家评审")
    assert DepartmentTask.objects.filter(application=app, due_date__isnull=False).count() == 0
    time_machine.move_to("2026-12-11 09:00 +0800")
    actions.application_resume(application=app, actor=hall["staff"]["lead"])
    fire = app.tasks.get(agency=hall["agencies"]["fire"])
    assert fire.due_date == date(2026, 12, 14)  # 3 WD from 7 Dec + 2 WD paused (9 → 11 Dec)
    assert "特别程序暂停 2 个工作日" in fire.due_explanation


def test_refusal_needs_a_reason_and_closes_the_case(hall):
    app, _ = direct_submit(hall["item"])
    with pytest.raises(InvalidInput):
        actions.application_refuse(application=app, actor=hall["staff"]["lead"], reason=" ")
    actions.application_refuse(application=app, actor=hall["staff"]["lead"], reason="不属于本部门职责")
    app.case.refresh_from_db()
    assert app.case.state == State.REFUSED and not app.case.is_open


def test_only_the_lead_department_window_accepts(hall):
    app, _ = direct_submit(hall["item"])
    for key in ("fire", "other"):
        with pytest.raises(NotFound):
            actions.application_accept(application=app, actor=hall["staff"][key])


def test_clerk_of_other_agency_gets_404_for_application_and_task(client, hall):
    app, _ = direct_submit(hall["item"])
    actions.application_accept(application=app, actor=hall["staff"]["lead"])
    fire_task = app.tasks.get(agency=hall["agencies"]["fire"])
    client.force_login(hall["staff"]["other"])
    assert client.get(f"/admin/banshi/{app.pk}/").status_code == 404
    assert client.post(f"/admin/banshi/tasks/{fire_task.pk}/decide/", {"decision": "approved"}).status_code == 404
    assert app.case.tracking_number not in client.get("/admin/banshi/").content.decode()
    client.force_login(hall["staff"]["fire"])  # a co-processing department sees the case
    assert client.get(f"/admin/banshi/{app.pk}/").status_code == 200
    assert client.post(f"/admin/banshi/tasks/{fire_task.pk}/decide/", {"decision": "approved"}).status_code == 302
    fire_task.refresh_from_db()
    assert fire_task.decision == Decision.APPROVED


def test_window_accepts_through_the_admin(client, hall):
    app, _ = direct_submit(hall["item"])
    client.force_login(hall["staff"]["lead"])
    page = client.get(f"/admin/banshi/{app.pk}/")
    assert page.status_code == 200 and "受理（一口受理）" in page.content.decode()
    assert client.post(f"/admin/banshi/{app.pk}/accept/").status_code == 302
    app.case.refresh_from_db()
    assert app.case.state == State.PROCESSING
    again = client.post(f"/admin/banshi/{app.pk}/accept/", follow=True)
    assert "该办件当前状态不能进行此操作" in again.content.decode()


def test_status_page_with_wrong_code_is_404_and_result_needs_verification(client, hall):
    app, _ = direct_submit(hall["item"])
    response = client.get("/banshi/jindu/", {"tracking_number": app.case.tracking_number, "query_code": "WRONG234"})
    assert response.status_code == 404 and "办件编号或查询码不正确" in response.content.decode()
    assert client.get(f"/banshi/jindu/{app.case.tracking_number}/jieguo.pdf").status_code == 404


def test_citizen_withdraws_before_acceptance(client, hall):
    response = submit(client, hall["item"])
    number = _codes(response)[0]
    assert client.post(f"/banshi/jindu/{number}/chehui/").status_code == 302
    assert Case.objects.get(tracking_number=number).state == State.WITHDRAWN


def test_second_sign_up_with_the_same_phone_is_refused_and_no_account_is_added(client, hall):
    from django.contrib.auth import get_user_model

    from govportal.core.errors import Conflict
    from govportal.servicehall.actions import citizen_sign_up

    first = {"phone": "13700137000", "name": "李雪梅", "password": "secret-pass-1"}
    assert client.post("/banshi/zhuce/", first).status_code == 302
    client.post("/banshi/tuichu/")
    again = client.post("/banshi/zhuce/", {**first, "name": "冒名者"})
    assert again.status_code == 400
    assert "已注册" in again.content.decode()
    with pytest.raises(Conflict):
        citizen_sign_up(phone="13700137000", name="冒名者", password="secret-pass-2")
    assert get_user_model().objects.filter(username="13700137000").count() == 1


def test_approval_numbers_run_on_within_the_agency_and_year(hall):
    import time_machine

    from govportal.servicehall.actions import _result_number

    app, _ = direct_submit(hall["item"])
    agency = app.item.agency
    with time_machine.travel("2026-12-20 10:00 +0800", tick=False):
        Application.objects.filter(pk=app.pk).update(result_number=f"{agency.short_name}许〔2025〕7号")
        assert _result_number(app) == f"{agency.short_name}许〔2026〕1号"  # last year's do not count
        Application.objects.filter(pk=app.pk).update(result_number=f"{agency.short_name}许〔2026〕1号")
        assert _result_number(app) == f"{agency.short_name}许〔2026〕2号"


@pytest.mark.parametrize("back", ["https://evil.example/phish", "//evil.example/", "javascript:alert(1)"])
def test_a_refused_admin_action_never_redirects_off_the_site_through_back(client, hall, back):
    """The `back=` of the hall's admin forms was followed wherever it pointed (issue 16)."""
    app, _ = direct_submit(hall["item"])
    client.force_login(hall["staff"]["lead"])
    assert client.post(f"/admin/banshi/{app.pk}/accept/").status_code == 302
    again = client.post(f"/admin/banshi/{app.pk}/accept/", {"back": back})  # refused: already accepted
    assert again.status_code == 302 and again["Location"] == "/admin/banshi/"
    own = client.post(f"/admin/banshi/{app.pk}/accept/", {"back": f"/admin/banshi/{app.pk}/"})
    assert own["Location"] == f"/admin/banshi/{app.pk}/"

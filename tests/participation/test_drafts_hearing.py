"""网上听证 through its pages and actions: registration of persons and organisations with
written statements, the cap and the recorded selection (by order, by lot with a seed anyone
can re-draw), the record after the hearing; and who may manage drafts and hearings in the
admin (another agency: 404; the office: all), search documents, the area's index."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from govportal.core.errors import Conflict
from govportal.participation import actions, publishing, selectors
from govportal.participation.models_drafts import HearingRegistration, RegistrationStatus, SelectionMethod
from tests.participation import drafts_fixtures
from tests.participation.drafts_fixtures import make_hearing, make_solicitation
from tests.submission import guard_fields

pytestmark = pytest.mark.django_db
drafts_world = drafts_fixtures.drafts_world


def register(hearing, n, kind="person", organisation=""):
    return actions.hearing_register(
        hearing=hearing,
        kind=kind,
        name=f"报名人{n}",
        organisation=organisation,
        phone=f"1390000{n:04d}",
        statement=f"第{n}位报名人的书面陈述意见。",
    )


def test_an_organisation_registers_through_the_form_and_bad_input_is_a_chinese_400(drafts_world, client):
    h = make_hearing(drafts_world.edu)
    page = client.get(f"/canyu/tingzheng/{h.pk}/").content.decode()
    assert "报名参加听证" in page and "市政府第一会议室" in page
    url = f"/canyu/tingzheng/{h.pk}/baoming/"
    base = {"kind": "organisation", "name": "周七", "phone": "13812340000", "statement": "建议保留低保家庭减免。"}
    r = client.post(url, {**base, **guard_fields(client.get(url).content.decode())})
    assert r.status_code == 400 and "请填写单位或组织名称" in r.content.decode()
    data = {**base, "organisation": "示例市消费者协会", **guard_fields(client.get(url).content.decode())}
    assert client.post(url, data).status_code == 200
    assert client.post(url, data).status_code == 200  # the same form again: no second registration
    reg = HearingRegistration.objects.get()
    assert reg.organisation == "示例市消费者协会" and reg.statement == "建议保留低保家庭减免。"
    again = {**data, **guard_fields(client.get(url).content.decode())}  # a new form, the same phone
    r = client.post(url, again)
    assert r.status_code == 409 and "请勿重复报名" in r.content.decode()
    r = client.post(url, {**base, "kind": "robot", **guard_fields(client.get(url).content.decode())})
    assert r.status_code == 400 and "选择一个有效的选项" in r.content.decode()


def test_selection_by_order_respects_the_cap_and_is_recorded(drafts_world, time_machine):
    h = make_hearing(drafts_world.edu, capacity=2)
    regs = [register(h, n) for n in range(1, 5)]
    with pytest.raises(Conflict, match="报名截止后"):
        actions.hearing_select(hearing=h, actor=drafts_world.edu_clerk)
    time_machine.move_to(h.registration_closes_at + timedelta(minutes=1), tick=False)
    with pytest.raises(Conflict, match="不在报名时间内"):
        register(h, 9)
    actions.hearing_select(hearing=h, actor=drafts_world.edu_clerk)
    h.refresh_from_db()
    selected = list(h.registrations.filter(status=RegistrationStatus.SELECTED).order_by("pk"))
    assert selected == regs[:2]
    assert h.registrations.filter(status=RegistrationStatus.NOT_SELECTED).count() == 2
    assert "按报名先后顺序" in h.selection_note and "名额 2 人" in h.selection_note
    with pytest.raises(Conflict, match="不能重复遴选"):
        actions.hearing_select(hearing=h, actor=drafts_world.edu_clerk)


def test_selection_by_lot_keeps_its_seed_so_the_draw_can_be_checked(drafts_world, time_machine):
    h = make_hearing(drafts_world.edu, capacity=2, selection=SelectionMethod.LOT)
    regs = [register(h, n) for n in range(1, 6)]
    time_machine.move_to(h.registration_closes_at + timedelta(minutes=1), tick=False)
    actions.hearing_select(hearing=h, actor=drafts_world.edu_clerk, seed="a1b2c3d4")
    h.refresh_from_db()
    expected = sorted(regs, key=lambda r: hashlib.sha256(f"a1b2c3d4:{r.pk}".encode()).hexdigest())[:2]
    selected = set(h.registrations.filter(status=RegistrationStatus.SELECTED))
    assert selected == set(expected)
    assert "随机抽签，种子 a1b2c3d4" in h.selection_note


def test_the_record_is_published_after_the_hearing(drafts_world, client, time_machine):
    h = make_hearing(drafts_world.edu, capacity=1)
    register(h, 1)
    register(h, 2, kind="organisation", organisation="示例市自来水公司")
    with pytest.raises(Conflict, match="听证举行后"):
        actions.hearing_record_publish(hearing=h, actor=drafts_world.edu_clerk, record="笔录")
    time_machine.move_to(h.held_at + timedelta(hours=3), tick=False)
    actions.hearing_select(hearing=h, actor=drafts_world.edu_clerk)
    actions.hearing_record_publish(
        hearing=h, actor=drafts_world.edu_clerk, record="听证会于上午召开，参加人一致同意调整方案，建议加大减免力度。"
    )
    page = client.get(f"/canyu/tingzheng/{h.pk}/").content.decode()
    assert "听证报告" in page and "建议加大减免力度" in page
    assert "报**" in page  # the selected person, masked
    assert "13900000001" not in page and "书面陈述意见" not in page.split("听证报告")[1]
    assert "报名参加听证" not in page


def test_another_agency_gets_404_and_the_office_sees_all(drafts_world, client, time_machine):
    s = make_solicitation(drafts_world.edu, title="教育局草案甲")
    h = make_hearing(drafts_world.edu, title="教育局听证甲")
    c = actions.solicitation_comment_submit(
        solicitation=s, article_number=1, content="教育局意见秘密内容", name="钱八", phone="13812345670"
    )
    screens = [
        f"/admin/canyu/zhengji/{s.pk}/",
        f"/admin/canyu/tingzheng/{h.pk}/",
        f"/admin/solicitations/edit/{s.pk}/",
        f"/admin/hearings/edit/{h.pk}/",
    ]
    client.force_login(drafts_world.fin_clerk)
    for url in screens:
        assert client.get(url).status_code == 404, url
    r = client.post(f"/admin/canyu/zhengji/{s.pk}/", {"op": "publish", "comment": c.pk})
    assert r.status_code == 404
    assert "教育局草案甲" not in client.get("/admin/solicitations/").content.decode()
    c.refresh_from_db()
    assert c.status == "pending"
    client.force_login(drafts_world.edu_clerk)
    assert "教育局意见秘密内容" in client.get(screens[0]).content.decode()
    r = client.post(screens[0], {"op": "publish", "comment": c.pk})
    assert r.status_code == 302
    r = client.post(screens[0], {"op": "outcome", "comment": "abc", "outcome": "adopted"})
    assert r.status_code == 400 and "请选择一条意见" in r.content.decode()
    r = client.post(screens[0], {"op": "feedback", "summary": "总结"})
    assert r.status_code == 409 and "征集期结束后" in r.content.decode()
    client.force_login(drafts_world.office)
    for url in screens:
        assert client.get(url).status_code == 200, url
    time_machine.move_to(s.closes_at + timedelta(days=1), tick=False)
    client.force_login(drafts_world.office)  # the staff session expired meanwhile
    listing = client.get("/admin/canyu/zhengji/weifankui/").content.decode()
    assert "教育局草案甲" in listing
    client.force_login(drafts_world.fin_clerk)
    assert "教育局草案甲" not in client.get("/admin/canyu/zhengji/weifankui/").content.decode()


def test_search_documents_index_and_lists(drafts_world, client):
    s = make_solicitation(drafts_world.edu)
    hidden = make_solicitation(drafts_world.fin, title="未发布的草案", published=False)
    h = make_hearing(drafts_world.fin)
    doc = publishing.solicitation_document(s)
    assert doc.url == f"/canyu/zhengji/{s.pk}/" and "犬只登记" in doc.body
    assert publishing.solicitation_document(hidden) is None
    assert publishing.hearing_document(h).agency_id == drafts_world.fin.pk
    assert selectors.open_hearings_now() == [h]
    index = client.get("/canyu/").content.decode()
    assert s.title in index and h.title in index
    listing = client.get(f"/canyu/zhengji/?agency={drafts_world.edu.pk}&q=养犬").content.decode()
    assert s.title in listing and "未发布的草案" not in listing
    assert h.title in client.get("/canyu/tingzheng/?q=水价&agency=abc&page=x").content.decode()
    assert client.get("/canyu/tingzheng/?q=" + "长" * 500).status_code == 200

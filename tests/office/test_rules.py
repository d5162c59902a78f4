"""涉密不上网, bad input at the edge, who sees what (404), attachments, the PDF layout, the
transition tables, and the 主动公开 hand-off to the agency's 信息公开 catalogue."""

from __future__ import annotations

import itertools
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from pypdf import PdfReader

from govportal.core.cases import workflow as kernel
from govportal.core.cases.actions import case_transition
from govportal.core.cases.models import ActorKind, Case
from govportal.core.errors import Conflict, InvalidInput
from govportal.core.outbox.actions import outbox_deliver_due
from govportal.disclosure.models import DisclosureDocumentPage
from govportal.office import actions, selectors
from govportal.office.models import OfficeDocument
from govportal.office.workflow import DELIVERY, DELIVERY_REPLY, DOCUMENT
from tests.office.conftest import DOC, draft, sent

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _post_new(client, office, **data):
    return client.post(
        "/admin/office/new/", {**DOC, "target": "townships", "issuer": office["users"]["city_leader"].pk, **data}
    )


@pytest.mark.parametrize(
    "data",
    [
        {"classification": "机密"},
        {"classification": "秘密"},
        {"title": "机密★1年 关于某工程的通知"},
        {"title": "【绝密】关于某事项的报告"},
        {"body": "秘密★6个月\n正文。"},
    ],
)
def test_a_document_marked_with_a_classification_level_is_refused(office, client, data):
    client.force_login(office["users"]["city_clerk"])
    r = _post_new(client, office, **data)
    assert r.status_code == 400 and "涉密不上网" in r.content.decode()
    assert not OfficeDocument.objects.exists()


def test_a_title_merely_mentioning_secrets_is_not_a_classification_marker(office):
    document = draft(office, title="关于加强保守国家秘密宣传教育的通知")
    assert document.pk


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "请填写标题"),
        ({"title": "通知\x00"}, "空字符"),
        ({"title": "通知\x07\x1b"}, None),
        ({"title": "长" * 5000}, "标题"),
        ({"body": ""}, "请填写正文"),
        ({"disclosure": ""}, "请选择公开方式"),
        ({"urgency": "立即"}, "请选择紧急程度"),
        ({"kind": "x"}, "请选择公文类别"),
        ({"target": "nobody"}, "请选择主送范围"),
        ({"target": "chosen"}, "请至少选择一个主送单位"),
        ({"target": "chosen", "agencies": ["abc", "99999999999999999999"]}, "请至少选择一个主送单位"),
        ({"issuer": "１２"}, "请选择本单位的签发人"),
        ({"reply_days": "６１"}, "回复期限"),
        ({"reply_days": "三天"}, "回复期限"),
        ({"kind": "meeting", "meeting_at": "明天上午"}, "请填写会议时间"),
    ],
)
def test_bad_input_gets_a_chinese_4xx_never_a_500(office, client, data, message):
    client.force_login(office["users"]["city_clerk"])
    r = _post_new(client, office, **data)
    if message is None:  # control characters are removed, the rest is kept
        assert r.status_code == 302
        assert OfficeDocument.objects.get().title == "通知"
        return
    assert r.status_code == 400, r.status_code
    assert message in r.content.decode()


def test_wrong_ids_and_steps_are_404_or_4xx(office, client):
    client.force_login(office["users"]["city_clerk"])
    assert client.get("/admin/office/999999/").status_code == 404
    assert client.get("/admin/office/999999/pdf/").status_code == 404
    document = draft(office)
    assert client.post(f"/admin/office/{document.pk}/nonsense/").status_code == 404
    assert client.get(f"/admin/office/{document.pk}/submit/").status_code == 405
    assert client.post(f"/admin/office/{document.pk}/press/", {"delivery": "x"}).status_code == 400
    assert client.get(f"/admin/office/{document.pk}/pdf/").status_code == 404  # not signed yet
    assert client.get("/admin/office/stats/?from=2026-13-45&to=２０２６-01-01").status_code == 200  # defaults


def test_only_sender_and_addressed_agencies_see_a_document_and_the_office_sees_statistics(office, client):
    document = sent(office, target="chosen", agencies=[office["agencies"]["town"]])
    u = office["users"]
    for user in ("city_clerk", "city_leader", "town_clerk"):
        client.force_login(u[user])
        assert client.get(f"/admin/office/{document.pk}/").status_code == 200, user
    for user in ("edu_clerk", "town2_clerk", "town_staff", "city_staff", "office"):
        client.force_login(u[user])
        assert client.get(f"/admin/office/{document.pk}/").status_code == 404, user
        assert client.get(f"/admin/office/{document.pk}/pdf/").status_code == 404, user
        assert client.post(f"/admin/office/{document.pk}/sign_for/").status_code == 404, user
        assert DOC["title"] not in client.get("/admin/office/").content.decode()
    client.force_login(u["office"])
    stats = client.get("/admin/office/stats/")
    assert stats.status_code == 200 and "示例市青山镇人民政府" in stats.content.decode()
    assert DOC["title"] not in stats.content.decode()
    client.force_login(u["town_staff"])  # no OA role: no menu, no statistics
    assert client.get("/admin/office/stats/").status_code == 404
    # A draft is the sender's alone: the addressed agencies see nothing before it is sent.
    pending = draft(office, title="尚未发出的通知")
    client.force_login(u["town_clerk"])
    assert client.get(f"/admin/office/{pending.pk}/").status_code == 404


def test_attachments_are_checked_by_content_and_read_only_by_those_who_see_the_document(office, client, file_roots):
    client.force_login(office["users"]["city_clerk"])
    fake = SimpleUploadedFile("方案.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    r = _post_new(client, office, attachments=[fake])
    assert r.status_code == 400 and "不是允许的类型" in r.content.decode()
    good = SimpleUploadedFile("实施方案.pdf", PDF_BYTES, content_type="application/pdf")
    assert (
        _post_new(
            client, office, attachments=[good], target="chosen", agencies=[office["agencies"]["town"].pk]
        ).status_code
        == 302
    )
    document = OfficeDocument.objects.get()
    url = document.attachments.get().url
    assert not url.startswith("/media/")
    assert client.get(url).status_code == 200
    u = office["users"]
    actions.document_submit(document=document, actor=u["city_clerk"])
    actions.document_sign(document=document, actor=u["city_leader"])
    actions.document_send(document=document, actor=u["city_clerk"])
    client.force_login(u["town_clerk"])
    assert client.get(url).status_code == 200
    client.force_login(u["edu_clerk"])
    assert client.get(url).status_code == 404


def test_pdf_has_the_gbt9704_elements_in_a4_with_red_header(office, client):
    document = sent(office, cc=[office["agencies"]["edu"]], urgency="jiaji")
    client.force_login(office["users"]["city_clerk"])
    r = client.get(f"/admin/office/{document.pk}/pdf/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(r.content))
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4
    text = "".join(p.extract_text() for p in reader.pages).replace(" ", "")
    d = document.written_on
    for element in (
        "示例市人民政府",  # 发文机关标志
        document.doc_number,  # 发文字号
        "加急",  # 紧急程度
        DOC["title"],  # 标题
        "各乡镇人民政府、街道办事处：",  # 主送机关
        "压实责任",  # 正文
        f"{d.year}年{d.month}月{d.day}日",  # 成文日期
        "（此件主动公开）",  # 公开方式
        "抄送：示例市教育局。",  # 抄送
        "印发",
        "—1—",  # 页码
    ):
        assert element in text, element
    content = page.get_contents().get_data()
    assert b"1 0 0 RG" in content or b".901961 0 .070588" in content  # red (#E60012): header and rule


def test_transition_tables_cover_every_state_and_step_pair(office):
    """Every (state, step) pair of every office case type: allowed exactly when the table says."""
    u = office["users"]
    for key in (DOCUMENT, DELIVERY, DELIVERY_REPLY):
        ct = kernel.get(key)
        for n, (state, transition) in enumerate(itertools.product(ct.states, ct.transitions)):
            case = Case.objects.create(
                case_type=key, tracking_number=f"T-{ct.prefix}-{n}", query_code_hash="x", state=state
            )
            if state in transition.sources:
                case_transition(case=case, name=transition.name, actor=u["city_clerk"], actor_kind=ActorKind.CLERK)
                assert Case.objects.get(pk=case.pk).state == transition.target
            else:
                with pytest.raises(Conflict):
                    case_transition(case=case, name=transition.name, actor=u["city_clerk"], actor_kind=ActorKind.CLERK)


def test_actions_refuse_the_wrong_person(office):
    document = draft(office)
    u = office["users"]
    with pytest.raises(Exception, match="只有发文单位的公文收发员"):
        actions.document_submit(document=document, actor=u["town_clerk"])
    actions.document_submit(document=document, actor=u["city_clerk"])
    with pytest.raises(Exception, match="只有本公文的签发人"):
        actions.document_sign(document=document, actor=u["town_leader"])
    with pytest.raises(InvalidInput):
        actions.document_reject(document=document, actor=u["city_leader"], reason="")
    actions.document_reject(document=document, actor=u["city_leader"], reason="请补充时间要求")
    assert Case.objects.get(pk=document.case_id).state == "draft"
    with pytest.raises(InvalidInput, match="涉密不上网"):
        actions.document_revise(document=document, actor=u["city_clerk"], title="绝密★长期 某事项", body="正文")
    actions.document_revise(
        document=document, actor=u["city_clerk"], title="关于补充时间要求的通知", body="请于月底前完成。"
    )
    document.refresh_from_db()
    assert document.title == "关于补充时间要求的通知"


def test_a_public_document_goes_to_the_catalogue_in_one_step_with_number_date_and_index(office, client, commit):
    document = sent(office, target="chosen", agencies=[office["agencies"]["town"]])
    client.force_login(office["users"]["city_clerk"])
    commit(client.post, f"/admin/office/{document.pk}/publish/")
    outbox_deliver_due()  # the worker: the hand-off, then its answer
    outbox_deliver_due()
    page = DisclosureDocumentPage.objects.get(document_number=document.doc_number)
    assert page.live and page.date_made == document.written_on and page.title == DOC["title"]
    assert page.index_number
    document.refresh_from_db()
    assert document.disclosure_index == page.index_number and document.disclosure_url
    assert page.index_number in client.get(f"/admin/office/{document.pk}/").content.decode()
    # Once only; and never for a document not marked 主动公开.
    r = client.post(f"/admin/office/{document.pk}/publish/")
    assert r.status_code == 409
    private = sent(office, target="chosen", agencies=[office["agencies"]["town"]], disclosure="none", title="内部通知")
    with pytest.raises(Conflict, match="主动公开"):
        actions.document_publish(document=private, actor=office["users"]["city_clerk"])
    assert selectors.is_sent(private)

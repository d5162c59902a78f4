"""Service-hall fixtures, built through the real actions: a lead department with a licence
item (complete guide, two co-processing departments, a published form) and staff of every
department involved, plus one unrelated department."""

from __future__ import annotations

import io

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from govportal.core import calendar
from govportal.core.models import AgencyKind
from govportal.servicehall import actions
from govportal.servicehall.models import (
    Audience,
    FieldKind,
    FormField,
    ItemType,
    MaterialForm,
    ServiceCoDepartment,
    ServiceFAQ,
    ServiceForm,
    ServiceItem,
    ServiceMaterial,
    ServiceStep,
    ServiceTopic,
    TopicKind,
)

VALID_ID = "11010519491231002X"  # the GB 11643 example: check digit X


def png_bytes() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), (10, 20, 30)).save(buf, "PNG")
    return buf.getvalue()


def pdf_upload(name: str = "licence.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf"
    )


@pytest.fixture(autouse=True)
def _isolation(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("caselookup:*")
    else:
        cache.clear()
    calendar.invalidate()
    yield
    calendar.invalidate()


def make_item(agency, *, code: str, name: str, co=(), published=True, **fields) -> ServiceItem:
    """An item with a complete guide; it is online once it has a published form (make_form)."""
    theme = ServiceTopic.objects.get_or_create(slug="kbqy", defaults={"name": "开办企业", "kind": TopicKind.THEME})[0]
    defaults = dict(
        item_type=ItemType.LICENCE,
        audience=Audience.ENTERPRISE,
        legal_basis="《中华人民共和国食品安全法》第三十五条",
        conditions="有与经营的食品品种、数量相适应的经营场所。",
        place="市政务服务中心二楼 A 区 12 号窗口",
        office="市场监督管理局行政审批科",
        fees="不收费",
        office_hours="工作日 9:00-12:00，13:30-17:00",
        phone="0731-12345678",
        statutory_limit=20,
        promised_limit=10,
        visits=0,
        consultation="窗口咨询、电话咨询 0731-12345678",
        complaint="12345 政务服务便民热线",
        is_published=published,
    )
    defaults.update(fields)
    item = ServiceItem(agency=agency, code=code, name=name, **defaults)
    item.materials = [
        ServiceMaterial(name="食品经营许可申请书", form=MaterialForm.ORIGINAL, count=1),
        ServiceMaterial(name="营业执照", form=MaterialForm.ELECTRONIC, count=1),
    ]
    item.steps = [
        ServiceStep(name="申请"),
        ServiceStep(name="受理"),
        ServiceStep(name="审查"),
        ServiceStep(name="决定"),
    ]
    item.faqs = [ServiceFAQ(question="需要现场核查吗？", answer="仅在材料存疑时现场核查。")]
    item.co_departments = [ServiceCoDepartment(agency=a, duty=duty, days=days) for a, duty, days in co]
    item.themes = [theme]
    item.save()
    return item


def make_form(item, actor=None, publish=True) -> ServiceForm:
    form = ServiceForm(item=item, version=1, intro="请如实填写。")
    form.fields = [
        FormField(key="company", label="企业名称", kind=FieldKind.TEXT),
        FormField(key="id_number", label="法定代表人身份证号", kind=FieldKind.ID_NUMBER),
        FormField(key="area", label="经营面积（平方米）", kind=FieldKind.NUMBER),
        FormField(key="opened", label="拟开业日期", kind=FieldKind.DATE, required=False),
        FormField(key="scope", label="经营项目", kind=FieldKind.CHOICE, choices="预包装食品销售\n散装食品销售"),
        FormField(key="mobile", label="门店电话", kind=FieldKind.PHONE),
        FormField(key="address", label="经营场所", kind=FieldKind.ADDRESS),
        FormField(key="licence", label="营业执照", kind=FieldKind.FILE, file_types="pdf,jpg,png", max_size_mb=1),
    ]
    form.save()
    if publish:
        actions.form_publish(form=form, actor=actor)
        form.refresh_from_db()
    return form


def form_post(**over) -> dict:
    data = {
        "applicant_name": "示例市好味食品有限公司",
        "applicant_phone": "13800138000",
        "applicant_id_number": VALID_ID,
        "company": "示例市好味食品有限公司",
        "id_number": VALID_ID,
        "area": "120",
        "scope": "预包装食品销售",
        "mobile": "13900139000",
        "address": "示例市青山路 8 号",
        "action": "submit",
    }
    data.update(over)
    return data


@pytest.fixture
def hall(db, make_agency, make_staff):
    lead = make_agency(AgencyKind.DEPARTMENT, name="示例市市场监督管理局", short_name="市场监管局", code="D0101")
    fire = make_agency(AgencyKind.DEPARTMENT, name="示例市消防救援支队", short_name="消防支队", code="D0102")
    env = make_agency(AgencyKind.DEPARTMENT, name="示例市生态环境局", short_name="生态环境局", code="D0103")
    other = make_agency(AgencyKind.DEPARTMENT, name="示例市教育局", short_name="教育局", code="D0104")
    staff = {
        key: make_staff(a, username=f"clerk_{key}")
        for key, a in [("lead", lead), ("fire", fire), ("env", env), ("other", other)]
    }
    item = make_item(
        lead,
        code="430100-SJ-0001",
        name="食品经营许可",
        co=[(fire, "消防安全审查", 3), (env, "环境影响审查", 5)],
    )
    form = make_form(item)
    return {
        "agencies": {"lead": lead, "fire": fire, "env": env, "other": other},
        "staff": staff,
        "item": item,
        "form": form,
    }


def submit(client, item, **over):
    """Open the form (its one-time token and CAPTCHA), fill it in and submit it."""
    from tests.submission import guard_fields

    url = f"/banshi/shixiang/{item.code}/shenqing/"
    data = {**guard_fields(client.get(url).content.decode()), **form_post(**over)}
    files = {"licence": pdf_upload()} if "licence" not in over else {}
    return client.post(url, {**data, **files})


def direct_submit(item, *, actor=None, **over):
    """Submit through the action (no HTTP) with the fixture's valid answers."""
    data = form_post(**over)
    fields = {k: v for k, v in data.items() if not k.startswith("applicant_") and k != "action"}
    fields["area"] = "120.0000"
    return actions.application_submit(
        item=item,
        actor=actor,
        data=fields,
        uploads={"licence": pdf_upload()},
        applicant_name=data["applicant_name"],
        applicant_phone=data["applicant_phone"],
        applicant_id_number=data["applicant_id_number"],
    )


def servicehall_pages(agency) -> dict:
    """For the browser checks: an item with a guide and form, and a completed (approved)
    application whose status page shows the steps, the result and the rating form."""
    from django.contrib.auth import get_user_model

    from govportal.servicehall.models import Decision

    item = make_item(agency, code="E2E-0001", name="校外培训机构设立审批")
    make_form(item)
    officer = get_user_model().objects.create_superuser("e2e_banshi", password="x-pass-123456")
    app, code = direct_submit(item)
    actions.application_accept(application=app, actor=officer)
    for task in app.tasks.all():
        actions.task_decide(task=task, actor=officer, decision=Decision.APPROVED, opinion="符合条件")
    number = app.case.tracking_number
    return {
        "guide": f"/banshi/shixiang/{item.code}/",
        "apply": f"/banshi/shixiang/{item.code}/shenqing/",
        "status": f"/banshi/jindu/?tracking_number={number}&query_code={code}",
        "item": item,
    }

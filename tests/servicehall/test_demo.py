"""The service-hall demo at small scale: enough items, forms, every state, a late parallel
department, bad ratings with rectification — and the guide check flags the incomplete ones."""

from __future__ import annotations

from govportal.core.cases.models import Case, OverdueLevel
from govportal.servicehall import stats
from govportal.servicehall.actions import IDENTITY_LABELS
from govportal.servicehall.models import Application, Decision, Rectification, ServiceForm, ServiceItem
from govportal.servicehall.selectors import completeness, progress
from govportal.servicehall.workflow import State
from tests.test_demo import demo  # noqa: F401 — the class-scoped small demo load


class TestServiceHallDemo:
    def test_items_forms_and_every_state(self, db, demo):  # noqa: F811
        assert ServiceItem.objects.filter(is_published=True).count() >= 60
        assert ServiceForm.objects.filter(status="published").values("item").distinct().count() >= 15
        states = set(Case.objects.filter(case_type="application").values_list("state", flat=True))
        assert states == set(State.values)
        assert Application.objects.filter(case__isnull=True).exists()  # drafts
        check = completeness(ServiceItem.objects.all())
        assert check.flagged >= 5 and check.veto

    def test_parallel_case_with_one_department_late_and_rectification(self, db, demo):  # noqa: F811
        app = Application.objects.get(item__name="建筑工程施工许可", case__state=State.PROCESSING)
        steps = progress(app).steps
        late = [
            s for s in steps if s.decision == Decision.PENDING and s.level in (OverdueLevel.YELLOW, OverdueLevel.RED)
        ]
        assert [s.agency for s in late] == ["示例市气象局"]
        assert Rectification.objects.exists()
        # 差评整改 is the kernel's case type (letters' bad ratings have theirs too).
        halls = Rectification.objects.filter(rated_case__case_type="application")
        assert halls.filter(case__state="visited").count() == 1

    def test_hall_pages_render_with_the_demo(self, client, db, demo):  # noqa: F811
        assert client.get("/banshi/").status_code == 200
        item = ServiceItem.objects.get(name="食品经营许可")
        assert client.get(f"/banshi/shixiang/{item.code}/").status_code == 200
        assert client.get("/banshi/tongji/").status_code == 200


ON_SITE = "本事项请到办理地点现场办理"


class TestOnlineMeansAnOnlineForm:
    """Issue 19 (3, 4): 可网上办理 is one thing — a published form (or an external address) —
    on the badge, in the guide box, in the list, in the statistics and in the API; and every
    online demo item's form asks what that item needs."""

    def test_badge_guide_box_list_statistics_and_api_agree_on_every_demo_item(self, client, db, demo):  # noqa: F811
        items = list(ServiceItem.objects.filter(is_published=True).prefetch_related("forms", "materials"))
        online = set()
        for item in items:
            page = client.get(f"/banshi/shixiang/{item.code}/").content.decode()
            badge = '<span class="tag ok">可网上办理' in page
            has_form = any(f.status == "published" for f in item.forms.all())
            assert badge == (has_form or bool(item.online_url)), item.name
            if badge:
                online.add(item.pk)
                assert "在线申请" in page and ON_SITE not in page, item.name
            else:
                assert ON_SITE in page and "在线申请" not in page, item.name
                assert "到办事现场次数：<strong>0" not in page, item.name  # 0 visits only online
        assert len(online) == 43  # the demo's online items, each with its form
        listing = client.get("/banshi/").content.decode()
        assert f"其中可网上办理 {len(online)} 项" in listing
        assert client.get("/banshi/?online=1").context["items"].paginator.count == len(online)
        api = {s["id"]: s["online"] for s in client.get("/api/v1/services").json()}
        assert {pk for pk, flag in api.items() if flag} == online
        licences = {i.pk for i in items if i.item_type == "licence"}
        city = stats.report().city
        assert city.licence_items == len(licences)
        assert city.online_licence_items == len(licences & online)

    def test_every_online_item_has_a_form_of_its_own_asking_identity_once(self, client, db, demo):  # noqa: F811
        forms = ServiceForm.objects.filter(status="published").select_related("item").prefetch_related("fields")
        assert forms.count() == 43
        signatures = set()
        for form in forms:
            page = client.get(f"/banshi/shixiang/{form.item.code}/shenqing/").content.decode()
            for name in ("applicant_name", "applicant_id_number", "applicant_phone"):
                assert page.count(f'name="{name}"') == 1, form.item.name
            labels = [f.label for f in form.fields.all()]
            assert not set(labels) & IDENTITY_LABELS, form.item.name
            uploads = [f.label for f in form.fields.all() if f.kind == "file"]
            electronic = [m.name for m in form.item.materials.all() if m.form == "electronic"]
            assert uploads == electronic and uploads, form.item.name  # one upload per material
            for label in uploads:
                assert f"{label}</label>" in page and 'type="file"' in page
            signatures.add(tuple(f.key for f in form.fields.all() if f.kind != "file"))
        assert len(signatures) >= 40  # not one generic template
        teacher = client.get(
            f"/banshi/shixiang/{ServiceItem.objects.get(name='教师资格认定').code}/shenqing/"
        ).content.decode()
        for generic in ("面积（平方米）", "拟开始日期", "营业执照", "联系人手机"):
            assert generic not in teacher
        for needed in ("申请资格种类", "任教学科", "学历证书", "普通话水平测试等级证书"):
            assert needed in teacher

    def test_signed_in_citizen_finds_identity_prefilled(self, client, db, demo):  # noqa: F811
        from django.contrib.auth import get_user_model

        from tests.servicehall.conftest import VALID_ID

        citizen = get_user_model().objects.create_user("13907319999", password="x-pass-7731", last_name="周雨桐")
        citizen.phone = "13907319999"
        citizen.save()
        item = ServiceItem.objects.get(name="教师资格认定")
        Application.objects.create(
            item=item, form=item.forms.get(status="published"), applicant=citizen, applicant_id_number=VALID_ID
        )
        client.force_login(citizen)
        page = client.get(f"/banshi/shixiang/{item.code}/shenqing/").content.decode()
        assert 'name="applicant_name" autocomplete="name" value="周雨桐"' in page
        assert f'name="applicant_id_number" value="{VALID_ID}"' in page
        assert 'value="13907319999"' in page
        client.logout()
        anonymous = client.get(f"/banshi/shixiang/{item.code}/shenqing/").content.decode()
        assert "周雨桐" not in anonymous and VALID_ID not in anonymous

    def test_clerk_sees_the_item_specific_answers_and_identity(self, client, db, demo):  # noqa: F811
        from django.contrib.auth import get_user_model

        app = Application.objects.filter(case__isnull=False, item__name="教师资格认定").select_related("item").first()
        assert app is not None
        client.force_login(get_user_model().objects.get(username="admin"))
        page = client.get(f"/admin/banshi/{app.pk}/").content.decode()
        assert app.applicant_id_number and app.applicant_id_number in page
        for label in ("申请资格种类", "任教学科", "学历证书"):
            assert label in page
        assert app.data["subject"] in page

    def test_admin_list_filter_and_column_use_the_same_definition(self, client, db, demo):  # noqa: F811
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username="admin"))
        url = "/admin/snippets/servicehall/serviceitem/"
        online = client.get(url, {"online": "true"})
        offline = client.get(url, {"online": "false"})
        assert online.status_code == offline.status_code == 200
        with_form = ServiceItem.objects.filter(forms__status="published").distinct().count()
        assert online.context["page_obj"].paginator.count == with_form == 43
        assert offline.context["page_obj"].paginator.count == ServiceItem.objects.count() - with_form
        assert "可网上办理" in online.content.decode() and "Is online" not in online.content.decode()

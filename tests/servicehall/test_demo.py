"""The service-hall demo at small scale: enough items, forms, every state, a late parallel
department, bad ratings with rectification — and the guide check flags the incomplete ones."""

from __future__ import annotations

from govportal.core.cases.models import Case, OverdueLevel
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

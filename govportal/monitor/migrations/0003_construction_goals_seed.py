"""The plan's construction goals (建设目标), seeded so that a fresh installation's dashboard
has them: every township, party/mass organisation, public institution and dual-managed unit
with a site, every village with a page, each at 100 %. The deadlines are the defaults the
information office confirms or edits in the admin (网站监管 → 建设目标); a goal already
present for the same kind and requirement is left as it is."""

from datetime import date

from django.db import migrations

BASIS = "全市政府网站集约化建设规划"
GOALS = [
    # (name, agency kind, requirement, deadline, order)
    ("乡镇（街道）网站全覆盖", "township", "site", date(2027, 6, 30), 10),
    ("党群部门网站全覆盖", "party_mass", "site", date(2027, 6, 30), 20),
    ("事业单位网站全覆盖", "institution", "site", date(2027, 12, 31), 30),
    ("双管单位网站全覆盖", "dual_managed", "site", date(2027, 12, 31), 40),
    ("行政村（社区）网页全覆盖", "village", "village_page", date(2028, 6, 30), 50),
]


def seed(apps, schema_editor):
    Goal = apps.get_model("monitor", "ConstructionGoal")
    for name, kind, requirement, deadline, order in GOALS:
        Goal.objects.get_or_create(
            agency_kind=kind,
            requirement=requirement,
            defaults={
                "name": name,
                "deadline": deadline,
                "target_percent": 100,
                "basis": BASIS,
                "sort_order": order,
            },
        )


def unseed(apps, schema_editor):
    Goal = apps.get_model("monitor", "ConstructionGoal")
    for name, kind, requirement, _deadline, _order in GOALS:
        Goal.objects.filter(agency_kind=kind, requirement=requirement, name=name).delete()


class Migration(migrations.Migration):
    dependencies = [("monitor", "0002_wording_starter")]

    operations = [migrations.RunPython(seed, unseed)]

"""What 网上办事大厅 tells the 监管 area for the 政府网站工作年度报表 (cluster/supervision.py):
service items, items fully online, applications (办件量) in all, of natural and of legal
persons.

- 政务服务事项数量: the agency's published items created by the end of the year. The hall
  keeps no history of its catalogue, so an item unpublished since is no longer counted: the
  figure is the catalogue as it stands when the report is generated (in January, for the
  year just ended).
- 可全程在线办理: of those, the items applicable online (the one definition, `online_q`;
  online since the end of the year at the latest) that need no visit (到办事现场次数 0).
- 办件量: online applications submitted in the year (drafts are not applications). An
  application is a legal person's (法人办件) when its item serves legal persons only, or
  serves both and the applicant gave no 身份证号码; otherwise a natural person's."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from govportal.cluster.supervision import YearlyFigure, register_yearly_figure
from govportal.servicehall.models import Application, Audience, ServiceItem


def _by(qs, field: str) -> dict[int, int]:
    return {r[field]: r["n"] for r in qs.values(field).annotate(n=Count("pk")).order_by()}


def _items(agency_ids: list[int], year: int):
    return ServiceItem.objects.filter(agency_id__in=agency_ids, is_published=True, created_at__year__lte=year)


def items(agency_ids: list[int], year: int) -> dict[int, int]:
    return _by(_items(agency_ids, year), "agency_id")


def items_fully_online(agency_ids: list[int], year: int) -> dict[int, int]:
    qs = (
        _items(agency_ids, year)
        .online()
        .filter(visits=0)
        .filter(Q(online_since__isnull=True) | Q(online_since__lte=date(year, 12, 31)))
    )
    return _by(qs, "agency_id")


_LEGAL = Q(item__audience=Audience.ENTERPRISE) | Q(item__audience=Audience.BOTH, applicant_id_number="")


def _applications(agency_ids: list[int], year: int):
    return Application.objects.filter(item__agency_id__in=agency_ids, case__isnull=False, submitted_at__year=year)


def applications(agency_ids: list[int], year: int) -> dict[int, int]:
    return _by(_applications(agency_ids, year), "item__agency_id")


def applications_natural(agency_ids: list[int], year: int) -> dict[int, int]:
    return _by(_applications(agency_ids, year).exclude(_LEGAL), "item__agency_id")


def applications_legal(agency_ids: list[int], year: int) -> dict[int, int]:
    return _by(_applications(agency_ids, year).filter(_LEGAL), "item__agency_id")


for _key, _label, _count, _source in (
    ("servicehall.items", _("政务服务事项数量"), items, _("网上办事大厅：本单位已公开的办事事项（生成报表时的目录）")),
    (
        "servicehall.items_fully_online",
        _("可全程在线办理政务服务事项数量"),
        items_fully_online,
        _("网上办事大厅：可网上办理且到办事现场次数为0的已公开事项"),
    ),
    ("servicehall.applications", _("办件量总数"), applications, _("网上办事大厅：当年提交的网上申请")),
    (
        "servicehall.applications_natural",
        _("自然人办件量"),
        applications_natural,
        _("网上办事大厅：当年提交的网上申请中自然人的"),
    ),
    (
        "servicehall.applications_legal",
        _("法人办件量"),
        applications_legal,
        _("网上办事大厅：当年提交的网上申请中法人的（事项仅面向法人，或面向两者且未填身份证号码）"),
    ),
):
    register_yearly_figure(YearlyFigure(key=_key, label=_label, count=_count, source=_source))

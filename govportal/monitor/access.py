"""Who may see what of the 监管 area — the only place these rules live.

| who | indicator states, findings, history | dashboards (goals, rates, reply times) | 错敏词 dictionaries | yearly reports |
|---|---|---|---|---|
| information office (superuser) | every site | yes, export | edit | every site, edit |
| supervisor (``monitor.supervise_websites``, the 监察/督查 bureau) | every site, read-only | yes, export | read | every site, read-only |
| staff of an agency | the agency's own sites only (another's → 404) | no | read | own sites, edit what the system cannot know |
| anyone else | — (404) | — | — | published reports only, on the public page |
"""

from __future__ import annotations

from django.db.models import QuerySet

from govportal.core import access as core
from govportal.core.errors import NotFound

SUPERVISE = "monitor.supervise_websites"


def is_supervisor(user) -> bool:
    """The information office, or a holder of ``monitor.supervise_websites`` (read-only)."""
    return core.is_information_office(user) or core.holds(user, SUPERVISE)


def may_use_monitor(user) -> bool:
    """The 网站监管 menu: supervisors, and staff of any agency (for their own sites)."""
    return is_supervisor(user) or core.has_agency(user)


def may_edit_dictionaries(user) -> bool:
    return core.is_information_office(user)


def may_see_dashboards(user) -> bool:
    return is_supervisor(user)


def sites_visible(user, qs: QuerySet) -> QuerySet:
    """Site home pages (``cluster.SiteHomePage``) or rows with ``agency_id``: supervisors all,
    staff their own agency's, anyone else none."""
    return core.scope_to_agency(user, qs, "agency_id", sees_all=is_supervisor)


def site_for(user, qs: QuerySet, pk: int):
    """One site the user may see, else 404 (a wrong guess is never a 403)."""
    site = sites_visible(user, qs).filter(pk=pk).first()
    if site is None:
        raise NotFound()
    return site


# --- 政府网站工作年度报表 (monitor/yearly) --------------------------------------------------


def reports_visible(user, qs: QuerySet) -> QuerySet:
    """Yearly reports (``YearlyReport``) the user may open: supervisors all, staff their own
    agency's sites', anyone else none."""
    return core.scope_to_agency(user, qs, "agency_id", sees_all=is_supervisor)


def report_for(user, qs: QuerySet, pk: int):
    """One report the user may open, else 404."""
    report = reports_visible(user, qs).filter(pk=pk).first()
    if report is None:
        raise NotFound("年度报表不存在")
    return report


def may_work_on_report(user, agency_id: int | None) -> bool:
    """Generate, edit, check (核对) and publish: the information office for every site, staff
    of the site's agency for their own. Supervisors who are neither only read."""
    return core.office_or_member(user, agency_id)


def may_use_reports(user) -> bool:
    return is_supervisor(user) or core.has_agency(user)


def office_emails() -> list[str]:
    """Where a message to the information office goes: its members' (active superusers')
    e-mail addresses."""
    from govportal.core.models import User

    return sorted(
        set(User.objects.filter(is_superuser=True, is_active=True).exclude(email="").values_list("email", flat=True))
    )

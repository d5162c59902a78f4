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
from django.utils.translation import gettext

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
        raise NotFound(gettext("网站不存在"))
    return site


# --- 错敏词 (wording checks) ------------------------------------------------------------------
def may_read_dictionaries(user) -> bool:
    """The dictionaries: the information office edits, every member of staff reads."""
    return may_use_monitor(user)


class DictionaryPolicy(core.ScopedPolicy):
    """Wagtail's permission policy for the dictionaries' screens (no agency: one for the city)."""

    def user_has_permission(self, user, action):
        if not core.is_signed_in(user):
            return False
        return may_read_dictionaries(user) if action == "view" else may_edit_dictionaries(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_permission_for(self, user, action):
        qs = self.model._default_manager.all()
        return qs if self.user_has_permission(user, action) else qs.none()


def may_see_page_wording(user, page, page_agency_id: int | None) -> bool:
    """A page's wording check: supervisors, whoever may edit the page, and the staff of the
    agency whose site it is on. Anyone else gets a 404."""
    if not core.is_signed_in(user):
        return False
    if is_supervisor(user) or core.belongs_to(user, page_agency_id):
        return True
    return page.permissions_for_user(user).can_edit()


def may_accept_wording(user, page_agency_id: int | None) -> bool:
    """Accepting a hit with a reason: the information office, and the reviewers and leaders
    of the agency whose site the page is on (they approve its review steps)."""
    if core.is_information_office(user):
        return True
    if not core.is_signed_in(user) or page_agency_id is None:
        return False
    from govportal.core.models import Role

    return core.role_agency_ids(user, [Role.REVIEWER, Role.LEADER]).filter(agency_id=page_agency_id).exists()


def findings_visible(user, qs: QuerySet) -> QuerySet:
    """The sweep's findings (rows with ``agency_id``): supervisors all, staff their agency's."""
    return sites_visible(user, qs)


def may_edit_goals(user) -> bool:
    """建设目标 are the information office's (supervisors read them on the dashboard)."""
    return core.is_information_office(user)


def may_recheck(user, site) -> bool:
    """Run the checks of one site now: the information office and the site's own agency (after
    fixing something); supervisors watch, they do not act."""
    return core.office_or_member(user, site.agency_id)


def office_alarm_addresses() -> list[str]:
    """Where the information office hears of alarms: ``MONITOR_OFFICE_EMAILS``, else the e-mail
    of every active member of the office (superusers)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model

    if settings.GOVPORTAL_MONITOR_OFFICE_EMAILS:
        return list(settings.GOVPORTAL_MONITOR_OFFICE_EMAILS)
    users = get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(email="").order_by("pk")
    return list(users.values_list("email", flat=True))


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

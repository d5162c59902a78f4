"""Who may see or do what in 企业风采 and 招商引资 — the only place these rules are written.

| who | may |
|---|---|
| the information office | everything |
| the investment bureau (`settings.GOVPORTAL_INVESTMENT_BUREAU_CODE`) | enterprises (approve, reject, withdraw, edit), their documents, investment projects and policies, enquiries (reply) |
| the agency of a site (its editors) | draft and submit the image windows of its own site home (the portal's: the city government, i.e. the office) |
| that agency's reviewers and leaders | approve or return a submitted image window — never one they submitted themselves |
| anyone else | 404 |
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from govportal.cluster.models import SiteHomePage, SiteKind
from govportal.core import access as core
from govportal.core.access import ScopedPolicy
from govportal.core.cases import workflow as kernel
from govportal.core.errors import NotAllowed
from govportal.core.models import Agency, Role
from govportal.enterprise.models import (
    Enquiry,
    Enterprise,
    EnterpriseProduct,
    ImageWindow,
    InvestmentPolicy,
    InvestmentProject,
)
from govportal.enterprise.workflow import KEY

# --- the investment bureau --------------------------------------------------------------------


def bureau() -> Agency | None:
    """The agency that approves enterprises and answers enquiries (a setting)."""
    return Agency.objects.filter(code=settings.GOVPORTAL_INVESTMENT_BUREAU_CODE).first()


def is_bureau(user) -> bool:
    """The information office, or staff of the investment bureau."""
    if core.is_information_office(user):
        return True
    agency_id = core.agency_id_of(user)
    return (
        core.is_signed_in(user)
        and agency_id is not None
        and Agency.objects.filter(pk=agency_id, code=settings.GOVPORTAL_INVESTMENT_BUREAU_CODE).exists()
    )


def may_use_bureau_admin(user) -> bool:
    """The menu 企业风采和招商: the office and the bureau."""
    return is_bureau(user)


def enterprises_visible(user, qs: QuerySet[Enterprise] | None = None) -> QuerySet[Enterprise]:
    """The bureau sees the enterprises it approves (the office all); anyone else none."""
    qs = Enterprise.objects.all() if qs is None else qs
    if not is_bureau(user):
        return qs.none()
    return core.scope_to_agency(user, qs, "agency_id")


def enquiries_visible(user, qs: QuerySet[Enquiry] | None = None) -> QuerySet[Enquiry]:
    qs = Enquiry.objects.all() if qs is None else qs
    if not is_bureau(user):
        return qs.none()
    return core.scope_to_agency(user, qs, "case__agency_id")


def require_bureau_of(user, agency_id: int | None) -> None:
    if not (is_bureau(user) and core.office_or_member(user, agency_id)):
        raise NotAllowed("只有投资促进部门可以进行此操作")


def _enquiry_step_rule(user, case, transition) -> bool:
    return transition.name == "reply" and is_bureau(user) and core.office_or_member(user, case.agency_id)


kernel.register_step_rule(KEY, _enquiry_step_rule)


def require_enquiry_step(user, enquiry: Enquiry, name: str) -> None:
    if not kernel.may_take(user, enquiry.case, name):
        raise NotAllowed("只有投资促进部门可以答复投资咨询")


def may_read_document(user, enterprise_qs: QuerySet[Enterprise]) -> bool:
    return enterprises_visible(user, enterprise_qs).exists()


# --- image windows -----------------------------------------------------------------------------


def windows_visible(user, qs: QuerySet[ImageWindow] | None = None) -> QuerySet[ImageWindow]:
    """The windows of the user's agency's site homes (the office: all)."""
    qs = ImageWindow.objects.all() if qs is None else qs
    return core.scope_to_agency(user, qs, "agency_id")


def may_edit_window(user, window: ImageWindow) -> bool:
    return core.office_or_member(user, window.agency_id)


def may_review_window(user, window: ImageWindow) -> bool:
    """A reviewer or leader of the window's agency (or the office) — not who submitted it."""
    if window.submitted_by_id is not None and window.submitted_by_id == getattr(user, "pk", None):
        return False
    if core.is_information_office(user):
        return True
    return core.belongs_to(user, window.agency_id) and bool(
        core.roles_in(user, window.agency_id) & {Role.REVIEWER, Role.LEADER}
    )


def require_edit_window(user, window: ImageWindow) -> None:
    if not may_edit_window(user, window):
        raise NotAllowed("只有本网站的管理单位可以编辑形象窗口")


def require_review_window(user, window: ImageWindow) -> None:
    if window.submitted_by_id is not None and window.submitted_by_id == getattr(user, "pk", None):
        raise NotAllowed("不能审核自己提交的形象窗口")
    if not may_review_window(user, window):
        raise NotAllowed("只有本单位的审核人或签发领导可以审核形象窗口")


def homes_for(user):
    """Site homes whose windows the user may manage (the form's choices): the portal — the
    windows are shown on the portal home — for the office and the portal's agency."""
    return core.scope_to_agency(user, SiteHomePage.objects.filter(kind=SiteKind.PORTAL), "agency_id")


def may_run_windows(user) -> bool:
    """The menu 形象窗口: the office and staff of the agency running the portal."""
    return core.is_information_office(user) or homes_for(user).exists()


# --- policies of the admin viewsets -------------------------------------------------------------


class WindowPolicy(ScopedPolicy):
    """Image windows: the office and the portal's agency, each its own rows."""

    def user_has_permission(self, user, action):
        return may_run_windows(user) and super().user_has_permission(user, action)


class BureauPolicy(ScopedPolicy):
    """The bureau's rows: its staff act on its own rows, the office on all; staff of every
    other agency have no permission at all (their requests are 404s)."""

    def user_has_permission(self, user, action):
        return is_bureau(user) and super().user_has_permission(user, action)


WINDOW_POLICY = WindowPolicy(ImageWindow, agency_path="agency_id")
# Enterprises come in through the public form only, and are withdrawn, never deleted.
ENTERPRISE_POLICY = BureauPolicy(Enterprise, agency_path="agency_id", actions={"change", "view"})
PRODUCT_POLICY = BureauPolicy(EnterpriseProduct, agency_path="enterprise__agency_id")
PROJECT_POLICY = BureauPolicy(InvestmentProject, agency_path="agency_id")
POLICY_POLICY = BureauPolicy(InvestmentPolicy, agency_path="agency_id")

"""Every write of 企业风采 and 招商引资.

Each action is one transaction: validate (the shared citizen-input rules at the public
edge), check who may (`access`), change the rows, log it (Wagtail's log of the row, or the
case kernel's event for an enquiry), put notices in the outbox in the same transaction;
search re-indexing and the pre-rendered pages' refresh run on commit.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from wagtail.log_actions import log

from govportal.cluster.models import ProductCategory, SiteHomePage
from govportal.core import citizen_input
from govportal.core.antiabuse.guard import is_mobile
from govportal.core.cases.actions import case_create, case_transition
from govportal.core.cases.models import ActorKind
from govportal.core.errors import Conflict, InvalidInput
from govportal.core.files.actions import case_file_attach
from govportal.core.outbox.actions import outbox_put
from govportal.core.uploads import check_upload
from govportal.enterprise import access
from govportal.enterprise.files import FILE_KIND
from govportal.enterprise.models import (
    Enquiry,
    Enterprise,
    EnterpriseDocument,
    EnterpriseKind,
    EnterpriseProduct,
    EnterpriseState,
    ImageWindow,
    Industry,
    InvestmentProject,
    ReviewState,
)
from govportal.enterprise.workflow import KEY, EnquiryState
from govportal.prerender import registry as prerender
from govportal.search import signals as search_signals

DOCUMENT_TYPES = ("jpg", "png", "pdf")
MAX_DOCUMENTS = 3
MAX_PRODUCTS = 5


def _text(value, *, field, label, max_length, required=True, multiline=False) -> str:
    return citizen_input.clean_text(
        value, field=field, label=label, max_length=max_length, required=required, multiline=multiline
    )


def _bureau():
    agency = access.bureau()
    if agency is None:
        raise Conflict("暂未设置负责企业风采和招商引资的部门，请稍后再试")
    return agency


def _notify(*, key: str, phone: str, email: str, subject: str, body: str) -> None:
    """A notice to an enterprise or an enquirer: SMS to a mobile number, e-mail when given."""
    if phone and is_mobile(phone):
        outbox_put(key=f"{key}:sms", channel="sms", recipient=phone, body=body)
    if email:
        outbox_put(key=f"{key}:email", channel="email", recipient=email, subject=subject, body=body)


def _reindex_products(enterprise: Enterprise) -> None:
    ids = list(enterprise.products.values_list("pk", flat=True))
    if ids:
        search_signals.schedule_items("enterprise_product", ids)


# --- 企业风采: applying and deciding --------------------------------------------------------------


@transaction.atomic(savepoint=False)
def enterprise_apply(
    *,
    name: str,
    credit_code: str,
    kind: str,
    industry: str,
    township: str,
    profile: str,
    honours: str = "",
    address: str = "",
    contact_name: str,
    contact_phone: str,
    email: str = "",
    website: str = "",
    products: Sequence[dict] = (),
    documents: Sequence = (),
) -> Enterprise:
    """An enterprise's application for its page (public form): validated with the shared
    citizen-input rules, stored as 待审核 under the investment bureau."""
    agency = _bureau()
    name = citizen_input.clean_name(name, field="name", label="企业名称", max_length=citizen_input.ORG_NAME_MAX)
    credit_code = citizen_input.clean_credit_code(credit_code, field="credit_code")
    if kind not in EnterpriseKind.values:
        raise InvalidInput("请选择企业类型", field="kind")
    if industry not in Industry.values:
        raise InvalidInput("请选择所属行业", field="industry")
    township = _text(township, field="township", label="所在乡镇（街道、园区）", max_length=40)
    profile = _text(profile, field="profile", label="企业简介", max_length=3000, multiline=True)
    if len(profile) < 20:
        raise InvalidInput("企业简介太短，请至少写20个字", field="profile")
    honours = _text(honours, field="honours", label="荣誉资质", max_length=1000, required=False, multiline=True)
    address = _text(address, field="address", label="地址", max_length=200, required=False)
    contact_name = citizen_input.clean_name(contact_name, field="contact_name", label="联系人")
    contact_phone = citizen_input.clean_phone(contact_phone, field="contact_phone")
    email = citizen_input.clean_email(email, field="email")
    website = clean_website(website)
    if len(products) > MAX_PRODUCTS:
        raise InvalidInput(f"产品最多填写 {MAX_PRODUCTS} 个", field="products")
    if len(documents) > MAX_DOCUMENTS:
        raise InvalidInput(f"证明材料最多 {MAX_DOCUMENTS} 个", field="documents")
    limit = settings.GOVPORTAL_LETTER_MAX_ATTACHMENT_BYTES
    checked = [
        (f, check_upload(f, allowed=DOCUMENT_TYPES, max_bytes=limit, label=f"材料“{f.name}”", field="documents"))
        for f in documents
    ]
    if (
        Enterprise.objects.filter(credit_code=credit_code)
        .exclude(state__in=[EnterpriseState.REJECTED, EnterpriseState.WITHDRAWN])
        .exists()
    ):
        raise Conflict("该统一社会信用代码已提交过申请或已发布，如需修改请联系投资促进部门", field="credit_code")
    enterprise = Enterprise(
        agency=agency,
        name=name,
        credit_code=credit_code,
        kind=kind,
        industry=industry,
        township=township,
        profile=profile,
        honours=honours,
        address=address,
        contact_name=contact_name,
        contact_phone=contact_phone,
        email=email,
        website=website,
    )
    try:
        with transaction.atomic():
            enterprise.save()
    except IntegrityError:  # a concurrent application with the same code
        raise Conflict("该统一社会信用代码已提交过申请或已发布", field="credit_code") from None
    for n, product in enumerate(products):
        EnterpriseProduct.objects.create(
            enterprise=enterprise,
            name=_text(product.get("name"), field="products", label="产品名称", max_length=60),
            category=product.get("category") if product.get("category") in dict(_categories()) else "other",
            description=_text(
                product.get("description"), field="products", label="产品介绍", max_length=1000, required=False
            ),
            sort_order=n + 1,
        )
    for f, result in checked:
        case_file_attach(EnterpriseDocument, upload=f, kind=FILE_KIND, checked=result, enterprise=enterprise)
    log(instance=enterprise, action="wagtail.create", user=None)
    return enterprise


def _categories():
    return ProductCategory.choices


def clean_website(value: str) -> str:
    value = citizen_input.to_half_width(citizen_input.strip_controls(value or "")).strip()
    if not value:
        return ""
    if not value.startswith(("http://", "https://")):
        value = "http://" + value
    if len(value) > 300:
        raise InvalidInput("企业网站地址不能超过300个字符", field="website")
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise InvalidInput("请填写正确的企业网站地址（如 https://www.example.com）", field="website") from None
    return value


def _decide(enterprise: Enterprise, actor, state: str, note: str) -> Enterprise:
    access.require_bureau_of(actor, enterprise.agency_id)
    enterprise.state = state
    enterprise.decided_by = actor
    enterprise.decided_at = timezone.now()
    enterprise.decision_note = note
    enterprise.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    _reindex_products(enterprise)
    return enterprise


@transaction.atomic
def enterprise_approve(*, enterprise: Enterprise, actor) -> Enterprise:
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    if enterprise.state not in (EnterpriseState.SUBMITTED, EnterpriseState.WITHDRAWN):
        raise Conflict("该企业当前状态不能发布")
    _decide(enterprise, actor, EnterpriseState.APPROVED, "")
    log(instance=enterprise, action="enterprise.approve", user=actor)
    _notify(
        key=f"enterprise:{enterprise.pk}:approved:{enterprise.decided_at:%Y%m%d%H%M%S}",
        phone=enterprise.contact_phone,
        email=enterprise.email,
        subject="企业风采信息已发布",
        body=f"{enterprise.name}：您提交的企业风采信息已审核通过并在政府门户网站发布。",
    )
    return enterprise


@transaction.atomic
def enterprise_reject(*, enterprise: Enterprise, actor, reason: str) -> Enterprise:
    reason = _text(reason, field="reason", label="退回理由", max_length=300)
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    if enterprise.state != EnterpriseState.SUBMITTED:
        raise Conflict("该企业当前状态不能退回")
    _decide(enterprise, actor, EnterpriseState.REJECTED, reason)
    log(instance=enterprise, action="enterprise.reject", user=actor, data={"reason": reason})
    _notify(
        key=f"enterprise:{enterprise.pk}:rejected",
        phone=enterprise.contact_phone,
        email=enterprise.email,
        subject="企业风采信息未通过审核",
        body=f"{enterprise.name}：您提交的企业风采信息未通过审核，理由：{reason}",
    )
    return enterprise


@transaction.atomic
def enterprise_withdraw(*, enterprise: Enterprise, actor, reason: str) -> Enterprise:
    reason = _text(reason, field="reason", label="撤下理由", max_length=300)
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    if enterprise.state != EnterpriseState.APPROVED:
        raise Conflict("只有已发布的企业可以撤下")
    _decide(enterprise, actor, EnterpriseState.WITHDRAWN, reason)
    log(instance=enterprise, action="enterprise.withdraw", user=actor, data={"reason": reason})
    return enterprise


# --- the website link check (tasks.check_enterprise_links) ------------------------------------


@transaction.atomic
def enterprise_link_checked(*, enterprise_id: int, ok: bool, error: str = "", at=None) -> Enterprise | None:
    """Record one check of an enterprise's website: enough failures in a row hide the link
    and tell the enterprise (outbox); a link that answers again is shown again."""
    enterprise = Enterprise.objects.select_for_update().filter(pk=enterprise_id).first()
    if enterprise is None or not enterprise.website:
        return None
    at = at or timezone.now()
    enterprise.link_checked_at = at
    enterprise.link_error = error[:200]
    if ok:
        enterprise.link_failures = 0
        if not enterprise.link_ok:
            enterprise.link_ok = True
            log(instance=enterprise, action="enterprise.link_restored", user=None)
    else:
        enterprise.link_failures = min(enterprise.link_failures + 1, 32000)
        if enterprise.link_ok and enterprise.link_failures >= settings.GOVPORTAL_ENTERPRISE_LINK_FAILURES:
            enterprise.link_ok = False
            log(instance=enterprise, action="enterprise.link_hidden", user=None, data={"error": error[:200]})
            body = render_to_string(
                "enterprise/notify/link_broken.txt",
                {
                    "name": enterprise.name,
                    "site_name": "政府门户网站",
                    "website": enterprise.website,
                    "failures": enterprise.link_failures,
                    "error": error[:100] or "无法连接",
                    "bureau": enterprise.agency.name,
                },
            ).strip()
            _notify(
                key=f"enterprise:{enterprise.pk}:link-hidden:{at:%Y%m%d%H%M}",
                phone=enterprise.contact_phone,
                email=enterprise.email,
                subject="企业网站链接已暂时隐藏",
                body=body,
            )
    enterprise.save(update_fields=["link_checked_at", "link_error", "link_failures", "link_ok"])
    return enterprise


# --- 形象窗口: editing, review, going live -------------------------------------------------------


@transaction.atomic
def window_save(*, window: ImageWindow, actor) -> ImageWindow:
    """A window created or edited in the admin: owned by its site's agency; any change to a
    submitted or approved window sends it back to 草稿 (it is reviewed again)."""
    window.agency_id = window.home.agency_id
    access.require_edit_window(actor, window)
    creating = window.pk is None
    if creating:
        window.created_by = actor
    was_live = bool(window.pk) and window.shown
    window.state = ReviewState.DRAFT
    window.submitted_by = window.reviewed_by = None
    window.submitted_at = window.reviewed_at = None
    window.save()
    log(instance=window, action="wagtail.create" if creating else "wagtail.edit", user=actor)
    if was_live:
        _windows_refresh([window])
    return window


@transaction.atomic
def window_submit(*, window: ImageWindow, actor) -> ImageWindow:
    access.require_edit_window(actor, window)
    if window.state not in (ReviewState.DRAFT, ReviewState.REJECTED):
        raise Conflict("该形象窗口已提交审核")
    window.state = ReviewState.SUBMITTED
    window.submitted_by = actor
    window.submitted_at = timezone.now()
    window.save(update_fields=["state", "submitted_by", "submitted_at"])
    log(instance=window, action="enterprise.window_submit", user=actor)
    return window


@transaction.atomic
def window_approve(*, window: ImageWindow, actor) -> ImageWindow:
    access.require_review_window(actor, window)
    if window.state != ReviewState.SUBMITTED:
        raise Conflict("只有待审核的形象窗口可以审核")
    window.state = ReviewState.APPROVED
    window.reviewed_by = actor
    window.reviewed_at = timezone.now()
    window.review_note = ""
    window.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_note"])
    log(instance=window, action="enterprise.window_approve", user=actor)
    image_windows_refresh()
    return window


@transaction.atomic
def window_reject(*, window: ImageWindow, actor, note: str) -> ImageWindow:
    access.require_review_window(actor, window)
    note = _text(note, field="note", label="退回理由", max_length=300)
    if window.state != ReviewState.SUBMITTED:
        raise Conflict("只有待审核的形象窗口可以退回")
    window.state = ReviewState.REJECTED
    window.reviewed_by = actor
    window.reviewed_at = timezone.now()
    window.review_note = note
    window.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_note"])
    log(instance=window, action="enterprise.window_reject", user=actor, data={"note": note})
    return window


def _windows_refresh(windows) -> None:
    homes = SiteHomePage.objects.filter(pk__in={w.home_id for w in windows})
    prerender.pages_changed(pages=list(homes))


@transaction.atomic
def image_windows_refresh(*, now=None) -> int:
    """The periodic job (every minute) and every approval: a window that started or ended
    since the last run flips its ``shown`` flag, and the pre-rendered home of its site is
    refreshed. Returns the number of windows that changed."""
    now = now or timezone.now()
    changed = []
    for window in ImageWindow.objects.select_for_update().filter(
        pk__in=ImageWindow.objects.filter(state=ReviewState.APPROVED).values("pk")
        | ImageWindow.objects.filter(shown=True).values("pk")
    ):
        live = window.is_live(now)
        if live != window.shown:
            window.shown = live
            window.save(update_fields=["shown"])
            changed.append(window)
    if changed:
        _windows_refresh(changed)
    return len(changed)


# --- 招商引资: projects and policies (the admin's forms) ---------------------------------------


@transaction.atomic
def bureau_row_save(*, instance, actor):
    """An investment project or policy saved in the admin: filed under the bureau."""
    if instance.agency_id is None:
        instance.agency = _bureau()
    access.require_bureau_of(actor, instance.agency_id)
    creating = instance.pk is None
    instance.save()
    log(instance=instance, action="wagtail.create" if creating else "wagtail.edit", user=actor)
    return instance


# --- 招商引资: enquiries ---------------------------------------------------------------------------


@transaction.atomic(savepoint=False)
def enquiry_submit(
    *,
    project: InvestmentProject | None,
    company: str,
    name: str,
    phone: str,
    email: str = "",
    content: str,
) -> tuple[Enquiry, str]:
    """An investor's enquiry: a case of the kernel routed to the investment bureau, with
    the reply clock of `settings.GOVPORTAL_ENQUIRY_REPLY_DAYS`; returns it and its query code."""
    agency = _bureau()
    company = citizen_input.clean_name(
        company, field="company", label="单位名称", max_length=citizen_input.ORG_NAME_MAX, required=False
    )
    name = citizen_input.clean_name(name, field="name", label="联系人")
    phone = citizen_input.clean_phone(phone, field="phone")
    email = citizen_input.clean_email(email, field="email")
    content = _text(content, field="content", label="咨询内容", max_length=3000, multiline=True)
    if len(content) < 10:
        raise InvalidInput("咨询内容太短，请说明具体情况（至少10个字）", field="content")
    if project is not None and not project.is_published:
        raise InvalidInput("该招商项目不存在或已下线", field="project")
    limit = settings.GOVPORTAL_ENQUIRY_REPLY_DAYS
    title = f"投资咨询：{project.title}" if project else f"投资咨询：{company or name}"
    case, code = case_create(
        case_type=KEY,
        actor=None,
        actor_kind=ActorKind.CITIZEN,
        agency=agency,
        title=title,
        payload={"limit_days": limit, "project": project.pk if project else None},
        context={"citizen_phone": phone, "citizen_email": email},
    )
    enquiry = Enquiry.objects.create(
        case=case, project=project, company=company, name=name, phone=phone, email=email, content=content
    )
    return enquiry, code


@transaction.atomic
def enquiry_reply(*, enquiry: Enquiry, actor, reply: str) -> Enquiry:
    access.require_enquiry_step(actor, enquiry, "reply")
    reply = _text(reply, field="reply", label="答复内容", max_length=3000, multiline=True)
    enquiry.case.refresh_from_db(fields=["state", "is_open"])
    if enquiry.case.state != EnquiryState.SUBMITTED:
        raise Conflict("该咨询已答复")
    enquiry.reply = reply
    enquiry.replied_at = timezone.now()
    enquiry.replied_by = actor
    enquiry.save(update_fields=["reply", "replied_at", "replied_by"])
    case_transition(case=enquiry.case, name="reply", actor=actor, actor_kind=ActorKind.CLERK)
    return enquiry

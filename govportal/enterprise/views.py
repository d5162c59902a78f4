"""Public pages of 企业风采 and 招商引资 under /qiye/: the enterprise directory and pages,
the application form, the 名优新特产品 catalogue, investment projects and policies, and the
enquiry form (the lookup of an enquiry is the kernel's /cases/ with `enterprise.cases`'
detail block). Thin: parse, select, act, render. All work without JavaScript."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from govportal.cluster.models import ProductCategory
from govportal.cluster.selectors import page_url_function
from govportal.core.antiabuse.guard import FormGuard, is_mobile
from govportal.core.citizen_input import parse_int
from govportal.core.errors import GovPortalError
from govportal.core.masking import mask_name, mask_phone
from govportal.enterprise import actions, selectors
from govportal.enterprise.forms import EnquiryForm, EnterpriseForm
from govportal.enterprise.models import Enquiry, Enterprise, EnterpriseKind, Industry

PER_PAGE = 12


def _page(request, qs, per_page=PER_PAGE):
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


def _no_store(response):
    response["Cache-Control"] = "private, no-store"
    return response


def index(request):
    q = request.GET.get("q", "")
    industry = request.GET.get("industry", "")
    kind = request.GET.get("kind", "")
    township = request.GET.get("township", "")
    page = _page(request, selectors.public_enterprises(q=q, industry=industry, kind=kind, township=township))
    context = {
        "q": selectors.clean_query(q),
        "industry": industry if industry in Industry.values else "",
        "kind": kind if kind in EnterpriseKind.values else "",
        "township": selectors.clean_query(township),
        "industries": Industry.choices,
        "kinds": EnterpriseKind.choices,
        "townships": selectors.public_townships(),
        "page_obj": page,
        "page_title": _("企业风采"),
    }
    return TemplateResponse(request, "enterprise/index.html", context)


def detail(request, pk):
    enterprise = selectors.public_enterprise(pk)
    context = {
        "enterprise": enterprise,
        "products": list(enterprise.products.select_related("image")),
        # The contact person is a private person: name and a mobile number are masked (core
        # masking); a landline is the company's own switchboard and shown in full.
        "contact_name": mask_name(enterprise.contact_name),
        "phone": mask_phone(enterprise.contact_phone)
        if is_mobile(enterprise.contact_phone)
        else enterprise.contact_phone,
        "page_title": enterprise.name,
    }
    return TemplateResponse(request, "enterprise/detail.html", context)


def _apply_context(form, guard):
    return {
        "form": form,
        **guard.context(),
        "page_title": _("企业风采信息申报"),
        "max_files": actions.MAX_DOCUMENTS,
    }


@never_cache
def apply(request):
    """The enterprise's application under the submission policy (`core.antiabuse`): CAPTCHA,
    limits and a one-time form token — a retry shows the first application's page again."""
    guard = FormGuard(request, phone_field="contact_phone")
    template = "enterprise/apply.html"
    if request.method != "POST":
        return TemplateResponse(request, template, _apply_context(EnterpriseForm(), guard))
    if guard.wants_sms_code:
        guard.send_sms_code()
        form = EnterpriseForm(initial=request.POST.dict())
        return _no_store(TemplateResponse(request, template, _apply_context(form, guard), status=guard.status_code))
    form = EnterpriseForm(request.POST, request.FILES)
    status = 400
    if form.is_valid():
        data = form.cleaned_data

        def run() -> tuple[int, dict]:
            enterprise = actions.enterprise_apply(
                name=data["name"],
                credit_code=data["credit_code"],
                kind=data["kind"],
                industry=data["industry"],
                township=data["township"],
                profile=data["profile"],
                honours=data["honours"],
                address=data["address"],
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
                email=data["email"],
                website=data["website"],
                products=form.products(),
                documents=data["documents"],
            )
            return 200, {"enterprise_id": enterprise.pk}

        try:
            outcome = guard.submit(run=run)
        except GovPortalError as exc:
            status = exc.status_code
            field = exc.field if exc.field in form.fields or exc.field == "captcha_answer" else None
            if field == "captcha_answer":
                form.errors["captcha_answer"] = form.error_class([exc.message])
            elif field == "products":
                form.add_error(None, exc.message)
            else:
                form.add_error(field, exc.message)
        else:
            enterprise = Enterprise.objects.select_related("agency").get(pk=outcome.body["enterprise_id"])
            context = {"enterprise": enterprise, "page_title": _("申报已提交")}
            return _no_store(TemplateResponse(request, "enterprise/applied.html", context))
    return _no_store(TemplateResponse(request, template, _apply_context(form, guard), status=status))


def products(request):
    category = request.GET.get("category", "")
    q = request.GET.get("q", "")
    items = selectors.catalogue(category=category, q=q, url_of=page_url_function(request))
    labels = dict(ProductCategory.choices)
    context = {
        "items": items,
        "categories": ProductCategory.choices,
        "category": category if category in labels else "",
        "q": selectors.clean_query(q),
        "page_title": _("名优新特产品"),
    }
    return TemplateResponse(request, "enterprise/products.html", context)


def investment(request):
    context = {
        "projects": list(selectors.published_projects()[:30]),
        "policies": list(selectors.published_policies()[:30]),
        "page_title": _("招商引资"),
    }
    return TemplateResponse(request, "enterprise/investment.html", context)


def project(request, pk):
    item = selectors.public_project(pk)
    context = {"project": item, "page_title": item.title}
    return TemplateResponse(request, "enterprise/project.html", context)


def _enquiry_context(form, guard):
    return {"form": form, **guard.context(), "page_title": _("投资咨询")}


@never_cache
def enquire(request):
    guard = FormGuard(request, phone_field="phone")
    projects = list(selectors.published_projects())
    template = "enterprise/enquire.html"
    if request.method != "POST":
        initial = {}
        wanted = parse_int(request.GET.get("project"), minimum=1)
        if wanted and any(p.pk == wanted for p in projects):
            initial["project"] = wanted
        form = EnquiryForm(initial=initial, projects=projects)
        return TemplateResponse(request, template, _enquiry_context(form, guard))
    if guard.wants_sms_code:
        guard.send_sms_code()
        form = EnquiryForm(initial=request.POST.dict(), projects=projects)
        return _no_store(TemplateResponse(request, template, _enquiry_context(form, guard), status=guard.status_code))
    form = EnquiryForm(request.POST, projects=projects)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        chosen = next((p for p in projects if p.pk == data["project"]), None)

        def run() -> tuple[int, dict]:
            enquiry, code = actions.enquiry_submit(
                project=chosen,
                company=data["company"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                content=data["content"],
            )
            return 200, {"tracking_number": enquiry.case.tracking_number, "query_code": code}

        try:
            outcome = guard.submit(run=run)
        except GovPortalError as exc:
            status = exc.status_code
            field = exc.field if exc.field in form.fields or exc.field == "captcha_answer" else None
            if field == "captcha_answer":
                form.errors["captcha_answer"] = form.error_class([exc.message])
            else:
                form.add_error(field, exc.message)
        else:
            enquiry = Enquiry.objects.select_related("case").get(case__tracking_number=outcome.body["tracking_number"])
            context = {"enquiry": enquiry, "query_code": outcome.body["query_code"], "page_title": _("咨询已提交")}
            return _no_store(TemplateResponse(request, "enterprise/enquired.html", context))
    return _no_store(TemplateResponse(request, template, _enquiry_context(form, guard), status=status))

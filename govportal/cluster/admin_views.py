"""Wagtail admin views of the cluster: the review-step views with our rules, and the
synchronised-publishing (同步发布) screens. Thin: parse, check through a selector, call one
action, render. Application errors become a message and their 4xx status."""

from __future__ import annotations

from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.admin.views.pages.workflow import CollectWorkflowActionDataView, WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet

from govportal.cluster import access, actions, review, selectors
from govportal.cluster.forms import DeclineForm, OfferForm, RequestChangesForm, UrgentNoticeForm
from govportal.cluster.models import ArticlePage, SyncStatus, UrgentNotice
from govportal.core.errors import GovPortalError, NotFound

# --- Review steps -----------------------------------------------------------------------


def _first_error(form) -> str:
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        return f"{field.label}：{errors[0]}" if field is not None and field.label else str(errors[0])
    return _("提交的内容有误。")


class _ReasonedActionMixin:
    def get_form_class(self):
        # Requesting changes without saying what to change helps no editor.
        if self.action_name == "reject":
            return RequestChangesForm
        return super().get_form_class()


class ReviewWorkflowActionView(_ReasonedActionMixin, WorkflowActionView):
    def post(self, request, *args, **kwargs):
        if self.action_name == "approve":
            problems = review.blocking_problems(self.object)
            if problems:
                # Say why, and send the reviewer where the problems are resolved.
                messages.error(request, review.blocking_message(problems))
                target = problems[0].url or self.redirect_url
                if request.headers.get("x-requested-with") == "XMLHttpRequest":
                    return self.render_modal_json(request, {"step": "success", "redirect": target})
                return redirect(target)
        if self.form_class and request.headers.get("x-requested-with") != "XMLHttpRequest":
            form = self.form_class(request.POST)
            if not form.is_valid():
                # Wagtail would redirect silently; say why nothing happened.
                messages.error(request, _first_error(form))
                return redirect(self.redirect_url)
        return super().post(request, *args, **kwargs)


class ReviewCollectWorkflowActionDataView(_ReasonedActionMixin, CollectWorkflowActionDataView):
    pass


class ReviewPageViewSet(PageViewSet):
    workflow_action_view_class = ReviewWorkflowActionView
    collect_workflow_action_data_view_class = ReviewCollectWorkflowActionDataView


# --- Synchronised publishing ------------------------------------------------------------


def _render(request, template: str, context: dict, status: int = 200) -> TemplateResponse:
    return TemplateResponse(request, f"cluster/admin/{template}", context, status=status)


def _index_context(request) -> dict:
    user = request.user
    reviewable = selectors.offers_for_reviewer(user)
    return {
        "can_review": access.portal_reviewable_columns(user).exists(),
        "pending": [o for o in reviewable if o.status == SyncStatus.OFFERED],
        "decided": [o for o in reviewable if o.status != SyncStatus.OFFERED][:50],
        "own_offers": selectors.offers_by_user_agency(user)[:200],
        "decline_form": DeclineForm(),
    }


def sync_index(request):
    return _render(request, "sync_index.html", _index_context(request))


def _index_with_error(request, error: GovPortalError) -> TemplateResponse:
    messages.error(request, error.message)
    return _render(request, "sync_index.html", _index_context(request), status=error.status_code)


def _editable_article(request, page_id: int) -> ArticlePage:
    article = ArticlePage.objects.filter(pk=page_id).first()
    if article is None or not access.can_edit_page(request.user, article):
        raise NotFound(_("找不到该文章。"))
    return article


def sync_offer(request, page_id: int):
    try:
        article = _editable_article(request, page_id)
    except GovPortalError as error:
        return _index_with_error(request, error)
    form = OfferForm(request.POST or None, article=article)
    context = {"article": article, "form": form, "offers": article.sync_offers.select_related("column")}
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, _first_error(form))
            return _render(request, "sync_offer.html", context, status=400)
        try:
            offers = actions.article_offer(
                actor=request.user, article=article, columns=list(form.cleaned_data["columns"])
            )
        except GovPortalError as error:
            messages.error(request, error.message)
            return _render(request, "sync_offer.html", context, status=error.status_code)
        if offers:
            messages.success(
                request,
                _("已推送到 %(columns)s，等待门户审核。") % {"columns": "、".join(o.column.title for o in offers)},
            )
        else:
            messages.warning(request, _("所选栏目已推送过或已采用，无需重复推送。"))
        return redirect("cluster_sync:index")
    return _render(request, "sync_offer.html", context)


def sync_accept(request, offer_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        offer = selectors.offer_for_user(request.user, offer_id)
        actions.sync_offer_accept(actor=request.user, offer=offer)
    except GovPortalError as error:
        return _index_with_error(request, error)
    messages.success(
        request,
        _("已采用《%(title)s》，门户栏目“%(column)s”已列出原文。")
        % {"title": offer.article.title, "column": offer.column.title},
    )
    return redirect("cluster_sync:index")


def sync_decline(request, offer_id: int):
    try:
        offer = selectors.offer_for_user(request.user, offer_id)
    except GovPortalError as error:
        return _index_with_error(request, error)
    form = DeclineForm(request.POST or None)
    context = {"offer": offer, "form": form}
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, _first_error(form))
            return _render(request, "sync_decline.html", context, status=400)
        try:
            actions.sync_offer_decline(actor=request.user, offer=offer, reason=form.cleaned_data["reason"])
        except GovPortalError as error:
            messages.error(request, error.message)
            return _render(request, "sync_decline.html", context, status=error.status_code)
        messages.success(request, _("已不予采用《%(title)s》。") % {"title": offer.article.title})
        return redirect("cluster_sync:index")
    return _render(request, "sync_decline.html", context)


def sync_withdraw(request, offer_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        offer = selectors.offer_for_user(request.user, offer_id)
        actions.sync_offer_withdraw(actor=request.user, offer=offer)
    except GovPortalError as error:
        return _index_with_error(request, error)
    messages.success(request, _("已撤回《%(title)s》的推送。") % {"title": offer.article.title})
    return redirect(reverse("cluster_sync:index"))


urlpatterns = [
    path("", sync_index, name="index"),
    path("offer/<int:page_id>/", sync_offer, name="offer"),
    path("<int:offer_id>/accept/", sync_accept, name="accept"),
    path("<int:offer_id>/decline/", sync_decline, name="decline"),
    path("<int:offer_id>/withdraw/", sync_withdraw, name="withdraw"),
]


# --- Urgent information (紧急信息) -------------------------------------------------------


def urgent_index(request):
    """The list of 紧急信息 and the form to publish one (authorised leaders only, else 404)."""
    if not access.may_publish_urgent_notice(request.user):
        raise Http404
    form = UrgentNoticeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.urgent_notice_publish(actor=request.user, **form.cleaned_data)
            except GovPortalError as error:
                messages.error(request, str(error))
                status = error.status_code
            else:
                messages.success(request, _("紧急信息已发布，全部网站将立即显示。"))
                return redirect("cluster_urgent:index")
        else:
            messages.error(request, _first_error(form))
            status = 400
    return TemplateResponse(
        request,
        "cluster/admin/urgent_index.html",
        {"form": form, "notices": selectors.urgent_notices_for_admin()},
        status=status,
    )


def urgent_withdraw(request, pk: int):
    if not access.may_publish_urgent_notice(request.user):
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    notice = get_object_or_404(UrgentNotice, pk=pk)
    try:
        actions.urgent_notice_withdraw(actor=request.user, notice=notice)
    except GovPortalError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("紧急信息已撤下。"))
    return redirect("cluster_urgent:index")


urgent_urlpatterns = [
    path("", urgent_index, name="index"),
    path("<int:pk>/withdraw/", urgent_withdraw, name="withdraw"),
]

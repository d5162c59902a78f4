"""Helpers for tests that drive the Wagtail admin over HTTP (edit form data, workflow URLs)."""

from __future__ import annotations

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text


def article_form_data(page: Page, **overrides) -> dict:
    """POST data for the admin edit form of an article, from its latest revision."""
    latest = page.get_latest_revision_as_object()
    data = {
        "title": latest.title,
        "slug": latest.slug,
        "subtitle": latest.subtitle,
        "source": latest.source,
        "author": latest.author,
        "summary": latest.summary,
        "body": rich_text(latest.body or "<p>正文</p>"),
        "cover_image": "",
        "attachments": inline_formset([]),
        "tags": "",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def workflow_action_url(page: Page, action: str) -> str:
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])

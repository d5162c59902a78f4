"""Disclosure documents as a search source (type 信息公开); superseded ones are flagged
``is_repealed`` so the search marks them. Re-indexed on publish/unpublish by the search
app's own page signals (page sources share Wagtail's page ids)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def document(page):
    from govportal.disclosure.choices import SUPERSEDED
    from govportal.search.sources import Document, _page_context, _page_is_public, _published, html_to_text

    if not _page_is_public(page):
        return None
    number = page.index_number
    body = " ".join(p for p in [number, page.document_number, page.summary, html_to_text(page.body)] if p)
    return Document(
        object_id=page.pk,
        title=page.title,
        body=body,
        url=page.get_url() or page.url_path,
        published_at=_published(page),
        is_repealed=page.validity in SUPERSEDED,
        keywords=[k for k in [page.document_number, number] if k],
        **_page_context(page),
    )


def register_source() -> None:
    from govportal.disclosure.models import DisclosureDocumentPage
    from govportal.search.sources import SearchSource, register

    register(
        SearchSource(
            key="disclosure",
            label=_("信息公开"),
            order=20,
            items=lambda: DisclosureDocumentPage.objects.live().public().order_by("pk"),
            document=document,
            page_model=DisclosureDocumentPage,
        )
    )

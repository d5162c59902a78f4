"""Disclosure documents in the site search (type 信息公开): a published one is found, with
superseded ones flagged; a draft, an unpublished one and another agency's restricted one are not."""

from __future__ import annotations

from django.utils import timezone

import pytest

from govportal.disclosure.choices import Validity
from govportal.search.models import SearchEntry
from tests.disclosure.conftest import disclosure_column, publish_document

pytestmark = pytest.mark.django_db


def test_published_documents_are_indexed_drafts_and_unpublished_are_not(world, django_capture_on_commit_callbacks):
    edu = world["homes"]["edu"]
    with django_capture_on_commit_callbacks(execute=True):
        live = publish_document(edu, "示例市教育局校车安全管理办法")
        old = publish_document(
            edu, "示例市教育局校车管理暂行办法", validity=Validity.REPEALED, validity_date=timezone.localdate()
        )
        gone = publish_document(edu, "示例市教育局撤回的通知")
        from govportal.disclosure.models import DisclosureDocumentPage

        draft = DisclosureDocumentPage(
            title="示例市教育局草稿文件", summary="草稿", date_made=timezone.localdate(), category="a20_01"
        )
        disclosure_column(edu).add_child(instance=draft)
        draft.save_revision()
    with django_capture_on_commit_callbacks(execute=True):
        gone.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        from wagtail.models import PageViewRestriction

        private = publish_document(world["homes"]["town"], "青山镇内部传阅材料")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        private.save_revision().publish()
    entries = {e.object_id: e for e in SearchEntry.objects.filter(source="disclosure")}
    assert set(entries) == {live.pk, old.pk}
    assert entries[old.pk].is_repealed and not entries[live.pk].is_repealed
    assert live.index_number in entries[live.pk].body

"""Proactive disclosure: the column on every site, index numbers, the catalogue, document
pages (validity, interpretations both ways), the guide and the 20-WD tracker."""

from __future__ import annotations

from datetime import date

from django.test import override_settings
from django.utils import timezone

import pytest
import time_machine

from govportal.disclosure.choices import Category, DocKind, Topic, Validity
from govportal.disclosure.models import DisclosureIndexPage, IndexNumber
from govportal.disclosure.selectors import publish_tracker
from tests.disclosure.conftest import disclosure_column, path_of, publish_document, staff

pytestmark = pytest.mark.django_db


def test_every_site_gets_one_disclosure_column_before_services(cluster):
    for home in cluster["homes"].values():
        assert DisclosureIndexPage.objects.child_of(home).count() == 1
    portal_slugs = list(cluster["homes"]["city"].get_children().values_list("slug", flat=True))
    assert portal_slugs.index("xxgk") == portal_slugs.index("wsbs") - 1


def test_index_number_assigned_at_first_publish_and_kept_on_republish(world):
    edu = world["homes"]["edu"]
    year = timezone.localdate().year
    first = publish_document(edu, "示例市教育局关于规范校外培训的通知")
    second = publish_document(edu, "示例市教育局2026年工作要点")
    assert first.index_number == f"D0001/{year}-00001"
    assert second.index_number == f"D0001/{year}-00002"
    first.title = "示例市教育局关于规范校外培训的通知（修订）"
    first.save_revision().publish()
    assert IndexNumber.objects.get(page=first).number == f"D0001/{year}-00001"


def test_index_number_is_never_reused_after_deletion(world):
    edu = world["homes"]["edu"]
    year = timezone.localdate().year
    doc = publish_document(edu, "将被删除的文件")
    doc.delete()
    again = publish_document(edu, "新的文件")
    assert again.index_number == f"D0001/{year}-00002"
    assert IndexNumber.objects.filter(number=f"D0001/{year}-00001", page__isnull=True).exists()


@override_settings(GOVPORTAL_DISCLOSURE_INDEX_FORMAT="{agency}-{topic}/{year}-{seq:04d}")
def test_index_number_segments_are_configurable(world):
    doc = publish_document(world["homes"]["edu"], "教育统计公报", topic=Topic.SCIENCE)
    assert doc.index_number == f"D0001-10/{timezone.localdate().year}-0001"


def test_catalogue_lists_live_documents_with_filters(client, world):
    edu = world["homes"]["edu"]
    publish_document(edu, "示例市教育局行政规范性文件清单", document_number="示教发〔2026〕3号")
    publish_document(edu, "示例市教育局2026年部门预算", category=Category.BUDGETS, topic=Topic.FINANCE)
    draft = publish_document(edu, "尚未发布的草稿")
    draft.unpublish()
    url = disclosure_column(edu).url
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "行政规范性文件清单" in body and "部门预算" in body and "尚未发布的草稿" not in body
    body = client.get(url, {"category": Category.BUDGETS}).content.decode()
    assert "部门预算" in body and "规范性文件清单" not in body
    body = client.get(url, {"q": "示教发〔2026〕3号"}).content.decode()
    assert "规范性文件清单" in body and "部门预算" not in body


def test_city_catalogue_browses_by_agency(client, world):
    publish_document(world["homes"]["edu"], "教育局的文件")
    publish_document(world["homes"]["town"], "青山镇的文件", category=Category.RURAL_POLICY)
    body = client.get("/zwgk/").content.decode()
    assert "教育局的文件" in body and "青山镇的文件" in body
    body = client.get("/zwgk/", {"agency": "X0001"}).content.decode()
    assert "青山镇的文件" in body and "教育局的文件" not in body


def test_repealed_document_stays_online_marked_with_link_to_replacement(client, world):
    edu = world["homes"]["edu"]
    new = publish_document(edu, "示例市中小学学籍管理办法（2026年修订）", doc_kind=DocKind.NORMATIVE)
    old = publish_document(edu, "示例市中小学学籍管理办法", doc_kind=DocKind.NORMATIVE)
    old.validity, old.validity_date, old.replaced_by = Validity.REPEALED, timezone.localdate(), new
    old.save_revision().publish()
    response = client.get(old.url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "本文件已废止" in body and path_of(new) in body
    assert path_of(old) in client.get(new.url).content.decode()


def test_interpretation_and_policy_link_both_ways(client, world):
    edu = world["homes"]["edu"]
    policy = publish_document(edu, "关于推进集团化办学的实施意见")
    reading = publish_document(
        edu, "《关于推进集团化办学的实施意见》政策解读", category=Category.INTERPRETATION, interprets=policy
    )
    assert path_of(reading) in client.get(policy.url).content.decode()
    assert path_of(policy) in client.get(reading.url).content.decode()


def test_guide_reads_the_agency_record_live(client, world):
    edu = world["agencies"]["edu"]
    edu.address, edu.phone, edu.fax, edu.office_hours = (
        "示例市人民路8号",
        "0731-8888001",
        "0731-8888002",
        "工作日9:00-17:00",
    )
    edu.disclosure_office = "示例市教育局办公室"
    edu.save()
    body = client.get(disclosure_column(world["homes"]["edu"]).url + "zn/").content.decode()
    for text in ("示例市人民路8号", "0731-8888001", "0731-8888002", "工作日9:00-17:00", "示例市教育局办公室"):
        assert text in body
    edu.phone = "0731-9999999"
    edu.save()
    body = client.get(disclosure_column(world["homes"]["edu"]).url + "zn/").content.decode()
    assert "0731-9999999" in body


def test_tracker_lists_documents_published_later_than_20_working_days(world):
    edu = world["homes"]["edu"]
    clerk = staff(world["agencies"]["edu"])
    with time_machine.travel("2026-11-02 10:00 +0800", tick=False):
        # made 2026-10-09; 20 WD later (National Day already over) is 2026-11-06
        on_time = publish_document(edu, "按时公开", date_made=date(2026, 10, 20))
        late = publish_document(edu, "超期公开", date_made=date(2026, 9, 1))
    rows = publish_tracker(clerk, today=date(2026, 11, 2))
    titles = {r["page"].title for r in rows}
    assert "超期公开" in titles and "按时公开" not in titles
    assert all(r["page"].pk != on_time.pk for r in rows)
    assert next(r for r in rows if r["page"].pk == late.pk)["late_days"] > 0
    other = staff(world["agencies"]["town"])
    assert publish_tracker(other, today=date(2026, 11, 2)) == []


def test_document_page_offers_its_attachments_for_download(client, world, settings, tmp_path):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model

    from govportal.disclosure.models import DisclosureAttachment

    settings.MEDIA_ROOT = tmp_path
    document = get_document_model().objects.create(
        title="sqb", file=ContentFile(b"%PDF-1.4 form", name="shenqingbiao.pdf")
    )
    doc = publish_document(
        world["homes"]["edu"],
        "示例市教育局政府信息公开申请表",
        attachments=[DisclosureAttachment(document=document, title="申请表（PDF）")],
    )

    body = client.get(doc.url).content.decode()

    assert "申请表（PDF）" in body
    assert document.url in body


def test_guide_shows_the_disclosure_offices_own_address_not_the_citys(client, world, django_user_model):
    """Issue 18.15 (Art. 12): the guide names the disclosure office's own address and
    contacts, entered on the agency's record; blank ones fall back to the agency's own."""
    city, edu = world["agencies"]["city"], world["agencies"]["edu"]
    city.address, city.phone = "示例市政府大院1号", "0731-1234567"
    city.save()
    edu.address, edu.phone = "示例市人民路8号", "0731-8888001"
    edu.disclosure_office = "示例市教育局政务公开办公室"
    edu.disclosure_address, edu.disclosure_phone = "示例市人民路8号教育局一楼公开窗口", "0731-8888123"
    edu.save()
    body = client.get(disclosure_column(world["homes"]["edu"]).url + "zn/").content.decode()
    for text in ("示例市教育局政务公开办公室", "示例市人民路8号教育局一楼公开窗口", "0731-8888123"):
        assert text in body
    assert "示例市政府大院1号" not in body and "0731-1234567" not in body
    office = django_user_model.objects.create_superuser("xinxiban", password="x", email="x@example.gov.cn")
    client.force_login(office)
    form = client.get(f"/admin/agencies/edit/{edu.pk}/").content.decode()
    assert 'name="disclosure_address"' in form and 'name="established_on"' in form

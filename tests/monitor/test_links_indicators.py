"""The scored indicators of the link part, each measured at a frozen time on built data:
broken links (内外链接可用性), images without alt text, the 标识码 meta, 规范性文件 without a
解读 (declared by 信息公开 through `cluster.supervision`)."""

from __future__ import annotations

import io
from datetime import timedelta

from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Page

import pytest
import time_machine

from govportal.cluster import actions as cluster_actions
from govportal.cluster.models import SiteKind
from govportal.cluster.supervision import site_check
from govportal.core.linkcheck import LinkResult
from govportal.disclosure.choices import Category, DocKind
from govportal.monitor.indicators import State, indicator
from govportal.monitor.links import actions
from govportal.monitor.links.collect import Reference
from tests.conftest import column, publish_article
from tests.disclosure.conftest import publish_document

pytestmark = pytest.mark.django_db
T0 = timezone.datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_fixed_timezone(480))


def _measure(key, site, now):
    found = indicator(key)
    assert found is not None and found.veto is False
    return found.measure(site, now)


def test_the_four_scored_indicators_are_registered_as_non_veto():
    for key in ("links", "images_alt", "site_code", "interpretations"):
        assert indicator(key).veto is False and indicator(key).rule


def test_broken_links_deduct_from_the_site_they_appear_on(cluster, settings):
    settings.GOVPORTAL_MONITOR_BROKEN_LINKS_MAX = 0
    settings.GOVPORTAL_MONITOR_LINK_FAILURES = 2
    edu, town = cluster["homes"]["edu"], cluster["homes"]["town"]
    with time_machine.travel(T0, tick=False):
        page = publish_article(column(edu, "gzdt"), "含外链的文章")
        ref = Reference(page.pk, edu.pk, edu.agency_id, "a", "https://old.shili.invalid/a.html", False, "旧网址")
        actions.links_found(references=[ref])
        target_id = page.pk and actions.LinkTarget.objects.get().pk
        actions.link_checked(target_id=target_id, result=LinkResult(ok=False, error="域名不存在"))
        once = _measure("links", edu, T0)
    assert once.state == State.OK and once.value == 0  # one failure is not yet broken
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        actions.link_checked(target_id=target_id, result=LinkResult(ok=False, error="域名不存在"))
        twice = _measure("links", edu, timezone.now())
    assert twice.state == State.DEDUCT and twice.value == 1
    finding = twice.findings[0]
    assert finding.title == "https://old.shili.invalid/a.html" and finding.since == T0
    assert finding.detail == "域名不存在" and finding.url.endswith(f"/pages/{page.pk}/edit/")
    assert _measure("links", town, T0 + timedelta(days=1)).state == State.OK  # another site: nothing
    settings.GOVPORTAL_MONITOR_BROKEN_LINKS_MAX = 1
    assert _measure("links", edu, T0 + timedelta(days=1)).state == State.OK  # within the threshold


def _image(description=""):
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (32, 18), (15, 76, 129)).save(buffer, "PNG")
    return get_image_model().objects.create(title="图", description=description, file=ImageFile(buffer, name="c.png"))


def test_images_without_alt_text_are_counted_per_published_page(cluster, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.GOVPORTAL_MONITOR_IMAGES_WITHOUT_ALT_MAX = 0
    edu = cluster["homes"]["edu"]
    bare, described = _image(), _image("学生在教室上课")
    with time_machine.travel(T0, tick=False):
        publish_article(column(edu, "gzdt"), "有替代文字", cover_image=described,
                        body=f'<embed embedtype="image" id="{described.pk}" format="fullwidth" alt="教室"/>')  # fmt: skip
        missing = publish_article(
            column(edu, "gzdt"),
            "缺替代文字",
            cover_image=bare,
            body=f'<embed embedtype="image" id="{described.pk}" format="fullwidth" alt=""/><p><img src="/x.png"></p>',
        )
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        later = publish_article(column(edu, "gzdt"), "明天才发布", cover_image=bare)
    before = _measure("images_alt", edu, T0 + timedelta(hours=1))
    assert before.state == State.DEDUCT and before.value == 3  # cover, embed, raw img of one page
    assert [(f.title, f.count) for f in before.findings] == [("缺替代文字", 3)]
    assert before.findings[0].url.endswith(f"/pages/{missing.pk}/edit/")
    after = _measure("images_alt", edu, T0 + timedelta(days=2))
    assert after.value == 4 and {f.title for f in after.findings} == {"缺替代文字", later.title}
    settings.GOVPORTAL_MONITOR_IMAGES_WITHOUT_ALT_MAX = 10
    assert _measure("images_alt", edu, T0 + timedelta(days=2)).state == State.OK
    assert _measure("images_alt", cluster["homes"]["town"], T0 + timedelta(days=2)).value == 0


def test_site_code_from_the_registry_and_the_rendered_home(cluster, make_agency):
    agency = make_agency(name="示例市财政局", short_name="财政局")
    with time_machine.travel(T0, tick=False):
        bare = cluster_actions.site_create(
            actor=None, agency=agency, kind=SiteKind.DEPARTMENT, title="示例市财政局", slug="czj",
            hostname="czj.localhost",
        )  # fmt: skip
        edu = _measure("site_code", cluster["homes"]["edu"], T0)
        town = _measure("site_code", cluster["homes"]["town"], T0)
        missing = _measure("site_code", bare, T0)
    assert edu.state == State.OK and "4301000002" in edu.summary
    assert town.state == State.OK and "4301000001" in town.summary  # a sub-site shows the portal's code
    assert (
        missing.state == State.DEDUCT
        and missing.value == Page.objects.live().descendant_of(bare, inclusive=True).count()
    )
    assert "网站登记信息中没有网站标识码" in missing.findings[0].detail
    assert "SiteIDCode 标签为空" in missing.findings[0].detail  # its rendered home prints an empty one


def test_normative_documents_without_interpretation_after_the_grace_days(cluster, settings):
    settings.GOVPORTAL_MONITOR_INTERPRETATION_GRACE_DAYS = 3
    settings.GOVPORTAL_MONITOR_UNINTERPRETED_MAX = 0
    edu = cluster["homes"]["edu"]
    assert site_check("disclosure.interpretations") is not None  # declared by 信息公开
    with time_machine.travel(T0, tick=False):
        lonely = publish_document(edu, "示例市教育局关于规范校外培训的通知", doc_kind=DocKind.NORMATIVE)
        explained = publish_document(edu, "示例市教育局学生资助管理办法", doc_kind=DocKind.NORMATIVE)
        publish_document(edu, "一般文件", doc_kind=DocKind.OTHER)
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        publish_document(edu, "《学生资助管理办法》解读", category=Category.INTERPRETATION, interprets=explained)
    within_grace = _measure("interpretations", edu, T0 + timedelta(days=2))
    assert within_grace.state == State.OK and within_grace.value == 0
    late = _measure("interpretations", edu, T0 + timedelta(days=4))
    assert late.state == State.DEDUCT and [f.title for f in late.findings] == [lonely.title]
    assert late.findings[0].since == T0
    # Before the interpretation was published, both were uninterpreted.
    settings.GOVPORTAL_MONITOR_INTERPRETATION_GRACE_DAYS = 0
    assert _measure("interpretations", edu, T0 + timedelta(hours=12)).value == 2
    settings.GOVPORTAL_MONITOR_UNINTERPRETED_MAX = 1
    assert _measure("interpretations", edu, T0 + timedelta(days=4)).state == State.OK
    assert _measure("interpretations", cluster["homes"]["city"], T0 + timedelta(days=4)).value == 0

"""Issue 19 (6): the staff side speaks Chinese, in the words of the guide, under GovPortal's
name — no English left on the admin pages a clerk uses (images, search, usage, reports …),
no Wagtail branding."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from govportal.core.models import Role

pytestmark = pytest.mark.django_db


class _Visible(HTMLParser):
    """The text a sighted user reads, and what a screen reader says (aria-label, title,
    placeholder, alt)."""

    SKIP = {"script", "style", "template", "noscript"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
        for name, value in attrs:
            if name in ("aria-label", "title", "placeholder", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(parser.parts)


def english_words(html: str) -> set[str]:
    return set(re.findall(r"\b[A-Za-z][a-z]{2,}(?: [a-z]{2,})*\b", visible_text(html)))


# Words of Wagtail's English admin that must not be left on a page a clerk uses.
ENGLISH = [
    "Wagtail",
    "Images",
    "Image",
    "Documents",
    "Search",
    "Usage",
    "Reports",
    "Actions",
    "Dashboard",
    "Pages",
    "Account",
    "Edit",
    "Delete",
    "Layout",
    "Oldest",
    "Moderators",
    "approval",
    "workflow",
    "editor guide",
    "created in",
    "Theme",
    "contrast",
]


def leftover_english(html: str) -> list[str]:
    text = visible_text(html)
    return [word for word in ENGLISH if re.search(rf"\b{re.escape(word)}\b", text)]


@pytest.fixture
def clerk(client, cluster, make_staff):
    from django.core.files.images import ImageFile

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from govportal.cluster.permissions import agency_collection
    from tests.servicehall.conftest import png_bytes

    edu = cluster["agencies"]["edu"]
    user = make_staff(edu, Role.EDITOR)
    collection = agency_collection(edu)
    import io

    image = get_image_model()(title="开学典礼", collection=collection, description="开学典礼现场")
    image.file = ImageFile(io.BytesIO(png_bytes()), name="kaixue.png")
    image.save()
    document = get_document_model()(title="招生方案", collection=collection)
    from django.core.files.base import ContentFile

    document.file.save("zhaosheng.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    client.force_login(user)
    return {"user": user, "image": image, "document": document}


def test_admin_pages_a_clerk_uses_have_no_english_left(client, clerk):
    image, document = clerk["image"], clerk["document"]
    pages = [
        "/admin/",
        "/admin/images/",
        "/admin/images/?ordering=-usage_count",
        f"/admin/images/{image.pk}/",
        f"/admin/images/usage/{image.pk}/",
        "/admin/documents/",
        f"/admin/documents/usage/{document.pk}/",
        "/admin/pages/search/?q=招生",
        "/admin/reports/site-history/",
        "/admin/reports/aging-pages/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/account/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert leftover_english(html) == [], url
        # Nothing English at all beyond the product's name and file names.
        assert english_words(html) - {"GovPortal", "Shanghai", "Asia"} <= {"kaixue", "zhaosheng", "png", "pdf"}, url


def test_govportal_branding_instead_of_wagtails(client, clerk):
    home = client.get("/admin/").content.decode()
    assert "<title>" in home and "GovPortal 政府网站群管理平台</title>" in home
    assert "Wagtail" not in visible_text(home)
    client.logout()
    login = client.get("/admin/login/").content.decode()
    assert "示例市政府网站群管理平台" in login and 'alt="GovPortal 政府网站群管理平台"' in login
    assert "Wagtail" not in visible_text(login)


def test_new_article_gets_a_readable_slug_not_percent_encoded_chinese(cluster):
    from govportal.cluster.models import ArticlePage
    from tests.conftest import column

    col = column(cluster["homes"]["edu"], "gzdt")
    first = ArticlePage(title="关于2026年招生工作的通知", slug="关于2026年招生工作的通知", body="<p>正文</p>")
    col.add_child(instance=first)
    second = ArticlePage(title="关于2026年招生工作的通知", body="<p>正文</p>")
    col.add_child(instance=second)
    assert first.slug == "guan-yu-2026-nian-zhao-sheng-gong-zuo-de-tong-zhi"
    assert second.slug == "guan-yu-2026-nian-zhao-sheng-gong-zuo-de-tong-zhi-2"
    assert "%" not in first.url_path and first.url_path.isascii()
    punctuation = ArticlePage(title="！！！", body="<p>正文</p>")
    col.add_child(instance=punctuation)
    assert re.fullmatch(r"\d{8}", punctuation.slug)  # the date when the title gives no pinyin
    first.title = "标题改了"
    first.save()
    assert first.slug == "guan-yu-2026-nian-zhao-sheng-gong-zuo-de-tong-zhi"  # an address once given stays

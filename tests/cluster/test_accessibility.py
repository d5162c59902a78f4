"""Server side of issue 8: the 关怀版 and 简/繁 switches (cookies, safe redirects), the
Traditional conversion of whole pages, the elder layout, and the alt-text rule that keeps
editors from sending an article with undescribed images to publication."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from django.core.files.images import ImageFile
from django.test import Client

from wagtail.images import get_image_model

import pytest

from govportal.accessibility.display import ELDER_COOKIE, SCRIPT_COOKIE, html_to_traditional, to_simplified
from govportal.core.models import Role
from tests.cluster.admin_helpers import article_form_data, edit_url
from tests.conftest import column, draft_article, publish_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def make_image(title: str, description: str = ""):
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 180), (15, 76, 129)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, description=description, file=ImageFile(buffer, name="cover.png")
    )


# --- switches -------------------------------------------------------------------------


def test_elder_link_sets_the_cookie_and_returns_to_the_page(client, cluster):
    response = client.get("/display/elder/on/", {"next": "/zwyw/?page=2"})
    assert response.status_code == 302 and response["Location"] == "/zwyw/?page=2"
    assert response.cookies[ELDER_COOKIE].value == "1"
    assert response.cookies[ELDER_COOKIE]["max-age"] > 30 * 24 * 3600
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_leaving_elder_mode_deletes_the_cookie(client, cluster):
    client.cookies[ELDER_COOKIE] = "1"
    response = client.get("/display/elder/off/", {"next": "/"})
    assert response.cookies[ELDER_COOKIE].value == "" and response.cookies[ELDER_COOKIE]["max-age"] == 0


def test_script_link_sets_traditional_and_back(client, cluster):
    response = client.get("/display/script/hant/", {"next": "/accessibility/"})
    assert response["Location"] == "/accessibility/" and response.cookies[SCRIPT_COOKIE].value == "hant"
    response = client.get("/display/script/hans/", {"next": "/accessibility/"})
    assert response.cookies[SCRIPT_COOKIE].value == ""


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "http://localhost.evil/", ""]
)
def test_switch_never_redirects_off_site(client, cluster, target):
    response = client.get("/display/elder/on/", {"next": target})
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.parametrize("path", ["/display/elder/maybe/", "/display/colour/on/"])
def test_unknown_switches_are_not_found(client, cluster, path):
    assert client.get(path).status_code == 404


def test_every_page_links_both_switches_back_to_itself(client, cluster):
    html = client.get("/accessibility/").content.decode()
    assert 'href="/display/elder/on/?next=/accessibility/"' in html
    assert 'href="/display/script/hant/?next=/accessibility/"' in html
    assert "关怀版" in html and "繁體版" in html


# --- Traditional conversion -------------------------------------------------------------


def test_traditional_cookie_converts_the_page_and_sets_the_language(client, cluster):
    news = column(cluster["homes"]["city"], "zwyw")
    article = publish_article(news, "关于开展网络安全检查的通知", body="<p>各单位后台发展情况。</p>")
    client.cookies[SCRIPT_COOKIE] = "hant"
    response = client.get(article.url)
    html = response.content.decode()
    assert '<html lang="zh-Hant"' in html
    assert "關於開展網絡安全檢查的通知" in html and "各單位後臺發展情況" in html
    assert "关于开展网络安全检查的通知" not in html
    # The column list still links the article by its own URL.
    listing = client.get(news.url).content.decode()
    assert f'href="{urlsplit(article.url).path}"' in listing
    assert ">關於開展網絡安全檢查的通知</a>" in listing
    assert "Cookie" in response["Vary"]


def test_simplified_is_the_default(client, cluster):
    html = client.get("/accessibility/").content.decode()
    assert '<html lang="zh-Hans"' in html and "无障碍声明" in html


def test_conversion_leaves_scripts_styles_urls_and_form_values_alone():
    html = (
        '<html lang="zh-Hans"><head><title>网站群导航</title><style>.a::after{content:"网"}</style>'
        '<script>var label = "后台";</script></head><body><a href="/网站/" title="关于我们">信息公开</a>'
        '<img src="/图片.png" alt="图片说明"><input name="q" value="网站" placeholder="请输入关键词">'
        "<textarea>留言内容</textarea><!-- 后台 --></body></html>"
    )
    out = html_to_traditional(html)
    assert '<html lang="zh-Hant">' in out and "<title>網站群導航</title>" in out
    assert 'content:"网"' in out and 'var label = "后台";' in out
    assert 'href="/网站/"' in out and 'src="/图片.png"' in out
    assert 'title="關於我們"' in out and 'alt="圖片說明"' in out and 'placeholder="請輸入關鍵詞"' in out
    assert 'value="网站"' in out and "<textarea>留言内容</textarea>" in out and "<!-- 后台 -->" in out
    assert ">信息公開</a>" in out


def test_admin_and_api_are_never_converted(client, cluster, make_staff):
    client.force_login(make_staff(cluster["agencies"]["edu"], Role.EDITOR))
    client.cookies[SCRIPT_COOKIE] = "hant"
    assert "網站" not in client.get("/admin/").content.decode()
    assert client.get("/api/v1/sites").json()[0]["name"] == "示例市人民政府"


def test_search_hook_folds_traditional_to_simplified():
    assert to_simplified("網站群導航 關於") == "网站群导航 关于"


# --- elder mode -------------------------------------------------------------------------


def test_elder_cookie_marks_the_page_and_drops_the_picture_windows(client, cluster, media):
    news = column(cluster["homes"]["city"], "zwyw")
    publish_article(news, "全市重点项目集中开工", is_headline=True, cover_image=make_image("开工", "开工现场"))
    normal = client.get("/").content.decode()
    assert "图片新闻" in normal and 'class="elder-mode"' not in normal
    client.cookies[ELDER_COOKIE] = "1"
    elder = client.get("/").content.decode()
    assert '<html lang="zh-Hans" class="elder">' in elder and '<body class="elder-mode">' in elder
    assert "图片新闻" not in elder and "全市重点项目集中开工" in elder
    assert 'href="/display/elder/off/?next=/"' in elder and "退出关怀版" in elder


# --- alt text before publication -------------------------------------------------------


@pytest.fixture
def editor_page(cluster, make_staff):
    editor = make_staff(cluster["agencies"]["edu"], Role.EDITOR)
    page = draft_article(column(cluster["homes"]["edu"], "gzdt"), "教育局召开开学工作会议", owner=editor)
    client = Client()
    client.force_login(editor)
    return client, page


def test_submitting_with_an_undescribed_cover_image_is_refused(editor_page, media):
    client, page = editor_page
    image = make_image("会场")
    response = client.post(edit_url(page), article_form_data(page, cover_image=image.pk, **{"action-submit": "1"}))
    assert response.status_code == 200
    assert "标题图片“会场”缺少替代文字" in response.content.decode()
    page.refresh_from_db()
    assert not page.workflow_in_progress


def test_saving_a_draft_with_an_undescribed_image_is_allowed(editor_page, media):
    client, page = editor_page
    response = client.post(edit_url(page), article_form_data(page, cover_image=make_image("会场").pk))
    assert response.status_code == 302


def test_submitting_with_a_described_cover_image_goes_to_review(editor_page, media):
    client, page = editor_page
    image = make_image("会场", description="教育局会议室，与会人员围坐讨论")
    response = client.post(edit_url(page), article_form_data(page, cover_image=image.pk, **{"action-submit": "1"}))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress


def test_submitting_a_body_image_without_alt_text_is_refused(editor_page, media):
    client, page = editor_page
    image = make_image("会场", description="会议室")
    body = f'<p>会议召开。</p><embed embedtype="image" id="{image.pk}" format="fullwidth" alt=""/>'
    from wagtail.test.utils.form_data import rich_text

    response = client.post(edit_url(page), article_form_data(page, body=rich_text(body), **{"action-submit": "1"}))
    assert response.status_code == 200
    assert "正文中有 1 张图片缺少替代文字" in response.content.decode()


def test_publishing_directly_is_refused_too(cluster, media):
    from govportal.core.models import User

    admin = User.objects.create_superuser("root", "root@example.invalid", "pw-123456789")
    page = draft_article(column(cluster["homes"]["edu"], "gzdt"), "无描述图片的文章", owner=admin)
    client = Client()
    client.force_login(admin)
    response = client.post(
        edit_url(page), article_form_data(page, cover_image=make_image("会场").pk, **{"action-publish": "1"})
    )
    assert response.status_code == 200 and "缺少替代文字" in response.content.decode()
    page.refresh_from_db()
    assert not page.live

"""manage.py import_articles: published with the old site's time, bad lines reported and
skipped, nothing half-imported, HTML sanitised."""

from __future__ import annotations

import json
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import CommandError, call_command

from wagtail.documents import get_document_model
from wagtail.models import PageLogEntry

import pytest

from govportal.cluster.models import ArticlePage
from tests.conftest import column

SHANGHAI = ZoneInfo("Asia/Shanghai")


def write_jsonl(path, lines):
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines)
    )
    return path


def run_import(path, site, column_slug="zwyw"):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", str(path), site=str(site), column=column_slug, stdout=out, stderr=err)
        code = 0
    except CommandError as exc:
        err.write(str(exc))
        code = exc.returncode
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def attachment(tmp_path):
    (tmp_path / "files").mkdir()
    path = tmp_path / "files" / "实施方案.pdf"
    path.write_bytes(b"%PDF-1.4 demo attachment")
    return path


def test_good_file_is_published_with_its_time_source_and_attachments(client, cluster, tmp_path, attachment):
    portal = cluster["homes"]["city"]
    jsonl = write_jsonl(
        tmp_path / "old.jsonl",
        [
            {
                "title": "示例市召开2019年经济工作会议",
                "body": "<p>会议总结了全年工作。</p><h3>主要任务</h3><ul><li>稳增长</li></ul>",
                "published_at": "2019-12-20 09:30",
                "source": "示例市日报",
                "author": "李文",
                "attachments": ["files/实施方案.pdf"],
            },
            {"title": "关于春节放假的通知", "body": "<p>放假七天。</p>", "published_at": "2020-01-15 16:05"},
        ],
    )

    code, out, err = run_import(jsonl, portal.pk)

    assert code == 0, err
    assert "成功 2 篇，失败 0 行" in out
    article = ArticlePage.objects.get(title="示例市召开2019年经济工作会议")
    assert article.live
    assert article.first_published_at == datetime(2019, 12, 20, 9, 30, tzinfo=SHANGHAI)
    assert article.last_published_at == article.first_published_at
    assert article.source == "示例市日报" and article.author == "李文"
    assert article.get_parent().pk == column(portal, "zwyw").pk
    [attached] = article.attachments.all()
    assert attached.document.collection.name.startswith(cluster["agencies"]["city"].short_name)
    assert attached.document.file.read() == b"%PDF-1.4 demo attachment"
    assert PageLogEntry.objects.filter(page=article, action="govportal.import").exists()

    page = client.get(article.url, HTTP_HOST="localhost").content.decode()
    assert "2019-12-20 09:30" in page
    assert "示例市日报" in page


def test_bad_lines_are_reported_by_number_and_nothing_half_imported(cluster, tmp_path, attachment):
    portal = cluster["homes"]["city"]
    documents_before = get_document_model().objects.count()
    jsonl = write_jsonl(
        tmp_path / "mixed.jsonl",
        [
            {"title": "第一篇正常文章", "body": "<p>正文</p>", "published_at": "2021-03-01 08:00"},
            "{not json",
            {"body": "<p>没有标题</p>", "published_at": "2021-03-01 08:00"},
            {"title": "日期错误", "body": "<p>正文</p>", "published_at": "2021/03/01"},
            {
                "title": "附件缺失",
                "body": "<p>正文</p>",
                "published_at": "2021-03-02 08:00",
                # the first attachment exists: it must not be stored without its article
                "attachments": ["files/实施方案.pdf", "files/不存在.docx"],
            },
            {"title": "栏目不存在", "body": "<p>正文</p>", "published_at": "2021-03-03 08:00", "column": "nosuch"},
            "",
            {"title": "最后一篇正常文章", "body": "<p>正文</p>", "published_at": "2021-03-04 08:00"},
        ],
    )

    code, out, err = run_import(jsonl, portal.pk)

    assert code == 1
    assert "成功 2 篇，失败 5 行" in out
    for number, words in [(2, "JSON"), (3, "title"), (4, "格式错误"), (5, "不存在.docx"), (6, "nosuch")]:
        assert any(line.startswith(f"第 {number} 行") and words in line for line in err.splitlines()), (number, err)
    assert set(ArticlePage.objects.values_list("title", flat=True)) == {"第一篇正常文章", "最后一篇正常文章"}
    assert get_document_model().objects.count() == documents_before


def test_failure_after_attachment_stored_rolls_back_the_document(cluster, tmp_path, attachment, monkeypatch):
    from govportal.cluster import importing

    portal = cluster["homes"]["city"]
    jsonl = write_jsonl(
        tmp_path / "one.jsonl",
        [
            {
                "title": "保存失败",
                "body": "<p>正文</p>",
                "published_at": "2021-03-01 08:00",
                "attachments": [str(attachment)],
            }
        ],
    )

    def fail(*args, **kwargs):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(importing, "_unique_slug", fail)
    code, _out, err = run_import(jsonl, portal.site_code)

    assert code == 1 and "第 1 行" in err and "磁盘已满" in err
    assert not get_document_model().objects.exists()
    assert not ArticlePage.objects.exists()


def test_unsafe_html_is_sanitised(cluster, tmp_path):
    portal = cluster["homes"]["city"]
    jsonl = write_jsonl(
        tmp_path / "unsafe.jsonl",
        [
            {
                "title": "含有脚本的旧文章",
                "body": (
                    '<p onclick="steal()" style="color:red">正文<script>alert(1)</script></p>'
                    "<style>p{}</style><h2>标题</h2><h4>小标题</h4><strong>重要</strong><em>强调</em>"
                    '<a href="javascript:alert(1)">坏链接</a><a href="https://www.gov.cn/" target="_blank">中国政府网</a>'
                    '<table><tr><td colspan="2" class="x">合计</td></tr></table><img src="http://old.example/a.png">'
                ),
                "published_at": "2022-05-06 10:00",
            }
        ],
    )

    code, _out, err = run_import(jsonl, portal.pk)

    assert code == 0, err
    body = ArticlePage.objects.get().body
    for gone in ["script", "alert", "onclick", "style", "javascript:", "<img", "target=", "class="]:
        assert gone not in body, gone
    for kept in [
        "<h2>标题</h2>",
        "<h4>小标题</h4>",
        "<strong>重要</strong>",
        "<em>强调</em>",
        '<td colspan="2">合计</td>',
    ]:
        assert kept in body, kept
    assert '<a href="https://www.gov.cn/">中国政府网</a>' in body


def test_site_is_found_by_id_and_by_site_code(cluster, tmp_path):
    edu = cluster["homes"]["edu"]
    for n, site in enumerate([edu.pk, edu.site_code]):
        jsonl = write_jsonl(
            tmp_path / f"{n}.jsonl",
            [{"title": f"教育局旧文章{n}", "body": "<p>正文</p>", "published_at": "2020-09-01 08:00"}],
        )
        code, _out, err = run_import(jsonl, site, "gzdt")
        assert code == 0, err
        assert ArticlePage.objects.get(title=f"教育局旧文章{n}").get_parent().pk == column(edu, "gzdt").pk


def test_unknown_site_or_column_is_a_clear_error(cluster, tmp_path):
    jsonl = write_jsonl(
        tmp_path / "a.jsonl", [{"title": "文章", "body": "<p>正文</p>", "published_at": "2020-09-01 08:00"}]
    )

    with pytest.raises(CommandError, match="没有栏目“nosuch”"):
        call_command("import_articles", str(jsonl), site=str(cluster["homes"]["city"].pk), column="nosuch")
    with pytest.raises(CommandError, match="找不到网站“4301009999”"):
        call_command("import_articles", str(jsonl), site="4301009999", column="zwyw")
    with pytest.raises(CommandError, match="不是文章列表栏目"):
        call_command("import_articles", str(jsonl), site=str(cluster["homes"]["city"].pk), column="zjss")
    assert not ArticlePage.objects.exists()


def test_future_publish_time_and_oversized_attachment_are_refused(cluster, tmp_path, attachment, settings):
    settings.GOVPORTAL_IMPORT_MAX_ATTACHMENT_BYTES = 10
    jsonl = write_jsonl(
        tmp_path / "b.jsonl",
        [
            {"title": "未来的文章", "body": "<p>正文</p>", "published_at": "2999-01-01 08:00"},
            {
                "title": "大附件",
                "body": "<p>正文</p>",
                "published_at": "2020-01-01 08:00",
                "attachments": [str(attachment)],
            },
        ],
    )

    code, _out, err = run_import(jsonl, cluster["homes"]["city"].pk)

    assert code == 1
    assert "第 1 行：发布时间“2999-01-01 08:00”晚于当前时间" in err
    assert "第 2 行" in err and "超过上限 10 字节" in err
    assert not ArticlePage.objects.exists()

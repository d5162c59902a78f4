"""Response shapes of the public API. Descriptions and examples are in Chinese: they are
what the OpenAPI document (/api/v1/openapi.json) shows to the people integrating with it."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

from govportal.cluster.models import ColumnLayout, ColumnType, SiteKind


class ErrorOut(Schema):
    detail: str = Field(description="错误说明（中文，可直接展示给用户）", examples=["文章不存在或未发布。"])
    errors: list[dict] | None = Field(
        None,
        description="参数校验错误明细：出错位置 loc、错误类型 type、中文说明 msg",
        examples=[[{"loc": ["query", "page"], "type": "greater_than_equal", "msg": "不能小于 1"}]],
    )


class AgencyOut(Schema):
    id: int = Field(description="单位 ID", examples=[2])
    code: str = Field(description="机构代码", examples=["D0001"])
    name: str = Field(description="单位全称", examples=["示例市教育局"])


class SiteOut(Schema):
    id: int = Field(description="网站 ID（即网站首页的页面 ID）", examples=[14])
    name: str = Field(description="网站名称", examples=["示例市教育局"])
    kind: SiteKind = Field(description="网站类型代码", examples=["department"])
    kind_label: str = Field(description="网站类型名称", examples=["部门网站"])
    agency: AgencyOut = Field(description="所属单位")
    site_code: str = Field(
        description="网站标识码：本站备案的标识码；子站显示所在网站的标识码", examples=["4301000002"]
    )
    url: str = Field(description="网站首页地址（绝对地址）", examples=["http://jyj.localhost/"])
    parent: int | None = Field(description="上级网站 ID（子站、村/社区页面）；独立网站为 null", examples=[None])


class ColumnOut(Schema):
    id: int = Field(description="栏目 ID", examples=[15])
    title: str = Field(description="栏目名称", examples=["工作动态"])
    slug: str = Field(description="栏目路径名", examples=["gzdt"])
    layout: ColumnLayout = Field(description="栏目形式：list 文章列表，single 单页，link 外部链接", examples=["list"])
    column_type: ColumnType = Field(description="栏目类型，决定更新周期要求", examples=["news"])
    url: str = Field(description="栏目地址（绝对地址）", examples=["http://jyj.localhost/gzdt/"])
    parent: int | None = Field(description="上级栏目 ID；网站一级栏目为 null", examples=[None])
    expected_update_days: int | None = Field(
        description="应更新周期（天）：超过即视为更新不及时；null 表示不考核", examples=[14]
    )


class SiteRefOut(Schema):
    id: int = Field(description="网站 ID", examples=[14])
    name: str = Field(description="网站名称", examples=["示例市教育局"])


class ColumnRefOut(Schema):
    id: int = Field(description="栏目 ID", examples=[15])
    title: str = Field(description="栏目名称", examples=["工作动态"])


class ArticleSummaryOut(Schema):
    id: int = Field(description="文章 ID", examples=[101])
    title: str = Field(description="标题", examples=["市教育局部署秋季开学工作"])
    subtitle: str = Field(description="副标题", examples=[""])
    url: str = Field(
        description="文章的唯一规范地址（绝对地址）；同步发布到门户的文章也是原文地址",
        examples=["http://jyj.localhost/gzdt/qiuji-kaixue/"],
    )
    site: SiteRefOut | None = Field(description="文章所属网站（原发网站）")
    column: ColumnRefOut | None = Field(description="文章所在栏目（原发栏目）")
    source: str = Field(description="来源；未填写时为所属单位名称", examples=["示例市教育局"])
    author: str = Field(description="作者", examples=["李明"])
    summary: str = Field(description="摘要", examples=["全市各级各类学校9月1日正常开学。"])
    published_at: datetime | None = Field(
        description="发布时间（北京时间，ISO 8601），发布后不再改变", examples=["2026-08-28T09:30:00+08:00"]
    )


class AttachmentOut(Schema):
    title: str = Field(description="附件名称", examples=["2026年秋季学期校历.pdf"])
    url: str = Field(description="下载地址（绝对地址）", examples=["http://jyj.localhost/documents/7/xiaoli.pdf"])
    size: int | None = Field(description="文件大小（字节）；无法获取时为 null", examples=[183204])


class ArticleOut(ArticleSummaryOut):
    body: str = Field(description="正文 HTML（已展开内部链接，站内地址为绝对地址）", examples=["<p>正文内容。</p>"])
    attachments: list[AttachmentOut] = Field(description="附件")
    tags: list[str] = Field(description="关键词", examples=[["开学", "安全"]])


class ArticlePageOut(Schema):
    total: int = Field(description="符合条件的文章总数", examples=[236])
    page: int = Field(description="当前页码，从 1 开始", examples=[1])
    page_size: int = Field(description="每页条数", examples=[20])
    results: list[ArticleSummaryOut] = Field(description="本页文章，按发布时间从新到旧")

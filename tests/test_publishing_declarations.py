"""Every area plugs into search and pre-rendering the same way: its own ``publishing.py``
declares into `search.registry` and `prerender.registry` (which import no area)."""

from __future__ import annotations

from govportal.cluster import feeds
from govportal.cluster import selectors as cluster_selectors
from govportal.cluster.models import ArticlePage, ClusterNavPage, ColumnPage, SiteHomePage
from govportal.cluster.publishing import article_rule, column_rule, site_home_rule
from govportal.convenience.models import ScenicSpotPage
from govportal.disclosure.models import DisclosureDocumentPage, DisclosureIndexPage
from govportal.disclosure.publishing import document_rule, index_rule
from govportal.prerender import rules
from govportal.search import sources


def test_every_area_declares_its_search_sources():
    assert [(s.key, str(s.label)) for s in sources.all_sources()] == [
        ("article", "文章"),
        ("topic", "专题"),
        ("disclosure", "信息公开"),
        ("disclosure_column", "信息公开栏目"),
        ("service", "办事服务"),
        ("faq", "热点解答"),
        ("interview", "在线访谈"),
        ("mailbox", "信箱"),
        ("letter", "互动回复"),
        ("solicitation", "意见征集"),  # 调查征集 (govportal/participation)
        ("hearing", "网上听证"),
        ("survey", "网上调查"),
        ("tourism", "旅游文化"),  # 便民服务 (govportal/convenience)
        ("directory", "便民服务目录"),
        ("evaluation", "网上评议"),
        ("query_system", "公共查询"),
        ("enterprise", "企业风采"),  # 企业风采 and 招商引资 (govportal/enterprise)
        ("enterprise_product", "名优新特产品"),
        ("village_product", "农特产品"),
        ("investment_project", "招商项目"),
        ("page", "栏目页面"),
    ]


def _bare(model):
    return model.__new__(model)  # an instance for isinstance(), no database


def test_page_types_get_their_areas_prerender_rules():
    assert rules.rule_for(_bare(ArticlePage)) is article_rule
    assert rules.rule_for(_bare(ColumnPage)) is column_rule
    assert rules.rule_for(_bare(SiteHomePage)) is site_home_rule
    assert rules.rule_for(_bare(DisclosureIndexPage)) is index_rule
    assert rules.rule_for(_bare(DisclosureDocumentPage)) is document_rule
    assert rules.rule_for(_bare(ClusterNavPage)) is rules.generic_rule
    assert rules.rule_for(_bare(ScenicSpotPage)) is rules.generic_rule  # 便民服务: parent lists + home


def test_prerender_list_sizes_agree_with_the_cluster():
    """prerender cannot import the cluster, so it keeps its own copy of these two numbers."""
    assert rules.HOME_BLOCK_ITEMS == cluster_selectors.HOME_ARTICLES_PER_COLUMN
    assert rules.FEED_ITEMS == feeds.FEED_ITEMS

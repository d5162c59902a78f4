"""The column set (栏目) every new site gets, by site kind.

Each entry: (title, slug, layout, column_type). Kept as data so the information office's
practice can change in one place.
"""

from __future__ import annotations

from govportal.cluster.models import ColumnLayout as L
from govportal.cluster.models import ColumnType as T
from govportal.cluster.models import SiteKind

ColumnSpec = tuple[str, str, str, str]

_COMMON_UNIT: list[ColumnSpec] = [
    ("工作动态", "gzdt", L.LIST, T.NEWS),
    ("通知公告", "tzgg", L.LIST, T.NOTICE),
    ("政策文件", "zcwj", L.LIST, T.POLICY),
    ("机构职能", "jgzn", L.SINGLE, T.OTHER),
]

# Party/mass organisations, public institutions and dual-managed units: a lighter set.
_SMALL_UNIT: list[ColumnSpec] = [
    ("工作动态", "gzdt", L.LIST, T.NEWS),
    ("通知公告", "tzgg", L.LIST, T.NOTICE),
    ("单位简介", "dwjj", L.SINGLE, T.OTHER),
]

COLUMN_SETS: dict[str, list[ColumnSpec]] = {
    SiteKind.PORTAL: [
        ("政务要闻", "zwyw", L.LIST, T.NEWS),
        ("通知公告", "tzgg", L.LIST, T.NOTICE),
        ("部门动态", "bmdt", L.LIST, T.NEWS),
        ("乡镇动态", "xzdt", L.LIST, T.NEWS),
        ("政策文件", "zcwj", L.LIST, T.POLICY),
        ("政策解读", "zcjd", L.LIST, T.POLICY),
        ("走进示例市", "zjss", L.SINGLE, T.OTHER),
        # Entries to the service areas; each becomes its app's landing page when that area
        # lands. 政府信息公开 (slug xxgk) is added to every site by the disclosure app through
        # the ``govportal_site_columns`` hook (govportal/disclosure/wagtail_hooks.py).
        ("网上办事", "wsbs", L.SINGLE, T.SERVICE),
        ("互动交流", "hdjl", L.SINGLE, T.INTERACTION),
    ],
    SiteKind.DEPARTMENT: _COMMON_UNIT,
    SiteKind.PARTY_MASS: _SMALL_UNIT,
    SiteKind.INSTITUTION: _SMALL_UNIT,
    SiteKind.DUAL_MANAGED: _SMALL_UNIT,
    SiteKind.TOWNSHIP: [
        ("乡镇动态", "xzdt", L.LIST, T.NEWS),
        ("通知公告", "tzgg", L.LIST, T.NOTICE),
        ("村务公开", "cwgk", L.LIST, T.NOTICE),
        ("一村一品", "ycyp", L.LIST, T.OTHER),
        ("农技知识", "njzs", L.LIST, T.OTHER),
        ("致富信息", "zfxx", L.LIST, T.OTHER),
        ("生活常识", "shcs", L.LIST, T.OTHER),
        ("乡镇概况", "xzgk", L.SINGLE, T.OTHER),
    ],
    # 村村有网页 (issue 23): 村务公开 and the three farmer's columns every village page has;
    # 一村一品/农特产品 are the page's own product rows (`VillageProduct`), not a column.
    SiteKind.VILLAGE: [
        ("村务公开", "cwgk", L.LIST, T.NOTICE),
        ("农技知识", "njzs", L.LIST, T.OTHER),
        ("致富信息", "zfxx", L.LIST, T.OTHER),
        ("生活常识", "shcs", L.LIST, T.OTHER),
        ("村情简介", "cqjj", L.SINGLE, T.OTHER),
    ],
}

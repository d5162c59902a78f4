"""API test helpers: a department article synchronised to a portal column."""

from __future__ import annotations

import pytest

from govportal.cluster import actions
from govportal.core.models import Role
from tests.conftest import column, publish_article


@pytest.fixture
def synced_article(cluster, make_staff):
    """An education-bureau article offered to the portal's 部门动态 and accepted there."""
    editor = make_staff(cluster["agencies"]["edu"], Role.EDITOR)
    reviewer = make_staff(cluster["agencies"]["city"], Role.REVIEWER)
    article = publish_article(column(cluster["homes"]["edu"], "gzdt"), "教育局部署秋季开学工作", source="市教育局")
    portal_column = column(cluster["homes"]["city"], "bmdt")
    (offer,) = actions.article_offer(actor=editor, article=article, columns=[portal_column])
    actions.sync_offer_accept(actor=reviewer, offer=offer)
    return article

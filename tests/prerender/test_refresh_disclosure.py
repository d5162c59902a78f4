"""Pre-rendered 政府信息公开 pages: the column answers its catalogue, 指南 zn/, 制度 zd/ and
年报 nb/ from one page, so a document or a report refreshes the sub-lists that show it."""

from __future__ import annotations

import pytest

from govportal.disclosure import actions
from govportal.disclosure.choices import Category
from tests.disclosure.conftest import disclosure_column, publish_document, staff

pytestmark = pytest.mark.django_db

H = "jyj.localhost"


def flat(purged) -> set:
    return set().union(*purged) if purged else set()


def _path(page) -> str:
    from urllib.parse import unquote, urlparse

    return unquote(urlparse(page.url).path)  # files are stored under the decoded path


def test_publishing_a_rule_refreshes_it_the_catalogue_its_sub_lists_and_the_home(cluster, commit, purged):
    home = cluster["homes"]["edu"]
    xxgk = _path(disclosure_column(home))
    doc = commit(publish_document, home, "示例市教育局政府信息公开工作制度", category=Category.SYSTEM)
    assert flat(purged) == {
        (H, _path(doc), "index*"),
        (H, xxgk, "index*"),
        (H, xxgk + "zd/", "index*"),
        (H, xxgk + "nb/", "index*"),
        (H, "/", "index.html"),
    }


def test_an_interpretation_refreshes_the_policy_it_links_to(cluster, commit, purged):
    home = cluster["homes"]["edu"]
    policy = commit(publish_document, home, "关于义务教育招生入学的实施意见")
    purged.clear()
    reading = commit(publish_document, home, "《实施意见》政策解读", interprets=policy)
    assert (H, _path(policy), "index*") in flat(purged)
    assert (H, _path(reading), "index*") in flat(purged)


def test_editing_the_column_refreshes_everything_under_it(cluster, commit, purged):
    home = cluster["homes"]["edu"]
    index = disclosure_column(home)
    purged.clear()
    index.intro = "<p>本栏目公开示例市教育局的政府信息。</p>"

    def publish():
        index.save_revision().publish()

    commit(publish)
    assert (H, _path(index), "*") in flat(purged)  # zn/, zd/, nb/ and every document


def test_publishing_an_annual_report_refreshes_the_report_list(cluster, commit, purged, time_machine):
    home = cluster["homes"]["edu"]
    xxgk = _path(disclosure_column(home))
    clerk = staff(home.agency)
    time_machine.move_to("2026-01-20 10:00 +0800", tick=False)
    report = actions.annual_report_save(agency=home.agency, year=2025, actor=clerk, data={})
    purged.clear()
    commit(actions.annual_report_publish, report=report, actor=clerk)
    assert flat(purged) == {(H, xxgk + "nb/", "index*")}

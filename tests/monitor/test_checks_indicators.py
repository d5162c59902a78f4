"""The veto indicators' computations at their boundaries (ok / alarm / veto), in frozen
time, on sites, columns and articles built through the real actions."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from govportal.cluster import actions as cluster_actions
from govportal.cluster.models import ColumnLayout, ColumnType, SiteHomePage
from govportal.core.models import User
from govportal.monitor import selectors
from govportal.monitor.indicators import State, indicator
from govportal.monitor.veto import add_months, measure_empty_columns, measure_home_freshness, measure_stale_columns
from tests.conftest import column
from tests.monitor.conftest import T0, at, publish_at


def _new_column(home, slug, column_type=ColumnType.NEWS, layout=ColumnLayout.LIST):
    return cluster_actions.column_create(
        actor=None, parent=home, title=f"栏目{slug}", slug=slug, column_type=column_type, layout=layout
    )


# --- 首页更新 ------------------------------------------------------------------------------


def test_home_freshness_ok_alarm_veto_at_10_and_14_days(cluster):
    edu = cluster["homes"]["edu"]
    article = publish_at(T0, column(edu, "gzdt"), "教育局召开安全工作会议")

    fresh = measure_home_freshness(edu, at(9, hours=23))
    alarm = measure_home_freshness(edu, at(10))
    still_alarm = measure_home_freshness(edu, at(13, hours=23, minutes=59))
    veto = measure_home_freshness(edu, at(14))

    assert (fresh.state, alarm.state, still_alarm.state, veto.state) == (State.OK, State.ALARM, State.ALARM, State.VETO)
    assert fresh.veto_at == T0 + timedelta(days=14)
    assert alarm.value == Decimal(10)
    assert alarm.summary.startswith("首页 10 天未更新（10 天预警，14 天否决）")
    assert [f.title for f in veto.findings] == ["教育局召开安全工作会议"]
    assert veto.findings[0].url == f"/admin/pages/{article.pk}/edit/"


def test_home_freshness_counts_what_the_portal_lists_through_synchronised_publishing(cluster, make_staff):
    from govportal.core.models import Role

    portal, edu = cluster["homes"]["city"], cluster["homes"]["edu"]
    publish_at(T0, column(portal, "zwyw"), "门户要闻")
    offered = publish_at(at(5), column(edu, "gzdt"), "教育局新闻")
    editor = make_staff(cluster["agencies"]["edu"], Role.EDITOR)
    reviewer = User.objects.create_superuser("xxb_reviewer", password=None)
    (offer,) = cluster_actions.article_offer(actor=editor, article=offered, columns=[column(portal, "bmdt")])
    cluster_actions.sync_offer_accept(actor=reviewer, offer=offer)

    measured = measure_home_freshness(portal, at(15))

    # The portal's own newest is 15 days old (veto), but its 部门动态 lists the department's
    # article of day 5: 10 days — an alarm.
    assert measured.state == State.ALARM
    assert measured.findings[0].title == "教育局新闻"


def test_home_freshness_ignores_sub_sites_and_drafts(cluster):
    portal, town = cluster["homes"]["city"], cluster["homes"]["town"]
    publish_at(T0, column(portal, "zwyw"), "门户要闻")
    publish_at(at(12), column(town, "xzdt"), "青山镇动态")  # the township's, under the portal

    assert measure_home_freshness(portal, at(14)).state == State.VETO
    assert measure_home_freshness(town, at(14)).state == State.OK


# --- 栏目更新 ------------------------------------------------------------------------------


def test_stale_columns_alarm_ten_days_before_then_veto_at_five_key_columns(cluster):
    edu = cluster["homes"]["edu"]
    news = [column(edu, "gzdt"), _new_column(edu, "xw2"), _new_column(edu, "xw3")]
    for col in [*news, column(edu, "tzgg"), column(edu, "zcwj")]:
        publish_at(T0, col)

    calm = measure_stale_columns(edu, at(3, hours=23))
    soon = measure_stale_columns(edu, at(4))  # the news columns turn stale on day 14
    three_stale = measure_stale_columns(edu, at(14))
    veto = measure_stale_columns(edu, at(183))

    assert calm.state == State.OK
    assert soon.state == State.ALARM and soon.value == 0
    assert {f.title for f in soon.findings} == {"工作动态", "栏目xw2", "栏目xw3"}
    assert three_stale.state == State.ALARM and three_stale.value == 3
    # Two more (通知公告, 政策文件: 183 days) and the count reaches five: that is the veto date.
    assert three_stale.veto_at == T0 + timedelta(days=183)
    assert veto.state == State.VETO and veto.value == 5


def test_stale_columns_ten_columns_that_should_be_updated(cluster, settings):
    settings.GOVPORTAL_MONITOR_STALE_VETO_ALL_COLUMNS = 3
    settings.GOVPORTAL_COLUMN_UPDATE_DAYS = {**settings.GOVPORTAL_COLUMN_UPDATE_DAYS, "other": 20}
    edu = cluster["homes"]["edu"]
    others = [_new_column(edu, f"qt{n}", ColumnType.OTHER) for n in (1, 2)]
    for col in [column(edu, "gzdt"), column(edu, "tzgg"), column(edu, "zcwj"), *others]:
        publish_at(T0, col)

    before = measure_stale_columns(edu, at(19))
    after = measure_stale_columns(edu, at(20))

    assert before.state == State.ALARM and before.veto_at == T0 + timedelta(days=20)
    assert after.state == State.VETO  # 1 news + 2 other columns: 3 of "all columns"
    assert after.value == 3


def test_column_update_periods_are_settings_owned_by_the_cluster(cluster, settings):
    edu = cluster["homes"]["edu"]
    assert column(edu, "gzdt").expected_update_days == 14
    assert column(edu, "tzgg").expected_update_days == 183
    assert _new_column(edu, "qt", ColumnType.OTHER).expected_update_days == 365
    assert column(edu, "jgzn").expected_update_days is None  # a single page
    settings.GOVPORTAL_COLUMN_UPDATE_DAYS = {**settings.GOVPORTAL_COLUMN_UPDATE_DAYS, "news": 7}
    assert column(edu, "gzdt").expected_update_days == 7


# --- 空白栏目 ------------------------------------------------------------------------------


def test_empty_columns_alarm_at_two_veto_at_five(cluster):
    edu = cluster["homes"]["edu"]
    base = [f.column.slug for f in selectors.site_column_facts(edu) if f.empty]
    assert set(base) >= {"gzdt", "tzgg", "zcwj"}  # a new site's list columns start empty
    for slug in [s for s in base if s not in ("gzdt", "tzgg")]:
        col = column(edu, slug)
        if col.layout == ColumnLayout.LIST:
            publish_at(T0, col)
        else:
            col.body = "<p>机构职能。</p>"
            col.save_revision().publish()

    two = measure_empty_columns(edu, at(1))
    publish_at(T0, column(edu, "tzgg"))
    one = measure_empty_columns(edu, at(1))
    for n in range(4):
        _new_column(edu, f"kb{n}")
    five = measure_empty_columns(edu, at(1))

    assert (two.state, two.value) == (State.ALARM, 2)
    assert (one.state, one.value) == (State.OK, 1)
    assert [f.title for f in one.findings] == ["工作动态"]
    assert (five.state, five.value) == (State.VETO, 5)


def test_area_columns_and_grouping_columns_are_not_empty_columns(cluster):
    portal = cluster["homes"]["city"]
    parent = _new_column(portal, "zt")
    child = cluster_actions.column_create(actor=None, parent=parent, title="子栏目", slug="zlm")
    publish_at(T0, child)

    slugs = {f.column.slug for f in selectors.site_column_facts(portal)}

    assert "zlm" in slugs and "zt" not in slugs
    assert not {"wsbs", "hdjl"} & slugs  # 网上办事, 互动交流 stand for their areas


# --- the registry -------------------------------------------------------------------------


def test_veto_indicators_are_registered_with_their_kinds(cluster):
    village = SiteHomePage.objects.get(pk=cluster["homes"]["village"].pk)
    keys = ["reachability", "home_freshness", "stale_columns", "empty_columns", "letters", "guides"]
    assert all(indicator(k) is not None and indicator(k).veto for k in keys)
    assert [k for k in keys if indicator(k).applies_to(village)] == ["stale_columns", "empty_columns"]


def test_three_months_are_calendar_months():
    assert add_months(T0, 3) == T0.replace(month=6)
    end_of_november = T0.replace(month=11, day=30)
    assert add_months(end_of_november, 3).date().isoformat() == "2032-02-29"

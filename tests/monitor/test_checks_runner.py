"""The runner: every registered indicator measured per live site and stored; a change of
state written to the history with one alarm per address through the outbox — once per change,
never again while the state holds; the periodic job claimed once per period; the command."""

from __future__ import annotations

from datetime import datetime

from django.core.management import CommandError, call_command

import pytest
import time_machine

from govportal.core import scheduler
from govportal.core.outbox.models import OutboxMessage
from govportal.monitor import checks
from govportal.monitor.indicators import State
from govportal.monitor.models import IndicatorResult, StateChange
from tests.conftest import column
from tests.monitor.conftest import T0, at, publish_at


def _run(site, when):
    with time_machine.travel(when, tick=False):
        return checks.check_site(site)


def _alarms(change):
    return list(OutboxMessage.objects.filter(key__startswith=f"monitor:change:{change.pk}:").order_by("recipient"))


def _home_changes(site):
    return list(StateChange.objects.filter(site=site, indicator="home_freshness").order_by("at", "pk"))


def test_one_alarm_per_change_of_state_never_again_while_it_holds(cluster, make_staff):
    edu_agency, edu = cluster["agencies"]["edu"], cluster["homes"]["edu"]
    edu_agency.email = "jyj@example.gov.cn"
    edu_agency.save()
    editor = make_staff(edu_agency)
    editor.email = "editor@example.gov.cn"
    editor.save()
    publish_at(T0, column(edu, "gzdt"))

    states = _run(edu, at(1))
    assert states["home_freshness"] == State.OK
    (first,) = _home_changes(edu)
    assert (first.old_state, first.new_state, _alarms(first)) == (State.UNKNOWN, State.OK, [])

    _run(edu, at(10))  # 10 days: the alarm
    _run(edu, at(11))
    _run(edu, at(12))  # still an alarm: nothing more
    changes = _home_changes(edu)
    assert [(c.old_state, c.new_state) for c in changes] == [(State.UNKNOWN, State.OK), (State.OK, State.ALARM)]
    alarm = changes[1]
    messages = _alarms(alarm)
    assert [m.recipient for m in messages] == ["editor@example.gov.cn", "jyj@example.gov.cn", "xxb@example.gov.cn"]
    assert alarm.alarmed == 3
    assert messages[0].subject == "【网站监管】示例市教育局：首页更新预警"
    assert "由“正常”变为“预警”" in messages[0].body
    assert "距否决还有 4 天" in messages[0].body
    assert f"/admin/monitor/state/sites/{edu.pk}/" in messages[0].body

    _run(edu, at(14))  # the veto
    veto = _home_changes(edu)[2]
    assert veto.new_state == State.VETO and len(_alarms(veto)) == 3

    publish_at(at(15), column(edu, "gzdt"), "新的动态")
    _run(edu, at(15, hours=1))  # back to normal: one message saying so
    back = _home_changes(edu)[3]
    assert (back.old_state, back.new_state) == (State.VETO, State.OK)
    assert "由“单项否决”变为“正常”" in _alarms(back)[0].body
    _run(edu, at(15, hours=2))
    assert len(_home_changes(edu)) == 4
    assert (
        OutboxMessage.objects.filter(key__startswith="monitor:change:")
        .filter(key__in=[m.key for c in _home_changes(edu) for m in _alarms(c)])
        .count()
        == 9
    )


def test_results_are_stored_per_site_and_indicator_with_state_since(cluster):
    edu = cluster["homes"]["edu"]
    publish_at(T0, column(edu, "gzdt"))
    _run(edu, at(1))
    _run(edu, at(2))

    result = IndicatorResult.objects.get(site=edu, indicator="home_freshness")
    assert result.state == State.OK
    assert result.state_since == at(1) and result.measured_at == at(2)
    assert datetime.fromisoformat(result.findings[0]["since"]) == T0
    keys = set(IndicatorResult.objects.filter(site=edu).values_list("indicator", flat=True))
    assert {"reachability", "home_freshness", "stale_columns", "empty_columns", "letters", "guides"} <= keys


def test_village_pages_get_only_the_column_indicators(cluster):
    village = cluster["homes"]["village"]
    states = _run(village, at(1))
    assert set(states) >= {"stale_columns", "empty_columns"}
    assert not {"reachability", "home_freshness", "letters", "guides"} & set(states)


def test_the_periodic_check_runs_once_per_period_and_fans_out_per_site(cluster):
    job = next(j for j in scheduler.registered_jobs() if j.name == "monitor_check")
    with time_machine.travel(at(1), tick=False):
        assert scheduler.claim(job, at(1)) is True
        assert scheduler.claim(job, at(1)) is False  # another worker, same period
        job.enqueue()  # the immediate task backend runs the fan-out and each site's task

    checked = set(IndicatorResult.objects.values_list("site_id", flat=True))
    assert checked == {h.pk for h in cluster["homes"].values()}


def test_the_periodic_jobs_are_registered_with_their_settings():
    jobs = {j.name: j for j in scheduler.registered_jobs()}
    assert jobs["monitor_check"].every.total_seconds() == 60 * 60
    # 48 probes a day: the national rule asks at least 20.
    assert 24 * 60 * 60 / jobs["monitor_probe"].every.total_seconds() >= 20
    assert "monitor_probe_prune" in jobs


def test_monitor_check_command_runs_one_site_now(cluster, capsys):
    edu = cluster["homes"]["edu"]
    call_command("monitor_check", "--site", str(edu.pk))
    out = capsys.readouterr().out
    assert out.startswith(f"{edu.pk} 示例市教育局：")
    assert "empty_columns=" in out
    assert IndicatorResult.objects.filter(site=edu).exists()
    with pytest.raises(CommandError, match="没有 ID 为 999999 的已发布网站"):
        call_command("monitor_check", "--site", "999999")


def test_a_broken_indicator_keeps_its_last_result_and_the_others_run(cluster, monkeypatch):
    from govportal.monitor import indicators

    edu = cluster["homes"]["edu"]
    _run(edu, at(1))
    before = IndicatorResult.objects.get(site=edu, indicator="empty_columns")

    def broken(site, now):
        raise RuntimeError("bug")

    original = indicators.indicator("empty_columns")
    from dataclasses import replace

    monkeypatch.setitem(indicators._INDICATORS, "empty_columns", replace(original, measure=broken))
    states = _run(edu, at(2))

    assert "empty_columns" not in states and "stale_columns" in states
    after = IndicatorResult.objects.get(site=edu, indicator="empty_columns")
    assert after.measured_at == before.measured_at and after.state == before.state

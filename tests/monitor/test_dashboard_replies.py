"""互动回复时间: per mailbox and per handling agency, letters received and answered in the
period, the average working days to reply on the working-day calendar (国庆 2026 is not
counted), the on-time share and the letters overdue now — 互动交流's own 来信统计, declared
in ``cluster.supervision``; the period filter (a year, the last 12 months) and its bad
input (400 in Chinese); .xlsx read back."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from govportal.core import calendar
from govportal.interaction.selectors import statistics
from govportal.monitor import dashboards
from tests.interaction.conftest import to_replied, world, write  # noqa: F401 — the fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def letters(world, time_machine):  # noqa: F811
    calendar.invalidate()
    mayor = world["mailboxes"]["mayor"]  # 咨询: 5 working days to reply
    time_machine.move_to("2025-06-02 09:00 +0800", tick=False)
    old, _ = write(mayor, title="去年的来信")
    time_machine.move_to("2025-06-04 10:00 +0800", tick=False)
    to_replied(old, world)  # 2 WD
    time_machine.move_to("2026-09-30 09:00 +0800", tick=False)
    holiday, _ = write(mayor, title="国庆前来信")
    time_machine.move_to("2026-10-09 10:00 +0800", tick=False)
    to_replied(holiday, world)  # 10-01..07 are holidays: 10-08, 10-09 = 2 WD, on time
    time_machine.move_to("2026-11-02 09:00 +0800", tick=False)
    late, _ = write(mayor, title="答复超期的来信")
    time_machine.move_to("2026-11-13 10:00 +0800", tick=False)
    to_replied(late, world)  # 11-03 … 11-13 = 9 WD, due 11-09: late
    time_machine.move_to("2026-11-24 09:00 +0800", tick=False)
    write(mayor, title="超期未答复的来信")  # due 12-01: overdue on 12-05
    time_machine.move_to("2026-12-03 09:00 +0800", tick=False)
    write(world["mailboxes"]["edu"], title="刚收到的来信")  # open, within its limit
    time_machine.move_to("2026-12-05 10:00 +0800", tick=False)
    yield world
    calendar.invalidate()


def _row(rep, name):
    return next(r for r in rep.rows if r.name == name)


def test_reply_times_of_a_year_on_the_working_day_calendar(letters):
    rep = dashboards.reply_times(by="mailbox", period=dashboards.parse_period("year", "2026"))
    f = _row(rep, "市长信箱").figures
    assert (f.received, f.answered, f.answered_on_time, f.answered_late) == (3, 2, 1, 1)
    assert f.working_days == 11 and f.average_working_days == 5.5  # (2 + 9) / 2
    assert (f.open, f.open_overdue) == (1, 1)
    assert f.on_time_rate == 33.3  # 1 on time of 2 answered + 1 open overdue
    edu = _row(rep, "教育局信箱").figures
    assert (edu.received, edu.answered, edu.open, edu.open_overdue, edu.average_working_days) == (1, 0, 1, 0, None)
    assert (rep.total.received, rep.total.answered, rep.total.open_overdue) == (4, 2, 1)


def test_the_dashboard_counts_as_the_published_statistics(letters):
    """One owner: the same rows as 互动交流's 来信统计 for the same period."""
    from datetime import date

    published = {r.key: r.figures for r in statistics(date_from=date(2026, 1, 1), date_to=date(2026, 12, 5))}
    rep = dashboards.reply_times(by="mailbox", period=dashboards.parse_period("year", "2026"))
    assert {r.key: r.figures for r in rep.rows} == published


def test_an_earlier_year_and_the_last_twelve_months(letters):
    y2025 = dashboards.reply_times(by="mailbox", period=dashboards.parse_period("year", "2025"))
    f = _row(y2025, "市长信箱").figures
    assert (f.received, f.answered, f.average_working_days, f.on_time_rate) == (1, 1, 2.0, 100.0)
    last = dashboards.parse_period("12m", "")
    assert (last.start.isoformat(), last.end.isoformat()) == ("2025-12-06", "2026-12-05")
    f = _row(dashboards.reply_times(by="mailbox", period=last), "市长信箱").figures
    assert (f.received, f.answered) == (3, 2)  # June 2025 is outside


def test_per_handling_agency(letters):
    rep = dashboards.reply_times(by="agency", period=dashboards.parse_period("year", "2026"))
    f = _row(rep, "教育局").figures  # assigned the three answered letters' cases
    assert (f.answered, f.average_working_days) == (2, 5.5)
    assert _row(rep, "教育局").agency_id == letters["agencies"]["edu"].pk


@pytest.mark.parametrize(
    "query, message",
    [
        ("period=week", "统计期间不正确"),
        ("period=year&year=20x6", "年度应为四位数字"),
        ("period=year&year=２０２６", "年度应为四位数字"),  # full-width digits
        ("period=year&year=1999", "年度应在 2020 年至 2026 年之间"),
        ("period=year&year=2031", "年度应在 2020 年至 2026 年之间"),
        ("period=year&year=" + "9" * 5000, "年度应为四位数字"),
        ("by=person", "统计口径不正确"),
    ],
)
def test_bad_filter_is_a_400_in_chinese(letters, supervisor, client, query, message):
    client.force_login(supervisor)
    for url in ("/admin/monitor/dashboards/replies/", "/admin/monitor/dashboards/replies/export.xlsx"):
        r = client.get(f"{url}?{query}")
        assert r.status_code == 400 and message in r.content.decode(), url


def test_replies_screen_and_export(letters, supervisor, client):
    client.force_login(supervisor)
    page = client.get("/admin/monitor/dashboards/replies/?period=year&year=2026").content.decode()
    assert "市长信箱" in page and "5.5" in page and "33.3%" in page and "2026 年" in page
    r = client.get("/admin/monitor/dashboards/replies/export.xlsx?period=12m&by=mailbox")
    assert r.status_code == 200 and "replies-mailbox-20251206-20261205.xlsx" in r["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(r.content)).active.values)
    assert rows[0][0] == "互动交流来信答复情况（近 12 个月（2025-12-06 至 2026-12-05），按信箱）"
    assert rows[1] == ("信箱/承办单位", "收信数", "已答复", "按期答复", "超期答复", "平均答复用时（工作日）",
                       "按期答复率（%）", "办理中", "超期未答复")  # fmt: skip
    assert rows[2] == ("市长信箱", 3, 2, 1, 1, 5.5, 33.3, 1, 1)
    assert rows[-1] == ("合计", 4, 2, 1, 1, 5.5, 33.3, 2, 1)

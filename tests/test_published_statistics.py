"""Issue 17.1: one definition of each published figure, one rating scale, for every case type.

The same fixture — letters to a mailbox and applications to a service item of the same
agency, each with a 5-working-day limit, answered on time, answered late, still open past
the limit and still open within it, rated on the one scale — gives the same figures for
both through each area's own statistics (来信统计, the hall's statistics) and the kernel's.
The public 来信统计 no longer shows 100 % on time for a mailbox with open red-card letters.
"""

from __future__ import annotations

import re

import pytest

from govportal.core.cases import stats as case_stats
from govportal.core.cases.actions import cases_sweep_overdue
from govportal.core.cases.models import Case, OverdueLevel
from govportal.core.cases.ratings import BAD_LEVELS, SATISFIED_LEVELS, RatingLevel, clean_rating, is_bad, is_satisfied
from govportal.core.errors import InvalidInput
from govportal.interaction import actions as letters
from govportal.interaction import selectors as letter_selectors
from govportal.interaction.models import Category, Letter
from govportal.servicehall import actions as hall
from govportal.servicehall import stats as hall_stats
from govportal.servicehall.models import Decision
from tests.interaction.conftest import to_replied, world, write  # noqa: F401  (fixture)
from tests.servicehall.conftest import direct_submit, make_form, make_item

pytestmark = pytest.mark.django_db


def _approve(app, clerk):
    hall.application_accept(application=app, actor=clerk)
    for task in app.tasks.all():
        hall.task_decide(task=task, actor=clerk, decision=Decision.APPROVED)
    app.refresh_from_db()
    return app


@pytest.fixture
def both(world, time_machine):  # noqa: F811
    """Five letters to 市长信箱 (consultations: 5 WD), five applications to an item of 教育局
    (promised 5 WD), handled by 教育局; the same days for both."""
    edu = world["agencies"]["edu"]
    clerk = world["staff"]["edu"]
    item = make_item(edu, code="JY-0001", name="民办学校办学许可", promised_limit=5)
    make_form(item)
    box = world["mailboxes"]["mayor"]
    time_machine.move_to("2026-11-02 10:00 +0800", tick=False)  # Monday; due Mon 11-09
    made = {}
    for key in ("on_time", "late", "overdue", "bad"):
        made[key] = (write(box, category=Category.CONSULT, title=f"来信{key}")[0], direct_submit(item)[0])
    time_machine.move_to("2026-11-04 10:00 +0800", tick=False)  # 2 WD: on time
    for key in ("on_time", "bad"):
        to_replied(made[key][0], world)
        _approve(made[key][1], clerk)
    time_machine.move_to("2026-11-10 10:00 +0800", tick=False)
    made["within"] = (write(box, category=Category.CONSULT, title="来信within")[0], direct_submit(item)[0])
    time_machine.move_to("2026-11-11 10:00 +0800", tick=False)  # 7 WD: late
    to_replied(made["late"][0], world)
    _approve(made["late"][1], clerk)
    # Ratings on the one scale: 非常满意, 基本满意 (satisfied), 不满意 (bad).
    for key, level in (("on_time", 5), ("late", 3), ("bad", 2)):
        letters.letter_rate(letter=made[key][0], rating=level, resolved=True)
        hall.rating_submit(application=made[key][1], actor=None, level=level, answers={})
    time_machine.move_to("2026-11-12 10:00 +0800", tick=False)
    cases_sweep_overdue()
    return {"made": made, "world": world, "item": item}


def test_letters_and_applications_give_the_same_figures_by_the_same_formula(both):
    letter_row = next(r for r in letter_selectors.statistics() if r.name == "市长信箱")
    hall_row = next(r for r in hall_stats.report(2026).rows if r.name == "示例市教育局")
    for f in (letter_row.figures, hall_row.figures):
        assert (f.received, f.answered, f.answered_on_time, f.answered_late) == (5, 3, 2, 1)
        assert (f.open, f.open_overdue) == (2, 1)
        # on time / (answered + open overdue): the open overdue case counts as not on time.
        assert f.on_time_rate == round(100 * 2 / (3 + 1), 1) == 50.0
        assert f.average_working_days == round((2 + 7 + 2) / 3, 1)
        # 非常满意 + 基本满意 of three ratings: 基本满意 is satisfied for letters too now.
        assert (f.rated, f.satisfied, f.bad) == (3, 2, 1)
        assert f.satisfaction_rate == 66.7
        assert f.levels == {5: 1, 4: 0, 3: 1, 2: 1, 1: 0}
    assert letter_row.on_time_rate == hall_row.on_time_rate == 50.0
    assert letter_row.satisfaction == hall_row.satisfaction == 66.7
    assert letter_row.avg_days == hall_row.average_days == 3.7
    # The kernel's figures over both types at once are the sum of the two.
    together = case_stats.case_figures(Case.objects.filter(case_type__in=["letter", "application"]))[None]
    assert (together.received, together.answered, together.open_overdue) == (10, 6, 2)


def test_on_time_is_stored_at_close_from_the_kernel_clock_for_every_type(both):
    late_letter, late_app = both["made"]["late"]
    for case in (late_letter.case, late_app.case):
        case.refresh_from_db()
        assert (case.closed_due_date.isoformat(), case.closed_on_time, case.closed_working_days) == (
            "2026-11-09",
            False,
            7,
        )
    late_letter.refresh_from_db()
    assert late_letter.replied_on_time is False and late_letter.reply_days_taken == 7


def test_late_replies_are_counted_on_the_public_and_office_statistics_and_their_xlsx(both, client):
    """Issue 18.5: a late reply stays late after closing — its due date, working days late
    and highest level are kept, and 超期答复 is counted on every statistics page and export."""
    from io import BytesIO

    from openpyxl import load_workbook

    late_letter, late_app = both["made"]["late"]
    for case in (late_letter.case, late_app.case):
        case.refresh_from_db()
        assert case.due_date is None and case.closed_late_days == 2 and case.closed_overdue_level == "yellow"
    # 互动交流's public 来信统计: the mayor's mailbox answered one letter late.
    page = client.get("/hudong/tongji/").content.decode()
    assert '<th scope="col">超期答复</th>' in page
    row = re.search(r"<th scope=\"row\">市长信箱</th>(.*?)</tr>", page, re.S).group(1)
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
    assert cells[:4] == ["5", "3", "1", "1"]
    # The office's export of letters keeps the closed letter's due date, level and lateness.
    client.force_login(both["world"]["staff"]["city"])
    ws = load_workbook(BytesIO(client.get("/admin/letters/export.xlsx?from=2026-11-01&to=2026-11-30").content)).active
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    by_number = {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    mine = by_number[late_letter.case.tracking_number]
    assert (mine["答复期限"], mine["超期等级"], mine["按期"], mine["超期（工作日）"]) == ("2026-11-09", "黄牌", "否", 2)
    # The hall's statistics page and its xlsx.
    hall_page = client.get("/banshi/tongji/?year=2026").content.decode()
    assert '<th scope="col">超期办结</th>' in hall_page
    timeliness = hall_page.split("办件和时效", 1)[1]
    hall_row = re.search(r"<tr><td>示例市教育局</td>(.*?)</tr>", timeliness, re.S).group(1)
    assert [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", hall_row, re.S)][:4] == [
        "5",
        "3",
        "1",
        "1",
    ]
    ws = load_workbook(BytesIO(client.get("/banshi/tongji.xlsx?year=2026").content)).active
    head = [c.value for c in ws[2]]
    hall_rows = {r[0]: dict(zip(head, r, strict=True)) for r in ws.iter_rows(min_row=3, values_only=True)}
    assert hall_rows["示例市教育局"]["超期办结数"] == 1


def test_a_reopened_letter_is_open_again_and_timed_again(both):
    letter = both["made"]["on_time"][0]
    other, _ = write(both["world"]["mailboxes"]["mayor"], category=Category.CONSULT, title="再评")
    to_replied(other, both["world"])
    letters.letter_rate(letter=other, rating=1, resolved=False)  # reopened
    other.refresh_from_db()
    assert other.case.is_open and other.case.closed_on_time is None and other.replied_on_time is None
    letter.refresh_from_db()
    assert letter.case.closed_on_time is True


def test_public_letter_statistics_with_open_red_card_letters_is_below_100_percent(world, client, time_machine):  # noqa: F811
    box = world["mailboxes"]["mayor"]  # red card at 3 WD overdue
    time_machine.move_to("2026-11-02 10:00 +0800", tick=False)
    answered, _ = write(box, category=Category.CONSULT, title="已答复的信")
    opened = [write(box, category=Category.CONSULT, title=f"未答复{n}")[0] for n in range(3)]
    to_replied(answered, world)  # on time
    time_machine.move_to("2026-11-16 10:00 +0800", tick=False)  # 5 WD past the due date 11-09
    cases_sweep_overdue()
    assert {Letter.objects.get(pk=x.pk).case.overdue_level for x in opened} == {OverdueLevel.RED}
    page = client.get("/hudong/tongji/").content.decode()
    row = re.search(r"<th scope=\"row\">市长信箱</th>(.*?)</tr>", page, re.S).group(1)
    cells = re.findall(r"<td>(.*?)</td>", row, re.S)
    # received, answered, answered late (超期答复), open overdue, on-time rate
    assert [re.sub(r"<[^>]+>", "", c).strip() for c in cells[:5]] == ["4", "1", "0", "3", "25.0%"]
    assert "100.0%" not in row
    assert "超期未答复的来信计为未按期" in page


# --- the one rating scale ---------------------------------------------------------------------
SCALE = [
    # level, label, satisfied (好评), bad (差评)
    (5, "非常满意", True, False),
    (4, "满意", True, False),
    (3, "基本满意", True, False),
    (2, "不满意", False, True),
    (1, "非常不满意", False, True),
]


@pytest.mark.parametrize(("level", "label", "satisfied", "bad"), SCALE)
def test_scale_level(level, label, satisfied, bad):
    assert str(RatingLevel(level).label) == label
    assert is_satisfied(level) is satisfied and (level in SATISFIED_LEVELS) is satisfied
    assert is_bad(level) is bad and (level in BAD_LEVELS) is bad
    assert clean_rating(str(level)) == clean_rating(level) == level


def test_scale_is_the_same_for_letters_and_applications():
    from govportal.servicehall.models import Rating as ApplicationRating

    assert [(lv, str(lb)) for lv, lb in RatingLevel.choices] == [(lv, lb) for lv, lb, _, _ in SCALE]
    assert Letter._meta.get_field("rating").choices == ApplicationRating._meta.get_field("level").choices
    assert Letter._meta.get_field("rating").choices == list(RatingLevel.choices)


@pytest.mark.parametrize("value", [0, 6, -1, "", "x", None, True, "3.5", "五"])
def test_a_value_off_the_scale_is_refused_in_chinese(value):
    with pytest.raises(InvalidInput, match="请选择评价等级"):
        clean_rating(value)


def test_letter_rating_off_the_scale_is_400_in_chinese(world, client):  # noqa: F811
    letter, code = write(world["mailboxes"]["mayor"])
    to_replied(letter, world)
    r = client.post(
        "/hudong/chaxun/",
        {"tracking_number": letter.case.tracking_number, "query_code": code, "rating": "6", "resolved": "1"},
    )
    assert r.status_code == 400
    letter.refresh_from_db()
    assert letter.rating is None

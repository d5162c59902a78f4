"""监管 demo: sites the self-check has something to say about, then the checks run once at
the end of the load so that 网站监管 → 监测状态 shows real results at once.

- 白沙镇 (a township): a 防汛信息 column whose last notice is 200 days old (stale: notices
  must be updated within 6 months) and a 党建工作 column with nothing in it (empty);
- 卫健委 (a department): a letter received 70 days ago and still being handled — an alarm,
  about three weeks before the 3-month veto (the countdown on the screen).

Reachability stays 未检测 until the probe job has run ``MONITOR_REACH_MIN_PROBES`` probes
(``manage.py monitor_check --probe`` probes at once); the demo load probes nothing.
"""

from __future__ import annotations

from datetime import timedelta

from govportal.cluster import actions as cluster_actions
from govportal.cluster.models import ColumnType
from govportal.core.models import Role
from govportal.demo import registry, text
from govportal.demo.interaction import _at
from govportal.interaction import actions as letter_actions
from govportal.interaction.models import Category, Mailbox
from govportal.monitor import checks, selectors

STALE_TOWNSHIP = "SLS-X-BS"
EMPTY_COLUMN_SLUG = "djgz"  # left empty on purpose
LETTER_DEPARTMENT = "SLS-WJW"
LETTER_AGE_DAYS = 70


def load(builder) -> None:
    _township_columns(builder)
    _open_letter(builder)
    states = {}
    for site in selectors.live_sites():
        for state in checks.check_site(site, now=builder.now).values():
            states[state] = states.get(state, 0) + 1
    builder.log(f"  网站监管：检测 {selectors.live_sites().count()} 个网站，结果 {states}")


def _township_columns(builder) -> None:
    home = builder.homes[STALE_TOWNSHIP]
    spec = next(s for s in registry.ALL_AGENCIES if s.code == STALE_TOWNSHIP)
    stale = cluster_actions.column_create(
        actor=None, parent=home, title="防汛信息", slug="fxxx", column_type=ColumnType.NOTICE
    )
    cluster_actions.column_create(
        actor=None, parent=home, title="党建工作", slug=EMPTY_COLUMN_SLUG, column_type=ColumnType.NEWS
    )
    when = (builder.now - timedelta(days=200)).replace(hour=10, minute=0)
    piece = builder.writer.article("notice", text.Context(agency=spec, when=when))
    piece.title = f"{spec.short_name}关于做好汛期值班值守工作的通知"
    owner = builder.users.get(f"{spec.slug}_{Role.EDITOR}") or builder.users["admin"]
    builder._publish(stale, piece, when, owner=owner)


def _open_letter(builder) -> None:
    agency = builder.agencies[LETTER_DEPARTMENT]
    box = Mailbox.objects.filter(agency=agency).first()
    if box is None:
        return
    received = builder.now - timedelta(days=LETTER_AGE_DAYS, hours=3)
    spec = next(s for s in registry.ALL_AGENCIES if s.code == LETTER_DEPARTMENT)
    clerk = builder.users.get(f"{spec.slug}_{Role.EDITOR}") or builder.users["admin"]
    with _at(received):
        letter, _code = letter_actions.letter_submit(
            mailbox=box,
            category=Category.COMPLAIN,
            title="小区旁诊所夜间噪声扰民",
            content="小区东门旁的诊所夜间设备噪声很大，影响休息，希望有关部门处理。",
            name="周海波",
            phone="13912340070",
            may_publish=False,
        )
    with _at(received + timedelta(hours=5)):
        letter_actions.letter_accept(letter=letter, actor=clerk, assign_to=agency)

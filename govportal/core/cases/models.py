"""Cases (办件): the shared record behind disclosure requests, letters and applications.

One generic ``Case`` row per case; an area keeps its own details in a model with a
one-to-one link to it and declares its case type in ``govportal.core.cases.workflow``.
``CaseEvent`` is the append-only log; the state on ``Case`` is the result of replaying it
through the case type's transition table. ``TrackingSequence`` hands out the per-day
sequence numbers of tracking numbers with one atomic upsert.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govportal.core.cases.ratings import RatingLevel


class ActorKind(models.TextChoices):
    CITIZEN = "citizen", _("公众")
    CLERK = "clerk", _("工作人员")
    SYSTEM = "system", _("系统")


class OverdueLevel(models.TextChoices):
    ON_TIME = "on_time", _("正常")
    WARNING = "warning", _("预警")
    YELLOW = "yellow", _("黄牌")
    RED = "red", _("红牌")


class Case(models.Model):
    """办件 — one tracked case of any type."""

    # Not in Wagtail's reference index: nothing links to it from content, and indexing every
    # save would add queries and a background task to each citizen submission.
    wagtail_reference_index_ignore = True

    case_type = models.CharField(_("类型"), max_length=40)
    tracking_number = models.CharField(_("办件编号"), max_length=32, unique=True)
    query_code_hash = models.CharField(max_length=64, editable=False)
    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("承办单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("标题"), max_length=200, blank=True)
    state = models.CharField(_("状态"), max_length=40)
    is_open = models.BooleanField(_("办理中"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    due_date = models.DateField(_("截止日期"), null=True, blank=True)
    due_explanation = models.CharField(_("期限说明"), max_length=500, blank=True)
    overdue_level = models.CharField(
        _("超期等级"), max_length=10, choices=OverdueLevel.choices, default=OverdueLevel.ON_TIME
    )
    # Stored when the case closes (``actions.case_transition``), for every case type alike,
    # from the kernel's own clock: the due date in force at that moment, whether the case
    # closed by it, and how many working days it took from creation. Cleared if it reopens.
    # The published statistics read these (``stats.py``); nothing recomputes them later.
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    closed_due_date = models.DateField(_("办结时的截止日期"), null=True, blank=True)
    closed_on_time = models.BooleanField(_("按期办结"), null=True, blank=True)
    closed_working_days = models.PositiveSmallIntegerField(_("办理用时（工作日）"), null=True, blank=True)
    # How many working days after its due date it closed (0 when on time), and the highest
    # overdue level it ever reached: a late reply stays late once the clock is cleared.
    closed_late_days = models.PositiveSmallIntegerField(_("超期工作日数"), null=True, blank=True)
    closed_overdue_level = models.CharField(
        _("最高超期等级"), max_length=10, choices=OverdueLevel.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        indexes = [
            models.Index(fields=["case_type", "state"]),
            models.Index(fields=["is_open", "due_date"]),
        ]

    def __str__(self) -> str:
        return self.tracking_number


class TrackingSequence(models.Model):
    """The kernel's counters: the count of one number series (`core.numbering`) per scope and
    period — ``prefix`` is the counter's name (a case type's prefix for tracking numbers,
    ``<series>:<scope>`` for the others), ``day`` the start of its period."""

    # Not in Wagtail's reference index: nothing links to it from content, and indexing every
    # save would add queries and a background task to each citizen submission.
    wagtail_reference_index_ignore = True
    prefix = models.CharField(max_length=64)
    day = models.DateField()
    # Numbers of a prefix and day come from `SHARDS` rows, shard s handing out
    # s * SHARD_SIZE + 1 … (s + 1) * SHARD_SIZE, so that concurrent creators need not wait
    # for each other's commit (see `actions._next_sequence`). Without contention every
    # number comes from shard 0: 1, 2, 3 …
    shard = models.PositiveSmallIntegerField(default=0)
    last = models.PositiveIntegerField(default=0)

    SHARDS = 32  # numbers up to 320,000 a day; past 99,999 they have six digits
    SHARD_SIZE = 10_000

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "day", "shard"], name="tracking_sequence_per_prefix_day_shard")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}{self.day:%Y%m%d}/{self.shard}: {self.last}"


class AppendOnlyError(Exception):
    pass


class CaseEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("case events are append-only")

    def delete(self):
        raise AppendOnlyError("case events are append-only")


class CaseEvent(models.Model):
    """办件记录 — one entry of a case's append-only log."""

    # Not in Wagtail's reference index: nothing links to it from content, and indexing every
    # save would add queries and a background task to each citizen submission.
    wagtail_reference_index_ignore = True

    # Indexed with its time below: every read of events is one case's, in time order.
    case = models.ForeignKey(
        Case, verbose_name=_("办件"), on_delete=models.PROTECT, related_name="events", db_index=False
    )
    type = models.CharField(_("事件"), max_length=40)
    label = models.CharField(_("说明"), max_length=100, blank=True)
    actor_kind = models.CharField(_("操作人类型"), max_length=10, choices=ActorKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_state = models.CharField(_("原状态"), max_length=40, blank=True)
    to_state = models.CharField(_("新状态"), max_length=40, blank=True)
    payload = models.JSONField(_("内容"), default=dict, blank=True)
    is_public = models.BooleanField(_("公开"), default=False)
    created_at = models.DateTimeField(_("时间"))

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("办件记录")
        verbose_name_plural = _("办件记录")
        ordering = ["created_at", "id"]
        # Each index is written by every citizen submission: only those a read uses.
        indexes = [models.Index(fields=["case", "created_at", "id"], name="core_caseevent_case_time")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.type}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("case events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("case events are append-only")


class PendingQueryCode(models.Model):
    """A query code sent by 找回查询码, not yet used. The case's own code keeps working until
    the citizen signs in with this one (then it becomes the case's code), so somebody who
    only knows a tracking number cannot take a citizen's code away by asking for a new one."""

    case = models.OneToOneField(Case, primary_key=True, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"pending query code of case {self.case_id}"


class CaseTimer(models.Model):
    """计时 — one extra clock of a case (a consultation, a correction or supplement period, a
    return visit …), beside the main reply deadline. Started and stopped only by the
    kernel (`timer_start`, `timer_stop`, or a transition its case type declares); its due
    date is stored, so views and the API read it instead of recomputing it, and is
    recomputed with a logged event when the working-day calendar changes. ``kind`` is one
    of the case type's declared `TimerRule` kinds."""

    wagtail_reference_index_ignore = True

    case = models.ForeignKey(Case, verbose_name=_("办件"), on_delete=models.PROTECT, related_name="timers")
    kind = models.CharField(_("计时类型"), max_length=40)
    label = models.CharField(_("名称"), max_length=100)
    started_on = models.DateField(_("开始日期"))
    days = models.PositiveIntegerField(_("期限天数"), null=True, blank=True)
    working_days = models.BooleanField(_("按工作日计算"), default=True)
    due_on = models.DateField(_("截止日期"), null=True, blank=True)
    due_explanation = models.CharField(_("期限说明"), max_length=300, blank=True)
    stopped_on = models.DateField(_("结束日期"), null=True, blank=True)
    outcome = models.CharField(_("结束方式"), max_length=40, blank=True)
    reason = models.CharField(_("说明"), max_length=500, blank=True)
    start_event = models.ForeignKey(
        CaseEvent, verbose_name=_("开始事件"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("办件计时")
        verbose_name_plural = _("办件计时")
        ordering = ["started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind"],
                condition=models.Q(stopped_on__isnull=True),
                name="case_timer_one_open_per_kind",
            )
        ]
        indexes = [models.Index(fields=["kind", "stopped_on", "due_on"], name="core_casetimer_open_due")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.kind}"

    @property
    def is_running(self) -> bool:
        return self.stopped_on is None


class Rectification(models.Model):
    """整改 — the details of a ``rectification`` case, opened by a bad rating (差评) of another
    case and handled by the agency that handled it (``cases/rectification.py``). Its state,
    clock and tracking number are its own case's; ``rated_case`` links back to the rated
    case, whose log links here (the ``rectification_opened`` event)."""

    wagtail_reference_index_ignore = True

    case = models.OneToOneField(
        Case, verbose_name=_("整改办件"), on_delete=models.PROTECT, related_name="rectification"
    )
    rated_case = models.ForeignKey(
        Case, verbose_name=_("被评价办件"), on_delete=models.PROTECT, related_name="rectifications"
    )
    # The rating's own event on the rated case: one rectification per rating, however often
    # the rating is retried or delivered.
    rating_event = models.OneToOneField(
        CaseEvent, verbose_name=_("评价记录"), on_delete=models.PROTECT, related_name="rectification"
    )
    level = models.PositiveSmallIntegerField(_("评价等级"), choices=RatingLevel.choices)
    comment = models.TextField(_("评价意见"), blank=True)
    real_name = models.BooleanField(_("实名评价"), default=True)
    opened_at = models.DateTimeField(_("开始时间"))
    verification = models.TextField(_("核实情况"), blank=True)
    measures = models.TextField(_("整改措施"), blank=True)
    rectified_at = models.DateTimeField(_("整改时间"), null=True, blank=True)
    return_visit = models.TextField(_("回访情况"), blank=True)
    return_visit_satisfied = models.BooleanField(_("回访满意"), null=True, blank=True)
    closed_at = models.DateTimeField(_("回访时间"), null=True, blank=True)
    # 申诉复核: the agency's appeal against a false or malicious rating, the office's decision.
    appeal_reason = models.TextField(_("申诉理由"), blank=True)
    appeal_decision = models.TextField(_("复核意见"), blank=True)
    excluded = models.BooleanField(
        _("不计入统计"), default=False, help_text=_("申诉复核成立：该评价为虚假或恶意评价，不计入好差评统计。")
    )

    class Meta:
        verbose_name = _("差评整改")
        verbose_name_plural = _("差评整改")
        ordering = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.rated_case.tracking_number} 整改"

    @property
    def agency_id(self) -> int | None:
        return self.case.agency_id

    @property
    def agency(self):
        return self.case.agency

    @property
    def state(self) -> str:
        return self.case.state

    @property
    def due_date(self):
        """The rectification's limit, kept after it closed."""
        return self.case.due_date or self.case.closed_due_date

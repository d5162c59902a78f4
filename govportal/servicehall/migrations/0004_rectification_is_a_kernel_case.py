"""差评整改 becomes the kernel's ``rectification`` case type (core/cases/rectification.py):
every rectification of a bad rating is copied into a case with its own tracking number
(ZG + the day it opened), event log and clock, and a ``core.Rectification`` row with the
same primary key (old admin addresses redirect to it); then the hall's table goes."""

import secrets

from django.core.management.color import no_style
from django.db import migrations

STATE = {"open": "verifying", "rectified": "rectified", "closed": "visited"}


def _number(TrackingSequence, day) -> str:
    row, _ = TrackingSequence.objects.get_or_create(prefix="ZG", day=day, shard=0, defaults={"last": 0})
    row.last += 1
    row.save(update_fields=["last"])
    return f"ZG{day:%Y%m%d}-{row.last:05d}"


def to_kernel(apps, schema_editor):
    from django.conf import settings
    from django.utils import timezone

    from govportal.core import calendar

    Old = apps.get_model("servicehall", "Rectification")
    Case = apps.get_model("core", "Case")
    CaseEvent = apps.get_model("core", "CaseEvent")
    New = apps.get_model("core", "Rectification")
    TrackingSequence = apps.get_model("core", "TrackingSequence")
    cal = calendar.current()
    days = settings.GOVPORTAL_RECTIFICATION_DAYS

    def log(case, type, label, at, from_state="", to_state="", payload=None, actor_kind="clerk", public=True):
        return CaseEvent.objects.create(
            case=case,
            type=type,
            label=label,
            actor_kind=actor_kind,
            from_state=from_state,
            to_state=to_state,
            payload=payload or {},
            is_public=public,
            created_at=at,
        )

    for old in Old.objects.select_related("rating__application__case").order_by("pk"):
        rating = old.rating
        rated = rating.application.case
        opened_on = timezone.localtime(old.opened_at).date()
        state = STATE.get(old.state, "verifying")
        is_open = state != "visited"
        case = Case.objects.create(
            case_type="rectification",
            tracking_number=_number(TrackingSequence, opened_on),
            query_code_hash=secrets.token_hex(32),  # no citizen holds a code for it
            agency_id=old.agency_id,
            title=f"{rated.tracking_number} {rated.title}"[:200],
            state=state,
            is_open=is_open,
            due_date=old.due_date if is_open else None,
            due_explanation=f"差评日 {opened_on:%Y-%m-%d}，{days}个工作日，截止 {old.due_date:%Y-%m-%d}" if is_open else "",
        )
        closed = {}
        if not is_open:
            closed_at = old.closed_at or old.rectified_at or old.opened_at
            closed_on = timezone.localtime(closed_at).date()
            closed = {
                "closed_at": closed_at,
                "closed_due_date": old.due_date,
                "closed_on_time": closed_on <= old.due_date,
                "closed_working_days": max(0, cal.working_days_between(opened_on, closed_on)),
            }
        Case.objects.filter(pk=case.pk).update(created_at=old.opened_at, updated_at=old.opened_at, **closed)
        log(case, "create", "提交", old.opened_at, to_state="verifying", actor_kind="system",
            payload={"limit_days": days, "rated_case": rated.tracking_number, "level": rating.level})
        if state in ("rectified", "visited"):
            at = old.rectified_at or old.opened_at
            log(case, "verify", "核实属实，开始整改", at, "verifying", "rectifying", {"note": "核实属实"})
            log(case, "rectify", "已整改", at, "rectifying", "rectified")
        if state == "visited":
            log(case, "return_visit", "已回访", old.closed_at or old.rectified_at or old.opened_at, "rectified", "visited",
                {"satisfied": bool(old.return_visit_satisfied)})
        event = (
            CaseEvent.objects.filter(case=rated, type="rated").order_by("-created_at", "-id").first()
            or log(rated, "rated", "申请人评价", rating.created_at, actor_kind="citizen", payload={"level": rating.level})
        )
        New.objects.create(
            pk=old.pk,
            case=case,
            rated_case=rated,
            rating_event=event,
            level=rating.level,
            comment=rating.comment,
            real_name=rating.real_name,
            opened_at=old.opened_at,
            verification="核实属实" if state != "verifying" else "",
            measures=old.measures,
            rectified_at=old.rectified_at,
            return_visit=old.return_visit,
            return_visit_satisfied=old.return_visit_satisfied,
            closed_at=old.closed_at,
        )
        log(
            rated,
            "rectification_opened",
            f"差评转整改 {case.tracking_number}",
            old.opened_at,
            actor_kind="system",
            payload={"tracking_number": case.tracking_number, "level": rating.level},
            public=False,
        )
    # Rows were written with their old keys: the key sequence (PostgreSQL) must move past them.
    with schema_editor.connection.cursor() as cursor:
        for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [New]):
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("servicehall", "0003_open_pauses_to_case_timers"),
        ("core", "0013_case_close_and_rectification"),
    ]

    operations = [
        migrations.RunPython(to_kernel, migrations.RunPython.noop),
        migrations.DeleteModel(name="Rectification"),
    ]

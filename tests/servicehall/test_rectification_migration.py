"""Data migrations of issue 17.1: the hall's own rectification rows become kernel cases
(servicehall 0003, same keys so old admin links still lead there), closed cases get the
close figures the kernel now stores (core 0011), and letters keep the on-time flag and
working days they had stored (interaction 0004)."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

import pytest

from govportal.core.cases.models import Case, CaseEvent, Rectification
from govportal.interaction.models import Letter
from govportal.servicehall import actions
from govportal.servicehall.models import Decision
from tests.interaction.conftest import to_replied, world, write  # noqa: F401  (fixture)
from tests.servicehall.conftest import direct_submit, make_form, make_item

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
BEFORE = [
    ("core", "0012_case_timer"),
    ("interaction", "0004_reminders_by_the_kernel"),
    ("servicehall", "0003_open_pauses_to_case_timers"),
]
AFTER = [
    ("core", "0013_case_close_and_rectification"),
    ("interaction", "0005_on_time_stored_by_the_kernel"),
    ("servicehall", "0005_application_rectifications"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _migrate_to_latest() -> None:
    """Every app back at its newest migration: the tests after this one on the same worker
    use today's models (migrating only to AFTER would leave later migrations unapplied)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _completed(item, world):  # noqa: F811
    app, _ = direct_submit(item)
    actions.application_accept(application=app, actor=world["staff"]["edu"])
    for task in app.tasks.all():
        actions.task_decide(task=task, actor=world["staff"]["edu"], decision=Decision.APPROVED)
    return app


@pytest.mark.long  # migrates most apps back and forth: the suite's longest test
def test_old_rectifications_become_kernel_cases_and_closed_cases_keep_their_figures(world):  # noqa: F811
    edu = world["agencies"]["edu"]
    item = make_item(edu, code="JY-0100", name="教师资格认定")
    make_form(item)
    app, later = (_completed(item, world), _completed(item, world))
    rating = actions.rating_submit(application=app, actor=None, level=5, answers={}, comment="很好")
    letter, _ = write(world["mailboxes"]["mayor"])
    to_replied(letter, world)
    opened = timezone.now()
    try:
        old = _migrate(BEFORE)
        OldRectification = old.get_model("servicehall", "Rectification")
        OldLetter = old.get_model("interaction", "Letter")
        OldRating = old.get_model("servicehall", "Rating")
        OldRating.objects.filter(pk=rating.pk).update(level=1, comment="态度差")
        OldRectification.objects.create(
            pk=41,
            rating_id=rating.pk,
            agency_id=edu.pk,
            state="closed",
            opened_at=opened,
            due_date=timezone.localdate() + timedelta(days=21),
            measures="增设窗口",
            rectified_at=opened + timedelta(days=2),
            return_visit="电话回访，满意",
            return_visit_satisfied=True,
            closed_at=opened + timedelta(days=3),
        )
        # What the letter had stored itself, differing from a replay on purpose.
        OldLetter.objects.filter(pk=letter.pk).update(replied_on_time=False, reply_days_taken=9)
    finally:
        _migrate(AFTER)
        _migrate_to_latest()

    rect = Rectification.objects.select_related("case", "rated_case").get()
    assert rect.pk == 41 and rect.rated_case_id == app.case_id
    assert (rect.level, rect.comment, rect.measures, rect.return_visit_satisfied) == (1, "态度差", "增设窗口", True)
    case = rect.case
    assert case.case_type == "rectification" and case.tracking_number.startswith("ZG")
    assert (case.state, case.is_open, case.agency_id, case.closed_on_time) == ("visited", False, edu.pk, True)
    assert [e.type for e in CaseEvent.objects.filter(case=case)] == ["create", "verify", "rectify", "return_visit"]
    assert CaseEvent.objects.filter(case=app.case, type="rectification_opened").exists()
    assert rect.rating_event.case_id == app.case_id and rect.rating_event.type == "rated"
    # A new rectification gets a key after the migrated one (the sequence moved past it).
    new = actions.rating_submit(application=later, actor=None, level=2, answers={}).rectification
    assert new.pk > 41 and Rectification.objects.count() == 2

    app_case = Case.objects.get(pk=app.case_id)
    assert app_case.closed_at is not None and app_case.closed_on_time is True
    assert app_case.closed_due_date is not None and app_case.closed_working_days == 0
    letter = Letter.objects.select_related("case").get(pk=letter.pk)
    assert (letter.replied_on_time, letter.reply_days_taken) == (False, 9)
    assert letter.case.closed_due_date is not None and letter.case.closed_at is not None

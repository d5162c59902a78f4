"""Background jobs of 互动交流: search re-indexing of letters and FAQ entries (on commit),
and the periodic overdue reminders."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from govportal.core.cases.actions import cases_sweep_overdue
from govportal.core.scheduler import periodic


@task()
def sync_letter(letter_id: int) -> None:
    from govportal.interaction.publishing import sync  # cycle: interaction.publishing → interaction.tasks

    sync("letter", letter_id)


@task()
def sync_faq(faq_id: int) -> None:
    from govportal.interaction.publishing import sync  # cycle: interaction.publishing → interaction.tasks

    sync("faq", faq_id)


@task()
def send_letter_reminders() -> int:
    from govportal.interaction.actions import letters_send_reminders  # cycle: interaction.actions → interaction.tasks

    # The kernel's sweep first, so the levels are today's; it only touches open cases
    # whose level changed, so running it here too is cheap and harmless.
    cases_sweep_overdue()
    return letters_send_reminders()


@periodic("letter_reminders", every=timedelta(hours=1))
def _enqueue_reminders() -> object:
    return send_letter_reminders.enqueue()

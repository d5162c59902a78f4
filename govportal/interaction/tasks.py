"""Background jobs of 互动交流: search re-indexing of letters and FAQ entries (on commit).
Overdue reminders are the kernel's (`core.cases`: the deadline sweep sends the reminders
the letter case type declares)."""

from __future__ import annotations

from django_tasks import task


@task()
def sync_letter(letter_id: int) -> None:
    from govportal.interaction.publishing import sync  # cycle: interaction.publishing → interaction.tasks

    sync("letter", letter_id)


@task()
def sync_faq(faq_id: int) -> None:
    from govportal.interaction.publishing import sync  # cycle: interaction.publishing → interaction.tasks

    sync("faq", faq_id)

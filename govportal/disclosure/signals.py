"""Publishing → index number. Connected to Wagtail's ``page_published``, which fires for
every publication (admin, workflow approval, scheduled publishing, the demo seed), so a
document gets its number however it goes live. The rule itself is in `actions`."""

from __future__ import annotations


def on_published(sender, instance, **kwargs):
    from govportal.disclosure.actions import document_assign_index_number
    from govportal.disclosure.models import DisclosureDocumentPage

    if isinstance(instance, DisclosureDocumentPage):
        document_assign_index_number(page=instance)

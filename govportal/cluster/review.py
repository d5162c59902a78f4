"""The end of an agency's review workflow (STANDARDS §2: editor → reviewer → leader).

Named by ``WAGTAIL_FINISH_WORKFLOW_ACTION``, which Wagtail imports while its own models are
still loading — so this module imports nothing from models at import time.
"""

from __future__ import annotations


def workflow_finish_publish(workflow_state, user=None) -> None:
    """Publish the approved revision when the last step approves.

    The workflow's approvals are the authority here, so the last approver needs no publish
    permission of their own (an agency may be configured with a single review step)."""
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)

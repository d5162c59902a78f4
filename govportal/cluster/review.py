"""The end of an agency's review workflow (STANDARDS §2: editor → reviewer → leader), and
the content checks a page must pass before a review step may approve it.

Named by ``WAGTAIL_FINISH_WORKFLOW_ACTION``, which Wagtail imports while its own models are
still loading — so this module imports nothing from models at import time.

Content checks: an area that checks what is written (the 监管 area's 错敏词 check) registers
a ``ContentCheck`` here with ``register_content_check``; the cluster never imports that
area. Every approve of every review step (the edit view's workflow action, the review
screen, the dashboard's modal, and the task itself as the last guard) asks
``blocking_problems(page)`` and refuses while any problem is left. A check answers with the
problems a reviewer has not yet resolved (fixed in the text, or accepted with a reason).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


def workflow_finish_publish(workflow_state, user=None) -> None:
    """Publish the approved revision when the last step approves.

    The workflow's approvals are the authority here, so the last approver needs no publish
    permission of their own (an agency may be configured with a single review step)."""
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)


@dataclass(frozen=True)
class ReviewProblem:
    """Something in the content under review that blocks approval until resolved."""

    message: str  # one line in Chinese: "「按装」应为「安装」（错别字）"
    url: str = ""  # where the reviewer resolves it (the check's screen)


@dataclass(frozen=True)
class ContentCheck:
    key: str  # "monitor.wording"
    label: str  # "错敏词检查"
    # (page) -> the unresolved problems of the page's latest revision (the one under review)
    problems: Callable[[object], list[ReviewProblem]]


_CONTENT_CHECKS: dict[str, ContentCheck] = {}


def register_content_check(check: ContentCheck) -> None:
    _CONTENT_CHECKS[check.key] = check


def content_checks() -> list[ContentCheck]:
    return list(_CONTENT_CHECKS.values())


def blocking_problems(page) -> list[ReviewProblem]:
    """Every registered check's unresolved problems for the page's latest revision."""
    found: list[ReviewProblem] = []
    for check in _CONTENT_CHECKS.values():
        found.extend(check.problems(page))
    return found


def blocking_message(problems: list[ReviewProblem]) -> str:
    """One message for the reviewer: how many problems, the first few of them."""
    from django.utils.translation import gettext

    shown = "；".join(p.message for p in problems[:3])
    more = gettext("等") if len(problems) > 3 else ""
    return gettext(
        "内容检查发现 %(n)d 处问题未处理（%(shown)s%(more)s），请修改后重新提交，或逐条说明理由予以接受后再审核通过。"
    ) % {
        "n": len(problems),
        "shown": shown,
        "more": more,
    }


def refuse_approval_if_blocked(page) -> None:
    """The tasks' last guard: the views check first with a friendlier answer."""
    problems = blocking_problems(page)
    if problems:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(blocking_message(problems))

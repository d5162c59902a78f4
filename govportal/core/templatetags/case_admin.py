"""Admin template tags of the case kernel, for the areas' case screens."""

from __future__ import annotations

from django import template

from govportal.core.cases import rectification

register = template.Library()


@register.inclusion_tag("core/cases/admin/_rectification_link.html")
def rectification_link(case):
    """差评整改 opened for this case (the link from a rated case to its rectification); the
    target screen does its own access check."""
    rect = rectification.rectification_of(case) if case is not None and case.pk else None
    return {"rect": rect, "state_label": rectification.STATES.get(rect.case.state, "") if rect else ""}

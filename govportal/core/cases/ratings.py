"""The one rating scale (好差评) of every case type: five levels, stored as 1–5.

STANDARDS §3 (the national 政务服务"好差评" scale): 非常满意 / 满意 / 基本满意 / 不满意 /
非常不满意; the last two are bad ratings (差评), the first three count as satisfied (好评) —
the satisfaction rate of every published statistic is satisfied ÷ rated (``stats.py``), and
a bad rating opens a rectification case (``rectification.py``).

Areas use ``RatingLevel`` for their model field's choices, ``rating_form_field`` in their
forms and ``clean_rating`` in their actions and API, so a letter and an application are
rated on the same scale with the same message for a wrong value.
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from govportal.core.errors import InvalidInput


class RatingLevel(models.IntegerChoices):
    """好差评 — the five levels, best first."""

    VERY_SATISFIED = 5, _("非常满意")
    SATISFIED = 4, _("满意")
    BASIC = 3, _("基本满意")
    DISSATISFIED = 2, _("不满意")
    VERY_DISSATISFIED = 1, _("非常不满意")


# 好评: counted as satisfied in every satisfaction rate.
SATISFIED_LEVELS = frozenset({RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED, RatingLevel.BASIC})
# 差评: each opens a rectification case for the agency that handled the rated case.
BAD_LEVELS = frozenset({RatingLevel.DISSATISFIED, RatingLevel.VERY_DISSATISFIED})


def is_satisfied(level: int) -> bool:
    return level in SATISFIED_LEVELS


def is_bad(level: int) -> bool:
    return level in BAD_LEVELS


def label(level: int) -> str:
    return str(RatingLevel(level).label)


def clean_rating(value, *, field: str = "rating") -> int:
    """A level of the scale from form or API input, else InvalidInput in Chinese."""
    try:
        level = int(value)
    except (TypeError, ValueError):
        level = 0
    if isinstance(value, bool) or level not in RatingLevel.values:
        raise InvalidInput("请选择评价等级", field=field)
    return level


def rating_form_field(*, label: str | None = None, required: bool = True) -> forms.TypedChoiceField:
    """The scale as radio buttons, best first."""
    return forms.TypedChoiceField(
        label=label or _("满意程度"),
        choices=RatingLevel.choices,
        coerce=int,
        widget=forms.RadioSelect,
        required=required,
    )

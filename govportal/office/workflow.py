"""The 协同办公 case types: the transition tables of a document and of a delivery.

- ``office.document`` (发文, prefix GW): draft → submitted → signed → sent; the 签发人
  returns a submitted draft (退回修改) or signs it (签发); the clerk sends a signed one.
- ``office.delivery`` (收文, prefix SW) and ``office.delivery_reply`` (收文, 需回复, prefix SWH):
  pending → signed (签收) or returned (退回); a reply-type delivery stays open after the
  sign-for until it is replied to (回复), on the reply clock: ``reply_days`` working days
  from the day it was sent (the kernel's calendar), so a late reply is the kernel's
  ``closed_on_time = False`` and an unanswered one its overdue level.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from govportal.core.cases import workflow as kernel
from govportal.core.cases.workflow import CaseType, DeadlineRule, Notice, Transition

DOCUMENT = "office.document"
DELIVERY = "office.delivery"
DELIVERY_REPLY = "office.delivery_reply"


class DocState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待签发")
    SIGNED = "signed", _("已签发")
    SENT = "sent", _("已发出")


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("待签收")
    SIGNED = "signed", _("已签收")
    RETURNED = "returned", _("已退回")
    REPLIED = "replied", _("已回复")


D, R = DocState, DeliveryState


def _t(name, sources, target, label):
    return Transition(name=name, sources=frozenset(sources), target=target, label=label, public=False)


DOCUMENT_TYPE = kernel.register(
    CaseType(
        key=DOCUMENT,
        prefix="GW",
        name="公文",
        states={s.value: str(s.label) for s in DocState},
        initial_state=D.DRAFT,
        closed_states=frozenset({D.SENT}),
        transitions=(
            _t("submit", {D.DRAFT}, D.SUBMITTED, "提交签发"),
            _t("reject", {D.SUBMITTED}, D.DRAFT, "退回修改"),
            _t("sign", {D.SUBMITTED}, D.SIGNED, "签发"),
            _t("send", {D.SIGNED}, D.SENT, "发出"),
        ),
    )
)

_DELIVERY_TRANSITIONS = (
    _t("sign_for", {R.PENDING}, R.SIGNED, "签收"),
    _t("return", {R.PENDING}, R.RETURNED, "退回"),
    _t("reply", {R.SIGNED}, R.REPLIED, "回复"),
)
_STATES = {s.value: str(s.label) for s in DeliveryState}
_PRESS = Notice(
    event="press",
    template="office/notify/press.txt",
    to=("oa_clerks",),
    channels=("email", "sms"),
    subject="催办：{{ title }}",
    needs=("sender_name", "doc_number"),
)


def oa_clerks(case, payload) -> list[tuple[str, str]]:
    """The receiving agency's OA clerks (their e-mail and phone): the only staff a 催办 goes to."""
    from govportal.office.access import clerks_of  # cycle: access → workflow

    out: list[tuple[str, str]] = []
    for user in clerks_of(case.agency_id):
        out += [("email", user.email)] if user.email else []
        out += [("sms", user.phone)] if getattr(user, "phone", "") else []
    return out


DELIVERY_TYPE = kernel.register(
    CaseType(
        key=DELIVERY,
        prefix="SW",
        name="收文",
        states=_STATES,
        initial_state=R.PENDING,
        closed_states=frozenset({R.SIGNED, R.RETURNED}),
        transitions=_DELIVERY_TRANSITIONS,
        notices=(_PRESS,),
        recipients={"oa_clerks": oa_clerks},
        notice_context=lambda case, payload: _notice_context(case),
    )
)

DELIVERY_REPLY_TYPE = kernel.register(
    CaseType(
        key=DELIVERY_REPLY,
        prefix="SWH",
        name="收文（需回复）",
        states=_STATES,
        initial_state=R.PENDING,
        closed_states=frozenset({R.REPLIED, R.RETURNED}),
        answered_states=frozenset({R.REPLIED}),
        transitions=_DELIVERY_TRANSITIONS,
        deadlines=(
            DeadlineRule(
                step="回复",
                states=frozenset({R.PENDING, R.SIGNED}),
                days=5,
                days_key="reply_days",
                start_label="发文日",
            ),
        ),
        warning_days=1,
        red_days=3,
        notices=(
            _PRESS,
            Notice(
                event="overdue:yellow",
                template="office/notify/press.txt",
                to=("oa_clerks",),
                channels=("email",),
                subject="回复已超期：{{ title }}",
                needs=("sender_name", "doc_number"),
            ),
        ),
        recipients={"oa_clerks": oa_clerks},
        notice_context=lambda case, payload: _notice_context(case),
    )
)


def _notice_context(case) -> dict:
    delivery = getattr(case, "office_delivery", None)
    if delivery is None:
        return {}
    doc = delivery.document
    return {"sender_name": doc.agency.name, "doc_number": doc.doc_number}

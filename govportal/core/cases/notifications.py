"""The one place case notifications are sent: each case type declares its `Notice`s (event →
template, recipients, channels) in its ``workflow.py``; `case_notify` renders them and puts
the messages into the outbox, in the transaction that logs the event (so a message exists
if and only if its event does; delivery starts on commit). Idempotent per (case, event,
notice, channel, recipient): the outbox key is built from them, so running it again for
the same event — a retried job, a repeated sweep — sends nothing twice.

Reminders per overdue level are notices of the event ``"overdue:<level>"``, sent by
`case_remind` when the kernel raises a case's level (once per level and due date).
"""

from __future__ import annotations

import functools
import hashlib
import logging
from datetime import date

from django.contrib.auth import get_user_model
from django.template import Context, Engine

from govportal.core.cases import workflow
from govportal.core.cases.models import Case, CaseEvent, OverdueLevel
from govportal.core.outbox.actions import outbox_put

logger = logging.getLogger(__name__)

LEVEL_ORDER = {"": 0, OverdueLevel.ON_TIME: 0, OverdueLevel.WARNING: 1, OverdueLevel.YELLOW: 2, OverdueLevel.RED: 3}


# The kernel's own context keys, always present (level_label: empty outside reminders).
BASE_KEYS = ("tracking_number", "title", "due_date", "level_label")


@functools.cache
def _engine(strict: bool) -> Engine:
    # Notice templates live with the areas' templates (``<area>/templates/<area>/notify/``).
    # A strict engine marks a missing variable ``{{ name }}``: the table test uses it.
    from django.template.backends.django import get_installed_libraries

    return Engine(app_dirs=True, libraries=get_installed_libraries(), string_if_invalid="{{ %s }}" if strict else "")


def render(template_name: str, context: dict, *, strict: bool = False) -> str:
    """A notice template as plain text: no HTML escaping (SMS and e-mail bodies), the
    surrounding whitespace of the template's lines removed."""
    template = _engine(strict).get_template(template_name)
    text = template.render(Context(context, autoescape=False))
    return "".join(line.strip() for line in text.strip().splitlines() if line.strip())


def render_string(source: str, context: dict, *, strict: bool = False) -> str:
    if not source:
        return ""
    return _engine(strict).from_string(source).render(Context(context, autoescape=False)).strip()


def _lookup(case: Case, path: str) -> str:
    if not path:
        return ""
    value = Case.objects.filter(pk=case.pk).values_list(path, flat=True).first()
    return (value or "").strip() if isinstance(value, str) else ""


def _users(queryset) -> list:
    return list(queryset.filter(is_active=True).distinct().order_by("pk"))


def _user_addresses(users, *, sms: bool = True) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for u in users:
        if u.email:
            out.append(("email", u.email))
        if sms and getattr(u, "phone", ""):
            out.append(("sms", u.phone))
    return out


def _holders_of(perm: str):
    """Users holding ``app_label.codename`` themselves or through a group (superusers only
    if so given: the office's technical accounts are not supervisors)."""
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    app_label, _, codename = perm.partition(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    if permission is None:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(Q(user_permissions=permission) | Q(groups__permissions=permission))


def staff_addresses(agency, *, roles=None, agency_address: bool = False) -> list[tuple[str, str]]:
    """(channel, address) of an agency's active staff: their e-mail (and, if asked, the
    agency's own e-mail); with ``roles`` (`core.models.Role`), only those staff, by e-mail
    and SMS (leaders are reached on the phone)."""
    if agency is None:
        return []
    users = get_user_model().objects.filter(agency=agency)
    if roles is not None:
        users = users.filter(groups__agency_role__agency=agency, groups__agency_role__role__in=list(roles))
    out = [("email", agency.email)] if agency_address and agency.email else []
    return out + _user_addresses(_users(users), sms=roles is not None)


def recipients(
    case_type: workflow.CaseType, case: Case, name: str, payload: dict, context: dict | None = None
) -> list[tuple[str, str]]:
    """Resolve one recipient name of a `Notice` to (channel, address) pairs. The citizen's
    phone and e-mail come from the case type's fields, or from ``citizen_phone`` and
    ``citizen_email`` in the context (at creation the area's row does not exist yet)."""
    from govportal.core.models import Role

    context = context or {}
    if name == "citizen":
        phone = context["citizen_phone"] if "citizen_phone" in context else _lookup(case, case_type.citizen_phone_field)
        email = context["citizen_email"] if "citizen_email" in context else _lookup(case, case_type.citizen_email_field)
        return [("sms", phone or ""), ("email", email or "")]
    if name == "agency":
        return [("email", case.agency.email)] if case.agency is not None and case.agency.email else []
    if name == "agency_staff":
        return staff_addresses(case.agency)
    if name == "agency_leaders":
        return staff_addresses(case.agency, roles=[Role.LEADER])
    if name.startswith("perm:"):
        return _user_addresses(_users(_holders_of(name[5:])))
    resolver = case_type.recipients.get(name)
    if resolver is None:
        raise ValueError(f"{case_type.key}: unknown notice recipient {name!r}")
    return list(resolver(case, payload))


def context_for(case_type: workflow.CaseType, case: Case, payload: dict, extra: dict | None = None) -> dict:
    due = case.due_date
    context = {
        "case": case,
        "tracking_number": case.tracking_number,
        "title": case.title,
        "due_date": due.strftime("%Y-%m-%d") if isinstance(due, date) else "",
        "level_label": "",
        **payload,
    }
    if case_type.notice_context is not None:
        context.update(case_type.notice_context(case, payload))
    context.update(extra or {})
    return context


def _key(case: Case, occasion: str, notice: workflow.Notice, channel: str, address: str) -> str:
    digest = hashlib.sha256(f"{notice.template}|{channel}|{address}".encode()).hexdigest()[:24]
    return f"case:{case.pk}:notice:{occasion}:{digest}"


def case_notify(
    *,
    case: Case,
    event: str,
    occasion: str | None = None,
    payload: dict | None = None,
    context: dict | None = None,
) -> int:
    """Send every notice the case's type declares for ``event``. ``occasion`` identifies
    this happening of the event for idempotency (default: the event name — for events that
    happen once per case); the kernel passes the logged event's id. Call inside the
    transaction that records the event. Returns the number of messages put."""
    ct = workflow.get(case.case_type)
    notices = ct.notices_for(event)
    if not notices:
        return 0
    payload = dict(payload or {})
    ctx = context_for(ct, case, payload, context)
    put = 0
    for notice in notices:
        if notice.when is not None and not notice.when(case, payload, ctx):
            continue
        missing = [k for k in notice.needs if k not in ctx]
        if missing:
            # A step taken without the values its text needs (a programming slip): the
            # message still goes out — the citizen must hear of the step — with blanks.
            logger.error("%s notice %s: missing %s in the context", ct.key, notice.template, missing)
        addresses: list[tuple[str, str]] = []
        for name in notice.to:
            addresses += recipients(ct, case, name, payload, ctx)
        seen: set[tuple[str, str]] = set()
        body = subject = None
        for channel, address in addresses:
            if not address or channel not in notice.channels or (channel, address) in seen:
                continue
            seen.add((channel, address))
            if body is None:
                body = render(notice.template, ctx)
                subject = render_string(str(notice.subject), ctx)
            outbox_put(
                key=_key(case, occasion or event, notice, channel, address),
                channel=channel,
                recipient=address,
                subject=subject or "",  # the SMS transport sends the body only
                body=body,
                case=case,
            )
            put += 1
    return put


def notify_event(case: Case, event: CaseEvent, context: dict | None = None) -> int:
    """The kernel's hook after it logs ``event``: the notices declared for its type."""
    return case_notify(case=case, event=event.type, occasion=str(event.pk), payload=event.payload, context=context)


def case_remind(case: Case, old_level: str) -> int:
    """When the kernel raised a case's overdue level: the reminder its type declares for the
    new level (``"overdue:<level>"``), once per level and due date (a restart or an
    extension that gives a new due date may earn a new reminder)."""
    new = case.overdue_level
    if LEVEL_ORDER.get(new, 0) <= LEVEL_ORDER.get(old_level, 0) or not case.is_open:
        return 0
    due = case.due_date.isoformat() if case.due_date else "none"
    level = OverdueLevel(new)
    return case_notify(
        case=case,
        event=f"overdue:{new}",
        occasion=f"overdue:{new}:{due}",
        payload={"level": new},
        context={"level": new, "level_label": str(level.label)},
    )

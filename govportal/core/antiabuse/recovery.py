"""找回查询码: a citizen who lost the query code (the answer never reached them, or they
lost the note) gives the tracking number — a new code, pending until first used (the old
one keeps working until then), is sent by SMS to the phone on the case (`case_query_code_reset`) — or their mobile number — that phone gets an
SMS listing the tracking numbers of its recent cases, with which to ask again.

The answer is the same whether or not the number exists, whether or not an SMS was sent:
it reveals nothing. Limited per client (429, counted before the lookup) and per phone
(silently: nothing sent beyond the daily SMS limit). Each case type declares where the
phone is (`CaseType.citizen_phone_field`).
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govportal.core.antiabuse import limits
from govportal.core.antiabuse.guard import is_mobile, normalize_phone
from govportal.core.cases import workflow
from govportal.core.cases.actions import case_query_code_reset
from govportal.core.cases.models import Case
from govportal.core.outbox.actions import outbox_put

RECENT_DAYS = 180
MAX_LISTED = 10


def neutral_message() -> str:
    return _(
        "如果信息无误，短信已发送到办理该事项时登记的手机号码。按办件编号找回的，短信中的新查询码使用后原查询码才失效。"
        "几分钟内未收到短信的，请拨打12345热线或联系承办单位。"
    )


def recover_query_code(*, tracking_number: str, client: str) -> None:
    limits.reserve_recovery(client=client)
    number = (tracking_number or "").strip().upper()[:32]
    case = Case.objects.filter(tracking_number=number).first() if number else None
    if case is None:
        return
    try:
        field = workflow.get(case.case_type).citizen_phone_field
    except KeyError:
        return
    if not field:
        return
    phone = normalize_phone(Case.objects.filter(pk=case.pk).values_list(field, flat=True).first() or "")
    if is_mobile(phone) and limits.allow_sms_to(phone=phone):
        case_query_code_reset(case=case, phone=phone)


def send_tracking_numbers(*, phone: str, client: str) -> None:
    """The phone's recent cases (last `RECENT_DAYS` days, newest `MAX_LISTED`), by SMS to
    that phone only."""
    limits.reserve_recovery(client=client)
    phone = normalize_phone(phone)
    if not is_mobile(phone):
        return
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    found: list[tuple] = []
    for case_type in workflow.registered():
        if case_type.citizen_phone_field:
            found += Case.objects.filter(
                case_type=case_type.key, created_at__gte=since, **{case_type.citizen_phone_field: phone}
            ).values_list("created_at", "tracking_number")[:MAX_LISTED]
    numbers = [n for _at, n in sorted(found, reverse=True)[:MAX_LISTED]]
    if numbers and limits.allow_sms_to(phone=phone):
        with transaction.atomic():
            outbox_put(
                key=f"recover:phone:{uuid.uuid4().hex}",
                channel="sms",
                recipient=phone,
                body=_("您近期在政府网站提交的办件编号：%(numbers)s。如需查询码，请在“找回查询码”页面填写办件编号。")
                % {"numbers": "、".join(numbers)},
            )

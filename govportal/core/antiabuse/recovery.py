"""找回查询码: a citizen who lost the query code (the answer never reached them, or they
lost the note) gives the tracking number; the case gets a new code, sent by SMS to the phone
on the case (`case_query_code_reset`). The answer is the same whether or not the number
exists, whether or not an SMS was sent: it reveals nothing. Limited per client (429, counted
before the lookup) and per phone (silently: nothing sent beyond the daily SMS limit).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from govportal.core.antiabuse import limits
from govportal.core.antiabuse.guard import is_mobile, normalize_phone
from govportal.core.cases import workflow
from govportal.core.cases.actions import case_query_code_reset
from govportal.core.cases.models import Case


def neutral_message() -> str:
    return _(
        "如果该办件编号存在，新的查询码已通过短信发送到办理该事项时登记的手机号码，原查询码同时失效。"
        "几分钟内未收到短信的，请拨打12345热线或联系承办单位。"
    )


def recover_query_code(*, tracking_number: str, client: str) -> None:
    limits.reserve_recovery(client=client)
    number = (tracking_number or "").strip().upper()[:32]
    case = Case.objects.filter(tracking_number=number).first() if number else None
    if case is None:
        return
    try:
        case_type = workflow.get(case.case_type)
    except KeyError:
        return
    if case_type.citizen_phone is None:
        return
    try:
        phone = normalize_phone(case_type.citizen_phone(case) or "")
    except Exception:  # noqa: BLE001 — no area row behind the case (e.g. a kernel-only case)
        return
    if is_mobile(phone) and limits.allow_sms_to(phone=phone):
        case_query_code_reset(case=case, phone=phone)

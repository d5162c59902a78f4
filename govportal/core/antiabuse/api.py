"""API of the anti-abuse policy under /api/v1/ (govportal/api/urls.py):

- ``POST /captcha``: an image challenge for an anonymous submission (``key``, ``image_url``);
- ``POST /captcha/sms`` ``{"phone"}``: a six-digit code sent by SMS to that phone, valid only
  for a submission with the same phone;
- ``POST /query-code/recover`` ``{"tracking_number"}`` (a new code by SMS to the phone on
  the case) or ``{"phone"}`` (that phone's recent tracking numbers by SMS): 找回查询码,
  always the same neutral answer (202).

A submission then sends ``X-Captcha-Key`` and ``X-Captcha-Answer`` (and, to be safe to
retry, ``Idempotency-Key``); trusted clients with a token need no CAPTCHA. These endpoints
take ``Idempotency-Key`` too: a retry does not send a second SMS or reset a code twice.
"""

from __future__ import annotations

from typing import Literal

from django.urls import reverse
from django.utils.translation import gettext as _

from ninja import Field, Router, Schema
from ninja.responses import Status

from govportal.core.antiabuse import captcha
from govportal.core.antiabuse.guard import api_idempotent, client_key, is_mobile, normalize_phone
from govportal.core.antiabuse.recovery import neutral_message, recover_query_code, send_tracking_numbers
from govportal.core.errors import InvalidInput

router = Router(tags=["验证码与查询码"])


class ChallengeOut(Schema):
    kind: Literal["image", "sms"] = Field(
        description="验证码类型：image 图片验证码，sms 短信验证码", examples=["image"]
    )
    key: str = Field(description="验证码标识：提交时放在请求头 X-Captcha-Key", examples=["a1b2c3d4e5f6"])
    image_url: str = Field(
        "", description="图片验证码的图片地址（短信验证码为空）", examples=["/yanzheng/image/a1b2c3d4e5f6/"]
    )


class SmsIn(Schema):
    phone: str = Field(description="接收短信验证码的手机号码（与提交时填写的一致）", examples=["13800138000"])


class RecoverIn(Schema):
    tracking_number: str = Field("", description="办件编号", examples=["XJ20261204000045"])
    phone: str = Field("", description="办件登记的手机号码", examples=["13800138000"])


class DetailOut(Schema):
    detail: str = Field(description="结果说明（中文）", examples=["如信息无误，新的查询码已发送到登记的手机。"])


@router.post("/captcha", response={201: ChallengeOut}, summary="获取图片验证码（匿名提交时使用）")
def image_challenge(request):
    def run() -> tuple[int, dict]:
        key = captcha.new_image_challenge()
        return 201, {"kind": "image", "key": key, "image_url": reverse("antiabuse:captcha-image-2x", args=[key])}

    return Status(*_answer(api_idempotent(request, run=run)))


def _answer(outcome) -> tuple[int, dict]:
    return outcome.status_code, outcome.body


@router.post("/captcha/sms", response={201: ChallengeOut}, summary="获取短信验证码（发送到提交时填写的手机号码）")
def sms_challenge(request, data: SmsIn):
    if not is_mobile(data.phone):
        raise InvalidInput(_("请填写正确的手机号码"), field="phone")

    def run() -> tuple[int, dict]:
        key = captcha.send_sms_code(phone=normalize_phone(data.phone), client=client_key(request))
        return 201, {"kind": "sms", "key": key}

    return Status(*_answer(api_idempotent(request, run=run)))


@router.post(
    "/query-code/recover", response={202: DetailOut}, summary="找回查询码（新查询码以短信发送到办件登记的手机）"
)
def recover(request, data: RecoverIn):
    def run() -> tuple[int, dict]:
        if data.tracking_number.strip():
            recover_query_code(tracking_number=data.tracking_number, client=client_key(request))
        elif data.phone.strip():
            send_tracking_numbers(phone=data.phone, client=client_key(request))
        else:
            raise InvalidInput(_("请填写办件编号或手机号码"), field="tracking_number")
        return 202, {"detail": neutral_message()}

    return Status(*_answer(api_idempotent(request, run=run)))

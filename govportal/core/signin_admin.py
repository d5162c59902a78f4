"""The staff side of sign-in in the Wagtail admin (docs/security.md "Staff sign-in"):

- ``/admin/2fa/setup/`` — enrol a TOTP authenticator: the QR code and the secret, then one
  code from the app to confirm it;
- ``/admin/2fa/verify/`` — the code asked once per session after the password;
- ``/admin/signin-log/`` — the sign-in log (successes, failures, lockouts) for the
  information office (superusers) only.

Thin views: the device rows are django-otp's (`TOTPDevice`, with its own throttling of wrong
codes); the log rows are django-axes'.
"""

from __future__ import annotations

import base64
import ipaddress

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from wagtail import hooks
from wagtail.admin.menu import MenuItem

import segno
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from govportal.core import access
from govportal.core.signin import is_staff_account


class TokenForm(forms.Form):
    token = forms.CharField(
        label="动态验证码",
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*", "autofocus": True}
        ),
        help_text="身份验证器应用（如微信小程序“腾讯身份验证器”、Google Authenticator、FreeOTP）显示的 6 位数字。",
    )

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit():
            raise forms.ValidationError("动态验证码只含数字。")
        return token


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _staff_only(request) -> None:
    if not is_staff_account(request.user):
        raise PermissionDenied


@never_cache
@sensitive_post_parameters("token")
def setup(request):
    """Enrol a device. One pending (unconfirmed) device per person; it is confirmed by the
    first right code, which also passes the second factor for this session."""
    _staff_only(request)
    user = request.user
    if user_has_device(user, confirmed=True) and not user.is_verified():
        return redirect(f"{reverse('govportal_2fa_verify')}?next={_next(request)}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="身份验证器", confirmed=False)
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        allowed, _info = device.verify_is_allowed()
        if form.is_valid() and not allowed:
            form.add_error("token", "验证码错误次数过多，请稍候片刻再试。")
        elif form.is_valid() and device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            # A new phone replaces the old one: only the device just confirmed stays.
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            otp_login(request, device)
            return redirect(_next(request))
        elif form.is_valid():
            form.add_error("token", "动态验证码不正确，请核对手机时间后输入最新的验证码。")
        status = 400
    secret_b32 = base64.b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m")
    return TemplateResponse(
        request,
        "core/signin/2fa_setup.html",
        {
            "form": form,
            "qr_svg": qr.svg_inline(scale=5, border=2, title="扫码添加到身份验证器"),
            "secret": " ".join(secret_b32[i : i + 4] for i in range(0, len(secret_b32), 4)),
            "next": _next(request),
            "has_device": user_has_device(user, confirmed=True),
        },
        status=status,
    )


@never_cache
@sensitive_post_parameters("token")
def verify(request):
    """The second step of a staff sign-in. Wrong codes are throttled by django-otp (each
    failure doubles the wait before the device accepts another)."""
    _staff_only(request)
    user = request.user
    devices = list(TOTPDevice.objects.devices_for_user(user, confirmed=True))
    if not devices:
        return redirect(f"{reverse('govportal_2fa_setup')}?next={_next(request)}")
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            for device in devices:
                allowed, _info = device.verify_is_allowed()
                if not allowed:
                    form.add_error("token", "验证码错误次数过多，请稍候片刻再试。")
                    break
                if device.verify_token(form.cleaned_data["token"]):
                    otp_login(request, device)
                    return redirect(_next(request))
            else:
                form.add_error("token", "动态验证码不正确。")
        status = 400
    return TemplateResponse(
        request, "core/signin/2fa_verify.html", {"form": form, "next": _next(request)}, status=status
    )


def signin_log(request):
    """登录日志 — sign-ins, failures and lockouts, newest first; superusers only."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    if not access.may_read_signin_log(request.user):
        raise PermissionDenied
    kind = request.GET.get("kind", "failures")
    query = request.GET.get("q", "").strip()[:150]
    if kind == "signins":
        rows = AccessLog.objects.order_by("-attempt_time")
    elif kind == "locked":
        rows = AccessAttempt.objects.order_by("-attempt_time")
    else:
        kind = "failures"
        rows = AccessFailureLog.objects.order_by("-attempt_time")
    if query:
        rows = rows.filter(ip_address=query) if _is_ip(query) else rows.filter(username__icontains=query)
    page = Paginator(rows.only(*_LOG_FIELDS[kind]), 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "core/signin/log.html",
        {"kind": kind, "q": query, "page_obj": page, "rows": page.object_list},
    )


_LOG_FIELDS = {
    "signins": ("username", "ip_address", "user_agent", "attempt_time", "logout_time", "path_info"),
    "failures": ("username", "ip_address", "user_agent", "attempt_time", "locked_out", "path_info"),
    "locked": ("username", "ip_address", "user_agent", "attempt_time", "failures_since_start", "path_info"),
}


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


@hooks.register("register_admin_urls")
def urls():
    return [
        path("2fa/setup/", setup, name="govportal_2fa_setup"),
        path("2fa/verify/", verify, name="govportal_2fa_verify"),
        path("signin-log/", signin_log, name="govportal_signin_log"),
    ]


class _SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_read_signin_log(request.user)


@hooks.register("register_settings_menu_item")
def signin_log_menu_item():
    return _SuperuserMenuItem("登录日志", reverse("govportal_signin_log"), icon_name="key", order=950)


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("govportal_2fa_setup"),
        "label": "双因素认证（身份验证器）",
        "help_text": "绑定手机上的身份验证器应用，登录时输入其动态验证码。",
    }

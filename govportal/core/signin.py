"""Sign-in defences (issue 16, docs/security.md "Staff sign-in").

- Lockout with back-off (django-axes): the callables below give axes the client address
  (behind our own nginx, its X-Real-IP), the attempted account, the cool-off — doubled for
  every further round of ``LOGIN_FAILURE_LIMIT`` failures of the account or the client within
  a day — and the Chinese 429 page.
- Staff sessions: `StaffSessionMiddleware` ends a staff session after
  ``STAFF_SESSION_IDLE_MINUTES`` without a request and ``STAFF_SESSION_MAX_HOURS`` after sign-in.
- Second factor: `StaffTwoFactorMiddleware` sends a staff member who has not passed TOTP in
  this session to the verify page (a device enrolled) or the setup page (none, and
  ``STAFF_2FA_REQUIRED`` on) before any admin page.

"Staff" is anyone who can open the admin (`is_staff_account`); citizens are never asked for
a second factor and keep Django's session length.
"""

from __future__ import annotations

import ipaddress
import time
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.db.models import Sum
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from govportal.core.access import may_open_admin
from govportal.core.cases.views import client_key
from govportal.core.errors import GovPortalError

# Paths where a signed-in staff member works as staff: the Wagtail admin and Django's admin.
STAFF_PREFIXES = ("/admin/", "/django-admin/")
# Pages a staff member may reach before passing the second factor.
_OPEN_BEFORE_2FA = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "govportal_2fa_setup",
    "govportal_2fa_verify",
    "admin:login",
    "admin:logout",
    "admin:jsi18n",
}
_SESSION_SIGNED_IN = "_gp_staff_signed_in_at"


def is_staff_account(user) -> bool:
    """May open the admin: the information office (superusers), Django staff, and every
    agency editor, reviewer or clerk (Wagtail's ``access_admin`` through their group)."""
    return may_open_admin(user)


# --- django-axes callables ---------------------------------------------------------------


def client_ip(request) -> str | None:
    """The client of a sign-in, as the rate limits see it (our nginx's X-Real-IP); None when
    there is no address (a sign-in made in code, e.g. `force_login`): axes stores it in an
    IP-address column, which PostgreSQL checks."""
    key = client_key(request)
    try:
        ipaddress.ip_address(key)
    except ValueError:
        return None
    return key


def attempted_username(request, credentials) -> str | None:
    """The account tried, normalised so that "Admin " and "admin" count as one account."""
    name = (credentials or {}).get("username")
    if name is None and request is not None:
        name = request.POST.get("username")
    if not name:
        return None
    return str(name).strip().lower()[:150] or None


def _account_failures(username: str | None) -> int:
    from axes.models import AccessAttempt

    if not username:
        return 0
    live = AccessAttempt.objects.filter(username=username, expiration__expires_at__gt=timezone.now())
    return live.aggregate(n=Sum("failures_since_start"))["n"] or 0


def failure_limit(request, credentials) -> int:
    """Axes compares one number — the larger of the account's and the client's failures —
    with one limit. Two limits in that one comparison: the account's (LOGIN_FAILURE_LIMIT)
    once the account has reached it, otherwise the client's (LOGIN_CLIENT_FAILURE_LIMIT,
    higher), so that 5 typos lock the account everywhere but one office address is locked
    only after 30."""
    account = settings.GOVPORTAL_LOGIN_FAILURE_LIMIT
    username = attempted_username(request, credentials) if request is not None else None
    if _account_failures(username) >= account:
        return account
    return max(settings.GOVPORTAL_LOGIN_CLIENT_FAILURE_LIMIT, account)


def lockout_cool_off(request=None) -> timedelta:
    """How long a locked-out account or client waits: LOGIN_LOCKOUT_MINUTES after the first
    round of failures, doubled for every further round within 24 hours (counted per account
    and per client address, the larger), at most LOGIN_LOCKOUT_MAX_HOURS."""
    from axes.models import AccessFailureLog

    base = timedelta(minutes=settings.GOVPORTAL_LOGIN_LOCKOUT_MINUTES)
    cap = timedelta(hours=settings.GOVPORTAL_LOGIN_LOCKOUT_MAX_HOURS)
    if request is None:
        return base
    username = attempted_username(request, None)
    address = getattr(request, "axes_ip_address", None) or client_ip(request)
    since = timezone.now() - timedelta(hours=24)
    recent = AccessFailureLog.objects.filter(attempt_time__gte=since)
    # +1: axes asks while recording a failure, before that failure is in the log, and the
    # attempt's expiry is set from that answer; counting it keeps the expiry and the 429's
    # Retry-After in step (a lockout check between failures gets the same round).
    by_client = recent.filter(ip_address=address).count() + 1
    rounds = by_client // max(settings.GOVPORTAL_LOGIN_CLIENT_FAILURE_LIMIT, 1)
    if username:
        by_account = recent.filter(username=username).count() + 1
        rounds = max(rounds, by_account // max(settings.GOVPORTAL_LOGIN_FAILURE_LIMIT, 1))
    return min(base * (2 ** max(rounds - 1, 0)), cap)


class _TooManyFailures(GovPortalError):
    status_code = 429


def lockout_response(request, original_response=None, credentials=None):
    minutes = max(1, int(lockout_cool_off(request).total_seconds() // 60))
    error = _TooManyFailures(f"登录失败次数过多，该账号或本机的登录已暂停，请 {minutes} 分钟后再试。")
    response = render(request, "error.html", {"page": None, "error": error, "status": 429}, status=429)
    response["Cache-Control"] = "private, no-store"
    response["Retry-After"] = str(minutes * 60)
    return response


# --- Staff sessions and the second factor ------------------------------------------------


def _staff_path(path: str) -> bool:
    return path.startswith(STAFF_PREFIXES)


def _login_url(path: str) -> str:
    return reverse("admin:login") if path.startswith("/django-admin/") else reverse("wagtailadmin_login")


class StaffSessionMiddleware:
    """Idle and absolute expiry of staff sessions. A staff session's cookie lasts only the
    idle time and is renewed by each request (sliding); an expired one is signed out and
    sent to the sign-in page with a message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and is_staff_account(user):
            now = int(time.time())
            signed_in = request.session.get(_SESSION_SIGNED_IN)
            if signed_in is None:
                request.session[_SESSION_SIGNED_IN] = signed_in = now
            if now - signed_in > settings.GOVPORTAL_STAFF_SESSION_MAX_HOURS * 3600:
                logout(request)
                if _staff_path(request.path_info):
                    from django.contrib import messages

                    messages.warning(request, "登录已超过最长时限，请重新登录。")
                    return redirect(f"{_login_url(request.path_info)}?{urlencode({'next': request.get_full_path()})}")
            else:
                # Renewed on every request: the session ends after this many idle seconds.
                request.session.set_expiry(settings.GOVPORTAL_STAFF_SESSION_IDLE_MINUTES * 60)
        return self.get_response(request)


class StaffTwoFactorMiddleware:
    """Before any admin page, a staff member passes TOTP in this session: the verify page
    when a device is enrolled, the setup page when none is and ``STAFF_2FA_REQUIRED`` is on
    (production). With it off (the embedded demo), staff without a device go straight in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        target = self._target(request)
        if target is not None:
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _target(self, request) -> str | None:
        user = getattr(request, "user", None)
        if not _staff_path(request.path_info) or user is None or not is_staff_account(user):
            return None
        if user.is_verified():
            return None
        try:
            if resolve(request.path_info).view_name in _OPEN_BEFORE_2FA:
                return None
        except Resolver404:
            return None
        from django_otp import user_has_device

        if user_has_device(user, confirmed=True):
            return "govportal_2fa_verify"
        if settings.GOVPORTAL_STAFF_2FA_REQUIRED:
            return "govportal_2fa_setup"
        return None

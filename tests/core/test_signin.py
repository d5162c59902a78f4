"""Sign-in that resists guessing (issue 16, point 2), through HTTP: lockout with back-off per
account and per client, TOTP for staff (enforced and optional), staff kept to the admin
sign-in, Django's password validators for citizens, staff session expiry, and the sign-in
log the information office reads."""

from __future__ import annotations

import base64
import re
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from govportal.core.models import AgencyKind, Role, User

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/"
CITIZEN_LOGIN = "/banshi/denglu/"
PASSWORD = "demo-pass-123"  # make_staff's


@pytest.fixture
def agency(make_agency):
    from tests.conftest import ensure_wagtail_base

    ensure_wagtail_base()
    return make_agency(AgencyKind.DEPARTMENT)


@pytest.fixture
def editor(agency, make_staff):
    return make_staff(agency, Role.EDITOR)


@pytest.fixture
def citizen(db):
    return User.objects.create_user(username="13800138000", password="qingshan-river-42", last_name="张三")


def admin_login(client, username, password, *, ip="198.51.100.7", next_url="/admin/"):
    return client.post(ADMIN_LOGIN, {"username": username, "password": password, "next": next_url}, REMOTE_ADDR=ip)


def citizen_login(client, username, password, *, ip="198.51.100.7"):
    return client.post(CITIZEN_LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def totp_now(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = timezone.now().timestamp()
    return f"{totp.token():0{device.digits}d}"


# --- lockout ---------------------------------------------------------------------------


def test_the_admin_sign_in_speaks_plain_chinese(client, editor):
    page = client.get(ADMIN_LOGIN).content.decode()
    assert "请输入用户名" in page and "请输入密码" in page and "Password" not in page
    wrong = admin_login(client, editor.username, "wrong-guess").content.decode()
    assert "用户名或密码不正确，请重试。" in wrong and "用户 用户名" not in wrong


def test_after_the_failure_limit_the_right_password_no_longer_opens_the_admin(client, editor, settings):
    for _ in range(settings.GOVPORTAL_LOGIN_FAILURE_LIMIT - 1):
        assert admin_login(client, editor.username, "wrong-guess").status_code == 200  # form again
    assert admin_login(client, editor.username, "wrong-guess").status_code == 429  # the limit reached
    response = admin_login(client, editor.username, PASSWORD)
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode() and "15 分钟" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Once the cool-off has passed, the right password works again.
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert admin_login(client, editor.username, PASSWORD).status_code == 302


def test_the_account_is_locked_for_every_client_and_the_client_for_every_account(client, editor, citizen, settings):
    for n in range(settings.GOVPORTAL_LOGIN_FAILURE_LIMIT):
        admin_login(client, editor.username, "wrong-guess", ip=f"203.0.113.{n + 1}")  # spread over addresses
    assert admin_login(Client(), editor.username, PASSWORD, ip="192.0.2.99").status_code == 429  # per account
    for n in range(settings.GOVPORTAL_LOGIN_CLIENT_FAILURE_LIMIT):
        citizen_login(client, f"139000{n:05d}", "wrong-guess", ip="192.0.2.50")  # many accounts, one client
    assert citizen_login(Client(), citizen.username, "qingshan-river-42", ip="192.0.2.50").status_code == 429
    assert citizen_login(Client(), citizen.username, "qingshan-river-42", ip="192.0.2.51").status_code == 302


def test_one_clerks_typos_do_not_lock_out_the_office_behind_the_same_address(client, editor, citizen, settings):
    office = "198.51.100.20"  # every clerk of an agency signs in from its one address
    for _ in range(settings.GOVPORTAL_LOGIN_FAILURE_LIMIT):
        admin_login(client, editor.username, "wrong-guess", ip=office)
    assert admin_login(Client(), editor.username, PASSWORD, ip=office).status_code == 429  # that account
    assert citizen_login(Client(), citizen.username, "qingshan-river-42", ip=office).status_code == 302  # others


def test_lockout_backs_off_doubling_for_each_further_round_of_failures(client, citizen, settings):
    limit = settings.GOVPORTAL_LOGIN_FAILURE_LIMIT
    start = timezone.now()
    waits = []
    for round_ in range(3):
        with time_machine.travel(start + timedelta(hours=round_ * 3), tick=False):
            for _ in range(limit):
                citizen_login(client, citizen.username, "wrong-guess")
            response = citizen_login(client, citizen.username, "qingshan-river-42")
            assert response.status_code == 429
            waits.append(int(response["Retry-After"]))
    assert waits == [15 * 60, 30 * 60, 60 * 60]


def test_a_longer_lockout_is_not_lifted_by_someone_elses_failure(client, citizen, settings):
    """Another client's failed sign-in cleans up expired attempts; it must not take a
    backed-off (30-minute) lockout with it after the base 15 minutes."""
    limit = settings.GOVPORTAL_LOGIN_FAILURE_LIMIT
    start = timezone.now()
    for round_ in range(2):
        with time_machine.travel(start + timedelta(hours=round_ * 3), tick=False):
            for _ in range(limit):
                citizen_login(client, citizen.username, "wrong-guess")
    with time_machine.travel(start + timedelta(hours=3, minutes=20), tick=False):
        citizen_login(Client(), "13700000000", "wrong-guess", ip="192.0.2.77")
        assert citizen_login(Client(), citizen.username, "qingshan-river-42", ip="192.0.2.78").status_code == 429
    # The refused try at 3:20 was one more failure during the lockout: 30 minutes from then.
    with time_machine.travel(start + timedelta(hours=3, minutes=51), tick=False):
        assert citizen_login(Client(), citizen.username, "qingshan-river-42", ip="192.0.2.78").status_code == 302


def test_thirty_wrong_passwords_leave_the_account_locked(client, citizen):
    for _ in range(30):
        citizen_login(client, citizen.username, "wrong-guess")
    assert citizen_login(client, citizen.username, "qingshan-river-42").status_code == 429


# --- staff only through the admin sign-in -----------------------------------------------


def test_staff_cannot_sign_in_on_the_citizen_page_and_learn_nothing_from_it(client, editor, citizen):
    staff = citizen_login(client, editor.username, PASSWORD)
    wrong = citizen_login(Client(), citizen.username, "not-the-password")
    assert staff.status_code == wrong.status_code == 400
    assert "_auth_user_id" not in client.session
    text = staff.content.decode()
    assert "手机号码或密码不正确" in text and "工作人员请从管理后台登录" in text
    assert citizen_login(Client(), citizen.username, "qingshan-river-42").status_code == 302


# --- password validators ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("12345678", "这个密码太常见了"),
        ("password", "这个密码太常见了"),
        ("83920174", "密码只包含数字"),
        ("abc12", "8"),
    ],
)
def test_citizen_sign_up_refuses_weak_passwords_in_chinese(client, password, message):
    response = client.post(
        reverse("servicehall:signup"), {"phone": "13912345678", "name": "李四", "password": password}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.filter(username="13912345678").exists()


def test_citizen_sign_up_with_a_good_password_signs_in(client):
    response = client.post(
        reverse("servicehall:signup"), {"phone": "13912345678", "name": "李四", "password": "qingshan-river-42"}
    )
    assert response.status_code == 302 and client.session.get("_auth_user_id")


# --- second factor ----------------------------------------------------------------------------


def test_enforced_2fa_sends_staff_to_setup_then_the_code_opens_the_admin(client, editor, settings):
    settings.GOVPORTAL_STAFF_2FA_REQUIRED = True
    response = admin_login(client, editor.username, PASSWORD)
    assert response.status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("govportal_2fa_setup"))
    assert client.get("/admin/pages/").status_code == 302  # every admin page, not only the home
    setup = client.get(response["Location"])
    assert setup.status_code == 200
    page = setup.content.decode()
    assert "<svg" in page  # the QR code
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    secret = re.search(r'id="totp-secret">([A-Z2-7= ]+)<', page).group(1).replace(" ", "")
    assert base64.b32decode(secret) == device.bin_key  # the secret shown is the device's
    wrong = f"{(int(totp_now(device)) + 1) % 1_000_000:06d}"
    assert client.post(reverse("govportal_2fa_setup"), {"token": wrong}).status_code == 400
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    with time_machine.travel(timezone.now() + timedelta(seconds=3)):  # django-otp's throttle: 1 s after one failure
        response = client.post(reverse("govportal_2fa_setup"), {"token": totp_now(device), "next": "/admin/pages/"})
        assert response.status_code == 302 and response["Location"] == "/admin/pages/"
        assert TOTPDevice.objects.get(user=editor).confirmed
        assert client.get("/admin/").status_code == 200


def test_enrolled_staff_must_give_the_code_at_every_sign_in_even_when_2fa_is_optional(client, editor, settings):
    settings.GOVPORTAL_STAFF_2FA_REQUIRED = False
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    admin_login(client, editor.username, PASSWORD)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("govportal_2fa_verify"))
    short = client.post(reverse("govportal_2fa_verify"), {"token": "12"})
    assert short.status_code == 400 and "动态验证码" in short.content.decode()
    wrong = f"{(int(totp_now(device)) + 1) % 1_000_000:06d}"
    assert client.post(reverse("govportal_2fa_verify"), {"token": wrong}).status_code == 400
    assert client.get("/admin/").status_code == 302
    with time_machine.travel(timezone.now() + timedelta(seconds=3)):  # django-otp's throttle: 1 s after one failure
        response = client.post(reverse("govportal_2fa_verify"), {"token": totp_now(device), "next": "/admin/"})
        assert response.status_code == 302
        assert client.get("/admin/").status_code == 200


def test_optional_2fa_lets_staff_without_a_device_in_and_never_asks_citizens(client, editor, citizen, settings):
    settings.GOVPORTAL_STAFF_2FA_REQUIRED = False
    admin_login(client, editor.username, PASSWORD)
    assert client.get("/admin/").status_code == 200
    settings.GOVPORTAL_STAFF_2FA_REQUIRED = True
    other = Client()
    citizen_login(other, citizen.username, "qingshan-river-42")
    assert other.get(reverse("servicehall:mine")).status_code == 200


def test_the_verify_page_does_not_redirect_to_another_site(client, editor, settings):
    settings.GOVPORTAL_STAFF_2FA_REQUIRED = True
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    admin_login(client, editor.username, PASSWORD)
    response = client.post(
        reverse("govportal_2fa_verify"), {"token": totp_now(device), "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


# --- staff sessions ---------------------------------------------------------------------------


def test_a_staff_session_ends_after_the_idle_time_but_not_while_in_use(client, editor, settings):
    settings.GOVPORTAL_STAFF_SESSION_IDLE_MINUTES = 30
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        admin_login(client, editor.username, PASSWORD)
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=25), tick=False):
        assert client.get("/admin/").status_code == 200  # in use: renewed
    with time_machine.travel(start + timedelta(minutes=50), tick=False):
        assert client.get("/admin/").status_code == 200  # 25 minutes idle
    with time_machine.travel(start + timedelta(minutes=81), tick=False):
        response = client.get("/admin/")
        assert response.status_code == 302 and response["Location"].startswith(ADMIN_LOGIN)


def test_a_staff_session_ends_after_the_maximum_however_busy(client, editor, settings):
    settings.GOVPORTAL_STAFF_SESSION_MAX_HOURS = 2
    start = timezone.now()
    for minutes in range(0, 120, 20):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            if minutes == 0:
                admin_login(client, editor.username, PASSWORD)
            assert client.get("/admin/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=125), tick=False):
        response = client.get("/admin/")
        assert response.status_code == 302 and response["Location"].startswith(ADMIN_LOGIN)


def test_a_citizen_session_keeps_djangos_length(client, citizen, settings):
    citizen_login(client, citizen.username, "qingshan-river-42")
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


# --- the sign-in log ----------------------------------------------------------------------------


def test_the_information_office_reads_sign_ins_and_failures_and_staff_cannot(client, editor, agency, make_staff):
    admin_login(Client(), editor.username, "wrong-guess", ip="203.0.113.9")
    admin_login(Client(), editor.username, PASSWORD, ip="203.0.113.10")
    office = User.objects.create_superuser(username="xinxiban", password="office-pass-2026-x")
    client.force_login(office)
    failures = client.get(reverse("govportal_signin_log")).content.decode()
    assert editor.username in failures and "203.0.113.9" in failures
    signins = client.get(reverse("govportal_signin_log"), {"kind": "signins"}).content.decode()
    assert "203.0.113.10" in signins and "203.0.113.9" not in signins
    filtered = client.get(reverse("govportal_signin_log"), {"q": "203.0.113.9"}).content.decode()
    assert "203.0.113.9" in filtered
    staff = Client()
    staff.force_login(make_staff(agency, Role.REVIEWER))
    assert staff.get(reverse("govportal_signin_log")).status_code in (302, 403)

"""The admin sign-in form in plain Chinese. Wagtail's own labels the password field
"Password" (no zh-hans string) and builds its messages from the user model's field name
("用户 用户名 密码不匹配，请重试")."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm


class StaffLoginForm(LoginForm):
    error_messages = {
        **LoginForm.error_messages,
        "invalid_login": _("用户名或密码不正确，请重试。"),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("用户名")
        self.fields["username"].widget.attrs["placeholder"] = _("请输入用户名")
        self.fields["password"].label = _("密码")
        self.fields["password"].widget.attrs["placeholder"] = _("请输入密码")

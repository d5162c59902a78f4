"""The citizen's application form, built from a published `ServiceForm` version, and the
small forms of the hall (rating, citizen sign-up)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from govportal.core import citizen_input
from govportal.core.errors import InvalidInput
from govportal.core.signin import is_staff_account
from govportal.servicehall.models import FieldKind, RatingLevel

RATING_QUESTIONS = [
    ("guide_accurate", _("办事指南是否准确清晰")),
    ("one_visit", _("是否一次办成（最多跑一次）")),
    ("on_time", _("是否在承诺时限内办结")),
    ("staff_attitude", _("工作人员服务态度是否满意")),
    ("online_easy", _("网上申请是否方便")),
]


def _field_for(spec, *, draft: bool) -> forms.Field:
    common = {
        "label": spec.label,
        "help_text": spec.help_text,
        "required": spec.required and not draft,
        "error_messages": {"required": f"请填写“{spec.label}”", "invalid": f"“{spec.label}”格式不正确"},
    }
    kind = spec.kind
    if kind == FieldKind.NUMBER:
        return forms.DecimalField(max_digits=16, decimal_places=4, **common)
    if kind == FieldKind.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if kind == FieldKind.CHOICE:
        return forms.ChoiceField(choices=[("", "—")] + [(c, c) for c in spec.choice_list], **common)
    # ID numbers (with the check digit) and mobile numbers: the one citizen-input module.
    if kind == FieldKind.ID_NUMBER:
        return citizen_input.IdNumberField(**common)
    if kind == FieldKind.PHONE:
        return citizen_input.PhoneField(mobile_only=True, **common)
    if kind == FieldKind.ADDRESS:
        return citizen_input.TextField(
            max_length=200, multiline=True, widget=forms.Textarea(attrs={"rows": 2}), **common
        )
    if kind == FieldKind.FILE:
        common["required"] = False  # checked against stored files in the action
        return forms.FileField(**common)
    return citizen_input.TextField(max_length=500, multiline=True, **common)


class ApplicationForm(forms.Form):
    """Fields of one form version; ``cleaned_values()`` gives JSON-ready data."""

    def __init__(self, *args, service_form, draft: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.specs = list(service_form.fields.all())
        for spec in self.specs:
            self.fields[spec.key] = _field_for(spec, draft=draft)

    @property
    def has_details(self) -> bool:
        return any(s.kind != FieldKind.FILE for s in self.specs)

    @property
    def has_uploads(self) -> bool:
        return any(s.kind == FieldKind.FILE for s in self.specs)

    def values(self) -> dict:
        out = {}
        for spec in self.specs:
            if spec.kind == FieldKind.FILE:
                continue
            value = self.cleaned_data.get(spec.key)
            if value in (None, ""):
                continue
            out[spec.key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
        return out

    def uploads(self) -> dict:
        return {
            s.key: self.cleaned_data[s.key]
            for s in self.specs
            if s.kind == FieldKind.FILE and self.cleaned_data.get(s.key)
        }


class RatingForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("总体评价"), choices=RatingLevel.choices, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("意见建议"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in RATING_QUESTIONS:
            self.fields[key] = forms.ChoiceField(
                label=label, choices=[("yes", _("是")), ("no", _("否"))], widget=forms.RadioSelect, required=True
            )

    def answers(self) -> dict:
        return {key: self.cleaned_data[key] == "yes" for key, _label in RATING_QUESTIONS}


class SignUpForm(forms.Form):
    phone = forms.CharField(
        label=_("手机号码（登录名）"),
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "username"}),
    )
    name = citizen_input.NameField(
        label=_("姓名"), max_length=40, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password = forms.CharField(
        label=_("密码"),
        min_length=8,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("至少8位，不能是纯数字、常见密码或与手机号码、姓名相近。"),
    )

    def clean_phone(self):
        try:
            phone = citizen_input.clean_phone(self.cleaned_data["phone"], label="手机号码", mobile_only=True)
        except InvalidInput as exc:
            raise forms.ValidationError(exc.message) from exc
        if get_user_model().objects.filter(username=phone).exists():
            raise forms.ValidationError(_("该手机号码已注册，请直接登录"))
        return phone

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            # Django's validators (settings.AUTH_PASSWORD_VALIDATORS), messages from its zh-hans
            # catalogue: 12345678 is "这个密码太常见了" and "这个密码全部为数字".
            user = get_user_model()(username=cleaned.get("phone", ""), last_name=cleaned.get("name", ""))
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return cleaned


class CitizenSignInForm(AuthenticationForm):
    """公众登录. Staff accounts sign in through the admin only (with the second factor); here
    they get the same answer as a wrong password, so this page tells nobody which accounts
    are staff or whether a staff password was right."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if is_staff_account(user):
            raise self.get_invalid_login_error()

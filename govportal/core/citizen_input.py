"""Citizen input: the one set of checks for what a citizen types (the letter form and API,
the disclosure request form and API, online applications). One owner, used at every edge.

Plain functions (``clean_*``) take a string and return the normalised value or raise
`InvalidInput` with a Chinese message; the Django form fields (``*Field``) and the
django-ninja schema types (``Api*``) wrap the same functions, so a value refused by the web
form is refused by the API with the same words.

- Free text: control characters removed (NUL, VT, ESC …: they break exports and PostgreSQL
  refuses NUL); line breaks kept only where the field is multi-line; length capped.
- Names: single-line text, at most 50 characters (organisation names 100).
- Phone: a mobile number (+86/0086 allowed) or a landline with its area code and an
  optional extension; spaces, hyphens, dots, brackets and full-width digits accepted.
  ``0000000`` and a number without area code are refused.
- ID number: 18 characters with the GB 11643 check digit and a real date of birth.
- Unified social credit code (统一社会信用代码): 18 characters with the GB 32100-2015
  check character (`clean_credit_code`).
- E-mail: both widths (``＠``, full-width letters) normalised, at most 254 characters.
- Integers from query strings (`parse_int`): ASCII digits only (``²`` is a digit to Python),
  bounded so no database sees an integer it cannot store.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

from govportal.core.errors import InvalidInput

# Length caps shared by forms, API schemas and models.
NAME_MAX = 50
ORG_NAME_MAX = 100
PHONE_MAX = 30
EMAIL_MAX = 254
ID_NUMBER_MAX = 40
# The largest primary key or page number a query string may carry (fits every database).
INT_MAX = 2**31 - 1

# C0 controls except TAB, LF and CR; DEL and C1 controls; surrogates and the two
# non-characters. None may appear in XML 1.0 (so not in an xlsx cell) except the C1 range,
# which no citizen types on purpose.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# Full-width ASCII (！ to ～) and the ideographic space, mapped to their half-width forms.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^[1-9]\d{16}[\dX]$")
_MOBILE = re.compile(r"^(?:\+?86|0086)?(1[3-9]\d{9})$")
_LANDLINE = re.compile(r"^(0[1-9]\d{1,2})-?([2-9]\d{6,7})(?:(?:-|转|ext\.?|#)(\d{1,6}))?$", re.IGNORECASE)
_PHONE_NOISE = re.compile(r"[\s.()（）·]")
_POSTCODE = re.compile(r"^\d{6}$")


def to_half_width(value: str) -> str:
    """Full-width letters, digits and signs (１３９, ＠, ＡＢＣ) as their ASCII forms."""
    return value.translate(_WIDTH)


def strip_controls(value: str, *, multiline: bool = False) -> str:
    """The text without control characters; line breaks become LF (kept only if
    ``multiline``, else a space), tabs a space."""
    value = _LINE_BREAKS.sub("\n", value or "")
    value = _CONTROLS.sub("", value)
    if not multiline:
        value = value.replace("\n", " ")
    return value.replace("\t", " ")


def clean_text(
    value: str | None,
    *,
    label: str,
    max_length: int,
    min_length: int = 0,
    required: bool = True,
    multiline: bool = False,
    field: str | None = None,
) -> str:
    value = strip_controls(value or "", multiline=multiline).strip()
    if not value:
        if required:
            raise InvalidInput(_("请填写%(label)s") % {"label": label}, field=field)
        return ""
    if len(value) > max_length:
        raise InvalidInput(
            _("%(label)s不能超过 %(n)s 个字（现有 %(len)s 个）") % {"label": label, "n": max_length, "len": len(value)},
            field=field,
        )
    if len(value) < min_length:
        raise InvalidInput(_("%(label)s至少 %(n)s 个字") % {"label": label, "n": min_length}, field=field)
    return value


def clean_name(
    value: str | None,
    *,
    label: str = "姓名",
    max_length: int = NAME_MAX,
    required: bool = True,
    field: str | None = None,
) -> str:
    value = clean_text(value, label=label, max_length=max_length, required=required, field=field)
    return re.sub(r"\s{2,}", " ", value)


def clean_phone(
    value: str | None,
    *,
    label: str = "联系电话",
    mobile_only: bool = False,
    required: bool = True,
    field: str | None = None,
) -> str:
    """A mobile number as 11 digits, a landline as ``0731-84567890`` (``-123`` extension)."""
    raw = _PHONE_NOISE.sub("", to_half_width(strip_controls(value or "")))
    if not raw:
        if required:
            raise InvalidInput(_("请填写%(label)s") % {"label": label}, field=field)
        return ""
    if len(raw) <= PHONE_MAX:
        m = _MOBILE.match(raw.replace("-", ""))
        if m:
            return m.group(1)
        m = None if mobile_only else _LANDLINE.match(raw)
        if m:
            return f"{m.group(1)}-{m.group(2)}" + (f"-{m.group(3)}" if m.group(3) else "")
    if mobile_only:
        raise InvalidInput(_("%(label)s应为11位手机号码") % {"label": label}, field=field)
    raise InvalidInput(_("请填写正确的手机号码或带区号的固定电话（如 0731-84567890）"), field=field)


def id_check_digit(first17: str) -> str:
    """GB 11643: the check character of the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def is_valid_id_number(value: str) -> bool:
    value = re.sub(r"\s", "", to_half_width(value or "")).upper()
    if not _ID_SHAPE.match(value):
        return False
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if born > date.today():
        return False
    return id_check_digit(value[:17]) == value[17]


def clean_id_number(
    value: str | None, *, label: str = "身份证号", required: bool = True, field: str | None = None
) -> str:
    """An 18-character resident ID number (spaces and full-width digits accepted)."""
    normalised = re.sub(r"\s", "", to_half_width(strip_controls(value or ""))).upper()
    if not normalised:
        if required:
            raise InvalidInput(_("请填写%(label)s") % {"label": label}, field=field)
        return ""
    if not is_valid_id_number(normalised):
        raise InvalidInput(_("%(label)s不正确，请核对18位身份证号（含校验位）") % {"label": label}, field=field)
    return normalised


_DOCUMENT_NUMBER = re.compile(r"^[0-9A-Za-z()\-]{5,40}$")


def clean_document_number(
    value: str | None, *, label: str = "证件号码", required: bool = True, field: str | None = None
) -> str:
    """The number of an identity document other than the resident ID card (passport,
    unified social credit code, …): letters, digits, brackets and hyphens, 5–40 of them."""
    value = clean_text(
        to_half_width(value or ""), label=label, max_length=ID_NUMBER_MAX, required=required, field=field
    )
    if value and not _DOCUMENT_NUMBER.match(value.replace(" ", "")):
        raise InvalidInput(_("%(label)s不正确，只能包含字母和数字") % {"label": label}, field=field)
    return value


# GB 32100-2015 法人和其他组织统一社会信用代码: 18 characters of this set (no I, O, Z, S, V),
# the last one a check character over the first 17 with these weights (mod 31).
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def credit_code_check_char(first17: str) -> str:
    """GB 32100-2015: the check character of the first 17 characters."""
    total = sum(CREDIT_CODE_CHARS.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def is_valid_credit_code(value: str) -> bool:
    value = re.sub(r"\s", "", to_half_width(value or "")).upper()
    if not _CREDIT_SHAPE.match(value):
        return False
    return credit_code_check_char(value[:17]) == value[17]


def clean_credit_code(
    value: str | None, *, label: str = "统一社会信用代码", required: bool = True, field: str | None = None
) -> str:
    """An 18-character unified social credit code with its GB 32100-2015 check character
    (spaces, lower case and full-width characters accepted)."""
    normalised = re.sub(r"\s", "", to_half_width(strip_controls(value or ""))).upper()
    if not normalised:
        if required:
            raise InvalidInput(_("请填写%(label)s") % {"label": label}, field=field)
        return ""
    if not is_valid_credit_code(normalised):
        raise InvalidInput(_("%(label)s不正确，请核对18位代码（含校验位）") % {"label": label}, field=field)
    return normalised


def clean_email(value: str | None, *, label: str = "电子邮箱", required: bool = False, field: str | None = None) -> str:
    value = to_half_width(strip_controls(value or "")).strip()
    if not value:
        if required:
            raise InvalidInput(_("请填写%(label)s") % {"label": label}, field=field)
        return ""
    if len(value) > EMAIL_MAX:
        raise InvalidInput(_("%(label)s不能超过 %(n)s 个字符") % {"label": label, "n": EMAIL_MAX}, field=field)
    try:
        validate_email(value)
    except ValidationError:
        raise InvalidInput(_("%(label)s格式不正确") % {"label": label}, field=field) from None
    local, _sep, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"


def clean_postcode(value: str | None, *, label: str = "邮政编码", field: str | None = None) -> str:
    value = to_half_width(strip_controls(value or "")).strip()
    if value and not _POSTCODE.match(value):
        raise InvalidInput(_("%(label)s应为6位数字") % {"label": label}, field=field)
    return value


def parse_int(value: Any, *, minimum: int = 0, maximum: int = INT_MAX) -> int | None:
    """An integer from a query string or form, or None: ASCII digits only (``str.isdigit``
    is true for ``²`` and ``٣``, which ``int()`` refuses or reads), within the bounds."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = str(value or "").strip()
        if not text.isascii() or not text.isdigit() or len(text) > 12:
            return None
        number = int(text)
    return number if minimum <= number <= maximum else None


# --- Django form fields ------------------------------------------------------------------
class _CitizenField(forms.CharField):
    """A CharField whose cleaning is one of the functions above."""

    cleaner: Any = None

    def __init__(self, *args, **kwargs):
        self.clean_kwargs = kwargs.pop("clean_kwargs", {})
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        # Django's CharField refuses NUL with an English message; we strip it instead.
        return "" if value in self.empty_values else str(value)

    def validate(self, value):
        pass  # the cleaner decides about empty values too

    def clean(self, value):
        value = self.to_python(value)
        if self.required and not strip_controls(value).strip():
            raise ValidationError(self.error_messages["required"], code="required")
        try:
            value = type(self).cleaner(value, label=str(self.label or ""), required=self.required, **self.clean_kwargs)
        except InvalidInput as exc:
            raise ValidationError(exc.message, code="invalid") from None
        self.run_validators(value)
        return value


class TextField(_CitizenField):
    """Free text: control characters removed, length capped (``max_length``)."""

    def __init__(self, *args, multiline: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.clean_kwargs = {
            "max_length": self.max_length or 5000,
            "min_length": self.min_length or 0,
            "multiline": multiline,
            **self.clean_kwargs,
        }
        self.validators = []  # the length checks are in clean_text, in Chinese

    @staticmethod
    def cleaner(value, **kwargs):
        return clean_text(value, **kwargs)


class NameField(_CitizenField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", NAME_MAX)
        super().__init__(*args, **kwargs)
        self.clean_kwargs = {"max_length": self.max_length, **self.clean_kwargs}
        self.validators = []

    @staticmethod
    def cleaner(value, **kwargs):
        return clean_name(value, **kwargs)


class PhoneField(_CitizenField):
    def __init__(self, *args, mobile_only: bool = False, **kwargs):
        kwargs.setdefault("max_length", PHONE_MAX)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
        super().__init__(*args, **kwargs)
        self.clean_kwargs = {"mobile_only": mobile_only, **self.clean_kwargs}
        self.validators = []

    @staticmethod
    def cleaner(value, **kwargs):
        return clean_phone(value, **kwargs)


class IdNumberField(_CitizenField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", ID_NUMBER_MAX)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off"}))
        super().__init__(*args, **kwargs)
        self.validators = []

    @staticmethod
    def cleaner(value, **kwargs):
        return clean_id_number(value, **kwargs)


class CreditCodeField(_CitizenField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", ID_NUMBER_MAX)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
        super().__init__(*args, **kwargs)
        self.validators = []

    @staticmethod
    def cleaner(value, **kwargs):
        return clean_credit_code(value, **kwargs)


class PostcodeField(_CitizenField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 6)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}))
        super().__init__(*args, **kwargs)
        self.validators = []

    @staticmethod
    def cleaner(value, *, required: bool = False, **kwargs):
        if required and not value.strip():
            raise InvalidInput(_("请填写%(label)s") % {"label": kwargs.get("label", "邮政编码")})
        return clean_postcode(value, **kwargs)


class EmailField(_CitizenField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", EMAIL_MAX)
        kwargs.setdefault("widget", forms.EmailInput(attrs={"autocomplete": "email"}))
        super().__init__(*args, **kwargs)
        self.validators = []

    @staticmethod
    def cleaner(value, **kwargs):
        return clean_email(value, **kwargs)


# --- django-ninja (pydantic) schema types ------------------------------------------------
def _api(cleaner, label: str, **kwargs):
    """A pydantic after-validator running ``cleaner``; its message is shown as it is
    (`govportal.api.errors` maps the ``citizen_input`` error type)."""

    def check(value: str) -> str:
        try:
            return cleaner(value, label=label, **kwargs)
        except InvalidInput as exc:
            raise PydanticCustomError("citizen_input", exc.message) from None

    return AfterValidator(check)


def api_text(label: str, max_length: int, *, required: bool = True, multiline: bool = False, min_length: int = 0):
    """A free-text field of an API schema; ``maxLength`` shows in the OpenAPI document."""
    return Annotated[
        str,
        StringConstraints(max_length=max_length),
        _api(clean_text, label, max_length=max_length, required=required, multiline=multiline, min_length=min_length),
    ]


def api_name(label: str = "姓名", max_length: int = NAME_MAX, *, required: bool = True):
    return Annotated[
        str,
        StringConstraints(max_length=max_length),
        _api(clean_name, label, max_length=max_length, required=required),
    ]


def api_phone(label: str = "联系电话", *, mobile_only: bool = False, required: bool = True):
    return Annotated[
        str,
        StringConstraints(max_length=PHONE_MAX),
        _api(clean_phone, label, mobile_only=mobile_only, required=required),
    ]


def api_email(label: str = "电子邮箱", *, required: bool = False):
    return Annotated[str, StringConstraints(max_length=EMAIL_MAX), _api(clean_email, label, required=required)]


def api_key(max_length: int = 64):
    """An identifier (slug, code, choice key): plain, short."""
    return Annotated[str, StringConstraints(max_length=max_length)]

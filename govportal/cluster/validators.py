"""Validators for site registry data (STANDARDS §2)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Province-level division codes (GB/T 2260): the first two digits of a local site's code.
PROVINCE_CODES = frozenset(
    [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54]
    + [61, 62, 63, 64, 65, 71, 81, 82]
)

_LOCAL = re.compile(r"^\d{10}$")
_MINISTRY = re.compile(r"^bm\d{8}$")


def validate_site_code(value: str) -> None:
    """网站标识码: 10 digits for local sites (6-digit division code + 4-digit serial),
    or ``bm`` + 8 digits for State Council departments."""
    if _MINISTRY.match(value):
        return
    if not _LOCAL.match(value):
        raise ValidationError(
            _("网站标识码应为10位数字（地方网站）或 bm 加8位数字（国务院部门网站）。"), code="site_code_format"
        )
    if int(value[:2]) not in PROVINCE_CODES:
        raise ValidationError(_("网站标识码前6位应为有效的行政区划代码。"), code="site_code_division")
    if value[6:] == "0000":
        raise ValidationError(_("网站标识码后4位顺序号不能为0000。"), code="site_code_serial")


# 党政机关网站标识 (the mark registered with the 开办网 of the State Commission Office for
# Public Sector Reform): a site shows it only with the code it was issued, linked to the
# registry's own verification page.
CONAC_VERIFY_URL = "https://bszs.conac.cn/sitename?method=show&id="
_CONAC = re.compile(r"^[0-9A-Za-z]{8,64}$")


def validate_conac_code(value: str) -> None:
    """党政机关网站标识编号: the code issued on registration (letters and digits)."""
    if not _CONAC.match(value):
        raise ValidationError(_("党政机关网站标识编号应为注册时颁发的8至64位字母或数字。"), code="conac_code_format")

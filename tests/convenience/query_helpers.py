"""Helpers of the 公共查询 tests: systems made as a utility would configure
them, tables as CSV bytes, the form's CAPTCHA solved as a test may."""

from __future__ import annotations

import csv
import io
import re

from captcha.models import CaptchaStore

from govportal.convenience import actions
from govportal.convenience.models import FieldMask, QueryField, QuerySource, QuerySystem

WATER_HEADER = ["户号", "户主姓氏", "户主", "联系电话", "账期", "应缴金额（元）"]
WATER_ROWS = [
    ["SL20260001", "王", "王建国", "13912345678", "2026-10", "37.80"],
    ["SL20260001", "王", "王建国", "13912345678", "2026-11", "72.45"],
    ["SL20260002", "李", "李秀英", "13800001111", "2026-11", "18.90"],
]
CUTS_HEADER = ["乡镇（街道）", "停电时间", "停电范围"]
CUTS_ROWS = [
    ["青山镇", "2026-12-10 08:00", "青山大道沿线"],
    ["青山镇", "2026-12-12 22:00", "工业园"],
    ["白沙镇", "2026-12-11 09:00", "集镇"],
]


def table(header, rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    return out.getvalue().encode("utf-8-sig")


def water_system(agency, *, slug="shuifei", source=QuerySource.UPLOAD, published=True, **fields) -> QuerySystem:
    system = QuerySystem.objects.create(
        agency=agency,
        name="水费查询",
        slug=slug,
        provider="示例市自来水有限公司",
        is_personal=True,
        source=source,
        is_published=published,
        **fields,
    )
    for i, (column, asked, shown, mask) in enumerate(
        [
            ("户号", True, True, FieldMask.TAIL4),
            ("户主姓氏", True, False, FieldMask.NONE),
            ("户主", False, True, FieldMask.NAME),
            ("联系电话", False, True, FieldMask.PHONE),
            ("账期", False, True, FieldMask.NONE),
            ("应缴金额（元）", False, True, FieldMask.NONE),
        ]
    ):
        QueryField.objects.create(system=system, column=column, asked=asked, shown=shown, mask=mask, sort_order=i)
    return system


def cuts_system(agency, *, slug="tingdian") -> QuerySystem:
    system = QuerySystem.objects.create(
        agency=agency,
        name="计划停电查询",
        slug=slug,
        provider="国网示例市供电公司",
        is_personal=False,
        is_published=True,
    )
    for i, (column, asked) in enumerate([("乡镇（街道）", True), ("停电时间", False), ("停电范围", False)]):
        QueryField.objects.create(system=system, column=column, asked=asked, shown=True, sort_order=i)
    return system


def load(system, header, rows, name="data.csv"):
    result = actions.query_data_import(system=system, data=table(header, rows), file_name=name, source=system.source)
    assert result.ok, result.message
    return result


def solved(html: str) -> dict:
    """The CAPTCHA fields of a query form, answered."""
    key = re.search(r'name="captcha_key" value="([^"]+)"', html).group(1)
    return {"captcha_key": key, "captcha_answer": CaptchaStore.objects.get(hashkey=key).response}

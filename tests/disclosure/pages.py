"""One page of every public page type of 政府信息公开, for the browser suite's ``site_pages``
(axe, phone, 关怀版 and 繁體 checks): (name, "portal" | "dept", path)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.utils import timezone

from govportal.core.models import User
from govportal.disclosure import actions
from govportal.disclosure.choices import Category, DocKind, Outcome, Validity
from tests.disclosure.conftest import applicant, publish_document


def disclosure_pages(cluster) -> list[tuple[str, str, str]]:
    edu_home, edu = cluster["homes"]["edu"], cluster["agencies"]["edu"]
    new = publish_document(edu_home, "示例市中小学学籍管理办法（2026年修订）", doc_kind=DocKind.NORMATIVE)
    old = publish_document(
        edu_home, "示例市中小学学籍管理办法", doc_kind=DocKind.NORMATIVE, document_number="示教发〔2020〕5号"
    )
    old.validity, old.validity_date, old.replaced_by = Validity.REPEALED, timezone.localdate(), new
    old.save_revision().publish()
    publish_document(edu_home, "《示例市中小学学籍管理办法》政策解读", category=Category.INTERPRETATION, interprets=new)
    office = User.objects.create(username="e2e_xxb", is_superuser=True, agency=cluster["agencies"]["city"])
    req, code = actions.disclosure_request_submit(agency=edu, data=applicant())
    actions.disclosure_request_confirm_receipt(req=req, actor=office)
    actions.disclosure_request_reply(req=req, actor=office, outcome=Outcome.DISCLOSED, reply_text="见附件。")
    year = timezone.localdate().year - 1
    report = actions.annual_report_save(agency=edu, year=year, actor=office, data={"overview": "全年依法公开。"})
    actions.annual_report_publish(report=report, actor=office)
    number = req.case.tracking_number
    return [
        ("disclosure-catalogue", "dept", "/xxgk/"),
        ("disclosure-document", "dept", urlsplit(old.full_url).path),
        ("disclosure-guide", "dept", "/xxgk/zn/"),
        ("disclosure-city-catalogue", "portal", "/zwgk/"),
        ("disclosure-request-form", "portal", "/zwgk/apply/"),
        ("disclosure-request-status", "portal", f"/zwgk/query/?tracking_number={number}&query_code={code}"),
        ("disclosure-annual-report", "portal", f"/zwgk/nianbao/{edu.code}/{year}/"),
    ]

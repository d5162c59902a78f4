"""The result delivered online: 准予/不予行政许可决定书 (or 不予受理通知书) as PDF."""

from __future__ import annotations

from django.utils import timezone

from govportal.core.errors import NotFound
from govportal.core.pdf import Letter, render_letter
from govportal.servicehall import workflow
from govportal.servicehall.models import Application, Decision


def result_pdf(app: Application) -> bytes:
    case = app.case
    if case is None or case.state not in workflow.COMPLETED_STATES | {workflow.State.REFUSED}:
        raise NotFound("办件尚未办结，暂无结果文书")
    item, agency = app.item, app.item.agency
    done = timezone.localtime(app.completed_at) if app.completed_at else timezone.localtime()
    table = [("办件编号", case.tracking_number), ("申请事项", item.name), ("申请人", app.applicant_name)]
    table += [
        (f"{t.agency.short_name}（{t.get_role_display()}）", f"{t.get_decision_display()} {t.opinion}".strip())
        for t in app.tasks.select_related("agency")
    ]
    if case.state == workflow.State.APPROVED:
        title, paragraphs = (
            "准予行政许可决定书",
            [
                f"你（单位）于 {timezone.localtime(app.submitted_at):%Y-%m-%d} 提出的“{item.name}”申请，"
                "经审查，符合法定条件和标准，根据有关规定，决定准予许可。",
            ],
        )
        number = app.result_number
    elif case.state == workflow.State.DENIED:
        title, number = "不予行政许可决定书", ""
        paragraphs = [f"你（单位）提出的“{item.name}”申请，经审查，决定不予许可。理由：{app.decision_reason}"]
    else:
        title, number = "不予受理通知书", ""
        paragraphs = [f"你（单位）提出的“{item.name}”申请，决定不予受理。理由：{app.decision_reason}"]
    closing = (
        []
        if case.state == workflow.State.APPROVED
        else ["如不服本决定，可以自收到本决定之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。"]
    )
    letter = Letter(
        title=title,
        document_number=number,
        recipient=f"{app.applicant_name}：",
        paragraphs=paragraphs,
        table=table,
        closing=closing,
        issuer=agency.name,
        date_text=f"{done:%Y年%m月%d日}",
        footer=f"办件编号 {case.tracking_number}，可在网上办事大厅凭查询码核验。",
    )
    return render_letter(letter)


def any_denied(app: Application) -> bool:
    return app.tasks.filter(decision=Decision.DENIED).exists()

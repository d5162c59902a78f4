"""Public pages of 互动交流 for the browser suite's `site_pages` (axe, phone, 关怀版, 繁體)."""

from __future__ import annotations

from govportal.core.models import Agency, Role
from govportal.interaction import actions
from govportal.interaction.models import Category, FaqEntry, Mailbox, MailboxCategory, MailboxKind


def interaction_pages(base: str) -> list[tuple[str, str]]:
    from tests.interaction.conftest import _staff

    city = Agency.objects.get(code="C0001")
    mayor = Mailbox.objects.create(
        kind=MailboxKind.MAYOR, name="市长信箱", slug="szxx", agency=city, triage_agency=city
    )
    MailboxCategory.objects.create(mailbox=mayor, category=Category.CONSULT, reply_days=5)
    MailboxCategory.objects.create(mailbox=mayor, category=Category.COMPLAIN, reply_days=10)
    clerk, reviewer = _staff(city, Role.EDITOR, "e2e_city_clerk"), _staff(city, Role.REVIEWER, "e2e_city_reviewer")
    letter, _ = actions.letter_submit(
        mailbox=mayor,
        category=Category.CONSULT,
        title="老旧小区加装电梯补贴咨询",
        content="请问老旧小区加装电梯有补贴吗？我住人民路88号3栋，电话13812345678。",
        name="张三",
        phone="13812345678",
        may_publish=True,
    )
    actions.letter_accept(letter=letter, actor=clerk, assign_to=city)
    actions.letter_submit_reply(
        letter=letter, actor=clerk, text="您好！符合条件的老旧小区加装电梯可申请补贴，详见住建局办事指南。"
    )
    actions.letter_approve_reply(letter=letter, actor=reviewer, publish=True)
    FaqEntry.objects.create(
        agency=city, topic="城市更新", question="加装电梯补贴怎么申请？", answer="向所在街道提出申请。"
    )
    return [
        ("hudong-index", f"{base}/hudong/"),
        ("mailbox", f"{base}/hudong/szxx/"),
        ("letter-write", f"{base}/hudong/szxx/xiexin/"),
        ("letter-answered", f"{base}/hudong/xin/{letter.case.tracking_number}/"),
        ("letter-status", f"{base}/hudong/chaxun/"),
        ("letter-stats", f"{base}/hudong/tongji/"),
        ("faq-list", f"{base}/hudong/rdjd/"),
    ]

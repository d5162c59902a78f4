"""Demo data of 互动交流, loaded by `govportal.demo.loader` after the cluster.

Mailboxes (书记/市长/公众监督信箱, 网上咨询, 我为政府网站找错, one per department and township),
~75 letters in every state through the real actions — each written and handled at a
plausible past moment (the clock is set per step, so tracking numbers, events and due
dates agree) — some overdue, some reopened after an "unresolved" rating, published
answers, reply templates and a FAQ of 100+ entries. Deterministic (``builder.rng``).
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest import mock

from django.utils import timezone

from govportal.core.cases.actions import cases_sweep_overdue
from govportal.core.models import Role
from govportal.demo import registry
from govportal.interaction import actions
from govportal.interaction.models import (
    Category,
    FaqEntry,
    Mailbox,
    MailboxCategory,
    MailboxKind,
    ReplyTemplate,
)
from govportal.interaction.workflow import LetterState as S

LEADER_BOXES = [
    (MailboxKind.SECRETARY, "书记信箱", "sjxx", "市委书记信箱受理群众对全市经济社会发展的意见建议和反映的问题。"),
    (MailboxKind.MAYOR, "市长信箱", "szxx", "市长信箱受理咨询、建议、投诉、举报和表扬，由市政府办公室分办。"),
    (MailboxKind.SUPERVISION, "公众监督信箱", "jdxx", "对政府部门及其工作人员的工作作风、服务质量进行监督。"),
    (MailboxKind.CONSULTATION, "网上咨询", "zxzx", "政策咨询、办事咨询，一般在5个工作日内答复。"),
    (
        MailboxKind.ERROR_REPORT,
        "我为政府网站找错",
        "zc",
        "发现网站内容错误、链接不可用、信息不更新等问题，请告诉我们。",
    ),
]
LIMITS = {Category.CONSULT: 5, Category.SUGGEST: 15, Category.COMPLAIN: 10, Category.REPORT: 15, Category.PRAISE: 5}

QUESTION_TEMPLATES = [
    ("{topic}需要满足哪些条件？", "符合条件的申请人可按规定办理。具体条件以{agency}公布的办事指南为准，"),
    ("{topic}需要准备哪些材料？", "一般需提供身份证明、申请表及相关证明材料，原件核验后退回，"),
    (
        "{topic}在哪里办理、多久能办好？",
        "可在市政务服务中心{agency}窗口或网上办事大厅办理，材料齐全的一般在承诺时限内办结，",
    ),
    ("{topic}有什么最新政策？", "{agency}已在政府信息公开专栏发布相关政策文件及解读，"),
    ("对{topic}有意见建议，应通过什么渠道反映？", "可通过{agency}信箱、12345热线或到窗口当面反映，"),
]
LETTER_TEMPLATES = {
    Category.CONSULT: [
        ("关于{topic}的咨询", "您好！我想咨询{topic}的有关问题：{detail}请问具体应该怎么办？谢谢！"),
        ("咨询{topic}办理流程", "我家里老人想了解{topic}，{detail}不知道需要跑几次、带哪些材料。"),
    ],
    Category.SUGGEST: [
        ("关于改进{topic}的建议", "建议在{topic}方面进一步改进：{detail}希望有关部门采纳。"),
    ],
    Category.COMPLAIN: [
        ("反映{topic}方面的问题", "我要反映{topic}方面的问题：{detail}多次反映未果，希望尽快解决。"),
    ],
    Category.REPORT: [
        ("举报{topic}中的违规行为", "我发现{topic}中存在违规情况：{detail}请有关部门调查处理。"),
    ],
    Category.PRAISE: [
        ("感谢{agency}的热心服务", "前几天办理{topic}时，{agency}的工作人员耐心细致，{detail}特此表扬！"),
    ],
}
DETAILS = [
    "我住在中心区文华路小区，孩子今年满六周岁。",
    "我的联系电话是13807310001，白天都可以联系我。",
    "上周去窗口问过一次，说要等通知，到现在还没有消息。",
    "附近很多居民都有同样的问题，大家都很关心。",
    "我的住址是示例市东城街道人民路88号3栋201室。",
    "网上查到的信息和窗口说的不一致，不知道以哪个为准。",
    "希望能在网站上公布具体的办理时间表。",
]
ERROR_REPORTS = [
    ("首页“通知公告”栏目链接打不开", "点击首页“通知公告”下的第二条，页面显示404。"),
    ("教育局网站办事指南电话号码有误", "办事指南上的咨询电话已经是空号，请更新。"),
    ("政策解读页面图片无法显示", "手机打开政策解读页面时，图片显示不出来。"),
    ("网站群导航中乡镇链接失效", "网站群导航里白沙镇的链接跳转到了错误页面。"),
]
REPLY = (
    "{name}您好！您反映的“{title}”收悉。经{agency}核实，{answer}"
    "如有疑问，请在工作日致电{phone}咨询。感谢您对我们工作的关心和支持！"
)
ANSWERS = [
    "相关事项已按规定办理，具体流程已在我单位网站办事指南栏目公布。",
    "您提出的建议很有参考价值，我们已将其纳入下一阶段工作计划。",
    "经现场调查，情况基本属实，我们已责成相关单位限期整改。",
    "该事项可通过网上办事大厅在线申请，材料齐全的当场受理。",
]


@contextmanager
def _at(moment: datetime):
    """Run the real actions as if at ``moment``: tracking numbers, events and due dates
    then agree with the demo's timeline."""
    with mock.patch.object(timezone, "now", return_value=moment):
        yield


def _users(builder) -> dict[tuple[int, str], object]:
    return {(u.agency_id, role): u for u in builder.users.values() for role in _roles(u)}


def _roles(user) -> list[str]:
    return [g.agency_role.role for g in user.groups.all() if hasattr(g, "agency_role")]


def load(builder) -> None:
    rng = builder.rng
    agencies = builder.agencies
    city = agencies[registry.CITY_GOVERNMENT_CODE]
    admin = builder.users["admin"]
    staff = _users(builder)

    def actor(agency, role=Role.EDITOR):
        return staff.get((agency.pk, role)) or staff.get((agency.pk, Role.EDITOR)) or admin

    def reviewer(agency):
        return staff.get((agency.pk, Role.REVIEWER)) or staff.get((agency.pk, Role.LEADER)) or admin

    # --- mailboxes -------------------------------------------------------------------------
    boxes: list[Mailbox] = []
    for n, (kind, name, slug, intro) in enumerate(LEADER_BOXES):
        box = Mailbox.objects.create(
            kind=kind, name=name, slug=slug, agency=city, triage_agency=city, intro=intro, sort_order=n
        )
        if kind in (MailboxKind.SECRETARY, MailboxKind.MAYOR, MailboxKind.SUPERVISION):
            for i, (category, days) in enumerate(LIMITS.items()):
                MailboxCategory.objects.create(mailbox=box, category=category, reply_days=days, sort_order=i)
        elif kind == MailboxKind.CONSULTATION:
            MailboxCategory.objects.create(mailbox=box, category=Category.CONSULT, reply_days=5)
        boxes.append(box)
    specs = {s.code: s for s in [*registry.DEPARTMENTS, *registry.TOWNSHIPS]}
    for n, spec in enumerate(specs.values()):
        agency = agencies[spec.code]
        box = Mailbox.objects.create(
            kind=MailboxKind.AGENCY,
            name=f"{agency.short_name}信箱",
            slug=spec.slug,
            agency=agency,
            triage_agency=agency,
            intro=f"受理涉及{agency.name}职责的咨询、建议、投诉和举报。",
            sort_order=100 + n,
        )
        boxes.append(box)
    ReplyTemplate.objects.create(
        title="通用答复",
        body="{name}您好！您反映的“{title}”收悉。经核实，……。如有疑问，请致电……。感谢您的关心和支持！",
    )
    ReplyTemplate.objects.create(
        title="政策咨询答复", body="{name}您好！关于您咨询的“{title}”，相关政策规定如下：……。具体可登录本单位网站查询。"
    )

    # --- letters ---------------------------------------------------------------------------
    handlers = [agencies[c] for c in ("SLS-JYJ", "SLS-WJW", "SLS-X-QS")] + [
        agencies[s.code] for s in registry.DEPARTMENTS[2:6]
    ]
    topic_of = {agencies[c].pk: specs[c].topics for c in specs}
    names = ["张", "李", "王", "刘", "陈", "杨", "赵", "黄", "周", "吴"]
    given = ["建国", "秀英", "志强", "丽娟", "海波", "桂芳", "永红", "晓东"]
    outcomes = (
        [S.REPLIED] * 30
        + [S.SUBMITTED] * 6
        + [S.ACCEPTED] * 4
        + [S.ASSIGNED] * 12
        + [S.COUNTERSIGNING] * 3
        + [S.REVIEWING] * 4
        + [S.REFUSED] * 3
        + [S.PETITION] * 2
        + ["reopened"] * 4
        + ["extended"] * 3
    )
    count = 0
    mayor_like = [b for b in boxes if b.kind in (MailboxKind.SECRETARY, MailboxKind.MAYOR, MailboxKind.SUPERVISION)]
    consultation = next(b for b in boxes if b.kind == MailboxKind.CONSULTATION)
    errors = next(b for b in boxes if b.kind == MailboxKind.ERROR_REPORT)
    agency_boxes = [b for b in boxes if b.kind == MailboxKind.AGENCY]
    if builder.scale < 1:  # a small load (tests): one letter of each outcome
        outcomes = list(dict.fromkeys(outcomes))
    for outcome in outcomes:
        roll = rng.random()
        if roll < 0.4:
            box = rng.choice(mayor_like)
        elif roll < 0.55:
            box = consultation
        else:
            box = rng.choice(agency_boxes)
        handler = box.agency if box.kind == MailboxKind.AGENCY else rng.choice(handlers)
        category = rng.choice([c for c, _ in box.category_choices()])
        topic = rng.choice(topic_of.get(handler.pk) or ("办事服务",))
        title_t, content_t = rng.choice(LETTER_TEMPLATES.get(category, LETTER_TEMPLATES[Category.CONSULT]))
        detail = rng.choice(DETAILS)
        fill = {"topic": topic, "agency": handler.short_name, "detail": detail}
        # Open letters are recent (none near the 3-month veto); answered ones up to ~4 months old.
        open_outcome = outcome not in (S.REPLIED, S.REFUSED, S.PETITION)
        age_days = rng.randint(1, 40) if open_outcome else rng.randint(10, 120)
        received = builder.now - timedelta(days=age_days, hours=rng.randint(0, 8), minutes=rng.randint(0, 59))
        name = rng.choice(names) + rng.choice(given)
        with _at(received):
            letter, _code = actions.letter_submit(
                mailbox=box,
                category=category,
                title=title_t.format(**fill)[:100],
                content=content_t.format(**fill),
                name=name,
                phone=f"139{rng.randint(10000000, 99999999)}",
                email=f"writer{count}@example.com" if rng.random() < 0.3 else "",
                may_publish=rng.random() < 0.8,
            )
        count += 1
        triage = actor(box.triage_agency)
        step = received + timedelta(hours=rng.randint(2, 20))
        if outcome == S.SUBMITTED:
            continue
        with _at(step):
            if outcome == S.REFUSED:
                actions.letter_refuse(
                    letter=letter, actor=triage, reason="来信内容不具体，无法办理，请补充具体事项后重新来信。"
                )
                continue
            if outcome == S.PETITION:
                actions.letter_to_petition(letter=letter, actor=triage, reason="您反映的问题属于信访事项")
                continue
            actions.letter_accept(letter=letter, actor=triage)
        if outcome == S.ACCEPTED:
            continue
        step += timedelta(hours=rng.randint(1, 24))
        with _at(step):
            actions.letter_assign(letter=letter, actor=triage, agency=handler)
        clerk = actor(handler)
        if outcome == S.ASSIGNED:
            continue
        step += timedelta(days=rng.randint(1, 3))
        if outcome == S.COUNTERSIGNING:
            other = rng.choice([h for h in handlers if h != handler])
            with _at(step):
                actions.letter_countersign(letter=letter, actor=clerk, agencies=[other])
            continue
        if outcome == "extended":
            with _at(step):
                actions.letter_request_extension(letter=letter, actor=clerk, days=5, reason="需会同相关单位现场核实")
            with _at(step + timedelta(hours=3)):
                actions.letter_decide_extension(letter=letter, actor=triage, approve=True, note="同意")
            continue
        reply = REPLY.format(
            name=name[0] + "先生/女士", title=letter.title, agency=handler.short_name, answer=rng.choice(ANSWERS),
            phone=handler.phone or "12345",
        )  # fmt: skip
        with _at(step):
            actions.letter_submit_reply(letter=letter, actor=clerk, text=reply)
        if outcome == S.REVIEWING:
            continue
        step += timedelta(hours=rng.randint(2, 30))
        with _at(step):
            actions.letter_approve_reply(letter=letter, actor=reviewer(handler), publish=letter.may_publish)
        if rng.random() < 0.6 or outcome == "reopened":
            with _at(step + timedelta(days=rng.randint(1, 4))):
                if outcome == "reopened":
                    actions.letter_rate(
                        letter=letter, rating=rng.choice([1, 2]), resolved=False, comment="问题没有解决"
                    )
                else:
                    actions.letter_rate(letter=letter, rating=rng.choice([5, 5, 4, 4, 3, 2]), resolved=True)
    for title, content in ERROR_REPORTS:
        with _at(builder.now - timedelta(days=rng.randint(1, 20))):
            letter, _ = actions.letter_submit(
                mailbox=errors,
                category=Category.ERROR,
                title=title,
                content=content,
                name=rng.choice(names) + rng.choice(given),
                phone=f"137{rng.randint(10000000, 99999999)}",
            )
            count += 1
            actions.letter_accept(letter=letter, actor=actor(city), assign_to=city)
    cases_sweep_overdue()

    # --- FAQ -----------------------------------------------------------------------------------
    faq = 0
    for code, spec in specs.items():
        agency = agencies[code]
        for topic in spec.topics:
            for question, answer in rng.sample(QUESTION_TEMPLATES, 2):
                FaqEntry.objects.create(
                    agency=agency,
                    topic=topic,
                    question=question.format(topic=topic),
                    answer=answer.format(agency=agency.short_name)
                    + f"咨询电话：{agency.phone or '12345'}，地址：{agency.address or agency.name}。",
                )
                faq += 1
    for spec in (registry.CITY_GOVERNMENT,):
        for topic in spec.topics:
            FaqEntry.objects.create(
                agency=city,
                topic=topic,
                question=f"{topic}方面有哪些惠民政策？",
                answer=f"市政府已出台{topic}系列政策措施，详见政府信息公开专栏和政策解读栏目。",
            )
            faq += 1
    builder.log(f"  互动交流：{len(boxes)} 个信箱，{count} 封来信，{faq} 条热点解答")

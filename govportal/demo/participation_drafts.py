"""Demo data of 意见征集 and 网上听证 (participation), loaded by
`govportal.demo.loader` after 政府信息公开 (the closed draft links to a published
normative document of 教育局 there).

- an open draft (住建局, 电动自行车停放充电) with six articles and comments — published ones
  (masked on the page), one still waiting for review;
- a closed draft (教育局, 课后服务) with its comments, each comment's outcome and the
  published 反馈, linked to the final document it made: a normative document published
  here in 教育局's 政府信息公开 column;
- a past hearing (市政府, 居民生活用水阶梯价格) with registrations, the recorded draw by lot
  and the published record; and an upcoming one (交通运输局, 公交线网) taking registrations.
"""

from __future__ import annotations

from datetime import timedelta

from wagtail.models import Page

from govportal.demo import registry
from govportal.participation import actions
from govportal.participation.models_drafts import (
    CommentOutcome,
    Hearing,
    ParticipantKind,
    SelectionMethod,
    Solicitation,
    SolicitationArticle,
)

OPEN_DRAFT = (
    "示例市电动自行车停放充电管理办法（征求意见稿）",
    "近年来我市电动自行车保有量快速增长，楼道停放、飞线充电等现象引发多起火灾隐患。为预防和减少"
    "电动自行车火灾事故，保障人民群众生命财产安全，市住房和城乡建设局会同市消防救援支队起草了本办法。\n"
    "本办法共六条，主要明确了集中停放充电场所的建设要求、物业服务企业的管理责任和禁止性行为。",
    [
        (
            "目的依据",
            "为了规范电动自行车停放充电行为，预防火灾事故，根据《中华人民共和国消防法》等法律法规，结合本市实际，制定本办法。",
        ),
        (
            "适用范围",
            "本市行政区域内住宅小区、商业场所和机关企事业单位电动自行车的停放、充电及其监督管理，适用本办法。",
        ),
        (
            "场所建设",
            "新建住宅小区应当按照不低于户数百分之五十的比例配建电动自行车集中停放充电场所；既有住宅小区应当因地制宜逐步改造。",
        ),
        ("物业责任", "物业服务企业应当对集中停放充电场所开展日常巡查，发现违规停放、充电的，应当予以劝阻并及时报告。"),
        ("禁止行为", "禁止在建筑物的公共门厅、疏散走道、楼梯间、安全出口停放电动自行车或者为电动自行车充电。"),
        ("施行日期", "本办法自2027年3月1日起施行。"),
    ],
)
OPEN_COMMENTS = [
    (3, "老旧小区空间有限，建议允许利用小区闲置用房或架空层改造，并给予改造资金补助。", "陈建国", True),
    (5, "建议明确住户家中阳台充电是否属于禁止行为，避免执行时产生争议。", "林小红", True),
    (None, "办法整体很有必要。建议增加对充电桩收费标准的规定，防止收费过高导致居民继续飞线充电。", "黄志强", True),
    (
        4,
        "物业发现违规充电后应当向哪个部门报告？建议写明街道和消防救援机构的联系方式。我的电话13807310001。",
        "吴丽华",
        True,
    ),
    (6, "施行日期太近，老旧小区改造来不及，建议给一年过渡期。", "郑晓东", False),
]

CLOSED_DRAFT = (
    "示例市义务教育阶段学校课后服务管理办法（征求意见稿）",
    "为落实国家关于减轻义务教育阶段学生作业负担和校外培训负担的要求，规范学校课后服务，市教育局起草了本办法，"
    "现向社会公开征求意见。",
    [
        ("服务对象", "课后服务面向本市义务教育阶段学校在校学生，由学生家长自愿申请。"),
        ("服务时间", "课后服务结束时间原则上不早于当地正常下班时间；对有特殊需要的学生，学校应当提供延时托管服务。"),
        ("服务内容", "课后服务以指导学生完成作业、开展文体活动和兴趣小组为主，不得讲授新课。"),
        (
            "经费保障",
            "课后服务经费采取财政补贴和服务性收费相结合的方式保障，收费标准由市发展改革部门会同教育部门核定。",
        ),
    ],
)
CLOSED_COMMENTS = [
    (2, "建议延时托管最晚到18:30，方便双职工家庭。", "刘芳", CommentOutcome.ADOPTED, ""),
    (
        3,
        "希望增加体育锻炼内容，每天不少于一小时。",
        "赵磊",
        CommentOutcome.PARTLY,
        "已在第三条增加“保障学生每天校内体育活动时间”，具体时长由学校根据实际安排。",
    ),
    (
        4,
        "课后服务应当完全免费。",
        "孙美玲",
        CommentOutcome.NOT_ADOPTED,
        "按照省有关规定，课后服务实行财政补贴与服务性收费相结合的方式，困难家庭学生免收费用。",
    ),
    (None, "建议允许引进校外优质资源参与课后服务。", "周伟", CommentOutcome.ADOPTED, ""),
    (
        1,
        "建议把课后服务对象扩大到幼儿园大班。",
        "钱丽",
        CommentOutcome.NOT_ADOPTED,
        "幼儿园不属于义务教育阶段，其延时服务另行规定。",
    ),
]
CLOSED_FEEDBACK = (
    "征求意见期间，共收到社会公众意见5条，采纳2条，部分采纳1条，未采纳2条。\n"
    "采纳的意见主要涉及延时托管时间和引进校外优质资源；未采纳的意见主要涉及免费服务和扩大服务对象，"
    "因与现行政策规定不符或不属于本办法调整范围，未予采纳，具体理由见逐条反馈。感谢社会各界的关心和支持。"
)

HEARING_PAST = (
    "示例市居民生活用水阶梯价格调整听证会",
    "示例市自来水公司申请调整居民生活用水价格。调整方案：第一阶梯（年用水量180立方米以下）水价由每立方米"
    "2.58元调整为2.88元，第二、三阶梯按1:1.5:3的比价关系相应调整；低保家庭每户每月免收5立方米水费。\n"
    "依据《政府制定价格听证办法》，市发展和改革委员会受市政府委托组织听证。",
    "市政府第一会议室（人民大道1号）",
)
HEARING_PAST_PEOPLE = [
    (ParticipantKind.PERSON, "王建华", "", "作为普通居民，支持适度调价，但希望自来水公司公开成本构成。"),
    (
        ParticipantKind.ORGANISATION,
        "刘洋",
        "示例市消费者协会",
        "建议第一阶梯水量由180立方米提高到200立方米，保障多人口家庭基本用水。",
    ),
    (ParticipantKind.PERSON, "张秀英", "", "退休职工，担心水价上涨增加生活负担，建议对老年人家庭给予优惠。"),
    (
        ParticipantKind.ORGANISATION,
        "李强",
        "中心区人民路社区居民委员会",
        "社区老旧管网漏损严重，建议调价同时加快管网改造。",
    ),
    (ParticipantKind.PERSON, "陈晨", "", "建议分两年逐步调整到位，减少一次性涨幅。"),
    (ParticipantKind.PERSON, "黄海燕", "", "支持阶梯水价，建议增加节水宣传。"),
]
HEARING_PAST_RECORD = (
    "听证会于上午9时召开，听证主持人宣布听证纪律后，示例市自来水公司介绍了调价方案和成本监审情况，"
    "市发展和改革委员会通报了成本监审结论。\n"
    "4名听证参加人依次发言：2人同意调价方案，2人原则同意但建议调整。主要意见：一是提高第一阶梯水量；"
    "二是分步调整到位；三是加快老旧管网改造；四是公开供水成本。\n"
    "听证组织单位将综合听证意见，对调价方案进行修改完善后报市人民政府审定，并向社会公布听证意见采纳情况。"
)
HEARING_OPEN = (
    "示例市城区公交线网优化调整听证会",
    "为适应地铁1号线开通后的客流变化，市交通运输局拟调整城区公交线网：撤销与地铁重复的3条线路，新开5条社区接驳线，"
    "调整12条线路走向。现公开征集听证参加人，欢迎市民和有关单位报名。",
    "市交通运输局三楼会议室",
)


def _articles(solicitation, items) -> None:
    SolicitationArticle.objects.bulk_create(
        SolicitationArticle(solicitation=solicitation, number=n, heading=h, text=t, sort_order=n)
        for n, (h, t) in enumerate(items, 1)
    )


def _final_document(builder, agency, when):
    """The adopted 办法, published in 教育局's 政府信息公开 column as a normative document
    (规范性文件), beside the documents the disclosure demo made there."""
    from wagtail.models import Revision
    from wagtail.signals import page_published

    from govportal.disclosure.choices import Category, DocKind, Topic
    from govportal.disclosure.models import DisclosureDocumentPage

    home = builder.homes.get("SLS-JYJ")
    sibling = Page.objects.type(DisclosureDocumentPage).live().descendant_of(home).first() if home is not None else None
    if sibling is None:
        return None
    column = sibling.get_parent()
    title = "示例市义务教育阶段学校课后服务管理办法"
    doc = DisclosureDocumentPage(
        title=title,
        draft_title=title,
        slug="kfhfwglbf",
        owner=builder.users["admin"],
        live=True,
        has_unpublished_changes=False,
        first_published_at=when,
        last_published_at=when,
        latest_revision_created_at=when,
        summary="规范本市义务教育阶段学校课后服务的对象、时间、内容和经费保障。",
        date_made=(when - timedelta(days=3)).date(),
        document_number=f"示教发〔{when.year}〕12号",
        category=Category.REGULATIONS,
        topic=Topic.GENERAL,
        doc_kind=DocKind.NORMATIVE,
        body="<p>第一条　课后服务面向本市义务教育阶段学校在校学生，由学生家长自愿申请。</p>"
        "<p>第二条　课后服务结束时间原则上不早于当地正常下班时间，延时托管服务最晚至18时30分。</p>",
    )
    column.add_child(instance=doc)
    revision = Revision.objects.create(
        content_object=doc,
        base_content_type=doc.get_base_content_type(),
        user=builder.users["admin"],
        content=doc.serializable_data(),
        object_str=doc.title,
        created_at=when,
    )
    Page.objects.filter(pk=doc.pk).update(latest_revision=revision, live_revision=revision)
    page_published.send(sender=DisclosureDocumentPage, instance=doc, revision=revision)
    return doc


def load(builder) -> None:
    now = builder.now
    agencies = builder.agencies
    admin = builder.users["admin"]
    city = agencies[registry.CITY_GOVERNMENT_CODE]
    zjj, jyj, jtj = (agencies.get(c, city) for c in ("SLS-ZJJ", "SLS-JYJ", "SLS-JTJ"))

    # --- the open draft ----------------------------------------------------------------------
    title, explanation, items = OPEN_DRAFT
    open_draft = Solicitation.objects.create(
        agency=zjj,
        title=title,
        explanation=explanation,
        opens_at=now - timedelta(days=12),
        closes_at=now + timedelta(days=23),
        contact="市住房和城乡建设局物业管理科，电话0731-81040118，电子邮箱zjj@example.gov.cn",
        is_published=True,
    )
    _articles(open_draft, items)
    for i, (article, content, name, publish) in enumerate(OPEN_COMMENTS):
        comment = actions.solicitation_comment_submit(
            solicitation=open_draft,
            article_number=article,
            content=content,
            name=name,
            phone=f"1380731{i:04d}",
            now=now - timedelta(days=10 - 2 * i, hours=i),
        )
        if publish:
            actions.comment_review(comment=comment, actor=admin, publish=True)

    # --- the closed draft with its feedback ---------------------------------------------------
    title, explanation, items = CLOSED_DRAFT
    opens = now - timedelta(days=95)
    closed = Solicitation.objects.create(
        agency=jyj,
        title=title,
        explanation=explanation,
        opens_at=opens,
        closes_at=opens + timedelta(days=30),
        contact="市教育局基础教育科，电话0731-81010118",
        is_published=True,
    )
    _articles(closed, items)
    for i, (article, content, name, outcome, reason) in enumerate(CLOSED_COMMENTS):
        comment = actions.solicitation_comment_submit(
            solicitation=closed,
            article_number=article,
            content=content,
            name=name,
            phone=f"1390731{i:04d}",
            now=opens + timedelta(days=3 + 5 * i),
        )
        actions.comment_review(comment=comment, actor=admin, publish=True)
        actions.comment_outcome(comment=comment, actor=admin, outcome=outcome, reason=reason)
    actions.solicitation_feedback_publish(
        solicitation=closed, actor=admin, summary=CLOSED_FEEDBACK, now=closed.closes_at + timedelta(days=20)
    )
    final = _final_document(builder, jyj, closed.closes_at + timedelta(days=25))
    if final is not None:
        actions.solicitation_link_final(solicitation=closed, actor=admin, page=final)

    # --- the past hearing with its record ----------------------------------------------------
    title, matter, place = HEARING_PAST
    held = (now - timedelta(days=40)).replace(hour=9, minute=0)
    past = Hearing.objects.create(
        agency=city,
        title=title,
        matter=matter,
        held_at=held,
        place=place,
        registration_opens_at=held - timedelta(days=30),
        registration_closes_at=held - timedelta(days=10),
        capacity=4,
        selection=SelectionMethod.LOT,
        is_published=True,
    )
    for i, (kind, name, organisation, statement) in enumerate(HEARING_PAST_PEOPLE):
        actions.hearing_register(
            hearing=past,
            kind=kind,
            name=name,
            organisation=organisation,
            phone=f"1370731{i:04d}",
            statement=statement,
            now=past.registration_opens_at + timedelta(days=2 + 3 * i),
        )
    actions.hearing_select(
        hearing=past, actor=admin, now=past.registration_closes_at + timedelta(hours=2), seed="5f3a9c1e"
    )
    actions.hearing_record_publish(hearing=past, actor=admin, record=HEARING_PAST_RECORD, now=held + timedelta(days=2))

    # --- an upcoming hearing taking registrations ----------------------------------------------
    title, matter, place = HEARING_OPEN
    held = (now + timedelta(days=18)).replace(hour=14, minute=30)
    upcoming = Hearing.objects.create(
        agency=jtj,
        title=title,
        matter=matter,
        held_at=held,
        place=place,
        registration_opens_at=now - timedelta(days=4),
        registration_closes_at=now + timedelta(days=8),
        capacity=15,
        selection=SelectionMethod.ORDER,
        is_published=True,
    )
    actions.hearing_register(
        hearing=upcoming,
        kind=ParticipantKind.PERSON,
        name="马建军",
        phone="13607310001",
        statement="我每天乘坐18路上班，撤销后换乘地铁要多走一公里，建议保留早晚高峰班次。",
        now=now - timedelta(days=2),
    )

"""Demo data of 在线访谈, loaded by `govportal.demo.loader` after 互动交流.

Two past interviews with their 文字实录 (questions asked in advance and live, moderated,
answered by the guests; one answered in writing afterwards) and one upcoming interview
that collects questions — all through the real actions, each step at a plausible past
moment, so the kernel case, its timer and the events agree with the timeline.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest import mock

from django.db.models import Q
from django.utils import timezone

from wagtail.models import Page

from govportal.core.models import Role
from govportal.demo import registry
from govportal.interviews import actions
from govportal.interviews.models import Guest, Interview, PostKind, RelatedPage

PAST = [
    {
        "agency": "SLS-JYJ",
        "title": "2026年义务教育招生入学政策解读",
        "host": "周晓岚",
        "days_ago": 190,
        "related": "招生",
        "intro": "市教育局负责同志就今年义务教育阶段招生入学政策、划片范围、报名时间和随迁子女入学等问题与网友在线交流。",
        "summary": "本期访谈介绍了今年义务教育招生“网上报名、分类审核、划片入学”的总体安排，回答了网友关于随迁子女入学材料、"
        "多孩家庭同校就读、学位预警等问题。未能在直播中答复的问题已在访谈后书面答复。",
        "guests": [
            ("陈慧敏", "市教育局局长", "分管全市教育工作。"),
            ("郑立群", "市教育局基础教育科科长", "负责义务教育招生入学工作。"),
        ],
        "script": [
            (
                "host",
                None,
                "各位网友，大家好！欢迎来到示例市人民政府门户网站在线访谈。今天我们邀请到市教育局局长陈慧敏、基础教育科科长郑立群，和大家聊聊今年的义务教育招生入学政策。",
            ),
            (
                "guest",
                0,
                "各位网友好！今年我市义务教育招生继续实行网上报名、分类审核、划片入学，报名时间为7月1日至7月10日。",
            ),
            (
                "answer",
                1,
                "随迁子女入学需提供居住证、父母一方在本市的就业或社保证明以及户口簿，材料在报名系统中上传即可，不需要到学校现场提交。",
                "孩子随父母在本市居住，上小学需要准备哪些材料？",
            ),
            (
                "answer",
                1,
                "对同一户籍的多孩家庭，我们优先安排在同一学校就读，报名时勾选“多孩同校”即可。",
                "家里两个孩子，能不能安排在同一所学校？",
            ),
            (
                "answer",
                0,
                "对学位紧张的学校，教育局会在5月底前发布学位预警，提醒家长合理安排。",
                "听说有的学校学位紧张，怎样提前知道？",
            ),
            ("host", None, "感谢两位嘉宾的解答！本期访谈到此结束，未能在直播中答复的问题将在5个工作日内书面答复。"),
        ],
        "written": (
            "民办学校的摇号结果在哪里查询？",
            "民办学校摇号结果在市教育局网站“通知公告”栏目和报名系统同时公布，家长也可拨打招生咨询电话查询。",
        ),
        "rejected": "点击链接领取入学名额，代办学位",
    },
    {
        "agency": "SLS-SCJ",
        "title": "优化营商环境 打造一流政务服务",
        "host": "孙伟",
        "days_ago": 75,
        "related": "营商环境",
        "intro": "市市场监督管理局负责同志就企业开办“一网通办”、经营许可告知承诺制和涉企服务等问题与网友在线交流。",
        "summary": "访谈介绍了企业开办全流程压缩至1个工作日、食品经营许可告知承诺制等改革举措，回答了个体工商户登记、"
        "名称自主申报和年报等问题。",
        "guests": [("孙丽娟", "市市场监督管理局局长", "负责全市市场监管和营商环境相关工作。")],
        "script": [
            ("host", None, "各位网友大家好！今天的访谈主题是优化营商环境，欢迎市市场监督管理局孙丽娟局长。"),
            (
                "guest",
                0,
                "大家好！今年我们把企业开办全流程压缩到1个工作日以内，营业执照、公章刻制、发票申领可以一次办结。",
            ),
            (
                "answer",
                0,
                "个体工商户可以通过“一网通办”平台全程网上登记，材料齐全的当场办结，不需要跑现场。",
                "开个小餐馆，个体户登记能在网上办吗？",
            ),
            (
                "answer",
                0,
                "食品经营许可实行告知承诺制，申请人承诺符合条件并提交材料后即可当场取得许可证，后续开展核查。",
                "食品经营许可要等多久？",
            ),
            ("host", None, "谢谢孙局长！本期访谈到此结束，感谢各位网友的参与。"),
        ],
        "written": None,
        "rejected": None,
    },
]

UPCOMING = {
    "agency": "SLS-ZJJ",
    "title": "老旧小区改造和既有住宅加装电梯",
    "host": "周晓岚",
    "days_ahead": 6,
    "intro": "市住房和城乡建设局负责同志将就今年老旧小区改造计划、加装电梯补贴标准和申请流程与网友在线交流，欢迎提前提问。",
    "guests": [("吴卫东", "市住房和城乡建设局副局长", "分管城市更新和老旧小区改造工作。")],
    "advance": [
        ("加装电梯的补贴标准是多少？需要全体业主同意吗？", "刘*"),
        ("今年哪些小区列入了改造计划？在哪里可以查到？", "赵*"),
    ],
}


@contextmanager
def _at(moment: datetime):
    with mock.patch.object(timezone, "now", return_value=moment):
        yield


def _related(keyword: str) -> list[Page]:
    return list(Page.objects.live().filter(Q(title__contains=keyword), depth__gt=3).order_by("-first_published_at")[:3])


def _staff(builder, agency, role=Role.EDITOR):
    return next(
        (
            u
            for u in builder.users.values()
            if u.agency_id == agency.pk and u.groups.filter(agency_role__role=role).exists()
        ),
        builder.users["admin"],
    )


def _interview(builder, spec, starts: datetime) -> Interview:
    agency = builder.agencies.get(spec["agency"]) or builder.agencies[registry.CITY_GOVERNMENT_CODE]
    interview = Interview.objects.create(
        title=spec["title"],
        agency=agency,
        host=spec["host"],
        starts_at=starts,
        ends_at=starts + timedelta(hours=1, minutes=30),
        intro=spec["intro"],
    )
    for n, (name, post, intro) in enumerate(spec["guests"]):
        Guest.objects.create(interview=interview, name=name, post=post, intro=intro, sort_order=n)
    if spec.get("related"):
        for n, page in enumerate(_related(spec["related"])):
            RelatedPage.objects.create(interview=interview, page=page, sort_order=n)
    return interview


def load(builder) -> None:
    admin = builder.users["admin"]
    names = ["王建军", "李秀英", "张伟", "刘洋", "陈静", "杨帆", "赵磊"]
    for spec in PAST:
        starts = (builder.now - timedelta(days=spec["days_ago"])).replace(hour=15, minute=0, second=0, microsecond=0)
        with _at(starts - timedelta(days=7)):
            interview = actions.interview_saved(interview=_interview(builder, spec, starts), actor=admin)
        typist = _staff(builder, interview.agency)
        guests = list(interview.guests.all())
        with _at(starts - timedelta(days=2)):  # questions in advance, moderated
            asked = {}
            for n, step in enumerate(spec["script"]):
                if step[0] == "answer":
                    q = actions.question_submit(
                        interview=interview, name=names[n % len(names)], phone=f"1380731{n:04d}", content=step[3]
                    )
                    asked[n] = actions.question_approve(question=q, actor=typist)
            if spec["written"]:
                late = actions.question_submit(
                    interview=interview, name="黄丽", phone="13907310099", content=spec["written"][0]
                )
                actions.question_approve(question=late, actor=typist)
            if spec["rejected"]:
                spam = actions.question_submit(
                    interview=interview, name="某某", phone="13600000000", content=spec["rejected"]
                )
                actions.question_reject(question=spam, actor=typist)
        with _at(starts):
            actions.interview_start(interview=interview, actor=typist)
        for n, step in enumerate(spec["script"]):
            with _at(starts + timedelta(minutes=3 + 8 * n)):
                kind = {"host": PostKind.HOST, "guest": PostKind.GUEST, "answer": PostKind.ANSWER}[step[0]]
                actions.post_add(
                    interview=interview,
                    actor=typist,
                    kind=kind,
                    text_=step[2],
                    guest=guests[step[1]] if step[1] is not None else None,
                    question=asked.get(n),
                )
        photos = builder.images.get(spec["agency"]) or []
        if photos:  # a photo of the studio, as the typist posts one during the live
            with _at(starts + timedelta(minutes=2)):
                actions.post_add(
                    interview=interview, actor=typist, kind=PostKind.PHOTO, text_="访谈现场", image=photos[0]
                )
        with _at(starts + timedelta(hours=1, minutes=30)):
            actions.interview_end(interview=interview, actor=typist)
        if spec["written"]:
            with _at(starts + timedelta(days=2)):
                actions.question_answer_written(question=late, actor=typist, answer=spec["written"][1])
        with _at(starts + timedelta(days=2, hours=2)):
            actions.transcript_publish(interview=interview, actor=typist, summary=spec["summary"])

    starts = (builder.now + timedelta(days=UPCOMING["days_ahead"])).replace(hour=15, minute=0, second=0, microsecond=0)
    upcoming = actions.interview_saved(interview=_interview(builder, UPCOMING, starts), actor=admin)
    typist = _staff(builder, upcoming.agency)
    for n, (content, _masked) in enumerate(UPCOMING["advance"]):
        q = actions.question_submit(
            interview=upcoming, name=["刘芳", "赵强"][n], phone=f"1370731{n:04d}", content=content
        )
        actions.question_approve(question=q, actor=typist)
    actions.question_submit(
        interview=upcoming, name="孙红", phone="13507310001", content="小区外立面改造会不会影响居民出行？"
    )
    builder.log("  在线访谈：2 期往期访谈（含文字实录），1 期访谈预告")

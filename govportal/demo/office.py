"""Demo data of 协同办公, loaded by `govportal.demo.loader` after the other areas.

OA clerks (公文收发员) for the city government, every township, 教育局 and 卫生健康委 (the
accounts ``<site>_shouwen``, with the demo password); the 签发领导 of those agencies sign.
Through the real actions, each step at a plausible past moment:

- a city-government notice to all townships (加急, 主动公开): three have signed for it, three
  have not, one of those was pressed (催办); 青山镇 circulated it to a colleague, who read it;
- 教育局's letter asking three townships for a reply within 5 working days: one replied,
  one signed and is still to reply, one has not signed;
- a meeting notice to four departments with 会议回执: two replied with their attendees.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

from django.utils import timezone

from govportal.core.models import User
from govportal.demo import registry
from govportal.office import actions

CLERK_AGENCIES = [
    registry.CITY_GOVERNMENT_CODE,
    "SLS-JYJ",
    "SLS-WJW",
    *(t.code for t in registry.TOWNSHIPS),
]
_NAMES = ["林秀英", "何建华", "罗雪", "梁志远", "宋佳", "谢文涛", "韩梅", "唐立新", "冯雨"]


@contextmanager
def _at(moment):
    with mock.patch.object(timezone, "now", return_value=moment):
        yield


def _clerks(builder) -> dict[str, User]:
    specs = {s.code: s for s in registry.ALL_AGENCIES}
    password = builder.users["admin"].password  # demo accounts share the admin's hash
    clerks = {}
    for n, code in enumerate(CLERK_AGENCIES):
        agency = builder.agencies[code]
        group = actions.office_roles_ensure(agency=agency)
        name = _NAMES[n % len(_NAMES)]
        user = User.objects.create(
            username=f"{specs[code].slug}_shouwen",
            password=password,
            agency=agency,
            last_name=name[0],
            first_name=name[1:],
            email=f"{specs[code].slug}_shouwen@shili.gov.cn",
        )
        user.groups.add(group)
        builder.users[user.username] = user
        clerks[code] = user
    return clerks


def _send(builder, clerk, leader, *, when, **kwargs):
    with _at(when):
        document = actions.document_draft(actor=clerk, issuer=leader, **kwargs)
    with _at(when + timedelta(minutes=40)):
        actions.document_submit(document=document, actor=clerk)
    with _at(when + timedelta(hours=2)):
        actions.document_sign(document=document, actor=leader)
    with _at(when + timedelta(hours=2, minutes=30)):
        actions.document_send(document=document, actor=clerk)
    # The steps below count from the moment it went out.
    return {d.agency.code: d for d in document.deliveries.select_related("agency", "case")}


def load(builder) -> None:
    clerks = _clerks(builder)
    users, agencies, now = builder.users, builder.agencies, builder.now
    city = registry.CITY_GOVERNMENT_CODE
    townships = [t.code for t in registry.TOWNSHIPS]

    # 1. The city government's notice to every township.
    start = now - timedelta(days=3, hours=5)
    out = start + timedelta(hours=2, minutes=30)
    deliveries = _send(
        builder,
        clerks[city],
        users["portal_leader"],
        when=start,
        target="townships",
        data={
            "kind": "notice",
            "title": "关于做好2026年冬季森林防火和安全生产工作的通知",
            "number_mark": "示例市政办",
            "urgency": "jiaji",
            "disclosure": "active",
            "body": (
                "入冬以来，我市气温偏低、降水偏少，森林火险等级持续偏高，安全生产形势复杂。为切实做好今冬明春森林防火和安全生产工作，"
                "经市人民政府同意，现将有关事项通知如下。\n"
                "一、压实属地责任。各乡镇（街道）主要负责同志是本辖区森林防火和安全生产第一责任人，要组织开展一次全面排查，建立问题清单，明确整改时限。\n"
                "二、加强野外火源管控。12月至次年4月为森林防火紧要期，严禁野外烧荒、燎田埂、祭祀用火，重点林区设立检查卡点，落实护林员日巡查制度。\n"
                "三、强化值班值守。严格执行24小时值班和领导带班制度，遇有火情和生产安全事故，须在30分钟内电话报告、1小时内书面报告市应急管理局。"
            ),
        },
    )
    for n, code in enumerate(townships[:3]):
        with _at(out + timedelta(hours=1 + 6 * n)):
            actions.delivery_sign_for(delivery=deliveries[code], actor=clerks[code])
    with _at(out + timedelta(days=2)):
        actions.delivery_press(delivery=deliveries[townships[3]], actor=clerks[city])
    qsz = registry.TOWNSHIPS[0]
    reader = users[f"{qsz.slug}_editor"]
    with _at(out + timedelta(hours=2)):
        actions.delivery_circulate(delivery=deliveries[qsz.code], actor=clerks[qsz.code], users=[reader])
    with _at(out + timedelta(hours=6)):
        actions.circulation_read(delivery=deliveries[qsz.code], actor=reader)

    # 2. 教育局 asks three townships for a reply within 5 working days.
    start = now - timedelta(days=2, hours=3)
    out = start + timedelta(hours=2, minutes=30)
    asked = [townships[0], townships[1], townships[4]]
    deliveries = _send(
        builder,
        clerks["SLS-JYJ"],
        users["jyj_leader"],
        when=start,
        target="chosen",
        agencies=[agencies[c] for c in asked],
        data={
            "kind": "document",
            "title": "关于报送2026年秋季学期校园周边安全隐患排查情况的函",
            "number_mark": "示教函",
            "disclosure": "none",
            "reply_days": 5,
            "body": (
                "根据全市校园安全专项整治工作安排，请各相关乡镇（街道）对辖区中小学、幼儿园周边200米范围内的交通秩序、"
                "经营摊点、网吧和娱乐场所开展一次安全隐患排查，并将排查情况（隐患数量、整改措施、完成时限）于5个工作日内回复我局。\n"
                "联系人：教育局安全稳定科，电话0731-88810021。"
            ),
        },
    )
    for n, code in enumerate(asked[:2]):
        with _at(out + timedelta(hours=1 + n * 20)):
            actions.delivery_sign_for(delivery=deliveries[code], actor=clerks[code])
    with _at(out + timedelta(days=1, hours=4)):
        actions.delivery_reply(
            delivery=deliveries[asked[0]],
            actor=clerks[asked[0]],
            text="我镇已完成辖区4所学校、3所幼儿园周边排查，发现占道经营摊点5处、缺失交通标志2处，均已于本周内整改完毕。",
        )

    # 3. A meeting notice to four departments with an attendance reply.
    start = now - timedelta(days=1, hours=6)
    out = start + timedelta(hours=2, minutes=30)
    departments = ["SLS-JYJ", "SLS-WJW", "SLS-RSJ", "SLS-ZJJ"]
    deliveries = _send(
        builder,
        clerks[city],
        users["portal_leader"],
        when=start,
        target="chosen",
        agencies=[agencies[c] for c in departments],
        data={
            "kind": "meeting",
            "title": "关于召开全市政务公开工作推进会的通知",
            "number_mark": "示例市政办函",
            "disclosure": "request",
            "meeting_at": (now + timedelta(days=6)).replace(hour=9, minute=0),
            "meeting_place": "市政府办公楼三楼第一会议室",
            "wants_attendance": True,
            "reply_days": 2,
            "body": (
                "为部署2027年全市政务公开重点工作，市人民政府定于近期召开全市政务公开工作推进会。请各单位分管负责同志和政务公开工作"
                "机构负责人参加，并按时填报会议回执。"
            ),
        },
    )
    people = {"SLS-JYJ": [("陈志华", "副局长"), ("周敏", "办公室主任")], "SLS-WJW": [("黄建军", "副主任")]}
    for n, (code, attendees) in enumerate(people.items()):
        with _at(out + timedelta(hours=1 + n * 3)):
            actions.delivery_sign_for(delivery=deliveries[code], actor=clerks[code])
        with _at(out + timedelta(hours=2 + n * 3)):
            actions.delivery_reply(delivery=deliveries[code], actor=clerks[code], attendees=attendees)

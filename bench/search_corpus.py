"""A deterministic generated Chinese corpus for the search bench (government-site register).

Documents are built from phrase pools so the vocabulary looks like real notices and news
(agencies, policy nouns, verbs, places, dates), with a seeded RNG: the same size gives the
same corpus on every run and on both engines.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

SUBJECTS = [
    "市人力资源和社会保障局",
    "市教育局",
    "市住房和城乡建设局",
    "市卫生健康委员会",
    "市市场监督管理局",
    "市生态环境局",
    "市交通运输局",
    "市农业农村局",
    "市民政局",
    "市公安局",
    "市财政局",
    "市税务局",
    "青山镇人民政府",
    "东城街道办事处",
    "市医疗保障局",
    "市应急管理局",
    "市文化和旅游局",
    "市自然资源局",
]
TOPICS = [
    "社会保险",
    "住房公积金",
    "义务教育招生",
    "城乡居民医疗保险",
    "养老服务",
    "垃圾分类",
    "安全生产",
    "食品安全",
    "营商环境",
    "乡村振兴",
    "高标准农田建设",
    "老旧小区改造",
    "网站建设",
    "政务公开",
    "就业创业",
    "最低生活保障",
    "残疾人补贴",
    "退役军人服务",
    "防汛抗旱",
    "森林防火",
    "公共文化服务",
    "人才引进",
    "技能培训",
    "电动自行车管理",
    "不动产登记",
    "个体工商户登记",
    "疫苗接种",
    "家庭医生签约",
]
ACTIONS = [
    "召开专题会议部署",
    "印发实施方案推进",
    "开展专项检查",
    "组织集中宣传活动",
    "发布政策解读",
    "启动年度申报工作",
    "公布办理结果",
    "推进数字化改革",
    "完善服务流程",
    "加强日常监管",
]
SENTENCES = [
    "会议强调，要坚持以人民为中心的发展思想，切实把{t}各项工作落到实处。",
    "{s}相关负责人介绍，今年以来全市{t}工作总体平稳，群众满意度持续提升。",
    "根据有关规定，符合条件的申请人可于{d}前通过政务服务网或窗口办理{t}相关业务。",
    "下一步，{s}将进一步优化办事流程，压缩办理时限，推动{t}服务“一网通办”。",
    "各乡镇（街道）要结合实际，细化工作措施，明确责任分工，确保{t}工作取得实效。",
    "本次{a}共检查单位{n}家，发现问题{m}处，已全部督促整改到位。",
    "据统计，截至{d}，全市累计办理{t}业务{n}件，同比增长{m}%。",
    "市民如有疑问，可拨打12345政务服务便民热线咨询，或登录门户网站查询办事指南。",
    "{s}要求，各单位要加强组织领导，落实工作责任，严格执行廉洁纪律和保密规定。",
    "此次政策调整涉及缴费基数、待遇标准和经办流程等内容，自发布之日起施行。",
    "工作人员深入社区、村组和企业，面对面宣讲政策，发放宣传资料{n}余份。",
    "在{p}召开的现场推进会上，与会人员实地观摩了{t}示范点建设情况。",
]
PLACES = ["青山镇", "东城街道", "西湖社区", "东坪村", "高新区", "市民服务中心", "经济开发区", "南岭乡"]


@dataclass(frozen=True)
class Doc:
    n: int
    title: str
    body: str
    published_at: datetime
    site: int


def documents(count: int, *, chars: int = 1500, seed: int = 20261128) -> Iterator[Doc]:
    rng = random.Random(seed)
    start = datetime(2024, 11, 1, 8, 0)
    for n in range(count):
        s, t, a = rng.choice(SUBJECTS), rng.choice(TOPICS), rng.choice(ACTIONS)
        title = f"{s}{a}{t}工作" if rng.random() < 0.5 else f"关于做好{rng.choice(TOPICS)}工作的通知（第{n}号）"
        parts, size = [], 0
        while size < chars:
            sentence = rng.choice(SENTENCES).format(
                s=s,
                t=t if rng.random() < 0.6 else rng.choice(TOPICS),
                a=a,
                d=f"{rng.randint(2024, 2026)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
                n=rng.randint(3, 900),
                m=rng.randint(1, 60),
                p=rng.choice(PLACES),
            )
            parts.append(sentence)
            size += len(sentence)
        yield Doc(n, title, "".join(parts), start + timedelta(minutes=n * 7 % (730 * 24 * 60)), n % 40)

"""Real government text and the queries citizens actually type (not the bench's templates).

The articles are shortened from the kind of notices a city publishes (医保参保缴费通告,
居住证办理指南, 公积金贷款政策调整, 养老金调整, 防汛应急响应, 低保办法); the queries
mix colloquial words, synonyms, Traditional characters, pinyin, phrases and typos.
"""

from __future__ import annotations

import pytest

from govportal.search import selectors
from tests.conftest import column

ARTICLES = {
    "yibao": (
        "关于做好2025年度城乡居民基本医疗保险参保缴费工作的通告",
        "<p>2025年度城乡居民基本医疗保险集中缴费期为2024年9月1日至12月31日。个人缴费标准为每人每年380元。"
        "参保人可通过“湘税社保”微信小程序、税务局办税服务厅或银行网点缴费。新生儿自出生之日起90日内参保缴费的，"
        "自出生之日起享受医保待遇。</p><p>咨询电话：12345政务服务便民热线。</p>",
        20,
    ),
    "juzhuzheng": (
        "居住证办理指南",
        "<p>在本市居住半年以上，符合有合法稳定就业、合法稳定住所、连续就读条件之一的，可以申领居住证。"
        "申请人可到居住地派出所或社区警务室办理，也可在政务服务网在线申请，公安机关自受理之日起15日内制发。</p>",
        200,
    ),
    "gjj": (
        "市住房公积金管理中心关于调整住房公积金个人住房贷款政策的通知",
        "<p>缴存职工家庭使用住房公积金贷款购买首套住房的，最高贷款额度由60万元提高至80万元；"
        "多子女家庭购买首套住房的，最高贷款额度可上浮20%。本通知自发布之日起施行。</p>",
        5,
    ),
    "yanglao": (
        "关于2024年调整退休人员基本养老金的通知",
        "<p>自2024年1月1日起，为2023年12月31日前已按规定办理退休手续并按月领取基本养老金的退休人员"
        "提高基本养老金水平，总体调整水平为2023年退休人员月人均基本养老金的3%。</p>",
        300,
    ),
    "fangxun": (
        "市防汛抗旱指挥部启动防汛Ⅳ级应急响应",
        "<p>受强降雨影响，我市部分河流水位持续上涨。市防汛抗旱指挥部决定于6月18日12时启动防汛Ⅳ级应急响应，"
        "各乡镇（街道）要加强巡查值守，及时转移危险区域群众。</p>",
        2,
    ),
    "old_rule": (
        "示例市城市居民最低生活保障办法（已废止）",
        "<p>本办法所称城市居民最低生活保障，是指对家庭人均收入低于当地最低生活保障标准的城市居民给予物质帮助。</p>",
        1500,
    ),
}


@pytest.fixture
def real(cluster, publish):
    homes = cluster["homes"]
    news = column(homes["city"], "tzgg")
    town = column(homes["town"], "tzgg")
    out = {}
    for key, (title, body, days) in ARTICLES.items():
        out[key] = publish(town if key == "fangxun" else news, title, body, days_ago=days)
    return out


def titles(q, **kwargs) -> list[str]:
    return [h.entry.title for h in selectors.search(q, **kwargs).hits]


def test_colloquial_and_synonym_queries_find_the_notice(real):
    yibao = ARTICLES["yibao"][0]
    # 医保 is what people type; the notice says 医疗保险 (synonym list) and 医保 once.
    assert titles("医保缴费")[0] == yibao
    assert yibao in titles("新生儿 医保")
    assert titles("醫保繳費")[0] == yibao  # Traditional
    assert yibao in titles("yibao")  # pinyin of a synonym term
    # 怎么 is in no document: the nearest matches are shown, the guide first.
    loose = selectors.search("居住证怎么办理")
    assert loose.relaxed and loose.hits[0].entry.title == "居住证办理指南"
    assert titles("居住证 办理")[0] == "居住证办理指南"


def test_title_match_comes_first_and_body_matches_follow(real):
    found = titles("住房公积金 贷款")
    assert found[0] == ARTICLES["gjj"][0]
    found = titles("养老金")
    assert found == [ARTICLES["yanglao"][0]]
    # 12345 appears only in the body of the 医保 notice.
    assert titles("12345") == [ARTICLES["yibao"][0]]


def test_phrases_and_numbers_in_real_text(real):
    assert titles('"应急响应"') == [ARTICLES["fangxun"][0]]
    assert titles('"贷款额度"') == [ARTICLES["gjj"][0]]
    assert selectors.search('"额度贷款"').relaxed  # the words, but not in that order


def test_synonym_abbreviation_and_no_hit_query_is_never_a_dead_end(real, client):
    data = client.get("/api/v1/search", {"q": "低保"}).json()  # 低保 = 最低生活保障
    assert [r["title"] for r in data["results"]] == [ARTICLES["old_rule"][0]]
    result = selectors.search("防训")  # homophone typo of 防汛 (pinyin input)
    assert result.total == 0 or result.relaxed
    assert "防汛" in result.suggestions

"""Best bets (推荐结果), direct answers, relevance over the whole text, pinyin of body words
and initials, the zero-result analysis and result clicks — through the page, the API and
the admin, on whichever engine the suite runs on."""

from __future__ import annotations

from django.utils import timezone

import pytest

from govportal.core.errors import InvalidInput, NotAllowed
from govportal.core.models import Role, User
from govportal.search import actions, selectors
from govportal.search.models import BestBet, SearchQueryWeek, SynonymGroup
from tests.conftest import column


@pytest.fixture(autouse=True)
def fresh_best_bets():
    selectors.forget_best_bets()
    yield
    selectors.forget_best_bets()


@pytest.fixture
def office(db):
    return User.objects.create_superuser(username="xxb", password=None)


def titles(q, **kwargs) -> list[str]:
    return [h.entry.title for h in selectors.search(q, **kwargs).hits]


# --- relevance -----------------------------------------------------------------------------


def test_exact_phrase_in_the_text_outranks_scattered_words_however_new(cluster, publish):
    news = column(cluster["homes"]["city"], "tzgg")
    publish(news, "便民服务提示", "<p>市民可登录网上办事大厅申请，足不出户。</p>", days_ago=300)
    for n in range(3):
        publish(
            news,
            f"窗口服务动态{n}",
            "<p>大厅窗口继续办事，部分事项可在网上预约，办事群众请错峰前往服务大厅。</p>",
            days_ago=1,
        )
    assert titles("網上辦事大廳")[0] == "便民服务提示"


def test_body_matches_are_ranked_by_relevance_not_date(cluster, publish):
    news = column(cluster["homes"]["city"], "tzgg")
    publish(news, "年度工作总结", "<p>" + "垃圾分类工作扎实推进，垃圾分类覆盖全部小区。" * 3 + "</p>", days_ago=200)
    publish(
        news, "城市管理动态", "<p>本月开展市容整治，顺带提及垃圾分类。" + "道路清扫保洁。" * 30 + "</p>", days_ago=2
    )
    assert titles("垃圾分类") == ["年度工作总结", "城市管理动态"]


def test_title_matches_stay_above_body_matches(cluster, publish):
    news = column(cluster["homes"]["city"], "tzgg")
    publish(news, "防汛工作部署", "<p>做好准备。</p>", days_ago=400)
    publish(news, "工作动态", "<p>" + "防汛防汛，" * 20 + "</p>", days_ago=1)
    assert titles("防汛")[0] == "防汛工作部署"


# --- pinyin and initials ----------------------------------------------------------------------


def test_full_pinyin_without_spaces_finds_words_in_the_text(cluster, publish):
    news = column(cluster["homes"]["city"], "tzgg")
    publish(news, "互动栏目介绍", "<p>每月举办一期在线访谈，回答网民提问。</p>")
    publish(news, "无关消息", "<p>今天天气很好。</p>")
    assert titles("zaixianfangtan") == ["互动栏目介绍"]


def test_initials_find_title_words(cluster, publish):
    news = column(cluster["homes"]["city"], "tzgg")
    publish(news, "在线访谈预告", "<p>本期嘉宾。</p>")
    assert titles("zxft") == ["在线访谈预告"]


# --- best bets ------------------------------------------------------------------------------------


def test_best_bet_shows_first_by_keyword_pinyin_and_initials(client, cluster, publish, office):
    news = column(cluster["homes"]["city"], "tzgg")
    target = publish(news, "企业开办一件事指南", "<p>一次办好。</p>")
    publish(news, "营业执照年报提醒", "<p>请按时年报。</p>")
    actions.save_best_bet(office, BestBet(keywords="营业执照 开公司", target_url=target.get_url()))
    for q in ("营业执照", "開公司", "yingyezhizhao", "yyzz", "营业执照怎么办"):
        result = selectors.search(q)
        assert result.best_bets and result.best_bets[0].title == "企业开办一件事指南", q
        assert result.top_urls()[0] == target.get_url()
    assert selectors.search("营业执照年报").best_bets == []  # asks for something narrower
    page = client.get("/search/", {"q": "营业执照"}).content.decode()
    assert "badge-best-bet" in page and page.index("企业开办一件事指南") < page.index("search-results")
    data = client.get("/api/v1/search", {"q": "开公司"}).json()
    assert data["best_bets"][0]["title"] == "企业开办一件事指南" and data["best_bets"][0]["kind"] == "best_bet"


def test_best_bet_to_an_item_no_longer_public_is_not_shown(
    cluster, publish, office, django_capture_on_commit_callbacks
):
    news = column(cluster["homes"]["city"], "tzgg")
    target = publish(news, "临时通知", "<p>内容。</p>")
    actions.save_best_bet(office, BestBet(keywords="临时", target_url=target.get_url()))
    assert selectors.search("临时").best_bets
    with django_capture_on_commit_callbacks(execute=True):
        target.unpublish()
    assert selectors.search("临时").best_bets == []


def test_best_bet_to_an_unknown_address_needs_a_title(office, cluster):
    with pytest.raises(InvalidInput) as error:
        actions.save_best_bet(office, BestBet(keywords="地图", target_url="/ditu/"))
    assert "显示标题" in str(error.value.message)
    bet = actions.save_best_bet(office, BestBet(keywords="地图", target_url="/ditu/", title="政务地图"))
    assert selectors.best_bets("地图")[0].title == "政务地图" and bet.entry_source == ""


def test_an_agency_keeps_only_its_own_best_bets(client, cluster, publish, make_staff, office):
    agencies = cluster["agencies"]
    news = column(cluster["homes"]["edu"], "tzgg")
    target = publish(news, "招生入学指南", "<p>报名。</p>")
    mine = actions.save_best_bet(office, BestBet(keywords="招生", target_url=target.get_url(), agency=agencies["edu"]))
    theirs = actions.save_best_bet(
        office, BestBet(keywords="镇务", target_url="/x/", title="镇务", agency=agencies["town"])
    )
    office_bet = actions.save_best_bet(office, BestBet(keywords="全站", target_url="/y/", title="全站"))
    clerk = make_staff(agencies["edu"], Role.EDITOR)
    client.force_login(clerk)
    listing = client.get("/admin/search-best-bets/").content.decode()
    assert "招生" in listing and "镇务" not in listing and "全站" not in listing
    assert client.get(f"/admin/search-best-bets/edit/{mine.pk}/").status_code == 200
    assert client.get(f"/admin/search-best-bets/edit/{theirs.pk}/").status_code == 404
    assert client.get(f"/admin/search-best-bets/edit/{office_bet.pk}/").status_code == 404
    response = client.post(
        "/admin/search-best-bets/new/",
        {"keywords": "入学", "target_url": target.get_url(), "agency": agencies["town"].pk, "sort_order": 100},
    )
    assert response.status_code == 200  # the form refuses another agency
    assert not BestBet.objects.filter(keywords="入学").exists()
    client.post(
        "/admin/search-best-bets/new/",
        {
            "keywords": "入学",
            "target_url": target.get_url(),
            "agency": agencies["edu"].pk,
            "sort_order": 100,
            "is_active": "on",
        },
    )
    created = BestBet.objects.get(keywords="入学")
    assert created.agency == agencies["edu"] and created.entry_source == "article"
    with pytest.raises(NotAllowed):
        actions.save_best_bet(clerk, BestBet(keywords="x", target_url="/x/", title="x", agency=agencies["town"]))


# --- zero-result analysis and clicks ----------------------------------------------------------


def test_no_hit_queries_are_counted_by_week_and_fixed_in_one_step(client, corpus, office, make_staff, cluster):
    for _ in range(2):
        client.get("/search/", {"q": "火星基地"})
    client.get("/search/", {"q": "社保"})
    week = actions.week_of(timezone.localdate())
    row = SearchQueryWeek.objects.get(query="火星基地", week=week)
    assert (row.searches, row.zero_hits) == (2, 2)
    assert SearchQueryWeek.objects.get(query="社保", week=week).abandoned == 1

    client.force_login(make_staff(cluster["agencies"]["edu"], Role.EDITOR))
    assert client.get("/admin/search-analysis/").status_code == 404
    assert client.post("/admin/search-analysis/synonym/", {"query": "火星基地", "term": "社保"}).status_code == 404

    client.force_login(office)
    page = client.get("/admin/search-analysis/", {"week": week.isoformat()}).content.decode()
    assert "火星基地" in page and "社保" in page
    response = client.post(
        "/admin/search-analysis/synonym/", {"query": "火星基地", "term": "社会保险", "week": week.isoformat()}
    )
    assert response.status_code == 302
    assert SynonymGroup.objects.filter(terms__contains="火星基地").exists()
    selectors.forget_synonyms()
    assert titles("火星基地") == ["人力资源工作动态"]  # the item that says 社会保险

    client.post("/admin/search-analysis/best-bet/", {"query": "公积金", "target_url": corpus["gjj"].get_url()})
    assert selectors.search("公积金").best_bets[0].title == "住房公积金提取办法解读"
    response = client.post("/admin/search-analysis/best-bet/", {"query": "", "target_url": ""}, follow=True)
    assert response.status_code == 200 and "搜索词" in response.content.decode()


def test_opening_a_result_counts_a_click_and_goes_only_to_indexed_items(client, corpus):
    client.get("/search/", {"q": "公积金"})
    page = client.get("/search/", {"q": "公积金"}).content.decode()
    assert "/search/go/" in page
    hit = selectors.search("公积金").hits[0]
    response = client.get(f"/search/go/{hit.entry.pk}/", {"q": "公积金"})
    assert response.status_code == 302 and response["Location"] == hit.entry.url
    row = SearchQueryWeek.objects.get(query="公积金")
    assert (row.searches, row.clicks, row.abandoned) == (2, 1, 1)
    assert client.get("/search/go/999999999/").status_code == 404
    assert client.get("/search/go/99999999999999999999999/").status_code == 404


@pytest.mark.parametrize(
    "q", ["'", '"', "“”", "|", "|社保|", "a" * 100, "zaixianfangtan" * 7, "%_\\", "\x00", "社保 OR 1=1", "{title_seg}"]
)
def test_odd_input_answers_without_error(client, corpus, q):
    assert client.get("/search/", {"q": q}).status_code in (200, 400)  # NUL: refused with a 400
    assert client.get("/api/v1/search", {"q": q}).status_code in (200, 400, 422)
    assert client.get("/search/go/1/", {"q": q}).status_code in (302, 400, 404)

"""The issue's examples, asked as a citizen would, on the demo cluster: each finds its answer
among the first three things the page shows (direct answers, best bets, then the hits)."""

from __future__ import annotations

from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

import pytest

from govportal.demo.loader import load_demo
from govportal.search import selectors
from govportal.search.models import SearchEntry

SMALL = 0.01  # one article per list column; services, mailboxes and columns in full
QUEUED_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(scope="class")
def demo_index(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(TASKS=QUEUED_TASKS):
        with transaction.atomic():
            load_demo(scale=SMALL)
            call_command("rebuild_search_index", "--no-progress", verbosity=0)
            selectors.forget_synonyms()
            selectors.forget_best_bets()
            yield
            transaction.set_rollback(True)
        cache.clear()
    selectors.forget_synonyms()
    selectors.forget_best_bets()


def _top3(q: str) -> list[SearchEntry]:
    urls = selectors.search(q).top_urls()[:3]
    by_url = {e.url: e for e in SearchEntry.objects.filter(url__in=urls)}
    return [by_url[u] for u in urls if u in by_url]


def _titles(q: str) -> list[tuple[str, str]]:
    return [(e.source, e.title) for e in _top3(q)]


class TestIssueExamplesOnTheDemo:
    @pytest.mark.parametrize("q", ["营业执照", "开公司", "办执照"])
    def test_licence_words_find_company_registration(self, db, demo_index, q):
        assert ("service", "企业设立登记") in _titles(q)

    def test_medical_insurance_finds_the_enrolment_service(self, db, demo_index):
        assert ("service", "城乡居民基本医疗保险参保登记") in _titles("医保")

    def test_residence_permit_finds_its_service(self, db, demo_index):
        assert ("service", "居住证办理") in _titles("居住证")

    def test_mayors_mailbox_is_the_first_answer(self, db, demo_index):
        assert _titles("市长信箱")[0] == ("mailbox", "市长信箱")

    def test_traditional_exact_phrase_comes_first(self, db, demo_index):
        top = _top3("網上辦事大廳")
        assert top and "网上办事大厅" in top[0].body

    def test_disclosure_catalogue_finds_the_disclosure_column_not_fee_catalogues(self, db, demo_index):
        top = _top3("信息公开目录")
        assert top and all("收费目录" not in e.title for e in top)
        assert any(e.source == "disclosure_column" or "信息公开" in e.title for e in top)

    def test_a_topic_is_a_result_of_its_own(self, db, demo_index):
        assert ("topic", "优化营商环境") in _titles("营商环境")[:3]

    def test_full_pinyin_without_spaces_finds_words_in_running_text(self, db, demo_index):
        top = _top3("zaixianfangtan")
        assert any("在线访谈" in e.body for e in top)

    def test_direct_answer_card_with_its_entry_button(self, client, db, demo_index):
        page = client.get("/search/", {"q": "市长信箱"}).content.decode()
        card = page[page.index('class="answer-card"') :]
        assert "市长信箱" in card[:600] and "/hudong/szxx/xiexin/" in card[:1200] and "写信" in card[:1200]
        data = client.get("/api/v1/search", {"q": "开公司"}).json()
        assert data["direct_answers"][0]["title"] == "企业设立登记"
        assert data["direct_answers"][0]["action_label"] in {"在线办理", "查看办事指南"}

    def test_office_best_bet_of_the_demo_shows_first(self, client, db, demo_index):
        data = client.get("/api/v1/search", {"q": "12345"}).json()
        assert data["best_bets"] and data["best_bets"][0]["url"].endswith("/hudong/szxx/")

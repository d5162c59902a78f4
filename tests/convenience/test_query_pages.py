"""公共查询 through its public pages: exact matches only, two identifiers and a CAPTCHA for
personal data, masked answers that are never cached, an audit without the values, and a
clear Chinese 4xx for bad input (never a 500)."""

from __future__ import annotations

import pytest

from govportal.convenience.models import QueryLog
from tests.convenience.query_helpers import (
    CUTS_HEADER,
    CUTS_ROWS,
    WATER_HEADER,
    WATER_ROWS,
    cuts_system,
    load,
    solved,
    water_system,
)

pytestmark = pytest.mark.django_db
URL = "/bianmin/chaxun/shuifei/"


@pytest.fixture
def water(cluster):
    system = water_system(cluster["agencies"]["city"])
    load(system, WATER_HEADER, WATER_ROWS)
    return system


def ask(client, account, surname, *, captcha=True, **extra):
    form = client.get(URL).content.decode()
    data = {"f0": account, "f1": surname, **(solved(form) if captcha else {"captcha_key": "x", "captcha_answer": "x"})}
    data.update(extra)
    return client.post(URL, data)


def test_the_list_is_reached_from_the_convenience_index_and_lists_only_published_correct_systems(client, water):
    broken = water_system(water.agency, slug="broken")
    broken.fields.filter(column="户主姓氏").update(asked=False)  # one identifier for personal data
    water_system(water.agency, slug="draft", published=False)
    index = client.get("/bianmin/").content.decode()
    assert 'href="/bianmin/chaxun/"' in index and 'href="/bianmin/chaxun/shuifei/"' in index
    page = client.get("/bianmin/chaxun/").content.decode()
    assert "/bianmin/chaxun/shuifei/" in page
    assert "/bianmin/chaxun/broken/" not in page and "/bianmin/chaxun/draft/" not in page
    assert client.get("/bianmin/chaxun/broken/").status_code == 404
    assert client.get("/bianmin/chaxun/draft/").status_code == 404
    assert client.get("/bianmin/chaxun/nope/").status_code == 404
    # What the 便民服务 home lists (its section of query systems): name, url, intro.
    from govportal.convenience import selectors

    assert [(s.name, s.url, s.intro) for s in selectors.query_systems()] == [("水费查询", URL, "")]


def test_right_identifiers_show_the_bills_masked_and_uncached_and_the_audit_keeps_no_values(client, water):
    response = ask(client, "SL20260001", "王")
    html = response.content.decode()
    assert response.status_code == 200
    assert "查到 2 条记录" in html and "72.45" in html and "37.80" in html
    assert "****0001" in html and "王**" in html and "139****5678" in html
    assert "王建国" not in html and "13912345678" not in html and "李秀英" not in html
    assert "no-store" in response["Cache-Control"]
    log = QueryLog.objects.get()
    assert log.hit and log.system == water
    stored = f"{log.client_hash} {log.query_hash}"
    assert "SL2026" not in stored and "王" not in stored and "127.0.0.1" not in stored


def test_exact_match_only_a_wrong_surname_or_part_of_a_number_finds_nothing(client, water):
    for account, surname in [("SL20260001", "李"), ("SL2026000", "王"), ("SL20260001", "王建国")]:
        html = ask(client, account, surname).content.decode()
        assert "未查询到符合条件的记录" in html and "72.45" not in html
    assert QueryLog.objects.filter(hit=False).count() == 3


def test_the_same_account_typed_differently_is_still_an_exact_match(client, water):
    html = ask(client, " ｓｌ２０２６ ０００１ ", "王").content.decode()  # full-width, spaces, lower case
    assert "查到 2 条记录" in html


def test_wildcards_are_refused_with_a_chinese_message_and_nothing_is_looked_up(client, water):
    for value in ("SL2026*", "SL%", "SL2026000_", "？"):
        response = ask(client, value, "王")
        assert response.status_code == 400
        assert "不支持模糊查询" in response.content.decode()
    assert not QueryLog.objects.exists()


def test_a_wrong_captcha_is_a_400_and_nothing_is_looked_up(client, water):
    response = ask(client, "SL20260001", "王", captcha=False)
    assert response.status_code == 400
    assert "验证码不正确" in response.content.decode() and "72.45" not in response.content.decode()
    assert not QueryLog.objects.exists()


def test_identifiers_in_a_url_are_refused_for_personal_data(client, water):
    response = client.get(URL + "?f0=SL20260001&f1=王")
    assert response.status_code == 400
    assert "72.45" not in response.content.decode()
    assert not QueryLog.objects.exists()


def test_guessing_is_slowed_misses_count_per_client_then_429(client, water, settings):
    settings.GOVPORTAL_CASE_LOOKUP_MAX_FAILURES_PER_CLIENT = 2
    for surname in ("张", "赵"):
        assert ask(client, "SL20260001", surname).status_code == 200
    response = ask(client, "SL20260001", "王")
    assert response.status_code == 429
    assert "查询次数过多" in response.content.decode() and "72.45" not in response.content.decode()


@pytest.mark.parametrize(
    "value",
    ["", "   ", "\x00", "SL2026\x00001", "王\x07", "x" * 10_000, "<script>alert(1)</script>"],
)
def test_bad_input_gets_a_chinese_4xx_never_a_500(client, water, value):
    form = client.get(URL).content.decode()
    response = client.post(URL, {"f0": value, "f1": value, **solved(form)})
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert any(m in html for m in ("请填写", "未查询到", "不能超过", "不允许的空字符"))
    assert "<script>alert(1)</script>" not in html


def test_a_public_dataset_is_asked_by_one_field_chosen_from_its_values_without_captcha(client, cluster):
    system = cuts_system(cluster["agencies"]["city"])
    load(system, CUTS_HEADER, CUTS_ROWS)
    page = client.get("/bianmin/chaxun/tingdian/").content.decode()
    assert "<select" in page and "<option>青山镇</option>" in page and "captcha" not in page
    response = client.get("/bianmin/chaxun/tingdian/", {"f0": "青山镇"})
    html = response.content.decode()
    assert response.status_code == 200 and "查到 2 条记录" in html and "工业园" in html and "集镇" not in html
    assert "no-store" not in response.get("Cache-Control", "")
    assert client.get("/bianmin/chaxun/tingdian/", {"f0": "青山"}).content.decode().count("查到") == 0  # exact only
    assert client.post("/bianmin/chaxun/tingdian/", {"f0": "青山镇"}).status_code == 405
    assert QueryLog.objects.filter(system=system).count() == 2


def test_a_query_system_is_found_by_search_with_its_query_button(client, water):
    from govportal.search import indexing
    from govportal.search.sources import get as get_source

    source = get_source("query_system")
    indexing.upsert([indexing.entry_for("query_system", source.document(water))])
    html = client.get("/search/", {"q": "水费查询"}).content.decode()
    assert URL in html

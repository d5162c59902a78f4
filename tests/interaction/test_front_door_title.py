"""The 互动交流 page's title names the area once (it read "互动交流 - 互动交流")."""

import re

import pytest


@pytest.mark.django_db
def test_interaction_home_title_names_the_area_once(client, cluster):
    html = client.get("/hudong/", HTTP_HOST="localhost").content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.count("互动交流") == 1
    letters = client.get("/hudong/tongji/", HTTP_HOST="localhost").content.decode()
    assert "来信统计 - 互动交流" in re.search(r"<title>(.*?)</title>", letters, re.S).group(1)

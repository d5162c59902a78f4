"""Segmentation, normalisation, pinyin and highlighting (no database)."""

from __future__ import annotations

from govportal.search import text
from govportal.search.query import Phrase, Synonyms, parse
from govportal.search.selectors import highlight


def test_segmentation_splits_words_and_drops_punctuation():
    assert text.words(text.normalize("关于做好住房公积金工作的通知！")) == [
        "关于",
        "做好",
        "住房",
        "公积金",
        "工作",
        "的",
        "通知",
    ]


def test_search_mode_sub_words_of_long_words_are_indexed():
    seg, extra = text.segmented("城乡居民医疗保险")
    assert seg.split() == ["城乡居民", "医疗保险"]
    assert {"城乡", "居民", "医疗", "保险"} <= set(extra.split())


def test_traditional_full_width_and_case_normalise_to_the_same_text():
    assert text.normalize("網站建設ＡＢＣ１２") == "网站建设abc12"
    assert text.segmented("網站建設") == text.segmented("网站建设")


def test_tokens_never_mix_scripts_so_both_engines_split_alike():
    assert text.words("2026年5g网络abc-123") == ["2026", "年", "5g", "网络", "abc", "123"]


def test_pinyin_is_toneless_and_joined():
    assert text.pinyin("社保") == "shebao"
    assert text.pinyin("abc") == ""


def test_query_parser_expands_synonyms_and_keeps_phrases_literal():
    synonyms = Synonyms([["社保", "社会保险"]])
    parsed = parse('社保 "缴费 基数"', synonyms)
    assert Phrase(("缴费", "基数")) in parsed.tree.children
    assert {"社保", "社会保险"} <= set(parsed.highlight)


def test_query_of_only_function_characters_still_searches_something():
    assert parse("的").substrings == ["的"]
    assert parse("垃圾 的").substrings == []


def test_highlight_escapes_html_and_marks_traditional_source_for_simplified_term():
    html, plain = highlight("<b>網站</b>建設", ["网站"])
    assert str(html) == "&lt;b&gt;<mark>網站</mark>&lt;/b&gt;建設"
    assert plain == "<b>網站</b>建設"


def test_snippet_is_cut_around_the_first_match():
    body = "开头" * 100 + "公积金提取" + "结尾" * 100
    html, plain = highlight(body, ["公积金"], window=40)
    assert plain.startswith("…") and plain.endswith("…")
    assert "<mark>公积金</mark>" in html and len(plain) <= 42

"""Text processing shared by indexing and querying: normalisation, segmentation, pinyin.

Segmenter: rjieba (Rust port of jieba; same dictionary and output, ~16x faster, loads in
0.15 s — ADR 0005). Everything the index stores and every query goes through `normalize`
first, so Traditional and Simplified, full-width and half-width, upper and lower case are
the same text.

Tokens are restricted to runs of one script (CJK, or ASCII letters and digits) with no
punctuation, so that SQLite FTS5's unicode61 tokenizer and PostgreSQL's default parser
under the 'simple' configuration split the stored text at exactly the same places: the
same query then finds the same documents on both engines.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import opencc
import rjieba
from pypinyin import Style, lazy_pinyin

# One converter and one segmenter per process (both load their dictionaries once).
_T2S = opencc.OpenCC("t2s")

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN_PART = re.compile(rf"[{_CJK}]+|[a-z0-9]+")
_HAS_CJK = re.compile(rf"[{_CJK}]")


# Full-width ASCII and the ideographic space: what NFKC changes in almost all Chinese text.
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def normalize(text: str) -> str:
    """Simplified, NFKC (full-width → half-width), lower case.

    The full-width forms are mapped first with a translate table (NFKC's result for them);
    the full NFKC pass then runs only on text that still needs it (its quick check is ~10x
    cheaper than normalising a typical body again).
    """
    if not text:
        return ""
    text = text.translate(_FULL_WIDTH).replace("\x00", "")  # NUL: no database stores it
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return _T2S.convert(text).lower()


def _clean(tokens) -> list[str]:
    # One regex pass over the space-joined tokens (a space is neither CJK nor [a-z0-9], so
    # token boundaries stay boundaries): the same parts as token by token, ~3x faster.
    return _TOKEN_PART.findall(" ".join(tokens))


def words(text: str) -> list[str]:
    """Precise-mode segmentation of already normalised text, punctuation dropped."""
    return _clean(rjieba.cut(text)) if text else []


@functools.lru_cache(maxsize=50_000)
def sub_words(word: str) -> tuple[str, ...]:
    """Shorter dictionary words inside a long word (search mode): 社会保险 → 社会, 保险."""
    if len(word) <= 2 or not _HAS_CJK.search(word):
        return ()
    return tuple(w for w in _clean(rjieba.cut_for_search(word)) if w != word)


def extra_words(tokens: list[str]) -> list[str]:
    # Only words of three characters or more have sub-words; most tokens are shorter.
    return [sub for token in tokens if len(token) > 2 for sub in sub_words(token)]


@functools.lru_cache(maxsize=50_000)
def pinyin(word: str) -> str:
    """Toneless full pinyin of a Chinese word, one string: 社保 → shebao."""
    if not _HAS_CJK.search(word):
        return ""
    return "".join(lazy_pinyin(word, style=Style.NORMAL, errors="ignore")).lower()


@functools.lru_cache(maxsize=50_000)
def initials(word: str) -> str:
    """The first letter of each syllable's pinyin: 在线访谈 → zxft."""
    if not _HAS_CJK.search(word):
        return ""
    return "".join(lazy_pinyin(word, style=Style.FIRST_LETTER, errors="ignore")).lower()


def is_cjk(word: str) -> bool:
    return bool(_HAS_CJK.search(word))


def segmented(text: str) -> tuple[str, str]:
    """(precise tokens, search-mode extra tokens) of raw text, each space-joined."""
    tokens = words(normalize(text))
    return " ".join(tokens), " ".join(extra_words(tokens))

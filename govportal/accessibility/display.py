"""Display modes of the public pages: 关怀版 (elder mode) and 简/繁 script, both kept in
cookies so they work without JavaScript, plus the OpenCC conversion of rendered pages.

`to_simplified(text)` is the hook for search: a query typed in Traditional characters is
folded to Simplified before it is matched against the (Simplified) content.
"""

from __future__ import annotations

import functools
import re

ELDER_COOKIE = "gp_elder"
SCRIPT_COOKIE = "gp_script"
HANT = "hant"
COOKIE_MAX_AGE = 365 * 24 * 3600


def elder_mode(request) -> bool:
    return request is not None and request.COOKIES.get(ELDER_COOKIE) == "1"


def traditional(request) -> bool:
    return request is not None and request.COOKIES.get(SCRIPT_COOKIE) == HANT


@functools.cache
def _converter(config: str):
    # Loading the dictionaries takes ~0.1 s: once per process and direction.
    import opencc

    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    # s2tw (characters in the usual Traditional forms, no Taiwan wording): a mainland government page keeps
    # its own terms, only the script changes.
    return _converter("s2tw").convert(text) if text else text


def to_simplified(text: str) -> str:
    return _converter("tw2s").convert(text) if text else text


_SKIP_ELEMENTS = ("script", "style", "textarea")
_TOKEN = re.compile(r"<!--.*?-->|<(script|style|textarea)\b[^>]*>.*?</\1\s*>|<[^>]+>", re.S | re.I)
# Attributes whose values are words a person reads or hears; URLs, ids, classes and form
# values (a citizen's own query) are left alone.
_TEXT_ATTRS = re.compile(r'(\s(?:alt|title|aria-label|placeholder|content)=")([^"]*)(")', re.I)
_HTML_LANG = re.compile(r'(<html\b[^>]*\blang=")zh-Hans(")', re.I)
_CJK = re.compile(r"[\u3400-\u9fff]")
_SEP = "\ue000"  # private use: OpenCC passes it through unchanged (it stops at NUL)


def html_to_traditional(html: str) -> str:
    """Convert the text of an HTML document to Traditional characters in one OpenCC call:
    text between tags and readable attribute values, never script/style bodies or URLs."""
    pieces: list[str] = []  # alternating: verbatim markup and convertible text
    texts: list[int] = []
    pos = 0
    for match in _TOKEN.finditer(html):
        if match.start() > pos:
            texts.append(len(pieces))
            pieces.append(html[pos : match.start()])
        tag = match.group(0)
        if match.group(1) is None and tag[:2] != "<!" and _CJK.search(tag):
            pieces.append(_TEXT_ATTRS.sub(lambda m: m.group(1) + _SEP + m.group(2) + _SEP + m.group(3), tag))
            texts.append(-len(pieces))  # marked: convert only between separators
        else:
            pieces.append(tag)
        pos = match.end()
    if pos < len(html):
        texts.append(len(pieces))
        pieces.append(html[pos:])

    chunks = []
    for ref in texts:
        if ref >= 0:
            chunks.append(pieces[ref])
        else:
            chunks.extend(pieces[-ref - 1].split(_SEP)[1::2])
    if chunks:
        joined = to_traditional(_SEP.join(chunks)).split(_SEP)
        if len(joined) != len(chunks):  # the page itself contained the separator
            joined = [to_traditional(chunk) for chunk in chunks]
        converted = iter(joined)
        for ref in texts:
            if ref >= 0:
                pieces[ref] = next(converted)
            else:
                parts = pieces[-ref - 1].split(_SEP)
                parts[1::2] = [next(converted) for _ in parts[1::2]]
                pieces[-ref - 1] = "".join(parts)
    return _HTML_LANG.sub(r"\1zh-Hant\2", "".join(pieces))

"""错敏词 — the wording check: finds the dictionaries' words in a page's text.

- ``Matcher``: every active word of the dictionaries compiled into one regular expression
  shaped as a trie (``按(?:装|…)|既使|…``): Python's regex engine then walks the text once
  and tries only the words that share the characters read so far, so thousands of entries
  cost about what a handful do. It finds the leftmost, longest words without overlap (a
  longer entry wins over one it contains). No Aho–Corasick package is installed; this is as
  fast on our articles (see ``tests/monitor/test_wording_matcher.py``, the timing test).
- The leader rule (领导姓名职务): a leader's name with a title right before it (``副市长张三``)
  or right after it (``张三市长``) that is not one of that leader's titles is a hit. The
  titles looked for are ``MONITOR_WORDING_TITLES`` plus every leader's own titles.
- ``page_texts``: what of a page is checked — the title, the search description, and every
  text field of the page type (plain text, rich text stripped of its tags, the text of
  stream fields): any Wagtail page of any area, without that area telling the monitor.
- ``check_page``: the hits of a page's latest revision (what is under review) or of its live
  content (what the sweep reads), each marked with the reviewer's acceptance if any.

Offsets count characters in the field's checked text (``page_texts``), the text the
highlight shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from threading import Lock

from django.conf import settings
from django.db import models
from django.db.models import Count, Max

from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing

from govportal.monitor.wording_models import WordingAcceptance, WordingEntry, WordKind

CONTEXT = 20  # characters of context either side of a hit


def split_titles(text: str) -> list[str]:
    return [t.strip() for t in re.split(r"[、,，;；/\s]+", text or "") if t.strip()]


@dataclass(frozen=True)
class Entry:
    word: str
    kind: str
    suggestion: str = ""
    note: str = ""


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    word: str
    kind: str
    suggestion: str
    note: str = ""
    field: str = ""
    field_label: str = ""
    before: str = ""
    after: str = ""
    accepted: WordingAcceptance | None = None

    @property
    def kind_label(self) -> str:
        return str(WordKind(self.kind).label)

    @property
    def message(self) -> str:
        if self.kind == WordKind.LEADER:
            return f"「{self.word}」{self.suggestion}"
        if self.suggestion:
            return f"「{self.word}」应为「{self.suggestion}」（{self.kind_label}）"
        return f"「{self.word}」（{self.kind_label}）"


def _trie_pattern(words: list[str]) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        terminal = "" in node
        branches, leaves = [], []
        for ch in sorted(k for k in node if k):
            rest = build(node[ch])
            if rest:
                branches.append(re.escape(ch) + rest)
            else:
                leaves.append(re.escape(ch))
        if len(leaves) == 1:
            branches.append(leaves[0])
        elif leaves:
            branches.append("[" + "".join(leaves) + "]")
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if terminal:
            # Greedy: the longer word first, this one if the text does not go on.
            return (body if len(branches) > 1 else f"(?:{body})") + "?"
        return body

    return build(trie)


class Matcher:
    """The dictionaries compiled for searching (see the module's docstring)."""

    def __init__(self, entries: list[Entry], titles: list[str] | tuple[str, ...] = ()) -> None:
        self.entries: dict[str, Entry] = {}
        self.leaders: dict[str, list[str]] = {}
        for entry in entries:
            if not entry.word:
                continue
            if entry.kind == WordKind.LEADER:
                self.leaders[entry.word] = split_titles(entry.suggestion)
            # One entry per word: a word in two dictionaries is reported once, the first kind.
            self.entries.setdefault(entry.word, entry)
        pattern = _trie_pattern(list(self.entries))
        self.regex = re.compile(pattern) if pattern else None
        all_titles = set(titles)
        for own in self.leaders.values():
            all_titles.update(own)
        self.titles = sorted(all_titles, key=len, reverse=True)

    def find(self, text: str) -> list[Hit]:
        if self.regex is None or not text:
            return []
        hits = []
        for m in self.regex.finditer(text):
            entry = self.entries[m.group()]
            if entry.kind == WordKind.LEADER:
                hit = self._leader_hit(text, m.start(), m.end(), entry)
                if hit is not None:
                    hits.append(hit)
                continue
            hits.append(Hit(m.start(), m.end(), entry.word, entry.kind, entry.suggestion, entry.note))
        return hits

    def _leader_hit(self, text: str, start: int, end: int, entry: Entry) -> Hit | None:
        own = self.leaders.get(entry.word, [])
        before = next((t for t in self.titles if text.endswith(t, 0, start)), None)
        after = next((t for t in self.titles if text.startswith(t, end)), None)
        for title, s, e in ((before, start - len(before or ""), end), (after, start, end + len(after or ""))):
            if title and not any(_same_title(t, title) for t in own):
                correct = "、".join(own) or "—"
                return Hit(
                    s,
                    e,
                    text[s:e],
                    WordKind.LEADER,
                    f"职务有误：{entry.word}的职务为{correct}",
                    entry.note,
                )
        return None


def _same_title(correct: str, written: str) -> bool:
    """The title as written is the leader's, in full or shortened by a qualifier (“副市长”
    of a “常务副市长”, “书记” of a “市政府党组书记”) — never by dropping a “副”."""
    if correct == written:
        return True
    return correct.endswith(written) and not correct[: -len(written)].endswith("副")


# --- the dictionaries, compiled once per change -----------------------------------------------

_lock = Lock()
_compiled: tuple[tuple, Matcher] | None = None


def matcher() -> Matcher:
    """The active dictionaries, recompiled when an entry was added, changed or removed."""
    global _compiled
    stamp = WordingEntry.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    key = (stamp["n"], stamp["last"], tuple(settings.GOVPORTAL_MONITOR_WORDING_TITLES))
    with _lock:
        if _compiled is not None and _compiled[0] == key:
            return _compiled[1]
    entries = [
        Entry(e.word, e.kind, e.suggestion, e.note)
        for e in WordingEntry.objects.filter(active=True).order_by("kind", "word")
    ]
    built = Matcher(entries, settings.GOVPORTAL_MONITOR_WORDING_TITLES)
    with _lock:
        _compiled = (key, built)
    return built


def find_in_text(text: str, m: Matcher | None = None) -> list[Hit]:
    """The hits of one text, with their context."""
    m = m or matcher()
    return [
        replace(h, before=text[max(0, h.start - CONTEXT) : h.start], after=text[h.end : h.end + CONTEXT])
        for h in m.find(text)
    ]


# --- pages ------------------------------------------------------------------------------------

_PAGE_OWN = {f.name for f in Page._meta.get_fields()} - {"title", "search_description", "seo_title"}
_SKIP_FIELDS = (models.SlugField, models.URLField, models.EmailField)


def _field_text(field, value) -> str:
    if value in (None, ""):
        return ""
    if isinstance(field, RichTextField):
        return get_text_for_indexing(str(value))
    if isinstance(field, StreamField):
        return "\n".join(str(t) for t in field.stream_block.get_searchable_content(value) if t)
    return str(value)


def page_texts(page) -> list[tuple[str, str, str]]:
    """(field name, field label, text) of what is checked on a page (see the module's docstring)."""
    out = []
    for field in page._meta.get_fields():
        if not getattr(field, "concrete", False) or field.name in _PAGE_OWN or field.is_relation:
            continue
        if not isinstance(field, (models.CharField, models.TextField, StreamField)) or isinstance(field, _SKIP_FIELDS):
            continue
        if getattr(field, "choices", None):
            continue
        text = _field_text(field, field.value_from_object(page))
        if text.strip():
            out.append((field.name, str(field.verbose_name), text))
    return out


def check_page(page, *, live: bool = False) -> list[Hit]:
    """The hits of a page: of its latest revision (under review), or with ``live`` of what is
    published. Each hit carries the acceptance of its word on this page, if any."""
    page = page.specific
    content = page if live else page.get_latest_revision_as_object()
    m = matcher()
    accepted = {(a.kind, a.word): a for a in WordingAcceptance.objects.filter(page=page).select_related("accepted_by")}
    hits = []
    for name, label, text in page_texts(content):
        for hit in find_in_text(text, m):
            hits.append(replace(hit, field=name, field_label=label, accepted=accepted.get((hit.kind, hit.word))))
    return hits


def open_hits(hits: list[Hit]) -> list[Hit]:
    return [h for h in hits if h.accepted is None]

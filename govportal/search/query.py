"""The query grammar, the same on both engines.

- Words separated by spaces must all match (AND). Each word is segmented like the index,
  and matches that word inside longer words too (the index stores search-mode sub-words).
- "a phrase" (ASCII or Chinese quotes): its words adjacent and in order in the title or the
  body, as segmented there (native phrase search on both engines; a phrase that the text
  segments differently — 保险政策 inside 社会保险政策 — is not found).
- A synonym group (admin-editable) expands any of its terms to all of them.
- A query of Latin letters is also read as toneless pinyin of a title word or of a synonym
  term: `shebao`, `she bao` → 社保.
- A lone Chinese character matches as a substring (a word index cannot see characters
  inside words); common function characters are dropped when other words are present.
The result is a small boolean tree of terms, rendered to FTS5 MATCH syntax or to a
PostgreSQL tsquery by `govportal.search.backends`, plus literal-substring conditions.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from govportal.search import text

STOP_CHARS = set("的了和与及在是对为等之或也把被从就都而于其")
_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”|「([^」]+)」')
_PINYIN_QUERY = re.compile(r"[a-z]+(?: [a-z]+)*")
MAX_QUERY_CHARS = 100


@dataclass(frozen=True)
class Term:
    word: str


@dataclass(frozen=True)
class Phrase:
    """Adjacent words, in order, in the precise-mode text (title or body, not sub-words)."""

    words: tuple


@dataclass(frozen=True)
class And:
    children: tuple


@dataclass(frozen=True)
class Or:
    children: tuple


@dataclass
class ParsedQuery:
    raw: str
    normalized: str
    tree: object | None = None  # Term | And | Or
    substrings: list[str] = field(default_factory=list)  # lone characters: substring of title/body
    highlight: list[str] = field(default_factory=list)
    # Runs of words typed together (网上办事大厅 → 网上 办事 大厅): matched anywhere they rank
    # as usual; where they stand adjacent and in order (the exact phrase) they rank higher.
    boost_phrases: list[tuple] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return self.tree is None and not self.substrings


def _and(nodes):
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else And(tuple(nodes))


def _or(nodes):
    unique = []
    for n in nodes:
        if n is not None and n not in unique:
            unique.append(n)
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else Or(tuple(unique))


def word_node(word: str):
    # Only the word itself: the index already holds every long word's sub-words (search
    # mode), and OR-ing sub-words into the query would let a body that matches many
    # variants outrank a title that matches the word once.
    return Term(word)


def _phrase_node(phrase_words: list[str]):
    return Phrase(tuple(phrase_words))


class Synonyms:
    """term → all terms of its group (normalised)."""

    def __init__(self, groups: list[list[str]]):
        self.by_term: dict[str, list[str]] = {}
        self.by_pinyin: dict[str, list[str]] = {}
        for group in groups:
            for term in group:
                self.by_term.setdefault(term, [])
                self.by_term[term] = sorted(set(self.by_term[term]) | set(group))
                py = "".join(text.pinyin(w) for w in text.words(term))
                if py:
                    self.by_pinyin.setdefault(py, [])
                    self.by_pinyin[py] = sorted(set(self.by_pinyin[py]) | set(group))
        self.longest_first = sorted(self.by_term, key=len, reverse=True)


def _split_synonyms(chunk: str, synonyms: Synonyms) -> list[tuple[str, bool]]:
    """Cut a chunk into (piece, is_synonym_term) around known synonym terms, longest first."""
    for term in synonyms.longest_first:
        if len(term) > 1 and term in chunk:
            before, _, after = chunk.partition(term)
            return [*_split_synonyms(before, synonyms), (term, True), *_split_synonyms(after, synonyms)]
    return [(chunk, False)] if chunk.strip() else []


def _group_node(terms: list[str], highlight: list[str]):
    nodes = []
    for term in terms:
        highlight.append(term)
        nodes.append(_and([word_node(w) for w in text.words(term)]))
    return _or(nodes)


def parse(raw: str, synonyms: Synonyms | None = None) -> ParsedQuery:
    synonyms = synonyms or Synonyms([])
    raw = (raw or "").strip()[:MAX_QUERY_CHARS]
    normalized = text.normalize(raw)
    result = ParsedQuery(raw=raw, normalized=normalized)
    units = []

    # Phrases.
    for match in _QUOTED.finditer(normalized):
        phrase = next(g for g in match.groups() if g)
        phrase_words = text.words(phrase)
        if phrase_words:
            result.highlight.append("".join(phrase_words))
            units.append(_phrase_node(phrase_words))
    rest = _QUOTED.sub(" ", normalized).replace('"', " ").strip()

    # Words (with synonym groups kept whole).
    word_units = []
    single_chars = []
    for chunk in rest.split():
        for piece, is_synonym in _split_synonyms(chunk, synonyms):
            if is_synonym:
                word_units.append(_group_node(synonyms.by_term[piece], result.highlight))
                continue
            piece_words = text.words(piece)
            if len(piece_words) > 1:
                result.boost_phrases.append(tuple(piece_words))
            for w in piece_words:
                if text.is_cjk(w) and len(w) == 1 and len(piece_words) > 1:
                    # A character the segmenter split off a longer chunk (一网通办 → 一网通 /
                    # 办): the text segments the same chunk the same way, so it is a word
                    # here, not a substring to scan for. Function characters are dropped.
                    if w not in STOP_CHARS:
                        result.highlight.append(w)
                        word_units.append(word_node(w))
                elif text.is_cjk(w) and len(w) == 1:
                    single_chars.append(w)
                elif w in synonyms.by_term:
                    word_units.append(_group_node(synonyms.by_term[w], result.highlight))
                else:
                    result.highlight.append(w)
                    word_units.append(word_node(w))
    meaningful_chars = [c for c in single_chars if c not in STOP_CHARS]
    if not word_units and not units and not meaningful_chars:
        meaningful_chars = single_chars[:3]
    for c in meaningful_chars:
        result.substrings.append(c)
        result.highlight.append(c)
    units.extend(word_units)
    tree = _and(units)

    # Pinyin reading of an all-Latin query: she bao / shebao → title pinyin or a synonym.
    if not result.substrings and _PINYIN_QUERY.fullmatch(rest) and len(rest.replace(" ", "")) >= 2:
        joined = rest.replace(" ", "")
        alternatives = [tree, Term(joined), *pinyin_split(joined)]
        if joined in synonyms.by_pinyin:
            alternatives.append(_group_node(synonyms.by_pinyin[joined], result.highlight))
        tree = _or(alternatives)
    result.tree = tree
    return result


@functools.lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (about 400), from pypinyin's table; once per process."""
    from pypinyin import Style, lazy_pinyin

    chars = "".join(chr(c) for c in range(0x4E00, 0x9FA6))
    return frozenset(s for s in lazy_pinyin(chars, style=Style.NORMAL, errors="ignore") if re.search("[aeiouv]", s))


def _syllable_cuts(s: str, limit: int = 8) -> list[list[str]]:
    """Ways to read a run of letters as pinyin syllables (xian: xian, xi an)."""
    syllables = _syllables()
    out: list[list[str]] = []

    def walk(pos: int, acc: list[str]) -> None:
        if len(out) >= limit:
            return
        if pos == len(s):
            out.append(list(acc))
            return
        for end in range(min(len(s), pos + 6), pos, -1):
            if s[pos:end] in syllables:
                walk(end, [*acc, s[pos:end]])

    walk(0, [])
    return out


def pinyin_split(joined: str, limit: int = 12) -> list:
    """Full pinyin typed without spaces, read as two or three words of two syllables or more:
    zaixianfangtan → zaixian + fangtan, each matched against the pinyin the index keeps of
    every title word and every body word (在线 访谈 in running text)."""
    if len(joined) > 40:
        return []
    found: list = []
    for cut in _syllable_cuts(joined):
        n = len(cut)
        groupings = [[a, n - a] for a in range(2, n - 1)]
        groupings += [[a, b, n - a - b] for a in range(2, n) for b in range(2, n - a - 1)]
        for sizes in groupings:
            if any(k < 2 for k in sizes):
                continue
            parts, pos = [], 0
            for k in sizes:
                parts.append("".join(cut[pos : pos + k]))
                pos += k
            node = And(tuple(Term(p) for p in parts))
            if node not in found:
                found.append(node)
            if len(found) >= limit:
                return found
    return found


def relaxed(parsed: ParsedQuery) -> ParsedQuery:
    """Any of the query's words (and their sub-words): the nearest matches for a no-hit query."""
    terms: list[str] = []

    def collect(node):
        if isinstance(node, Term):
            terms.append(node.word)
        elif isinstance(node, Phrase):
            terms.extend(node.words)
        elif node is not None:
            for child in node.children:
                collect(child)

    collect(parsed.tree)
    for s in parsed.substrings:
        terms.extend(w for w in text.words(s) if len(w) > 1)
        terms.extend(text.sub_words(s))
    unique = list(dict.fromkeys(terms))
    return ParsedQuery(
        raw=parsed.raw,
        normalized=parsed.normalized,
        tree=_or([Term(t) for t in unique]),
        highlight=parsed.highlight or unique,
    )

# ruff: noqa: E402, B905
"""Segmenter comparison for ADR 0005: jieba (pure Python) vs rjieba (Rust), plus OpenCC.

Needs `jieba` next to the project's dependencies (it is not one of them):
    python -m venv /tmp/seg && /tmp/seg/bin/pip install jieba rjieba opencc
    /tmp/seg/bin/python bench/search_segmenters.py [DOCS]
Measures load time, MB/s in default and search mode on the generated corpus, and whether
the two produce the same tokens.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.search_corpus import documents  # noqa: E402

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 600
t0 = time.perf_counter()
import jieba

jieba.setLogLevel(60)
jieba.initialize()
tj = time.perf_counter() - t0
t0 = time.perf_counter()
import rjieba

rjieba.cut("预热")
tr = time.perf_counter() - t0
t0 = time.perf_counter()
import opencc

cc = opencc.OpenCC("t2s")
to = time.perf_counter() - t0
docs = [d.title + "。" + d.body for d in documents(COUNT)]
text = "\n".join(docs)
mb = len(text.encode()) / 1e6
print(f"corpus {mb:.2f} MB ({len(docs)} docs); load: jieba {tj:.2f}s rjieba {tr:.3f}s opencc {to:.3f}s")


def m(name, f):
    t0 = time.perf_counter()
    out = [f(d) for d in docs]
    dt = time.perf_counter() - t0
    print(f"{name:28s} {mb / dt:7.2f} MB/s")
    return out


a = m("jieba cut (default)", lambda d: list(jieba.cut(d)))
b = m("jieba cut_for_search", lambda d: list(jieba.cut_for_search(d)))
c = m("rjieba cut", lambda d: rjieba.cut(d))
e = m("rjieba cut_for_search", lambda d: rjieba.cut_for_search(d))
m("opencc t2s", lambda d: cc.convert(d))


def agree(x, y):
    same = tot = 0
    for p, q in zip(x, y):
        s1, s2 = set(p), set(q)
        same += len(s1 & s2)
        tot += len(s1 | s2)
    return same / tot


eq = sum(p == q for p, q in zip(a, c))
print(f"default: identical token lists {eq}/{len(a)}, vocab Jaccard {agree(a, c):.4f}")
eq = sum(p == q for p, q in zip(b, e))
print(f"search: identical token lists {eq}/{len(b)}, vocab Jaccard {agree(b, e):.4f}")
for w in ["社保", "住房公积金", "社会保险", "网站建设", "市人力资源和社会保障局", "城乡居民医疗保险"]:
    print(w, list(jieba.cut(w)), rjieba.cut(w), rjieba.cut_for_search(w))

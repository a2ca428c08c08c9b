"""Extraction throughput: kg's full pipeline against bare spaCy on the same texts.

Three variants run on the same paragraphs, the corpus cut into blocks and the variants'
order rotated from block to block (so a slow minute on a shared machine hits all alike):

- ``kg``: :func:`kg.extract.extract_documents` — kg's pipeline, Documents out;
- ``spacy``: ``spacy.load(kg.config.spacy_model())`` and ``nlp.pipe`` — the reference the
  target is stated against;
- ``spacy_as_kg``: the same model loaded as kg loads it (``exclude=["lemmatizer"]``), i.e.
  exactly the spaCy components kg runs, so the ratio against it is kg's own overhead only.

Same texts, same ``batch_size``, and the same ``n_process`` for all (1, then 2).

Then, on a subset, where kg's time goes: each pipeline component's *exclusive* time (its
``pipe``/``__call__`` wrapped with a clock that subtracts upstream generators), and a cProfile
taken only inside kg's own components, bucketed (kg code, dateparser, ``re``, spaCy
attribute access, ...) and scaled to the component times measured without the profiler.
"""
from __future__ import annotations

import cProfile
import linecache
import pstats
import re
import time
from collections import Counter, defaultdict
from functools import partial
from pathlib import Path
from typing import Any

from .common import median, parse_date_fn, rotate, timed, word_count

BATCH_SIZE = 64  # what `kg ingest` passes to extract_documents


# -- throughput ------------------------------------------------------------------------------
def _blocks(items: list, n: int) -> list[list]:
    size = -(-len(items) // n)
    return [items[i:i + size] for i in range(0, len(items), size)]


def throughput(articles: list, *, n_blocks: int, n_process: int, keep_docs: bool = False,
               log=print) -> dict[str, Any]:
    """Words per second of each variant, interleaved by block; the kg Documents if asked."""
    import spacy

    from kg import config
    from kg.extract import extract_documents, load_pipeline

    model = config.spacy_model()
    nlp_ref = spacy.load(model)
    nlp_as_kg = spacy.load(model, exclude=["lemmatizer"])
    load_pipeline()  # loaded once per process, as in kg ingest; not timed

    def run_kg(block):
        return list(extract_documents(block, batch_size=BATCH_SIZE, n_process=n_process))

    def run_spacy(nlp):
        def go(block):
            return sum(len(d) for d in nlp.pipe([a.text for a in block], batch_size=BATCH_SIZE, n_process=n_process))
        return go

    variants = {"kg": run_kg, "spacy": run_spacy(nlp_ref), "spacy_as_kg": run_spacy(nlp_as_kg)}
    warm = articles[:16]
    for fn in variants.values():  # first-call costs (vocab growth, allocator) off the clock
        fn(warm)

    seconds: dict[str, list[float]] = defaultdict(list)
    docs: list = []
    tokens = 0
    blocks = _blocks(articles, n_blocks)
    for i, block in enumerate(blocks):
        for name in rotate(list(variants), i):
            dt, out = timed(lambda: variants[name](block))
            seconds[name].append(dt)
            if name == "kg" and keep_docs:
                docs.extend(out)
            if name == "spacy":
                tokens += out
        log(f"  extraction n_process={n_process}: block {i + 1}/{len(blocks)} "
            + ", ".join(f"{k} {v[-1]:.1f}s" for k, v in seconds.items()))
    words = [sum(word_count(a.text) for a in b) for b in blocks]
    total_words = sum(words)
    out: dict[str, Any] = {"n_process": n_process, "batch_size": BATCH_SIZE, "articles": len(articles),
                           "words": total_words, "spacy_tokens": tokens, "blocks": len(blocks), "variants": {}}
    for name, secs in seconds.items():
        out["variants"][name] = {"seconds": round(sum(secs), 3), "words_per_s": round(total_words / sum(secs), 1),
                                 "block_seconds": [round(s, 3) for s in secs]}
    for ref in ("spacy", "spacy_as_kg"):
        per_block = [(words[j] / seconds["kg"][j]) / (words[j] / seconds[ref][j]) for j in range(len(blocks))]
        out[f"ratio_vs_{ref}"] = round(sum(seconds[ref]) / sum(seconds["kg"]), 3)
        out[f"ratio_vs_{ref}_block_median"] = round(median(per_block), 3)
        out[f"ratio_vs_{ref}_block_range"] = [round(min(per_block), 3), round(max(per_block), 3)]
    if keep_docs:
        out["entities"] = sum(len(d.entities) for d in docs)
        out["relations"] = sum(len(d.relations) for d in docs)
        out["_docs"] = docs  # handed to the write benchmark, not serialised
    return out


# -- where the time goes -------------------------------------------------------------------------
class _Clock:
    """Exclusive wall time per pipeline stage across a chain of generators."""

    def __init__(self):
        self.excl: Counter = Counter()
        self.stack: list[float] = []

    def wrap(self, name: str, it):
        it = iter(it)
        while True:
            t0 = time.perf_counter()
            self.stack.append(0.0)
            try:
                item = next(it)
            except StopIteration:
                self._close(name, t0)
                return
            self._close(name, t0)
            yield item

    def _close(self, name: str, t0: float) -> None:
        elapsed = time.perf_counter() - t0
        child = self.stack.pop()
        self.excl[name] += elapsed - child
        if self.stack:
            self.stack[-1] += elapsed


class _Timed:
    """Stands in for a pipeline component: times it, optionally profiles it."""

    def __init__(self, name: str, proc, clock: _Clock, profiler: cProfile.Profile | None = None):
        self.name, self.proc, self.clock, self.profiler = name, proc, clock, profiler

    def __call__(self, doc, **kwargs):  # not used by nlp.pipe, kept for completeness
        return self.proc(doc, **kwargs)

    def pipe(self, docs, **kwargs):
        if hasattr(self.proc, "pipe"):
            inner = self.proc.pipe(docs, **kwargs)
        else:
            inner = self._each(docs)
        return self.clock.wrap(self.name, inner)

    def _each(self, docs):
        prof = self.profiler
        for doc in docs:
            if prof is None:
                yield self.proc(doc)
            else:
                prof.enable()
                out = self.proc(doc)
                prof.disable()
                yield out


def _instrument(nlp, clock: _Clock, profile_names: set[str] = frozenset(), profiler=None):
    nlp._components = [(name, _Timed(name, proc, clock, profiler if name in profile_names else None))
                       for name, proc in nlp._components]
    return nlp


def components(articles: list, log=print) -> dict[str, Any]:
    """Exclusive ms per article of every stage, for kg's pipeline and for bare spaCy."""
    import spacy

    from kg import config
    from kg.extract import pipeline as kgp

    model = config.spacy_model()
    loader = partial(kgp.load_pipeline, cached=False)  # a private copy, not the cached one
    out: dict[str, Any] = {"articles": len(articles), "words": sum(word_count(a.text) for a in articles)}
    runs = {}
    for label in ("kg", "spacy"):
        nlp = loader(model) if label == "kg" else spacy.load(model)
        clock = _Clock()
        _instrument(nlp, clock)
        list(nlp.pipe([a.text for a in articles[:8]], batch_size=BATCH_SIZE))  # warm
        clock.excl.clear()
        t = time.perf_counter()
        if label == "kg":
            to_doc = getattr(kgp, "_to_doc", lambda nlp, a: nlp.make_doc(a.text))
            to_document = getattr(kgp, "_document", lambda a, d: d)
            source = clock.wrap("make_doc (+kg date)", (to_doc(nlp, a) for a in articles))
            for a, d in zip(articles, nlp.pipe(source, batch_size=BATCH_SIZE)):
                t0 = time.perf_counter()
                to_document(a, d)
                clock.excl["Document objects"] += time.perf_counter() - t0
        else:
            source = clock.wrap("make_doc (+kg date)", (nlp.make_doc(a.text) for a in articles))
            for _ in nlp.pipe(source, batch_size=BATCH_SIZE):
                pass
        total = time.perf_counter() - t
        runs[label] = {"total_s": total, "stages": dict(clock.excl)}
        log(f"  components ({label}): {total:.1f}s for {len(articles)} articles")
    n = len(articles)
    names = list(dict.fromkeys(list(runs["kg"]["stages"]) + list(runs["spacy"]["stages"])))
    out["stages"] = [{"stage": s,
                      "kg_ms_per_article": round(runs["kg"]["stages"].get(s, 0.0) * 1000 / n, 2),
                      "spacy_ms_per_article": round(runs["spacy"]["stages"].get(s, 0.0) * 1000 / n, 2),
                      "kg_share": round(runs["kg"]["stages"].get(s, 0.0) / runs["kg"]["total_s"], 3)}
                     for s in names]
    out["kg_total_ms_per_article"] = round(runs["kg"]["total_s"] * 1000 / n, 2)
    out["spacy_total_ms_per_article"] = round(runs["spacy"]["total_s"] * 1000 / n, 2)
    own = [s for s in runs["kg"]["stages"] if s.startswith("kg_") or s == "Document objects"]
    out["kg_own_stages_ms_per_article"] = round(sum(runs["kg"]["stages"][s] for s in own) * 1000 / n, 2)
    out["kg_own_share"] = round(sum(runs["kg"]["stages"][s] for s in own) / runs["kg"]["total_s"], 3)
    out["_kg_stage_seconds"] = runs["kg"]["stages"]
    return out


# -- cProfile inside kg's components -------------------------------------------------------------
_BUCKETS = (
    ("dateparser (+dateutil, regex pkg, pytz)", re.compile(r"/(dateparser|dateutil|regex|pytz|tzlocal)/")),
    ("kg/extract/entities.py (own code)", re.compile(r"/kg/extract/entities\.py$")),
    ("kg/extract/relations.py (own code)", re.compile(r"/kg/extract/relations\.py$")),
    ("kg money.py (own code)", re.compile(r"/kg/(extract/)?money\.py$")),
    ("kg/extract/pipeline.py (own code)", re.compile(r"/kg/extract/pipeline\.py$")),
    ("kg other (lexicon, model, resolve...)", re.compile(r"/kg/")),
    ("spaCy Doc/Span/Token access", re.compile(r"spacy/tokens/")),
    ("spaCy Matcher/PhraseMatcher", re.compile(r"spacy/matcher/")),
    ("spaCy other", re.compile(r"spacy/|thinc/")),
    ("normality / fingerprints", re.compile(r"/(normality|fingerprints)/")),
    ("stdlib re module (compile cache)", re.compile(r"/re/|sre_")),
)


def _bucket(func: tuple) -> str:
    filename, _, name = func
    if filename == "~":
        if "re.Pattern" in name or "re.Match" in name or "_sre" in name:
            return "stdlib re: Pattern.search/finditer/sub/match (regex rules)"
        return "builtins (str, list, dict, len, sorted...)"
    for label, rx in _BUCKETS:
        if rx.search(filename):
            return label
    return "other Python"


def _label(func: tuple) -> str:
    """file:line(function), with Cython property getters named after their property."""
    filename, line, name = func
    if filename == "~":
        return name
    short = re.sub(r"^.*?/(site-packages|lib/python3\.\d+)/", "", filename)
    short = re.sub(r"^.*?/(kg/)", r"\1", short)
    if name in ("__get__", "genexpr", "<genexpr>") and filename.endswith(".pyx"):
        for ln in range(line, line + 4):
            m = re.match(r"\s*def (\w+)", linecache.getline(filename, ln))
            if m:
                name = f"{name} of {m.group(1)}"
                break
    return f"{short}:{line}({name})"


def profile(articles: list, stage_seconds: dict[str, float], log=print, top: int = 15) -> dict[str, Any]:
    """cProfile switched on only while kg's own components run; shares scaled to real time."""
    from kg import config
    from kg.extract import pipeline as kgp

    nlp = kgp.load_pipeline(config.spacy_model(), cached=False)
    prof = cProfile.Profile()
    own = {name for name, _ in nlp._components if name.startswith("kg_")}
    _instrument(nlp, _Clock(), own, prof)
    to_doc = getattr(kgp, "_to_doc", lambda nlp, a: nlp.make_doc(a.text))
    list(nlp.pipe((to_doc(nlp, a) for a in articles[:8]), batch_size=BATCH_SIZE))  # warm caches off the profile
    prof = cProfile.Profile()
    for _, comp in nlp._components:
        if comp.profiler is not None:
            comp.profiler = prof
    parse_date = parse_date_fn()  # a cold date cache, as in a fresh `kg ingest` process
    if parse_date is not None and hasattr(parse_date, "cache_clear"):
        parse_date.cache_clear()
    t = time.perf_counter()
    docs = list(nlp.pipe((to_doc(nlp, a) for a in articles), batch_size=BATCH_SIZE))
    log(f"  profile: {time.perf_counter() - t:.1f}s for {len(articles)} articles (profiler on inside {sorted(own)})")
    st = pstats.Stats(prof)
    stats = st.stats  # func -> (cc, nc, tt, ct, callers)
    total_tt = sum(v[2] for v in stats.values()) or 1e-9
    real = sum(stage_seconds.get(n, 0.0) for n in own)  # the same stages, measured without the profiler
    scale = real / total_tt if real else 1.0
    n = len(articles)

    buckets: Counter = Counter()
    for func, (_, _, tt, _, _) in stats.items():
        buckets[_bucket(func)] += tt
    by_bucket = [{"bucket": b, "share_of_kg_components": round(v / total_tt, 3),
                  "est_ms_per_article": round(v * scale * 1000 / n, 3)} for b, v in buckets.most_common()]

    def is_kg(func):
        return "/kg/" in func[0]

    top_self = [{"function": _label(f), "calls": v[1], "share": round(v[2] / total_tt, 3),
                 "est_ms_per_article": round(v[2] * scale * 1000 / n, 3)}
                for f, v in sorted(stats.items(), key=lambda kv: -kv[1][2])[:top]]
    top_kg_cum = [{"function": _label(f), "calls": v[1], "cum_share": round(v[3] / total_tt, 3),
                   "est_ms_per_article": round(v[3] * scale * 1000 / n, 3)}
                  for f, v in sorted(((f, v) for f, v in stats.items() if is_kg(f)), key=lambda kv: -kv[1][3])[:top]]
    # what kg's code calls outside kg, by callee, with the time spent below each call
    external: dict[tuple, list] = defaultdict(lambda: [0, 0.0, Counter()])
    for callee, (_, _, _, _, callers) in stats.items():
        if is_kg(callee):
            continue
        for caller, (_, nc, _, ct) in callers.items():
            if is_kg(caller):
                e = external[callee]
                e[0] += nc
                e[1] += ct
                e[2][_label(caller)] += ct
    top_external = [{"callee": _label(f), "calls_from_kg": c, "cum_share": round(t / total_tt, 3),
                     "est_ms_per_article": round(t * scale * 1000 / n, 3),
                     "main_callers": [k for k, _ in callers.most_common(3)]}
                    for f, (c, t, callers) in sorted(external.items(), key=lambda kv: -kv[1][1])[:top]]
    date_calls = [v for f, v in stats.items() if re.search(r"/kg/(extract/)?money\.py$", f[0]) and f[2] == "parse_date"]
    # Doc.text rebuilds the whole text from its tokens on every access; time that directly,
    # without the profiler, and multiply by how often kg's code asks for it
    text_calls = sum(c for f, (c, _, _) in external.items() if _label(f).endswith("of text)"))
    reps = 5
    t = time.perf_counter()
    for d in docs:
        for _ in range(reps):
            d.text
    per_call = (time.perf_counter() - t) / (reps * len(docs))
    doc_text = {"calls_per_article": round(text_calls / n, 1), "ms_per_call": round(per_call * 1000, 3),
                "ms_per_article": round(per_call * 1000 * text_calls / n, 3),
                "share_of_kg_components": round(per_call * text_calls / real, 3) if real else None}
    return {
        "articles": n, "profiled_seconds": round(total_tt, 3), "real_seconds_of_kg_components": round(real, 3),
        "profiler_inflation": round(total_tt / real, 2) if real else None,
        "buckets": by_bucket, "top_self": top_self, "top_kg_cumulative": top_kg_cum, "top_external_calls": top_external,
        "parse_date_uncached_calls": sum(v[1] for v in date_calls),
        "doc_text_measured": doc_text,
        "note": "cProfile runs only inside kg_* components; shares are of their profiled time and est_ms scales "
                "them to the same components' unprofiled time (cProfile inflates Python-heavy code more).",
    }


def run(articles: list, *, quick: bool, log=print) -> dict[str, Any]:
    res: dict[str, Any] = {"articles": len(articles), "words": sum(word_count(a.text) for a in articles)}
    log(f"extraction: {len(articles)} articles, {res['words']} words")
    res["n1"] = throughput(articles, n_blocks=3 if quick else 6, n_process=1, keep_docs=True, log=log)
    res["n2"] = throughput(articles, n_blocks=1 if quick else 3, n_process=2, log=log)
    sub = articles[: (100 if quick else 400)]
    res["components"] = components(sub, log=log)
    res["profile"] = profile(sub, res["components"].pop("_kg_stage_seconds"), log=log)
    res["profile"]["_note_dates"] = ("the date cache (kg.money.parse_date, lru_cache) is cleared before the "
                                     "profiled run, as in a fresh process")
    return res

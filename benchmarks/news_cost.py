"""What each entity recogniser costs on news: kg's extraction with ``KG_NER=stock`` and with the
default ``merged`` (the fine-tuned recogniser run beside the stock one), against bare
``spacy.load(model)``, on the development sets' news articles, rounds interleaved in one process.

    python -m benchmarks.news_cost [--rounds 3] [--out results.json]

The main extraction benchmark (``--sections extraction``) reads DoD paragraphs, which ``merged``
sends to the stock recogniser alone; news is where the second recogniser runs.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .common import abba, machine_info, timed, word_count

ROOT = Path(__file__).resolve().parents[1]
NEWS_SETS = ("gold-dev3", "gold-dev4", "gold-dev6", "gold-dev7", "gold-dev9", "gold-dev11", "gold-dev12",
             "gold-dev13", "gold-dev14")  # news only; never a held-out set


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out", help="also write the results as JSON here")
    args = ap.parse_args(argv)

    import spacy

    from kg import config
    from kg.evaluate import load_gold
    from kg.extract.pipeline import extract_documents, load_pipeline

    articles = [t.article for s in NEWS_SETS for t in load_gold(ROOT / "tests" / s)]
    texts = [a.text for a in articles]
    words = sum(word_count(t) for t in texts)
    bare = spacy.load(config.spacy_model())

    def kg(mode: str):
        def run():
            os.environ["KG_NER"] = mode
            list(extract_documents(articles))
        return run

    def spacy_only():
        list(bare.pipe(texts))

    saved = os.environ.get("KG_NER")
    try:
        for mode in ("stock", "merged"):  # loaded and warmed off the clock
            os.environ["KG_NER"] = mode
            load_pipeline()
            list(extract_documents(articles[:10]))
        list(bare.pipe(texts[:10]))
        seconds: dict[str, list[float]] = {"spacy": [], "stock": [], "merged": []}
        for r in range(args.rounds):
            for name in ["spacy"] + abba(r, "stock", "merged"):
                seconds[name].append(timed(spacy_only if name == "spacy" else kg(name))[0])
                print(f"round {r + 1}: {name} {seconds[name][-1]:.1f}s", file=sys.stderr)
    finally:
        if saved is None:
            os.environ.pop("KG_NER", None)
        else:
            os.environ["KG_NER"] = saved
    best = {k: min(v) for k, v in seconds.items()}
    out = {
        "machine": machine_info(), "articles": len(articles), "words": words, "seconds": seconds,
        "words_per_second": {k: round(words / v) for k, v in best.items()},
        "kg_stock_vs_spacy": round(best["spacy"] / best["stock"], 3),
        "kg_merged_vs_spacy": round(best["spacy"] / best["merged"], 3),
        "merged_time_vs_stock": round(best["merged"] / best["stock"], 2),
    }
    print(json.dumps({k: v for k, v in out.items() if k != "machine"}, indent=1))
    if args.out:
        Path(args.out).write_text(json.dumps(out, indent=1) + "\n")
    return out


if __name__ == "__main__":
    main()

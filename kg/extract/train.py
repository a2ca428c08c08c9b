"""Train the learned contract fallback (``kg.extract.learned``) from development gold sets.

    python -m kg.extract.train tests/gold tests/gold-dev2 ... [--out kg/extract/data/deal_model.json]
    python -m kg.extract.train --loso tests/gold tests/gold-dev2 ...   # leave one set out, scores per set

Needs the ``train`` extra (scikit-learn); the model it writes is plain JSON, applied without it.
Only news texts are used (DoD paragraphs have their own reader). A candidate is positive when the
gold names the same buyer and supplier in an asserted contract, with the entities matched by
``kg.evaluate``'s matcher; pairs the gold gives only as hedged or denied are left out.
Held-out sets and the engineers' check set are refused.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..evaluate import _gold_entity_keys, _gold_names, evaluate, gold_match, load_gold, text_kind
from . import learned
from .pipeline import extract_document, load_pipeline

SEED = 20261127
C = 1.0  # inverse L2 strength: out-of-set F1 on rule-silent candidates 0.29 at 1.0, 0.27 at 0.3, 0.24 at 0.1
MIN_COUNT = 2  # a feature seen in fewer training candidates is dropped
REFUSED = ("heldout", "dev9")


def _check(sets: list[str]) -> None:
    for s in sets:
        if any(r in Path(s).name for r in REFUSED):
            sys.exit(f"refused: {s} is a held-out or check set, never trained on")


def gather(gold_dir: str) -> list[dict]:
    """Every candidate pair of the set's news texts: features, label, and whether a rule found it."""
    nlp = load_pipeline()
    rows = []
    for t in load_gold(gold_dir):
        if text_kind(t.gold) == "dod":
            continue
        sink: list = []
        learned.collect(sink)
        try:
            extract_document(t.article, nlp)
        finally:
            learned.collect(None)
        gents = [dict(e, _keys=_gold_entity_keys(e)) for e in t.gold["entities"]]
        canonical = _gold_names(t.gold)
        asserted, other = set(), set()
        for c in t.gold.get("contracts", []):
            pair = (canonical.get(c.get("buyer"), c.get("buyer")), canonical.get(c.get("supplier"), c.get("supplier")))
            (asserted if c.get("status", "asserted") == "asserted" else other).add(pair)

        def gold_name(e) -> str | None:
            g = gold_match(e, gents)
            return g["name"] if g else None

        for doc, entities, cand, ruled, status in sink:
            pair = (gold_name(entities[cand.buyer]), gold_name(entities[cand.supplier]))
            if pair in other and pair not in asserted:
                continue
            rows.append({"set": Path(gold_dir).name, "text": t.path.stem, "features": cand.features,
                         "label": int(pair in asserted), "ruled": ruled, "status": status,
                         # for reading errors only, never a feature
                         "pair": [entities[cand.buyer].name, entities[cand.supplier].name],
                         "sentence": doc.text[cand.sentence[0]:cand.sentence[1]]})
    return rows


def fit(rows: list[dict], silent_only: bool = False, fixed_threshold: float | None = None) -> dict:
    """Logistic regression over binary features; the threshold that maximises F1 on rule-silent
    candidates in out-of-set predictions (each training set predicted by a model of the others)."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    train = [r for r in rows if not (silent_only and r["ruled"])]
    counts: dict[str, int] = {}
    for r in train:
        for f in set(r["features"]):
            counts[f] = counts.get(f, 0) + 1
    keep = {f for f, n in counts.items() if n >= MIN_COUNT}

    def model_of(part):
        vec = DictVectorizer()
        X = vec.fit_transform([{f: 1 for f in r["features"] if f in keep} for r in part])
        y = np.array([r["label"] for r in part])
        clf = LogisticRegression(C=C, max_iter=2000, random_state=SEED, solver="lbfgs")
        clf.fit(X, y)
        return vec, clf

    # the threshold: out-of-set probabilities of the rule-silent candidates
    sets = sorted({r["set"] for r in train})
    scored: list[tuple[float, int]] = []
    if len(sets) > 1:
        for s in sets:
            vec, clf = model_of([r for r in train if r["set"] != s])
            # (what the hook would weigh: a pair no rule found, in a statement not hedged or denied)
            test = [r for r in rows if r["set"] == s and not r["ruled"] and r.get("status", "asserted") == "asserted"]
            if test:
                p = clf.predict_proba(vec.transform([{f: 1 for f in r["features"]} for r in test]))[:, 1]
                scored += list(zip(p.tolist(), [r["label"] for r in test]))
    threshold, best = 0.5, -1.0
    positives = sum(y for _, y in scored)
    for th in [x / 100 for x in range(20, 91, 5)]:
        tp = sum(1 for p, y in scored if p >= th and y)
        fp = sum(1 for p, y in scored if p >= th and not y)
        f1 = 2 * tp / (2 * tp + fp + (positives - tp)) if tp else 0.0
        if f1 > best:
            threshold, best = th, f1
    if fixed_threshold is not None:
        threshold = fixed_threshold
    vec, clf = model_of(train)
    weights = {f: round(float(w), 4) for f, w in zip(vec.get_feature_names_out(), clf.coef_[0]) if abs(w) >= 1e-4}
    return {"bias": round(float(clf.intercept_[0]), 4), "threshold": threshold, "weights": dict(sorted(weights.items())),
            "trained_on": sets, "examples": len(train), "positives": int(sum(r["label"] for r in train)),
            "rule_silent_only": silent_only, "C": C, "seed": SEED, "min_count": MIN_COUNT,
            "out_of_set": {"candidates": len(scored), "positives": positives, "f1_at_threshold": round(best, 3)}}


def write(model: dict, out: str | Path) -> None:
    Path(out).write_text(json.dumps(model, indent=1, sort_keys=False) + "\n", encoding="utf-8")


def _scores(gold_dir: str, model_file: str | None) -> dict:
    if model_file:
        os.environ[learned.ENV] = model_file
    else:
        os.environ.pop(learned.ENV, None)
    (report,) = evaluate(gold_dir, baseline=False)
    out = {k: report.scores[k].to_dict() for k in ("entities", "relations", "contracts")}
    out["buyer+supplier"] = report.breakdown["contracts on buyer+supplier"].to_dict()
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m kg.extract.train", description=__doc__.split("\n")[0])
    ap.add_argument("sets", nargs="+", help="development gold folders")
    ap.add_argument("--out", default=str(Path(__file__).parent / "data" / learned.MODEL_FILE))
    ap.add_argument("--loso", action="store_true", help="leave each set out in turn and score it, rules alone and with the model")
    ap.add_argument("--silent-only", action="store_true", help="train on rule-silent candidates only")
    ap.add_argument("--threshold", type=float, help="a fixed threshold instead of the out-of-set F1 maximum")
    ap.add_argument("--cache", help="a JSON file of gathered candidates (written if missing)")
    args = ap.parse_args(argv)
    _check(args.sets)
    if args.cache and Path(args.cache).exists():
        rows = json.loads(Path(args.cache).read_text())
    else:
        rows = [r for s in args.sets for r in gather(s)]
        if args.cache:
            Path(args.cache).write_text(json.dumps(rows))
    names = [Path(s).name for s in args.sets]
    rows = [r for r in rows if r["set"] in names]
    print(f"{len(rows)} candidates, {sum(r['label'] for r in rows)} positive, "
          f"{sum(1 for r in rows if not r['ruled'])} rule-silent ({sum(r['label'] for r in rows if not r['ruled'])} positive)",
          file=sys.stderr)
    if not args.loso:
        write(fit(rows, args.silent_only, args.threshold), args.out)
        return
    print("set,system,entities,relations,contracts,buyer+supplier P,buyer+supplier R,threshold")
    for s, name in zip(args.sets, names):
        if not any(r["set"] == name for r in rows):
            continue
        model = fit([r for r in rows if r["set"] != name], args.silent_only, args.threshold)
        path = f"/tmp/deal_model_without_{name}.json"
        write(model, path)
        for system, mf in (("rules", None), ("rules+model", path)):
            sc = _scores(s, mf)
            print(f"{name},{system},{sc['entities']['f1']},{sc['relations']['f1']},{sc['contracts']['f1']},"
                  f"{sc['buyer+supplier']['precision']},{sc['buyer+supplier']['recall']},{model['threshold']}", flush=True)


if __name__ == "__main__":
    main()

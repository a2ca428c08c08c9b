"""Which field fails for each gold news contract kg misses: the closest prediction, field by field.

    python scripts/contract_errors.py tests/gold-dev3          # news texts only
    python scripts/contract_errors.py tests/gold-dev2 --all    # DoD paragraphs too

For development sets only: a held-out set's errors are never read.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's kg, not an installed one

from kg.evaluate import _amount_eq, _gold_entity_keys, _keys, _match_entity, load_gold  # noqa: E402
from kg.extract import extract_documents  # noqa: E402


def _predictions(doc, name_of):
    out = []
    for e in doc.entities:
        if e.type != "Contract":
            continue
        buyer = supplier = None
        evidence = ""
        for r in doc.relations:
            if r.type == "AWARDED" and r.target == e.id:
                buyer = name_of.get(r.source) or "?" + doc.entity(r.source).name
                evidence = r.evidence.text if r.evidence else evidence
            if r.type == "AWARDED_TO" and r.source == e.id:
                supplier = name_of.get(r.target) or "?" + doc.entity(r.target).name
                evidence = evidence or (r.evidence.text if r.evidence else "")
        out.append((buyer, supplier, e.properties.get("amount"), e.properties.get("date"), evidence))
    return out


def _failing(pred, gold, article_date) -> list[str]:
    out = []
    if pred[0] != gold["buyer"]:
        out.append(f"buyer {pred[0]!r} (gold {gold['buyer']!r})")
    if pred[1] != gold["supplier"]:
        out.append(f"supplier {pred[1]!r} (gold {gold['supplier']!r})")
    if not _amount_eq(pred[2], gold["amount"]):
        out.append(f"amount {pred[2]} (gold {gold['amount']})")
    if not (pred[3] == gold["date"] or gold["date"] is None and pred[3] in (None, article_date)):
        out.append(f"date {pred[3]} (gold {gold['date']})")
    return out


def main(gold_dir: str, news_only: bool = True) -> None:
    if "heldout" in gold_dir:
        sys.exit("a held-out set's errors are never read")
    texts = [t for t in load_gold(gold_dir) if not news_only or t.gold["source"]["kind"] != "dod"]
    tp = fp = fn = 0
    for t, doc in zip(texts, extract_documents(t.article for t in texts)):
        gold_entities = [dict(e, _keys=_gold_entity_keys(e)) for e in t.gold["entities"]]
        name_of = {}
        for e in doc.entities:
            g = _match_entity(_keys([e.name, *e.aliases], e.type), gold_entities)
            name_of[e.id] = g["name"] if g else None
        preds = _predictions(doc, name_of)
        used, missed = set(), []
        for g in (c for c in t.gold["contracts"] if c.get("status", "asserted") == "asserted"):
            hit = next((i for i, p in enumerate(preds) if i not in used and not _failing(p, g, t.article.date)), None)
            if hit is None:
                missed.append(g)
            else:
                used.add(hit)
        extra = [p for i, p in enumerate(preds) if i not in used]
        tp, fn, fp = tp + len(used), fn + len(missed), fp + len(extra)
        if not missed and not extra:
            continue
        print(f"== {t.path.name} (article date {t.article.date})")
        for g in missed:
            print(f"  missed {g['buyer']} -> {g['supplier']} {g['amount']} {g['date']}")
            closest = min(extra or preds, key=lambda p: len(_failing(p, g, t.article.date)), default=None)
            if closest is None:
                print("     no prediction")
            else:
                print(f"     closest fails on: {'; '.join(_failing(closest, g, t.article.date))}")
                print(f"     evidence: {closest[4][:200]!r}")
        for p in extra:
            print(f"  false positive {p[0]} -> {p[1]} {p[2]} {p[3]} | {p[4][:160]!r}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    print(f"tp {tp} fp {fp} fn {fn}  precision {p:.3f} recall {r:.3f}")


if __name__ == "__main__":
    main(sys.argv[1], "--all" not in sys.argv[2:])

"""Checks the held-out gold files against the format in tests/gold/README.md.

Run from the repository root:  python tests/gold-heldout/_validate.py [FOLDER]
(FOLDER defaults to tests/gold-heldout; tests/gold-heldout2 is checked the same way).
Prints counts only (no per-text content).
"""
import csv, json, re, sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parent
TYPES = {"Agency", "Company", "Person", "Organization", "Product", "Location", "Law", "Other"}
RELS = {"PART_OF", "SUBSIDIARY_OF", "PAID", "INVESTED_IN", "FOUNDED", "WORKS_FOR", "REPRESENTS",
        "PRODUCT_OF", "ACQUIRED", "OWNS", "LOCATED_IN"}
STATUS = {"asserted", "hedged", "denied"}
CKEYS = {"buyer", "supplier", "amount", "currency", "date", "title", "identifiers"}
OPT = {"modification", "order", "approximate", "status", "note"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def collapse(s):
    return " ".join(s.split())


def text_of(src):
    path = (ROOT / src["path"]).resolve()
    if src["kind"] == "dod":
        with open(path, newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))[src["row"]]["announcement"]
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith("---\n"), "no front matter"
    body = raw.split("\n---\n", 1)[1]
    return body


def check(f):
    errs = []
    d = json.loads(f.read_text(encoding="utf-8"))
    if set(d) != {"source", "entities", "relations", "contracts"}:
        errs.append(f"top-level keys {sorted(d)}")
    text = collapse(text_of(d["source"]))
    names = {}
    for e in d["entities"]:
        if e["type"] not in TYPES:
            errs.append(f"bad type {e['type']}")
        if not set(e) <= {"name", "type", "aliases", "other_names"}:
            errs.append(f"entity keys {sorted(e)}")
        for n in [e["name"], *e["aliases"]]:
            if n not in text:
                errs.append(f"name not in text: {n!r}")
            if n in names:
                errs.append(f"name used twice: {n!r}")
            names[n] = e
        for n in e.get("other_names", []):
            if n in text:
                errs.append(f"other_name occurs in text: {n!r}")
    for r in d["relations"]:
        if r["type"] not in RELS:
            errs.append(f"bad relation type {r['type']}")
        if r["status"] not in STATUS:
            errs.append(f"bad status {r['status']}")
        for k in ("source", "target"):
            if r[k] not in names:
                errs.append(f"endpoint not an entity: {r[k]!r}")
    for c in d["contracts"]:
        if not CKEYS <= set(c) or not set(c) <= CKEYS | OPT:
            errs.append(f"contract keys {sorted(c)}")
        for k in ("buyer", "supplier"):
            if c[k] is not None and c[k] not in names:
                errs.append(f"{k} not an entity: {c[k]!r}")
        if c["amount"] is not None and not (isinstance(c["amount"], int) and c["currency"] == "USD"):
            errs.append("amount/currency")
        if c["amount"] is None and c["currency"] is not None:
            errs.append("currency without amount")
        if c["date"] is not None and not DATE.match(c["date"]):
            errs.append(f"date {c['date']}")
        if c.get("status", "asserted") not in STATUS:
            errs.append("contract status")
        if not isinstance(c["identifiers"], list):
            errs.append("identifiers")
        for i in c["identifiers"] + [c.get("modification", ""), c.get("order", "")]:
            if i and i not in text:
                errs.append(f"identifier not in text: {i!r}")
    return d, errs


def main():
    files = sorted(HERE.glob("*.json"))
    bad = 0
    ent, rel, stat = Counter(), Counter(), Counter()
    con = Counter()
    for f in files:
        d, errs = check(f)
        kind = d["source"]["kind"]
        for e in errs:
            print(f"{f.name}: {e}")
        bad += bool(errs)
        for e in d["entities"]:
            ent[(kind, e["type"])] += 1
        for r in d["relations"]:
            rel[(kind, r["type"])] += 1
            stat[r["status"]] += 1
        for c in d["contracts"]:
            con[(kind, "n")] += 1
            con[(kind, "amount")] += c["amount"] is not None
            con[(kind, "date")] += c["date"] is not None
            con[(kind, "ids")] += bool(c["identifiers"])
            con[(kind, "hedged")] += c.get("status") == "hedged"
            con[(kind, "null party")] += c["buyer"] is None or c["supplier"] is None
    kinds = sorted({k for k, _ in ent} | {k for k, _ in con})
    print(f"{len(files)} files, {bad} with problems")
    for t in sorted(TYPES):
        print(t, [ent[(k, t)] for k in kinds], sum(ent[(k, t)] for k in kinds))
    for t in sorted(RELS):
        print(t, [rel[(k, t)] for k in kinds], sum(rel[(k, t)] for k in kinds))
    print("relation statuses", dict(stat))
    for t in ("n", "amount", "date", "ids", "hedged", "null party"):
        print("contracts", t, [con[(k, t)] for k in kinds], sum(con[(k, t)] for k in kinds))
    print("kinds", kinds)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

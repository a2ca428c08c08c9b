"""Score extraction against hand-annotated gold files, next to bare spaCy NER as a baseline.

The gold format is documented in ``tests/gold/README.md``: one JSON file per text, pointing at
the text (never copying it), with entities, asserted relations and contracts.

Scores (precision, recall, F1, micro-averaged over all texts):

- **entities**: core types only (Agency, Company, Person, Organization); a prediction matches a
  gold entity when one of its names or aliases has the same key as one of the gold entity's
  names, aliases or ``other_names`` (case, punctuation, legal form and a leading "the" ignored)
  *and* the type is the same;
- **relations**: (source, type, target) triples with status ``asserted``, endpoints matched by
  name as above; AWARDED/AWARDED_TO are scored as contracts, co-occurrence not at all;
- **contracts**: (buyer, supplier, amount within 1%, date), asserted ones on both sides — a missing
  gold field must be missing in the prediction too (or the prediction's date is the announcement date).

>>> report = evaluate("tests/gold")           # doctest: +SKIP
>>> report.scores["entities"].f1              # doctest: +SKIP
"""
from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .corpus import iter_articles
from .errors import InputError
from .model import Article, Document, Entity
from .resolve import name_keys

CORE = ("Agency", "Company", "Person", "Organization")
CONTRACT_RELATIONS = ("AWARDED", "AWARDED_TO")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class GoldText:
    path: Path
    article: Article
    gold: dict[str, Any]


def _scores() -> dict[str, Score]:
    return {k: Score() for k in ("entities", "relations", "contracts")}


@dataclass
class Report:
    system: str
    scores: dict[str, Score] = field(default_factory=_scores)
    errors: list[dict[str, Any]] = field(default_factory=list)
    # the same scores per kind of text ("dod" paragraphs, news "articles"): where the pipeline is weak
    by_kind: dict[str, dict[str, Score]] = field(default_factory=dict)
    # relations by type and contracts matched on fewer fields (CONTRACT_FIELDS), in all texts
    # and per kind: where the misses come from, without listing them
    breakdown: dict[str, Score] = field(default_factory=dict)
    breakdown_by_kind: dict[str, dict[str, Score]] = field(default_factory=dict)

    def add(self, part: "Report", kind: str) -> None:
        """Add one text's report, counting it also under its kind."""
        for k, score in part.scores.items():
            self.scores[k].add(score)
            self.by_kind.setdefault(kind, _scores())[k].add(score)
        for k, score in part.breakdown.items():
            self.breakdown.setdefault(k, Score()).add(score)
            self.breakdown_by_kind.setdefault(kind, {}).setdefault(k, Score()).add(score)
        self.errors.extend(part.errors)

    def to_dict(self) -> dict[str, Any]:
        return {"system": self.system, "scores": {k: v.to_dict() for k, v in self.scores.items()}, "errors": self.errors,
                "by_kind": {kind: {k: v.to_dict() for k, v in sc.items()} for kind, sc in self.by_kind.items()},
                "breakdown": {k: v.to_dict() for k, v in sorted(self.breakdown.items())},
                "breakdown_by_kind": {kind: {k: v.to_dict() for k, v in sorted(sc.items())}
                                      for kind, sc in self.breakdown_by_kind.items()}}


def text_kind(gold: dict[str, Any]) -> str:
    """``dod`` for a DoD contract paragraph, ``articles`` for news (corpus and seed articles)."""
    return "dod" if gold.get("source", {}).get("kind") == "dod" else "articles"


# -- loading gold ------------------------------------------------------------------------
def _resolve_source(gold_dir: Path, rel: str) -> Path:
    for base in (Path.cwd(), *gold_dir.resolve().parents):
        candidate = (base / rel)
        if candidate.exists():
            return candidate
    raise InputError(f"gold source not found: {rel}", hint="run from the repository root, with ../shared beside it")


def _dod_rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load_gold(gold_dir: str | Path) -> list[GoldText]:
    gold_dir = Path(gold_dir)
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise InputError(f"no gold files (*.json) in {gold_dir}")
    csv_cache: dict[Path, list[dict[str, str]]] = {}
    out = []
    for f in files:
        gold = json.loads(f.read_text(encoding="utf-8"))
        src = gold["source"]
        path = _resolve_source(gold_dir, src["path"])
        if src["kind"] == "dod":
            rows = csv_cache.setdefault(path, _dod_rows(path))
            row = rows[int(src["row"])]
            article = Article(id=f.stem, text=row["announcement"], date=row["date"])
        else:
            (article,) = list(iter_articles([path]))
        out.append(GoldText(f, article, gold))
    return out


# -- matching ------------------------------------------------------------------------------
def _keys(names: Iterable[str], entity_type: str) -> set[str]:
    out: set[str] = set()
    for n in names:
        if n:
            out |= name_keys(n, entity_type)
    return out


def _gold_entity_keys(e: dict[str, Any]) -> set[str]:
    return _keys([e["name"], *e.get("aliases", []), *e.get("other_names", [])], e["type"])


def _match_entity(pred_keys: set[str], gold_entities: list[dict[str, Any]],
                  names: Iterable[str] = ()) -> dict[str, Any] | None:
    """The gold entity a prediction (its keys; its name first, then aliases) is."""
    hits = [g for g in gold_entities if pred_keys & g["_keys"]]
    if len(hits) > 1:
        # two gold entities share a key (a parent "Cubic Corp." and its unit "Cubic Transportation
        # Systems", each also called "Cubic"): the one written as the prediction's name wins, else
        # the one sharing most keys; gold order breaks ties
        name = next(iter(names), "").casefold()
        hits.sort(key=lambda g: (name not in {n.casefold() for n in (g["name"], *g.get("aliases", []))},
                                 -len(pred_keys & g["_keys"])))
    if hits:
        return hits[0]
    # a government body named with its site or district ("Army Contracting Command-Rock
    # Island", "U.S. Army Corps of Engineers Baltimore District") is that body: annotators
    # name the body, announcements add the office
    for g in gold_entities:
        if g["type"] == "Agency" and any(p.startswith(k + " ") for p in pred_keys for k in g["_keys"] if len(k.split()) >= 2):
            return g
    return None


def gold_match(e: Entity, gold_entities: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The gold entity (with its ``_keys``) an extracted entity is, by its name and aliases."""
    names = [e.name, *e.aliases]
    return _match_entity(_keys(names, e.type), gold_entities, names)


def _gold_names(gold: dict[str, Any]) -> dict[str, str]:
    """Each gold entity's name and aliases → its name: a relation endpoint or a contract party may be
    written as an alias (tests/gold/README.md), and predictions are named after the gold entity's name."""
    out: dict[str, str] = {}
    for e in gold["entities"]:
        for alias in e.get("aliases", []):
            out.setdefault(alias, e["name"])
    out.update((e["name"], e["name"]) for e in gold["entities"])
    return out


def score_document(doc: Document, gold: dict[str, Any], report: Report, *, relations: bool = True) -> None:
    gents = [dict(e, _keys=_gold_entity_keys(e)) for e in gold["entities"]]
    canonical = _gold_names(gold)
    name_of: dict[str, str | None] = {}
    pred_core = []
    for e in doc.entities:
        g = gold_match(e, gents)
        name_of[e.id] = g["name"] if g else None
        if e.type in CORE:
            pred_core.append((e, g))
    # entities
    s = Score()
    matched = set()
    for e, g in pred_core:
        if g is not None and g["type"] == e.type and g["name"] not in matched:
            s.tp += 1
            matched.add(g["name"])
        else:
            s.fp += 1
            report.errors.append({"text": doc.article.id, "kind": "entity", "error": "false positive" if g is None else
                                  ("duplicate" if g["name"] in matched else f"type {e.type}, gold {g['type']}"),
                                  "name": e.name, "type": e.type})
    for g in gents:
        if g["type"] in CORE and g["name"] not in matched:
            s.fn += 1
            report.errors.append({"text": doc.article.id, "kind": "entity", "error": "missed", "name": g["name"], "type": g["type"]})
    report.scores["entities"].add(s)
    # relations
    if relations:
        gold_rel = {(canonical.get(r["source"], r["source"]), r["type"], canonical.get(r["target"], r["target"]))
                    for r in gold["relations"]
                    if r.get("status", "asserted") == "asserted" and r["type"] not in CONTRACT_RELATIONS}
        pred_rel = set()
        for r in doc.relations:
            if r.status != "asserted" or r.type in CONTRACT_RELATIONS or r.type == "MENTIONED_WITH":
                continue
            pred_rel.add((name_of.get(r.source) or doc.entity(r.source).name, r.type,
                          name_of.get(r.target) or doc.entity(r.target).name))
        rs = Score(len(gold_rel & pred_rel), len(pred_rel - gold_rel), len(gold_rel - pred_rel))
        report.scores["relations"].add(rs)
        for rtype in {t[1] for t in gold_rel | pred_rel}:
            g, p = {t for t in gold_rel if t[1] == rtype}, {t for t in pred_rel if t[1] == rtype}
            report.breakdown.setdefault(f"relations {rtype}", Score()).add(Score(len(g & p), len(p - g), len(g - p)))
        for t in sorted(pred_rel - gold_rel):
            report.errors.append({"text": doc.article.id, "kind": "relation", "error": "false positive", "relation": " ".join(t)})
        for t in sorted(gold_rel - pred_rel):
            report.errors.append({"text": doc.article.id, "kind": "relation", "error": "missed", "relation": " ".join(t)})
        _score_contracts(doc, gold, name_of, report, canonical)


def _amount_eq(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 0.01 * max(abs(float(b)), 1.0)


# looser matches of a contract, reported beside the strict score (``kg eval --breakdown``):
# which of its fields the misses come from; indexes into (buyer, supplier, amount, date)
CONTRACT_FIELDS = {"buyer+supplier": (0, 1), "buyer+supplier+amount": (0, 1, 2),
                   "buyer+supplier+date": (0, 1, 3), "supplier+amount": (1, 2)}


def _contract_field_eq(i: int, p: tuple, g: tuple, announced: str | None) -> bool:
    if i == 2:
        return _amount_eq(p[2], g[2])
    if i == 3:
        return p[3] == g[3] or (g[3] is None and p[3] in (None, announced))
    return p[i] == g[i]


def _match_contracts(preds: list[tuple], gold_c: list[tuple], fields: tuple[int, ...], announced: str | None):
    """One-to-one greedy matching on ``fields``: (score, unmatched gold, unused predictions)."""
    s, used, missed = Score(), set(), []
    for g in gold_c:
        hit = next((i for i, p in enumerate(preds) if i not in used
                    and all(_contract_field_eq(f, p, g, announced) for f in fields)), None)
        if hit is None:
            s.fn += 1
            missed.append(g)
        else:
            used.add(hit)
            s.tp += 1
    extra = [p for i, p in enumerate(preds) if i not in used]
    s.fp = len(extra)
    return s, missed, extra


def _score_contracts(doc: Document, gold: dict[str, Any], name_of, report: Report,
                     canonical: dict[str, str]) -> None:
    gold_c = [(canonical.get(c.get("buyer"), c.get("buyer")), canonical.get(c.get("supplier"), c.get("supplier")),
               c.get("amount"), c.get("date"))
              for c in gold.get("contracts", []) if c.get("status", "asserted") == "asserted"]
    preds = []
    for e in doc.entities:
        # a contract kg reads as hedged or denied is no asserted contract, as the gold side counts them
        if e.type != "Contract" or not any(r.status == "asserted" for r in doc.relations
                                           if r.type in ("AWARDED", "AWARDED_TO") and e.id in (r.source, r.target)):
            continue
        buyer = supplier = None
        for r in doc.relations:
            if r.type == "AWARDED" and r.target == e.id:
                buyer = name_of.get(r.source) or doc.entity(r.source).name
            if r.type == "AWARDED_TO" and r.source == e.id:
                supplier = name_of.get(r.target) or doc.entity(r.target).name
        preds.append((buyer, supplier, e.properties.get("amount"), e.properties.get("date")))
    s, missed, extra = _match_contracts(preds, gold_c, (0, 1, 2, 3), doc.article.date)
    for g in missed:
        report.errors.append({"text": doc.article.id, "kind": "contract", "error": "missed",
                              "contract": f"{g[0]} → {g[1]} {g[2]} {g[3]}"})
    for p in extra:
        report.errors.append({"text": doc.article.id, "kind": "contract", "error": "false positive",
                              "contract": f"{p[0]} → {p[1]} {p[2]} {p[3]}"})
    report.scores["contracts"].add(s)
    for name, fields in CONTRACT_FIELDS.items():
        report.breakdown.setdefault(f"contracts on {name}", Score()).add(_match_contracts(preds, gold_c, fields, doc.article.date)[0])


# -- systems -----------------------------------------------------------------------------
BASELINE_TYPES = {"PERSON": "Person", "ORG": "Company", "GPE": "Location", "LOC": "Location", "FAC": "Location",
                  "PRODUCT": "Product", "LAW": "Law", "NORP": "Other"}


def baseline_documents(texts: list[GoldText], model: str | None = None) -> list[Document]:
    """Bare spaCy NER: PERSON → Person, ORG → Company (the commonest organisation type); no relations."""
    import spacy

    from . import config
    from .model import Entity, Mention

    nlp = spacy.load(model or config.spacy_model())
    docs = []
    for t, sdoc in zip(texts, nlp.pipe(t.article.text for t in texts)):
        ents: dict[tuple[str, str], Entity] = {}
        for ent in sdoc.ents:
            if ent.label_ not in BASELINE_TYPES:
                continue
            key = (ent.text, BASELINE_TYPES[ent.label_])
            e = ents.setdefault(key, Entity(f"e{len(ents) + 1}", ent.text, key[1]))
            e.mentions.append(Mention(ent.start_char, ent.end_char, ent.text))
        docs.append(Document(t.article, list(ents.values()), []))
    return docs


def evaluate(gold_dir: str | Path, *, baseline: bool = True, model: str | None = None,
             on_text: Callable[[GoldText], None] | None = None) -> list[Report]:
    """Score kg's pipeline (and bare spaCy) on every gold file in ``gold_dir``."""
    from .extract import extract_documents

    texts = load_gold(gold_dir)
    kg_report = Report("kg")
    for t, doc in zip(texts, extract_documents((t.article for t in texts), model=model)):
        part = Report("kg")
        score_document(doc, t.gold, part)
        kg_report.add(part, text_kind(t.gold))
        if on_text:
            on_text(t)
    reports = [kg_report]
    if baseline:
        base = Report("spaCy NER (baseline)")
        for t, doc in zip(texts, baseline_documents(texts, model)):
            part = Report(base.system)
            score_document(doc, t.gold, part)
            base.add(part, text_kind(t.gold))
        reports.append(base)
    return reports


# -- cross-article resolution ------------------------------------------------------------------
@dataclass
class ResolutionReport:
    score: Score
    mentions: int
    unresolved: list[dict[str, str]]
    false_merges: list[dict[str, str]]  # predicted same, gold different
    cross_type_merges: int
    missed_merges: list[dict[str, str]]  # gold same, predicted different

    def to_dict(self) -> dict[str, Any]:
        return {"pairwise": self.score.to_dict(), "mentions": self.mentions, "unresolved": len(self.unresolved),
                "cross_type_merges": self.cross_type_merges, "false_merges": self.false_merges[:50],
                "missed_merges": self.missed_merges[:50], "unresolved_mentions": self.unresolved[:50]}


def evaluate_resolution(corpus: str | Path, coref: str | Path, *, model: str | None = None) -> ResolutionReport:
    """Pairwise precision and recall of cross-article resolution over annotated mentions.

    ``coref`` maps each article file to its mentions, each with a gold cluster (``entity``) and
    type. kg extracts and resolves the articles in order (as ``kg ingest`` would, into an empty
    graph); a mention's prediction is the graph id of the entity it was found as. Two mentions
    are a true pair when they share a gold cluster and a graph id. A mention kg did not find
    counts as its own singleton (it can only lose recall)."""
    import yaml

    from .extract import extract_documents
    from .resolve import Resolver, lookup_key

    corpus = Path(corpus)
    gold = yaml.safe_load(Path(coref).read_text(encoding="utf-8")) or {}
    files = [corpus / name for name in gold]
    resolver = Resolver([])
    rows: list[tuple[str, str, str, str | None]] = []  # article, mention, gold cluster, predicted id
    gold_type: dict[str, str] = {}
    for path, doc in zip(files, extract_documents(iter_articles(files))):
        resolved = resolver.resolve(doc)
        surface: dict[str, str] = {}
        for e in doc.entities:
            gid = resolved.local_ids.get(e.id)
            if gid is None:
                continue
            for form in [e.name, *e.aliases, *(m.text for m in e.mentions)]:
                surface.setdefault(lookup_key(form), gid)
        for m in gold[path.name] or []:
            gold_type[m["entity"]] = m["type"]
            rows.append((path.name, m["mention"], m["entity"], surface.get(lookup_key(m["mention"]))))
    score = Score()
    false_merges, missed = [], []
    cross = 0
    for i in range(len(rows)):
        for j in range(i + 1, len(rows)):
            a, b = rows[i], rows[j]
            same_gold = a[2] == b[2]
            same_pred = a[3] is not None and a[3] == b[3]
            if same_gold and same_pred:
                score.tp += 1
            elif same_pred:
                score.fp += 1
                if len(false_merges) < 200:
                    false_merges.append({"a": f"{a[0]}: {a[1]}", "b": f"{b[0]}: {b[1]}", "id": a[3]})
                if gold_type[a[2]] != gold_type[b[2]]:
                    cross += 1
            elif same_gold:
                score.fn += 1
                if len(missed) < 200:
                    missed.append({"a": f"{a[0]}: {a[1]} -> {a[3]}", "b": f"{b[0]}: {b[1]} -> {b[3]}", "entity": a[2]})
    unresolved = [{"article": r[0], "mention": r[1], "entity": r[2]} for r in rows if r[3] is None]
    return ResolutionReport(score, len(rows), unresolved, false_merges, cross, missed)

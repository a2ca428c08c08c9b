"""Articles in, graph out: read → extract → resolve → write, streaming, in batches.

>>> report = ingest(["corpus/"], open_store("kg.sqlite"))   # doctest: +SKIP
>>> report.written
14

Re-ingesting an unchanged article is skipped (its content hash is in the store); a changed
article replaces its own facts and nothing else. Batches are written atomically, so an
interrupted run loses at most the batch in flight, and the next run picks up from there.

Two batch sizes: spaCy reads :data:`NLP_BATCH` articles at a time; the store receives
``batch_size`` articles per write transaction (default :data:`WRITE_BATCH`). Bigger write
transactions are cheaper per row (Neo4j: ~1.3–1.7× faster at 512 than at 64 articles, see
docs/benchmarks.md) and cost little memory (extracted articles, not spaCy Docs); what an
interruption can lose grows with them.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import Problem, discover, iter_articles
from .extract import extract_documents
from .config import NLP_BATCH, WRITE_BATCH
from .model import Article, Document
from .store.base import GraphStore


@dataclass
class IngestReport:
    read: int = 0
    written: int = 0
    unchanged: int = 0
    entities: int = 0
    relations: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"read": self.read, "written": self.written, "unchanged": self.unchanged,
                "entities": self.entities, "relations": self.relations, "seconds": round(self.seconds, 2),
                "problems": [str(p) for p in self.problems]}


def count_articles(paths: Iterable[str | Path]) -> int:
    """How many articles the paths hold (JSON lines counted by line), for progress bars."""
    n = 0
    for f in discover(paths):
        if f.suffix.lower() == ".jsonl":
            with open(f, "rb") as fh:
                n += sum(1 for line in fh if line.strip())
        else:
            n += 1
    return n


def ingest(
    paths: Iterable[str | Path],
    store: GraphStore,
    *,
    model: str | None = None,
    batch_size: int = WRITE_BATCH,
    n_process: int = 1,
    force: bool = False,
    on_article: Callable[[Article], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> IngestReport:
    """Extract every article under ``paths`` and write it to ``store``.

    ``on_article`` is called once per article read (progress); ``on_problem`` for each
    file or line skipped. ``force`` re-extracts articles the store already holds unchanged.
    """
    report = IngestReport()
    started = time.perf_counter()
    paths = list(paths)
    discover(paths)  # fail on a missing path before any work

    def problem(p: Problem) -> None:
        report.problems.append(p)
        if on_problem:
            on_problem(p)

    def todo() -> Iterator[Article]:
        for article in iter_articles(paths, problem):
            report.read += 1
            if not force and store.has_article(article.id, article.hash):
                report.unchanged += 1
                if on_article:
                    on_article(article)
                continue
            yield article

    # each batch is resolved against the graph inside its own write transaction, so a process
    # that runs alongside another (or resumes after it) sees every entity already written
    batch: list[Document] = []
    for doc in extract_documents(todo(), model=model, batch_size=min(batch_size, NLP_BATCH), n_process=n_process):
        batch.append(doc)
        report.entities += len(doc.entities)
        report.relations += len(doc.relations)
        if on_article:
            on_article(doc.article)
        if len(batch) >= batch_size:
            store.write_documents(batch)
            report.written += len(batch)
            batch = []
    if batch:
        store.write_documents(batch)
        report.written += len(batch)
    report.seconds = time.perf_counter() - started
    return report

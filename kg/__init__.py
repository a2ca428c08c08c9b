"""kg: news articles in, an evidenced knowledge graph out.

The library is the product; the CLI is a thin layer over it::

    from kg.corpus import iter_articles
    from kg.store import open_store
    from kg.ingest import ingest
    from kg import query

    store = open_store("kg.sqlite")
    ingest(["corpus/"], store)
    paths = query.find_paths(store, "Erik Prince", "CBP")
"""
__version__ = "0.1.0"

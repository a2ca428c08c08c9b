"""Extraction: articles in, typed entities and evidenced relations out. Never imports a store."""
from .pipeline import extract_document, extract_documents, load_pipeline

__all__ = ["extract_document", "extract_documents", "load_pipeline"]

"""Small readings of spaCy's dependency parse shared by the parse-based detectors
(``awards``, ``roles``, ``ties``)."""
from __future__ import annotations


def conjuncts(tok) -> list:
    """``tok`` and the tokens listed with it through the parse's ``conj`` chain ("A, B and C")."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj")
    return out


def subject(tok):
    """The nominal subject (active or passive) among ``tok``'s children, or None."""
    return next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)

"""Helpers for news contracts: which dates in a sentence belong to the award, and which
sentences only report on it.

A reporter's sentence about a deal carries other dates too: when the story was reported
("Motherboard reported in April 2021 that ..."), when the work runs ("from Oct. 1, 2020, through
Sept. 30, 2022"). Only a date the text gives for the award itself dates the contract.
"""
from __future__ import annotations

import re

# "X reported in April 2021 that", "according to documents published by The Guardian on Sept. 8":
# the date of the report, not of the deal
REPORTED_DATE = re.compile(
    r"\b(?:reported|reports|wrote|writes|said|says|statement|interview|told\b[^⟦⟧.;]{0,30}?|published(?: by ⟦[A-Za-z]+#\d+⟧)?|"
    r"first reported|reported (?:first|earlier)|disclosed|revealed|first disclosed)\s+(?:in|on|earlier in|late in|early in)\s+⟦Date#(\d+)⟧")


def reported_dates(template: str) -> set[int]:
    """The placeholders of dates that date a report, not the event it reports."""
    return {int(m.group(1)) for m in REPORTED_DATE.finditer(template)}


# "The council voted 6-3 on Sept. 29, 2020, to ...", "the board approved the deal on Tuesday"
DECISION = re.compile(r"^[^.;]{0,12}?\b(?:voted|approved|agreed|decided|moved)\b[^.;]{0,20}?\b(?:on|in)\s+$")


def decision_date(text: str, buyer_ends: list[int], date_spans: list[tuple[int, int, str]]) -> str | None:
    """The date text of a decision the buyer (ending at one of ``buyer_ends``) took: its verb
    follows the buyer's name, and the date follows the verb ("voted 6-3 on <date>")."""
    for end in buyer_ends:
        for d0, _, dtext in date_spans:
            if end < d0 <= end + 60 and DECISION.match(text[end:d0]):
                return dtext
    return None


def parents(entities, relations) -> dict[int, set[int]]:
    """Every body each entity (by index) is part of, directly or through others (PART_OF)."""
    index = {e.id: i for i, e in enumerate(entities)}
    up: dict[int, set[int]] = {}
    for r in relations:
        if r.type == "PART_OF" and r.status == "asserted" and r.source in index and r.target in index:
            up.setdefault(index[r.source], set()).add(index[r.target])
    out: dict[int, set[int]] = {}
    for start in up:
        seen, todo = set(), list(up[start])
        while todo:
            x = todo.pop()
            if x not in seen:
                seen.add(x)
                todo.extend(up.get(x, ()))
        out[start] = seen
    return out


def fold_selections(frames: list, part_of: dict[int, set[int]]) -> list:
    """"OBIM picked Acme in September 2017" says who chose the supplier of an award the article
    reports, and when: it dates that award, and names its buyer more precisely when the chooser
    is a unit of the buyer the award named. A selection no award frame takes stands on its own
    only if a later sentence about "the award" gave it an amount."""
    out = []
    for f in frames:
        if f.kind != "selection":
            out.append(f)
    for f in frames:
        if f.kind != "selection":
            continue
        same = [g for g in out if g.kind != "selection" and g.supplier == f.supplier and
                (g.buyer is None or g.buyer == f.buyer or g.buyer in part_of.get(f.buyer, ()))]
        for g in same:
            if g.buyer is None or g.buyer in part_of.get(f.buyer, ()):
                g.buyer = f.buyer
            g.date = g.date or f.date
        if not same and f.amount is not None and f.details:
            f.kind = "award"
            out.append(f)
    return out


# "According to Gizmodo, the contract ...", "..., Reuters reported": who tells, not a party
REPORT_SOURCE = re.compile(r"\b[Aa]ccording to (?:the )?⟦\w+#(\d+)⟧|⟦\w+#(\d+)⟧,? (?:first )?(?:reported|said|wrote|noted|found|disclosed|revealed)\b|"
                           r"\b(?:told|published by|obtained by|reviewed by|seen by|reported by|first reported by) (?:the )?⟦\w+#(\d+)⟧")
VALUE = re.compile(r"\b(?:worth|valued at|value of|cost|costs|ceiling of|totaling|totalling|total of)\s+"
                   r"(?:(?:over|about|around|nearly|almost|roughly|more than|up to|as much as|some|an estimated|approximately|at least)\s+)?"
                   r"⟦Money#(\d+)⟧")


def report_sources(template: str) -> set[int]:
    """Entities a sentence names only as the source of what it reports."""
    return {int(next(g for g in m.groups() if g)) for m in REPORT_SOURCE.finditer(template)}


def stated_value(template: str) -> int | None:
    """The amount a sentence states as the deal's value ("worth at least $9 million and possibly
    as much as $15 million" → the first), if a value cue introduces one."""
    m = VALUE.search(template)
    return int(m.group(1)) if m else None


OUTLET_AFTER = re.compile(r"['’]?s?,? (?:first |also |has |had |previously )?(?:reported|reports|wrote|writes|first reported|noted|said in a report)\b")
OUTLET_BEFORE = re.compile(r"\b(?:[Aa]ccording to|told|reported by|published by|obtained by|reviewed by) (?:the )?$")


def outlets(text: str, mentions) -> set[int]:
    """Entities (by index) that the text uses as the source of what it reports: "X reported",
    "according to X"."""
    out = set()
    for start, end, idx in mentions:
        if OUTLET_AFTER.match(text, end) or OUTLET_BEFORE.search(text, max(0, start - 20), start):
            out.add(idx)
    return out


def products_to_makers(frames: list, entities, relations) -> list:
    """"The Secret Service bought Sentinel": the supplier is Sentinel's maker (PRODUCT_OF), and
    a product with no known maker supplies no contract."""
    index = {e.id: i for i, e in enumerate(entities)}
    maker = {index[r.source]: index[r.target] for r in relations
             if r.type == "PRODUCT_OF" and r.source in index and r.target in index}
    out = []
    for f in frames:
        if f.supplier is not None and entities[f.supplier].type in ("Product", "Other") and f.supplier in maker:
            f.supplier = maker[f.supplier]
        elif f.supplier is not None and (entities[f.supplier].type == "Product" or f.product):
            continue
        out.append(f)
    return out

"""The lead of a U.S. DoD contract announcement: who was awarded, and where they are.

Every announcement opens the same way — the awardee, its city and state, then the award verb:

    "Acme Widgets LLC,* Springfield, Illinois, is being awarded ..."
    "Acme Corp., Acme Marine Division, Bath, Maine, has been awarded ..."   (parent, then the unit)
    "A Inc., Town, Ohio (W1-..); B LLC, City, Texas (W2-..); and C JV, Place, Utah (W3-..), are each being awarded ..."

The names there are often ones no model knows ("SURVICE Engineering", "A-T Solutions") or
that it swallows into the place ("American Society of X, Washington"). The structure says
what each part is, so :func:`dod_leads` reads it with regular expressions over the text
(no per-token work): the pipeline keeps a lead in one sentence, and the entity finder takes
its names as firms and its "City, State" as places.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import lexicon, text_of

AWARD_VERB = re.compile(
    r",?\s(?:(?:is|are|was|were)(?: each| jointly| also)?(?: being)?|(?:has|have|had)(?: each| jointly| also)? been|will(?: each)? be)(?: each)?"
    r" award(?:ed|ing)?\b|,?\s(?:will|each|to) share\b|,?\shas been added as an awardee\b|,\s(?:is|are) receiving(?= \$)")
# Canadian provinces and Australian states precede the country ("Ottawa, Ontario, Canada")
REGIONS = ("Ontario", "Quebec", "British Columbia", "Alberta", "Nova Scotia", "Manitoba", "New Brunswick",
           "Saskatchewan", "New South Wales", "Victoria", "Queensland", "South Australia", "Western Australia",
           "Bavaria", "Scotland", "England", "Wales")
COUNTRIES = ("Canada", "United Kingdom", "England", "Scotland", "Germany", "Australia", "Israel", "Japan", "Italy",
             "France", "Norway", "Sweden", "Denmark", "Netherlands", "the Netherlands", "Belgium", "Switzerland",
             "Spain", "South Korea", "Republic of Korea", "Korea", "Turkey", "Poland", "India", "Singapore", "Bahrain",
             "Kuwait", "Qatar", "United Arab Emirates", "Saudi Arabia", "Afghanistan", "Iraq", "Jordan", "Egypt",
             "Mexico", "Brazil", "Ireland", "Finland", "Austria", "New Zealand", "Philippines", "Taiwan", "Greece",
             "Portugal", "Czech Republic", "Romania", "Bulgaria", "Estonia", "Latvia", "Lithuania", "Ukraine", "Oman",
             "Djibouti", "Kenya", "South Africa", "Thailand", "Colombia", "Chile", "Peru")
LEGAL_PIECE = re.compile(r"^(?:Inc|Incorporated|LLC|L\.L\.C|Co|Corp|Ltd|LP|L\.P|LLP|L\.L\.P|PLLC|P\.C|PC|JV|N\.A|PLC|GmbH|S\.A)\.?\*{0,2}$")
CITY = r"(?!(?:Inc|LLC|Co|Corp|Ltd)\b)[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|of|de|la|del|on|upon|au)){0,4}"


@dataclass(frozen=True)
class Awardee:
    """One awardee of a lead: the firm's name (and its parent's, when the unit is named after
    it) and the place, as character offsets into the text."""

    names: tuple[tuple[int, int], ...]  # parent first, the awardee last
    place: tuple[int, int] | None


def _place() -> str:
    """"City, State" (a U.S. state or its abbreviation) or "City, Country"."""
    lx = lexicon()
    states = sorted(set(lx.states) | {a for abbrs in lx.states.values() for a in abbrs if len(a) > 2 or a.isupper()},
                    key=len, reverse=True)
    state = "|".join(re.escape(s) for s in states)
    region = "|".join(re.escape(r) for r in REGIONS)
    country = "|".join(re.escape(c) for c in sorted(COUNTRIES, key=len, reverse=True))
    return rf"(?:{CITY},? )?(?:{state})|(?:{CITY}, (?:(?:{region}), )?)?(?:{country})"


SEP = re.compile(r",\*{0,3} |\*{1,3},? |(?<=\.) | of |; ")
PREFIX = re.compile(r"(?:and |UPDATE: )?(?:The |the )?")
_PLACE: re.Pattern | None = None


def _place_re() -> re.Pattern:
    global _PLACE
    if _PLACE is None:
        _PLACE = re.compile(_place())
    return _PLACE


def _match_item(item: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """"Name, City, State (ID)" → the name's and the place's offsets in ``item``. The place is
    tried after each of the last three separators, longest first: a linear scan, where one
    regular expression with a lazy name would retry the place at every character."""
    end = len(item.rstrip(", "))
    if item[:end].endswith(")") and "(" in item[:end]:
        end = len(item[:item.rindex("(", 0, end)].rstrip(", "))  # "Acme Inc., Town, Ohio, (W1-..)"
    end = len(item[:end].rstrip("*"))
    start = PREFIX.match(item).end()
    seps = [m for m in SEP.finditer(item, start, end) if m.start() > start][-3:]
    for sep in seps:
        if _place_re().fullmatch(item, sep.end(), end):
            return (start, sep.start()), (sep.end(), end)
    return None


# a lead of one firm with no place: "Acme Systems was awarded ..."
BARE = re.compile(r"^(?:The )?[A-Z0-9][\w&.'’-]*(?: (?:[A-Z0-9][\w&.'’/-]*|of|and|&|for)){0,7}$")


_BUYER: tuple[re.Pattern, ...] | None = None
ROLE = r"(?:primary |principal )?contracting (?:activity|authority|office|agency)"


def _buyer_res() -> tuple[re.Pattern, ...]:
    """"Name, City, State, is the contracting activity" and "The contracting activity is Name, City, State"."""
    place = _place()
    return (re.compile(rf"(?:^|(?<=\. ))(?:The |the )?(?P<name>[A-Z][^.;()]{{2,120}}?)(?:, (?P<place>{place}))?,? "
                       rf"(?:is|was|will be|are) the {ROLE}\b", re.M),
            re.compile(rf"\b[Tt]he {ROLE} (?:is|was|will be) (?:the )?(?P<name>[A-Z][^.;()]{{2,120}}?)"
                       rf"(?:, (?P<place>{place}))?(?= ?\(|\.|,? and |$)", re.M))
SPLIT = re.compile(r";\s+(?:and\s+)?|(?<=\))\s*,?\s+and\s+")
DBA = re.compile(r",? (?:doing business as|d/b/a|dba)\b.*$|\s*\((?:doing business as|d/b/a|dba)\b[^)]*\)")


def dod_leads(doc) -> list[Awardee]:
    """The awardees of every announcement lead in the Doc, cached on it."""
    cached = doc.user_data.get("kg_dod_leads")
    if cached is None:
        cached = doc.user_data["kg_dod_leads"] = find_leads(text_of(doc))
    return cached


def contracting_bodies(doc) -> list[Awardee]:
    """The contracting activities the Doc names in DoD wording, cached on it (name, place)."""
    cached = doc.user_data.get("kg_dod_buyers")
    if cached is None:
        cached = doc.user_data["kg_dod_buyers"] = find_contracting_bodies(text_of(doc))
    return cached


def find_contracting_bodies(text: str) -> list[Awardee]:
    global _BUYER
    if _BUYER is None:
        _BUYER = _buyer_res()
    if "contracting" not in text:
        return []
    out = []
    for rx in _BUYER:
        for m in rx.finditer(text):
            place = m.span("place") if m.group("place") else None
            out.append(Awardee((m.span("name"),), place))
    return out


def find_leads(text: str) -> list[Awardee]:
    out: list[Awardee] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        verb = AWARD_VERB.search(line, 0, 2500)
        if verb is None or verb.start() < 8:
            continue
        lead = line[:verb.start()]
        if re.search(r"\.\s+[A-Z][a-z]+ (?:is|was|will|has)\b", lead):
            continue  # a sentence ends inside it: not a lead
        cut = 0
        pieces = SPLIT.split(lead)
        for i in range(len(pieces) - 1, 0, -1):
            if _place_re().fullmatch(pieces[i].strip().rstrip(",")):
                pieces[i - 1: i + 1] = [pieces[i - 1] + "; " + pieces[i]]  # "Acme LP; Denton, Texas": a typo
        for piece in pieces + [None]:
            if piece is None:
                break
            at = lead.index(piece, cut)
            cut = at + len(piece)
            m = _match_item(piece.strip())
            if not m:
                if cut == len(lead) and at == 0 and BARE.match(piece.strip()) and "contracting" in line:
                    out.append(Awardee(((start, start + len(piece.strip())),), None))
                continue
            off = start + at + (len(piece) - len(piece.lstrip()))
            (n0, n1), (p0, p1) = m
            names = _names(piece.strip(), n0, n1, off)
            if names:
                out.append(Awardee(tuple(names), (off + p0, off + p1)))
    return out


def _names(item: str, a: int, b: int, off: int) -> list[tuple[int, int]]:
    """"Parent Corp., Unit Name" → the parent and the unit; legal forms stay with their name."""
    name = item[a:b]
    dba = DBA.search(name)
    if dba:
        name = name[:dba.start()]
    pieces: list[list[int]] = []
    i = 0
    for part in name.split(", "):
        p0, i = i, i + len(part) + 2
        bare = part.strip().rstrip("*")
        if pieces and LEGAL_PIECE.match(bare):
            pieces[-1][1] = p0 + len(part.rstrip("*"))
        elif bare[:1].isupper() or bare[:1].isdigit():
            pieces.append([p0, p0 + len(part.rstrip("*"))])
        else:
            pieces.append(None)  # "a majority-owned subsidiary of ...": not a name of its own
    names = [(off + a + x, off + a + y) for x, y in (p for p in pieces if p)]
    return names[-2:]


# where the work is done: "Work will be performed in Tucson, Arizona (60 percent); Chino (30
# percent) and Kenya (10 percent)" — places, each with its share
WORK_PLACE = re.compile(r"(?:performed (?:in|at)|; (?:and )?|, (?:and )?| and )(?:the )?"
                        r"([A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|of|de|la|del)){0,4}(?:, [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})?)"
                        r" \(\d+(?:\.\d+)? ?(?:percent|%)\)")


def work_places(doc) -> list[tuple[int, int]]:
    """Character spans of the places a DoD announcement says the work is performed in."""
    text = text_of(doc)
    if "percent)" not in text and "%)" not in text:
        return []
    return [m.span(1) for m in WORK_PLACE.finditer(text)]

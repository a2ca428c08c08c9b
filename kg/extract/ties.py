"""Ties between firms, investors, owners and places, read from the dependency parse.

The relation rules (``patterns.yml``) read sentence shapes; this reads who fills the slots of a
word of buying, backing, founding, owning or being based, whatever the words between them:

- ACQUIRED: "acquire / buy / purchase / take over / snap up" (subject → object; passive "by";
  "X was sold to Y"; "X merged into Y"; "Y's purchase of X"; "which Y acquired");
- INVESTED_IN: "invest in", "back" (active, passive, "X, backed by Y"), "pour into", "raised ...
  from Y", "funding from Y", "a stake in X", "X's investors / backers include Y";
- FOUNDED: "found / co-found / start / launch / set up / establish" a firm; "one of X's founders";
- SUBSIDIARY_OF / PART_OF: "Y is the parent (company) of X", "X became a unit / subsidiary / part
  of Y" (also with "it");
- LOCATED_IN: "X-based Y" (also "Boulder-based" the model did not tag), "based / headquartered /
  located in", "its headquarters in / to".

:func:`find_ties` takes a sentence and a ``party(token)`` callback giving the entity indexes a
token stands for (names, "it", "the company"); it returns ``(source, type, target)`` triples of
entity indexes. The caller checks entity types. Cheap: a sentence is only walked when one of
its lemmas is a cue (:data:`CUES`).
"""
from __future__ import annotations

from typing import Callable, Iterable

from .syntax import conjuncts, subject

ACQUIRE = {"acquire", "buy", "purchase", "snap", "take", "absorb", "merge", "sell"}
INVEST = {"invest", "back", "pour", "raise", "stake", "investor", "backer", "shareholder", "funding", "fund"}
FOUND = {"found", "co-found", "cofound", "start", "launch", "establish", "create", "set", "founder", "co-founder", "cofounder"}
PARENT = {"parent", "unit", "subsidiary", "division", "arm", "part", "branch", "component", "affiliate", "own", "spun",
          "spin"}
BASED = {"base", "based", "headquarter", "headquartered", "headquarters", "locate", "located"}
CUES = ACQUIRE | INVEST | FOUND | PARENT | BASED | {"include", "led", "portfolio", "backing", "directorate", "office", "bureau",
                                                    "command", "center", "centre", "laboratory", "service", "administration",
                                                    "agency", "section", "team", "program"}
ACQUISITION_NOUNS = {"acquisition", "purchase", "takeover", "buyout"}

Party = Callable[[object], list[int]]


def _forms(base: str) -> set[str]:
    stem = base[:-1] if base.endswith("e") else base
    return {base, base + "s", stem + "ed", stem + "ing", base + "es"}


# the pipeline runs no lemmatizer: inflected forms mapped to their base, for the cue words only
LEMMA: dict[str, str] = {}
for _base in ("acquire", "purchase", "absorb", "merge", "invest", "pour", "back", "raise", "receive", "found", "co-found",
              "cofound", "start", "launch", "establish", "create", "base", "headquarter", "locate", "operate", "remain", "include",
              "talk", "plan", "consider", "seek", "explore", "fail", "try", "attempt", "offer", "bid", "want", "hope",
              "propose", "weigh", "discuss", "reject", "refuse", "decline", "abandon", "block", "oppose", "intend", "aim",
              "look", "deny", "stake", "unit", "division", "subsidiary", "arm", "branch", "component", "affiliate",
              "parent", "investor", "backer", "shareholder", "founder", "co-founder", "cofounder", "acquisition",
              "takeover", "buyout", "own"):
    for _f in _forms(_base):
        LEMMA.setdefault(_f, _base)
LEMMA.update({"have": "have", "has": "have", "had": "have", "win": "win", "won": "win", "wins": "win",
              "received": "receive", "secured": "secure", "secure": "secure", "got": "get", "get": "get", "bought": "buy", "buy": "buy", "buys": "buy", "buying": "buy", "took": "take", "taken": "take", "take": "take",
              "takes": "take", "taking": "take", "snap": "snap", "snapped": "snap", "snaps": "snap", "snapping": "snap",
              "sold": "sell", "sell": "sell", "sells": "sell", "selling": "sell", "set": "set", "sets": "set", "setting": "set",
              "became": "become", "become": "become", "becomes": "become", "becoming": "become", "tried": "try",
              "sought": "seek", "is": "be", "was": "be", "are": "be", "were": "be", "been": "be", "be": "be", "'s": "be",
              "funding": "funding", "headquarters": "headquarters", "part": "part", "parts": "part",
              "could": "could", "may": "may", "might": "might", "would": "would", "not": "not", "never": "never",
              "n't": "n't", "if": "if", "whether": "whether", "unless": "unless", "denied": "deny", "planned": "plan",
              "co-founded": "co-found", "cofounded": "cofound"})


def _lemma(tok) -> str:
    return LEMMA.get(tok.lower_, tok.lower_)


def _children(tok, *deps: str) -> list:
    return [c for c in tok.children if c.dep_ in deps]


def _conj(tok) -> list:
    """A token and the tokens it is listed with ("A, B and C"); a name after a comma with no "and"
    or "or" in the list is no item of it ("founded Y, Foreign Policy reported")."""
    described = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    # (or on A's describing noun: "by A, a former officer, B, a physicist, and C")
    names = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    names += [c for n in described for c in n.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    names = [c for c in names if any(d.dep_ == "cc" for t in conjuncts(c) for d in t.children)]
    if names and described:
        # "by A, a video-game entrepreneur, B, a former banker, and C, an engineer": the parse hangs B
        # (and the rest of the list) on A as a second apposition
        return [tok] + [x for a in names for x in conjuncts(a)]
    if not any(c.dep_ == "cc" for t in (tok, *[c for c in tok.children if c.dep_ == "conj"]) for c in t.children):
        return [tok]
    if any(c.dep_ == "appos" for c in tok.children):
        return [tok]  # "by A, a group of investors, and B, who ...": B may start another statement
    return conjuncts(tok)


def _pobj(tok, *preps: str) -> list:
    """The objects of ``tok``'s prepositions ("in Denver", "from A and B")."""
    return [o for p in tok.children if p.dep_ in ("prep", "agent", "dative") and p.lower_ in preps
            for g in p.children if g.dep_ == "pobj" for o in _conj(g)]


def _subjects(verb) -> list:
    """The subject of a verb, also through "agreed to buy", "would purchase", "said it would".
    A relative clause's subject is what the clause describes when it has none ("X, which ...")."""
    v = verb
    for step in range(3):
        # ("X was founded in 2011 and last year raised $17 million": the subject of the passive it is joined to)
        subj = _children(v, "nsubj") or (_children(v, "nsubjpass") if step and verb.dep_ == "conj" and any(
            c.dep_ == "cc" and v.i < c.i < verb.i for c in v.children) else [])  # (a real "and" between, not a split "co-founded")
        if subj:
            return [o for s in subj for o in _conj(s)]
        if v.dep_ in ("xcomp", "conj") and v.head.pos_ in ("VERB", "AUX"):
            v = v.head
            continue
        if v.dep_ == "acl" and v.head.lower_ in ("deal", "agreement") and v.head.dep_ == "dobj":
            v = v.head.head  # "Y closed its deal to buy X": the deal's maker
            continue
        if v.dep_ in ("relcl", "acl") and v.tag_ != "VBN":
            return [v.head]
        break
    return []


def _described(verb) -> list:
    """What a participle or a relative clause describes: "X, acquired by Y", "X, which is owned by Y";
    a participle opening the sentence describes its subject ("Based in Tampa, X ...", "Founded in
    2015 and based in Tampa, X ...")."""
    while verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.tag_ == "VBN" and verb.head is not verb:
        verb = verb.head
    if verb.dep_ in ("acl", "relcl", "advcl") and verb.head.pos_ in ("PROPN", "NOUN", "PRON"):
        return [verb.head]
    if verb.dep_ in ("advcl", "prep") and verb.tag_ == "VBN" and verb.i < verb.head.i and verb.head.pos_ in ("VERB", "AUX") \
            and not _children(verb, "nsubj", "nsubjpass", "mark"):
        return _children(verb.head, "nsubj", "nsubjpass")
    return []


# a tie wished for, talked about or refused is not a tie: "in talks to acquire", "plans to buy",
# "failed to buy", "considered investing"
NOT_DONE = {"talk", "plan", "consider", "seek", "explore", "fail", "try", "attempt", "offer", "bid", "want", "hope", "propose",
            "weigh", "discuss", "reject", "refuse", "decline", "abandon", "block", "oppose", "could", "may", "might", "would",
            "intend", "aim", "look", "deny", "not", "never", "n't", "if", "whether", "unless"}


def _done(verb) -> bool:
    """Whether a verb reports something done: no negation or modal on it, and it is not what
    someone talks of, plans, tries or refuses to do ("agreed to acquire" is done: an agreement)."""
    v = verb
    for _ in range(4):
        if any(c.dep_ in ("neg", "aux", "mark") and _lemma(c) in NOT_DONE for c in v.children):
            return False
        if v.dep_ in ("xcomp", "pcomp", "pobj", "ccomp") and _lemma(v.head) in NOT_DONE:
            return False
        if v.dep_ not in ("xcomp", "pcomp", "pobj", "conj", "relcl", "acl", "advcl", "ccomp") or v.head is v:
            return True
        if v.dep_ in ("ccomp", "relcl", "acl", "advcl"):
            return True
        v = v.head
    return True


RELATIVE = {"which", "that", "who", "whom"}
UNIT_NOUNS = {"unit", "subsidiary", "division", "arm", "part", "branch", "component", "affiliate"}
COMPANY_WORDS = {"company", "firm", "group", "corporation", "organization", "agency", "department"}


def _is_round(noun) -> bool:
    """A funding round: "a round", "a $30 million Series B", "the financing"."""
    words = {noun.lower_} | {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
    return bool(words & {"round", "series", "financing", "funding", "raise", "investment"})


def _described_by(noun) -> list:
    """What a describing noun is said of: "X, a unit of Y" (apposition, also the second of two:
    "X, a reseller and a unit of Y"), "X is / became a unit of Y", "X began life as a unit of Y"."""
    n = noun
    listed = False
    for _ in range(3):
        if n.dep_ == "conj":
            n, listed = n.head, True
            continue
        break
    if listed and n.dep_ != "appos":
        # "X, a reseller of technology to agencies and a subsidiary of Y": the model often joins the
        # second describing noun to the nearest noun; the apposition above it is the one listed
        up = n
        for _ in range(4):
            if up.dep_ == "appos" or up.pos_ in ("VERB", "AUX") or up.head is up:
                break
            up = up.head
        n = up
    if n.dep_ == "appos":
        return [n.head]
    if n.dep_ in ("attr", "acomp", "oprd") and n.head.pos_ in ("VERB", "AUX"):
        return _subjects(n.head)
    if n.dep_ == "pobj" and n.head.lower_ == "as" and n.head.head.pos_ in ("VERB", "AUX"):
        verb = n.head.head
        return (_children(verb, "nsubjpass") or _subjects(verb)) if verb.dep_ != "acl" else [verb.head]
    # "its subsidiary X", "Y's arm, X": the name in apposition to the noun
    return [c for c in noun.children if c.dep_ == "appos"]


def _resolve(tok, depth: int = 0):
    """The noun a relative pronoun stands for ("X, which Y acquired": X), and the subject an "its"
    of the same clause means when it names one ("X, which has its headquarters in Denver")."""
    if tok.lower_ == "which" and tok.head.dep_ == "relcl" and tok.head.head.dep_ == "pobj" \
            and tok.head.head.head.dep_ == "agent" and tok.head.head.head.head.dep_ == "acl":
        # "P, the firm run by Tom Gores, which agreed to buy it": "which" is the firm, not the person
        return tok.head.head.head.head.head
    if tok.lower_ == "it" and tok.dep_ == "dobj" and depth < 3:
        # "X is owned by P, which agreed to buy it from Y": an "it" in a clause on the main clause's
        # object is the main clause's subject
        v = tok.head
        while v.dep_ in ("xcomp", "conj") and v.head is not v:
            v = v.head
        if v.dep_ == "relcl":
            n = v.head
            while (n.pos_ not in ("VERB", "AUX") or n.dep_ in ("acl", "relcl", "amod")) and n.head is not n:
                n = n.head  # (past "the firm run by ...")
            subj = next((c for c in n.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
            if subj is not None and subj.lower_ not in ("it", "he", "she", "they", "which", "that", "who"):
                return _resolve(subj, depth + 1)
    if tok.lower_ in RELATIVE and depth < 3:
        verb = tok.head
        if verb.dep_ == "relcl":
            # "Erik Prince, the former Navy SEAL who founded ...": the person the role describes
            return verb.head.head if verb.head.dep_ == "appos" else verb.head
    if tok.lower_ == "it" and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "conj" and depth < 3:
        # "X was founded in 2010, and in 2015 it acquired Y": the subject of the clause it is joined to
        subj = subject(tok.head.head)
        if subj is not None and subj.lower_ not in ("he", "she", "they", "which", "that", "who"):
            return _resolve(subj, depth + 1)
    if tok.lower_ == "it" and tok.dep_ == "nsubj" and tok.head.dep_ == "relcl" and depth < 3:
        # "Y owns X, the sensor maker it bought in 2012": the subject of the clause the noun is object of
        n = tok.head.head
        n = n.head if n.dep_ == "appos" else n
        verb = n.head.head if n.dep_ == "pobj" else n.head if n.dep_ == "dobj" else None
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
        if subj is not None and subj.lower_ not in ("it", "they", "he", "she", "which", "that", "who"):
            return subj
    if tok.lower_ == "its" and depth < 3:
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
            verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
        if subj is None and verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX"):
            # "X grew when its parent bought Y": the main clause's subject
            subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
        if subj is not None:
            return _resolve(subj, depth + 1)
    return tok


def _named_by(noun, party: Party) -> list[int]:
    """The name a describing noun stands for: "X, the Israeli firm owned by Y" (the name it is in
    apposition with), "the business, known as X", "its unit, X"."""
    if noun.pos_ != "NOUN":
        return []
    if noun.dep_ == "appos":
        return party(noun.head)
    out = [i for c in noun.children if c.dep_ == "appos" for i in party(c)]
    out += [i for c in noun.children if c.dep_ == "acl" and c.lower_ in ("known", "called", "named")
            for g in c.children for x in ([g] if g.dep_ in ("oprd", "attr") else [o for o in g.children if o.dep_ == "pobj"]
                                           if g.dep_ == "prep" and g.lower_ == "as" else []) for i in party(x)]
    return out


# the last word of a government unit's name: "... Directorate of DHS", "the NRO's ... Program Office"
AGENCY_UNITS = {"Directorate", "Office", "Bureau", "Division", "Command", "Center", "Centre", "Laboratory", "Service",
                "Administration", "Agency", "Unit", "Branch", "Section", "Task Force", "Team", "Program"}


# nouns that say a name is a firm's: "X, a startup in Boulder"
FIRM_NOUNS = {"company", "firm", "startup", "start-up", "maker", "manufacturer", "contractor", "developer", "provider",
              "vendor", "supplier", "fund", "business", "operator", "subsidiary", "unit", "reseller", "integrator"}


def find_ties(sent, party: Party, places: bool = False) -> list[tuple[int, str, int]]:
    """Ties in one sentence; ``places``: whether the sentence names a place (the "of Reston,
    Virginia" and "a startup in Boulder" readings are only tried then)."""
    if not places and not {_lemma(t) for t in sent} & (CUES | ACQUISITION_NOUNS):
        return []
    out: list[tuple[int, str, int]] = []
    deferred: list[tuple[object, str, list[int]]] = []

    def add(sources: Iterable, kind: str, targets: Iterable) -> None:
        sources = list(sources)
        for t in sources:
            if t.lower_ in ("parent", "owner") and t.pos_ == "NOUN" and _children(t, "poss"):
                # "its parent bought CSRA": whoever the sentence says is the parent of "its"
                deferred.append((_children(t, "poss")[0], kind, [i for x in targets for i in party(_resolve(x)) or _named_by(x, party)]))
        src = [i for t in sources for i in party(_resolve(t)) or _named_by(_resolve(t), party)]
        tgt = [i for t in targets for i in party(_resolve(t)) or _named_by(_resolve(t), party)]
        for s in src:
            for t in tgt:
                if s != t:
                    out.append((s, kind, t))

    for tok in sent:
        lem, low = _lemma(tok), tok.lower_
        if tok.pos_ in ("VERB", "AUX"):
            if not _done(tok):
                continue
            passive = bool(_children(tok, "nsubjpass", "auxpass")) or tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl")
            objs = [o for d in _children(tok, "dobj") for o in _conj(d)]
            prt = {c.lower_ for c in _children(tok, "prt")}
            if lem in ("acquire", "buy", "purchase", "absorb") or lem in ("snap", "take") and prt & {"up", "over"}:
                if passive:
                    acquired = _children(tok, "nsubjpass") or _described(tok) or (
                        _subjects(tok.head) if tok.dep_ == "xcomp" else [])  # "X agreed to be acquired by Y"
                    add(_pobj(tok, "by"), "ACQUIRED", [o for a in acquired for o in _conj(a)])
                else:
                    if not objs and tok.dep_ == "relcl":  # "X, which Y acquired": the relative pronoun's noun
                        objs = [tok.head]
                    add(_subjects(tok), "ACQUIRED", objs)
                    add(objs, "PARENT", _pobj(tok, "from"))  # "bought its rival X from the Y Group": X was Y's
            elif lem == "sell" and passive:  # "X was sold to Y": a firm sold is bought
                add(_pobj(tok, "to"), "ACQUIRED", _children(tok, "nsubjpass") or _described(tok))
            elif lem == "sell" and tok.tag_ in ("VBD", "VBN") and objs and _pobj(tok, "to"):
                # "Y sold X to Z": Z bought the firm X, which was Y's (the caller keeps firms only)
                add(_pobj(tok, "to"), "ACQUIRED", objs)
                add(objs, "PARENT", _subjects(tok))
            elif lem == "own" and tok.tag_ != "VBG":
                # "X is owned (since 2018) by Y", "X, a firm owned by Y", "X, which Y owns": Y's firm
                if tok.dep_ == "acomp" and tok.tag_ == "VBN" and _pobj(tok, "by"):
                    # "X, the firm that is majority-owned by Y", "X is wholly owned by Y"
                    add(_subjects(tok.head), "OWNED", _pobj(tok, "by"))
                elif passive:
                    add(_children(tok, "nsubjpass") or _described(tok), "OWNED", _pobj(tok, "by"))
                elif tok.dep_ == "relcl" and any(c.dep_ == "dobj" and c.lower_ in RELATIVE for c in tok.children):
                    add([tok.head], "OWNED", _subjects(tok) if _children(tok, "nsubj") else [])
                elif tok.tag_ in ("VBZ", "VBD", "VBP") and objs:
                    add(objs, "OWNED", _subjects(tok))  # "Y already owns X" (the caller keeps firms owning firms)
            elif low in ("spun", "spin", "spins", "spinning") and tok.tag_ != "VBG":
                # "X was spun off from Y", "X, which was spun out of Y": X was Y's
                parents = _pobj(tok, "from") + [o for p in _children(tok, "prep", "prt") if p.lower_ in ("off", "out")
                                                 for o in _pobj(p, "from", "of")]
                if passive:
                    add(_children(tok, "nsubjpass") or _described(tok), "PARENT", parents)
                elif not objs:  # "X spun off from Y in 2015" (not "Y spun off X": then X was Y's)
                    add(_subjects(tok), "PARENT", parents)
                else:
                    add(objs, "PARENT", _subjects(tok))
            elif lem == "merge":  # "X merged into Y"
                for y in _pobj(tok, "into"):
                    add([y], "ACQUIRED", _subjects(tok))
            elif lem == "invest":
                add(_subjects(tok), "INVESTED_IN", _pobj(tok, "in"))
            elif lem == "pour":
                add(_subjects(tok), "INVESTED_IN", _pobj(tok, "into"))
            elif lem == "back":
                if passive:
                    add(_pobj(tok, "by"), "INVESTED_IN", _children(tok, "nsubjpass") or _described(tok))
                else:
                    add(_subjects(tok), "INVESTED_IN", objs)
            elif lem == "raise" and any(o.lower_ in ("million", "billion", "$") or o.like_num or o.lower_ in ("money", "funding", "capital")
                                        for o in objs) or lem == "receive" and any(o.lower_ == "funding" for o in objs):
                raisers = _subjects(tok)
                backers = _pobj(tok, "from") + [b for o in objs for b in _pobj(o, "from")]
                # "from investors including A": the listed names
                backers += [x for b in list(backers) for p in b.children if p.lower_ in ("including", "like")
                            for g in p.children if g.dep_ == "pobj" for x in _conj(g)]
                add(backers, "INVESTED_IN", raisers)
            elif lem in ("found", "co-found", "cofound", "establish", "create") or lem == "start" and objs \
                    or lem == "set" and "up" in prt or lem == "launch" and objs:
                if passive:
                    add(_pobj(tok, "by"), "FOUNDED", _children(tok, "nsubjpass") or _described(tok))
                else:
                    if not objs and tok.dep_ == "relcl":
                        objs = [tok.head]
                    add(_subjects(tok), "FOUNDED", objs)
            elif lem in ("base", "headquarter", "locate") or low in ("based", "headquartered", "located"):
                places = _pobj(tok, "in")
                owners = _children(tok, "nsubjpass") or _described(tok) or _subjects(tok)
                if tok.dep_ == "amod":  # "a Reston-based contractor, X", "Boulder-based X": the place is before the hyphen
                    places = [c for c in tok.children if c.dep_ in ("npadvmod", "compound", "nmod") and c.i < tok.i]
                    noun = tok.head
                    add([noun] + [c for c in noun.children if c.dep_ == "appos"] + _described_by(noun), "LOCATED_IN", places)
                    continue
                if tok.head.dep_ == "amod":
                    continue
                add(owners, "LOCATED_IN", places)
            elif low == "led" and tok.dep_ == "acl" and _is_round(tok.head):
                # "raised $30 million in a round led by Y", "closed a Series B led by Y": the round's raiser
                n = tok.head
                verb = n.head.head if n.dep_ == "pobj" and n.head.dep_ == "prep" else n.head if n.dep_ == "dobj" else None
                if verb is not None and verb.pos_ in ("VERB", "AUX") and _done(verb):
                    add(_pobj(tok, "by"), "INVESTED_IN", _subjects(verb))
            elif lem == "become" or lem == "be" or lem == "operate" or lem == "remain":
                # "X became part of Y", "Y is the parent company of X", "It is a subsidiary of Y"
                for attr in _children(tok, "attr", "acomp") + [o for p in _children(tok, "prep") if p.lower_ == "as"
                                                              for o in _children(p, "pobj")]:
                    head = _lemma(attr)
                    if head == "parent" or head in COMPANY_WORDS and any(c.lower_ == "parent" for c in attr.children):
                        add(_pobj(attr, "of"), "PARENT", _subjects(tok))  # "Y is the parent company of X"
        elif low in ("headquarters",):
            # "which has its headquarters in Denver", "moved its headquarters to Denver"; "X's Tampa headquarters"
            verb = tok.head
            named = [c for c in tok.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.i < tok.i]
            if named:
                add(_children(tok, "poss"), "LOCATED_IN", named)
            if tok.dep_ == "dobj" and verb.pos_ in ("VERB", "AUX"):
                places = _pobj(tok, "in") + _pobj(verb, "to", "in")
                owners = [p for p in _children(tok, "poss")]
                add(owners or _subjects(verb), "LOCATED_IN", places)
        elif lem in ACQUISITION_NOUNS:
            # "Y's purchase of X", "its acquisition of X" (the owner is its verb's subject)
            acquired = _pobj(tok, "of")
            buyers = _children(tok, "poss")
            if acquired and buyers:
                add(buyers, "ACQUIRED", acquired)
        elif low == "of" and tok.dep_ == "prep" and tok.head.text in AGENCY_UNITS and tok.head.pos_ == "PROPN":
            # "the Science and Technology Directorate of the Department of Homeland Security"
            add([tok.head], "UNIT_OF", _children(tok, "pobj"))
        elif tok.text in AGENCY_UNITS and tok.pos_ == "PROPN" and _children(tok, "poss"):
            add([tok], "UNIT_OF", _children(tok, "poss"))  # "the NRO's Commercial Systems Program Office"
        elif places and low == "of" and tok.dep_ == "prep" and tok.head.pos_ == "PROPN" and (
                tok.i == tok.head.i + 1 or tok.i == tok.head.i + 2 and tok.nbor(-1).text == ","):
            # "Babel Street of Reston, Virginia", "Acme, of Tampa, Florida,": a firm and its town
            add([tok.head], "LOCATED_IN_OF", _children(tok, "pobj"))
        elif places and low == "in" and tok.dep_ == "prep" and tok.head.lower_ in FIRM_NOUNS \
                and tok.head.dep_ in ("appos", "attr", "conj"):
            add(_described_by(tok.head), "LOCATED_IN", _children(tok, "pobj"))  # "X, a startup in Boulder"
        elif places and (low in FIRM_NOUNS or tok.dep_ == "appos") and tok.pos_ == "NOUN" and any(
                c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.i < tok.i for c in tok.children):
            # "X, a Denver company", "the Irvine defense start-up" (the firm the story is about),
            # "returned to the Massachusetts company", "X, a California data broker": the place a firm
            # noun, or any noun describing a name, is named with
            named = [c for c in tok.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.i < tok.i]
            add([tok] + [c for c in tok.children if c.dep_ == "appos"] + _described_by(tok), "LOCATED_IN", named)
            if lem in UNIT_NOUNS and lem != "part" and _pobj(tok, "of"):  # "X, the Reston services arm of Y": also Y's
                add(_described_by(tok), "PARENT", _pobj(tok, "of"))
        elif low in ("company", "companies") and any(c.lower_ == "portfolio" for c in tok.children):
            # "X, a Y portfolio company": Y's investment
            add([c for c in tok.children if c.dep_ in ("compound", "poss") and c.lower_ != "portfolio"], "INVESTED_IN",
                _described_by(tok))
        elif low in ("backing", "funding") and tok.dep_ == "dobj" and _lemma(tok.head) in ("have", "has", "win", "receive", "secure", "get"):
            add(_pobj(tok, "of", "from"), "INVESTED_IN", _subjects(tok.head))  # "X has the backing of Y"
        elif lem in ("investor", "backer", "shareholder") and tok.dep_ == "nsubj" and _lemma(tok.head) == "be":
            # "Its largest shareholder is Y"
            add([o for a in _children(tok.head, "attr") for o in _conj(a)], "INVESTED_IN",
                _children(tok, "poss") + _pobj(tok, "in"))
        elif lem in UNIT_NOUNS and tok.pos_ == "NOUN":
            # "X, a reseller and a subsidiary of Y", "X, Y's cloud computing arm", "X began life as a unit of Y"
            parents = _pobj(tok, "of") + _children(tok, "poss")
            if not parents and tok.dep_ == "appos" and lem in ("subsidiary", "unit", "division", "arm", "affiliate"):
                # "X, the Harrow Group subsidiary": the parent named before the noun
                parents = [c for c in tok.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.i < tok.i]
            if parents and (lem != "part" or _pobj(tok, "of")):
                add(_described_by(tok), "PARENT", parents)
        elif lem in ("investor", "backer", "shareholder") and tok.pos_ == "NOUN" and tok.dep_ != "nsubj":
            # "Google came out of the deal as a Planet shareholder", "A, an early investor in X"
            firms = _pobj(tok, "in", "of") + [c for c in tok.children if c.dep_ in ("compound", "poss")]
            add(_described_by(tok), "INVESTED_IN", firms)
        elif lem in ("founder", "co-founder", "cofounder") and tok.pos_ == "NOUN" and tok.dep_ in ("appos", "attr", "conj", "pobj") \
                and not (tok.dep_ == "pobj" and tok.head.lower_ in ("of", "among")):
            add(_described_by(tok), "FOUNDED", _pobj(tok, "of") + [c for c in tok.children if c.dep_ in ("compound", "poss")])
        elif lem in ("founder", "co-founder", "cofounder") and tok.pos_ == "NOUN":
            # "one of X's founders", "among X's founders"
            if tok.dep_ == "pobj" and tok.head.lower_ in ("of", "among") and tok.head.head.lower_ in ("one", "two", "among", "some"):
                person = tok.head.head
                people = [person.head] if person.dep_ == "appos" else _subjects(person.head) if person.dep_ == "attr" else []
                add(people, "FOUNDED", _children(tok, "poss"))
        elif lem in ("investor", "backer", "shareholder") and tok.pos_ == "NOUN" and tok.dep_ == "nsubj" \
                and _lemma(tok.head) == "include":
            # "X's investors include A and B", "whose backers include A"
            firms = _children(tok, "poss") + _pobj(tok, "in")
            if any(f.lower_ == "whose" for f in firms):  # "X, whose backers include A": X
                firms = [tok.head.head] if tok.head.dep_ == "relcl" else []
            add([o for d in _children(tok.head, "dobj") for o in _conj(d)], "INVESTED_IN", firms)
        elif lem == "stake" and tok.pos_ == "NOUN" and tok.dep_ == "dobj":
            add(_subjects(tok.head), "INVESTED_IN", _pobj(tok, "in"))
        elif low.endswith("-based") or low == "based" and tok.i > sent.start and tok.nbor(-1).text in ("-", "–"):
            pass  # handled by the caller from the text (the place before the hyphen)
    for owned, kind, targets in deferred:
        children = set(party(_resolve(owned)))
        parents = {p for s, k, p in out if k == "PARENT" and s in children}
        out += [(p, kind, t) for p in parents for t in targets if t != p]
    return out

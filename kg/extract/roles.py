"""People and their employers, products and their makers, read from the parse.

The relation patterns read a sentence's surface; a reporter has many more wordings than they
list ("Karen Holt, who until last year led the cyber unit at the FBI, said ..."). This reads the
dependency parse instead, the way ``awards.find_deals`` reads deals:

- **WORKS_FOR**: a role noun ("chief executive", "spokeswoman", "engineer") linked to a person —
  in apposition ("X, the director of Y", "Y's chief executive, X"), as a title before the name
  ("Y spokeswoman X"), as what the person is, becomes or serves as ("X was named president of
  Y") — and the body that role belongs to: its possessor or modifier ("Y's", "a Y engineer"),
  the object of "of / at / for / with / in" ("head of research at Y"). Or a verb of working,
  leading, joining, leaving or hiring with a person on one side and a body on the other ("X runs
  Y", "X, who joined Y in 2019 from Z", "Y hired X", "X was fired by Y", "X oversees sales at Y").
- **PRODUCT_OF**: a verb of making, selling or launching whose subject is a firm and whose
  object is the product or a product noun it names ("Y, which makes the Z drone", "Y launched
  Z", "Z was developed by Y", "Z, a drone built by Y"); a maker noun ("the maker of Z, Y", "Y,
  the company behind Z"); a product noun that names both ("Y's Z app", "the Z platform from Y",
  "Y's flagship product, Z").

Board seats, stakes, lawyers "for" a client and critics are no job. A product typed as a firm is
read as a product only when a product noun or a maker's verb says so. The caller maps tokens to
entities (``party``), adds only pairs the rules did not read in the sentence and sets the status.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .lexicon import lexicon
from .syntax import conjuncts as _conjuncts

# -- WORKS_FOR ---------------------------------------------------------------------------------

# the last word of a role that is no job ("board member", "investor", "lawyer for"), or too loose
# to be one ("fellow" citizens, "author" of a report)
NOT_JOBS = frozenset("founder co-founder cofounder investor shareholder member lawyer attorney counsel lobbyist "
                     "consultant adviser advisor contractor donor philanthropist billionaire fundraiser activist advocate "
                     "whistleblower hacker entrepreneur author writer host producer academic owner co-owner lead judge "
                     "justice magistrate rep. representative speaker minister ambassador diplomat envoy".split())
# job words beyond the lexicon's roles: a reporter's generic ones
EXTRA_JOBS = frozenset("staffer employee worker scientist engineer researcher executive official officer spokesman "
                       "spokeswoman spokesperson director manager president chairman chairwoman chair secretary administrator "
                       "commissioner analyst agent inspector chief boss head leader professor lecturer reporter correspondent "
                       "editor columnist technologist strategist economist designer developer programmer pilot "
                       "representative specialist coordinator supervisor superintendent counsel vp ceo cto cfo coo cio "
                       "ciso".split())


def _job_words() -> frozenset[str]:
    words = set(EXTRA_JOBS)
    for role in lexicon().person_roles:
        last = role.lower().split()[-1]
        if last not in NOT_JOBS:
            words.add(last)
    words -= {"of", "counsel"}
    return frozenset(words)


JOBS = _job_words()
# "general counsel", "chief counsel", "staff attorney": lawyers on the payroll
IN_HOUSE = frozenset("general chief in-house staff corporate deputy associate".split())
# a "head" or "lead" needs "of" / "at" to be a job ("head of research at Y", not "the head count")
NEEDS_A_BODY = frozenset("head lead chief leader boss".split())
# verbs whose object is the employer ("X runs Y", "X joined Y", "X left Y")
OBJECT_JOBS = frozenset("run runs ran running lead leads led leading head heads headed heading manage manages managed "
                        "managing direct directs directed directing oversee oversees oversaw overseeing join joins joined "
                        "joining rejoin rejoined leave leaves left leaving quit quits chair chairs chaired helm helms helmed "
                        "command commands commanded".split())
# verbs whose "at / for / with / in" object is the employer ("worked at Y", "served in the Army")
PREP_JOBS = frozenset("work works worked working serve serves served serving retire retires retired resign resigns "
                      "resigned depart departed spend spends spent intern interned teach teaches taught".split())
# verbs whose subject employs their object ("Y hired X"); "name" and "tap" need a role named too
HIRING = frozenset("hire hires hired hiring recruit recruits recruited poach poached appoint appoints appointed "
                   "appointing employ employs employed promote promotes promoted fire fires fired oust ousts ousted "
                   "dismiss dismissed name names named tap taps tapped".split())
# people hired to act for a body, not on its staff ("hired X, a lobbyist")
HIRED_HELP = frozenset("lobbyist lobbyists lawyer lawyers attorney attorneys consultant consultants adviser advisers "
                       "advisor advisors contractor contractors".split())
LEAVING = frozenset("leave leaves left leaving quit quits".split())
FIRING = frozenset("fire fires fired oust ousts ousted dismiss dismissed".split())
HIRING_NEEDS_ROLE = frozenset("name names named tap taps tapped promote promotes promoted".split())
# "X is / became / was named / serves as R of Y"
BEING = frozenset("is was be been being are were become becomes became remain remains remained named appointed "
                  "promoted hired tapped serve serves served serving act acts acted work works worked stepped step "
                  "steps resigned retired stayed returned".split())
# what a unit run at a body is called: "ran Amazon's consumer business", "led the cyber unit at the FBI"
UNITS = frozenset("business businesses division divisions unit units team teams group groups office offices "
                  "program programs department departments operations operation lab labs laboratory arm practice "
                  "sales engineering research marketing security policy communications efforts effort staff "
                  "portfolio segment sector branch bureau wing center centre desk section directorate".split())
# employers are never named through these ("a critic of Y", "an investor in Y")
NOT_EMPLOYING = frozenset("board boards critic critics customer customers client clients investor investors "
                          "shareholder shareholders lawsuit suit".split())
WHO = frozenset(("who", "that", "which", "whom"))
EMPLOYER_PREPS = frozenset(("of", "at", "for", "with", "in", "within", "inside"))
STAYING = frozenset("been stayed remained remains stays".split())
JOB_CUES = JOBS | OBJECT_JOBS | PREP_JOBS | HIRING | STAYING | frozenset("lawyer lawyers attorney attorneys counsel".split())

# -- PRODUCT_OF --------------------------------------------------------------------------------

MAKING = frozenset("make makes made making build builds built building sell sells sold selling develop develops "
                   "developed developing manufacture manufactures manufactured produce produces produced design "
                   "designs designed market markets marketed offer offers offered create creates created launch "
                   "launches launched unveil unveils unveiled release releases released introduce introduces introduced "
                   "debut debuts debuted".split())
# things launched are products even when the model took their name for a firm's
LAUNCHING = frozenset("launch launches launched unveil unveils unveiled release releases released introduce "
                      "introduces introduced debut debuts debuted".split())
ACL_MADE = frozenset("made built developed designed manufactured produced".split())
# "a supplier of Y" may say Y buys: only a name already a product is what it supplies
SUPPLIERS = frozenset("vendor vendors seller sellers supplier suppliers provider providers".split())
MAKERS = frozenset("maker makers developer developers manufacturer manufacturers creator creators vendor vendors "
                   "seller sellers supplier suppliers provider providers".split())
PRODUCT_NOUNS = frozenset("product products app apps application applications tool tools software platform platforms "
                          "system systems service services spyware device devices drone drones quadcopter quadcopters "
                          "camera cameras robot robots satellite satellites radar radars sensor sensors headset headsets "
                          "chatbot chatbots model models program reader readers scanner scanners vehicle vehicles aircraft "
                          "rocket rockets database databases network suite engine engines assistant feature technology "
                          "line version versions family series jet jets fighter fighters plane planes warship warships "
                          "submarine submarines tank tanks spyware malware helicopter helicopters missile missiles "
                          "interceptor interceptors truck trucks weapon weapons munition munitions laser lasers "
                          "constellation constellations launcher launchers vessel vessels boat boats telescope telescopes "
                          "chip chips phone phones handset handsets kit kits".split())
# people of a firm who make what it makes: "developed by Y engineers"
MAKING_PEOPLE = frozenset("engineers researchers scientists developers team teams staff employees programmers".split())
# words for what is sold that make no product ("sold its Kestrel unit")
NOT_PRODUCTS = frozenset("unit units business division stake shares company firm subsidiary arm stock assets".split())
LICENCES = frozenset("licenses licences license licence subscriptions subscription copies seats units".split())
BUYING = frozenset("bought buys buy purchased purchases purchase licensed licenses leased leases ordered".split())
PRODUCT_CUES = MAKING | MAKERS | PRODUCT_NOUNS | BUYING | frozenset(("behind", "from", "by"))
CUES = JOB_CUES | PRODUCT_CUES

BODIES = ("Company", "Agency", "Organization")
FIRMS = ("Company", "Organization")


@dataclass
class Role:
    """One relation the parse shows: source and target entities (indexes), the cue token, and
    whether the source is a product only this reading makes one (its type is a firm's)."""

    type: str  # WORKS_FOR | PRODUCT_OF
    source: int
    target: int
    cue: int
    retype: bool = False


def has_cue(sent) -> bool:
    """Whether a sentence holds a word either family starts from (a set look-up per token)."""
    return any(t.lower_ in CUES or t.lower_[-1:] == "s" and t.lower_[:-1] in JOBS for t in sent)  # ("officials")


def _group(tok) -> list:
    """A name and the names coordinated with it ("A and B"), from the first."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return _conjuncts(tok)


def _bodies(party, tok, kinds=BODIES) -> list[int]:
    return [i for i, kind in party(tok) if kind in kinds]


def _subject(verb) -> list:
    """Who does ``verb``: its subject; the noun a "who / which" clause describes; the subject of
    the verb it is coordinated with ("X joined Y in 2019 and now runs its sales")."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            if c.lower_ in WHO and verb.dep_ == "relcl":
                return [verb.head]
            return [c]
    if verb.dep_ == "relcl":
        return [verb.head]
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    if verb.dep_ in ("advcl", "xcomp") and verb.tag_ in ("VBG", "VBN") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)  # "..., leaving Y for Z"
    return []


def _objects(tok, preps) -> list:
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]


def employers_of(role, party, depth: int = 0) -> list[int]:
    """The bodies a role noun belongs to: "Y's R", "a Y R", "R of / at / for / with Y", and one
    step further for what the role is of ("vice president of sales at Y", "a vice president in
    Y's Mission Systems sector"; not "a researcher of Y's drones")."""
    if depth == 1 and role.lower_ not in UNITS:
        return [b for g in _objects(role, ("at", "with", "in", "within", "inside")) for b in _bodies(party, g)]
    out = []
    for c in role.children:
        dep = c.dep_
        if dep in ("poss", "compound", "nmod", "npadvmod") and c.lower_ not in NOT_EMPLOYING:
            out += _bodies(party, _whose(c))  # ("Y, whose chief executive is X")
        elif dep == "prep" and c.lower_ in EMPLOYER_PREPS:
            if c.lower_ == "for" and role.lower_ in ("lawyer", "lawyers", "attorney", "attorneys", "counsel"):
                continue  # "a lawyer for Y" represents Y
            for g in c.children:
                if g.dep_ != "pobj" or g.lower_ in NOT_EMPLOYING:
                    continue
                found = [x for g2 in _conjuncts(g) for x in _bodies(party, g2)]
                if found:
                    out += found
                elif depth == 0 and g.pos_ in ("NOUN", "PROPN") and not any(x.lower_ in NOT_EMPLOYING for x in g.children):
                    out += employers_of(g, party, 1)
    return out


def is_job(tok) -> bool:
    """Whether a noun names a job: a role word not said of a board ("a board director", "member
    of the board")."""
    low = tok.lower_
    if tok.tag_ in ("NNS", "NNPS") and low not in JOBS:  # "officials", "executives", "bosses"
        low = low[:-2] if low.endswith(("sses", "ches")) else low[:-1] if low.endswith("s") else low
    if tok.pos_ not in ("NOUN", "PROPN") or low not in JOBS:
        if low in ("lawyer", "lawyers", "attorney", "attorneys", "counsel") and (
                any(c.lower_ in IN_HOUSE for c in tok.children)
                or any(c.dep_ == "prep" and c.lower_ in ("at", "with", "in") for c in tok.children)):
            return True  # "general counsel", "a staff attorney with the EFF", "a lawyer at the Justice Department"
        return False
    words = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    if words & {"board", "independent", "non-executive", "nonexecutive", "honorary"}:
        return False
    if any(c.dep_ == "prep" and c.lower_ in ("on", "of") and any(g.lower_ in ("board", "boards") for g in c.children)
           for c in tok.children):
        return False
    return True


def _roles_of_person(p) -> list:
    """The role nouns said of a person (the token heading a Person mention): "X, the R of Y",
    "Y's R, X", "R X", "X is / became / was named / serves as R", "Y's R is X"."""
    out = []
    for c in p.children:
        if c.dep_ == "appos" and (is_job(c) or any(x.dep_ == "conj" and is_job(x) for x in c.children)):
            out.append(c)  # (and "Y's founder and chief executive, X": the founder's body is the job's)
        elif c.dep_ in ("compound", "amod", "nmod") and is_job(c):  # "Tarrant Labs chief executive Steven Marsh"
            out.append(c)
    if p.dep_ == "appos" and (is_job(p.head) or any(x.dep_ == "conj" and is_job(x) for x in p.head.children)):
        out.append(p.head)  # "Brightline's chief executive, Karen Holt"
    head = p.head
    if p.dep_ in ("nsubj", "nsubjpass") and head.lower_ in BEING:
        for c in head.children:
            if c.dep_ in ("attr", "oprd", "acomp", "xcomp") and is_job(c):
                out.append(c)
            elif c.dep_ == "prep" and c.lower_ == "as":
                out.extend(g for g in c.children if g.dep_ == "pobj" and is_job(g))
            elif c.dep_ in ("oprd", "xcomp", "attr") and c.pos_ in ("VERB", "AUX"):  # "was named to be R"
                out.extend(g for g in c.children if g.dep_ in ("attr", "oprd") and is_job(g))
    for v in _verbs_of(p):  # "X joined Y as R", "spent eight years as an R with Z", "worked as R at Z"
        out.extend(g for c in v.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
                   if g.dep_ == "pobj" and is_job(g) and g not in out)
        if v.dep_ == "relcl" and v.lower_ in BEING:  # "X, who became the top lawyer at Y"
            out.extend(c for c in v.children if c.dep_ in ("attr", "oprd") and is_job(c) and c not in out)
    first = _group(p)[0]
    if first.dep_ == "pobj" and first.head.lower_ in ("including", "like", "as"):
        listed = first.head.head
        if listed.dep_ == "pobj" and listed.head.dep_ == "prep" and not is_job(listed):
            listed = listed.head.head  # "officials at Y, including X": the list may hang on Y
        if is_job(listed) and listed.tag_ in ("NNS", "NNPS"):
            out.append(listed)  # "Y officials, including X", "executives at Y such as X"
    if p.dep_ == "attr" and any(c.dep_ == "nsubj" and is_job(c) for c in head.children):
        out.extend(c for c in head.children if c.dep_ == "nsubj" and is_job(c))  # "Y's chief executive is X"
    return out


def _firm_title(role) -> bool:
    """A title only a firm gives, said with no body: "chief executive X", "X, the company's
    president" (the caller read "company" as no body), "company spokeswoman X"."""
    words = {c.lower_ for c in role.children if c.dep_ in ("compound", "amod")}
    if any(c.dep_ == "prep" or c.dep_ == "poss" and c.lower_ not in ("its", "their") for c in role.children):
        return False  # ("the city's deputy chief operating officer": an owner the story names that is no firm)
    low = role.lower_
    if low in ("ceo", "cto", "cfo", "coo") or low in ("executive", "officer") and words & {"chief"}:
        return True
    return bool(words & {"company", "firm", "start-up", "startup"}) and low in FIRM_TITLES


FIRM_TITLES = frozenset("president chairman chairwoman spokesman spokeswoman spokesperson executive founder "
                        "counsel director officer engineer employee".split())


def _shared_roles(p) -> list:
    """A role said of a list of names is said of each ("A and B, both engineers at Y", "Y
    executives A and B"): a plural role, or one on the list's first name shared by "both"."""
    first = _group(p)[0]
    if first.i == p.i:
        return []
    out = []
    for c in first.children:
        if c.dep_ in ("appos", "compound", "amod", "nmod") and is_job(c) and \
                (c.tag_ in ("NNS", "NNPS") or any(d.lower_ in ("both", "all", "each") for d in c.children)):
            out.append(c)
    return out


def _verbs_of(p) -> list:
    """The verbs a person does: the one it is subject of, a "who" clause on it, a verb coordinated
    with those that has no subject of its own, and "before / after joining Y"."""
    verbs = [p.head] if p.dep_ in ("nsubj", "nsubjpass") and p.head.pos_ in ("VERB", "AUX") else []
    # "X, who runs Y" (not "X, whose husband works at Y")
    verbs += [c for c in p.children if c.dep_ == "relcl" and all(d.lower_ in WHO for d in c.children
                                                                  if d.dep_ in ("nsubj", "nsubjpass"))]
    # "X, a former Marine who now leads sales at Y"
    verbs += [c for a in p.children if a.dep_ == "appos" for c in a.children if c.dep_ == "relcl"
              and any(d.dep_ == "nsubj" and d.lower_ in WHO for d in c.children)]
    for v in list(verbs):
        for c in v.children:
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and not any(d.dep_ in ("nsubj", "nsubjpass") for d in c.children):
                verbs.append(c)  # "X joined Y in 2019 and now runs its sales team"
            elif c.dep_ == "prep" and c.lower_ in ("before", "after", "since", "until"):
                verbs += [g for g in c.children if g.dep_ == "pcomp" and g.tag_ == "VBG"]  # "before joining Y"
            elif c.dep_ == "prep" and c.lower_ == "within":  # "within weeks of leaving Y, X was working for Z"
                verbs += [g for o in c.children if o.dep_ == "pobj" for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                          for g in p.children if g.dep_ == "pcomp" and g.tag_ == "VBG"]
            elif c.dep_ == "advcl" and c.tag_ == "VBG" and not any(d.dep_ in ("nsubj", "nsubjpass") for d in c.children):
                verbs.append(c)  # "..., leaving Y for Z"
            elif c.dep_ in ("advcl", "xcomp") and c.lower_ in ("join", "rejoin", "lead", "run", "head") \
                    and any(d.lower_ == "to" and d.dep_ == "aux" for d in c.children) \
                    and v.lower_ in ("left", "leave", "leaves", "leaving", "quit", "quits", "returned", "moved", "came"):
                verbs.append(c)  # "X left the NSA in 2019 to join Y"
            elif c.dep_ == "advcl" and v.dep_ == "relcl" and c.pos_ == "VERB" and not any(d.dep_ in ("nsubj", "nsubjpass", "mark")
                                                                                    for d in c.children):
                # "X, who co-founded Y and serves as its chief executive" (the model splits "co-founded")
                verbs += [c] + [d for d in c.children if d.dep_ == "conj" and d.pos_ == "VERB"
                                and not any(e.dep_ in ("nsubj", "nsubjpass") for e in d.children)]
    return verbs


def _job_verbs(p, party) -> list[tuple[int, int]]:
    """Employers a verb of working gives a person: "X runs Y", "X, who joined Y in 2019 from Z",
    "X oversees sales at Y", "X worked at Y", "Y hired X", "X was fired by Y", "Y is run by X"."""
    out = []
    for v in _verbs_of(p):
        low = v.lower_
        if v.pos_ not in ("VERB", "AUX"):
            continue
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
        if low in OBJECT_JOBS and not passive:
            if any(c.dep_ in ("xcomp", "ccomp") for c in v.children):
                continue  # "directed the FBI to investigate", "led the Army to victory": no job
            for c in v.children:
                if c.dep_ == "dobj":
                    bodies = _bodies(party, c)
                    if bodies and low.startswith(("overs", "oversaw")):
                        continue  # a senator oversees an agency; only a unit overseen at a body is a job
                    if bodies:
                        out += [(b, v.i) for b in bodies]
                    elif c.lower_ in UNITS and low not in ("leave", "leaves", "left", "leaving", "quit", "quits",
                                                          "join", "joins", "joined", "joining"):
                        # "ran Amazon's consumer business", "led the cyber unit at the FBI"
                        out += [(b, v.i) for g in c.children if g.dep_ in ("poss", "compound")
                                for b in _bodies(party, g)]
                        out += [(b, v.i) for g in _objects(c, ("at", "of", "within", "inside", "in")) for b in _bodies(party, g)]
                    elif c.lower_ in ("board", "boards"):
                        break
            if low.startswith(("join", "rejoin")):  # "joined Y from Z": Z employed X before
                out += [(b, v.i) for g in _objects(v, ("from",)) for b in _bodies(party, g)]
            if low in ("leave", "leaves", "left", "leaving", "quit", "quits"):  # "left Y for Z": Z employs X now
                out += [(b, v.i) for g in _objects(v, ("for",)) for b in _bodies(party, g)
                        if any(c.dep_ == "dobj" and _bodies(party, c) for c in v.children)]
            if low not in ("join", "joins", "joined", "joining", "leave", "leaves", "left", "leaving", "quit", "quits"):
                # "oversees sales at Y", "runs operations for Y"
                out += [(b, v.i) for g in _objects(v, ("at", "for", "within", "inside")) for b in _bodies(party, g)
                        if any(c.dep_ == "dobj" and c.lower_ in UNITS for c in v.children)]
        elif low in PREP_JOBS:
            preps = ("at", "for", "in", "from", "within") if low.startswith(("retir", "resign", "depart")) \
                else ("at", "for", "in", "within")
            if any(c.dep_ == "prep" and c.lower_ == "as" for c in v.children) or low.startswith("spen"):
                preps += ("with",)  # "worked with the FBI" is no job; "worked as an analyst with the FBI" is
            elif low.startswith("serv"):  # "served two tours with the Marine Corps"
                out += [(b, v.i) for g in _objects(v, ("with",)) for b, kind in party(g) if kind == "Agency"]
            if low.startswith(("serv", "act")) and any(c.dep_ == "prep" and c.lower_ == "on" for c in v.children):
                continue  # "served on the board"
            for g in _objects(v, preps):
                out += [(b, v.i) for g2 in _conjuncts(g) for b in _bodies(party, g2)]  # "worked for Y and Z"
            # "works on Y's policy team", "worked in the FBI's cyber division": a unit of the body
            out += [(b, v.i) for g in _objects(v, ("on", "in", "at", "within")) if g.lower_ in UNITS
                    for c in g.children if c.dep_ in ("poss", "compound") for b in _bodies(party, c)]
            if low.startswith("spen"):  # "spent eight years as an analyst with the NSA"
                out += [(b, v.i) for c in v.children if c.dep_ == "dobj" for g in _objects(c, ("at", "with", "in"))
                        for b in _bodies(party, g)]
        elif low in STAYING and not passive:
            # "X has been with Y since 2015", "stayed with Y after the merger"
            out += [(b, v.i) for g in _objects(v, ("with",)) for b in _bodies(party, g)]
        elif low in HIRING and passive:  # "X was hired by Y", "X was fired by Y"
            if low in HIRING_NEEDS_ROLE and not any(is_job(t) for t in v.subtree):
                continue
            out += [(b, v.i) for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
                    for b in _bodies(party, g)]
            if low in FIRING:  # "X, who was ousted from Y"
                out += [(b, v.i) for g in _objects(v, ("from", "at")) for b in _bodies(party, g)]
        if low in ("step", "stepped", "steps", "stepping") and any(c.lower_ == "down" for c in v.children):
            out += [(b, v.i) for g in _objects(v, ("from",)) for b in _bodies(party, g)]
    # "Y hired X", "Y named X its chief executive" (and "appointed X chief financial officer", which
    # the model reads as a role the name modifies)
    hired = p.dep_ == "dobj" and p.head.lower_ in HIRING and p.head.pos_ == "VERB"
    if not hired and p.dep_ in ("nmod", "compound") and is_job(p.head) and p.head.dep_ == "dobj" \
            and p.head.head.lower_ in HIRING and p.head.head.pos_ == "VERB" and p.i < p.head.i:
        hired, p = True, p.head
    if hired:
        v = p.head
        leads = any(c.dep_ in ("xcomp", "advcl") and c.lower_ in OBJECT_JOBS and c.lower_ not in LEAVING for c in v.children)
        if not (v.lower_ in HIRING_NEEDS_ROLE and not leads and not any(is_job(t) for t in v.subtree)) and \
                not any(c.dep_ == "xcomp" and c.lower_ in ("lobby", "represent", "advise", "defend", "sue") for c in v.children) \
                and not any(c.dep_ == "appos" and c.lower_ in HIRED_HELP for c in p.children):
            out += [(b, v.i) for s in _subject(v) for g in _group(s) for b in _bodies(party, g)]
            # "hired X away from Z"
            out += [(b, v.i) for a in [v] + [c for c in v.children if c.dep_ == "advmod" and c.lower_ == "away"]
                    for g in _objects(a, ("from",)) for b in _bodies(party, g)]
    # "Y is run / led / headed by X"
    if p.dep_ == "pobj" and p.head.dep_ == "agent" and p.head.head.lower_ in OBJECT_JOBS:
        v = p.head.head
        out += [(b, v.i) for c in v.children if c.dep_ == "nsubjpass" for b in _bodies(party, c)]
        if v.dep_ == "acl":  # "Y, a company run by X"
            out += [(b, v.i) for b in _bodies(party, v.head)]
            if v.head.dep_ == "appos":
                out += [(b, v.i) for b in _bodies(party, v.head.head)]
    return out


def person_shaped(span) -> bool:
    """Whether a name typed as a body has a person's shape: two or three capitalised words, no
    capital inside a word ("BlackRock"), none a firm's, agency's or group's word, not a known
    body ("Karen Holt", not "Harrow Group" or "Kestrel Labs")."""
    words = [t.text for t in span]
    if not 2 <= len(words) <= 3 or not all(t.is_alpha and t.is_title for t in span):
        return False
    if span.text in lexicon().by_surface:
        return False
    return not any(w.lower() in _body_words() for w in words)


@lru_cache(maxsize=1)
def _body_words() -> frozenset[str]:
    """Words that make a name a firm's, an agency's or a group's (lower case)."""
    lx = lexicon()
    heads = {w.lower() for w in lx.agency_strong + lx.agency_weak + lx.organization_words}
    return frozenset(heads | lx.company_suffixes | set(lx.company_nouns) | set(lx.agency_nouns))


def titled(tok) -> bool:
    """Whether a name stands where only a person can: in apposition with a job ("Y's chief
    executive, X"; "X, the R of Y") or after a title ("chief executive X")."""
    if tok.dep_ == "appos" and is_job(tok.head):
        return True
    return any(c.dep_ == "appos" and is_job(c) or c.dep_ in ("compound", "amod") and c.i < tok.i and is_job(c)
               and c.lower_ not in ("spokesman", "spokeswoman") or False for c in tok.children)


def find_jobs(sent, party, people: list, article_firm=lambda: None) -> list[Role]:
    """WORKS_FOR pairs the parse shows for the person tokens ``people`` (each the head of a
    Person mention; ``party(tok)`` lists the entities a token stands for). A firm's top job with
    no employer named ("chief executive X", "company president X") is at ``article_firm()``."""
    out: list[Role] = []
    for p in people:
        persons = [i for i, kind in party(p) if kind == "Person"]
        if not persons:
            continue
        found: list[tuple[int, int]] = []
        for role in _roles_of_person(p) + _shared_roles(p):
            bodies = employers_of(role, party)
            if role.lower_ in NEEDS_A_BODY and not any(c.dep_ == "prep" for c in role.children) \
                    and not any(c.dep_ in ("poss", "compound") for c in role.children):
                continue
            if role.lower_ == "member" or role.lower_ == "members":
                continue
            if role.head.i == p.i and role.dep_ in ("compound", "amod", "nmod"):
                # "Tarrant Labs chief executive Steven Marsh": the firm may hang from the name
                bodies += [b for c in p.children if c.dep_ in ("compound", "poss", "nmod") and c.i < role.i
                           for b in _bodies(party, c)]
            v = role.head
            if not bodies and v.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in v.children):
                bodies = _bodies(party, v.head)  # "Y, where X is chief technology officer"
            if not bodies and _firm_title(role):
                firm = article_firm()
                bodies = [firm] if firm is not None else []
            found += [(b, role.i) for b in bodies]
            for c in role.children:  # "chief executive and chairman of Y"
                if c.dep_ == "conj" and is_job(c):
                    found += [(b, role.i) for b in employers_of(c, party)]
        found += _job_verbs(p, party)
        v = p.head
        if p.dep_ == "nsubj" and v.dep_ == "relcl" and v.lower_ in OBJECT_JOBS | PREP_JOBS | BEING \
                and v.lower_ not in LEAVING and any(c.dep_ == "advmod" and c.lower_ == "where" for c in v.children):
            found += [(b, v.i) for b in _bodies(party, v.head)]  # "Y, where professor X leads the research"
        for b, cue in found:
            for person in persons:
                if b != person:
                    out.append(Role("WORKS_FOR", person, b, cue))
    return out


# -- PRODUCT_OF --------------------------------------------------------------------------------

def _named_things(noun, party) -> list[tuple[int, str]]:
    """The names a product noun carries: "the Sentrix app" (compound), "its software, Sentrix"
    (apposition), "a tool called Sentrix", "a new version of Kestrel"."""
    out = []
    for c in noun.children:
        if c.dep_ in ("compound", "nmod") and c.i < noun.i:
            named = [x for g in _conjuncts(c) for x in party(g)]  # "its Puma and Raven drones"
            if not named and c.pos_ == "NOUN":  # ("its Puma and Raven surveillance drones": the names hang on "surveillance")
                named = [x for d in c.children if d.dep_ in ("compound", "nmod") and d.i < c.i
                         for g in _conjuncts(d) for x in party(g)]
            out += named
        elif c.dep_ in ("compound", "appos", "nmod"):
            out += party(c)
        elif c.dep_ == "prep" and c.lower_ == "under" and noun.lower_ not in NOT_PRODUCTS:
            out += _under_name(c, party)
        elif c.dep_ == "acl" and c.lower_ in ("called", "named", "dubbed", "known"):
            out += [x for g in c.children if g.dep_ in ("oprd", "attr", "dobj", "xcomp") for x in party(g)]
            out += [x for g in _objects(c, ("as",)) for x in party(g)]
        elif c.dep_ == "prep" and c.lower_ == "of" and noun.lower_ in ("version", "versions", "line", "family", "series"):
            out += [x for g in c.children if g.dep_ == "pobj" for x in party(g)]
    if noun.dep_ == "appos":  # "Sentrix, a drone made by Y"; "the Sentrix system, Y's flagship product"
        head = noun.head
        out += party(head) or ([x for c in head.children if c.dep_ in ("compound", "nmod") for x in party(c)]
                               if head.lower_ in PRODUCT_NOUNS else [])
    return out


def _under_name(prep, party) -> list[tuple[int, str]]:
    """"(sold / marketed) under the name / brand X": the name the thing is sold as."""
    return [x for g in prep.children if g.dep_ == "pobj" and g.lower_ in ("name", "names", "brand", "brands", "label")
            for c in g.children if c.dep_ in ("appos", "compound", "nmod", "oprd") for x in party(c)]


def _things(tok, party, strong: bool, makers=()) -> list[tuple[int, bool]]:
    """What a verb's object or a noun names as a product: (entity, typed only by this reading).
    A name typed as a firm counts only when a product noun carries it (``strong`` readings, as
    "launched", let a bare name count)."""
    out = []
    if any(c.dep_ == "poss" and party(c) and not {i for i, _ in party(c)} <= set(makers) for c in tok.children):
        return out  # "built the Navy's Sentinel network": the owner's, whoever built it (not "sells its X drones")
    for x in _conjuncts(tok):
        direct = party(x)
        described = any(c.dep_ == "appos" and c.lower_ in PRODUCT_NOUNS and not party(c) for c in x.children)
        for idx, kind in direct:
            if kind in ("Product", "Other"):
                out.append((idx, False))
            elif kind == "Company" and described:  # "sells Sentrix, a data analytics platform, to police"
                out.append((idx, False))
            elif kind == "Company" and strong:
                out.append((idx, True))
        if not direct and x.lower_ in PRODUCT_NOUNS:
            for idx, kind in _named_things(x, party):
                if kind in ("Product", "Other"):
                    out.append((idx, False))
                elif kind == "Company":
                    out.append((idx, True))
    return out


def _whose(tok):
    """"Y, whose Z drone ...": the noun the clause is about stands for "whose"."""
    if tok.lower_ != "whose":
        return tok
    x = tok
    while x.dep_ != "relcl" and x.i != x.head.i:
        x = x.head
    if x.dep_ != "relcl":
        return tok
    # "Y, a Texas company whose V-BAT drone ...": the name the describing noun stands beside
    return x.head.head if x.head.dep_ == "appos" and x.head.pos_ == "NOUN" else x.head


def find_products(sent, party) -> list[Role]:
    """PRODUCT_OF pairs the parse shows in a sentence."""
    out: list[Role] = []

    def add(things, makers, cue):
        for thing, retype in things:
            for m in makers:
                if m != thing:
                    out.append(Role("PRODUCT_OF", thing, m, cue, retype))

    for tok in sent:
        low = tok.lower_
        if low in MAKING and (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")):
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or tok.dep_ == "acl" and tok.tag_ == "VBN"
            strong = low in LAUNCHING
            if passive:  # "Z was developed by Y", "Z, a drone built by Y", "Z, which is made by Y"
                makers = [b for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
                          for b in _bodies(party, g, FIRMS)]
                # "Z was developed by Y engineers": the firm whose people made it
                makers += [b for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
                           and g.lower_ in MAKING_PEOPLE for d in g.children if d.dep_ in ("compound", "poss")
                           for b in _bodies(party, d, FIRMS)]
                if not makers:
                    continue
                things = []
                for c in tok.children:
                    if c.dep_ == "nsubjpass":  # ("Kestrel, which is made by Y": the noun the clause is about)
                        things += _things(tok.head if c.lower_ in WHO and tok.dep_ == "relcl" else c, party, False)
                if tok.dep_ == "acl":  # ("Acme Ventures, launched by Acme": a fund, not a product)
                    things += _things(tok.head, party, low in ACL_MADE)
                # "is marketed by Y under the name Z"
                things += [(i, kind == "Company") for c in tok.children if c.dep_ == "prep" and c.lower_ == "under"
                           for i, kind in _under_name(c, party) if kind in ("Product", "Other", "Company")]
                add(things, makers, tok.i)
                continue
            subj = _subject(tok)
            makers = [b for s in subj for g in _group(s) for b in _bodies(party, g, FIRMS)]
            # "Y, the Virginia company that makes Z": the firm the noun stands beside
            makers += [b for s in subj if s.dep_ == "appos" and not party(s) for b in _bodies(party, s.head, FIRMS)]
            if not makers:
                continue
            things = []
            if tok.dep_ == "relcl" and any(c.dep_ == "dobj" and c.lower_ in WHO for c in tok.children):
                things += _things(tok.head, party, False)  # "Z, which Y sells to police"
            for c in tok.children:
                if c.dep_ == "dobj" and c.lower_ not in NOT_PRODUCTS:
                    if any(d.dep_ in ("appos", "compound") and d.lower_ in NOT_PRODUCTS for d in c.children):
                        continue  # "sold Lynx, its radar unit"
                    if low.startswith("sel") or low.startswith("sol"):
                        # "sells Z to police" (not "sold Z, a unit, to a rival": a firm it sells is a sale)
                        things += [(i, r) for i, r in _things(c, party, False, makers) if not r]
                    else:
                        things += _things(c, party, strong, makers)
            # "markets the system under the name Z"
            things += [(i, kind == "Company") for c in tok.children if c.dep_ == "prep" and c.lower_ == "under"
                       for i, kind in _under_name(c, party) if kind in ("Product", "Other", "Company")]
            add(things, makers, tok.i)
        elif low in BUYING and tok.pos_ == "VERB":
            # "bought Z from Y": a named product bought from a firm is the firm's
            # (an unknown name too when an agency buys it: agencies buy products, not firms)
            agency = any(kind == "Agency" for x in _subject(tok) for _, kind in party(x))
            things = [(i, False) for c in tok.children if c.dep_ == "dobj" for i, kind in party(c)
                      if kind == "Product" or kind == "Other" and agency]
            # "bought licences for Z from Y", "bought 40 copies of Z"
            things += [(i, False) for c in tok.children if c.dep_ == "dobj" and c.lower_ in LICENCES
                       for g in _objects(c, ("for", "of", "to")) for i, kind in party(g) if kind in ("Product", "Other")]
            # "ordered 38 Typhoon jets from Y": the product a product noun names
            things += [(i, False) for c in tok.children if c.dep_ == "dobj" and c.lower_ in PRODUCT_NOUNS
                       for i, kind in _named_things(c, party) if kind == "Product"]
            makers = [b for g in _objects(tok, ("from",)) for b in _bodies(party, g, FIRMS)]
            # ("bought licences for Z from Y": the parse hangs "from" on the object)
            makers += [b for c in tok.children if c.dep_ == "dobj" for g in _objects(c, ("from",)) for b in _bodies(party, g, FIRMS)]
            add(things, makers, tok.i)
        elif low in MAKERS and tok.pos_ in ("NOUN", "PROPN") and not party(tok):
            # "the maker of Z, Y", "Y, the developer of Z", "Y is the maker of Z"; "Z maker Y", "Y, the Z maker"
            things = [x for g in _objects(tok, ("of",)) for x in _things(g, party, low not in SUPPLIERS)]
            if low not in SUPPLIERS:
                things += [(i, kind == "Company") for c in tok.children if c.dep_ in ("compound", "nmod") and c.i < tok.i
                           for i, kind in party(c) if kind in ("Product", "Other", "Company")]
                if tok.dep_ == "compound" and tok.head.i > tok.i:
                    makers_before = _bodies(party, tok.head, FIRMS)
                    things = [x for x in things if x[0] not in makers_before]
            if low in SUPPLIERS:
                things = [x for x in things if not x[1]]
            if not things:
                continue
            makers = [b for c in tok.children if c.dep_ == "appos" for b in _bodies(party, c, FIRMS)]
            # "the maker of Z, Y, said": the parse hangs the name on Z
            makers += [b for g in _objects(tok, ("of",)) for c in g.children if c.dep_ == "appos"
                       for b in _bodies(party, c, FIRMS)]
            if tok.dep_ == "appos":
                makers += _bodies(party, tok.head, FIRMS)
            if tok.dep_ == "attr":
                makers += [b for c in tok.head.children if c.dep_ == "nsubj" for b in _bodies(party, c, FIRMS)]
            if tok.dep_ == "compound" and tok.head.i > tok.i:  # "ChatGPT maker OpenAI"
                makers += _bodies(party, tok.head, FIRMS)
            add(things, makers, tok.i)
        elif low == "behind" and tok.head.lower_ in ("company", "firm", "start-up", "startup", "team", "companies", "firms"):
            # "Y, the company behind the Z drone"; "A and B, the companies behind Z"
            noun = tok.head
            things = [x for g in tok.children if g.dep_ == "pobj" for x in _things(g, party, True)]
            makers = [b for x in _group(noun.head) for b in _bodies(party, x, FIRMS)] if noun.dep_ == "appos" else []
            makers += [b for c in noun.children if c.dep_ == "appos" for b in _bodies(party, c, FIRMS)]
            add(things, makers, tok.i)
        elif low in PRODUCT_NOUNS and tok.pos_ == "NOUN":
            # "Y's Z app", "the Z platform from Y", "Y's flagship product, Z", "Z, Y's drone", "a product of Y"
            makers = [b for c in tok.children if c.dep_ == "poss" for b in _bodies(party, _whose(c), FIRMS)]
            # "a Harrow Dynamics product called Lynx" (a firm before the noun, the name after it)
            makers += [b for c in tok.children if c.dep_ == "compound" and c.i < tok.i for b in _bodies(party, c, FIRMS)]
            makers += [b for g in _objects(tok, ("from", "by")) for b in _bodies(party, g, FIRMS)]
            if low in ("product", "products"):
                makers += [b for g in _objects(tok, ("of",)) for b in _bodies(party, g, FIRMS)]
            if not makers:
                continue
            things = [(i, kind == "Company") for i, kind in _named_things(tok, party) if kind in ("Product", "Other", "Company")]
            if tok.dep_ == "attr":  # "Z is a product of Y"
                things += [x for c in tok.head.children if c.dep_ == "nsubj" for x in _things(c, party, True)]
            if tok.dep_ == "nsubj" and tok.head.lower_ in ("include", "includes", "included", "is", "are", "was", "were"):
                # "Y's products include Z", "whose best-known product is Z"
                things += [x for c in tok.head.children if c.dep_ in ("dobj", "attr") for x in _things(c, party, True)]
            add(things, makers, tok.i)
        elif low == "from" and tok.dep_ == "prep" and tok.head.pos_ == "PROPN":
            # "Z from Y": a named thing from a firm
            things = [(i, False) for i, kind in party(tok.head) if kind == "Product"]
            makers = [b for g in tok.children if g.dep_ == "pobj" for b in _bodies(party, g, FIRMS)]
            add(things, makers, tok.i)
    # "Y's Z" where Z is already a product
    for tok in sent:
        if tok.dep_ == "poss" and tok.head.pos_ == "PROPN":
            makers = _bodies(party, _whose(tok), FIRMS)  # (and "Y, the drone maker whose Z won ...")
            things = [(i, False) for i, kind in party(tok.head) if kind in ("Product", "Other")]
            if makers and things:
                add(things, makers, tok.head.i)
    return out

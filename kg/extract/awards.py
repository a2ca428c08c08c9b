"""Helpers for news contracts: which dates in a sentence belong to the award, and which
sentences only report on it.

A reporter's sentence about a deal carries other dates too: when the story was reported
("Motherboard reported in April 2021 that ..."), when the work runs ("from Oct. 1, 2020, through
Sept. 30, 2022"). Only a date the text gives for the award itself dates the contract.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .roles import person_shaped
from .syntax import conjuncts as _listed


def _conjuncts(tok) -> list:
    """``tok`` and the tokens listed with it ("A, B and C"); also a list the parse heads with its
    last name, hanging the first names and their "and" on it as modifiers ("the selection of
    Lockheed Martin and York Space Systems": "Martin ... and York" under "Systems")."""
    out = _listed(tok)
    extra = [y for x in out for c in x.children if c.dep_ in ("nmod", "compound") and c.i < x.i
             and any(d.dep_ == "cc" for d in c.children) for y in _listed(c)]
    return out + [y for y in extra if y not in out]

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


# a body referred to, not named ("the company", "the firm", "the start-up")
REFERENCE = re.compile(r"[Tt]he [a-z]")


def outlets(text: str, mentions) -> set[int]:
    """Entities (by index) that the text uses as the source of what it reports: "X reported",
    "according to X"."""
    out = set()
    for start, end, idx in mentions:
        if REFERENCE.match(text, start, end):
            continue  # "..., according to the company": the firm itself vouching, not an outlet reporting
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


# -- a general detector: a word of buying or awarding and the parties its parse links to it ------
#
# The contract rules read wordings; a reporter has many more. This reads the parse instead: a
# verb of buying, awarding or winning, a deal noun or a customer noun, and the bodies that fill
# its subject, object and "from / with / to / by" slots (or a deal noun's possessor or modifier:
# "the Army's contract", "an Army deal"). An agency in any slot buys, a firm supplies; the amount
# and the date are the ones attached to the same words. It runs on news sentences and adds only
# deals between parties no rule read in the sentence, so it never changes what a rule read. An
# agency that buys with no seller named buys from the article's firm when the sentence points
# there ("bought 300 of them", "paid $2 million for the drones").

# "acquired": a takeover when a firm acquires a firm, a purchase when an agency acquires goods ("the IRS acquired
# location data from Acme"); read only with an agency for buyer
ACQUIRING = frozenset("acquire acquired acquires acquiring".split())
# verbs whose subject buys ("the Navy bought / awarded / paid / leased / uses ...")
BUYING = frozenset(
    "award awarded awards awarding buy bought buys buying purchase purchased purchases purchasing procure procured "
    "procures pay paid pays paying spend spent spends spending lease leased leases leasing license licensed licenses "
    "licensing order ordered orders sign signed signs hire hired hires contracted renew renewed renews extend extended "
    "extends use uses used using deploy deployed deploys deploying employ employs employed retain retained commission "
    "commissioned gave give gives given grant granted grants hand hands handed handing subscribe subscribed subscribes "
    "exercised".split()) | ACQUIRING
# verbs whose object is the thing bought, not the seller ("bought Sentinel" — but "paid Acme")
GOODS_VERBS = frozenset("buy bought buys buying purchase purchased purchases purchasing procure procured procures order "
                        "ordered orders lease leased leases leasing license licensed licenses licensing".split()) | ACQUIRING
# a unit's owner is not the unit when the unit is named ("Red Cat Holdings' Teal Drones subsidiary")
OWNED_UNITS = frozenset("subsidiary subsidiaries unit units division divisions arm affiliate".split())
# the verbs that price a deal when they modify its noun ("a deal valued at $4 million")
VALUING = frozenset("valued priced estimated".split())
# verbs of dealing that govern a deal noun without being cues ("the deal was struck / reached / inked")
DEALING = frozenset("sign signed signs ink inked inks strike struck strikes reach reached reaches enter entered enters "
                    "finalize finalized finalise finalised issue issued issues place placed "
                    "places hold held holds".split())
# the verbs that date a deal when they modify its noun ("a contract awarded in May")
DATING = frozenset("signed awarded announced approved reached struck inked finalized issued".split())
# verbs that are about a deal only when it is named ("won a contract / a piece of it", not "won praise")
WINNING = frozenset("win won wins winning receive received receives secure secured secures land landed lands get got gets "
                    "earn earned clinched clinch captured booked".split())
# verbs whose subject is chosen or sells ("Acme won / secured / sells / supplies ...")
SELLING = WINNING | frozenset("sell sold sells selling supply supplies supplied supplying provide provides provided providing "
                              "deliver delivers delivered beat".split())
NEEDS_A_DEAL = frozenset("extend extended extends renew renewed renews sign signed signs".split())
# what a win names when it is one more of the deals the sentence told ("Bolt won another", "won others")
ANOTHER = frozenset("another others".split())
DEAL_LIKE = frozenset("one ones others another work business piece share portion slice part".split())
NOT_A_PURCHASE_ORDER_VERB = frozenset("order ordered orders".split())
NOT_A_PURCHASE_ORDER = frozenset("executive court restraining gag stop-work".split())
TELLING_OK = frozenset("provide provides provided providing deliver delivers delivered supply supplies supplied".split())
TOLD = frozenset("statement statements comment comments information details evidence testimony documents records answers "
                 "response briefing briefings update updates".split())
GROUPS = frozenset("agencies departments forces customers clients users buyers offices governments".split())
ENDING = frozenset("cancel canceled cancelled cancels terminate terminated terminates end ended ends expire expired expires "
                   "suspend suspended suspends pause paused run runs ran scrap scrapped".split())
USING = frozenset("use uses used using".split())
LEASING = frozenset("lease leased leases leasing".split())
UNDECIDED = frozenset("undecided pending unresolved unawarded open".split())
# a buyer's own verbs that say it bought even when the seller goes unnamed
BARE_BUYING = frozenset("bought buys buying purchased purchases purchasing procured paid pays paying spent leased licensed "
                        "ordered subscribed renewed signed awarded uses used using".split())
SAYING = frozenset("said says told tells added adds noted notes wrote writes stated confirmed confirms".split())
GIVING = frozenset("gave give gives given giving grant granted grants hand hands handed handing".split())
# a choice that makes no deal yet: finalists, a shortlist, the right to compete or to negotiate
NOT_YET_CHOSEN = frozenset("finalist finalists shortlist shortlisted short-list short-listed compete competing negotiate "
                           "negotiating negotiations semifinalist semifinalists".split())
# verbs of choosing: an award only with a deal named or an amount ("chose Acme for a $5 million contract")
CHOOSING = frozenset("select selected selects choose chose chosen chooses pick picked picks tap tapped taps".split())
DEALS = frozenset(
    "contract contracts deal deals agreement agreements award awards order orders subscription subscriptions lease "
    "leases license licenses licence licences purchase purchases extension renewal subcontract subcontracts pilot "
    "pilots payment payments".split())
DECIDING = frozenset("agree agreed agrees decide decided decides vote voted votes".split())
# what a verb does to a deal that is not making it: its slots are not the deal's parties ("Acme sued the
# VA over the contract", "the senator faulted the Navy over the order")
DISPUTING = frozenset("sue sues sued suing criticise criticises criticised criticising criticize criticizes criticized "
                      "criticizing fault faults faulted faulting blame blames blamed blaming accuse accuses accused "
                      "accusing investigate investigates investigated investigating probe probes probed probing audit "
                      "audits audited auditing fine fines fined fining praise praises praised praising protest protests "
                      "protested protesting challenge challenges challenged challenging".split())
# a part of a deal a verb can take for the deal ("won a share of the contract", "signed an extension of its contract")
DEAL_PARTS = frozenset("extension extensions renewal renewals option options modification modifications phase phases "
                       "tranche tranches value terms term round rounds lot lots portion share part piece slice task "
                       "tasks".split())
# a pilot is a deal only when it is paid for ("a $2 million pilot", "a paid pilot"), not a trial
PILOTS = frozenset("pilot pilots".split())
AGENCY_NOUNS = frozenset("agency department bureau service office command administration force".split())
CUSTOMERS = frozenset("customer customers client clients buyer buyers".split())
# what a deal has the seller do for the buyer ("a contract to supply the DEA with drones")
SERVING = frozenset("supply supplies supplying provide provides providing deliver delivers delivering build builds "
                    "building make makes making develop develops developing run runs running operate operates operating "
                    "maintain maintains maintaining install installs installing design designs designing produce produces "
                    "producing serve serves serving support supports supporting equip equips equipping train trains "
                    "training".split())
COPULA = frozenset("is was are were be been".split())
# verbs that give a deal noun, their subject, its price ("the purchase cost $4 million")
PRICING = frozenset("cost costs totaled totalled totals amounted amounts".split())
# verbs by which a firm counts or gains an agency "as a customer" / "among its clients"
COUNTING = frozenset("counts counted lists listed names named claims claimed has had landed lands signed signs added adds "
                     "won wins gained gains secured secures".split())
# nouns that call a firm an agency's seller ("a longtime contractor for the CIA", "the Pentagon's
# largest supplier", "one of the biggest vendors to the NSA")
VENDORS = frozenset("contractor contractors supplier suppliers vendor vendors provider providers subcontractor "
                    "subcontractors".split())
# what makes a seller one no more, or not yet ("a former contractor", "a would-be supplier")
NOT_NOW = frozenset("former ex onetime one-time erstwhile prospective potential would-be possible".split())
PAYING = frozenset("pay paid pays paying spend spent spends spending payment payments".split())
# a firm's work for an agency named after "for" ("Acme runs the screening program for the FMCSA",
# "the tool was built by Acme for the Army"): a service the agency buys
SERVICE = frozenset("run runs ran operate operates operated maintain maintains maintained build builds built develop "
                    "develops developed".split())
# "the agency's August selection of Acme and Bolt to build ...", "the Navy's choice of Acme": a choice
# of sellers, said as a noun
SELECTIONS = frozenset("selection selections choice".split())
CUE_WORDS = BUYING | SELLING | CHOOSING | DEALS | CUSTOMERS | VENDORS | SERVICE | SELECTIONS
# a word that gives a deal away before any parse is looked at (whole words, any case)
CUE = re.compile(r"\b(?:" + "|".join(sorted(CUE_WORDS, key=len, reverse=True)) + r")\b", re.I)
PREPS = frozenset(("from", "with", "to", "by", "between", "among", "for"))
RELATIVE = frozenset(("which", "that", "who", "whose"))
PRONOUNS = frozenset(("it", "its", "they", "their", "them"))
# no purchase: a test, a trial, a settlement, an investment, a takeover
NOT_BOUGHT = re.compile(r"\b(?:invest(?:s|ed|ing|ment|ments|or|ors)?|stake|"
                        r"acquir\w*|acquisition|merger|"
                        r"settle\w*|damages|fines?|lawsuit|sued|grant(?:ed)? (?:access|permission)|approved for use)\b", re.I)


# a trial or a test is no purchase ("the agencies tried it in an unpaid pilot") unless the sentence
# says it was paid for ("a $2 million pilot", "a paid pilot", "paid $40,000 for a trial")
TRIAL = re.compile(r"\b(?:pilot|trial|tested|testing|demonstrat\w*)\b", re.I)
FREE = re.compile(r"\b(?:free|unpaid|no-cost|at no cost|without charge|free of charge)\b", re.I)
# work said to be done for nothing ("researchers ..., who are doing the review free of charge"): no sale
UNPAID = re.compile(r"\b(?:free of charge|at no (?:cost|charge)|without charge|for free|pro bono|unpaid|no-cost)\b", re.I)
PAID_WORD = re.compile(r"\b(?:paid|paying|pays|pay|spent|worth|valued)\b|[$€£]\s?\d", re.I)


# what a firm sells or buys when it sells or buys a business, not goods ("is selling its aerospace
# division to BAE", "bought the company"); "units" only as a firm's ("its units": "bought two units" is goods)
BUSINESSES = frozenset("division divisions business businesses subsidiary subsidiaries arm stake stakes shares company "
                       "companies firm firms startup rival rivals competitor operations maker".split())
OWN_UNITS = frozenset("unit units".split())
TAKING_OVER = frozenset("buy bought buys buying purchase purchased purchases purchasing acquire acquired "
                         "acquires acquiring sell sold sells selling".split())


def takeover(sent, party) -> bool:
    """Whether the sentence tells of a firm or a business changing hands ("bought United Defense
    Industries for $4.2 billion", "is selling its aerospace division to BAE"): a takeover, read by
    the ties, not a purchase of goods."""
    for tok in sent:
        if tok.lower_ not in TAKING_OVER or tok.pos_ not in ("VERB", "AUX"):
            continue
        for c in tok.children:
            if c.dep_ != "dobj":
                continue
            low = c.lower_
            if low in BUSINESSES or low in OWN_UNITS and any(d.dep_ == "poss" for d in c.children):
                return True
            if any(kind in ("Company", "Organization") for x in _conjuncts(c) for _, kind in party(x, deep=False)) \
                    and not any(d.lower_ in ("one", "ones") for d in c.children):
                return True
    return False


def agency_acquires(sent, party) -> bool:
    """Whether an agency the sentence names acquires something that is not a firm or a business
    ("the IRS acquired location data from Acme"): a purchase, though the word is a takeover's."""
    for tok in sent:
        if tok.lower_ not in ACQUIRING or tok.pos_ not in ("VERB", "AUX"):
            continue
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        if not objs or any(c.lower_ in BUSINESSES or any(kind in ("Company", "Organization") for x in _conjuncts(c)
                                                          for _, kind in party(x, deep=False)) for c in objs):
            continue
        if any(kind == "Agency" for c in _subjects(tok) for _, kind in party(c, deep=False)):
            return True
    return False


def a_trial(text: str) -> bool:
    """Whether the sentence tells of a trial or test that nothing in it says was paid for."""
    return bool(TRIAL.search(text)) and (bool(FREE.search(text)) or not PAID_WORD.search(text))


@dataclass
class Deal:
    """What the parse says of one deal: its parties (entity indexes), amount and date tokens."""

    buyers: list[int]
    suppliers: list[int]
    money: int | None  # token index of the amount
    date: int | None  # token index of the date
    paying: bool
    cue: int  # token index of the cue word
    verb: int | None = None  # the verb a deal noun cue hangs from, if it dates or prices the deal
    confidence: float = 0.6  # under the rules' 0.7-0.9; readings by slot or by service lower still
    told_date: str | None = None  # a date said of the deal in an earlier sentence ("signed off on the purchase on ...")
    several: bool = False  # one of several awards one verb makes ("paid A $4 million and B $2 million")


def _including(tok) -> list:
    """The bodies an "including / like" phrase on ``tok`` lists, with their conjuncts."""
    return [x for p in tok.children if p.dep_ == "prep" and p.lower_ in ("including", "like")
            for g in p.children if g.dep_ == "pobj" for x in _conjuncts(g)]


def _fillers(tok, preps=PREPS, depth: int = 0) -> tuple[list, list]:
    """The tokens that fill a cue's slots: subject, objects, "from / with / to / by X" (first
    list), and the possessor or modifier of its noun ("the Army's contract", "an Army deal",
    "bought Acme's software": second list, used when the first names no party)."""
    main, weak = [], []
    for c in tok.children:
        dep = c.dep_
        if dep in ("nsubj", "nsubjpass", "dobj", "dative", "iobj", "attr", "oprd", "agent"):
            if c.pos_ == "ADP":  # "sold it to the Army" parsed as a dative "to", "by" as the agent
                main.extend(g for g in c.children if g.dep_ == "pobj")
            else:
                main.append(c)
            if dep == "dobj" and depth == 0:  # "ordered licenses from Acme", "bought 30 of Acme's drones"
                m, w = _fillers(c, preps, 1)
                main.extend(x for x in m if x.dep_ == "pobj")
                weak.extend(w)
        elif dep in ("poss", "compound", "nmod"):
            if dep == "poss" and tok.lower_ in OWNED_UNITS and any(d.dep_ == "compound" and d.pos_ == "PROPN" for d in tok.children):
                continue  # "chose Red Cat's Teal Drones subsidiary": the unit named, not its owner
            weak.append(c)
        elif dep == "prep" and c.lower_ in preps | {"by"}:
            for g in c.children:
                if g.dep_ == "pobj":
                    main.append(g)
                    # "a license for the Crimson tool from Halberd": whose the thing is
                    main.extend(x for p in g.children if p.dep_ == "prep" and p.lower_ in ("from", "by")
                                for x in p.children if x.dep_ == "pobj")
                    if c.lower_ == "between":
                        # "between the Department of State and Acme": the parse hangs the second party on "State"
                        main.extend(y for p in g.children if p.dep_ == "prep" and p.lower_ == "of"
                                    for x in p.children if x.dep_ == "pobj" for y in x.children if y.dep_ == "conj")
        elif dep == "prep" and c.lower_ in ("under", "against") and tok.lower_ in DEALS:
            # "a task order under the Army's enterprise contract": whose the parent deal is
            weak.extend(x for g in c.children if g.dep_ == "pobj" and g.lower_ in DEALS
                        for x in g.children if x.dep_ in ("poss", "compound"))
        elif dep == "amod" and c.lower_ in ("worth", "valued") and depth >= 1:
            # "an award worth $2.5 million from the NGA"
            main.extend(g for p in c.children if p.dep_ == "prep" and p.lower_ in preps | {"by"}
                        for g in p.children if g.dep_ == "pobj")
        elif dep == "acl" and c.tag_ == "VBN" and tok.lower_ in DEALS and c.lower_ in ("awarded", "given", "let"):
            # "under a $723 million contract awarded Monday to a team led by Cubic", "a contract awarded by eu-LISA"
            main.extend(g for p in c.children if p.dep_ in ("prep", "agent", "dative") and p.lower_ in ("to", "by")
                        for g in p.children if g.dep_ == "pobj")
        elif dep == "acl" and c.pos_ == "VERB" and tok.lower_ in DEALS and c.lower_ in SERVING:
            # "a contract worth $4 million to supply the DEA with drones", "a deal to build radars for the Navy"
            main.extend(g for g in c.children if g.dep_ in ("dobj", "dative"))
            main.extend(g for p in c.children if p.dep_ == "prep" and p.lower_ in ("for", "to")
                        for g in p.children if g.dep_ == "pobj")
        elif dep == "prep" and c.lower_ == "of" and depth < 2:  # "500 licenses of the Acme app from Bolt"
            for g in c.children:
                if g.dep_ == "pobj":
                    m, w = _fillers(g, preps, depth + 1)
                    main.extend(x for x in m if x.dep_ == "pobj")
                    weak.extend(w)
    if depth == 0 and tok.dep_ == "acl" and tok.head.dep_ == "pobj" and tok.head.head.lower_ in ("among", "of") \
            and tok.head.lower_ in GROUPS and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        # "the Tucson police is among the agencies using Acme's tool": the one said to be among them
        verb = tok.head.head.head
        if verb.lower_ == "one":  # "is one of the agencies that ..."
            verb = verb.head
        main.extend(c for c in verb.children if c.dep_ == "nsubj")
    if depth == 0 and tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.lower_ in GOODS_VERBS:
        # "Acme's scanners, bought by the TSA for $90 million": the thing bought is the noun it describes
        main.append(tok.head)
    if depth == 0 and tok.pos_ in ("VERB", "AUX") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) \
            and tok.dep_ in ("advcl", "xcomp", "conj") and tok.head.pos_ in ("VERB", "AUX"):
        # "..., paying the company $6 million": the subject of the verb it hangs from
        main.extend(c for c in tok.head.children if c.dep_ == "nsubj")
    return [x for f in main for x in _conjuncts(f)], [x for f in weak for x in _conjuncts(f)]


def bare_buyers(sent, party, money_tokens: set[int] = frozenset()) -> list[Deal]:
    """"The Michigan State Police signed up in 2018, paying $300,000 for a subscription", "the SEC
    signed a deal worth $40,000": an agency buys, pays or signs and its clause names no seller
    (the caller supplies the article's firm)."""
    out = []
    for tok in sent:
        if tok.lower_ not in BARE_BUYING or not (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")) or _unreal(tok):
            continue
        if tok.lower_ in NEEDS_A_DEAL | {"awarded"} and not any(t.lower_ in DEALS or t.i in money_tokens for t in tok.subtree):
            continue
        subjects_ = {t.i for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        rest = [t for t in tok.subtree if t.i not in subjects_ and t.i != tok.i]
        if not any(t.lower_ in PRONOUNS or t.lower_ in DEALS or t.dep_ == "det" and t.lower_ in ("the", "these", "those")
                   and t.head.dep_ in ("dobj", "pobj")
                   # "spent $15,000 on one", "bought two of them"
                   or t.lower_ == "one" and t.dep_ in ("dobj", "pobj") for t in rest):
            continue  # "the Pentagon spent $700 billion in 2021", "the Army bought rifles": nothing said to be the firm's
        if tok.lower_ in USING and not any(c.dep_ == "dobj" and any(d.lower_ in ("the", "its", "their") for d in c.children)
                                           for c in tok.children):
            continue  # "the FBI also uses the software" (the firm's), not "the Army uses drones"
        if tok.lower_ in USING and any(c.dep_ == "dobj" and any(t.lower_ in DEALS for t in c.subtree) for c in tok.children):
            continue  # "ran the competition using its Schedule 70 contract vehicle": a deal used to buy, not bought
        main, _ = _fillers(tok)
        subjects = [f for f in main if f.dep_ in ("nsubj", "nsubjpass") or f.head.dep_ == "agent"]
        buyers = [i for f in subjects for i, kind in party(f, deep=False) if kind == "Agency"]
        if buyers and all(kind == "Agency" for f in main for _, kind in party(f, deep=False)):
            out.append(Deal(list(dict.fromkeys(buyers)), [], None, None, tok.lower_ in PAYING, tok.i))
    for tok in sent:
        # "the Army followed with a $9 million order", "the Navy placed a $2 million order": a priced
        # deal noun whose clause has an agency for subject
        if tok.lower_ not in DEALS or tok.pos_ != "NOUN" or not money_tokens & {t.i for t in tok.subtree}:
            continue
        gov = tok.head
        while gov.dep_ in ("prep", "pobj") and gov.pos_ not in ("VERB", "AUX") and gov.i != gov.head.i:
            gov = gov.head
        if gov.pos_ not in ("VERB", "AUX") or tok.dep_ not in ("dobj", "pobj") or _unreal(gov) or _unreal(tok):
            continue
        main, _ = _fillers(gov)
        buyers = [i for f in main if f.dep_ in ("nsubj", "nsubjpass") for i, kind in party(f, deep=False) if kind == "Agency"]
        if buyers and all(kind == "Agency" for f in main for _, kind in party(f, deep=False)) \
                and not any(d.cue in (gov.i, tok.i) for d in out):
            out.append(Deal(list(dict.fromkeys(buyers)), [], None, None, False, tok.i, gov.i))
    for tok in sent:
        # "The Secret Service was another early buyer", "the DEA is also listed as a customer": a
        # customer noun said of an agency, with no seller named
        if tok.lower_ not in CUSTOMERS or tok.pos_ != "NOUN" or _unreal(tok) \
                or any(c.dep_ in ("poss", "compound", "nmod") or c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            continue
        if tok.dep_ == "attr" or tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.head.pos_ in ("VERB", "AUX"):
            verb = tok.head if tok.dep_ == "attr" else tok.head.head
            if _unreal(verb) or any(c.dep_ == "neg" for c in verb.children):
                continue
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            buyers = [i for f in subjects for x in _conjuncts(f) for i, kind in party(x, deep=False) if kind == "Agency"]
            if buyers:
                out.append(Deal(list(dict.fromkeys(buyers)), [], None, None, False, tok.i, confidence=0.5))
    return out


# verbs by which an agency is said to buy, with or without a seller ("the Met is buying software")
STORY_BUYING = frozenset("buy buys buying bought purchase purchases purchasing purchased procure procures procuring "
                         "procured order orders ordering ordered lease leases leasing leased license licenses licensing "
                         "licensed".split())


def story_buyers(sent, party) -> list[int]:
    """Agencies the sentence says buy something ("London's Metropolitan Police Service is buying
    software"): the buyer a later sentence's deal with no buyer named belongs to."""
    out = []
    for tok in sent:
        if tok.lower_ in STORY_BUYING and tok.pos_ in ("VERB", "AUX") and not _unreal(tok):
            out += [i for c in tok.children if c.dep_ == "nsubj" for i, kind in party(c, deep=True) if kind == "Agency"]
    return list(dict.fromkeys(out))


def bare_sellers(sent, party, money_tokens: set[int], date_tokens: set[int]) -> list[Deal]:
    """"The four-year contract, with Northgate, is worth $4.2 million", "a $3 million order from
    Acme": a priced deal noun whose seller follows "with / from" and whose buyer the sentence does
    not name (the caller supplies the agency the story says is buying)."""
    out = []
    for tok in sent:
        if tok.lower_ not in DEALS or tok.pos_ != "NOUN" or _unreal(tok):
            continue
        heads = [tok]
        if tok.dep_ == "nsubj" and tok.head.lower_ in COPULA and any(
                c.dep_ in ("acomp", "attr") and c.lower_ in ("worth", "valued") for c in tok.head.children):
            heads.append(tok.head)  # "the contract, with Acme, is worth $4 million"
        money = attached(heads, money_tokens)
        if money is None:
            continue
        sellers = _slot(_objects(tok, ("with", "from")), party, ("Company", "Organization"), deep=True)
        if sellers:
            out.append(Deal([], sellers[:1], money, attached(heads, date_tokens, dates=True),
                            False, tok.i, confidence=0.5))
    return out


# verbs that make several awards with one subject, each seller followed by its figure
GAPPING = frozenset("awarded awards paid pays gave gives".split())


def several_awards(sent, party, money_tokens: set[int], date_tokens: set[int]) -> list[Deal]:
    """"The Labor Department paid Acme $4 million and Bolt $2 million", "awarded Acme a $4 million
    contract and Bolt a $2 million one": one verb, its subject the buyer, and after it each seller
    followed by its own figure (the parse hangs the second pair anywhere; the order tells)."""
    out = []
    for tok in sent:
        if tok.lower_ not in GAPPING or tok.pos_ not in ("VERB", "AUX") or _unreal(tok):
            continue
        buyers = [i for c in _subjects(tok) for x in _conjuncts(c) for i, kind in party(x, deep=False)
                  if kind in ("Agency", "Company", "Organization")]
        if not buyers:
            continue
        seq, joined = [], False
        for t in sent[tok.i - sent.start + 1:]:
            if t.lower_ in (";", "while", "but", "which", "who"):
                break
            if t.i in money_tokens:
                seq.append(("money", t.i))
            elif t.lower_ == "and" and seq and seq[-1][0] == "money":
                joined = True
            else:
                kinds = party(t, deep=False)
                firm = next((i for i, kind in kinds if kind in ("Company", "Organization", "Other")), None)
                if firm is not None and not (seq and seq[-1] == ("firm", firm)):
                    seq.append(("firm", firm))
        firms = [x for kind, x in seq if kind == "firm"]
        if not joined or len(firms) < 2 or [kind for kind, _ in seq] != ["firm", "money"] * len(firms) \
                or len(set(firms)) < len(firms) or set(firms) & set(buyers):
            continue
        date = attached([tok], date_tokens, dates=True)
        if date is None:  # "... and Bolt $2 million in 2019": the date after the last pair is the verb's
            last = seq[-1][1]
            date = next((d for d in date_tokens if d > last and sent[d - sent.start].head.lower_ in ("in", "on")), None)
        for (_, firm), (_, money) in zip(seq[::2], seq[1::2]):
            out.append(Deal(list(dict.fromkeys(buyers))[:1], [firm], money, date, tok.lower_ in PAYING, tok.i,
                            confidence=0.5, several=True))
    return out


def find_deals(sent, party, money_tokens: set[int], date_tokens: set[int]) -> list[Deal]:
    """The deals a sentence's parse shows. ``party(token, deep=True)`` lists the entities
    (index, type) a token stands for — its mention, the body a pronoun or "the agency" refers to,
    and (``deep``) whose the thing it names is ("Acme's drones", "drones made by Acme")."""
    deals: list[Deal] = []
    for tok in sent:
        low = tok.lower_
        if low not in CUE_WORDS:
            continue
        noun = tok.pos_ in ("NOUN", "PROPN")
        verb = tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")
        if low in CUSTOMERS:
            if noun:
                deals.extend(_customer_deal(tok, party))
            continue
        if low in SELECTIONS:
            if noun and not _unreal(tok):
                deals.extend(_selection_deal(tok, party, money_tokens, date_tokens))
            continue
        if low in SERVICE:
            if tok.pos_ in ("VERB", "AUX") and not _unreal(tok):
                deals.extend(_service_deal(tok, party, money_tokens, date_tokens))
            continue
        if low in VENDORS:
            if noun and not _unreal(tok):
                deals.extend(_vendor_deal(tok, party))
            continue
        if noun and low in DEALS:
            if tok.dep_ == "compound" and tok.head.lower_ not in DEALS:
                continue  # "its Schedule 70 contract vehicle", "contract talks", "the order book": no deal of its own
            if low in PILOTS and not (money_tokens & {t.i for t in tok.subtree}) \
                    and not any(c.lower_ == "paid" for c in tok.children):
                continue  # a pilot is a trial unless it is paid for
            heads = [tok]
            # "Acme won / has / signed a contract": the verb that governs the noun
            gov = tok.head
            through = []  # the nouns between the deal noun and its verb
            while gov.dep_ in ("prep", "pobj", "conj") and gov.i != gov.head.i and gov.pos_ not in ("VERB", "AUX"):
                if gov.pos_ in ("NOUN", "PROPN") and gov.i != tok.i:
                    through.append(gov)
                gov = gov.head
            if tok.dep_ == "nsubjpass" and gov.lower_ not in CUE_WORDS | DEALING:
                pass  # "the contract is funded from the police budget and was negotiated by the city's office"
            elif gov.lower_ in DISPUTING or any(n.lower_ not in DEALS and n.lower_ not in DEAL_LIKE
                                                 and n.lower_ not in DEAL_PARTS for n in through):
                pass  # "criticised the agency for its handling of the contract", "sued the VA over the contract"
            elif tok.dep_ in ("dobj", "attr", "pobj", "nsubjpass", "dative", "conj") and gov.pos_ in ("VERB", "AUX"):
                heads.append(gov)
            elif tok.dep_ == "nsubj" and gov.lower_ in BUYING | {"went", "goes", "go", "gone"}:
                heads.append(gov)  # "the order went to Acme", "the contract pays Acme" (not "the award moves X into production")
            elif tok.dep_ == "nsubj" and (gov.lower_ in PRICING or gov.lower_ in COPULA and any(
                    c.dep_ in ("acomp", "attr") and c.lower_ in ("worth", "valued") for c in gov.children)):
                heads.append(gov)  # "the Army's purchase of Acme's drones cost $4 million", "the contract was worth $4 million"
        elif verb and low in BUYING | SELLING | CHOOSING:
            heads = [tok]
            # "awarded Acme a contract with ...", "signed a lease with": the deal noun's own slots
            heads.extend(c for c in tok.children if c.dep_ in ("dobj", "dative") and c.lower_ in DEALS)
        else:
            continue
        if _unreal(tok):
            continue
        if any(h.lower_ in CHOOSING and any(t.lower_ in NOT_YET_CHOSEN for t in h.subtree) for h in heads):
            continue  # "picked Acme and Bolt as finalists", "selected Acme to negotiate a contract": no deal yet
        if low in NOT_A_PURCHASE_ORDER_VERB and any(c.dep_ == "xcomp" for c in tok.children):
            continue  # "the FTC ordered Acme to delete the data": a command
        if low in ("order", "orders") and any(c.lower_ in NOT_A_PURCHASE_ORDER for c in tok.children):
            continue  # "an executive order", "a stop-work order"
        if verb and low in TELLING_OK and any(c.dep_ == "dobj" and c.lower_ in TOLD for c in tok.children):
            continue  # "provided a statement to the FBI"
        if low in WINNING | GIVING | CHOOSING | NEEDS_A_DEAL \
                and not any(t.lower_ in DEALS or t.lower_ in DEAL_LIKE and low in WINNING for t in tok.subtree) \
                and not (money_tokens & {t.i for t in tok.subtree}) \
                and not (low in CHOOSING and any(c.dep_ in ("xcomp", "advcl") and c.lower_ in SERVING for c in tok.children)):
            continue  # (but "chose Acme to supply / build ...": chosen as the seller)
        filled = [_fillers(h) for h in heads]
        if any(f.lower_ in PEOPLE and f.dep_ in ("dobj", "dative", "nsubjpass") for m, _ in filled for f in m):
            continue  # "hired a former Pentagon lawyer", "paid its lobbyists"
        if low in USING and any(c.dep_ in ("xcomp", "advcl") for c in tok.children) and \
                any(c.dep_ == "dobj" and party(c) for c in tok.children):
            continue  # "used Twitter to announce the arrest": a platform put to use, not a purchase
        if low in USING and any(c.dep_ == "dobj" and any(t.lower_ in DEALS for t in c.subtree) for c in tok.children):
            continue  # "ran the competition using its Schedule 70 contract vehicle": a deal used to buy, not bought
        if noun and low in DEALS and tok.dep_ == "nsubj" and any(
                c.dep_ in ("acomp", "attr") and c.lower_ in UNDECIDED for c in tok.head.children):
            continue  # "the contract remains undecided"
        if any(kind == "Person" for m, _ in filled for f in m for _, kind in party(f)):
            continue  # "hired a retired colonel", "paid its chief executive": a job, not a deal
        main = _roles(party, [f for m, _ in filled for f in m], False)
        weak = _roles(party, [f for m, w in filled for f in m + w], True)
        buyers = main[0] or weak[0]
        suppliers = [s for s in (main[1] or weak[1]) if s not in buyers]
        beating = [h for h in heads if h.lower_ in BEATING]
        if beating:  # "Acme beat Bolt for the Army contract": the one beaten sold nothing
            losers = {i for h in beating for c in h.children if c.dep_ == "dobj" for x in _conjuncts(c) for i, _ in party(x)}
            suppliers = [s for s in suppliers if s not in losers]
        if low in ACQUIRING and not main[0]:
            continue  # "acquired" is a purchase only with an agency in its slots, else a takeover's word
        if not buyers or not suppliers:
            # no agency in its slots: who buys is told by the slot, not the type ("Acme bought
            # sensors from Bolt", "Bolt won a subcontract from Acme", "Acme hired Bolt")
            buyers, suppliers = by_slot(tok, heads, party)
            slot_read = True
        else:
            slot_read = False
        if not buyers and suppliers and deals and low in WINNING and any(
                c.dep_ == "dobj" and c.lower_ in ANOTHER for c in tok.children):
            # "the NRO gave Acme one of its study contracts; Bolt and Cato won others": the same buyer's,
            # at the same date (the earlier deal of the sentence, which "another" / "others" points back to)
            first = deals[-1]
            deals.extend(Deal(first.buyers, [s], None, first.date, False, tok.i, confidence=0.5, several=True)
                         for s in suppliers if s not in first.buyers + first.suppliers)
            continue
        if not buyers or not suppliers:
            continue
        money = attached(heads, money_tokens)
        # "Acme's contract with the Army was canceled in 2021": that date is the ending's
        dating = [h for h in heads if h.lower_ not in ENDING]
        if verb and tok.dep_ == "xcomp" and tok.head.lower_ in DECIDING:
            dating.append(tok.head)  # "agreed in June to purchase ...": the decision dates the purchase
        date = attached(dating, date_tokens, dates=True, since=low in LEASING)
        deals.append(Deal(buyers, suppliers, money, date, low in PAYING, tok.i, confidence=0.5 if slot_read else 0.6))
    if any(t.lower_ in GAPPING for t in sent):
        deals.extend(several_awards(sent, party, money_tokens, date_tokens))
    return deals


# -- who buys by the slot: deals between firms, where the types do not tell buyer from seller ------
#
# An agency in a deal buys, so the reader above goes by type. Between two firms the slots tell:
# the subject of "bought / paid / hired / awarded / chose" buys from its object or the firm after
# "from / to / with"; the subject of "won / landed / sells / supplies" sells to the firm after
# "to / from / by / with" or whose deal it is ("won a Walmart order"); "has / holds a deal with"
# is said of the seller. "Signed / inked a deal with" says nothing of direction unless the deal
# has the seller supply something ("a deal to supply ...") or the buyer use it ("to use its
# software"). Passives swap the subject for the "by" object.

BUYER_FIRST = (BUYING - USING - NEEDS_A_DEAL - frozenset("deploy deployed deploys deploying employ employs employed".split())) \
    | CHOOSING | frozenset("contracted extend extended extends renew renewed renews".split())
BEATING = frozenset("beat beats beating outbid outbids".split())
SELLER_FIRST = SELLING - BEATING
HAVING = frozenset("has have had holds hold held".split())
SIGNING = frozenset("sign signed signs ink inked inks strike struck strikes reach reached reaches enter entered enters".split())
# what a deal has the buyer do with what it bought ("a deal to use its forecasting software")
USING_IT = frozenset("use uses using buy buys buying purchase purchases purchasing license licenses licensing lease leases "
                     "leasing subscribe subscribes deploy deploys deploying access".split())
SUPPLYING = frozenset("supply supplies supplied supplying provide provides provided providing serve serves served serving "
                      "equip equips equipped".split())
BUYER_KINDS = ("Company", "Organization")
SELLER_KINDS = ("Company", "Organization", "Other", "Product")


def _slot(toks, party, kinds, deep: bool = False) -> list[int]:
    return list(dict.fromkeys(i for t in toks for x in _conjuncts(t) for i, kind in party(x, deep=deep) if kind in kinds))


def _objects(tok, preps) -> list:
    """The objects of ``tok``'s prepositions in ``preps`` ("by" also as the passive agent)."""
    return [g for p in tok.children if p.dep_ in ("prep", "agent", "dative") and p.lower_ in preps
            for g in p.children if g.dep_ == "pobj"]


def _subjects(verb) -> list:
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj and verb.dep_ in ("xcomp", "advcl", "conj") and verb.head.pos_ in ("VERB", "AUX"):
        subj = [c for c in verb.head.children if c.dep_ == "nsubj"]  # "agreed to buy ...", "... and later bought"
    return subj


def by_slot(tok, heads, party) -> tuple[list[int], list[int]]:
    """Buyers and sellers (firms) of the deal ``tok`` cues, read from the slots they fill."""
    is_verb = tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")
    verb = tok if is_verb else next((h for h in heads[1:] if h.pos_ in ("VERB", "AUX")), None)
    nouns = [tok] if not is_verb else [c for c in tok.children if c.dep_ in ("dobj", "dative") and c.lower_ in DEALS]
    noun_from = [g for n in nouns for g in _objects(n, ("from", "by"))]
    noun_to = [g for n in nouns for g in _objects(n, ("to",))]
    noun_with = [g for n in nouns for g in _objects(n, ("with",))]
    noun_owner = [c for n in nouns for c in n.children if c.dep_ in ("poss", "compound", "nmod")]
    if verb is None:
        # "a $14 million subcontract from Acme to Bolt"
        return _slot(noun_from, party, BUYER_KINDS), _slot(noun_to, party, SELLER_KINDS)
    low = verb.lower_
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    subj = _subjects(verb)
    objs = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.pos_ != "ADP"]
    agent = _objects(verb, ("by",))
    if low in BUYER_FIRST:
        if passive:  # "Bolt was hired / chosen by Acme", "drones were bought from Bolt by Acme"
            sellers = _objects(verb, ("from",)) if low in GOODS_VERBS else subj
            return _slot(agent, party, BUYER_KINDS), _slot(sellers, party, SELLER_KINDS, deep=low in GOODS_VERBS)
        if low in GOODS_VERBS:
            if _slot(objs, party, BUYER_KINDS):
                return [], []  # "bought its rival Bolt from Acme": a firm bought is a takeover, not a purchase
            sellers = _objects(verb, ("from",)) + objs  # "bought Bolt's sensors", "... from Bolt"
        elif low in PAYING:
            sellers = objs + _objects(verb, ("to", "on"))  # "paid Bolt", "paid $3 million to Bolt", "spent $X on Bolt's tools"
        elif low in CHOOSING or low in ("hire", "hired", "hires", "retain", "retained", "commission", "commissioned"):
            sellers = objs  # "hired Bolt" (not "hired heavily from Bolt": people)
        elif low == "contracted":
            sellers = _objects(verb, ("with",))
        elif low.startswith("subscri"):
            sellers = _objects(verb, ("to",))
        else:  # "awarded Bolt a contract", "awarded a subcontract to Bolt", "renewed Bolt's contract", "extended its deal with Bolt"
            sellers = objs + _objects(verb, ("to",)) + noun_to + noun_with
        buyers = _slot(subj, party, BUYER_KINDS)
        return buyers, [s for s in _slot(sellers, party, SELLER_KINDS, deep=True) if s not in buyers]
    if low in SELLER_FIRST and not passive:
        buyers = _objects(verb, ("to", "from", "by", "with")) + noun_from + noun_with + noun_owner
        if low in SUPPLYING:  # "supplies Acme with routers"
            buyers += objs
        sellers = _slot(subj, party, SELLER_KINDS)
        return [b for b in _slot(buyers, party, BUYER_KINDS) if b not in sellers], sellers
    if (low in HAVING or low in SIGNING) and nouns and not passive:
        acts = {c.lower_ for n in nouns for c in n.children if c.dep_ in ("acl", "relcl")}
        if low in HAVING or acts & SUPPLYING or acts & SERVING:  # "has a pilot with Acme", "a deal to supply Acme"
            sellers = _slot(subj, party, SELLER_KINDS)
            return [b for b in _slot(noun_with, party, BUYER_KINDS) if b not in sellers], sellers
        if acts & USING_IT:  # "signed a deal with Bolt to use its software"
            buyers = _slot(subj, party, BUYER_KINDS)
            return buyers, [s for s in _slot(noun_with, party, SELLER_KINDS) if s not in buyers]
    return [], []


# "expected to win", "hopes to sell", "is bidding for", "could buy": a deal not (yet) made
WISHING = frozenset("expect expected expects expecting hope hoped hopes hoping seek seeks sought seeking want wants wanted "
                    "aim aims aimed try tries tried trying bid bids bidding compete competes competed competing vie vying "
                    "plan plans planned planning intend intends intended hoping pitch pitched pitching propose proposed "
                    "proposes consider considered considering lobby lobbies lobbied lobbying apply applies applied "
                    "applying lose loses lost losing".split())
# people hired or paid: a job, not a deal ("hired a former Pentagon lawyer")
PEOPLE = frozenset("lawyer lawyers attorney attorneys official officials executive executives officer officers analyst "
                   "analysts engineer engineers agent agents lobbyist lobbyists adviser advisers advisor advisors consultant "
                   "consultants colonel general admiral veteran veterans staff staffer staffers employee employees "
                   "director manager managers spokesman spokeswoman researcher researchers scientist scientists".split())

# "would stop using it in September": the date and the deal are the ending's
STOPPING = frozenset("stop stops stopped stopping quit quits cease ceased ceases halt halted halts drop dropped drops "
                     "abandon abandoned".split())


# "is counting / banking / betting on its new rocket to win Pentagon work": a win hoped for (but "has
# relied on Acme for batteries, paying it $6 million" is a payment)
RELYING = frozenset("count counts counted counting bank banks banked banking bet bets betting".split())


def _unreal(tok) -> bool:
    """A deal wished, planned or competed for, or one that only could be."""
    if any(c.dep_ == "aux" and c.lower_ in ("could", "might", "may") for c in tok.children):
        return True
    x, winning = tok, False
    for _ in range(3):
        if x.lower_ in WISHING or x.lower_ in STOPPING or x.dep_ == "neg":
            return True
        if x.lower_ in RELYING and winning and any(c.dep_ == "prep" and c.lower_ == "on" for c in x.children):
            return True
        winning = x.lower_ in WINNING and x.dep_ in ("xcomp", "advcl")
        if any(c.dep_ == "neg" or c.dep_ == "aux" and c.lower_ in ("could", "might", "may") for c in x.children) and x.i != tok.i:
            return True
        if x.dep_ not in ("xcomp", "pobj", "dobj", "prep", "acl", "advcl", "pcomp") or x.i == x.head.i:
            break
        x = x.head
    return x.lower_ in WISHING or x.lower_ in STOPPING


def _roles(party, tokens, deep: bool) -> tuple[list[int], list[int]]:
    """Buyers (agencies) and suppliers (firms, their products; not untyped names) among the parties of ``tokens``
    (``deep``: also whose a noun is, "Acme's drones")."""
    buyers, suppliers = [], []
    for f in tokens:
        for idx, kind in party(f, deep=deep):
            if kind == "Agency":
                buyers.append(idx)
            elif kind in ("Company", "Product"):
                # (not a name the entity layer could not type: a program, a model, a place it missed as often as a firm)
                suppliers.append(idx)
    return list(dict.fromkeys(buyers)), list(dict.fromkeys(suppliers))


# who can be a customer: any body that buys (session 7: a firm's commercial customers count too)
CUSTOMER_KINDS = ("Agency", "Company", "Organization")


def _customer_deal(tok, party) -> list[Deal]:
    """"Acme's customers include the Army and NASA", "the Navy is among its clients", "the FBI
    has been its biggest customer": the possessor supplies, the bodies the clause names buy."""
    own = tok
    while tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN") and tok.i != tok.head.i:
        tok = tok.head  # "both a customer and a supplier of Acme": placed where its first noun is
    nouns = [own] + [x for x in _conjuncts(tok) if x.i != own.i]
    # "Acme's customers", "a longtime Acme customer"
    sellers = [x for n in nouns for c in n.children if c.dep_ in ("poss", "compound") for x in party(c)]
    sellers += [x for n in nouns for c in n.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj" for x in party(g)]
    if not sellers and tok.dep_ == "pobj" and tok.head.lower_ in ("as", "among"):
        # "Acme counts 200 police departments as customers, including the Denver police"
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.i != verb.head.i:
            verb = verb.head
        if verb.lower_ in COUNTING:
            # (the subject its verb shares: "It builds antennas, and counts the Space Force among its customers")
            sellers = [x for c in _subjects(verb) if c.dep_ == "nsubj" for x in party(c)]
            bodies = [x for c in verb.children if c.dep_ == "dobj" for x in _conjuncts(c)]
            bodies += [x for b in list(bodies) for x in _including(b)]
            buyers = [i for b in bodies for i, kind in party(b) if kind in CUSTOMER_KINDS]
            suppliers = [i for i, kind in sellers if kind in ("Company", "Other", "Organization")]
            buyers = [b for b in dict.fromkeys(buyers) if b not in suppliers]
            return [Deal(buyers, suppliers[:1], None, None, False, tok.i)] if buyers and suppliers else []
    if not sellers:
        return []
    head = tok.head
    bodies = []
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ == "appos" and head.head.lower_ == "one":
        # "Synspective, one of its most frequent customers, ...": the one the apposition describes
        bodies = [head.head.head]
    elif tok.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ in ("attr", "nsubj") and head.head.pos_ in ("NUM", "PRON", "NOUN"):
        # "the Houston police is one of its biggest customers", "one of its customers is the Navy"
        one = head.head
        verb = one.head
        bodies = [x for c in verb.children if c.dep_ in (("nsubj", "nsubjpass") if one.dep_ == "attr" else ("attr",))
                  for x in _conjuncts(c)]
    elif tok.dep_ == "nsubj":  # "its customers include A and B"
        bodies = [x for c in head.children if c.dep_ in ("dobj", "attr") for x in _conjuncts(c)]
    elif tok.dep_ in ("attr", "dobj") or tok.dep_ == "pobj" and head.lower_ in ("among", "as"):
        verb = head if tok.dep_ != "pobj" else head.head
        counted = [x for c in verb.children if c.dep_ == "dobj" for x in _conjuncts(c)] if tok.dep_ == "pobj" else []
        # "counts A among its customers": A buys and the subject sells; "the Navy is among its clients"
        bodies = counted or [x for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for x in _conjuncts(c)]
    # "counts 200 police departments as customers, including the New Orleans police"
    bodies += [x for b in list(bodies) for x in _including(b)]
    if tok.dep_ == "pobj":
        bodies += _including(tok) + _including(tok.head.head)
    buyers = [i for b in bodies for i, kind in party(b) if kind in CUSTOMER_KINDS]
    suppliers = [i for i, kind in sellers if kind in ("Company", "Product", "Other", "Organization")]
    buyers = [b for b in dict.fromkeys(buyers) if b not in suppliers]
    if not buyers or not suppliers:
        return []
    return [Deal(buyers, suppliers[:1], None, None, False, tok.i)]


def _service_deal(tok, party, money_tokens, date_tokens) -> list[Deal]:
    """"Acme runs the screening program for the FMCSA", "the system was built by Acme for the
    Army", "Acme has operated the site for the Navy since 2015": the firm that does the work sells
    it to the agency it does it for (agencies only: "built it for its customers" names none)."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    doers = _objects(tok, ("by",)) if passive else [c for c in tok.children if c.dep_ == "nsubj"]
    things = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    fors = _objects(tok, ("for",)) + [g for t in things for g in _objects(t, ("for",))]
    sellers = _slot(doers, party, ("Company", "Organization"), deep=True)
    buyers = [b for b in _slot(fors, party, ("Agency",)) if b not in sellers]
    if not buyers or not sellers:
        return []
    heads = [tok] + things
    return [Deal(buyers, sellers[:1], attached(heads, money_tokens), attached([tok], date_tokens, dates=True, since=True),
                 False, tok.i, confidence=0.5)]


def _selection_deal(tok, party, money_tokens, date_tokens) -> list[Deal]:
    """"The agency's August selection of Acme and Bolt to build the transport layer", "the Army's
    choice of Acme for the contract": the possessor (an agency) chose the firms after "of"."""
    buyers = [i for c in tok.children if c.dep_ in ("poss", "compound") for i, kind in party(c, deep=False) if kind == "Agency"]
    sellers = [i for g in _objects(tok, ("of",)) for x in _conjuncts(g) for i, kind in party(x, deep=False)
               if kind in ("Company", "Organization")]
    if not buyers or not sellers:
        return []
    # a choice of sellers for work or a deal, not "the selection of jurors"
    if not any(t.lower_ in DEALS or t.lower_ in SERVING and t.pos_ == "VERB" for t in tok.sent):
        return []
    date = attached([tok], date_tokens, dates=True)
    if date is None:  # "the agency's August selection"
        date = next((c.i for c in tok.children if c.i in date_tokens and c.dep_ in ("compound", "nmod", "npadvmod")), None)
    return [Deal(list(dict.fromkeys(buyers))[:1], [s], None, date, False, tok.i, confidence=0.5)
            for s in dict.fromkeys(sellers)]


def _vendor_deal(tok, party) -> list[Deal]:
    """"Acme, the Pentagon's largest contractor", "Acme is a longtime supplier to the Army", "the
    company, an Army contractor", "makes Acme one of the biggest vendors to the NSA": the firm the
    noun describes sells to the agencies that own the noun or follow its "to / for / of"."""
    if any(c.lower_ in NOT_NOW for c in tok.children):
        return []
    bodies = [c for c in tok.children if c.dep_ in ("poss", "compound", "nmod")]
    bodies += [g for p in tok.children if p.dep_ == "prep" and p.lower_ in ("to", "for", "of", "with")
               for g in p.children if g.dep_ == "pobj"]
    buyers = [i for b in bodies for x in _conjuncts(b) for i, kind in party(x, deep=False) if kind in CUSTOMER_KINDS]
    if not buyers:
        return []
    noun = tok
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ == "one":
        noun = tok.head.head  # "one of the largest vendors to the NSA"
    described = [c for c in noun.children if c.dep_ == "appos"]  # "the Army's supplier, Acme"
    if noun.dep_ == "appos":  # "Acme, a supplier to the Army"
        described.append(noun.head)
    elif noun.dep_ in ("attr", "oprd"):  # "Acme is a supplier to the Army"
        described += [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    elif noun.dep_ == "pobj" and noun.head.lower_ in ("as", "among"):  # "serves as a contractor", "is among its suppliers"
        # ("designed and built the mirrors as a subcontractor to Northrop": the subject the verbs share)
        described += _subjects(noun.head.head) if noun.head.head.pos_ in ("VERB", "AUX") else \
            [c for c in noun.head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    elif noun.dep_ in ("ccomp", "xcomp"):  # "makes Acme one of the vendors to the NSA"
        described += [c for c in noun.children if c.dep_ == "nsubj"]
    # (a person the model reads as one, with a person's shape, is a contractor by trade: "Ada Lind, a
    # contractor for the CIA", though the entity layer typed the name a firm)
    suppliers = [i for d in described for x in _conjuncts(d) if not _a_person(x) for i, kind in party(x, deep=False)
                 if kind in ("Company", "Other")]
    buyers = [b for b in dict.fromkeys(buyers) if b not in suppliers]
    if not buyers or not suppliers:
        return []
    return [Deal(buyers, list(dict.fromkeys(suppliers))[:1], None, None, False, tok.i)]


def _a_person(tok) -> bool:
    """Whether the name ``tok`` heads is one the model calls a person and that has a person's shape."""
    if tok.ent_type_ != "PERSON":
        return False
    words = [t.i for t in tok.subtree if t.i == tok.i or t.dep_ == "compound" and t.ent_type_ == "PERSON"]
    return person_shaped(tok.doc[min(words):max(words) + 1])


def attached(heads, tokens: set[int], dates: bool = False, since: bool = False) -> int | None:
    """The first of ``tokens`` (amounts or dates) that hangs from one of ``heads`` through no
    other verb: "paid Acme $5 million", "a $5 million contract", "a contract worth $5 million",
    "in May 2020"; a date only after "in" / "on" or as a bare time phrase ("last year")."""
    best = None
    for h in heads:
        for t in h.subtree:
            if t.i not in tokens:
                continue
            path, x = [], t
            while x.i != h.i and x.i != x.head.i:
                path.append(x)
                x = x.head
            if x.i != h.i:
                continue
            # another verb between them (a relative clause on a deal noun may say what it is worth)
            # (nor "tapped Acme to supply drones under a $5 million deal": the purpose the deal serves)
            if any(p.pos_ in ("VERB", "AUX") and not (p.dep_ == "relcl" and p.head.i == h.i and p.head.pos_ == "NOUN")
                   and not (p.dep_ in ("xcomp", "advcl") and p.head.i == h.i and not dates and any(q.lower_ in DEALS for q in path)
                            and (p.dep_ == "xcomp" or any(a.dep_ == "aux" and a.lower_ == "to" for a in p.children)))
                   # "a deal signed in March": the deal's own date
                   and not (dates and p.dep_ == "acl" and p.lower_ in DATING and p.head.lower_ in DEALS)
                   # "..., a deal valued at $38.6 million": the deal's own value
                   and not (not dates and p.dep_ == "acl" and p.lower_ in VALUING and p.head.lower_ in DEALS)
                   for p in path[1:]):
                continue
            if dates:
                top = path[-1]
                if top.dep_ == "acl" and top.lower_ in DATING and len(path) >= 2:
                    top = path[-2]  # "a deal signed in March"
                # ("has leased it since 2018", "has run the site since 2009": a standing deal dated by its start)
                if not (top.dep_ == "npadvmod" or top.dep_ == "prep" and top.lower_ in (("in", "on", "since") if since else ("in", "on")) or
                        top.dep_ in ("nmod", "npadvmod", "tmod") and top.i == path[0].i or
                        # "the Army's 2019 contract": a year that modifies the deal noun
                        top.dep_ in ("nummod", "compound") and top.i == path[0].i and h.lower_ in DEALS):
                    continue
            if best is None or t.i < best:
                best = t.i
    return best

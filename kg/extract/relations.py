"""Find typed relations, with the sentence that supports each, and contracts.

Each sentence is rewritten with typed placeholders for its entity mentions, amounts and
dates ("⟦Agency#0⟧ paid ⟦Company#1⟧ over ⟦Money#0⟧"), and the rules in ``patterns.yml`` are
matched against it. Contracts are built from events across sentences: a payment or award
opens a frame (buyer, supplier, amount), and later sentences about "the contract" or "the
contracting activity" complete it — as in the seed story, where the amount, date and title
come two sentences after the payment.
"""
from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml
from spacy.language import Language
from spacy.tokens import Doc

from .. import schema
from ..model import Entity, Evidence, Mention, Relation
from .entities import INTRODUCED, _countries
from .awards import decision_date, fold_selections as _fold_selections, outlets, parents as _parents
from .awards import products_to_makers as _products_to_makers, report_sources, reported_dates, stated_value
from .awards import AGENCY_NOUNS, CUE as DEAL_CUE, CUSTOMERS, GOODS_VERBS, NOT_BOUGHT, PRONOUNS, RELATIVE, a_trial, bare_buyers, find_deals
from .awards import OWNED_UNITS, UNPAID, agency_acquires, bare_sellers, story_buyers, takeover
from .awards import SAYING, VENDORS, WINNING, attached as _attached
from .roles import JOBS as role_words, is_job, find_jobs, find_products, has_cue as has_role_cue, person_shaped, titled
from .lexicon import lexicon, text_of
from .learned import learned_deals
from .syntax import conjuncts as _conjuncts, subject as _subject
from .ties import FIRM_NOUNS, CUES as TIE_CUES, ACQUISITION_NOUNS, find_ties
from ..money import MONEY_RE, parse_date, parse_money, parse_money_in

CORE = ("Agency", "Company", "Person", "Organization")
PH = re.compile(r"⟦(\w+)#(\d+)⟧")
CONTRACT_ID = re.compile(r"\b([A-Z0-9]{5,6}-\d{2}-[A-Z]-[A-Z0-9]{4}|[A-Z]{2,5}\d{2}[A-Z0-9]{2,}\d{3,})\b")
# what was bought, when quoted after a cue: 'related to "Wickr licenses and support"'
QUOTED = re.compile(r"\b(?:for|related to|titled|called|named|listed as|described as|labeled|labelled)\s+[“\"]([^”\"]{3,160}?)[,.]?[”\"]")
# a date that belongs to the event: "in August 2020", "on Sept. 3", "dated ...", not "completed by ..."
EVENT_DATE = re.compile(r"(?<!by )(?<!until )(?<!through )(?<!completed )(?:\b(?:in|on|dated|since|from|announced|signed|awarded|approved)\s+)⟦Date#(\d+)⟧"
                        r"(?!\s*(?:to|through|until|and|-|–)\s+⟦Date)")
DETAIL_DATE = re.compile(r"(?:\b(?:in|on|dated|dates from|signed|from|since|a|an|announced(?: by (?:(?:the|a|an) [a-z]+(?: [a-z]+)?|⟦\w+#\d+⟧))?)\s+(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?)⟦Date#(\d+)⟧")
APPROX = r"(?:(?:over|about|around|nearly|almost|roughly|more than|less than|up to|as much as|some|an estimated|approximately|at least|a total of|a combined)\s+)?"

if not Doc.has_extension("kg_relations"):
    Doc.set_extension("kg_relations", default=None)
    Doc.set_extension("kg_date", default="")


@dataclass
class Rule:
    id: str
    regex: re.Pattern
    relation: str | None = None
    event: str | None = None
    source: str = "a"
    target: str = "b"
    many: str | None = None
    confidence: float = 0.8
    slot_types: dict[str, tuple[str, ...]] = field(default_factory=dict)
    dated_after: str | None = None  # the event's date is looked for only after this slot
    retype: str | None = None  # this slot's entity is a product whatever else typed it ("Kestrel, its radar software")
    needs: tuple[frozenset[str], ...] = ()  # placeholder types a sentence must hold for the rule to match


_SLOT = re.compile(r"\{(\w+)(\+)?(?::([\w|]+))?\}")
_NOT_ENTITIES = ("mods", "gap", "approx", "pre", "active", "role")


def required_placeholders(pattern: str) -> tuple[frozenset[str], ...]:
    """What a pattern cannot match without: for each slot outside every group and not optional,
    the placeholder types it accepts (a match holds one of each set). A sentence template that
    lacks one is not searched: most rules fail there, and a set test is cheaper than a search."""
    masked = _SLOT.sub(lambda m: "S" * len(m.group(0)), pattern)  # slot types hold "|"
    depth, in_class, top = [], False, 0
    i = 0
    while i < len(masked):  # the group depth at each character, and whether "|" splits the pattern
        c = masked[i]
        depth.append(top)
        if c == "\\":
            depth.append(top)
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            top += 1
        elif c == ")":
            top -= 1
        elif c == "|" and top == 0:
            return ()  # alternatives: nothing is needed by all of them
        i += 1
    needs = []
    for m in _SLOT.finditer(pattern):
        name, _, types = m.groups()
        if name in _NOT_ENTITIES or depth[m.start()] != 0 or pattern[m.end():m.end() + 1] in ("?", "*") \
                or pattern.startswith("{0", m.end()):
            continue
        if name in ("money", "date"):
            needs.append(frozenset([name.capitalize()]))
        elif types:
            accept = set(types.split("|"))
            if {"Company", "Organization", "Location", "Product"} & accept:
                accept.add("Other")  # as compile_pattern lets them
            needs.append(frozenset(accept))
    return tuple(needs)


def compile_pattern(pattern: str, roles: tuple[str, ...]) -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """Turn the slot syntax of ``patterns.yml`` into a regular expression."""
    slot_types: dict[str, tuple[str, ...]] = {}

    def slot(m: re.Match) -> str:
        name, many, types = m.group(1), m.group(2), m.group(3)
        # grouped, so that "{money}?" makes the whole amount optional, not just its closing bracket
        if name == "money":
            return r"(?:⟦Money#(?P<money>\d+)⟧)"
        if name == "date":
            return r"(?:⟦Date#(?P<date>\d+)⟧)"
        if name == "mods":
            return r"(?:[a-z][\w'-]*\s+){0,5}?"
        if name == "gap":
            return r"(?:[^⟦⟧]|⟦(?:Date|Money)#\d+⟧){0,60}?"  # words, dates and amounts; never another entity
        if name == "approx":
            return APPROX
        if name == "pre":
            return r"(?:[\w.'-]+\s+){0,4}?"
        if name == "active":
            return r"(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)(?<!\bbeing\s)(?<!\bis\s)(?<!\bare\s)(?<!\bbe\s)"
        if name == "role":
            # re.escape turns a space into "\\ ", which the whitespace rule below would break:
            # keep plain spaces so "chief executive" matches across any whitespace
            return "(?:" + "|".join(re.escape(r).replace("\\ ", " ") for r in sorted(_cased(roles), key=len, reverse=True)) + ")"
        allowed = tuple(types.split("|"))
        slot_types[name] = allowed
        accept = set(allowed)
        if {"Company", "Organization", "Location", "Product"} & accept:
            accept.add("Other")
        alt = "|".join(sorted(accept))
        one = rf"⟦(?:{alt})#\d+⟧"
        if many:
            # a later item followed by a title and a person is that person's modifier, not a list member:
            # "backers have included A and B, and Blackwater founder Erik Prince"
            return rf"(?P<{name}>{one}(?:(?:(?:,\s+(?:a|an|the)\s[^,⟦⟧]{{1,60}}?)?,?\s+and\s+(?:his|her|their)\s+(?:brother|sister|wife|husband|son|daughter|father|mother|cousin|partner),?\s+|,\s+|\s+and\s+(?:the\s+)?|,\s+and\s+|,?\s+and\s+(?:also\s+)?by\s+(?:the\s+)?|,?\s+as well as\s+|,?\s+together with\s+|,?\s+along with\s+){one}(?!\s+(?:(?:co-?)?founders?|chief executive|chief [a-z]+ officer|CEO|president|chairman|chairwoman|executives?|officials?|director|spokes(?:man|woman|person))\s+⟦Person#)){{0,8}})"
        return rf"⟦(?:{alt})#(?P<{name}>\d+)⟧"

    # whitespace next to a {gap} is the gap's business: "X, recently paid" has none after X
    pattern = re.sub(r" ?\{gap\} ?", "{gap}", pattern)
    rx = re.sub(r"\{(\w+)(\+)?(?::([\w|]+))?\}", slot, pattern)
    rx = rx.replace(" ?", r"\s*").replace(" ", r"\s+")  # "{money}? ?": the space goes with the optional amount
    return re.compile(rx), slot_types


def _cased(roles: tuple[str, ...]) -> set[str]:
    """Each role as written in running text and as a title before a name: "director",
    "Director", "chief executive", "Chief Executive" ("FBI Director X", "Navy Secretary X")."""
    out = set(roles)
    for r in roles:
        if r[:1].islower():
            out.add(r[0].upper() + r[1:])
            out.add(" ".join(w[:1].upper() + w[1:] for w in r.split(" ")))
    return out


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    data = yaml.safe_load(resources.files("kg.extract").joinpath("patterns.yml").read_text("utf-8"))
    # a seat on a board, a stake or a gift is no job: "X, a board member of Y" is not WORKS_FOR
    roles = tuple(r for r in lexicon().person_roles if "founder" not in r.lower()
                  and r.lower() not in ("investor", "lawyer", "attorney", "counsel", "lobbyist", "board member",
                                        "board director", "shareholder", "angel investor", "limited partner", "donor",
                                        "philanthropist", "billionaire", "fundraiser", "activist"))
    out = []
    for spec in data["relations"] + data["contracts"]:
        regex, types = compile_pattern(spec["pattern"], roles)
        rel = spec.get("relation")
        if rel is not None:
            schema.relation_type(rel)
        out.append(Rule(spec["id"], regex, rel, spec.get("event"), spec.get("source", "a"), spec.get("target", "b"),
                        spec.get("many"), float(spec.get("confidence", 0.8)), types, spec.get("dated_after"),
                        spec.get("retype"), required_placeholders(spec["pattern"])))
    return tuple(out)


class _Match:
    """A regex match with some groups replaced (one buyer of several)."""

    def __init__(self, m: re.Match, groups: dict):
        self._m, self._groups = m, groups

    def groupdict(self):
        return self._groups

    def __getattr__(self, name):
        return getattr(self._m, name)


@dataclass
class _Frame:
    """A contract being assembled from one or more sentences."""

    kind: str  # payment | award
    sentence: tuple[int, int]
    buyer: int | None = None
    supplier: int | None = None
    amount: float | None = None
    currency: str | None = None
    approximate: bool = False
    date: str | None = None
    title: str | None = None
    ids: list[str] = field(default_factory=list)
    confidence: float = 0.8
    status: str = "asserted"
    details: list[str] = field(default_factory=list)
    dated_by_announcement: bool = False  # a DoD announcement: the award date is the announcement's
    award_type: str | None = None  # contract | modification | task order | delivery order | ...
    ceiling: bool = False  # the amount is a maximum ("not-to-exceed", "up to", "ceiling")
    product: bool = False  # the supplier slot names a product: its maker supplies it


class RelationFinder:
    """The ``kg_relations_v1`` component: runs after ``kg_entities_v1``."""

    def __init__(self, nlp: Language, cooccurrence: bool = True, max_cooccurring: int = 5):
        self.rules = rules()
        self._relation_rules = tuple(r for r in self.rules if r.relation)
        self._event_rules = tuple(r for r in self.rules if not r.relation)
        lx = lexicon()
        self.hedge = _cue_re(lx.hedge_cues)
        self.negation = _cue_re(lx.negation_cues)
        self.cooccurrence = cooccurrence
        self.max_cooccurring = max_cooccurring

    def __call__(self, doc: Doc) -> Doc:
        entities: list[Entity] = doc._.kg_entities or []
        mentions = doc._.kg_mentions or []
        relations: list[Relation] = []
        frames: list[_Frame] = []
        self._raiser: int | None = None  # the firm whose funding round the article reports
        self._story_buyer: tuple[int, int] | None = None  # the agency last said to buy, and the sentence's start
        self._outlets: set[int] | None = None  # the story's reporting outlets, once asked for (_outlets_of)
        self._mentions, self._entities = sorted(mentions), entities
        # firms introduced as one ("HawkEye, a Virginia company that ..."): what the article is about
        self._introduced = {idx for _, end, idx in self._mentions if INTRODUCED.match(text_of(doc), end)}
        self._sentence_starts = [s.start_char for s in doc.sents]
        # spaCy rebuilds doc.ents on every access: read the dates once
        date_spans = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "DATE"]
        self._date_spans = date_spans
        self._news = not doc._.kg_headers and not DOD_TEXT.search(text_of(doc)) and not CONTRACT_ID.search(text_of(doc))
        for sent in doc.sents:
            template, moneys, dates = self._template(doc, sent, mentions, entities, date_spans)
            if "⟦" not in template:
                continue
            sentence = (sent.start_char, sent.end_char)
            variants = _variants(template)
            opened = len(frames)
            ruled = len(relations)
            for variant in reversed(variants):  # the main clause first
                present = {t for t, _ in PH.findall(variant)}
                # relation rules first, then contract rules, in the file's order; most rules fail
                # on the first search, so only a match pays for the generator of further ones
                for rule in self._relation_rules:
                    if not all(present & need for need in rule.needs):
                        continue  # a placeholder type it needs is not in the sentence
                    first = rule.regex.search(variant)
                    if first is not None:
                        for m in _overlapping(rule.regex, variant, first):
                            relations.extend(self._relations(rule, m, entities, sentence, doc, self._rule_status(rule, m, variant)))
                if EVENT_HINT.search(variant) is None:
                    continue  # no word of buying or awarding: no contract rule applies
                for rule in self._event_rules:
                    if variant is not variants[-1] and len(frames) > opened:
                        break  # the main clause already gave the contract
                    if not all(present & need for need in rule.needs):
                        continue
                    for m in rule.regex.finditer(variant):
                        self._event(rule, m, variant, moneys, dates, entities, sentence, self._rule_status(rule, m, variant),
                                    frames, doc)
            if self._news and DEAL_CUE.search(template):
                # what the parse links to a word of buying: deals no rule read here, if any
                self._parsed_deals(doc, sent, template, entities, frames)
            if self._news and has_role_cue(sent):
                # who works for whom, what is whose product: pairs no rule read here, if any
                relations.extend(self._parsed_roles(doc, sent, template, entities, relations[ruled:]))
            if self._news and ("⟦Location#" in template or "⟦Other#" in template or not TIE_WORDS.isdisjoint(t.lower_ for t in sent)):
                relations.extend(self._parsed_ties(doc, sent, entities, relations))
            if self.cooccurrence:
                relations.extend(self._cooccurring(template, entities, sentence, doc))
        relations.extend(self._products(doc, entities))
        relations.extend(self._office_holders(doc, entities, mentions))
        if self._news:  # a learned score for pairs no rule read (kg.extract.learned; off unless KG_DEAL_MODEL)
            learned_deals(self, doc, entities, frames)
        contracts, contract_rels = self._contracts(doc, frames, entities, relations)
        entities.extend(contracts)
        relations.extend(contract_rels)
        relations = _dedupe(relations)
        relations = _one_parent_kind(relations, entities)
        relations = _owned_firms(relations)
        self._retype(entities, relations)
        relations = _countries_are_places(entities, relations)
        entities, relations, doc._.kg_mentions = _drop_tentative(entities, relations, mentions)
        for rel in relations:
            if rel.type == "INVESTED_IN" and rel.status != "denied":
                src = next(e for e in entities if e.id == rel.source)
                if "Investor" not in src.roles:
                    src.roles.append("Investor")
        doc._.kg_entities = entities
        doc._.kg_relations = relations
        return doc

    def _rule_status(self, rule: Rule, m: re.Match, variant: str) -> str:
        if rule.target == "@firm" or rule.id in ("founded.title", "works_for.title"):
            # "That deal fell through, a company spokesman, X, said", "Acme founder X is
            # reportedly an investor": a title is not what the clause hedges or denies
            return self._status(m.group(0), 0, len(m.group(0)), True)
        close = variant.find(",", m.end(), m.end() + 40) if re.match(r"⟦[^⟧]+⟧, ", m.group(0)) else -1
        if close != -1 and not SOURCED.match(variant, close + 1):
            # "X, who has been Y's chief since 2017, is expected to ...": a set-off clause is not what the predicate hedges
            return self._status(variant, m.start(), close, True)
        return self._status(variant, m.start(), m.end(), rule.id.endswith("apposition"))

    # -- templates ---------------------------------------------------------------------
    def _template(self, doc: Doc, sent, mentions, entities, date_spans=None):
        s0, s1 = sent.start_char, sent.end_char
        text = text_of(doc)
        inside = [m for m in mentions if m[0] >= s0 and m[1] <= s1]
        spans: list[tuple[int, int, str]] = []
        for start, end, idx in inside:
            spans.append((start, end, f"⟦{entities[idx].type}#{idx}⟧"))
        moneys: list[tuple[float, str, str]] = []
        dates: list[str] = []
        taken = [(a, b) for a, b, _ in spans]
        for m in MONEY_RE.finditer(text, s0, s1):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            parsed = parse_money_in(text, m.start(), m.end())
            if parsed:
                spans.append((m.start(), m.end(), f"⟦Money#{len(moneys)}⟧"))
                moneys.append((parsed[0], parsed[1], m.group(0)))
                taken.append((m.start(), m.end()))
        if date_spans is None:
            date_spans = [(e.start_char, e.end_char, e.text) for e in sent.ents if e.label_ == "DATE"]
        for d0, d1, dtext in date_spans:
            if s0 <= d0 and d1 <= s1 and not any(a < d1 and d0 < b for a, b in taken):
                spans.append((d0, d1, f"⟦Date#{len(dates)}⟧"))
                dates.append(dtext)
                taken.append((d0, d1))
        spans.sort()
        out, pos = [], s0
        for a, b, ph in spans:
            out.append(text[pos:a])
            out.append(ph)
            pos = b
            if text[b:b + 1] in ("'", "’") and text[b - 1:b] in ("s", "S") and text[b + 1:b + 2].isspace() \
                    and not ph.startswith(("⟦Money", "⟦Date")):
                out.append("'s")  # "Orbis Analytics' general counsel" is a possessive like any other
                pos = b + 1
        out.append(text[pos:s1])
        template = "".join(out).replace("’", "'").replace("\n", " ")
        if ITS.search(template):
            template = self._its(template, s0, mentions, entities)
        if ITS_OWN.search(template):
            template = self._its(template, s0, mentions, entities, ITS_OWN)
        if IT_SUBJECT.search(template):
            template = self._its(template, s0, mentions, entities, IT_SUBJECT, "")
        if IT_OBJECT.search(template):
            # "the Coast Guard awarded it a $4 million contract": the firm the article is about
            head = template[:IT_OBJECT.search(template).start()]
            own = [int(i) for t, i in PH.findall(head) if t in ("Company", "Organization")]
            # "Its chief executive said the Army awarded it ...": the firm the sentence already named
            firm = own[0] if own else self._salient_firm(s0, template, agencies_ok=True)
            if firm is not None:
                template = IT_OBJECT.sub(lambda m: f"{m.group(1)}⟦{entities[firm].type}#{firm}⟧", template)
        if IT_AGENCY.search(template):
            # "The Coast Guard wants maps. It awarded Acme ...": an agency named last is the "it" that awards
            last = next((idx for a, _, idx in reversed(self._mentions) if a < s0
                         and entities[idx].type in ("Company", "Organization", "Agency")), None)
            if last is not None and entities[last].type == "Agency":
                template = IT_AGENCY.sub(lambda m: f"{m.group(1)}⟦Agency#{last}⟧", template)
        if PERSON_PRONOUN.search(template):
            template = self._he_she(template, sent, mentions, entities)
        template = re.sub(r"(⟦[^⟧]+⟧) \(\1\)", r"\1", template)  # "X (ACR)" is one mention
        template = re.sub(r"(⟦[^⟧]+⟧,?)\*+", r"\1", template)  # "Firm,* City": a small-business mark
        return template, moneys, dates

    def _its(self, template: str, s0: int, mentions, entities, pronoun: re.Pattern | None = None, suffix: str = "'s") -> str:
        """"its backers", "its chief technology officer": "its" is the firm the article is
        about so far — the company or organisation mentioned most often before the sentence
        (the latest on a tie) — unless the nearest body before it is an agency."""
        if pronoun is ITS_OWN:
            # "Kyra, one of its customers, signed up, and the company is counting on its new rocket":
            # "its" after a coordinated clause whose subject is a firm is that firm's, not the sentence's first
            template = pronoun.sub(lambda m: (f"{m.group(1)}⟦{c.group(1)}#{c.group(2)}⟧{suffix}"
                                              if (c := CLAUSE_SUBJECT.search(template, 0, m.start())) else m.group(0)), template)
            if not pronoun.search(template):
                return template
        counts, last, nearest = self._tally(s0)
        pronoun = pronoun or ITS
        first = pronoun.search(template)
        head = template[:first.start()]
        owner = None
        if pronoun is ITS_OWN:  # "Roe, an organizer of the Acme conference, is Tallis's chief; Lee serves as its ...": not Acme
            # "Roe, Tallis's chief executive, and Lee, its president": the owner of the role just named
            owner = next(iter(re.findall(r"⟦(?:Company|Organization)#(\d+)⟧(?:'s\s[^,⟦⟧]{1,60}?)?,\s(?:and\s)?⟦Person#\d+⟧,\s?$", head)), None)
            head = APPOSITION.sub(r"\1 ", head)
        inside = [(int(i), t) for t, i in PH.findall(head) if t in ("Company", "Organization", "Agency")]
        if owner is not None and not inside:
            return pronoun.sub(lambda m: f"{m.group(1)}⟦{entities[int(owner)].type}#{owner}⟧{suffix}", template)
        if pronoun is ITS_OWN and not inside:
            # "Tallis was bought by Harrow. Its chief executive ...": the previous sentence's subject,
            # its first body, when that is a firm (centering: the subject is what "its" continues)
            prev = [(a, idx) for a, _, idx in mentions if a < s0]
            if prev:
                k = bisect_right(self._sentence_starts, prev[-1][0]) - 1
                if k >= 0:
                    lo = self._sentence_starts[k]
                    first = next((idx for a, idx in prev if a >= lo and entities[idx].type in ("Company", "Organization", "Agency")), None)
                    if first is not None and entities[first].type in ("Company", "Organization"):
                        return pronoun.sub(lambda m: f"{m.group(1)}⟦{entities[first].type}#{first}⟧{suffix}", template)
        if pronoun is ITS_OWN and inside:
            # "Wickr's chief executive is Sell; Statica serves as its chief technology officer",
            # "Acme described its part: helping with Lumen, its mapping software": the sentence's
            # first body, which is usually its subject
            return pronoun.sub(lambda m: f"{m.group(1)}⟦{entities[inside[0][0]].type}#{inside[0][0]}⟧{suffix}", template)
        if pronoun is IT_SUBJECT and inside and inside[0][1] != "Agency":
            # "For Acme, the deal continues a push: last year it bought ...": the sentence's own firm
            return pronoun.sub(lambda m: f"{m.group(1)}⟦{entities[inside[0][0]].type}#{inside[0][0]}⟧{suffix}", template)
        if inside:
            nearest = inside[-1][1]
            for i, t in inside:
                if t != "Agency":
                    counts[i] = counts.get(i, 0) + 1
                    last[i] = s0 + 1
        if not counts or nearest == "Agency":
            return template
        best = self._most_named(counts, last)
        return pronoun.sub(lambda m: f"{m.group(1)}⟦{entities[best].type}#{best}⟧{suffix}", template)

    def _salient_firm(self, s0: int, template: str, agencies_ok: bool = False) -> int | None:
        """The firm the article is about so far: the company named most often before ``s0`` (the
        one it opens with counting extra, the latest on a tie); none if the last body named
        before is an agency or the sentence names one ("a spokesman for the Army ...")."""
        if "⟦Agency#" in template and not agencies_ok:
            return None
        counts, last, nearest = self._tally(s0)
        if not counts or nearest == "Agency" and not agencies_ok:
            return None
        best = self._most_named(counts, last)
        return best if self._entities[best].type == "Company" else None

    def _tally(self, s0: int) -> tuple[dict[int, float], dict[int, int], str | None]:
        """Companies and organisations named before ``s0``: how often and where last; and the
        kind of the last body (company, organisation or agency) named before it."""
        counts: dict[int, float] = {}
        last: dict[int, int] = {}
        nearest = None
        for start, _, idx in self._mentions:
            if start >= s0:
                break
            kind = self._entities[idx].type
            if kind in ("Company", "Organization"):
                counts[idx] = counts.get(idx, 0) + 1
                last[idx] = start
            if kind in ("Company", "Organization", "Agency"):
                nearest = kind
        return counts, last, nearest

    def _most_named(self, counts: dict[int, float], last: dict[int, int]) -> int:
        """The most counted (the latest on a tie); the firm the story opens with, and names
        again, counts extra: it is the story's subject."""
        opener = next((idx for _, _, idx in self._mentions if self._entities[idx].type in ("Company", "Organization")), None)
        if counts.get(opener, 0) >= 2:
            counts[opener] += 1.5
        for idx in self._introduced & counts.keys():
            counts[idx] += 1.0  # more than investors or customers named once in passing
        return max(counts, key=lambda i: (counts[i], last[i]))

    def _he_she(self, template: str, sent, mentions, entities) -> str:
        """"He founded ...", "..., and she previously ran ...": a subject pronoun is the person
        the text is talking about — the first person named earlier in the same sentence (its
        subject, as in "Roe said she ..."), else the first person named in the last sentence
        before it that names one, if that is at most two sentences back."""
        inside = [int(i) for t, i in PH.findall(template) if t == "Person"]
        before = [m for m in mentions if m[1] <= sent.start_char and entities[m[2]].type == "Person"]
        earlier = None
        if before:
            last = before[-1]
            doc = sent.doc
            prev = doc.char_span(last[0], last[1], alignment_mode="expand").sent
            back = bisect_left(self._sentence_starts, sent.start_char) - bisect_left(self._sentence_starts, prev.start_char)
            if back <= 2:
                earlier = next(m[2] for m in before if m[0] >= prev.start_char)

        def put(m: re.Match) -> str:
            own = [int(i) for t, i in PH.findall(template[:m.start()]) if t == "Person"]
            idx = own[0] if own else (earlier if not inside or earlier is not None else None)
            if idx is None:
                return m.group(0)
            return f"{m.group(1)}⟦Person#{idx}⟧"
        return PERSON_PRONOUN.sub(put, template)

    def _status(self, text: str, start: int, end: int, appositive: bool = False) -> str:
        """Denied or hedged when a cue governs the matched statement: a negation just before or
        inside it ("denied that X is ...", "X has not paid ..."), a hedge near it ("X is
        reportedly ...", "..., according to people familiar"). Words inside quotation marks
        are the source's, not the reporter's framing; "not-to-exceed" is not a negation."""
        def window(a: int, b: int) -> str:
            w = text[max(0, a):min(len(text), b)].replace("’", "'")
            w = NOT_A_CUE.sub(lambda m: " " * len(m.group(0)), w)
            if "claims" in w:
                w = CLAIMS_NOUN.sub(lambda m: " " * len(m.group(0)), w)
            return re.sub(r"[“\"][^”\"]*[”\"]", " ", w)
        if self.negation.search(window(start - 50, end + 5)):
            return "denied"
        # an apposition ("Google, a subsidiary of Alphabet, declined to say whether ...") is not
        # governed by the predicate after it
        after = "" if appositive and text[end:end + 1] == "," else window(end, end + 70)
        cut = CLAUSE_END.search(after)  # "..., and Y is reportedly ...": another clause's hedge
        if self.hedge.search(window(start - 50, end) + (after[:cut.start()] if cut else after)):
            return "hedged"
        return "asserted"

    # -- plain relations ---------------------------------------------------------------
    def _relations(self, rule: Rule, m: re.Match, entities, sentence, doc, status) -> list[Relation]:
        def ends(slot: str) -> list[int]:
            if slot == "@raiser":  # context from an earlier sentence: "investors in the round"
                return [self._raiser] if self._raiser is not None else []
            if slot == "@round":  # "The round was led by ...": the firm that raised it, else the article's
                if self._raiser is not None:
                    return [self._raiser]
                firm = self._salient_firm(sentence[0], "")
                return [firm] if firm is not None else []
            if slot == "@agency":  # "X, the agency's chief counsel": the one agency the sentence names, else the last named
                named = {int(i) for i in re.findall(r"⟦Agency#(\d+)⟧", m.string)}
                if named:
                    return list(named) if len(named) == 1 else []
                last = next((idx for a, _, idx in reversed(self._mentions) if a < sentence[0]
                             and self._entities[idx].type in ("Agency", "Company", "Organization")), None)
                return [last] if last is not None and self._entities[last].type == "Agency" else []
            if slot == "@firm":  # "X became interim chief executive": the firm the article is about
                firm = self._salient_firm(sentence[0], m.string)
                # another firm named in the sentence is for the other rules to place (an outlet
                # the story is told to or reported by does not count)
                # an apposition's role is the article's firm whatever a later clause names ("X, the chief
                # executive, put the company together while he was at Y")
                scope = m.group(0) if rule.id in APPOSITIVE_ROLES else m.string
                named = {int(i) for i in re.findall(r"(?<!told )(?<!to )⟦(?:Company|Organization)#(\d+)⟧(?! (?:reported|wrote))", scope)}
                return [firm] if firm is not None and named <= {firm} else []
            if rule.many != slot:
                return [int(m.group(slot))]
            listed = _ids(m.group(slot))
            if len(listed) > 1 and ATTRIBUTION.match(m.string, m.end(slot)):
                listed = listed[:-1]  # "a round led by A, Parabolic Arc reported": the last name says so, it is not listed
            return listed
        sources, targets = ends(rule.source), ends(rule.target)
        if rule.relation in ("WORKS_FOR", "FOUNDED", "PART_OF") and rule.many != rule.target and not rule.target.startswith("@"):
            # "who ran the Pentagon's Defense Digital Service": the employer is the unit, not its parent
            unit = OWNED_UNIT.match(m.string, m.end(rule.target) + 1)  # the slot group is the number: skip "⟧"
            if unit and int(unit.group(1)) not in sources:
                targets = [int(unit.group(1))]
        if rule.relation != "LOCATED_IN":
            # "the Denver-based company run by X": a place before "-based" is no party to the relation
            based = {int(i) for i in re.findall(r"⟦\w+#(\d+)⟧-based", m.group(0))}
            sources = [x for x in sources if x not in based]
            targets = [x for x in targets if x not in based]
        out = []
        for s in sources:
            for t in targets:
                if s == t:
                    continue
                src, tgt = entities[s], entities[t]
                if rule.retype and not _retype_to_product(entities[s if rule.retype == rule.source else t]):
                    continue
                if not _fits(rule.relation, src, tgt, rule.slot_types.get(rule.source), rule.slot_types.get(rule.target)):
                    continue
                if rule.relation == "LOCATED_IN" and src.properties.get("fallback_type") == "Location":
                    continue  # a place is not located in a place ("Samlesbury, United Kingdom")
                if rule.relation == "LOCATED_IN" and tgt.properties.get("demonym"):
                    continue  # "a South Korean camera maker": a nationality, not a place
                if rule.relation in ("LOCATED_IN", "PART_OF") and _a_country(tgt.name):
                    # "X, the U.S. arm of Y", "the U.S. venture firm": annotators place a firm in a town or state, not
                    # a country; "Britain's Ministry of Defence" is a national body, not a part of a body
                    continue
                if rule.relation == "WORKS_FOR" and tgt.type == "Other" and (tgt.properties.get("fallback_type") == "Location" or
                                                                          tgt.properties.get("tentative") and re.fullmatch(r"[A-Z.]{2,5}", tgt.name)):
                    continue  # "the former U.S. chief technology officer": a country's title, not an employer the text names
                if rule.relation == "SUBSIDIARY_OF" and tgt.type == "Other" and tgt.properties.get("fallback_type") == "Location":
                    continue  # what the model calls a place is no parent firm ("Avigilon, a Vancouver company")
                if rule.relation == "SUBSIDIARY_OF" and (src.type == "Other" and src.properties.get("fallback_type") == "Location"
                                                         or src.properties.get("tentative") and re.fullmatch(r"[A-Z.]{2,5}", src.name)):
                    continue  # nor a unit, nor an initialism no cue typed ("Paragon's U.S. subsidiary")
                _settle(src, rule.slot_types.get(rule.source))
                _settle(tgt, rule.slot_types.get(rule.target))
                out.append(Relation(src.id, tgt.id, rule.relation, _evidence(doc, sentence),
                                    confidence=_conf(rule.confidence, status), status=status, pattern=rule.id))
        return out

    def _cooccurring(self, template, entities, sentence, doc) -> list[Relation]:
        idxs = sorted({int(i) for t, i in PH.findall(template) if t in CORE})
        if not 2 <= len(idxs) <= self.max_cooccurring:
            return []
        out = []
        for i, a in enumerate(idxs):
            for b in idxs[i + 1:]:
                out.append(Relation(entities[a].id, entities[b].id, "MENTIONED_WITH", _evidence(doc, sentence),
                                    confidence=0.2, status="asserted", pattern="cooccurrence"))
        return out

    def _products(self, doc: Doc, entities: list[Entity]) -> list[Relation]:
        """A product named after its maker ("Wickr RAM") is that maker's product."""
        out = []
        for e in entities:
            maker = e.properties.pop("made_by", None)
            if e.type != "Product" or not maker or not e.mentions:
                continue
            owner = next((x for x in entities if x.name == maker and x.type in ("Company", "Organization")), None)
            if owner is None:
                continue
            first = e.mentions[0]
            sent = doc.char_span(first.start, first.end, alignment_mode="expand").sent
            out.append(Relation(e.id, owner.id, "PRODUCT_OF", _evidence(doc, (sent.start_char, sent.end_char)),
                                confidence=0.7, pattern="product.name"))
        return out

    def _office_holders(self, doc: Doc, entities: list[Entity], mentions) -> list[Relation]:
        """"Mayor Jane Roe" works for the city government the article names ("City of X"),
        "Governor John Doe" for the state's; only when the article names exactly one. A governor
        whose article names no "State of X" works for the U.S. state it names (_governed_state)."""
        text = text_of(doc)
        out = []
        for start, end, idx in mentions:
            person = entities[idx]
            m = OFFICE_TITLE.search(text, max(0, start - 30), start)
            if person.type != "Person" or m is None:
                continue
            secretary = DEPARTMENT_SECRETARY.fullmatch(m.group(1))
            if secretary:  # "Deputy Defense Secretary X": the Department of Defense, however the article names it
                dept = DEPARTMENT_SPELLINGS.get(secretary.group(1), re.escape(secretary.group(1)))
                body = rf"^(?:U\.S\. |Federal )?(?:(?:Department|Ministry) (?:of|for) (?:the )?(?:National )?{dept}|{dept} (?:Department|Ministry))$" \
                    + (r"|^Pentagon$" if secretary.group(1) == "Defense" else "")
            else:
                body = next(rx for title, rx in OFFICE_TITLES.items() if re.fullmatch(title, m.group(1), re.I))
            bodies = [e for e in entities if e.type == "Agency" and re.search(body, e.name, re.I)]
            if not bodies and not secretary and GOVERNOR.fullmatch(m.group(1)):
                bodies = self._governed_state(text, m.start(), entities, mentions)
            if len(bodies) > 1 and secretary:
                # "Defence Minister" in a story naming the Ministry of Defence and the U.S. Department of Defense
                bodies = [e for e in bodies if secretary.group(1) in e.name] or bodies
            if len(bodies) > 1:
                # several police departments: the one the article names most, if one stands out
                ranked = sorted(bodies, key=lambda e: len(e.mentions), reverse=True)
                bodies = ranked[:1] if len(ranked[0].mentions) > len(ranked[1].mentions) else bodies
            if len(bodies) == 1:
                sent = doc.char_span(start, end, alignment_mode="expand").sent
                out.append(Relation(person.id, bodies[0].id, "WORKS_FOR", _evidence(doc, (sent.start_char, sent.end_char)),
                                    confidence=0.7, pattern="works_for.office_title"))
        return out

    @staticmethod
    def _governed_state(text: str, title_at: int, entities: list[Entity], mentions) -> list[Entity]:
        """"Gov. Jane Roe" where the article names no "State of X": the U.S. state named just before
        the title ("Illinois Gov. Jane Roe"), else the one state the article names most. Governors
        speak for their state's government, so the state is retyped an agency."""
        states: dict[str, list] = {}  # state -> the entities naming it ("New York", "New York State")
        before = text[:title_at].rstrip()
        for start, end, idx in mentions:
            e = entities[idx]
            state = re.sub(r"\s+State$", "", e.name)
            if e.type not in ("Location", "Agency") or state not in lexicon().states:
                continue
            if end == len(before) and start >= len(before) - 40:
                e.type = "Agency"
                return [e]
            # "Dayton, Ohio" places a city and "an Ohio company" describes one: neither is the state itself
            if not re.search(r"(?:,|\b[Aa]n?)\s+$", text[max(0, start - 4):start]):
                states.setdefault(state, []).append(e)
        ranked = sorted(states.values(), key=len, reverse=True)
        if not ranked or len(ranked) > 1 and len(ranked[0]) == len(ranked[1]):
            return []  # no state, or two named alike: whose governor is not said
        named = ranked[0]
        chosen = max(named, key=lambda e: (named.count(e), e.name.endswith(" State")))
        chosen.type = "Agency"
        return [chosen]

    # -- contracts ---------------------------------------------------------------------
    def _event(self, rule, m, template, moneys, dates, entities, sentence, status, frames: list[_Frame], doc):
        groups = m.groupdict()
        if rule.event == "raise":
            self._raiser = int(groups["raiser"])
            return
        if rule.event in ("payment", "award") and rule.many in ("buyer", "supplier"):
            # "its contracts are with the Air Force and the Army": one contract per buyer; "awarded
            # contracts to A, B and C": one per supplier
            for party in _ids(groups[rule.many]):
                one = dict(groups, **{rule.many: str(party)})
                self._event(dataclasses.replace(rule, many=None), _Match(m, one), template, moneys, dates, entities,
                            sentence, status, frames, doc)
            return
        if rule.event in ("payment", "award", "selection"):
            frame = _Frame(rule.event, sentence, confidence=rule.confidence, status=status)
            # a DoD rule's award in a news story ("Acme was awarded a $12 million contract in March") is dated by its text
            dod = frames_dated_by(rule) and not self._news
            if groups.get("buyer") is not None:
                frame.buyer = int(groups["buyer"])
                unit = OWNED_UNIT.match(template, m.end("buyer") + 1) if rule.many != "buyer" else None
                if unit and entities[frame.buyer].type == "Agency" and _is_unit(entities[int(unit.group(1))]):
                    frame.buyer = int(unit.group(1))  # "from the Defense Department's JAIC": the center buys
            if groups.get("supplier") is not None:
                frame.supplier = int(groups["supplier"])
                frame.product = "Product" in rule.slot_types.get("supplier", ())
                if self._outlet_by_anaphor(doc, sentence, frame.supplier):
                    # "signed a contract with the company" read as the outlet telling the story
                    frame.supplier = self._article_firm(doc, sentence[0])
                    if frame.supplier is None:
                        return
            elif "supplier" not in rule.slot_types:
                # "The Defense Department signed the contract in September 2017": the firm the article is about
                frame.supplier = self._article_firm(doc, sentence[0])
                if frame.supplier is None:
                    return
            if groups.get("money") is not None:
                amount, currency, raw = moneys[int(groups["money"])]
                frame.amount, frame.currency = amount, currency
                # "up to $X" is a ceiling, stated exactly: a later figure does not replace it
                frame.approximate = bool(re.search(r"(?:over|about|around|nearly|almost|roughly|more than|less than|some|estimated|approximately|at least)\s+⟦Money", m.group(0)))
            rest = template[m.end():]
            tail = re.search(r"⟦(?!Date|Money)", template[m.end():])  # stop at the next entity
            limit = m.end() + min(40, tail.start() if tail else 40)
            clause = CLAUSE_END.search(template, m.end())
            if "supplier" not in rule.slot_types:  # "signed a $94,250 lease for the machine, a Spot model ..., in 2020"
                limit = clause.start() if clause else len(template)
            elif clause:
                limit = min(limit, clause.start())
            lead = re.match(r"\s*(?:(?:In|On|Earlier|Late|Early) )?⟦Date#(\d+)⟧,? ", template)  # "In September 2024, ICE signed ...", "Last month, ..."
            before = list(EVENT_DATE.finditer(template, 0, m.start()))  # "documents posted on May 3 show that X awarded ..."
            if rule.dated_after:  # "... in 2018 and later signed a $20 million contract": not that year
                lead, before = None, []
            if rule.event in ("payment", "award") and NOT_A_DEAL.search(template, m.start(), min(len(template), m.end() + 80)):
                return  # "agreed to pay X $2 million to settle the suit": damages, not a purchase
            reported = reported_dates(template)  # "X reported in April 2021 that ...": the story's date
            before = [b for b in before if int(b.group(1)) not in reported]
            if rule.dated_after == "never":  # "X's customers include Y": a standing relation, no award date
                limit = m.start()
            d = next((x for x in EVENT_DATE.finditer(template, m.start(rule.dated_after) if rule.dated_after not in (None, "never") else m.start(),
                                                     min(len(template), limit))
                      # "has paid X $3 million since 2017": payments over a period, not one on a date
                      if int(x.group(1)) not in reported and not (rule.event == "payment" and x.group(0).startswith("since"))), None) \
                or (lead if lead and lead.end() <= m.start() + 2 else None) \
                or (before[-1] if before and rule.event == "award" and not dod else None)
            if d is None:  # "spent $800,000 on Acme's data last year": a relative date needs no preposition
                d = next((x for x in BARE_DATE.finditer(template, m.start(), min(len(template), limit))
                          if RELATIVE_DATE.match(dates[int(x.group(1))]) and int(x.group(1)) not in reported), None)
            if groups.get("when") is not None:  # "... and followed it in July 2017 with a $14 million contract"
                frame.date = _event_date(dates[int(groups["when"])], doc._.kg_date)
            elif d:
                frame.date = self._deal_date(doc, dates[int(d.group(1))], sentence[0])
            elif frame.buyer is not None and not dod and rule.dated_after != "never":
                # "The council voted 6-3 on Sept. 29 to keep paying ... The council approved a contract with X"
                frame.date = self._decision_date(doc, sentence, frame.buyer)
            frame.title = _quoted(template, entities, moneys, dates) or _title(rest, entities, moneys, dates)
            frame.ids = CONTRACT_ID.findall(text_of(doc)[sentence[0]:sentence[1]])
            frame.dated_by_announcement = frames_dated_by(rule)  # no date in the text: the announcement's
            frame.award_type, frame.ceiling = _award_type(template[m.start():m.end() + 160])
            # the same event matched by two rules: keep the first, completed by the second
            same = next((f for f in frames if f.sentence == sentence and f.supplier == frame.supplier
                         and (f.buyer == frame.buyer or f.buyer is None or frame.buyer is None)
                         and (f.amount is None or frame.amount is None or abs(f.amount - frame.amount) <= 0.01 * f.amount)), None)
            if same is not None:
                if same.buyer is None:
                    same.buyer = frame.buyer
                same.date = same.date or frame.date
                if same.amount is None and frame.amount is not None:
                    same.amount, same.currency, same.approximate = frame.amount, frame.currency, frame.approximate
                return
            frames.append(frame)
            if rule.id == "contract.dod_award" and re.search(r"\b(?:are|were|have)(?: each| jointly)?(?: been| being)?(?: each)? award|\bshare\b", m.group(0)):
                # "A, City, State; B, City, State; and C, City, State, are being awarded ..."
                # (and "A, City, State, (W1-..), and B, ..., will share")
                for other in re.finditer(r"⟦(?:Company|Organization|Other)#(\d+)⟧(?:, ⟦Location#\d+⟧)+,?(?: \([^)]{0,40}\),?)?(?:;| and)", template[:m.end()]):
                    if int(other.group(1)) != frame.supplier:
                        frames.append(dataclasses.replace(frame, supplier=int(other.group(1)), ids=list(frame.ids)))
        elif rule.event == "related" and frames and frames[-1].sentence != sentence:
            # "It follows an earlier contract of roughly $700,000": the same parties' other award; the
            # story goes on about the one it was telling (placed before it, so details still go there)
            f = frames[-1]
            # another firm named makes it another deal; a person quoted about it or an agency that uses
            # it does not ("..., said Roe, head of sales at Acme", "licenses at five commands and Socom")
            named = {int(i) for t, i in PH.findall(template) if t in ("Company", "Organization")} - report_sources(template)
            if f.supplier is None or named - {f.buyer, f.supplier} or f.dated_by_announcement:
                return
            amount, currency, _ = moneys[int(groups["money"])]
            approximate = bool(re.search(r"(?:about|around|nearly|almost|roughly|some|approximately|more than)\s+⟦Money", m.group(0)))
            frames.insert(len(frames) - 1, _Frame("award", sentence, f.buyer, f.supplier, amount, currency, approximate,
                                                  confidence=rule.confidence, status=status))
        elif rule.event == "buyer":
            buyer = int(groups["buyer"])
            for f in frames:
                if f.buyer is None:
                    f.buyer = buyer
            ids = CONTRACT_ID.findall(text_of(doc)[sentence[0]:sentence[1]])
            if ids and frames and not frames[-1].ids:
                frames[-1].ids = ids
        elif rule.event == "detail" and frames:
            f = frames[-1]
            plural = PLURAL_DETAIL.search(m.group(0)) or m.group(0).lower().startswith(("these", "those"))
            if f.sentence == sentence or f.dated_by_announcement and plural:
                return  # (a DoD paragraph's "the two contracts combined" is read by the DoD code)
            if rule.id == "contract.detail_it":
                k = bisect_right(self._sentence_starts, sentence[0]) - 1
                if k < 1 or f.sentence[0] != self._sentence_starts[k - 1]:
                    return  # "It is worth ...": only of a deal the sentence just before told
            named = {int(i) for t, i in PH.findall(template) if t in CORE} - report_sources(template)
            if named and not named & {f.buyer, f.supplier}:
                return  # "... it bought Avigilon in a deal valued at $1 billion": another deal, other parties
            amounts = [moneys[int(i)] for i in re.findall(r"⟦Money#(\d+)⟧", template)]
            exact = [a for a in amounts if a[2].replace(",", "").replace("$", "").strip().isdigit() or "," in a[2]]
            if f.dated_by_announcement and re.search(r"\bobligat|\bfunds\b|\bminimum\b|\btask order", template):
                amounts = []  # DoD funding lines and minimum guarantees are not the award's value
            if amounts and (f.amount is None or f.approximate):
                # "was worth at least $9 million and possibly as much as $15 million": the stated value
                valued = stated_value(template)
                best = moneys[valued] if valued is not None else (exact or amounts)[-1]
                f.amount, f.currency, f.approximate = best[0], best[1], False
            d = DETAIL_DATE.search(template)
            if d and CLOSING_DATE.search(template, max(0, d.start() - 60), d.end()):
                d = None  # "The deal ... is expected to close in the first half of 2024": when it ends or closes, not when made
            if d and f.date is None and not f.dated_by_announcement:
                f.date = _event_date(dates[int(d.group(1))], doc._.kg_date) \
                    or self._that_day(doc, dates[int(d.group(1))], sentence[0])
                if f.date and PLURAL_DETAIL.search(m.group(0)):
                    # "The awards, announced that day, ...": every award the last sentence made
                    for g in frames:
                        if g.sentence == f.sentence and g.date is None:
                            g.date = f.date
            q = _quoted(template, entities, moneys, dates)
            if q and not f.title:
                f.title = q
            f.ids = f.ids or CONTRACT_ID.findall(text_of(doc)[sentence[0]:sentence[1]])
            f.details.append(text_of(doc)[sentence[0]:sentence[1]].strip())

    def _parsed_deals(self, doc: Doc, sent, template: str, entities: list[Entity], frames: list[_Frame]) -> None:
        """Contracts the sentence's parse shows (``awards.find_deals``): a news sentence no
        contract rule read, with a word of buying or awarding."""
        text = text_of(doc)
        s0, s1 = sent.start_char, sent.end_char
        if NOT_A_DEAL.search(text, s0, s1) or a_trial(text[s0:s1]) or UNPAID.search(text, s0, s1):
            return
        # a takeover or a stake in the sentence: only what names a customer or a vendor ("an early
        # investor as well as a customer") is read
        stakes = [m.group(0).lower() for m in NOT_BOUGHT.finditer(text, s0, s1)]
        relations_only = bool(stakes)
        # ("the IRS acquired location data from Acme": an agency's purchase, read once the parties are known)
        acquiring = relations_only and all(w.startswith("acquir") for w in stakes)
        if relations_only and not acquiring and not any(t.lower_ in CUSTOMERS or t.lower_ in VENDORS for t in sent):
            return
        tellers = self._outlets_of(doc) | report_sources(template)
        owner = {t.i: idx for span, idx in self._mention_spans(doc, s0, s1) if idx not in tellers for t in span}
        if not owner:
            return
        moneys: dict[int, tuple[float, str, int]] = {}
        for m in MONEY_RE.finditer(text, s0, s1):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            parsed = parse_money_in(text, m.start(), m.end())
            if span is not None and parsed and not any(t.i in owner for t in span):
                moneys[span.root.i] = (parsed[0], parsed[1], m.start())
        dates = {}
        for d0, d1, dtext in self._date_spans:
            if s0 <= d0 and d1 <= s1:
                span = doc.char_span(d0, d1, alignment_mode="expand")
                if span is not None:
                    dates[span.root.i] = dtext
        def party(tok, depth: int = 0, deep: bool = True) -> list[tuple[int, str]]:
            if tok.i in owner:
                return [(owner[tok.i], entities[owner[tok.i]].type)]
            low = tok.lower_
            if (low in AGENCY_NOUNS or low in NAMED_AGENCY_NOUNS) \
                    and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children) \
                    and not any(c.dep_ in ("compound", "amod", "poss") for c in tok.children):
                # "the agency renewed ...": the agency named last; "the ministry ordered ...": the agency
                # named last whose name says so ("Federal Ministry of Defence")
                found = next((idx for a, _, idx in reversed(self._mentions) if a < tok.idx and entities[idx].type == "Agency"
                              and (low in AGENCY_NOUNS or low in entities[idx].name.lower().split()
                                   and entities[idx].name.lower().split()[-1] not in UNIT_ENDINGS)), None)
                if found is None and low in PLACE_GOVERNMENTS:
                    found = self._place_meant(tok.idx, low, entities)
                return [(found, "Agency")] if found is not None else []
            if low in PRONOUNS:
                said = self._sayer(tok, owner)
                if said is not None:  # "New York State said it had spent $2.5 million": the one who says so
                    return [(said, entities[said].type)]
                found = self._continued_it(doc, tok, owner) if low == "it" else None
                if found is not None:
                    return [(found, entities[found].type)]
                if low == "its" and depth < 2:
                    # "the service picked Acme's robot for its bomb squads": "its" is the clause's subject
                    # also when that subject is itself a reference ("the service", "the agency")
                    verb = tok
                    while verb.pos_ not in ("VERB", "AUX") and verb.i != verb.head.i:
                        verb = verb.head
                    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
                    if subject is not None and subject.i not in owner and subject.lower_ not in PRONOUNS:
                        found_ = party(subject, 2, deep=False)
                        if found_:
                            return found_[:1]
                found = self._pronoun(doc, tok, owner, s0)
                return [(found, entities[found].type)] if found is not None else []
            if low in RELATIVE:  # "..., whose database is used by ICE": the noun the clause is about
                x = tok
                while x.dep_ != "relcl" and x.i != x.head.i:
                    x = x.head
                return party(x.head, depth + 1, deep) if x.dep_ == "relcl" and depth < 2 else []
            if low in GROUP_SELLERS and tok.pos_ == "NOUN" and depth < 2:
                # "a consortium of Sopra and Idemia", "a team led by Cubic", "a joint venture of A and B": its members
                members = [x for p in tok.children if p.dep_ == "prep" and p.lower_ in ("of", "including")
                           for g in p.children if g.dep_ == "pobj" for x in _conjuncts(g)]
                members += [g for c in tok.children if c.dep_ == "acl" and c.lower_ in ("led", "headed", "formed")
                            for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
                found = [y for x in members for y in party(x, depth + 1, deep=False)]
                if found:
                    return found
            if not deep or depth >= 2 or tok.pos_ not in ("NOUN", "NUM", "PROPN", "PRON"):
                return []
            # "Acme's drones", "Acme drones", "30 of its quadcopters": whose they are
            out = []
            for c in tok.children:
                if c.dep_ == "poss" and low in OWNED_UNITS and any(
                        d.dep_ == "compound" and d.i in owner for d in tok.children):
                    continue  # "Red Cat's Teal Drones subsidiary": the unit named, not its owner (but "NIC's federal unit")
                if c.dep_ in ("poss", "compound", "nmod"):
                    out.extend(party(c, depth + 1))
                elif c.dep_ == "acl" and c.tag_ == "VBN":  # "drones made by Acme", "software developed by Acme"
                    out.extend(x for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"
                               for x in party(g, depth + 1))
                elif c.dep_ == "prep" and c.lower_ in ("of", "at"):  # "officials at the FBI"
                    out.extend(x for g in c.children if g.dep_ == "pobj" for x in party(g, depth + 1))
            return out

        read = [f for f in frames if f.sentence == (s0, s1) and f.kind != "selection"]
        made = {(f.buyer, f.supplier) for f in read}
        # a rule read a deal here: only another deal, between parties it did not name ("...; Maxar won another")
        named = {f.buyer for f in read} | {f.supplier for f in read}
        if acquiring and agency_acquires(sent, party):
            relations_only = False
        elif acquiring and not any(t.lower_ in CUSTOMERS or t.lower_ in VENDORS for t in sent):
            return
        if not relations_only and takeover(sent, party):
            # "It would be BAE's largest purchase since it bought United Defense Industries": a takeover
            relations_only = True
            if not any(t.lower_ in CUSTOMERS or t.lower_ in VENDORS for t in sent):
                return
        found = find_deals(sent, party, set(moneys), set(dates))
        # the parse reads a rule's deal with the figure or the date the rule left out ("renewed its
        # subscription to Acme for $1.2 million", "an agreement between A and B, signed in March 2020, is
        # worth $11 million"): the rule's frame takes them
        by_pair = {(f.buyer, f.supplier): f for f in read}
        for d in found:
            for pair in by_pair.keys() & {(b, s_) for b in d.buyers for s_ in d.suppliers}:
                f = by_pair[pair]
                if f.amount is None and d.money is not None and not f.dated_by_announcement:
                    f.amount, f.currency = moneys[d.money][0], moneys[d.money][1]
                if f.date is None and d.date is not None and not f.dated_by_announcement:
                    f.date = self._deal_date(doc, dates[d.date], doc[d.date].idx)
        # ("the Department of Education's Federal Student Aid office awarded ...": the owner of the buyer is no co-buyer)
        possessors = {i for span, i in self._mention_spans(doc, s0, s1) if text[span.end_char:span.end_char + 2] in ("'s", "’s")}
        deals = [d for d in found
                 # (a customer the rule did not name is another deal: "..., and it counts the Army among its customers";
                 # so is a buyer it left out beside one it read: "A and B each bought licences from C")
                 if (not read or not (set(d.buyers) | set(d.suppliers)) & named
                     or doc[d.cue].lower_ in CUSTOMERS and not set(d.buyers) & named
                     or len(d.buyers) > 1 and set(d.buyers) - named and set(d.suppliers) <= named
                     and not (set(d.buyers) - named) & possessors
                     # (and a seller the rule left out of "paid A $4 million and B $2 million")
                     or d.several and not set(d.suppliers) & named)
                 and (not relations_only or doc[d.cue].lower_ in CUSTOMERS or doc[d.cue].lower_ in VENDORS)]
        # a priced deal with a seller and no buyer named, in a story that has just said an agency is
        # buying: "The Met is buying software ... The four-year contract, with Northgate, is worth £3.08 million"
        if not deals and not read and not relations_only and self._story_buyer is not None \
                and not any(entities[i].type == "Agency" for a, _, i in self._mentions if s0 <= a < s1):
            k = bisect_right(self._sentence_starts, s0) - 1
            if self._story_buyer[1] >= self._sentence_starts[max(k - 2, 0)]:
                for deal in bare_sellers(sent, party, set(moneys), set(dates)):
                    deal.buyers = [self._story_buyer[0]]
                    deals.append(deal)
                    if deal.date is None or not _event_date(dates[deal.date], doc._.kg_date):
                        # "... signed off on the purchase on Aug. 27. The contract, with X, is worth ..."
                        deal.date = None
                        deal.told_date = self._deal_date_before(doc, self._story_buyer[1], s0)
        buying = story_buyers(sent, party)
        if len(buying) == 1:
            self._story_buyer = (buying[0], s0)
        # (a firm that only says something, "the company said", names no seller)
        sayers = {owner[t.i] for t in sent if t.i in owner and t.dep_ == "nsubj" and t.head.lower_ in SAYING}
        if not relations_only and not any(entities[i].type in ("Company", "Organization", "Person", "Other") for i in set(owner.values()) - sayers):
            # a buyer's purchase with no seller named, in a story that has just named its firm
            firm = self._article_firm(doc, s0)
            k = bisect_right(self._sentence_starts, s0) - 1
            prev = self._sentence_starts[k - 1] if k >= 1 else s0
            # (or a deal of its firm read there: "The Secret Service was another early buyer. It paid $135,000 ...")
            if firm is not None and (any(idx == firm and prev <= a < s0 for a, _, idx in self._mentions)
                                     or any(f.supplier == firm and prev <= f.sentence[0] < s0 for f in frames)):
                taken = {b for d in deals for b in d.buyers} | {f.buyer for f in read}
                bare: dict[int, object] = {}
                for deal in bare_buyers(sent, party, set(moneys)):
                    heads = [doc[deal.cue]] + ([doc[deal.verb]] if deal.verb is not None else [])
                    deal.money, deal.date = _attached(heads, set(moneys)), _attached(heads, set(dates), dates=True)
                    same = next((bare[b] for b in deal.buyers if b in bare), None)
                    if same is not None:  # "signed up in 2018, paying $300,000": one purchase told by two verbs
                        same.money = same.money if same.money is not None else deal.money
                        same.date = same.date if same.date is not None else deal.date
                        continue
                    if taken & set(deal.buyers) or firm in deal.buyers:
                        continue
                    deal.suppliers = [firm]
                    deals.append(deal)
                    taken |= set(deal.buyers)
                    bare.update((b, deal) for b in deal.buyers)
        named_here = set(owner.values())
        if not deals and not read:
            self._split_amounts(doc, sent, owner, moneys, frames)
        for deal in deals:
            buyers, suppliers = deal.buyers, deal.suppliers
            if len(buyers) > 1 and len(suppliers) > 1:
                continue  # who bought from whom is not told
            frame = _Frame("payment" if deal.paying else "award", (s0, s1), confidence=deal.confidence)
            lo = min([deal.cue] + [t.i for t in sent if t.i in owner and owner[t.i] in buyers + suppliers])
            hi = max([deal.cue] + [t.i for t in sent if t.i in owner and owner[t.i] in buyers + suppliers])
            frame.status = self._status(text, doc[lo].idx, doc[hi].idx + len(doc[hi].text))
            if frame.status != "asserted":
                continue  # "neither the department nor the city will pay for it", "reportedly renewed": the rules' to read
            if deal.money is not None:
                amount, currency, start = moneys[deal.money]
                frame.amount, frame.currency = amount, currency
                frame.approximate = bool(re.search(r"(?:over|about|around|nearly|almost|roughly|more than|less than|some|"
                                                   r"estimated|approximately|at least)\s+$", text[max(s0, start - 20):start]))
            if deal.date is not None:
                frame.date = self._deal_date(doc, dates[deal.date], doc[deal.date].idx)
            elif deal.told_date:
                frame.date = deal.told_date
            for b in buyers:
                for s in suppliers:
                    if (b, s) in made:
                        continue
                    made.add((b, s))
                    # "bought Sentinel X", "uses Sentinel": what an agency buys or uses outright is a
                    # product, bought from its maker (an agency buys no firm)
                    thing = entities[s].type == "Product" or doc[deal.cue].lower_ in GOODS_VERBS and any(
                        owner.get(t.i) == s and t.dep_ == "dobj" and t.head.i == deal.cue for t in sent)
                    # PAID only between parties the sentence names ("the office paying for it" may be misread)
                    kind = frame.kind if b in named_here and s in named_here else "award"
                    frames.append(dataclasses.replace(frame, kind=kind, buyer=b, supplier=s, product=thing,
                                                      ids=[], details=[]))

    def _place_meant(self, at: int, word: str, entities: list[Entity]) -> int | None:
        """"the city paid Acme ...", "the state spent ...", when no agency's name has the word: the place
        named last before ``at`` that the word fits, as "the agency" is the agency named last (a U.S. state
        for "state"; for "city", a place that is neither a state, a country nor a lake or a river). A place
        that buys is its government (``_contracts`` types it so, as ``kg.extract.entities`` does a town that pays)."""
        states = lexicon().states
        for a, _, idx in reversed(self._mentions):
            e = entities[idx]
            place = _a_place(e)
            if a >= at or not (place or e.type == "Agency"):
                continue
            if word == "state" and e.name in states or word == "city" and place and e.name not in states \
                    and e.name not in _countries() and not NOT_CITIES & {e.name.split()[0], e.name.split()[-1]}:
                return idx
        return None

    def _continued_it(self, doc: Doc, tok, owner: dict[int, int]) -> int | None:
        """"Red Cat has narrowed its focus. In February it sold ... It has also agreed to license ...":
        a sentence-opening "It" whose sentence before also has "it" for subject continues the body
        that one continues. None where the sentence before names its subject (``_pronoun`` reads that)."""
        sent = tok.sent
        opens = tok.i == sent.start or tok.head.i == sent.root.i and tok.dep_ == "nsubj" and not any(
            t.i in owner or t.pos_ == "PROPN" for t in doc[sent.start:tok.i])
        if not opens or sent.start == 0:
            return None
        prev = doc[sent.start - 1].sent
        subj = _subject(prev.root)
        if subj is None or subj.lower_ != "it":
            return None
        return self._subject_chain(doc, prev)

    def _subject_chain(self, doc: Doc, sent) -> int | None:
        """The body the main subject of ``sent`` names: its name, or for "it" the subject of the
        sentence before, followed back up to three sentences; None if the chain ends in no body."""
        for _ in range(3):
            subj = _subject(sent.root)
            if subj is None:
                return None
            if subj.lower_ != "it":
                found = self._owner_at(subj.idx)
                return found if found is not None and self._entities[found].type in ("Agency", "Company", "Organization") \
                    else None
            if sent.start == 0:
                return None
            sent = doc[sent.start - 1].sent
        return None

    @staticmethod
    def _sayer(tok, owner: dict[int, int]) -> int | None:
        """"X said it had bought ...": the body that says so, when "it" is the subject of what it
        says and the sayer is named."""
        if tok.lower_ != "it" or tok.dep_ not in ("nsubj", "nsubjpass"):
            return None
        verb = tok.head
        if verb.dep_ != "ccomp" or verb.head.lower_ not in SAYING:
            return None
        return next((owner[c.i] for c in verb.head.children if c.dep_ == "nsubj" and c.i in owner), None)

    def _deal_date(self, doc: Doc, dtext: str, at: int) -> str | None:
        """The date ``dtext`` gives a deal told at offset ``at``; for "that same year" ("That same
        year the service picked ..."), the year the text last named before ``at``."""
        iso = _event_date(dtext, doc._.kg_date)
        if iso or not SAME_YEAR.match(dtext):
            return iso
        for d0, _, prior in reversed(self._date_spans):
            if d0 < at and d0 >= at - 1500:
                m = re.search(r"\b(1[89]\d\d|20\d\d)\b", prior)
                if m:
                    return m.group(1)
        return None

    def _deal_date_before(self, doc: Doc, a: int, b: int) -> str | None:
        """The date the text between offsets ``a`` and ``b`` gives "the purchase" or "the contract"
        ("signed off on the purchase on Aug. 27", "approved the deal in March"), if one."""
        text = text_of(doc)
        for d0, _, dtext in self._date_spans:
            if a <= d0 < b and DEAL_DATED.search(text, max(a, d0 - 50), d0):
                return _event_date(dtext, doc._.kg_date)
        return None

    def _split_amounts(self, doc: Doc, sent, owner: dict[int, int], moneys: dict, frames: list[_Frame]) -> None:
        """"The Navy picked Acme and Bolt to build the boats. Acme won $193.5 million and Bolt $149
        million.": a sentence that pairs, in turn, each firm chosen in the sentence before with a
        figure (with a verb of winning or receiving) gives each firm's award its amount."""
        if not any(t.lower_ in WINNING for t in sent):
            return
        k = bisect_right(self._sentence_starts, sent.start_char) - 1
        if k < 1:
            return
        prev = self._sentence_starts[k - 1]
        open_ = {f.supplier: f for f in frames if prev <= f.sentence[0] < sent.start_char and f.amount is None
                 and f.supplier is not None}
        # the sentence's firms and figures in the order written: firm, figure, firm, figure ...
        seq, seen = [], set()
        for t in sent:
            if t.i in owner and owner[t.i] not in seen and self._entities[owner[t.i]].type in ("Company", "Organization"):
                seen.add(owner[t.i])
                seq.append(("firm", owner[t.i]))
            elif t.i in moneys:
                seq.append(("money", t.i))
        firms = [x for kind, x in seq if kind == "firm"]
        if len(firms) < 2 or [kind for kind, _ in seq] != ["firm", "money"] * len(firms) or not set(firms) & open_.keys():
            return
        for (_, firm), (_, money) in zip(seq[::2], seq[1::2]):
            if firm in open_:
                open_[firm].amount, open_[firm].currency = moneys[money][0], moneys[money][1]

    def _parsed_roles(self, doc: Doc, sent, template: str, entities: list[Entity], ruled: list[Relation]) -> list[Relation]:
        """WORKS_FOR and PRODUCT_OF pairs the sentence's parse shows (``roles.find_jobs``,
        ``roles.find_products``) that no rule read in it; at a confidence under the rules'."""
        present = {t for t, _ in PH.findall(template)}
        named = len([t for t, _ in PH.findall(template) if t not in ("Money", "Date")])
        products = bool(present & {"Company", "Organization"}) and named >= 2
        if named < 2 and "Person" not in present:
            return []  # a lone name: a person in a job at "the company" or the article's firm, if anything
        text = text_of(doc)
        s0, s1 = sent.start_char, sent.end_char
        # (an outlet the story cites may employ someone: "said Roe, a reporter for Reuters")
        owner: dict[int, int] = {}
        heads = []  # the token heading each person's mention
        named_people: set[int] = set()  # bodies by type whose place says they are people
        anaphors: set[int] = set()
        for span, idx in self._mention_spans(doc, s0, s1):
            for t in span:
                owner[t.i] = idx
            if ANAPHOR.fullmatch(span.text):
                anaphors.update(t.i for t in span)  # "the firm": read here as the story goes (recent_firm)
            if entities[idx].type == "Person":
                heads.append(span.root)
            elif entities[idx].type in BODY_TYPES + ("Other", "Location") and person_shaped(span) and titled(span.root):
                heads.append(span.root)  # "Harrow's chief executive, Dana Ruiz" though typed a firm
                named_people.add(idx)
        if not owner:
            return []
        agencies = [idx for idx in dict.fromkeys(owner.values()) if entities[idx].type == "Agency"]

        def party(tok) -> list[tuple[int, str]]:
            if tok.i in owner and tok.i not in anaphors:
                idx = owner[tok.i]
                return [(idx, "Person" if idx in named_people else entities[idx].type)]
            low = tok.lower_
            if low == "its" and tok.dep_ == "poss":
                body = its_body(tok)
                return [(body, entities[body].type)] if body is not None else []
            # "a spokeswoman for the company", "the department's spokesman": the body the story means
            # ("Agency spokeswoman X said": a sentence opened by the body's noun before a title)
            opening = tok.is_sent_start and tok.dep_ == "compound" and tok.head.lower_ in role_words
            if not (opening or any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)) \
                    or any(c.dep_ in ("compound", "amod") for c in tok.children):
                return []
            if low in IMPLIED_FIRMS:
                firm = recent_firm(tok)
                return [(firm, "Company")] if firm is not None else []
            if low in AGENCY_NOUNS:
                # "the command" is the agency named last whose name says Command; "the agency" the one
                # the sentence names, else the body named last if that is an agency
                if low != "agency":
                    named = next((idx for a, _, idx in reversed(self._mentions) if a < tok.idx and entities[idx].type == "Agency"
                                  and low in entities[idx].name.lower().split()), None)
                    if named is not None:
                        return [(named, "Agency")]
                if len(agencies) == 1:
                    return [(agencies[0], "Agency")]
                if not agencies:
                    last = next((idx for a, _, idx in reversed(self._mentions) if a < s0
                                 and entities[idx].type in ("Agency", "Company", "Organization")), None)
                    if last is not None and entities[last].type == "Agency":
                        return [(last, "Agency")]
                return []
            # "the lottery's acting superintendent", "the district's security consultant": the body named
            # last whose name ends in that noun ("Ohio Lottery", "Brookfield City School District")
            if tok.pos_ == "NOUN" and tok.is_lower:
                named = next((idx for a, _, idx in reversed(self._mentions) if a < tok.idx and entities[idx].type in BODY_TYPES
                              and entities[idx].name.lower().split()[-1] == low), None)
                if named is not None:
                    return [(named, entities[named].type)]
            return []

        def recent_firm(tok) -> int | None:
            return self._recent_firm(doc, tok, s0)

        def its_body(tok) -> int | None:
            # "X, who co-founded Y and serves as its chief executive": the subject of the pronoun's clause
            # when that is a body ("DARPA picked it for its ACE program"); else, after an earlier "it",
            # the firm the story goes on about ("Its co-founders include A, an engineer at Apple, and B,
            # its chief executive"); else the one body named before the pronoun, none: the story's firm
            verb = tok.head
            while verb.pos_ not in ("VERB", "AUX") and verb.i != verb.head.i:
                verb = verb.head
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
            if subj is not None and subj.i in owner and subj.i not in anaphors and entities[owner[subj.i]].type in BODY_TYPES:
                return owner[subj.i]
            if any(t.lower_ in ("it", "its") for t in sent if t.i < tok.i):
                return recent_firm(tok)
            # (a body named as someone else's employer, "A, an engineer at Apple", is not what "its" means)
            before = list(dict.fromkeys(owner[t.i] for t in sent if t.i < tok.i and t.i in owner and t.i not in anaphors
                                        and entities[owner[t.i]].type in BODY_TYPES and owner[t.i] not in named_people
                                        and not (t.dep_ == "pobj" and is_job(t.head.head))))
            if len(before) == 1:
                return before[0]
            if before:
                return None
            # "The Norwood Civil Liberties Union criticised the plan. Dana Ruiz, its executive director, said ...":
            # at the head of a sentence naming no body, the body the sentence before is about, of whatever kind
            # (only people named before it: "Flock, based in Atlanta, was founded by Roe, who remains its chief" names its firm)
            said = self._previous_subject(doc, s0) if not any(
                t.lower_ in ("it", "its") or t.pos_ == "PROPN" and (t.i not in owner or entities[owner[t.i]].type != "Person")
                for t in sent if t.i < tok.i) else None
            return said if said is not None else recent_firm(tok)

        def article_firm() -> int | None:
            # "chief executive X", "company president X": the firm the story is about, when the
            # sentence names no other body
            firm = self._article_firm(doc, s0)
            others = {i for i in owner.values() if entities[i].type in BODY_TYPES} - {firm}
            return firm if firm is not None and not others else None

        found = (find_jobs(sent, party, heads, article_firm) if heads else []) + (find_products(sent, party) if products else [])
        done = {(r.source, r.type, r.target) for r in ruled}
        out = []
        for role in found:
            src, tgt = entities[role.source], entities[role.target]
            if (src.id, role.type, tgt.id) in done:
                continue
            if role.type == "PRODUCT_OF":
                if role.retype or src.type != "Product":
                    if src.type == "Other":
                        _settle(src, ("Product",))
                    elif not _retype_to_product(src):
                        continue
                if not schema.allowed("PRODUCT_OF", src.type, "Company" if tgt.type == "Other" else tgt.type):
                    continue
            elif role.source in named_people and tgt.type in BODY_TYPES and role.target not in named_people:
                src.type = "Person"  # a job at a body makes the name a person's
                src.properties.pop("fallback_type", None)
                src.properties.pop("tentative", None)
            elif not schema.allowed(role.type, src.type, tgt.type):
                continue
            # the status of the words that say it: each party's mention nearest the cue, and the cue
            # ("... wrote to chief executive X that they had not signed up": the negation is another clause's)
            spots = [role.cue]
            for end in (role.source, role.target):
                near = [t.i for t in sent if owner.get(t.i) == end and t.i not in anaphors]
                if near:
                    spots.append(min(near, key=lambda i: abs(i - role.cue)))
            lo, hi = doc[min(spots)], doc[max(spots)]
            status = self._status(text, lo.idx, hi.idx + len(hi.text))
            done.add((src.id, role.type, tgt.id))
            out.append(Relation(src.id, tgt.id, role.type, _evidence(doc, (s0, s1)), confidence=_conf(0.6, status),
                                status=status, pattern="parse." + role.type.lower()))
        return out

    def _recent_firm(self, doc: Doc, tok, s0: int) -> int | None:
        """The firm "the company" / "that company" means at ``tok`` (in the sentence starting at ``s0``)."""
        # "that company": the firm named last; "the firm": the previous sentence's first body
        # when that is a firm (what the story goes on about), else the firm the article is about
        if any(c.lower_ == "that" for c in tok.children):
            last = next((idx for a, b, idx in reversed(self._mentions) if a < tok.idx and self._entities[idx].type in BODY_TYPES
                         and not ANAPHOR.fullmatch(text_of(doc)[a:b])), None)
            return last if last is not None and self._entities[last].type == "Company" else None
        first = self._previous_subject(doc, s0)
        if first is not None and self._entities[first].type == "Company":
            return first  # (in its subject, "the selection of xAI ...": not "the name alludes to Plato's school")
        return self._article_firm(doc, s0)

    def _previous_subject(self, doc: Doc, s0: int) -> int | None:
        """The body the sentence before ``s0`` is about: its first body, when that is in its subject
        (and is no news outlet)."""
        k = bisect_right(self._sentence_starts, s0) - 1
        if k < 1:
            return None
        lo = self._sentence_starts[k - 1]
        first = next(((idx, a, b) for a, b, idx in self._mentions if lo <= a < s0
                      and self._entities[idx].type in BODY_TYPES), None)
        span = doc.char_span(first[1], first[2], alignment_mode="expand") if first is not None else None
        x = span.root if span is not None else None
        while x is not None and x.dep_ not in ("nsubj", "nsubjpass", "ROOT") and x.i != x.head.i:
            x = x.head
        if x is not None and x.dep_ in ("nsubj", "nsubjpass") and first[0] not in self._outlets_of(doc):
            return first[0]
        return None

    def _parsed_ties(self, doc: Doc, sent, entities: list[Entity], found: list[Relation]) -> list[Relation]:
        """Firm, investor, owner and place ties the sentence's parse shows (``ties.find_ties``),
        between parties no rule already tied in this sentence."""
        text = text_of(doc)
        s0, s1 = sent.start_char, sent.end_char
        owner = {t.i: idx for span, idx in self._mention_spans(doc, s0, s1) for t in span}
        if not owner:
            return []
        places = any(entities[i].type == "Location" or entities[i].properties.get("fallback_type") == "Location"
                     for i in set(owner.values()))

        def party(tok) -> list[int]:
            if tok.i in owner:
                return [owner[tok.i]]
            if tok.lower_ in ("it", "its"):
                found_ = self._pronoun(doc, tok, owner, s0)
                others = {i for i in owner.values() if i != found_ and entities[i].type in ("Company", "Organization")}
                # "For Acme, ... last year it bought Y": with two other firms named, "it" is not safely the story's firm
                # (an "Its" opening the sentence is: "Its backers include A, B and C")
                return [found_] if found_ is not None and (len(others) <= 1 or tok.i == sent.start) else []
            if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in PARENT_OF_NOUNS:
                return []  # "X, a unit of the Chicago-based company": the firm meant is X's parent, not X
            if tok.lower_ in FIRM_NOUNS and tok.pos_ == "NOUN" and tok.dep_ != "appos" \
                    and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children) \
                    and any(c.dep_ in ("compound", "amod", "nmod") for c in tok.children):
                # "the Denver-based company", "the Irvine defense start-up": the one firm the sentence
                # names, or none named, the firm the story goes on about
                firms = list(dict.fromkeys(i for i in owner.values() if entities[i].type == "Company"
                                           and i not in self._outlets_of(doc)))  # ("..., CoinDesk reported")
                if not firms:  # (only when the story's firm and the one the last sentence was about agree)
                    firm = self._recent_firm(doc, tok, s0)
                    return [firm] if firm is not None and firm == self._article_firm(doc, s0) else []
                return firms if len(firms) == 1 else []
            return []

        evidence = _evidence(doc, (s0, s1))
        tied = {frozenset((r.source, r.target)) for r in found if r.evidence.start == evidence.start and r.type != "MENTIONED_WITH"}
        placed = {r.target for r in found if r.evidence.start == evidence.start and r.type == "LOCATED_IN"}
        owned_by = {(r.source, r.target) for r in found if r.evidence.start == evidence.start and r.type == "SUBSIDIARY_OF"} \
            | {(r.target, r.source) for r in found if r.evidence.start == evidence.start and r.type == "OWNS"}
        owned_by -= {(r.source, r.target) for r in found if r.evidence.start == evidence.start and r.type == "ACQUIRED"}
        out = []
        for s, kind, t in find_ties(sent, party, places):
            src, tgt = entities[s], entities[t]
            if kind == "LOCATED_IN_OF":  # "X of Reston": a firm's town; "the ACLU of Maryland" is a chapter's name
                kind = "LOCATED_IN" if src.type == "Company" else ""
            if kind == "UNIT_OF":  # "the Science and Technology Directorate of DHS", "the NRO's Program Office"
                kind = "PART_OF" if src.type == tgt.type == "Agency" else ""
            if kind == "OWNED":  # a firm owned by a firm is its subsidiary; other owners are left to the rules
                kind = "SUBSIDIARY_OF" if src.type == tgt.type == "Company" else ""
            if kind == "PARENT":
                kind = "SUBSIDIARY_OF" if src.type == tgt.type == "Company" else \
                    "PART_OF" if src.type in ("Agency", "Organization") and tgt.type in ("Agency", "Organization") else ""
            # (an acquisition may stand beside the ownership a rule read: "X is owned by Y, which bought it")
            if not kind or not _tie_fits(kind, src, tgt) or frozenset((src.id, tgt.id)) in tied and not (
                    kind == "ACQUIRED" and (tgt.id, src.id) in owned_by):
                continue
            if kind == "LOCATED_IN" and tgt.id in placed:
                continue  # "returned to the Massachusetts company": one firm is meant, and a rule read it
            if kind == "LOCATED_IN":
                placed.add(tgt.id)
            spots = [a for a, _, i in self._mentions if i in (s, t) and s0 <= a < s1]
            ends = [b for _, b, i in self._mentions if i in (s, t) and s0 <= b <= s1]
            status = self._status(text, min(spots, default=s0), max(ends, default=s1))
            if kind == "LOCATED_IN":
                _settle(tgt, ("Location",))  # a place the model left open ("Reston-based") is a place
            out.append(Relation(src.id, tgt.id, kind, evidence, confidence=_conf(0.6, status), status=status, pattern="parse.tie"))
            tied.add(frozenset((src.id, tgt.id)))
        return out

    def _pronoun(self, doc: Doc, tok, owner: dict[int, int], s0: int) -> int | None:
        """The body "it" / "its" stands for in a deal: the subject of its clause when that comes
        first and names one ("the NRO gave Acme one of its contracts"), else the agency named
        just before the sentence when the pronoun opens it ("It awarded ..."), else the firm the
        article is about."""
        if tok.head.lower_ in CUSTOMERS:  # "the Navy is one of its customers": a firm's
            # (the one the sentence before is about, "Tyler reported ... Its customers include ...", else the story's)
            return self._recent_firm(doc, tok, s0)
        verb = tok
        while verb.pos_ not in ("VERB", "AUX") and verb.i != verb.head.i:
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
        if subject is not None and subject.i in owner and tok.lower_ in ("it", "its"):  # ("all use them": the firm's goods)
            return owner[subject.i]
        # ("In 2016 it bought ...": an opening date or adverb before it, no name)
        opens = tok.i == tok.sent.start or tok.head.i == tok.sent.root.i and not any(
            t.i in owner or t.pos_ == "PROPN" for t in doc[tok.sent.start:tok.i])
        if tok.lower_ == "it" and tok.dep_ in ("nsubj", "nsubjpass") and opens and tok.sent.start > 0:
            # "It has also agreed to license ...": the subject of the sentence before, when a body is named there
            prev = doc[tok.sent.start - 1].sent
            # (not of a sentence that only says what the subject is: "Heron is Shield's second purchase. It also bought ...")
            subj = None if prev.root.lemma_ == "be" else _subject(prev.root)
            said = self._owner_at(subj.idx) if subj is not None else None
            if said is not None and self._entities[said].type in ("Agency", "Company", "Organization"):
                return said
        counts, last, nearest = self._tally(s0)
        if nearest == "Agency" and tok.dep_ in ("nsubj", "nsubjpass"):
            return next((idx for a, _, idx in reversed(self._mentions) if a < s0 and self._entities[idx].type == "Agency"), None)
        return self._article_firm(doc, s0)

    def _owner_at(self, offset: int) -> int | None:
        """The entity whose mention covers the character ``offset``, if one."""
        k = bisect_right(self._mentions, (offset, float("inf"), float("inf"))) - 1
        while k >= 0 and self._mentions[k][0] <= offset:
            a, b, idx = self._mentions[k]
            if a <= offset < b:
                return idx
            if b <= offset and offset - a > 200:
                break
            k -= 1
        return None

    def _mention_spans(self, doc: Doc, s0: int, s1: int):
        """The entity mentions inside the sentence [s0, s1) as token spans, with their entity
        index: what the parse-based readers (deals, roles, ties) map parse tokens to parties with."""
        for a, b, idx in self._mentions:
            if a >= s1:
                break
            if a >= s0:
                span = doc.char_span(a, b, alignment_mode="expand")
                if span is not None:
                    yield span, idx

    def _outlets_of(self, doc: Doc) -> set[int]:
        """The outlets that report the story (entity indexes), worked out once per article."""
        if self._outlets is None:
            self._outlets = outlets(text_of(doc), self._mentions)
        return self._outlets

    def _outlet_by_anaphor(self, doc: Doc, sentence: tuple[int, int], idx: int) -> bool:
        """Whether the sentence names ``idx`` only by "the company" / "the firm" and it is an outlet
        that reports the story: the anaphor then means the firm the story is about."""
        if idx not in self._outlets_of(doc):
            return False
        text = text_of(doc)
        spots = [text[a:b] for a, b, i in self._mentions if i == idx and sentence[0] <= a < sentence[1]]
        return bool(spots) and all(ANAPHOR.fullmatch(t) for t in spots)

    def _article_firm(self, doc: Doc, s0: int) -> int | None:
        """The firm the article is about so far (as ``_salient_firm``), never a news outlet that
        reports the story ("..., the Chicago Sun-Times reported")."""
        counts, last, _ = self._tally(s0)
        for i in self._outlets_of(doc):
            counts.pop(i, None)
        if not counts:
            return None
        best = self._most_named(counts, last)
        return best if self._entities[best].type == "Company" else None

    def _that_day(self, doc: Doc, phrase: str, s0: int) -> str | None:
        """"announced that day": the last full date the text gave before the sentence."""
        if not THAT_DAY.fullmatch(phrase.strip()):
            return None
        for d0, _, dtext in reversed(self._date_spans):
            if d0 < s0:
                iso = _event_date(dtext, doc._.kg_date)
                if iso and len(iso) == 10:
                    return iso
        return None

    def _decision_date(self, doc: Doc, sentence: tuple[int, int], buyer: int) -> str | None:
        """The date of the buyer's vote or decision the sentence before states, if any."""
        k = bisect_right(self._sentence_starts, sentence[0]) - 1
        if k < 1:
            return None
        a, b = self._sentence_starts[k - 1], sentence[0]
        spots = [m[1] for m in self._mentions if a <= m[0] < b and m[2] == buyer]
        found = decision_date(text_of(doc), spots, [d for d in self._date_spans if a <= d[0] < b])
        return _event_date(found, doc._.kg_date) if found else None

    def _contracts(self, doc: Doc, frames: list[_Frame], entities: list[Entity], relations: list[Relation] | None = None):
        part_of = _parents(entities, relations or [])
        frames = _fold_selections(frames, part_of)
        frames = _products_to_makers(frames, entities, relations or [])
        frames = self._drop_owning_buyers(doc, frames)
        frames = _merge_frames(frames)
        contracts: list[Entity] = []
        rels: list[Relation] = []
        for f in frames:
            if f.buyer is None:
                f.buyer = self._header_buyer(doc, f, entities)
            if f.buyer is None and self._news:  # (a DoD announcement names its buyer as the contracting activity)
                f.buyer = self._lone_agency(f)
            if f.buyer is not None and self._news and self._approver(doc, f):
                # "Oakland's City Council approved a $2.25 million contract with Acme": the city buys, its council approves
                # (when the text names neither its parent nor its owner, the council stays: "the Detroit City Council
                # voted to extend the contract" is the buyer in the development gold)
                owner = self._approved_for(doc, f, entities, part_of)
                if owner is not None:
                    if entities[owner].type in ("Location", "Other"):
                        entities[owner].type = "Agency"  # a city or a state whose council approves is its government
                    f.buyer = owner
            if f.dated_by_announcement and f.date is None:
                f.date = _dod_award_date(text_of(doc), f.sentence[0], doc._.kg_date)
            if f.amount is None and f.dated_by_announcement:
                found = _dod_amount(text_of(doc), f.sentence[0], entities[f.supplier].name if f.supplier is not None else None)
                if found:
                    f.amount, f.currency = found
            buyer = entities[f.buyer] if f.buyer is not None else None
            supplier = entities[f.supplier] if f.supplier is not None else None
            if buyer is None and supplier is None:
                continue
            if buyer is not None and _a_place(buyer):
                buyer.type = "Agency"  # "the city paid Acme": a place that buys is its government
            if buyer is not None and buyer.type == "Other":
                buyer.type = "Organization"
            if supplier is not None and supplier.type in ("Other", "Organization"):
                supplier.type = "Company"
            date = f.date or (doc._.kg_date[:10] if f.dated_by_announcement and doc._.kg_date else None)
            props = {k: v for k, v in {
                "amount": f.amount, "currency": f.currency if f.amount is not None else None,
                "date": date, "title": f.title, "identifiers": f.ids or None,
                "buyer": buyer.name if buyer else None, "supplier": supplier.name if supplier else None,
                "approximate": True if f.approximate else None,
                "award_type": f.award_type, "ceiling": True if f.ceiling else None,
            }.items() if v is not None}
            label = f.title or "contract"
            name = f"{label} ({buyer.name if buyer else '?'} → {supplier.name if supplier else '?'}"
            name += f", {date})" if date else ")"
            # header buyers may have joined the list: number after everything so far
            c = Entity(id=f"e{len(entities) + len(contracts) + 1}", name=name, type="Contract", aliases=list(f.ids), properties=props)
            contracts.append(c)
            ev = _evidence(doc, f.sentence)
            money = {k: props[k] for k in ("amount", "currency", "date") if k in props}
            conf = _conf(f.confidence, f.status)
            if buyer is not None:
                rels.append(Relation(buyer.id, c.id, "AWARDED", ev, dict(money), conf, f.status, "contract." + f.kind))
            if supplier is not None:
                rels.append(Relation(c.id, supplier.id, "AWARDED_TO", ev, dict(money), conf, f.status, "contract." + f.kind))
            if buyer is not None and supplier is not None and f.kind == "payment":
                rels.append(Relation(buyer.id, supplier.id, "PAID", ev, dict(money), conf, f.status, "contract.payment"))
        return contracts, rels

    def _drop_owning_buyers(self, doc: Doc, frames: list[_Frame]) -> list[_Frame]:
        """"Its customers include Britain's Ministry of Defence": the country that owns a buyer named
        right after it ("X's Y") buys nothing itself when Y buys from the same seller there."""
        text = text_of(doc)
        owns = {(i, j) for (_, e1, i), (b2, _, j) in zip(self._mentions, self._mentions[1:])
                if i != j and text[e1:b2] in ("'s ", "’s ", "' ", "’ ")}
        if not owns:
            return frames
        buying = {(f.sentence, f.supplier, f.buyer) for f in frames if f.buyer is not None}
        return [f for f in frames if not any((f.sentence, f.supplier, o) in buying for b, o in owns if b == f.buyer)]

    def _approver(self, doc: Doc, frame: _Frame) -> bool:
        """Whether the frame's buyer is a council, committee or legislature its sentence says approved or
        voted on the deal: a body that approves a purchase, not the one that makes it."""
        words = self._entities[frame.buyer].name.lower().split()
        if not words or words[-1] not in APPROVERS:
            return False
        return bool(APPROVING.search(text_of(doc), frame.sentence[0], frame.sentence[1]))

    def _approved_for(self, doc: Doc, frame: _Frame, entities: list[Entity], part_of: dict[int, set[int]]) -> int | None:
        """The body an approving council or committee belongs to: its parent (PART_OF), else the
        possessor its sentence names ("Oakland's City Council"); None when the text names neither."""
        up = [p for p in part_of.get(frame.buyer, ()) if entities[p].type == "Agency"]
        if len(up) == 1:
            return up[0]
        if entities[frame.buyer].name.lower().split()[-1] not in LOCAL_APPROVERS:
            return None  # ("the budget committee of Germany's Bundestag": a country's legislature, not its buyer)
        text = text_of(doc)
        a, b = frame.sentence
        for start, _, idx in self._mentions:
            if a <= start < b and idx == frame.buyer:
                owner = next((i for s_, e_, i in self._mentions if a <= s_ and text[e_:start] in ("'s ", "’s ")
                              and entities[i].type not in ("Person", "Product")), None)
                if owner is not None:
                    return owner
        return None

    def _lone_agency(self, frame: _Frame) -> int | None:
        """"Acme was awarded a $12 million contract to build drones for Navy ships": a news award
        that names no buyer in its wording was made by the one agency its sentence names, if just one."""
        a, b = frame.sentence
        named = {idx for start, _, idx in self._mentions if a <= start < b and self._entities[idx].type == "Agency"}
        return named.pop() if len(named) == 1 else None

    def _header_buyer(self, doc: Doc, frame: _Frame, entities: list[Entity]) -> int | None:
        """An award listed under a section header ("NAVY") was made by that body."""
        above = [h for h in (doc._.kg_headers or []) if h[1] <= frame.sentence[0]]
        if not above:
            return None
        start, end, entry = above[-1]
        for i, e in enumerate(entities):
            if e.name == entry.name and e.type == entry.type:
                if not any(m.start == start for m in e.mentions):
                    e.mentions.append(Mention(start, end, text_of(doc)[start:end]))
                return i
        entities.append(Entity(id=f"e{len(entities) + 1}", name=entry.name, type=entry.type,
                               mentions=[Mention(start, end, text_of(doc)[start:end])]))
        return len(entities) - 1

    def _retype(self, entities: list[Entity], relations: list[Relation]) -> None:
        """An entity of unknown type that a relation puts in a company's place is a company."""
        by_id = {e.id: e for e in entities}
        for r in relations:
            if r.type == "MENTIONED_WITH":
                continue
            for end, slot in ((r.source, "source"), (r.target, "target")):
                e = by_id[end]
                if e.type == "Other":
                    e.type = "Company"
        for r in relations:
            if r.type in ("AWARDED_TO", "INVESTED_IN", "ACQUIRED", "PAID") and by_id[r.target].type == "Organization" \
                    and r.type != "PAID":
                by_id[r.target].type = "Company"


# a local office's title before a name, and the body it belongs to when the article names just one
OFFICE_TITLES = {r"mayor": r"^city of ", r"governor|gov\.": r"^state of ",
                 r"police (?:chief|commissioner|superintendent|spokes(?:man|woman|person))|chief of police": r"\bpolice (?:department|dept\.?)$",
                 r"(?:city |county |town )?council (?:president|member|vice president|chair(?:man|woman)?)|council(?:man|woman|member)|"
                 r"president pro tem": r"\b(?:city|county|town) council$",
                 r"attorney general": r"attorney general['’]s office$", r"sheriff": r"sheriff['’]s (?:office|department)$",
                 r"district attorney": r"district attorney['’]s office$"}
SECRETARY = (r"(?:Deputy |Under |Assistant )?(Defen[cs]e|Homeland Security|Treasury|Commerce|Energy|Education|Labor|"
             r"Transport(?:ation)?|Interior|Agriculture|State|Justice|Veterans Affairs) (?:Secretary|Minister)")
# British and American names of the same department: "Defence Minister" heads the "Department of Defence"
DEPARTMENT_SPELLINGS = {"Defense": "Defen[cs]e", "Defence": "Defen[cs]e", "Transport": "Transport(?:ation)?",
                        "Transportation": "Transport(?:ation)?"}
OFFICE_TITLE = re.compile(r"\b(Mayor|Governor|Gov\.|Police (?:Chief|Commissioner|Superintendent|[Ss]pokes(?:man|woman|person))|Chief of Police|"
                          r"(?:City |County |Town )?Council (?:President|Member|member|Vice President|Chair(?:man|woman)?)|"
                          r"Council(?:man|woman|member)|President Pro Tem|Attorney General|Sheriff|District Attorney|"
                          + SECRETARY.replace("(Defen", "(?:Defen") + r")\s+$")
DEPARTMENT_SECRETARY = re.compile(SECRETARY)
GOVERNOR = re.compile(r"governor|gov\.", re.I)

# every contract or funding rule needs one of these words: sentences without any skip those rules
EVENT_HINT = re.compile(r"pa(?:y|id)|spen[dt]|b(?:ought|uy)|purchas|procur|award|contract|deal|order|agreement|extension|"
                        r"renew|custom|client|s(?:old|ell)|licens|share|round|rais|fund|financ|receiv|sale|suppl(?:y|ies|ied)|provid|Money|"
                        # (whole words: "security", "island" and "design" are no award)
                        r"\bpick(?:ed|s)?\b|\bcho(?:se|sen)\b|\bselect(?:ed|s)?\b|\btapped\b|\bapprov|\bsign(?:ed|s|ing)?\b|\bw[io]ns?\b|"
                        r"\bland(?:ed|s)?\b|\bsecur(?:ed|es)\b|\bclinch|\bworth\b|\bvalued\b|\bexpand|\bwiden|\bdeploy|\bleas(?:e|ed|es|ing)\b|"
                        r"\boptions?\b|\bsubscri|\bbetween\b|\bused by\b|\bhire[ds]?\b|\bcommission(?:ed|s)?\b|\bto build\b|\bto develop\b", re.I)
# "signed off on the purchase on", "approved the contract in": a date said of the deal itself
DEAL_DATED = re.compile(r"\b(?:the|its|that) (?:purchase|contract|deal|agreement|award|lease|order)\b[^.;⟦⟧]{0,25}?\b(?:on|in)\s+$")
# groups that sell as their members: "a consortium of A and B", "a team led by A"
GROUP_SELLERS = frozenset("consortium consortia team teams venture ventures partnership".split())
# "that same year", "the same year", "that year": the year named before
SAME_YEAR = re.compile(r"(?:that|the)\s+(?:same\s+)?year$", re.I)
# bodies that approve a purchase others make: "the City Council approved", "the budget committee voted"
APPROVERS = frozenset("council committee bundestag parliament legislature assembly supervisors commissioners aldermen "
                      "board".split())
LOCAL_APPROVERS = frozenset("council board supervisors commissioners aldermen".split())  # a city's or a county's
APPROVING = re.compile(r"\b(?:approv\w*|vot(?:e|ed|es|ing)|authori[sz]\w*|sign(?:ed|s)? off)\b", re.I)
NOT_A_DEAL = re.compile(r"\bto settle\b|\bsettlement\b|\bdamages\b|\bin fines?\b|\bpenalt(?:y|ies)\b|\brestitution\b|\bjudg(?:e)?ment\b")
BARE_DATE = re.compile(r"⟦Date#(\d+)⟧")
RELATIVE_DATE = re.compile(r"(?:last|this|earlier this|late last|early last|yesterday|today)\b", re.I)
# a DoD announcement, not a news story: its own wording, a correction notice
DOD_TEXT = re.compile(r"\bcontracting (?:activity|agency|office)\b|\bis being awarded\b|\bobligated at (?:the )?time of (?:the )?award\b|"
                      r"^\s*(?:CORRECTION|UPDATE):|\bfirm-fixed-price\b|\bwork will be performed\b|\bwere obligated\b", re.I)
# "the company's general counsel", "a spokesman for the firm": the firm the article is about
BODY_TYPES = ("Company", "Agency", "Organization")
IMPLIED_FIRMS = frozenset("company firm start-up startup business contractor vendor".split())
# "the ministry", "the city": the agency named last whose name has the word
NAMED_AGENCY_NOUNS = frozenset("ministry city county state council board".split())
# "the city" / "the state" with no agency named for it: the city or the U.S. state named last (``_place_meant``)
PLACE_GOVERNMENTS = frozenset(("city", "state"))
# the first or last word of a place that is no city ("Orven River", "Lake Tarrow", "Wexley County")
NOT_CITIES = frozenset("River Lake Creek Bay Mountain Mountains Valley Island Islands Sea Ocean Coast Park Street Avenue "
                       "Road Airport Base County Province Region District".split())
UNIT_ENDINGS = frozenset("police department office patrol sheriff court courts".split())  # "Michigan State Police" is not "the state"
ANAPHOR = re.compile(r"(?:the|this|that) (?:company|firm|start-?up|vendor|contractor|business)", re.I)
CLOSING_DATE = re.compile(r"\b(?:to close|to be completed|to complete|will close|will end|closes?|closing|expires?|"
                          r"ends?|runs? through|through|until|expected|scheduled|due)\b[^⟦⟧.;]{0,40}?⟦Date#\d+⟧")
PLURAL_DETAIL = re.compile(r"(?:contract|deal|award|agreement|order)s\b")
THAT_DAY = re.compile(r"(?:that|the same|that same) day", re.I)
SOURCED = re.compile(r"\s*(?:according|reportedly|allegedly|people|sources|a person|two people)\b")  # a hedge on the set-off words
CLAUSE_END = re.compile(r";|,\s+(?:and|but|while|whereas)\s|\.\s")
ITS = re.compile(r"(^|[\s(])[Ii]ts(?= (?:[a-z-]+ ){0,2}(?:backers|investors|shareholders)\b)")
# "its chief executive", "its flagship software", "its parent company": whose role, product or
# parent it is — the sentence's first body, else the article's firm; "its Halo Pad tablets": a named product's owner
ITS_OWN = re.compile(r"(^|[\s(])[Ii]ts(?= ⟦Product#\d+⟧ [a-z]| (?:(?:current|former|new|then-|longtime|interim|acting|founding|own|main|flagship|"
                     r"best-known|popular|open-source|[a-z-]+|⟦(?:Product|Other|Company)#\d+⟧) ){0,3}?(?:chief (?:executive|operating|financial|technology|"
                     r"information|product|security|strategy)|CEO|CTO|CFO|COO|president|chairman|chairwoman|founders?|"
                     r"co-founders?|spokes(?:man|woman|person)|general counsel|managing director|executive director|"
                     r"head|software|app|application|tool|platform|product|spyware|device|parent|subsidiary|customers|clients|"
                     r"drones?|quadcopters?|satellites?|headsets?|chatbots?|models?|robots?|cameras?|rockets?)\b)")
# "It raised $30 million", "...: last year it bought Avigilon": a clause about buying, raising or
# backing whose subject is "it" is about the firm the article is about so far
IT_SUBJECT = re.compile(r"(^\s*|[:;]\s+(?:⟦Date#\d+⟧,?\s+)?|^\s*(?:In )?⟦Date#\d+⟧,?\s+)[Ii]t(?= (?:has |had |also |later |then |recently )?"
                        r"(?:bought|acquired|purchased|counts|counted|raised|is backed|was backed|has been backed|"
                        r"won|received|secured|landed|was awarded|has been awarded|had been awarded|"
                        # "In 2018 it paid about $1 billion for Avigilon": a purchase of a firm
                        r"paid (?:about |roughly |nearly |almost |more than |over |some )?⟦Money#\d+⟧ (?:to buy |to acquire )?for ⟦)\b)")
# "the Coast Guard awarded it a contract", "chose it for": "it" is a firm the agency pays
# ("paid it to the Army" pays someone else; "pays it to run towers" pays the firm)
IT_OBJECT = re.compile(r"(\b(?:awarded|paid|gave|granted|chose|selected|picked|hired|pays|paying)\s+)it\b(?!\s+(?:was|is)\b)"
                       r"(?!\s+to\s+(?:the|a|an|its|his|her|their)\b)(?!\s+to\s+⟦)")
# "It awarded Acme a contract" after an agency: the agency
IT_AGENCY = re.compile(r"(^\s*|[:;]\s+|^\s*(?:In )?⟦Date#\d+⟧,?\s+)[Ii]t(?= (?:has |had |also |later |then |recently )?"
                       r"(?:awarded|paid|has paid|bought|purchased|gave|granted|signed|extended|renewed|handed out|chose|picked|"
                       r"selected|exercised|spread|split)\b)")
# "He founded ...", "..., and she previously ran ...": a subject pronoun, not "her" (object or possessive)
# (not before a verb of saying: what "he said" reports is not the speaker's own doing)
PERSON_PRONOUN = re.compile(r"(^\s*|[\s(])(?:[Hh]e|[Ss]he)(?! (?:[a-z]+ )?(?:said|says|added|adds|told|tells|noted|notes|argued|argues|"
                            r"wrote|writes|explained|claimed|stated|testified|recalled|warned|insisted|acknowledged)\b)"
                            r"(?= (?:[a-z-]+ )?[a-z]+(?:ed|s)\b| (?:is|was|has|had|will|would|also|then|now|later|previously|once|still) )")
APPOSITIVE_ROLES = ("works_for.bare_role_apposition", "founded.bare_role_and_cofounder")
# a coordinated clause ("…, and the company is counting on its …", "…; Acme said its …") whose subject
# is a firm, with no other name, comma or clause break between that subject and the "its" that follows
CLAUSE_SUBJECT = re.compile(r"(?:,\s*(?:and|but|while|whereas|so)|;)\s+⟦(Company|Organization)#(\d+)⟧(?!['’])(?=[^,;⟦⟧]*$)")
ATTRIBUTION = re.compile(r"\s+(?:first |also |previously |later )?(?:reported|reports|said|says|wrote|writes|told|tells)\b")
OWNED_UNIT = re.compile(r"'s (?:[a-z-]+ ){0,3}⟦(?:Agency|Company|Organization)#(\d+)⟧")
APPOSITION = re.compile(
    r"(⟦(?!Money|Date)[^⟧]+⟧),\s(?:[^,⟦⟧]{2,60}?⟦(?!Money|Date)[^⟧]+⟧[^,⟦⟧]{0,80}?|(?:a|an|the|its|which|who)\s[^,⟦⟧]{1,80}?"
    # "Bry, Skydio's chief executive, together with ...": "its" already read as the firm
    r"|(?:the\s)?⟦(?!Money|Date)[^⟧]+⟧'s\s[^,⟦⟧]{1,80}?"
    # "Boxer, a California Democrat who spent 24 years in the Senate before retiring in 2016, joined ..."
    r"|(?:a|an)\s(?:[^,⟦⟧]|⟦(?:Location|Date|Money)#\d+⟧){1,60}?\b(?:who|that|which)\s(?:[^,⟦⟧]|⟦[^⟧]+⟧){1,100}?"
    # "GTECH, a subsidiary of the Rome-based gaming group Lottomatica, holds ...": a description
    # naming two bodies or places is still the subject's, set off by its commas
    r"|(?:a|an|the)\s[^,⟦⟧]{0,60}?⟦(?!Money|Date)[^⟧]+⟧[^,⟦⟧]{1,60}?⟦(?!Money|Date)[^⟧]+⟧[^,⟦⟧]{0,60}?),\s")


def _overlapping(regex: re.Pattern, template: str, first: re.Match):
    """Matches that may share an entity, from ``first`` on: in "A is part of B, a component of C"
    both "A ... B" and "B ... C" are statements; ``finditer`` would skip the second. The next
    search starts after the first placeholder of the last match."""
    m: re.Match | None = first
    while m is not None:
        yield m
        nxt = template.find("⟧", m.start())
        pos = max(nxt + 1, m.start() + 1) if nxt >= 0 else m.end()
        if pos >= len(template):
            return
        m = regex.search(template, pos)


def _variants(template: str) -> list[str]:
    """The sentence, and the sentence with appositions cut out, so that in "CBP, part of
    DHS, paid Wickr" the payer is CBP, not DHS."""
    reduced = APPOSITION.sub(r"\1 ", template)
    return [template] if reduced == template else [template, reduced]


def _merge_frames(frames: list[_Frame]) -> list[_Frame]:
    """Two sentences about one deal ("bought services worth more than $700,000 from Wickr";
    "CBP paid Wickr $714,600") are one contract: same buyer and supplier, and amounts that
    agree (within 1%, 3% if one is approximate, or one unknown): "about $51.8 million over five
    years" is not the "$49.9 million" extension."""
    out: list[_Frame] = []
    for f in frames:
        same = next((g for g in out if g.buyer == f.buyer and g.supplier == f.supplier and g.buyer is not None
                     and g.supplier is not None and not g.dated_by_announcement
                     and (g.amount is None or f.amount is None
                          or abs(g.amount - f.amount) <= (0.03 if g.approximate or f.approximate else 0.01) * max(g.amount, f.amount))
                     and not _dated_apart(g.date, f.date)), None)
        if same is None:
            out.append(f)
            continue
        if f.amount is not None and (same.amount is None or same.approximate and not f.approximate):
            same.amount, same.currency, same.approximate = f.amount, f.currency, f.approximate
        same.date = same.date or f.date
        same.title = same.title or f.title
        same.ids = same.ids or f.ids
        if same.kind != "payment" and f.kind == "payment":
            same.kind = "payment"
    return out


def _one_parent_kind(relations: list[Relation], entities: list[Entity]) -> list[Relation]:
    """"The Citizen Lab, part of the University of Toronto": one parent relation per pair, PART_OF
    between bodies that are not firms, SUBSIDIARY_OF when the unit is a firm."""
    kinds = {e.id: e.type for e in entities}
    pairs = {}
    for r in relations:
        if r.type in ("PART_OF", "SUBSIDIARY_OF"):
            pairs.setdefault((r.source, r.target), set()).add(r.type)
    both = {p for p, t in pairs.items() if len(t) == 2}
    if not both:
        return relations
    return [r for r in relations if (r.source, r.target) not in both
            or r.type == ("SUBSIDIARY_OF" if kinds.get(r.source) == "Company" else "PART_OF")]


def _owned_firms(relations: list[Relation]) -> list[Relation]:
    """"Tallis, owned by Harrow": a firm owned by another is its subsidiary; the OWNS the same
    words gave goes when SUBSIDIARY_OF says it of the same pair."""
    parents = {(r.target, r.source) for r in relations if r.type == "SUBSIDIARY_OF"}
    if not parents:
        return relations
    return [r for r in relations if r.type != "OWNS" or (r.source, r.target) not in parents]


def _dated_apart(a: str | None, b: str | None) -> bool:
    """Two dates that cannot be the same day ("2013" and "2020-11"): two awards, not one."""
    return bool(a and b and not (a.startswith(b) or b.startswith(a)))


def _countries_are_places(entities: list[Entity], relations: list[Relation]) -> list[Relation]:
    """A country named alone is no firm, group or person, whatever typed it ("Brazil's Embraer", "labs in the
    United States"): counted on the development sets, every such firm was a mistake. It becomes the place, and
    keeps only the relations a place can have (where something is)."""
    wrong = set()
    for e in entities:
        if e.type in ("Company", "Organization", "Person") and e.name in _countries() \
                and all(a in _countries() or len(a) <= 3 for a in e.aliases):
            e.type = "Location"
            e.properties.pop("fallback_type", None)
            wrong.add(e.id)
    if not wrong:
        return relations
    return [r for r in relations if r.type == "MENTIONED_WITH" or (r.source not in wrong and r.target not in wrong)
            or (r.type == "LOCATED_IN" and r.source not in wrong)]


def _drop_tentative(entities: list[Entity], relations: list[Relation], mentions):
    """Proper nouns no cue typed stay only if a typed relation uses them."""
    used = {x for r in relations if r.type != "MENTIONED_WITH" for x in (r.source, r.target)}
    for e in entities:
        e.properties.pop("person_like", None)
        e.properties.pop("demonym", None)
        fallback = e.properties.pop("fallback_type", None)
        if fallback and e.type == "Other":
            e.type = fallback
    drop = {e.id for e in entities if e.properties.pop("tentative", False) and e.id not in used}
    if not drop:
        return entities, relations, mentions
    kept = [e for e in entities if e.id not in drop]
    new_index = {entities.index(e): i for i, e in enumerate(kept)}
    mentions = [(a, b, new_index[i]) for a, b, i in mentions if i in new_index]
    return kept, [r for r in relations if r.source not in drop and r.target not in drop], mentions


def _is_unit(e: Entity) -> bool:
    """Whether a name after an agency's possessive ("the Coast Guard's Harbor Data Office") is one
    of its units: an agency, or a body no legal form makes a firm (it becomes an agency)."""
    if e.type == "Agency":
        return True
    words = re.findall(r"[\w&.-]+", e.name.lower())
    if e.type == "Person" or not words or words[-1].rstrip(".") in lexicon().company_suffixes:
        return False
    e.type = "Agency"
    e.properties.pop("fallback_type", None)
    return True


def _retype_to_product(e: Entity) -> bool:
    """A name described as a firm's software or tool is a product, unless its own words make it a
    firm ("Kestrel Inc.") or the text calls it a body elsewhere."""
    if e.type == "Product":
        return True
    lx = lexicon()
    words = re.findall(r"[\w&.-]+", e.name.lower())
    if not words or words[-1].rstrip(".") in lx.company_suffixes or words[-1] in lx.company_nouns or e.type == "Agency" \
            or e.name in lx.by_surface:  # a known outlet or firm ("BuzzFeed News reported") is no product
        return False
    e.type = "Product"
    e.properties.pop("fallback_type", None)
    e.properties.pop("tentative", None)
    return True


def _ids(group: str) -> list[int]:
    return [int(i) for _, i in PH.findall(group)]


_SETTLE_ORDER = ("Company", "Location", "Product", "Organization")


def _settle(entity: Entity, slot_types) -> None:
    """An entity of open type takes the type the relation's slot wants."""
    if entity.type != "Other" or not slot_types:
        return
    if entity.properties.get("person_like") and "Person" in slot_types:
        entity.type = "Person"
        return
    entity.type = next((t for t in _SETTLE_ORDER if t in slot_types), entity.type)
    entity.properties.pop("fallback_type", None)


# city-states are where a firm is, like a city ("a Hong Kong-based company"), though on the country lists
CITY_STATES = frozenset({"Hong Kong", "Singapore", "Macau", "Macao", "Monaco"})


def _a_country(name: str) -> bool:
    return name in _countries() and name not in CITY_STATES


def _a_place(e: Entity) -> bool:
    """Typed a place, or left untyped by a place's name."""
    return e.type == "Location" or e.type == "Other" and e.properties.get("fallback_type") == "Location"


# "a unit / subsidiary of the Denver-based company": what names the firm after them is a parent
PARENT_OF_NOUNS = frozenset({"unit", "units", "subsidiary", "subsidiaries", "arm", "division", "affiliate", "branch", "part"})

TIE_WORDS = frozenset(TIE_CUES | ACQUISITION_NOUNS | {"acquired", "bought", "purchased", "invested", "backed", "founded",
                                                    "co-founded", "started", "launched", "founders", "investors", "backers",
                                                    "shareholders", "acquires", "buys", "invests", "backs", "founds", "merged",
                                                    "sold", "raised", "raises", "poured", "acquisitions", "purchases",
                                                    "headquarters", "became", "is", "was", "acquiring", "buying", "backing", "unit",
                                                    "units", "subsidiary", "subsidiaries", "division", "arm", "part", "branch",
                                                    "component", "affiliate", "shareholder", "investor", "backer", "founder",
                                                    "co-founder", "cofounder", "parent", "led", "portfolio", "backing", "created", "owns", "owned", "sells",
                                                    "directorate", "office", "bureau", "command", "center", "centre",
                                                    "laboratory", "service", "administration", "agency", "section", "team",
                                                    "program"})
TIE_TYPES = {
    "ACQUIRED": (("Company", "Organization", "Person"), ("Company",)),
    "INVESTED_IN": (("Company", "Organization", "Person", "Agency"), ("Company",)),
    "FOUNDED": (("Person", "Company", "Organization", "Agency"), ("Company", "Organization")),
    "SUBSIDIARY_OF": (("Company",), ("Company",)),
    "PART_OF": (("Agency", "Organization"), ("Agency", "Organization")),
    "LOCATED_IN": (("Company", "Organization", "Agency"), ("Location",)),
}


def _tie_fits(kind: str, src: Entity, tgt: Entity) -> bool:
    """Whether a tie the parse shows joins the kinds of party it is between ("bought the
    drones" is a purchase, not an acquisition; a place is only where a body is)."""
    sources, targets = TIE_TYPES[kind]
    tgt_type = tgt.properties.get("fallback_type") if tgt.type == "Other" and kind == "LOCATED_IN" else tgt.type
    return src.type in sources and tgt_type in targets and not (kind == "LOCATED_IN" and (
        tgt.properties.get("demonym") or _a_country(tgt.name)))  # (a country is not where annotators place a firm)


def _fits(relation: str, src: Entity, tgt: Entity, src_slot, tgt_slot) -> bool:
    def typ(e, slot):
        if e.type != "Other":
            return e.type
        if e.properties.get("person_like") and slot and "Person" in slot:
            return "Person"
        return next((t for t in _SETTLE_ORDER if slot and t in slot), "Company")
    return schema.allowed(relation, typ(src, src_slot), typ(tgt, tgt_slot))


def _conf(base: float, status: str) -> float:
    return round(base * (0.6 if status == "hedged" else 1.0), 2)


def _evidence(doc: Doc, sentence: tuple[int, int]) -> Evidence:
    a, b = sentence
    text = text_of(doc)[a:b]
    stripped = text.strip()
    a += len(text) - len(text.lstrip())
    return Evidence(stripped, a, a + len(stripped))


# a "not" or a modal that qualifies an amount or an embedded question, not the statement: "a not to
# exceed $5 million order", "an agreement that could be worth up to $10 billion", "study contracts to
# examine how commercial providers could meet its needs"
NOT_A_CUE = re.compile(r"\bnot[- ]to[- ]exceed\b|"
                       r"\b(?:could|may|might|would)\s+(?:be\s+worth|be\s+valued|reach|total|top|exceed|rise\s+to|grow\s+to|climb\s+to)\b|"
                       r"\bhow\b[^.;,]{0,60}?\b(?:could|may|might)\b", re.I)


# a cue that is also a month's name ("may") is only a cue in lower case: "in May 2020" hedges nothing
_MONTH_CUES = frozenset(("may",))
# "claims" the noun ("claims software", "veterans' disability claims"), not "X claims that" (looked for only
# where the window has the word)
CLAIMS_NOUN = re.compile(r"\b(?:the|its|their|his|her|of|for|on|benefits?|disability|insurance|unemployment|tax|medical|"
                         r"medicare|medicaid|veterans'?|fraudulent|false|pending|process(?:ing|ed|es)?|handl(?:e|es|ed|ing)|"
                         r"fil(?:e|es|ed|ing)|pa(?:y|ys|id|ying)|review(?:s|ed|ing)?)\s+claims\b|"
                         r"\bclaims\s+(?:software|processing|system|systems|data|backlog|process|processors?|platform|work|"
                         r"services|management|adjudication|payments?)\b", re.I)


def _cue_re(cues) -> re.Pattern:
    if not cues:
        return re.compile(r"(?!x)x")
    def alt(c: str) -> str:
        c = re.escape(c.replace("’", "'"))
        return f"(?-i:{c})" if c.split("\\ ")[0] in _MONTH_CUES else c
    alts = "|".join(alt(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.I)


AWARD_TYPES = (("modification", "modification"), ("task order", "task order"), ("delivery order", "delivery order"),
               ("other transaction agreement", "other transaction agreement"), ("cooperative agreement", "cooperative agreement"),
               ("grant", "grant"), ("contract", "contract"), ("purchase order", "purchase order"))
CEILING = re.compile(r"\b(?:not-to-exceed|not to exceed|maximum|ceiling|up to|cumulative value)\b", re.I)


def _award_type(text: str) -> tuple[str | None, bool]:
    """What kind of award the words after the amount describe, and whether the amount is a ceiling."""
    t = text.lower()
    first = min(((t.find(word), kind) for word, kind in AWARD_TYPES if word in t), default=(-1, None))
    money = t.find("⟦money")
    ceiling = bool(CEILING.search(t[:money + 20] if money >= 0 else t[:80]))
    return first[1], ceiling


def _event_date(text: str, reference: str) -> str | None:
    """A date phrase as an ISO prefix, if it is a plausible calendar date."""
    if re.search(r"\bfiscal\b|\bFY\b", text, re.I):
        return None
    iso = parse_date(text, reference)
    return iso if iso and "1900" <= iso[:4] <= "2100" else None


# a DoD award that states no amount in its lead states it later: per awardee ("Acme Inc. is
# receiving a contract for $X", "Acme: $X") or for the award as a whole ("The maximum dollar
# value ... for all five contracts combined is $X", "with an estimated value of $X")
DOD_VALUE = re.compile(
    r"\b(?:(?:maximum|ceiling|combined|cumulative|estimated|total|aggregate)(?: contract| dollar| potential| program| ceiling)?"
    r" (?:value|ceiling|amount)|program ceiling|contracts combined is)\b[^$.;]{0,80}?(?=\$\s?\d)")
DOD_OWN_VALUE = r"(?:,? (?:Inc|LLC|Corp|Co|Ltd)\.?)?(?: is receiving a contract for| will receive| is receiving|:) (?:a |an )?(?=\$\s?\d)"


# the day an award was made when it is not the announcement's: "(Awarded Aug. 21, 2015)",
# "was actually awarded on Oct. 1, 2015", "was awarded on May 11, 2015, a ...", "Correction: The
# contract awarded on Oct. 26, 2015, to ..."
DOD_AWARDED_ON = re.compile(r"(?:\(Awarded|\bactually awarded|\bwas awarded|\bhas been awarded|\b[Cc]ontract awarded) (?:on )?"
                            r"((?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4})")


def _dod_award_date(text: str, start: int, reference: str) -> str | None:
    end = text.find("\n", start)
    m = DOD_AWARDED_ON.search(text, start, end if end >= 0 else len(text))
    return _event_date(m.group(1), reference) if m else None


def _dod_amount(text: str, start: int, supplier: str | None) -> tuple[float, str] | None:
    end = text.find("\n", start)
    para = text[start:end if end >= 0 else len(text)]
    if supplier:
        short = re.sub(r",?\s+(?:Inc|LLC|Corp|Co|Ltd|L\.L\.C)\.?$", "", supplier)
        m = re.search("(?:" + "|".join(re.escape(v) for v in {supplier, short}) + ")" + DOD_OWN_VALUE, para)
        if m:
            return parse_money(para[m.end():m.end() + 40])
    m = DOD_VALUE.search(para)
    return parse_money(para[m.end():m.end() + 40]) if m else None


def frames_dated_by(rule) -> bool:
    """DoD awards take the announcement's date, never one from earlier in the sentence."""
    return rule.id in ("contract.dod_award", "contract.dod_receiving", "contract.dod_correction")


def _untemplate(s: str, entities, moneys, dates) -> str:
    def put(m):
        kind, i = m.group(1), int(m.group(2))
        if kind == "Money":
            return moneys[i][2]
        if kind == "Date":
            return dates[i]
        return entities[i].name
    return PH.sub(put, s)


def _title(rest: str, entities, moneys, dates) -> str | None:
    """What was bought: the phrase after "for" that follows an award ("... contract for X.")."""
    m = re.match(r"[^.;]{0,140}?\bfor\s+(?:the\s+)?(.{5,200}?)(?:\.\s|\.$|;|, (?:with|and|which|under|according)\b|$)", rest)
    if not m:
        return None
    title = _untemplate(m.group(1), entities, moneys, dates).strip(" ,")
    title = re.sub(r"\s*\([A-Z0-9-]{8,}\)", "", title)
    return title[:160] or None


def _quoted(template: str, entities, moneys, dates) -> str | None:
    m = QUOTED.search(template)
    return _untemplate(m.group(1), entities, moneys, dates).strip() if m else None


def _dedupe(relations: list[Relation]) -> list[Relation]:
    """One relation per (source, type, target) in a document: the best-supported one.
    Co-occurrence is dropped where a typed relation joins the same pair."""
    best: dict[tuple, Relation] = {}
    for r in relations:
        key = (r.source, r.type, r.target)
        if key not in best or r.confidence > best[key].confidence:
            best[key] = r
    typed_pairs = {frozenset((r.source, r.target)) for r in best.values() if r.type != "MENTIONED_WITH"}
    return [r for r in best.values() if r.type != "MENTIONED_WITH" or frozenset((r.source, r.target)) not in typed_pairs]


@Language.factory("kg_relations_v1", default_config={"cooccurrence": True, "max_cooccurring": 5})
def make_relation_finder(nlp: Language, name: str, cooccurrence: bool, max_cooccurring: int) -> RelationFinder:
    return RelationFinder(nlp, cooccurrence, max_cooccurring)

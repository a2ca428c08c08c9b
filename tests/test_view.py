"""Fast unit tests for kg.view (no browser; see test_view_browser.py for that)."""

from __future__ import annotations

import base64
import copy
import hashlib
import html as htmllib
import json
import random
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import kg.view as view
from kg.view import format_amount, render_html, write_html

XSS_IMG = "<img src=x onerror=\"document.title='pwned';window.__pwned=1\">"
XSS_SCRIPT = "</script><script>document.title='pwned';window.__pwned=2;alert(1)</script>"
XSS_TITLE = "Wickr & CBP </title><script>alert(3)</script>"
ODD_TEXT = "line\u2028separator\u2029 & <b>ampersand</b> -->"


def _ev(text, status="asserted", **kw):
    base = {"text": text, "article_id": "a1", "article_title": "CBP buys encrypted app",
            "outlet": "Example Times", "date": "2021-03-01", "url": "https://example.org/a1",
            "status": status, "confidence": 0.9}
    base.update(kw)
    return base


def sample_graph() -> dict:
    return {
        "nodes": [
            {"id": "agency:cbp", "name": "U.S. Customs and Border Protection", "type": "Agency",
             "roles": ["Investor"], "aliases": ["CBP"], "properties": {}},
            {"id": "agency:ice", "name": "Immigration and Customs Enforcement", "type": "Agency",
             "roles": [], "aliases": ["ICE"], "properties": {}},
            {"id": "company:wickr", "name": "Wickr", "type": "Company", "roles": ["Vendor"],
             "aliases": ["Wickr Inc."], "properties": {}},
            {"id": "company:amazon", "name": "Amazon", "type": "Company", "roles": [],
             "aliases": ["AWS"], "properties": {}},
            {"id": "contract:1", "name": "Wickr Enterprise licences", "type": "Contract", "roles": [],
             "aliases": [], "properties": {"amount": 714600, "currency": "USD", "date": "2020-09",
                                           "title": "Secure messaging licences"}},
            {"id": "person:joel", "name": "Joel Wallenstrom", "type": "Person", "roles": ["CEO"],
             "aliases": [], "properties": {}},
            {"id": "org:xss", "name": XSS_IMG, "type": "Organization", "roles": [XSS_SCRIPT],
             "aliases": [ODD_TEXT], "properties": {"note": XSS_SCRIPT}},
            {"id": "person:xss", "name": XSS_SCRIPT, "type": "Person", "roles": [], "aliases": [],
             "properties": {}},
            {"id": "law:foia", "name": "Freedom of Information Act", "type": "Law", "roles": [],
             "aliases": ["FOIA"], "properties": {}},
            {"id": "thing:x", "name": "Mystery", "type": "Spaceship", "roles": [], "aliases": [],
             "properties": {}},
        ],
        "edges": [
            {"source": "agency:cbp", "target": "company:wickr", "type": "PAID",
             "properties": {"amount": 714600, "currency": "USD", "date": "2020-09"}, "sources": 2,
             "evidence": [_ev("CBP paid Wickr $714,600 for licences."),
                          _ev("Records show the agency paid Wickr.", article_id="a2",
                              outlet="Daily Sample", url="http://example.net/a2")]},
            {"source": "agency:cbp", "target": "company:wickr", "type": "MENTIONED_WITH",
             "properties": {}, "sources": 4, "evidence": []},
            {"source": "agency:cbp", "target": "contract:1", "type": "AWARDED",
             "properties": {"date": "2020-09"}, "sources": 1, "evidence": [_ev("CBP awarded it.")]},
            {"source": "company:amazon", "target": "company:wickr", "type": "ACQUIRED",
             "properties": {"date": "2021-06"}, "sources": 1,
             "evidence": [_ev("Amazon may have acquired Wickr.", "hedged")]},
            {"source": "person:joel", "target": "company:wickr", "type": "WORKS_FOR",
             "properties": {}, "sources": 1, "evidence": [_ev("Wickr's CEO said")]},
            {"source": "org:xss", "target": "agency:ice", "type": "PAID",
             "properties": {"amount": 25_000_000, "currency": "USD"}, "sources": 1,
             "evidence": [_ev(XSS_SCRIPT, "denied", article_title=XSS_IMG, outlet=ODD_TEXT)]},
            {"source": "person:xss", "target": "org:xss", "type": "FOUNDED", "properties": {},
             "sources": 1, "evidence": [_ev(ODD_TEXT)]},
            {"source": "agency:ice", "target": "law:foia", "type": "MENTIONED_WITH",
             "properties": {}, "sources": 1, "evidence": []},
            {"source": "agency:ice", "target": "company:wickr", "type": "PAID",
             "properties": {"amount": 1200, "currency": "USD", "date": "2019-01"}, "sources": 1,
             "evidence": [_ev("ICE paid Wickr.", "asserted"), _ev("ICE denies paying.", "denied")]},
            {"source": "thing:x", "target": "company:wickr", "type": "OWNS", "properties": {},
             "sources": 1, "evidence": []},
        ],
    }


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def page() -> str:
    return render_html(sample_graph(), title=XSS_TITLE,
                       highlight_nodes=["agency:cbp", "company:wickr"],
                       highlight_edges=[("agency:cbp", "company:wickr", "PAID")])


def _scripts(page: str) -> list[tuple[str, str]]:
    """(opening tag, body) of every <script> element."""
    return re.findall(r"(<script\b[^>]*>)(.*?)</script>", page, flags=re.S | re.I)


def _data(page: str) -> dict:
    blocks = [body for tag, body in _scripts(page) if 'type="application/json"' in tag]
    assert len(blocks) == 1
    return json.loads(blocks[0])


def _vis_lib() -> str:
    return view._vis_network_js()[1]


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


# --------------------------------------------------------------------------
# self-contained: nothing is fetched from anywhere
# --------------------------------------------------------------------------

# Every URL-looking string inside the vis-network build pyvis ships, and why it
# is harmless: licence/banner comments, core-js' metadata object, an error
# message, and the SVG namespace name passed to createElementNS.
ALLOWED_LIB_URLS = {
    "https://visjs.github.io/vis-network/",      # banner comment
    "http://almende.com",                        # copyright comment
    "https://github.com/visjs",                  # copyright comment
    "http://www.apache.org/licenses/LICENSE-2.0",  # licence comment
    "http://opensource.org/licenses/MIT",        # licence comment
    "https://github.com/zloirock/core-js",       # core-js metadata string
    "https://github.com/zloirock/core-js/blob/v3.21.1/LICENSE",  # core-js metadata string
    "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",  # error message text
    "http://www.w3.org/2000/svg",                # XML namespace name, never fetched
}
URL_RE = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s\"'`)<>]*", re.I)
NETWORK_APIS = ("fetch(", "XMLHttpRequest", "WebSocket", "EventSource", "sendBeacon",
                "importScripts", "import(", "Worker(", "url(", "@import", "window.open",
                "location.", ".src=", "srcset", "<link", "<iframe", "<img", "<object", "<embed")


def test_vis_network_is_the_pyvis_copy_inlined_once(page):
    import pyvis

    lib = _vis_lib()
    shipped = sorted(Path(pyvis.__file__).parent.glob("templates/lib/vis-*/vis-network.min.js"))[-1]
    raw = shipped.read_text(encoding="utf-8")
    assert "sourceMappingURL" not in lib  # would make devtools try to fetch a .map
    assert lib.strip() == re.sub(r"\n//# sourceMappingURL=\S+\s*$", "", raw).strip()
    assert page.count(lib) == 1
    assert "@license" in lib and "MIT" in lib  # licence header kept with the code


def _without_library(page: str) -> str:
    lib = _vis_lib()
    assert page.count(lib) == 1
    return page.replace(lib, "")


def _markup_only(page: str) -> str:
    """The page minus the inlined library and minus the JSON data block."""
    rest = _without_library(page)
    return re.sub(r'(<script type="application/json" id="kg-data">).*?(</script>)', r"\1\2",
                  rest, count=1, flags=re.S)


def test_no_url_outside_the_inlined_library(page):
    rest = _without_library(page)  # our markup, CSS, JS *and* the data (article URLs included)
    assert "http://" not in rest.lower() and "https://" not in rest.lower()
    assert not URL_RE.findall(rest), URL_RE.findall(rest)
    for api in NETWORK_APIS:
        assert api not in rest, api
    markup = re.sub(r"(<(script|style)\b[^>]*>).*?(</\2>)", r"\1\3", _markup_only(page), flags=re.S)
    assert re.search(r"""\b(?:src|href|action|formaction|poster|data|background)\s*=""",
                     markup, re.I) is None
    # the article URLs are still there as data, with '/' escaped
    assert "https:\\/\\/example.org\\/a1" in rest


def test_library_urls_are_only_inert_strings():
    lib = _vis_lib()
    found = set(URL_RE.findall(lib))
    assert found <= ALLOWED_LIB_URLS, found - ALLOWED_LIB_URLS
    for api in NETWORK_APIS:
        if api in (".src=", "location."):  # only used by image-shape nodes / iframe polyfill
            continue
        assert api not in lib, api


def test_document_structure_loads_nothing(page):
    parser = _Tags()
    parser.feed(page)
    allowed_tags = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "div",
                    "input", "button", "span", "datalist", "main", "aside", "label", "svg", "rect",
                    "circle", "polygon", "line", "p", "script"}
    assert {t for t, _ in parser.tags} <= allowed_tags
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert name not in ("src", "href", "srcset", "action", "formaction", "poster"), (tag, name)
            assert "://" not in (value or ""), (tag, name, value)
    scripts = _scripts(page)
    assert len(scripts) == 3
    rest = _without_library(page).lower()  # vis-network has "<script>" in a core-js string
    assert rest.count("<script") == 3 and rest.count("</script") == 3
    assert "</script" not in _vis_lib().lower() and "<!--" not in _vis_lib()
    assert [tag for tag, _ in scripts] == ['<script type="application/json" id="kg-data">',
                                           "<script>", "<script>"]
    # vis-network must never be asked to load images
    for node in _data(page)["nodes"]:
        assert node["shape"] not in ("image", "circularImage") and "image" not in node


def test_csp_admits_exactly_our_inline_scripts(page):
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert m, "CSP meta missing"
    directives = dict(d.strip().split(" ", 1) for d in m.group(1).split(";"))
    assert directives["default-src"] == "'none'"
    hashes = set(re.findall(r"'sha256-[A-Za-z0-9+/=]+'", directives["script-src"]))
    assert "unsafe-inline" not in directives["script-src"]
    expected = {"'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
                for tag, body in _scripts(page) if "application/json" not in tag}
    assert hashes == expected and len(expected) == 2
    assert page.index("Content-Security-Policy") < page.lower().index("<script")


# --------------------------------------------------------------------------
# injection: article text is data, never markup
# --------------------------------------------------------------------------

def test_injected_text_appears_only_escaped(page):
    for payload in (XSS_IMG, XSS_SCRIPT, XSS_TITLE, ODD_TEXT):
        assert payload not in page
    page = _without_library(page)  # vis-network's own label parser mentions "<b>"
    assert "</title>" not in page.replace("</title>\n<style>", "", 1)
    lowered = page.lower()
    assert "<img" not in lowered and "<b>" not in lowered
    assert lowered.count("onerror") == lowered.count("\\u003cimg src=x onerror")
    # the data block carries the text in escaped form only
    block = [body for tag, body in _scripts(page) if "application/json" in tag][0]
    for ch in "<>&\u2028\u2029":
        assert ch not in block
    assert "</" not in block and "<!--" not in block
    assert "\\u003cimg src=x onerror=" in block
    assert "\\u003c\\/script\\u003e\\u003cscript\\u003e" in block
    # the page title is HTML-escaped and shows as the literal text
    escaped = htmllib.escape(XSS_TITLE, quote=True)
    assert f"<title>{escaped}</title>" in page
    parser = _Tags()
    parser.feed(page)
    assert parser.title == XSS_TITLE


def test_injected_text_round_trips_exactly(page):
    meta = _data(page)["meta"]
    assert meta["nodes"]["org:xss"]["name"] == XSS_IMG
    assert meta["nodes"]["org:xss"]["roles"] == [XSS_SCRIPT]
    assert meta["nodes"]["org:xss"]["aliases"] == [ODD_TEXT]
    assert meta["nodes"]["person:xss"]["name"] == XSS_SCRIPT
    ev = [e for e in meta["edges"].values() if e["source"] == "org:xss"][0]["evidence"][0]
    assert ev["text"] == XSS_SCRIPT and ev["article_title"] == XSS_IMG and ev["outlet"] == ODD_TEXT


def test_tooltips_use_text_nodes_not_html():
    js = view._APP_JS
    assert "innerHTML" not in js and "outerHTML" not in js and "insertAdjacentHTML" not in js
    assert "document.write" not in js and "eval(" not in js
    assert "textContent" in js
    # vis-network only parses labels as markup with font.multi = html/markdown
    assert '"multi"' not in json.dumps(_data(render_html(sample_graph()))["nodes"])


# --------------------------------------------------------------------------
# completeness
# --------------------------------------------------------------------------

def test_every_node_and_edge_is_embedded(page):
    g = sample_graph()
    data = _data(page)
    assert {n["id"] for n in data["nodes"]} == {n["id"] for n in g["nodes"]}
    assert set(data["meta"]["nodes"]) == {n["id"] for n in g["nodes"]}
    assert len(data["edges"]) == len(g["edges"]) == len(data["meta"]["edges"])
    vis_edges = sorted((e["from"], e["to"], data["meta"]["edges"][e["id"]]["type"]) for e in data["edges"])
    assert vis_edges == sorted((e["source"], e["target"], e["type"]) for e in g["edges"])
    by_key = {(e["source"], e["target"], e["type"]): e for e in data["meta"]["edges"].values()}
    for e in g["edges"]:
        got = by_key[(e["source"], e["target"], e["type"])]
        assert got["sources"] == e["sources"]
        assert got["properties"] == e["properties"]
        assert got["evidence"] == e["evidence"]  # including the article URLs
    for n in g["nodes"]:
        got = data["meta"]["nodes"][n["id"]]
        assert (got["name"], got["raw_type"], got["roles"], got["aliases"], got["properties"]) == \
            (n["name"], n["type"], n["roles"], n["aliases"], n["properties"])


def test_missing_endpoint_becomes_placeholder_and_empty_graph_renders():
    data = _data(render_html({"nodes": [], "edges": [
        {"source": "a", "target": "b", "type": "PAID", "properties": {}, "evidence": []}]}))
    assert {n["id"] for n in data["nodes"]} == {"a", "b"}
    assert data["meta"]["nodes"]["a"]["placeholder"] is True
    empty = render_html({"nodes": [], "edges": []})
    assert _data(empty)["nodes"] == [] and "0 entities" in empty


# --------------------------------------------------------------------------
# determinism
# --------------------------------------------------------------------------

def test_same_input_renders_byte_identical_output(page):
    kw = dict(title=XSS_TITLE, highlight_nodes=["agency:cbp", "company:wickr"],
              highlight_edges=[("agency:cbp", "company:wickr", "PAID")])
    assert render_html(sample_graph(), **kw) == page
    shuffled = copy.deepcopy(sample_graph())
    rng = random.Random(3)
    rng.shuffle(shuffled["nodes"])
    rng.shuffle(shuffled["edges"])
    shuffled["nodes"] = [dict(reversed(list(n.items()))) for n in shuffled["nodes"]]
    kw["highlight_nodes"] = ["company:wickr", "agency:cbp"]
    assert render_html(shuffled, **kw) == page
    options = _data(page)["options"]
    assert isinstance(options["layout"]["randomSeed"], int)


def test_write_html(tmp_path, capsys):
    out = write_html(sample_graph(), tmp_path / "g.html", title="t")
    assert isinstance(out, Path) and out.read_text(encoding="utf-8") == render_html(sample_graph(), title="t")
    assert capsys.readouterr() == ("", "")


# --------------------------------------------------------------------------
# styling
# --------------------------------------------------------------------------

def _edge(data, source, target, rel):
    for e in data["edges"]:
        m = data["meta"]["edges"][e["id"]]
        if (m["source"], m["target"], m["type"]) == (source, target, rel):
            return e, m
    raise KeyError((source, target, rel))


def test_format_amount():
    assert format_amount(714600, "USD") == "$714,600"
    assert format_amount(1234.5, "eur") == "\u20ac1,234.50"
    assert format_amount("2,000,000", "CHF") == "2,000,000 CHF"
    assert format_amount(12) == "12"
    assert format_amount("n/a", "USD") == "n/a"


def test_edge_labels_widths_and_styles():
    data = _data(render_html(sample_graph()))
    paid, meta = _edge(data, "agency:cbp", "company:wickr", "PAID")
    assert paid["label"] == "PAID $714,600\n2020-09"
    assert meta["amount_text"] == "$714,600"
    small, _ = _edge(data, "agency:ice", "company:wickr", "PAID")
    big, _ = _edge(data, "org:xss", "agency:ice", "PAID")
    plain, _ = _edge(data, "person:joel", "company:wickr", "WORKS_FOR")
    assert plain["width"] <= small["width"] < paid["width"] < big["width"] <= 10
    # log scale: x1000 in amount adds a constant width
    assert view._edge_width(1e8) - view._edge_width(1e6) == pytest.approx(
        view._edge_width(1e6) - view._edge_width(1e4), abs=0.02)
    assert view._edge_width(None) == view._edge_width("n/a") == view._edge_width(-5) == 1.5
    assert view._edge_width(1e15) == 10

    mention, mmeta = _edge(data, "agency:cbp", "company:wickr", "MENTIONED_WITH")
    assert mention["dashes"] and mention["color"]["color"] == view.MENTION_COLOUR
    assert mention["arrows"]["to"]["enabled"] is False
    # parallel to the PAID edge: both curved, with different arcs, not drawn on top of each other
    assert mention["smooth"]["type"] == paid["smooth"]["type"] == "curvedCW"
    assert mention["smooth"]["roundness"] != paid["smooth"]["roundness"]
    assert plain["smooth"]["type"] == "continuous"

    hedged, hmeta = _edge(data, "company:amazon", "company:wickr", "ACQUIRED")
    assert hmeta["status"] == "hedged" and hedged["dashes"]
    assert hedged["color"]["color"] == view.STATUS_STYLES["hedged"][0]
    assert "(hedged)" in hedged["label"]

    denied, dmeta = _edge(data, "org:xss", "agency:ice", "PAID")
    assert dmeta["status"] == "denied" and denied["color"]["color"] == view.STATUS_STYLES["denied"][0]
    disputed = _edge(data, "agency:ice", "company:wickr", "PAID")[1]
    assert disputed["status"] == "disputed"
    assert [ev["status"] for ev in disputed["evidence"]] == ["asserted", "denied"]
    assert paid["color"]["color"] == view.EDGE_COLOUR and paid["dashes"] is False


def test_edge_tooltips_count_articles_outlets_and_dates():
    """Counts kg.query gives are shown as they are; counts a hand-made graph lacks come from
    its evidence: retellings of one outlet count once, the URL's host stands in for an outlet."""
    evidence = [_ev("CBP paid Wickr.", article_id="r1", outlet="kg corpus", source_outlet="Motherboard", date="2021-04-09"),
                _ev("CBP paid Wickr.", article_id="r2", outlet="kg corpus", source_outlet="motherboard", date="2021-06-25"),
                _ev("CBP paid Wickr.", article_id="r3", outlet="", url="https://www.example.org/x", date="2019-03-01")]
    given = {"source": "a", "target": "b", "type": "OWNS", "sources": 5, "independent_sources": 4,
             "first_seen": "2018", "last_seen": "2020-02", "statuses": {"asserted": 4, "denied": 1}, "evidence": []}
    data = _data(render_html({"nodes": [], "edges": [
        {"source": "a", "target": "b", "type": "PAID", "sources": 3, "evidence": evidence}, given]}))
    _, derived = _edge(data, "a", "b", "PAID")
    assert (derived["outlets"], derived["first_seen"], derived["last_seen"]) == (2, "2019-03-01", "2021-06-25")
    assert derived["sourcing"] == "3 articles, 2 outlets, 2019-03-01 \u2013 2021-06-25"
    assert _edge(data, "a", "b", "OWNS")[1]["sourcing"] == "4 asserted, 1 denied \u00b7 5 articles, 4 outlets, 2018 \u2013 2020-02"
    # the tooltip shows it as text, next to the status badge
    assert "createTextNode(\" \\u00b7 \" + e.sourcing)" in view._APP_JS


def test_nodes_coloured_and_shaped_by_type_with_legend(page):
    data = _data(page)
    by_id = {n["id"]: n for n in data["nodes"]}
    for nid, typ in [("agency:ice", "Agency"), ("company:amazon", "Company"),
                     ("person:joel", "Person"), ("contract:1", "Contract"), ("law:foia", "Law"),
                     ("org:xss", "Organization"), ("thing:x", "Other")]:
        shape, colour = view.NODE_STYLES[typ]
        assert by_id[nid]["shape"] == shape and by_id[nid]["color"]["background"] == colour
    assert data["meta"]["nodes"]["thing:x"]["raw_type"] == "Spaceship"
    for typ in ("Agency", "Company", "Person", "Organization", "Contract", "Law", "Other"):
        assert f'<input type="checkbox" checked data-type="{typ}" id="kg-type-{typ}">' in page
    assert 'data-type="Location"' not in page  # only types present are listed
    assert 'id="kg-search"' in page and 'id="kg-search-go"' in page
    assert "highlighted path" in page and "hedged / alleged" in page


def test_highlighted_path_is_thicker_and_coloured(page):
    data = _data(page)
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id["agency:cbp"]["color"]["border"] == view.HIGHLIGHT
    assert by_id["agency:cbp"]["borderWidth"] > by_id["agency:ice"]["borderWidth"]
    hl, meta = _edge(data, "agency:cbp", "company:wickr", "PAID")
    other, _ = _edge(data, "agency:ice", "company:wickr", "PAID")
    plain = _data(render_html(sample_graph()))
    assert meta["highlight"] is True and hl["color"]["color"] == view.HIGHLIGHT
    assert hl["width"] > _edge(plain, "agency:cbp", "company:wickr", "PAID")[0]["width"]
    assert other["color"]["color"] != view.HIGHLIGHT
    # the MENTIONED_WITH edge between the same pair is not part of the path
    assert _edge(data, "agency:cbp", "company:wickr", "MENTIONED_WITH")[1]["highlight"] is False
    assert data["highlight"] == {"nodes": ["agency:cbp", "company:wickr"], "edges": [meta["id"]]}
    # a pair given against the edge direction still matches
    rev = _data(render_html(sample_graph(), highlight_edges=[("law:foia", "agency:ice")]))
    assert _edge(rev, "agency:ice", "law:foia", "MENTIONED_WITH")[1]["highlight"] is True

"""kg.view in a real headless Chromium, driven over the DevTools protocol.

Talks CDP directly through ``--remote-debugging-pipe`` (fds 3/4), so it needs
nothing beyond the standard library and a Chromium binary.  Set
``KG_CHROMIUM`` to pick the binary; it skips when none is found unless
``KG_REQUIRE_BROWSER`` is set.  Screenshots go to ``$KG_ARTIFACTS`` (default
``tests/artifacts/``).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from kg.view import write_html

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]

XSS_IMG = "<img src=x onerror=\"document.title='pwned';window.__pwned=1\">"
XSS_SCRIPT = "</script><script>document.title='pwned';window.__pwned=2;alert(1)</script>"
XSS_TITLE = "Wickr & CBP <img src=x onerror=\"document.title='pwned';alert(3)\">"


def _find_chromium() -> str | None:
    env = os.environ.get("KG_CHROMIUM")
    if env:
        return env if Path(env).exists() else shutil.which(env)
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


CHROMIUM = _find_chromium()


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
             "roles": [], "aliases": ["CBP"], "properties": {}},
            {"id": "agency:ice", "name": "Immigration and Customs Enforcement", "type": "Agency",
             "roles": [], "aliases": ["ICE"], "properties": {}},
            {"id": "company:wickr", "name": "Wickr", "type": "Company", "roles": ["Vendor"],
             "aliases": ["Wickr Inc."], "properties": {}},
            {"id": "company:amazon", "name": "Amazon", "type": "Company", "roles": ["Acquirer"],
             "aliases": ["AWS"], "properties": {}},
            {"id": "contract:1", "name": "Wickr Enterprise licences", "type": "Contract", "roles": [],
             "aliases": [], "properties": {"amount": 714600, "currency": "USD", "date": "2020-09",
                                           "title": "Secure messaging licences"}},
            {"id": "person:joel", "name": "Joel Wallenstrom", "type": "Person", "roles": ["CEO"],
             "aliases": [], "properties": {}},
            {"id": "org:xss", "name": XSS_IMG, "type": "Organization", "roles": [XSS_SCRIPT],
             "aliases": ["evil & co"], "properties": {"note": XSS_SCRIPT}},
            {"id": "person:xss", "name": XSS_SCRIPT, "type": "Person", "roles": [], "aliases": [],
             "properties": {}},
            {"id": "loc:ny", "name": "New York", "type": "Location", "roles": [], "aliases": [],
             "properties": {}},
            {"id": "law:foia", "name": "Freedom of Information Act", "type": "Law", "roles": [],
             "aliases": ["FOIA"], "properties": {}},
            {"id": "product:me", "name": "Wickr Me", "type": "Product", "roles": [], "aliases": [],
             "properties": {}},
        ],
        "edges": [
            {"source": "agency:cbp", "target": "company:wickr", "type": "PAID",
             "properties": {"amount": 714600, "currency": "USD", "date": "2020-09"}, "sources": 2,
             "evidence": [_ev("CBP paid Wickr $714,600 for licences."),
                          _ev("Records show the agency paid Wickr.", article_id="a2",
                              article_title="Border agency and Wickr", outlet="Daily Sample",
                              url="http://example.net/a2", confidence=0.8)]},
            {"source": "agency:cbp", "target": "contract:1", "type": "AWARDED",
             "properties": {"date": "2020-09"}, "sources": 1,
             "evidence": [_ev("CBP awarded the contract.")]},
            {"source": "contract:1", "target": "company:wickr", "type": "AWARDED_TO",
             "properties": {}, "sources": 1, "evidence": []},
            {"source": "company:amazon", "target": "company:wickr", "type": "ACQUIRED",
             "properties": {"date": "2021-06"}, "sources": 1,
             "evidence": [_ev("Amazon may have acquired Wickr.", "hedged", outlet="Rumour Weekly")]},
            {"source": "person:joel", "target": "company:wickr", "type": "WORKS_FOR",
             "properties": {}, "sources": 1, "evidence": [_ev("Joel Wallenstrom, Wickr's CEO, said")]},
            {"source": "org:xss", "target": "agency:ice", "type": "PAID",
             "properties": {"amount": 25_000_000, "currency": "USD"}, "sources": 1,
             "evidence": [_ev(XSS_SCRIPT, "denied", article_title=XSS_IMG, outlet="<b>bold</b>")]},
            {"source": "person:xss", "target": "org:xss", "type": "FOUNDED", "properties": {},
             "sources": 1, "evidence": [_ev("a \u2028 line separator & ampersand")]},
            {"source": "agency:cbp", "target": "agency:ice", "type": "MENTIONED_WITH",
             "properties": {}, "sources": 3, "evidence": []},
            {"source": "company:wickr", "target": "loc:ny", "type": "LOCATED_IN", "properties": {},
             "sources": 1, "evidence": []},
            {"source": "product:me", "target": "company:wickr", "type": "PRODUCT_OF",
             "properties": {}, "sources": 1, "evidence": []},
            {"source": "agency:ice", "target": "law:foia", "type": "MENTIONED_WITH",
             "properties": {}, "sources": 1, "evidence": []},
            {"source": "agency:ice", "target": "company:wickr", "type": "PAID",
             "properties": {"amount": 1200, "currency": "USD", "date": "2019-01"}, "sources": 1,
             "evidence": [_ev("ICE paid Wickr a small sum.")]},
        ],
    }


# --------------------------------------------------------------------------
# Minimal CDP client over --remote-debugging-pipe
# --------------------------------------------------------------------------

class CDPError(RuntimeError):
    pass


class Browser:
    def __init__(self, binary: str, profile: str, width: int = 1400, height: int = 900):
        # parent writes commands into to_r (child fd 3), reads replies from from_w (child fd 4)
        to_r, self._to_w = os.pipe()
        self._from_r, from_w = os.pipe()

        def child_fds():  # runs in the child between fork and exec
            a, b = os.dup(to_r), os.dup(from_w)
            os.dup2(a, 3)
            os.dup2(b, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        args = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", "--remote-debugging-pipe",
                "--disable-dev-shm-usage", "--disable-extensions", "--disable-default-apps",
                "--no-default-browser-check", "--mute-audio", "--hide-scrollbars",
                "--host-resolver-rules=MAP * ~NOTFOUND",  # no DNS: nothing outside can be reached
                "--disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions",
                f"--window-size={width},{height}", "about:blank"]
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, preexec_fn=child_fds,
                                     close_fds=False)
        os.close(to_r)
        os.close(from_w)
        self._next = 0
        self._replies: dict[int, dict] = {}
        self.events: list[dict] = []
        self._cv = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._stderr: list[bytes] = []
        threading.Thread(target=lambda: self._stderr.extend(self.proc.stderr), daemon=True).start()

    def _read(self):
        buf = b""
        while True:
            try:
                chunk = os.read(self._from_r, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                with self._cv:
                    self._cv.notify_all()
                return
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                msg = json.loads(raw)
                with self._cv:
                    if "id" in msg:
                        self._replies[msg["id"]] = msg
                    else:
                        self.events.append(msg)
                    self._cv.notify_all()

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 30.0) -> dict:
        with self._cv:
            self._next += 1
            mid = self._next
        msg = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        with self._cv:
            while mid not in self._replies:
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise CDPError(f"no reply to {method}; stderr: "
                                   + b"".join(self._stderr).decode(errors="replace")[-2000:])
                self._cv.wait(min(left, 0.5))
            reply = self._replies.pop(mid)
        if "error" in reply:
            raise CDPError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        for fd in (self._to_w, self._from_r):
            try:
                os.close(fd)
            except OSError:
                pass


class Page:
    def __init__(self, browser: Browser):
        self.b = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget",
                                    {"targetId": target, "flatten": True})["sessionId"]

    def send(self, method, params=None, timeout=30.0):
        return self.b.send(method, params, session=self.session, timeout=timeout)

    def eval(self, expression: str, timeout: float = 30.0):
        res = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                             "awaitPromise": True}, timeout=timeout)
        if "exceptionDetails" in res:
            raise CDPError(f"JS error in {expression!r}: {res['exceptionDetails']}")
        return res["result"].get("value")

    def events(self, method: str) -> list[dict]:
        return [e for e in list(self.b.events)
                if e.get("method") == method and e.get("sessionId") == self.session]

    def _no_dialog(self):
        dialogs = self.events("Page.javascriptDialogOpening")
        if dialogs:  # a blocking alert() would otherwise just look like a hang
            raise AssertionError(f"a JavaScript dialog was opened: {dialogs[0]['params']}")

    def wait_load(self, timeout: float = 30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._no_dialog()
            if self.events("Page.loadEventFired"):
                return
            time.sleep(0.05)
        raise CDPError("timed out waiting for the load event")

    def wait_for(self, expression: str, timeout: float = 30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._no_dialog()
            if self.eval(expression):
                return
            time.sleep(0.1)
        raise CDPError(f"timed out waiting for {expression}")

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def mouse(self, kind: str, x: float, y: float, **extra):
        self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, **extra})


# --------------------------------------------------------------------------
# The test
# --------------------------------------------------------------------------

@pytest.fixture
def artifacts() -> Path:
    out = Path(os.environ.get("KG_ARTIFACTS") or REPO / "tests" / "artifacts")
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture
def page(tmp_path):
    if CHROMIUM is None:
        reason = "no chromium binary found (install Debian's `chromium` or set KG_CHROMIUM)"
        if os.environ.get("KG_REQUIRE_BROWSER"):
            pytest.fail(reason + "; KG_REQUIRE_BROWSER is set")
        pytest.skip(reason)
    profile = tempfile.mkdtemp(prefix="kg-chromium-", dir=tmp_path)
    browser = Browser(CHROMIUM, profile)
    try:
        p = Page(browser)
        for domain in ("Page", "Runtime", "Log", "Network"):
            p.send(f"{domain}.enable")
        p.send("Network.emulateNetworkConditions", {"offline": True, "latency": 0,
                                                     "downloadThroughput": -1,
                                                     "uploadThroughput": -1})
        p.send("Emulation.setDeviceMetricsOverride", {"width": 1400, "height": 900,
                                                       "deviceScaleFactor": 1, "mobile": False})
        yield p
    finally:
        browser.close()


def _node_screen_pos(page: Page, node_id: str) -> tuple[float, float]:
    pos = page.eval(
        "(() => { const v = window.kgView, id = %s;"
        " const p = v.network.canvasToDOM(v.network.getPositions([id])[id]);"
        " const r = document.getElementById('kg-graph').getBoundingClientRect();"
        " return [r.left + p.x, r.top + p.y]; })()" % json.dumps(node_id))
    return pos[0], pos[1]


def test_page_in_headless_chromium(page: Page, tmp_path, artifacts):
    html_path = write_html(sample_graph(), tmp_path / "graph.html", title=XSS_TITLE,
                           highlight_nodes=["agency:cbp", "company:wickr"],
                           highlight_edges=[("agency:cbp", "company:wickr", "PAID")])
    url = html_path.resolve().as_uri()

    page.send("Page.navigate", {"url": url})
    page.wait_load()
    page.wait_for("window.kgView !== undefined && window.kgView.ready === true")

    # -- it loaded and nothing was executed from the data ------------------
    assert page.eval("document.title") == XSS_TITLE
    assert page.eval("document.querySelector('header h1').textContent") == XSS_TITLE
    assert page.eval("typeof window.__pwned") == "undefined"
    assert page.eval("document.querySelectorAll('img').length") == 0
    assert page.eval("document.scripts.length") == 3

    # -- the graph is drawn ------------------------------------------------
    painted = page.eval("""(() => {
        const c = document.querySelector('#kg-graph canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; const colours = new Set();
        for (let i = 0; i < d.length; i += 4) {
            if (d[i + 3] > 0 && !(d[i] > 245 && d[i + 1] > 245 && d[i + 2] > 245)) {
                n++; colours.add((d[i] >> 4) + ',' + (d[i + 1] >> 4) + ',' + (d[i + 2] >> 4));
            }
        }
        return {painted: n, colours: colours.size, w: c.width, h: c.height};
    })()""")
    assert painted["w"] > 400 and painted["h"] > 300, painted
    assert painted["painted"] > 0.01 * painted["w"] * painted["h"], painted
    assert painted["colours"] >= 8, painted  # several entity colours, not a blank/flat canvas
    assert page.eval("kgView.nodes.length") == 11
    assert page.eval("kgView.edges.length") == 12

    shot = page.screenshot(artifacts / "view.png")
    assert shot.stat().st_size > 10_000

    # -- hover tooltip of the injected node: shown as text, no markup ------
    x, y = _node_screen_pos(page, "org:xss")
    page.mouse("mouseMoved", x, y)
    page.wait_for("(() => { const t = document.querySelector('div.vis-tooltip');"
                  " return !!t && t.style.visibility === 'visible'; })()", timeout=10)
    tip = page.eval("(() => { const t = document.querySelector('div.vis-tooltip');"
                    " return {text: t.textContent, h3: t.querySelector('h3').textContent,"
                    " elements: t.querySelectorAll('img,script,b').length}; })()")
    assert tip["h3"] == XSS_IMG
    assert XSS_SCRIPT in tip["text"]
    assert tip["elements"] == 0
    page.screenshot(artifacts / "view-tooltip.png")
    page.mouse("mouseMoved", 5, 5)  # leave the canvas: the tooltip closes
    page.wait_for("document.querySelector('div.vis-tooltip').style.visibility === 'hidden'",
                  timeout=10)

    # -- clicking an edge fills the details panel with all evidence --------
    details = page.eval("""(() => {
        const id = Object.keys(kgView.data.meta.edges).find(k => kgView.data.meta.edges[k].source === 'org:xss');
        const box = kgView.edgeTooltip(id, true);
        return {text: box.textContent, elements: box.querySelectorAll('img,script,b').length};
    })()""")
    assert XSS_SCRIPT in details["text"] and XSS_IMG in details["text"]
    assert "<b>bold</b>" in details["text"] and details["elements"] == 0
    assert "DENIED" in details["text"].upper()
    # the CBP -> Wickr payment: two articles from two outlets, in the tooltip's summary line
    paid = page.eval("""(() => {
        const id = Object.keys(kgView.data.meta.edges).find(k => {
            const e = kgView.data.meta.edges[k];
            return e.source === 'agency:cbp' && e.target === 'company:wickr' && e.type === 'PAID'; });
        return kgView.edgeTooltip(id, false).querySelector('.kg-sub').textContent;
    })()""")
    assert "2 articles, 2 outlets" in paid, paid

    # -- search box: type an alias, press Enter -> node focused & selected --
    page.eval("document.getElementById('kg-search').focus()")
    page.send("Input.insertText", {"text": "CBP"})
    for kind in ("keyDown", "keyUp"):
        page.send("Input.dispatchKeyEvent", {"type": kind, "key": "Enter", "code": "Enter",
                                             "windowsVirtualKeyCode": 13})
    page.wait_for("kgView.network.getSelectedNodes().join() === 'agency:cbp'", timeout=10)
    assert page.eval("document.getElementById('kg-search-status').textContent") \
        == "Found: U.S. Customs and Border Protection"
    assert "U.S. Customs and Border Protection" in page.eval(
        "document.getElementById('kg-details').textContent")
    time.sleep(0.6)  # let the focus animation finish for the screenshot
    page.screenshot(artifacts / "view-search.png")

    # -- type filter checkbox hides / shows nodes -----------------------------
    page.eval("document.getElementById('kg-type-Person').click()")
    assert page.eval("kgView.nodes.get('person:joel').hidden") is True
    assert page.eval("kgView.nodes.get('company:wickr').hidden") is not True
    page.eval("document.getElementById('kg-type-Person').click()")
    assert page.eval("kgView.nodes.get('person:joel').hidden") is False

    # -- nothing ran, nothing went to the network, nothing complained --------
    assert page.eval("document.title") == XSS_TITLE
    assert page.eval("typeof window.__pwned") == "undefined"
    assert not page.events("Page.javascriptDialogOpening"), "a dialog (alert) was opened"

    requested = [e["params"]["request"]["url"] for e in page.events("Network.requestWillBeSent")]
    assert requested and set(requested) == {url}, requested

    errors = [e["params"]["entry"] for e in page.events("Log.entryAdded")
              if e["params"]["entry"]["level"] == "error"]
    errors += [e["params"] for e in page.events("Runtime.consoleAPICalled")
               if e["params"]["type"] in ("error", "assert")]
    errors += [e["params"] for e in page.events("Runtime.exceptionThrown")]
    assert not errors, errors
